/*
 * The natural logarithm, bit for bit as V8's Math.log, which the JavaScript colouring calls.
 *
 * Why our own: the classic colouring truncates (N − it) + ln(norm), so one ulp of the log can move
 * a pixel to the next palette entry. V8's Math.log is fdlibm's algorithm (V8's base::ieee754::log);
 * the C library's log is another algorithm and differs from it in the last bit for some inputs.
 * This follows the algorithm as fdlibm (Sun Microsystems, 1993) published it, step for step and in
 * its operation order (see NOTICE.md): write x = 2^k · (1 + f) with 1 + f in [√2/2, √2), then
 *   log(1 + f) = f − (f²/2 − s·(f²/2 + R(z))),  s = f / (2 + f),  z = s²,
 * where R is a degree-14 polynomial in s evaluated as two interleaved halves in w = z², and
 * k·ln 2 is added in two parts (ln2_hi has trailing zero bits, so k·ln2_hi is exact).
 * The file is compiled with -ffp-contract=off: a fused multiply-add would change the bits.
 */
#include <string.h>
#include "kernel.h"

#include "fk-log-constants.h"

static inline uint64_t bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

static inline double double_of(uint64_t b) {
  double x;
  memcpy(&x, &b, sizeof x);
  return x;
}

void fk_log_block_scalar(const double *x, double *out, size_t count) {
  for (size_t p = 0; p < count; p++) out[p] = fk_log(x[p]);
}

double fk_log(double x) {
  int32_t high = (int32_t)(bits_of(x) >> 32);
  const uint32_t low = (uint32_t)bits_of(x);
  int32_t k = 0;
  if (high < 0x00100000) {
    /* zero, negative or subnormal */
    if (((high & 0x7fffffff) | (int32_t)low) == 0) return -TWO54 / 0.0; /* log(±0) = −∞ */
    if (high < 0) return (x - x) / 0.0;                                 /* log(negative) = NaN */
    k -= 54;
    x *= TWO54;
    high = (int32_t)(bits_of(x) >> 32);
  }
  if (high >= 0x7ff00000) return x + x; /* +∞ or NaN */
  k += (high >> 20) - 1023;
  high &= 0x000fffff;
  /* Put the mantissa in [√2/2, √2): 0x95f64 is where it passes √2 (then halve it, k + 1). */
  const int32_t over_sqrt2 = (high + 0x95f64) & 0x100000;
  x = double_of(((uint64_t)(uint32_t)(high | (over_sqrt2 ^ 0x3ff00000)) << 32) | (bits_of(x) & 0xffffffffu));
  k += over_sqrt2 >> 20;
  const double f = x - 1.0;
  if ((0x000fffff & (2 + high)) < 3) {
    /* |f| < 2^-20: two terms of the series are enough */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const double dk = (double)k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const double r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    const double dk = (double)k;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = (double)k;
  const double z = s * s;
  int32_t near_edges = high - 0x6147a;
  const double w = z * z;
  const int32_t below = 0x6b851 - high;
  const double t1 = w * (LG2 + w * (LG4 + w * LG6));
  const double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  near_edges |= below;
  const double r = t2 + t1;
  if (near_edges > 0) {
    /* f far from 0: subtract f²/2 separately, for accuracy */
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}
