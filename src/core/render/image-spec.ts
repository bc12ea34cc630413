// The resolved description of one picture: what every process needs to compute any of its rows.
// Flags arrive as an ImageInput (the original's names and defaults); resolveImageSpec checks them
// and multiplies in the smoothness, so the rest of the code never sees a half-valid image.
import { describeValue, inputError } from '../errors.js';
import { MAX_PALETTE_LENGTH, MAX_UNIT_BYTES } from '../limits.js';
import { parsePaletteName, type PaletteName } from './palette.js';

export const COLORINGS = ['classic', 'smooth'] as const;
export type Coloring = (typeof COLORINGS)[number];

/** The image flags as distributed-fractal names them, with its defaults. */
export interface ImageInput {
  width: number;
  height: number;
  smoothness: number;
  xpos: number;
  ypos: number;
  escapeRadius: number;
  iters: number;
  step: number;
  palette: string;
  coloring: Coloring;
}

export const DEFAULT_IMAGE: Readonly<ImageInput> = {
  width: 1024,
  height: 768,
  smoothness: 8,
  xpos: -0.00275,
  ypos: 0.78912,
  escapeRadius: 0.125689,
  iters: 800,
  step: 6000,
  palette: 'Hippi',
  coloring: 'classic',
};

export interface ImageSpec {
  /** Pixels across, smoothness included. */
  width: number;
  /** Pixels down, smoothness included. */
  height: number;
  xpos: number;
  ypos: number;
  /** Really the width of the view in the complex plane (the original's name). */
  escapeRadius: number;
  iters: number;
  step: number;
  palette: PaletteName;
  coloring: Coloring;
}

/** PNG's limit on each side (a 31-bit number). */
const MAX_SIDE = 2 ** 31 - 1;

const requireInteger = (name: string, value: number, min: number): void => {
  if (!Number.isSafeInteger(value) || value < min) {
    throw inputError('E_IMAGE_FLAG', `--${name}: expected an integer >= ${min}, got ${describeValue(value)}`, [
      `pass e.g. --${name} ${Math.max(min, 1)}`,
    ]);
  }
};

/**
 * --step and --iters: the palette has max(step, iters) colours, so both are bounded by what a
 * palette can hold (a bad input, exit 3, as every image flag).
 */
export const checkPaletteLength = (name: 'step' | 'iters', value: number): number => {
  requireInteger(name, value, 1);
  if (value > MAX_PALETTE_LENGTH) {
    throw inputError('E_IMAGE_FLAG', `--${name}: expected at most ${MAX_PALETTE_LENGTH} (the palette holds max(--step, --iters) colours), got ${value}`, [
      name === 'step' ? 'the default --step 6000 is what distributed-fractal uses' : `pass e.g. --iters 800 (the default); deep zooms rarely need more than 100000`,
    ]);
  }
  return value;
};

const requireFinite = (name: string, value: number, positive = false): void => {
  if (!Number.isFinite(value) || (positive && !(value > 0))) {
    const what = positive ? 'a positive number' : 'a finite number';
    throw inputError('E_IMAGE_FLAG', `--${name}: expected ${what}, got ${describeValue(value)}`);
  }
};

/**
 * Checks the flags and resolves the picture. The size limits here are the picture's own: PNG's
 * 31-bit sides, and a row that fits one unit (no process ever holds more than a few units and a
 * window of rows: held-memory.ts checks that against the machine where the work runs).
 */
export const resolveImageSpec = (input: ImageInput): ImageSpec => {
  requireInteger('width', input.width, 1);
  requireInteger('height', input.height, 1);
  requireInteger('smoothness', input.smoothness, 1);
  checkPaletteLength('iters', input.iters);
  checkPaletteLength('step', input.step);
  requireFinite('xpos', input.xpos);
  requireFinite('ypos', input.ypos);
  requireFinite('escape-radius', input.escapeRadius, true);
  const width = input.width * input.smoothness;
  const height = input.height * input.smoothness;
  if (width < 2) {
    // the classic view divides by width - 1
    throw inputError('E_IMAGE_SIZE', `image width: expected at least 2 pixels (--width × --smoothness), got ${width}`, [
      'use --width 2 or more',
    ]);
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw inputError(
      'E_IMAGE_SIZE',
      `image ${width}×${height} (--width × --smoothness by --height × --smoothness): expected at most ${MAX_SIDE} pixels a side, PNG's limit`,
      ['lower --width, --height or --smoothness (the default is 1024×768 × 8)'],
    );
  }
  if (width * 4 > MAX_UNIT_BYTES) {
    throw inputError(
      'E_IMAGE_SIZE',
      `image width ${width} (--width × --smoothness): one row is ${formatBytes(width * 4)} of RGBA; expected at most ${formatBytes(MAX_UNIT_BYTES)}, ` +
        `a unit's limit (a unit holds at least one row)`,
      [`lower --width or --smoothness to at most ${MAX_UNIT_BYTES / 4} pixels across`],
    );
  }
  return {
    width,
    height,
    xpos: input.xpos,
    ypos: input.ypos,
    escapeRadius: input.escapeRadius,
    iters: input.iters,
    step: input.step,
    palette: parsePaletteName(input.palette),
    coloring: input.coloring,
  };
};

export const formatBytes = (bytes: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
};
