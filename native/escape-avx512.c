/* The AVX-512F path: 4 vectors of 8 doubles in flight (32 of the 32 zmm registers hold the lanes,
 * their squares and the constant). Compiled with -mavx512f -ffp-contract=off: AVX-512F has fused
 * multiply-adds, and only the flag keeps GCC from fusing x*x - y*y on its own. */
#include <stdint.h>
#include <immintrin.h>

typedef __m512d VD;
typedef __mmask8 VM;
#define LANES 8
#define VECTORS 4
#define LANES_FN fk_escape_avx512

static inline VD v_set1(double a) { return _mm512_set1_pd(a); }
static inline VD v_add(VD a, VD b) { return _mm512_add_pd(a, b); }
static inline VD v_sub(VD a, VD b) { return _mm512_sub_pd(a, b); }
static inline VD v_mul(VD a, VD b) { return _mm512_mul_pd(a, b); }
/* 2 * xy on a multiply port: the adds are the busier ones here */
static inline VD v_twice(VD a) { return _mm512_mul_pd(a, _mm512_set1_pd(2.0)); }
/* ordered, quiet: false for NaN, as xx + yy > 4 is */
static inline VM v_gt(VD a, VD b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
static inline VM v_or(VM a, VM b) { return (VM)(a | b); }
static inline int v_any(VM m) { return m != 0; }
static inline unsigned v_bits(VM m) { return m; }
static inline VD v_set_lane(VD v, unsigned lane, double a) { return _mm512_mask_mov_pd(v, (VM)(1u << lane), _mm512_set1_pd(a)); }
static inline void v_store(double *to, VD v) { _mm512_storeu_pd(to, v); }

#include "escape-lanes.h"
