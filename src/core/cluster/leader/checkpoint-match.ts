// Whether a checkpoint belongs to the picture being rendered, and if not, which option differs:
// resuming pixels of another picture would write a wrong image without any error.
import { IMAGE_FLAG_NAMES } from '../../run-flag-names.js';
import type { ImageSpec } from '../../render/image-spec.js';
import type { CheckpointHeader } from './checkpoint-format.js';

/** The flags each field of the picture comes from (width and height include --smoothness). */
const FLAG_OF: Record<keyof ImageSpec, string> = {
  width: `--${IMAGE_FLAG_NAMES.width} × --${IMAGE_FLAG_NAMES.smoothness}`,
  height: `--${IMAGE_FLAG_NAMES.height} × --${IMAGE_FLAG_NAMES.smoothness}`,
  xpos: `--${IMAGE_FLAG_NAMES.xpos}`,
  ypos: `--${IMAGE_FLAG_NAMES.ypos}`,
  escapeRadius: `--${IMAGE_FLAG_NAMES.escapeRadius}`,
  iters: `--${IMAGE_FLAG_NAMES.iters}`,
  step: `--${IMAGE_FLAG_NAMES.step}`,
  palette: `--${IMAGE_FLAG_NAMES.palette}`,
  coloring: `--${IMAGE_FLAG_NAMES.coloring}`,
};

/** `--iters is 800 in the checkpoint, 2000 now`, or null when the checkpoint fits. */
export const pictureDifference = (saved: CheckpointHeader, current: CheckpointHeader): string | null => {
  for (const field of Object.keys(FLAG_OF) as Array<keyof ImageSpec>) {
    // Object.is: -0 and 0 are other views, and a NaN never matches anything
    if (!Object.is(saved.spec[field], current.spec[field])) {
      return `${FLAG_OF[field]} is ${String(saved.spec[field])} in the checkpoint, ${String(current.spec[field])} now`;
    }
  }
  if (saved.chunkRows !== current.chunkRows) return `--chunk is ${saved.chunkRows} in the checkpoint, ${current.chunkRows} now (the units would not line up)`;
  return null;
};
