/* The NEON path (arm64, where NEON is always there): 6 vectors of 2 doubles in flight (AArch64 has
 * 32 vector registers). Compiled with -ffp-contract=off: GCC would otherwise fuse x*x - y*y into an
 * fmls, rounded once instead of twice. */
#include <stdint.h>
#include <arm_neon.h>

typedef float64x2_t VD;
typedef uint64x2_t VM;
#define LANES 2
#define VECTORS 6
#define LANES_FN fk_escape_neon

static const uint64_t LANE_MASKS[LANES][LANES] = {{~0ull, 0}, {0, ~0ull}};

static inline VD v_set1(double a) { return vdupq_n_f64(a); }
static inline VD v_add(VD a, VD b) { return vaddq_f64(a, b); }
static inline VD v_sub(VD a, VD b) { return vsubq_f64(a, b); }
static inline VD v_mul(VD a, VD b) { return vmulq_f64(a, b); }
static inline VD v_twice(VD a) { return vaddq_f64(a, a); }
/* fcmgt is false for NaN, as xx + yy > 4 is */
static inline VM v_gt(VD a, VD b) { return vcgtq_f64(a, b); }
static inline VM v_or(VM a, VM b) { return vorrq_u64(a, b); }
static inline int v_any(VM m) { return (vgetq_lane_u64(m, 0) | vgetq_lane_u64(m, 1)) != 0; }
static inline unsigned v_bits(VM m) { return (unsigned)((vgetq_lane_u64(m, 0) & 1u) | ((vgetq_lane_u64(m, 1) & 1u) << 1)); }
static inline VD v_set_lane(VD v, unsigned lane, double a) { return vbslq_f64(vld1q_u64(LANE_MASKS[lane]), vdupq_n_f64(a), v); }
static inline void v_store(double *to, VD v) { vst1q_f64(to, v); }

#include "escape-lanes.h"
