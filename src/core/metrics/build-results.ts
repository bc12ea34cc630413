// Assembles the results JSON of a distributed run (the contract in results.ts and
// schema/results.schema.json) from what the leader measured and what its workers reported. Pure:
// the leader gathers, this shapes, test/unit/build-results.test.ts validates the shape with ajv.
import type { ImageSpec } from '../render/image-spec.js';
import { PROTOCOL_VERSION } from '../version.js';
import type { Labels } from './labels.js';
import { RESULTS_KIND, RESULTS_SCHEMA_VERSION, type NodeMetrics, type RunResults } from './results.js';

export interface DistributedResultsInput {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  toolVersion: string;
  /** The study's --label pairs; none: no labels field. */
  labels?: Labels;
  nodeVersion: string;
  scheduler: RunResults['scheduler'];
  spec: ImageSpec;
  input: RunResults['options']['input'];
  chunkRows: number;
  workersExpected: number;
  threadsPerNode: number;
  image: RunResults['image'];
  timings: RunResults['timings'];
  work: Omit<RunResults['work'], 'units' | 'rows' | 'pixels' | 'iterations' | 'resumedUnits'> & { units: number };
  leader: NodeMetrics;
  /** In any order; the file lists them by rank after the leader. */
  workers: NodeMetrics[];
  /** What a checkpoint carried over from earlier attempts; left out: a first attempt. */
  resume?: { attempt: number; resumedUnits: number; interruptions: RunResults['run']['interruptions'] };
}

/** Milliseconds to the microsecond: enough for any timing here, and readable. */
const ms = (value: number): number => Math.max(0, Math.round(value * 1000) / 1000);

const tidyNode = (node: NodeMetrics): NodeMetrics => ({ ...node, computeMs: ms(node.computeMs), idleMs: ms(node.idleMs) });

const FIRST_ATTEMPT = { attempt: 1, resumedUnits: 0, interruptions: [] };

export const buildDistributedResults = (input: DistributedResultsInput): RunResults => {
  const resume = input.resume ?? FIRST_ATTEMPT;
  const workers = [...input.workers].sort((a, b) => a.rank - b.rank).map(tidyNode);
  const { spec } = input;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: RESULTS_KIND,
    ...(input.labels && Object.keys(input.labels).length > 0 ? { labels: { ...input.labels } } : {}),
    tool: { name: 'fractal', version: input.toolVersion, node: input.nodeVersion, protocol: PROTOCOL_VERSION },
    run: {
      id: input.runId,
      mode: 'distributed',
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      attempt: resume.attempt,
      interruptions: resume.interruptions,
    },
    scheduler: input.scheduler,
    options: {
      // field by field: the schema admits exactly these
      image: {
        width: spec.width,
        height: spec.height,
        xpos: spec.xpos,
        ypos: spec.ypos,
        escapeRadius: spec.escapeRadius,
        iters: spec.iters,
        step: spec.step,
        palette: spec.palette,
        coloring: spec.coloring,
      },
      input: input.input,
      chunkRows: input.chunkRows,
      workersExpected: input.workersExpected,
      threadsPerNode: input.threadsPerNode,
    },
    image: input.image,
    timings: {
      wallMs: ms(input.timings.wallMs),
      joinMs: ms(input.timings.joinMs),
      timeToFirstUnitMs: ms(input.timings.timeToFirstUnitMs),
      renderMs: ms(input.timings.renderMs),
      encodeMs: ms(input.timings.encodeMs),
      writeMs: ms(input.timings.writeMs),
    },
    work: {
      units: input.work.units,
      rows: workers.reduce((sum, w) => sum + w.rows, 0),
      pixels: workers.reduce((sum, w) => sum + w.pixels, 0),
      iterations: workers.reduce((sum, w) => sum + w.iterations, 0),
      requeuedUnits: input.work.requeuedUnits,
      resumedUnits: resume.resumedUnits,
      rejectedResults: input.work.rejectedResults,
      lostWorkers: input.work.lostWorkers,
    },
    nodes: [tidyNode(input.leader), ...workers],
  };
};
