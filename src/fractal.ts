// The CLI in one module: oclif and every command, bundled by scripts/build-bundle.mjs into
// dist/fractal.js with everything they import. A task of a distributed run starts by loading
// this one file instead of some 300 (oclif, grpc-js, protobufjs and fractal's own modules), which
// takes a worker to its leader about a third sooner. bin/run.js runs the bundle, bin/dev.js this
// source through tsx; package.json's oclif section finds the commands here (oclif's "explicit"
// command strategy: dist/fractal.js, which oclif maps back to this file in development).
import Leader from './commands/leader.js';
import MetricsSummarize from './commands/metrics/summarize.js';
import Outcome from './commands/outcome.js';
import Palettes from './commands/palettes.js';
import Render from './commands/render.js';
import Run from './commands/run.js';
import Submit from './commands/submit.js';
import Version from './commands/version.js';
import Worker from './commands/worker.js';

export { execute } from '@oclif/core';

export const COMMANDS = {
  leader: Leader,
  'metrics:summarize': MetricsSummarize,
  outcome: Outcome,
  palettes: Palettes,
  render: Render,
  run: Run,
  submit: Submit,
  version: Version,
  worker: Worker,
};
