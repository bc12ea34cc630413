/* The AVX2 path: 4 vectors of 4 doubles in flight. Compiled with -mavx2 -ffp-contract=off and
 * without -mfma, so no multiply and add can become one fused operation. */
#include <stdint.h>
#include <immintrin.h>

typedef __m256d VD;
typedef __m256d VM;
#define LANES 4
#define VECTORS 4
#define LANES_FN fk_escape_avx2

/* all ones in the one lane a blend takes the new value for */
static const int64_t LANE_MASKS[LANES][LANES] = {{-1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, -1}};

static inline VD v_set1(double a) { return _mm256_set1_pd(a); }
static inline VD v_add(VD a, VD b) { return _mm256_add_pd(a, b); }
static inline VD v_sub(VD a, VD b) { return _mm256_sub_pd(a, b); }
static inline VD v_mul(VD a, VD b) { return _mm256_mul_pd(a, b); }
static inline VD v_twice(VD a) { return _mm256_mul_pd(a, _mm256_set1_pd(2.0)); }
static inline VM v_gt(VD a, VD b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
static inline VM v_or(VM a, VM b) { return _mm256_or_pd(a, b); }
static inline int v_any(VM m) { return _mm256_movemask_pd(m) != 0; }
static inline unsigned v_bits(VM m) { return (unsigned)_mm256_movemask_pd(m); }
static inline VD v_set_lane(VD v, unsigned lane, double a) {
  return _mm256_blendv_pd(v, _mm256_set1_pd(a), _mm256_castsi256_pd(_mm256_loadu_si256((const __m256i *)LANE_MASKS[lane])));
}
static inline void v_store(double *to, VD v) { _mm256_storeu_pd(to, v); }

#include "escape-lanes.h"
