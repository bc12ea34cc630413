// Assembles the results JSON (the contract in results.ts and schema/results.schema.json) of a
// distributed run, from what the leader measured and what its workers reported, and of a
// `fractal render`, one process that is its own single node. Pure: the caller gathers, this
// shapes, test/unit/build-results.test.ts validates the shape with ajv.
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
  return {
    ...common(input, 'distributed'),
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

export interface RenderResultsInput extends Omit<DistributedResultsInput, 'scheduler' | 'workersExpected' | 'work' | 'leader' | 'workers'> {
  /** The one node: rank 0, role 'render', what its threads computed. */
  node: NodeMetrics;
}

/**
 * A `fractal render` as a run of its own: mode 'render', a job of one task on no scheduler, one
 * node that computed everything (no join, no wire, nothing re-queued), so that a scaling study can
 * put it beside distributed runs of the same picture as their one-process baseline.
 */
export const buildRenderResults = (input: RenderResultsInput): RunResults => {
  const node = tidyNode(input.node);
  return {
    ...common({ ...input, scheduler: { name: 'none', jobId: null, nodeList: null, size: 1 }, workersExpected: 0 }, 'render'),
    work: {
      units: node.units,
      rows: node.rows,
      pixels: node.pixels,
      iterations: node.iterations,
      requeuedUnits: 0,
      resumedUnits: 0,
      rejectedResults: { duplicate: 0, outOfRange: 0, malformed: 0, unauthenticated: 0 },
      lostWorkers: [],
    },
    nodes: [node],
  };
};

/** What both kinds of run record alike. */
const common = (input: Omit<DistributedResultsInput, 'work' | 'leader' | 'workers'>, mode: RunResults['run']['mode']): Omit<RunResults, 'work' | 'nodes'> => {
  const { spec } = input;
  const resume = input.resume ?? FIRST_ATTEMPT;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: RESULTS_KIND,
    ...(input.labels && Object.keys(input.labels).length > 0 ? { labels: { ...input.labels } } : {}),
    tool: { name: 'fractal', version: input.toolVersion, node: input.nodeVersion, protocol: PROTOCOL_VERSION },
    run: {
      id: input.runId,
      mode,
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
  };
};
