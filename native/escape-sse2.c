/* The SSE2 path, the x86-64 baseline: 4 vectors of 2 doubles in flight. */
#include <stdint.h>
#include <emmintrin.h>

typedef __m128d VD;
typedef __m128d VM;
#define LANES 2
#define VECTORS 4
#define LANES_FN fk_escape_sse2

static const int64_t LANE_MASKS[LANES][LANES] = {{-1, 0}, {0, -1}};

static inline VD v_set1(double a) { return _mm_set1_pd(a); }
static inline VD v_add(VD a, VD b) { return _mm_add_pd(a, b); }
static inline VD v_sub(VD a, VD b) { return _mm_sub_pd(a, b); }
static inline VD v_mul(VD a, VD b) { return _mm_mul_pd(a, b); }
static inline VD v_twice(VD a) { return _mm_add_pd(a, a); }
/* cmpgt is false for NaN, as xx + yy > 4 is */
static inline VM v_gt(VD a, VD b) { return _mm_cmpgt_pd(a, b); }
static inline VM v_or(VM a, VM b) { return _mm_or_pd(a, b); }
static inline int v_any(VM m) { return _mm_movemask_pd(m) != 0; }
static inline unsigned v_bits(VM m) { return (unsigned)_mm_movemask_pd(m); }
/* SSE2 has no blend: keep the other lane, or in the new value */
static inline VD v_set_lane(VD v, unsigned lane, double a) {
  const VD mask = _mm_castsi128_pd(_mm_loadu_si128((const __m128i *)LANE_MASKS[lane]));
  return _mm_or_pd(_mm_andnot_pd(mask, v), _mm_and_pd(mask, _mm_set1_pd(a)));
}
static inline void v_store(double *to, VD v) { _mm_storeu_pd(to, v); }

#include "escape-lanes.h"
