// The image flags, with distributed-fractal's names (core/run-flag-names.ts) and defaults so its
// README commands work as they are. Shared by render, leader, run and submit.
import { Flags } from '@oclif/core';
import { COLORINGS, DEFAULT_IMAGE, type ImageInput } from '../core/render/image-spec.js';
import { IMAGE_FLAG_NAMES, RUN_FLAG_NAMES } from '../core/run-flag-names.js';
import { floatFlag } from './number-flags.js';
import { pathFlag } from './path-flags.js';

export const imageFlags = {
  [IMAGE_FLAG_NAMES.width]: Flags.integer({ description: 'Image width before --smoothness.', default: DEFAULT_IMAGE.width, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.height]: Flags.integer({ description: 'Image height before --smoothness.', default: DEFAULT_IMAGE.height, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.smoothness]: Flags.integer({
    description: 'Multiplies width and height (the default image is 8192×6144).',
    default: DEFAULT_IMAGE.smoothness,
    helpGroup: 'IMAGE',
  }),
  [IMAGE_FLAG_NAMES.xpos]: floatFlag({ description: 'Real part of the centre of the view.', default: DEFAULT_IMAGE.xpos, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.ypos]: floatFlag({ description: 'Imaginary part of the centre of the view.', default: DEFAULT_IMAGE.ypos, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.escapeRadius]: floatFlag({
    description: 'Width of the view in the complex plane (the original\'s name for it).',
    default: DEFAULT_IMAGE.escapeRadius,
    helpGroup: 'IMAGE',
  }),
  [IMAGE_FLAG_NAMES.iters]: Flags.integer({ description: 'Maximum iterations per pixel.', default: DEFAULT_IMAGE.iters, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.step]: Flags.integer({ description: 'Palette length (at least --iters is used).', default: DEFAULT_IMAGE.step, helpGroup: 'IMAGE' }),
  [IMAGE_FLAG_NAMES.palette]: Flags.string({
    description: 'Palette name (see `fractal palettes`).',
    default: DEFAULT_IMAGE.palette,
    helpGroup: 'IMAGE',
  }),
  [IMAGE_FLAG_NAMES.coloring]: Flags.option({
    options: COLORINGS,
    description: 'classic: pixel-faithful to distributed-fractal; smooth: square pixels, continuous colouring.',
    default: DEFAULT_IMAGE.coloring,
    helpGroup: 'IMAGE',
  })(),
  outfile: pathFlag({ description: 'Where to write the PNG.', default: 'mandelbrot.png', helpGroup: 'IMAGE' }),
};

/** The parsed image flags, under their flag names. */
type ImageFlagValues = { [F in keyof ImageInput as (typeof IMAGE_FLAG_NAMES)[F]]: ImageInput[F] };

export const imageInputFromFlags = (flags: ImageFlagValues): ImageInput => ({
  width: flags[IMAGE_FLAG_NAMES.width],
  height: flags[IMAGE_FLAG_NAMES.height],
  smoothness: flags[IMAGE_FLAG_NAMES.smoothness],
  xpos: flags[IMAGE_FLAG_NAMES.xpos],
  ypos: flags[IMAGE_FLAG_NAMES.ypos],
  escapeRadius: flags[IMAGE_FLAG_NAMES.escapeRadius],
  iters: flags[IMAGE_FLAG_NAMES.iters],
  step: flags[IMAGE_FLAG_NAMES.step],
  palette: flags[IMAGE_FLAG_NAMES.palette],
  coloring: flags[IMAGE_FLAG_NAMES.coloring],
});

/** Flags every long-running command shares with the original. */
export const outputFlags = {
  [RUN_FLAG_NAMES.metrics]: Flags.boolean({ description: 'Print METRICS lines (time, CPU, memory, GC, event loop) at the end.' }),
  quiet: Flags.boolean({ description: 'Print nothing but errors (and METRICS lines with --metrics).' }),
  'force-exit': Flags.boolean({
    description: 'Accepted for compatibility with distributed-fractal; fractal always exits by itself.',
    hidden: true,
  }),
};
