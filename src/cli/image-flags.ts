// The image flags, with distributed-fractal's names and defaults so its README commands work as
// they are. Shared by render, leader, run and submit.
import { Flags } from '@oclif/core';
import { COLORINGS, DEFAULT_IMAGE, type ImageInput } from '../core/render/image-spec.js';
import { floatFlag } from './number-flags.js';
import { pathFlag } from './path-flags.js';

export const imageFlags = {
  width: Flags.integer({ description: 'Image width before --smoothness.', default: DEFAULT_IMAGE.width, helpGroup: 'IMAGE' }),
  height: Flags.integer({ description: 'Image height before --smoothness.', default: DEFAULT_IMAGE.height, helpGroup: 'IMAGE' }),
  smoothness: Flags.integer({
    description: 'Multiplies width and height (the default image is 8192×6144).',
    default: DEFAULT_IMAGE.smoothness,
    helpGroup: 'IMAGE',
  }),
  xpos: floatFlag({ description: 'Real part of the centre of the view.', default: DEFAULT_IMAGE.xpos, helpGroup: 'IMAGE' }),
  ypos: floatFlag({ description: 'Imaginary part of the centre of the view.', default: DEFAULT_IMAGE.ypos, helpGroup: 'IMAGE' }),
  'escape-radius': floatFlag({
    description: 'Width of the view in the complex plane (the original\'s name for it).',
    default: DEFAULT_IMAGE.escapeRadius,
    helpGroup: 'IMAGE',
  }),
  iters: Flags.integer({ description: 'Maximum iterations per pixel.', default: DEFAULT_IMAGE.iters, helpGroup: 'IMAGE' }),
  step: Flags.integer({ description: 'Palette length (at least --iters is used).', default: DEFAULT_IMAGE.step, helpGroup: 'IMAGE' }),
  palette: Flags.string({
    description: 'Palette name (see `fractal palettes`).',
    default: DEFAULT_IMAGE.palette,
    helpGroup: 'IMAGE',
  }),
  coloring: Flags.option({
    options: COLORINGS,
    description: 'classic: pixel-faithful to distributed-fractal; smooth: square pixels, continuous colouring.',
    default: DEFAULT_IMAGE.coloring,
    helpGroup: 'IMAGE',
  })(),
  outfile: pathFlag({ description: 'Where to write the PNG.', default: 'mandelbrot.png', helpGroup: 'IMAGE' }),
};

type ImageFlagValues = {
  width: number;
  height: number;
  smoothness: number;
  xpos: number;
  ypos: number;
  'escape-radius': number;
  iters: number;
  step: number;
  palette: string;
  coloring: ImageInput['coloring'];
};

export const imageInputFromFlags = (flags: ImageFlagValues): ImageInput => ({
  width: flags.width,
  height: flags.height,
  smoothness: flags.smoothness,
  xpos: flags.xpos,
  ypos: flags.ypos,
  escapeRadius: flags['escape-radius'],
  iters: flags.iters,
  step: flags.step,
  palette: flags.palette,
  coloring: flags.coloring,
});

/** Flags every long-running command shares with the original. */
export const outputFlags = {
  metrics: Flags.boolean({ description: 'Print METRICS lines (time, CPU, memory, GC, event loop) at the end.' }),
  quiet: Flags.boolean({ description: 'Print nothing but errors (and METRICS lines with --metrics).' }),
  'force-exit': Flags.boolean({
    description: 'Accepted for compatibility with distributed-fractal; fractal always exits by itself.',
    hidden: true,
  }),
};
