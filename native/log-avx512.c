/*
 * fk_log on 8 doubles at a time with AVX-512F, bit for bit the scalar fk_log (fk-log.c): the same
 * operations in the same order on every lane, both ends of each branch computed and the right one
 * kept by a mask. The lanes the vector code does not follow (zero, negative, subnormal, ∞, NaN,
 * and |f| < 2^-20, where the scalar code takes its series branch) are redone by fk_log itself:
 * the classic colouring meets them rarely. Compiled with -mavx512f -ffp-contract=off and no FMA.
 */
#include <immintrin.h>
#include <stdint.h>
#include "fk-log-constants.h"
#include "kernel.h"

/* One bit a lane of a 32-bit comparison (AVX-512F alone has no 256-bit mask compares). */
static inline __mmask8 lanes_of(__m256i comparison) { return (__mmask8)_mm256_movemask_ps(_mm256_castsi256_ps(comparison)); }

void fk_log_block_avx512(const double *x, double *out, size_t count) {
  const __m256i exponent_bias = _mm256_set1_epi32(1023), mantissa = _mm256_set1_epi32(0x000fffff);
  const __m256i sqrt2_carry = _mm256_set1_epi32(0x95f64), bit20 = _mm256_set1_epi32(0x100000);
  const __m256i one_high = _mm256_set1_epi32(0x3ff00000);
  const __m512d one = _mm512_set1_pd(1.0), two = _mm512_set1_pd(2.0), half = _mm512_set1_pd(0.5);
  size_t p = 0;
  for (; p + 8 <= count; p += 8) {
    const __m512i bits = _mm512_loadu_si512(x + p);
    __m256i high = _mm512_cvtepi64_epi32(_mm512_srli_epi64(bits, 32));
    /* normal and finite: 0x00100000 <= high < 0x7ff00000 (negative highs are below, signed) */
    const __m256i normal = _mm256_and_si256(_mm256_cmpgt_epi32(high, _mm256_set1_epi32(0x000fffff)),
                                            _mm256_cmpgt_epi32(_mm256_set1_epi32(0x7ff00000), high));
    __m256i k = _mm256_sub_epi32(_mm256_srai_epi32(high, 20), exponent_bias);
    high = _mm256_and_si256(high, mantissa);
    const __m256i over_sqrt2 = _mm256_and_si256(_mm256_add_epi32(high, sqrt2_carry), bit20);
    const __m256i new_high = _mm256_or_si256(high, _mm256_xor_si256(over_sqrt2, one_high));
    const __m512i reduced = _mm512_or_si512(_mm512_slli_epi64(_mm512_cvtepu32_epi64(new_high), 32),
                                            _mm512_and_si512(bits, _mm512_set1_epi64(0xffffffff)));
    k = _mm256_add_epi32(k, _mm256_srli_epi32(over_sqrt2, 20));
    const __m512d f = _mm512_sub_pd(_mm512_castsi512_pd(reduced), one);
    /* the series branch: (0x000fffff & (2 + high)) < 3 */
    const __m256i series = _mm256_cmpgt_epi32(_mm256_set1_epi32(3), _mm256_and_si256(_mm256_add_epi32(high, _mm256_set1_epi32(2)), mantissa));
    const __m512d s = _mm512_div_pd(f, _mm512_add_pd(two, f));
    const __m512d dk = _mm512_cvtepi32_pd(k);
    const __m512d z = _mm512_mul_pd(s, s);
    const __m256i near_edges =
        _mm256_or_si256(_mm256_sub_epi32(high, _mm256_set1_epi32(0x6147a)), _mm256_sub_epi32(_mm256_set1_epi32(0x6b851), high));
    const __m512d w = _mm512_mul_pd(z, z);
    const __m512d t1 = _mm512_mul_pd(w, _mm512_add_pd(_mm512_set1_pd(LG2), _mm512_mul_pd(w, _mm512_add_pd(_mm512_set1_pd(LG4), _mm512_mul_pd(w, _mm512_set1_pd(LG6))))));
    const __m512d t2 = _mm512_mul_pd(
        z, _mm512_add_pd(_mm512_set1_pd(LG1),
                         _mm512_mul_pd(w, _mm512_add_pd(_mm512_set1_pd(LG3), _mm512_mul_pd(w, _mm512_add_pd(_mm512_set1_pd(LG5), _mm512_mul_pd(w, _mm512_set1_pd(LG7))))))));
    const __m512d r = _mm512_add_pd(t2, t1);
    const __m512d k_hi = _mm512_mul_pd(dk, _mm512_set1_pd(LN2_HI)), k_lo = _mm512_mul_pd(dk, _mm512_set1_pd(LN2_LO));
    /* near_edges > 0: hfsq = 0.5 * f * f, then f − (hfsq − s·(hfsq + R)) or with k·ln 2 */
    const __m512d hfsq = _mm512_mul_pd(_mm512_mul_pd(half, f), f);
    const __m512d s_hfsq_r = _mm512_mul_pd(s, _mm512_add_pd(hfsq, r));
    const __m512d far_k0 = _mm512_sub_pd(f, _mm512_sub_pd(hfsq, s_hfsq_r));
    const __m512d far_k = _mm512_sub_pd(k_hi, _mm512_sub_pd(_mm512_sub_pd(hfsq, _mm512_add_pd(s_hfsq_r, k_lo)), f));
    /* else: f − s·(f − R) or with k·ln 2 */
    const __m512d s_f_r = _mm512_mul_pd(s, _mm512_sub_pd(f, r));
    const __m512d near_k0 = _mm512_sub_pd(f, s_f_r);
    const __m512d near_k = _mm512_sub_pd(k_hi, _mm512_sub_pd(_mm512_sub_pd(s_f_r, k_lo), f));
    const __mmask8 far = lanes_of(_mm256_cmpgt_epi32(near_edges, _mm256_setzero_si256()));
    const __mmask8 k_zero = lanes_of(_mm256_cmpeq_epi32(k, _mm256_setzero_si256()));
    __m512d result = _mm512_mask_mov_pd(near_k, k_zero, near_k0);
    result = _mm512_mask_mov_pd(result, far, _mm512_mask_mov_pd(far_k, k_zero, far_k0));
    _mm512_storeu_pd(out + p, result);
    unsigned scalar_lanes = (uint8_t)~lanes_of(_mm256_andnot_si256(series, normal));
    while (scalar_lanes) {
      const unsigned l = (unsigned)__builtin_ctz(scalar_lanes);
      scalar_lanes &= scalar_lanes - 1u;
      out[p + l] = fk_log(x[p + l]);
    }
  }
  for (; p < count; p++) out[p] = fk_log(x[p]);
}
