// What a compute thread hands back for a unit it rendered: the raw RGBA, the RGBA as runs of equal
// pixels (a worker's default: few bytes on the wire), or the rows already filtered for the PNG
// (`fractal render`: the filtering and its checksum run in the compute threads, in parallel).
import { filterUnit, createRowScratch, type UnitFilterFn } from '../image/png-filter.js';
import { encodeUnitRuns, type NativeRuns } from './unit-rgba.js';

export const UNIT_FORMS = ['rgba', 'runs', 'png'] as const;
export type UnitForm = (typeof UNIT_FORMS)[number];

export interface ShapedUnit {
  /** A buffer of its own, ready to transfer. */
  bytes: Uint8Array;
  /** 'png': the Adler-32 of the filtered rows after the first (png-filter.ts, FilteredUnit); else 1. */
  restAdler: number;
}

/** A thread's reusable buffers for shapeUnit. */
export interface ShapeScratch {
  runs: { bytes: Uint8Array };
  row: Uint8Array;
  /** The native PNG filter and runs codec, when the thread computes with the native kernel. */
  filter: UnitFilterFn | undefined;
  nativeRuns: NativeRuns | undefined;
}

export const createShapeScratch = (width: number, native?: NativeRuns & { filterUnit: UnitFilterFn }): ShapeScratch => ({
  runs: { bytes: new Uint8Array(0) },
  row: createRowScratch(width),
  filter: native?.filterUnit,
  nativeRuns: native,
});

/** Whether shapeUnit copies the pixels out, so that one render buffer serves every unit. */
export const copiesPixels = (form: UnitForm): boolean => form !== 'rgba';

export const shapeUnit = (rgba: Uint8Array, form: UnitForm, width: number, scratch: ShapeScratch): ShapedUnit => {
  switch (form) {
    case 'rgba':
      return { bytes: rgba, restAdler: 1 };
    case 'runs':
      return { bytes: encodeUnitRuns(rgba, scratch.runs, scratch.nativeRuns), restAdler: 1 };
    case 'png': {
      const unit = filterUnit(rgba, width, scratch.row, scratch.filter);
      return { bytes: unit.bytes, restAdler: unit.restAdler };
    }
  }
};
