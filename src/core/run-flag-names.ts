// The flags of `fractal run` that fractal writes itself: `fractal submit` puts them on the command
// line of every task in a job script (fractalRunArgs). The oclif flag definitions (src/cli,
// src/commands) are keyed by these names, so a rename here renames the flag, and code that still
// reads a flag by its old name stops compiling.
import type { ImageInput } from './render/image-spec.js';

/** Every image flag, by the ImageInput field it sets, in the order job scripts list them. */
export const IMAGE_FLAG_NAMES = {
  width: 'width',
  height: 'height',
  smoothness: 'smoothness',
  xpos: 'xpos',
  ypos: 'ypos',
  escapeRadius: 'escape-radius',
  iters: 'iters',
  step: 'step',
  palette: 'palette',
  coloring: 'coloring',
} as const satisfies Record<keyof ImageInput, string>;

/** `fractal run` options submit passes through when given. */
export interface RunFlags {
  threads?: number;
  chunk?: number;
  joinTimeout?: number;
  connectTimeout?: number;
  metrics?: boolean;
  /** Seconds; 0 turns checkpoints off. */
  checkpointInterval?: number;
  /** KEY=VALUE labels for the results, one flag each. */
  label?: string[];
}

/** The flag of each RunFlags field, in the order job scripts list them. */
export const RUN_FLAG_NAMES = {
  threads: 'threads',
  chunk: 'chunk',
  joinTimeout: 'join-timeout',
  connectTimeout: 'connect-timeout',
  metrics: 'metrics',
  checkpointInterval: 'checkpoint-interval',
  label: 'label',
} as const satisfies Record<keyof RunFlags, string>;
