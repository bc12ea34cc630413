// The file formats of the scaling plot, told by the name given to --plot. Its own module because
// both the summary (which checks --plot before any work) and the plot renderer need it.
import { extname } from 'node:path';
import { FractalError } from '../errors.js';

export const PLOT_FORMATS = ['png', 'svg'] as const;
export type PlotFormat = (typeof PLOT_FORMATS)[number];

export const plotFormatOf = (path: string): PlotFormat => {
  const ext = extname(path).slice(1).toLowerCase();
  const format = PLOT_FORMATS.find((f) => f === ext);
  if (!format) {
    throw new FractalError(`--plot ${path}: expected a file name ending in .png or .svg, got ${ext === '' ? 'no extension' : `.${ext}`}`, {
      kind: 'usage',
      code: 'E_PLOT_FORMAT',
      suggestions: ['e.g. --plot scaling.png (raster) or --plot scaling.svg (vector)'],
    });
  }
  return format;
};
