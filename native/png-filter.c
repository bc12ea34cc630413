/*
 * A unit's rows filtered for the PNG (Up: each byte minus the one above) and the Adler-32 of the
 * filtered rows after the first: filterUnit in src/core/image/png-filter.ts, byte for byte, at a
 * few times its speed (the JavaScript version costs a quarter of a gigapixel render's CPU).
 * Layout of out (rows × (4·width + 1) + 4·width bytes): the filtered rows, the first holding its raw
 * bytes behind its filter byte (its row above belongs to another unit), then the last row's raw
 * bytes, which the next unit's first row is filtered against. fk_complete_unit then filters that
 * first row, once the row above it is known (completeUnit in png-filter.ts).
 */
#include <string.h>
#include "kernel.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define ADLER_BASE 65521u
/* zlib's NMAX: the most bytes before a and b must be reduced (their 32-bit sums cannot overflow). */
#define ADLER_NMAX 5552
#define UP_FILTER 2

uint32_t fk_adler32(uint32_t adler, const uint8_t *bytes, size_t n) {
  uint32_t a = adler & 0xffff, b = adler >> 16;
  while (n > 0) {
    size_t k = n < ADLER_NMAX ? n : ADLER_NMAX;
    n -= k;
#if defined(__SSE2__)
    /* 16 bytes a step: a grows by their sum; b by 16 × a before them plus each byte weighted by
     * how many bytes of the step follow it, itself included (16 for the first, 1 for the last). */
    const size_t steps = k / 16;
    if (steps > 0) {
      const __m128i zero = _mm_setzero_si128();
      const __m128i weights_low = _mm_set_epi16(9, 10, 11, 12, 13, 14, 15, 16);
      const __m128i weights_high = _mm_set_epi16(1, 2, 3, 4, 5, 6, 7, 8);
      __m128i sums = zero, sums_before = zero, weighted = zero;
      for (size_t s = 0; s < steps; s++) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(bytes + 16 * s));
        sums_before = _mm_add_epi64(sums_before, sums);
        sums = _mm_add_epi64(sums, _mm_sad_epu8(x, zero));
        weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(x, zero), weights_low));
        weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpackhi_epi8(x, zero), weights_high));
      }
      uint64_t s64[2], before64[2];
      uint32_t w32[4];
      _mm_storeu_si128((__m128i *)s64, sums);
      _mm_storeu_si128((__m128i *)before64, sums_before);
      _mm_storeu_si128((__m128i *)w32, weighted);
      const uint64_t b_add = 16 * ((uint64_t)steps * a + before64[0] + before64[1]) + w32[0] + w32[1] + w32[2] + w32[3];
      b = (uint32_t)((b + b_add) % ADLER_BASE);
      a = (uint32_t)((a + s64[0] + s64[1]) % ADLER_BASE);
      bytes += 16 * steps;
      k -= 16 * steps;
    }
#endif
    while (k-- > 0) {
      a += *bytes++;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return (b << 16) | a;
}

/* zlib's adler32_combine: the checksum of first's data then second's, second_length bytes long. */
static uint32_t adler32_combine(uint32_t first, uint32_t second, uint64_t second_length) {
  const uint32_t rem = (uint32_t)(second_length % ADLER_BASE);
  uint32_t sum1 = first & 0xffff;
  uint32_t sum2 = (uint32_t)(((uint64_t)rem * sum1) % ADLER_BASE);
  sum1 += (second & 0xffff) + ADLER_BASE - 1;
  sum2 += (first >> 16) + (second >> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= 2 * ADLER_BASE) sum2 -= 2 * ADLER_BASE;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return (sum2 << 16) | sum1;
}

uint32_t fk_filter_unit(const uint8_t *rgba, size_t width, size_t rows, uint8_t *out) {
  const size_t row_bytes = 4 * width, stride = row_bytes + 1;
  out[0] = UP_FILTER;
  memcpy(out + 1, rgba, row_bytes);
  uint32_t rest = 1;
  for (size_t r = 1; r < rows; r++) {
    const uint8_t *row = rgba + r * row_bytes, *above = row - row_bytes;
    uint8_t *filtered = out + r * stride;
    filtered[0] = UP_FILTER;
    /* a plain loop: the compiler makes it 16 bytes (or more) at a time */
    for (size_t i = 0; i < row_bytes; i++) filtered[1 + i] = (uint8_t)(row[i] - above[i]);
    rest = adler32_combine(rest, fk_adler32(1, filtered, stride), stride);
  }
  if (rows > 0) memcpy(out + rows * stride, rgba + (rows - 1) * row_bytes, row_bytes);
  return rest;
}

uint32_t fk_complete_unit(uint8_t *unit, const uint8_t *above, size_t width, size_t rows, uint32_t rest_adler) {
  const size_t row_bytes = 4 * width, stride = row_bytes + 1;
  unit[0] = UP_FILTER;
  /* in place: each byte depends on itself and the byte above only (the image's first row has none) */
  if (above != NULL)
    for (size_t i = 0; i < row_bytes; i++) unit[1 + i] = (uint8_t)(unit[1 + i] - above[i]);
  return adler32_combine(fk_adler32(1, unit, stride), rest_adler, (uint64_t)(rows - 1) * stride);
}
