/*
 * A unit's RGBA as runs of equal pixels, the wire form of a worker's results: encodeUnitRuns and
 * decodeRuns in src/core/cluster/unit-rgba.ts, byte for byte, at several times their speed (in
 * JavaScript they cost a worker's threads and the leader about 3% of the default image's CPU).
 * A packet is a varint header h and its pixels: h odd, a run of h >> 1 copies of the 4 bytes that
 * follow; h even, h >> 1 literal pixels of 4 bytes each.
 */
#include <stdint.h>
#include <string.h>
#include "kernel.h"

/* Equal neighbours from which a run pays: 2 pixels cost 5 bytes as a run, 8 as literals. */
#define MIN_RUN 2

static size_t put_header(uint8_t *out, size_t o, uint64_t value) {
  while (value >= 0x80) {
    out[o++] = (uint8_t)((value & 0x7f) | 0x80);
    value >>= 7;
  }
  out[o++] = (uint8_t)value;
  return o;
}

static size_t put_literals(const uint8_t *rgba, size_t from, size_t to, uint8_t *out, size_t o) {
  o = put_header(out, o, (uint64_t)(to - from) * 2);
  memcpy(out + o, rgba + from * 4, (to - from) * 4);
  return o + (to - from) * 4;
}

static uint32_t pixel(const uint8_t *rgba, size_t i) {
  uint32_t value;
  memcpy(&value, rgba + i * 4, 4);
  return value;
}

size_t fk_runs_bound(size_t pixels) { return pixels * 4 + (pixels >> 1) + 16; }

size_t fk_runs_encode(const uint8_t *rgba, size_t pixels, uint8_t *out) {
  size_t o = 0, literal_start = 0, i = 0;
  while (i < pixels) {
    const uint32_t colour = pixel(rgba, i);
    size_t j = i + 1;
    while (j < pixels && pixel(rgba, j) == colour) j++;
    if (j - i >= MIN_RUN) {
      if (literal_start < i) o = put_literals(rgba, literal_start, i, out, o);
      o = put_header(out, o, (uint64_t)(j - i) * 2 + 1);
      memcpy(out + o, rgba + i * 4, 4);
      o += 4;
      literal_start = j;
    }
    i = j;
  }
  if (literal_start < pixels) o = put_literals(rgba, literal_start, pixels, out, o);
  return o;
}

int fk_runs_decode(const uint8_t *bytes, size_t n, uint8_t *out, size_t pixels) {
  size_t o = 0, p = 0;
  while (o < n) {
    uint64_t h = 0, scale = 1;
    uint8_t b;
    do {
      /* at most 5 header bytes, as the JavaScript decoder allows */
      if (o >= n || scale > ((uint64_t)1 << 28)) return 0;
      b = bytes[o++];
      h += (uint64_t)(b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    const uint64_t count = h >> 1;
    if (count == 0 || count > pixels - p) return 0;
    if (h & 1) {
      if (o + 4 > n) return 0;
      uint8_t *at = out + p * 4;
      for (uint64_t k = 0; k < count; k++) memcpy(at + k * 4, bytes + o, 4);
      o += 4;
    } else {
      if (count * 4 > n - o) return 0;
      memcpy(out + p * 4, bytes + o, (size_t)count * 4);
      o += (size_t)count * 4;
    }
    p += (size_t)count;
  }
  return p == pixels;
}
