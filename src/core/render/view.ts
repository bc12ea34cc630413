// Where each pixel lies in the complex plane.
import type { ImageSpec } from './image-spec.js';

/**
 * The original's view: R wide around (X, Y), height R·H/W, the max edges taken as absolute values,
 * and W − 1 as the divisor on both axes (so the rows cover less than the nominal height). Row 0 is
 * the top of the PNG. Expressions keep the original's operation order: the bits matter.
 */
export interface ClassicView {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export const classicView = (spec: Pick<ImageSpec, 'width' | 'height' | 'xpos' | 'ypos' | 'escapeRadius'>): ClassicView => {
  const ratio = spec.height / spec.width;
  const r = spec.escapeRadius;
  return {
    xmin: spec.xpos - r / 2,
    xmax: Math.abs(spec.xpos + r / 2),
    ymin: spec.ypos - (r * ratio) / 2,
    ymax: Math.abs(spec.ypos + (r * ratio) / 2),
  };
};

/** One block of rows for an escape-time kernel: everything it needs, as plain numbers. */
export interface RowJob {
  xmin: number;
  xspan: number;
  ymin: number;
  yspan: number;
  /** The divisor of both axes: width − 1. */
  denom: number;
  width: number;
  maxIter: number;
  rowStart: number;
  rowCount: number;
}

export const classicRowJob = (spec: ImageSpec, rowStart: number, rowCount: number): RowJob => {
  const view = classicView(spec);
  return {
    xmin: view.xmin,
    xspan: view.xmax - view.xmin,
    ymin: view.ymin,
    yspan: view.ymax - view.ymin,
    denom: spec.width - 1,
    width: spec.width,
    maxIter: spec.iters,
    rowStart,
    rowCount,
  };
};
