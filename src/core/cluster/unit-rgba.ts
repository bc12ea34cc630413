// A unit's RGBA as it travels: raw, or as runs of equal pixels (made in the worker thread that
// rendered it). Fractal rows are long stretches of one colour, so runs take the default image
// from 4 to under 0.5 bytes a pixel in a single pass over the pixels on either side. zlib level 1
// gets to 0.3 but costs two and a half times as much to encode and three times as much to decode
// (bench/distributed.bench.ts); on a node whose cores all compute, CPU matters more than bytes.
//
// The RUNS format is a sequence of packets, each a varint header h followed by pixels:
//   h odd:  a run, h >> 1 pixels equal to the 4 RGBA bytes that follow;
//   h even: literals, h >> 1 pixels of 4 RGBA bytes each.
// A unit never takes more than 4 bytes a pixel plus one header byte in every run of equal pixels.
//
// Where the native addon is built, its runs codec (native/unit-runs.c) does the work: the same
// bytes at several times the speed. The functions here are the definition it is tested against,
// and what runs without it.
import type { RgbaEncoding } from '../../protocol/messages.js';
import type { NativeAddon } from '../render/native-addon.js';

/** The native addon's runs codec, when there is one. */
export type NativeRuns = Pick<NativeAddon, 'encodeRuns' | 'decodeRuns'>;

/** Equal neighbours from which a run pays: 2 pixels cost 5 bytes as a run, 8 as literals. */
const MIN_RUN = 2;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Encodes into `scratch` (grown as needed) and returns an exact-size copy, ready to transfer. */
export const encodeUnitRuns = (rgba: Uint8Array, scratch: { bytes: Uint8Array }, native?: NativeRuns): Uint8Array => {
  const pixels = rgba.length >> 2;
  // worst case: a header byte before every other pixel, and a long packet's header up to 5 bytes
  const bound = rgba.length + (pixels >> 1) + 16;
  if (scratch.bytes.length < bound) scratch.bytes = new Uint8Array(bound);
  const out = scratch.bytes;
  if (native) return out.slice(0, native.encodeRuns(rgba, out));
  const px = pixelView(rgba);
  let o = 0;
  let literalStart = 0;
  const header = (value: number): void => {
    while (value >= 0x80) {
      out[o++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    out[o++] = value;
  };
  const literals = (from: number, to: number): void => {
    header((to - from) * 2);
    out.set(rgba.subarray(from * 4, to * 4), o);
    o += (to - from) * 4;
  };
  let i = 0;
  while (i < pixels) {
    const colour = px[i];
    let j = i + 1;
    while (j < pixels && px[j] === colour) j++;
    if (j - i >= MIN_RUN) {
      if (literalStart < i) literals(literalStart, i);
      header((j - i) * 2 + 1);
      out[o] = rgba[i * 4]!;
      out[o + 1] = rgba[i * 4 + 1]!;
      out[o + 2] = rgba[i * 4 + 2]!;
      out[o + 3] = rgba[i * 4 + 3]!;
      o += 4;
      literalStart = j;
    }
    i = j;
  }
  if (literalStart < pixels) literals(literalStart, pixels);
  return out.slice(0, o);
};

/**
 * Writes a result's RGBA into `out` (exactly the unit's size, 4-byte aligned), or says what is
 * wrong with it. Never writes past `out`, so a small message cannot make the leader write a
 * large buffer.
 */
export const decodeUnitRgba = (bytes: Uint8Array, encoding: RgbaEncoding, out: Uint8Array, native?: NativeRuns): string | undefined => {
  switch (encoding) {
    case 'RGBA_RAW':
      if (bytes.length !== out.length) return `${bytes.length} bytes of RGBA, expected ${out.length}`;
      out.set(bytes);
      return undefined;
    case 'RGBA_RUNS':
      // the native decoder only says yes or no: what is wrong with refused bytes, this one says
      return native?.decodeRuns(bytes, out) ? undefined : decodeRuns(bytes, out);
    default:
      return `unknown RGBA encoding ${JSON.stringify(encoding)}`;
  }
};

const decodeRuns = (bytes: Uint8Array, out: Uint8Array): string | undefined => {
  const px = pixelView(out);
  const pixels = px.length;
  const end = bytes.length;
  let o = 0;
  let p = 0;
  while (o < end) {
    let h = 0;
    let scale = 1;
    let b: number;
    do {
      if (o >= end || scale > 2 ** 28) return `its runs end inside a packet header at byte ${o}`;
      b = bytes[o++]!;
      h += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    const count = Math.floor(h / 2);
    if (count === 0 || count > pixels - p) return `its runs hold more than the unit's ${pixels} pixels (or an empty packet) at byte ${o}`;
    if (h % 2 === 1) {
      if (o + 4 > end) return `its runs end inside a pixel at byte ${o}`;
      const colour = LITTLE_ENDIAN
        ? (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0
        : ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
      // fill() costs a call into the runtime: short runs, the common case, are cheaper by hand
      if (count < 16) for (let i = p; i < p + count; i++) px[i] = colour;
      else px.fill(colour, p, p + count);
      o += 4;
    } else {
      if (o + count * 4 > end) return `its runs end inside a pixel at byte ${end}`;
      out.set(bytes.subarray(o, o + count * 4), p * 4);
      o += count * 4;
    }
    p += count;
  }
  return p === pixels ? undefined : `its runs hold ${p} pixels, expected ${pixels}`;
};

/** The pixels of an RGBA buffer as 32-bit words; every buffer here starts 4-byte aligned. */
const pixelView = (rgba: Uint8Array): Uint32Array => new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2);
