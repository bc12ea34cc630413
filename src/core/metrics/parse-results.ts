// Reads one results JSON (the contract in results.ts and schema/results.schema.json) into a typed
// RunResults, or fails with a message naming the file and the field: `results.json: nodes[2].rows:
// expected a non-negative integer, got "12"`. Hand-written rather than ajv because ajv is a
// development dependency, its messages name JSON pointers rather than what to do, and summarising a
// thousand files must stay fast. Unknown properties are ignored (a newer leader may add fields
// within schemaVersion 1); everything the schema requires is checked.
import { describeValue, inputError } from '../errors.js';
import { PALETTE_NAMES } from '../render/palette-data.js';
import { COLORINGS } from '../render/image-spec.js';
import { GC_KINDS, type GcStats, type ProcessMetrics } from './process-metrics.js';
import { NODE_ROLES, RESULTS_KIND, RESULTS_SCHEMA_VERSION, SCHEDULERS } from './results.js';
import type { LostWorker, NodeMetrics, RunInterruption, RunResults } from './results.js';
import { FieldReader, RESULTS_ERROR_CODES, type Json } from './field-reader.js';
import { readLabels, readNetwork } from './parse-network.js';

export { RESULTS_ERROR_CODES } from './field-reader.js';


/** "Unexpected token } in JSON at position 42" -> "line 3, column 7: Unexpected token }". */
const describeJsonError = (text: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'the file is empty';
  const match = /at position (\d+)/.exec(message);
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
  if (!match?.[1]) return reason;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${reason}`;
};

/** Top-level checks that tell "not ours" and "too new" apart from "ours but broken". */
const checkIdentity = (file: string, value: unknown): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw inputError(
      RESULTS_ERROR_CODES.foreign,
      `${file}: expected a JSON object (a fractal results file), got ${Array.isArray(value) ? 'an array' : describeValue(value)}`,
      ['pass the results.json of a run, a run directory or a sweep directory'],
    );
  }
  const o = value as Json;
  const kind = o['kind'];
  if (kind !== RESULTS_KIND) {
    const ours = typeof kind === 'string' && kind.startsWith('fractal-');
    throw inputError(
      RESULTS_ERROR_CODES.foreign,
      `${file}: kind: expected ${JSON.stringify(RESULTS_KIND)}, got ${describeValue(kind)}: this is not a fractal results file`,
      [
        ours
          ? 'this is another fractal file (e.g. a sweep manifest): pass the directory that holds it instead'
          : 'pass the results.json of a run, a run directory or a sweep directory',
      ],
    );
  }
  const version = o['schemaVersion'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw inputError(RESULTS_ERROR_CODES.field, `${file}: schemaVersion: expected a positive integer, got ${describeValue(version)}`);
  }
  if (version > RESULTS_SCHEMA_VERSION) {
    throw inputError(
      RESULTS_ERROR_CODES.newer,
      `${file}: schemaVersion: ${version} is newer than this fractal reads (schemaVersion ${RESULTS_SCHEMA_VERSION})`,
      ['upgrade fractal to the version that wrote the file (fractal version shows this one)'],
    );
  }
  if (version !== RESULTS_SCHEMA_VERSION) {
    throw inputError(RESULTS_ERROR_CODES.field, `${file}: schemaVersion: expected ${RESULTS_SCHEMA_VERSION}, got ${version}`);
  }
  return o;
};

const readGc = (r: FieldReader, o: Json, path: string): GcStats => ({
  count: r.integer(o, 'count', path),
  pauseMs: r.number(o, 'pauseMs', path),
});

const readProcess = (r: FieldReader, value: unknown, path: string): ProcessMetrics | null => {
  if (value === null) return null;
  const o = r.object(value, path);
  const gcObject = r.object(o['gc'], `${path}.gc`);
  const gc = {} as Record<(typeof GC_KINDS)[number], GcStats>;
  for (const kind of GC_KINDS) gc[kind] = readGc(r, r.object(gcObject[kind], `${path}.gc.${kind}`), `${path}.gc.${kind}`);
  const loopPath = `${path}.eventLoop`;
  const loop = r.object(o['eventLoop'], loopPath);
  return {
    cpuUserMs: r.number(o, 'cpuUserMs', path),
    cpuSystemMs: r.number(o, 'cpuSystemMs', path),
    maxRssBytes: r.integer(o, 'maxRssBytes', path),
    heapUsedBytes: r.integer(o, 'heapUsedBytes', path),
    heapTotalBytes: r.integer(o, 'heapTotalBytes', path),
    gc,
    eventLoop: {
      utilization: r.number(loop, 'utilization', loopPath, { min: 0, max: 1 }),
      delayP50Ms: r.number(loop, 'delayP50Ms', loopPath),
      delayP99Ms: r.number(loop, 'delayP99Ms', loopPath),
      delayMaxMs: r.number(loop, 'delayMaxMs', loopPath),
    },
  };
};

const readNode = (r: FieldReader, value: unknown, path: string): NodeMetrics => {
  const o = r.object(value, path);
  return {
    rank: r.integer(o, 'rank', path),
    host: r.string(o, 'host', path),
    role: r.oneOf(o, 'role', path, NODE_ROLES),
    threads: r.integer(o, 'threads', path),
    units: r.integer(o, 'units', path),
    rows: r.integer(o, 'rows', path),
    pixels: r.integer(o, 'pixels', path),
    iterations: r.integer(o, 'iterations', path),
    computeMs: r.number(o, 'computeMs', path),
    idleMs: r.number(o, 'idleMs', path),
    bytesSent: r.integer(o, 'bytesSent', path),
    bytesReceived: r.integer(o, 'bytesReceived', path),
    reconnects: r.integer(o, 'reconnects', path),
    lost: r.boolean(o, 'lost', path),
    ...(o['kernel'] === undefined ? {} : { kernel: r.optionalLabel(o, 'kernel', path, 64) }),
    process: readProcess(r, o['process'], `${path}.process`),
    ...(o['network'] === undefined ? {} : { network: readNetwork(r, o['network'], `${path}.network`) }),
  };
};

const readInterruption = (r: FieldReader, value: unknown, path: string): RunInterruption => {
  const o = r.object(value, path);
  return {
    attempt: r.integer(o, 'attempt', path, 1),
    at: r.dateTime(o, 'at', path),
    reason: r.string(o, 'reason', path),
    unitsDone: r.integer(o, 'unitsDone', path),
  };
};

const readLostWorker = (r: FieldReader, value: unknown, path: string): LostWorker => {
  const o = r.object(value, path);
  return {
    rank: r.integer(o, 'rank', path),
    host: r.string(o, 'host', path),
    reason: r.string(o, 'reason', path),
    requeuedUnits: r.integer(o, 'requeuedUnits', path),
  };
};

/** Checks an already-parsed value; `file` is how messages name it. */
export const validateResults = (value: unknown, file: string): RunResults => {
  const root = checkIdentity(file, value);
  const r = new FieldReader(file);
  const sub = (key: string): Json => r.object(root[key], key);

  const tool = sub('tool');
  const run = sub('run');
  const scheduler = sub('scheduler');
  const options = sub('options');
  const image = r.object(options['image'], 'options.image');
  const input = r.object(options['input'], 'options.input');
  const png = sub('image');
  const timings = sub('timings');
  const work = sub('work');
  const rejected = r.object(work['rejectedResults'], 'work.rejectedResults');
  const lostWorkers = r.array(work['lostWorkers'], 'work.lostWorkers');
  const nodes = r.array(root['nodes'], 'nodes', 1);

  const sha = r.string(png, 'sha256', 'image');
  if (!/^[0-9a-f]{64}$/.test(sha)) r.fail('image.sha256', '64 lowercase hex digits', sha);

  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    kind: RESULTS_KIND,
    ...(root['labels'] === undefined ? {} : { labels: readLabels(r, root['labels'], 'labels') }),
    tool: {
      name: r.constant(tool, 'name', 'tool', 'fractal'),
      version: r.string(tool, 'version', 'tool'),
      node: r.string(tool, 'node', 'tool'),
      protocol: r.string(tool, 'protocol', 'tool'),
    },
    run: {
      id: r.string(run, 'id', 'run', 1),
      mode: r.oneOf(run, 'mode', 'run', ['render', 'distributed'] as const),
      startedAt: r.dateTime(run, 'startedAt', 'run'),
      finishedAt: r.dateTime(run, 'finishedAt', 'run'),
      // absent in files written before checkpoints existed
      attempt: run['attempt'] === undefined ? 1 : r.integer(run, 'attempt', 'run', 1),
      interruptions: run['interruptions'] === undefined ? [] : r.array(run['interruptions'], 'run.interruptions').map((v, i) => readInterruption(r, v, `run.interruptions[${i}]`)),
    },
    scheduler: {
      name: r.oneOf(scheduler, 'name', 'scheduler', SCHEDULERS),
      jobId: r.nullableString(scheduler, 'jobId', 'scheduler'),
      nodeList: r.nullableString(scheduler, 'nodeList', 'scheduler'),
      size: r.integer(scheduler, 'size', 'scheduler', 1),
    },
    options: {
      image: {
        width: r.integer(image, 'width', 'options.image', 2),
        height: r.integer(image, 'height', 'options.image', 1),
        xpos: r.number(image, 'xpos', 'options.image', {}),
        ypos: r.number(image, 'ypos', 'options.image', {}),
        escapeRadius: r.number(image, 'escapeRadius', 'options.image', { above: 0 }),
        iters: r.integer(image, 'iters', 'options.image', 1),
        step: r.integer(image, 'step', 'options.image', 1),
        palette: r.oneOf(image, 'palette', 'options.image', PALETTE_NAMES),
        coloring: r.oneOf(image, 'coloring', 'options.image', COLORINGS),
      },
      input: {
        width: r.integer(input, 'width', 'options.input', 1),
        height: r.integer(input, 'height', 'options.input', 1),
        smoothness: r.integer(input, 'smoothness', 'options.input', 1),
      },
      chunkRows: r.integer(options, 'chunkRows', 'options', 1),
      workersExpected: r.integer(options, 'workersExpected', 'options'),
      threadsPerNode: r.integer(options, 'threadsPerNode', 'options', 1),
    },
    image: {
      path: r.string(png, 'path', 'image'),
      width: r.integer(png, 'width', 'image', 1),
      height: r.integer(png, 'height', 'image', 1),
      bytes: r.integer(png, 'bytes', 'image'),
      sha256: sha,
    },
    timings: {
      wallMs: r.number(timings, 'wallMs', 'timings'),
      joinMs: r.number(timings, 'joinMs', 'timings'),
      timeToFirstUnitMs: r.number(timings, 'timeToFirstUnitMs', 'timings'),
      renderMs: r.number(timings, 'renderMs', 'timings'),
      encodeMs: r.number(timings, 'encodeMs', 'timings'),
      writeMs: r.number(timings, 'writeMs', 'timings'),
    },
    work: {
      units: r.integer(work, 'units', 'work'),
      rows: r.integer(work, 'rows', 'work'),
      pixels: r.integer(work, 'pixels', 'work'),
      iterations: r.integer(work, 'iterations', 'work'),
      requeuedUnits: r.integer(work, 'requeuedUnits', 'work'),
      resumedUnits: work['resumedUnits'] === undefined ? 0 : r.integer(work, 'resumedUnits', 'work'),
      rejectedResults: {
        duplicate: r.integer(rejected, 'duplicate', 'work.rejectedResults'),
        outOfRange: r.integer(rejected, 'outOfRange', 'work.rejectedResults'),
        malformed: r.integer(rejected, 'malformed', 'work.rejectedResults'),
        unauthenticated: r.integer(rejected, 'unauthenticated', 'work.rejectedResults'),
      },
      lostWorkers: lostWorkers.map((w, i) => readLostWorker(r, w, `work.lostWorkers[${i}]`)),
    },
    nodes: nodes.map((n, i) => readNode(r, n, `nodes[${i}]`)),
  };
};

/** Parses the text of one results file; `file` is how messages name it. */
export const parseResults = (text: string, file: string): RunResults => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(RESULTS_ERROR_CODES.notJson, `${file}: not JSON (${describeJsonError(text, error)})`, [
      'pass the results.json that a run wrote; a half-written file means the run did not finish',
    ]);
  }
  return validateResults(value, file);
};
