// A unit's RGBA as it travels: raw, or raw DEFLATE (zlib level 1, made in the worker thread that
// rendered it). The leader decodes every result through here before a byte of it is written.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RgbaEncoding } from '../../protocol/messages.js';

/** zlib level 1: most of the size gone for a few percent of the compute time. */
export const WIRE_DEFLATE_LEVEL = 1;

export const encodeUnitRgba = (rgba: Uint8Array): Buffer => deflateRawSync(rgba, { level: WIRE_DEFLATE_LEVEL });

/**
 * The RGBA of a result, or what is wrong with it. Never inflates past `expected` bytes, so a small
 * message cannot make the leader allocate a large buffer.
 */
export const decodeUnitRgba = (bytes: Uint8Array, encoding: RgbaEncoding, expected: number): Uint8Array | string => {
  let rgba = bytes;
  switch (encoding) {
    case 'RGBA_RAW':
      break;
    case 'RGBA_DEFLATE':
      try {
        rgba = inflateRawSync(bytes, { maxOutputLength: expected });
      } catch (error) {
        return `its DEFLATE data does not inflate to ${expected} bytes (${(error as Error).message})`;
      }
      break;
    default:
      return `unknown RGBA encoding ${JSON.stringify(encoding)}`;
  }
  return rgba.length === expected ? rgba : `${rgba.length} bytes of RGBA, expected ${expected}`;
};
