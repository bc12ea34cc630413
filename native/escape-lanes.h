/*
 * The escape loop every SIMD path shares, included once by each path's file (escape-avx512.c,
 * escape-avx2.c, escape-sse2.c, escape-neon.c), which first defines, for its instruction set:
 *
 *   VD, VM           a vector of LANES doubles, and the result of comparing two of them
 *   LANES, VECTORS   doubles per vector, vectors in flight
 *   LANES_FN         the name of the function to define
 *   static inline    VD v_set1(double), v_add(VD, VD), v_sub(VD, VD), v_mul(VD, VD), v_twice(VD);
 *                    VM v_gt(VD, VD), v_or(VM, VM); int v_any(VM); unsigned v_bits(VM);
 *                    VD v_set_lane(VD, unsigned lane, double); void v_store(double *, VD)
 *
 * Bit-exactness: every lane goes through escapeScalar's operations in its order (xx = x*x,
 * yy = y*y, xy = x*y, escape iff xx + yy > 4, x = (xx - yy) + cx, y = 2*xy + cy), each one IEEE
 * double rounding; the files are compiled with -ffp-contract=off so no multiply and add become one
 * fused (differently rounded) operation, and no FMA intrinsic is used. v_twice(xy) may be xy + xy
 * or 2 * xy: both are exact, so the same double; a path picks the one that balances its ports.
 *
 * Why this shape (the WebAssembly kernel's, src/core/render/wasm/escape-kernel.wat, in registers):
 * - One pixel is a chain of dependent operations, so VECTORS independent vectors keep the
 *   floating-point units busy.
 * - A lane is refilled with the next pixel as soon as its own pixel is done instead of idling until
 *   the slowest lane of its vector finishes, so every lane is live while the hot loop runs and the
 *   loop needs no per-lane counters or masked updates: it leaves as soon as any lane escapes or the
 *   oldest lane reaches max_iter, and the (rare) bookkeeping happens outside it, on the lanes that
 *   finished only.
 * - Lanes count iterations by one shared counter i: a lane started at i0 ends at end = i0 +
 *   max_iter, and a lane that escapes at i did so on its iteration max_iter − (end − i).
 */
#include <limits.h>
#include <stdlib.h>
#include "kernel.h"

#define ALL_LANES (LANES * VECTORS)
#define LANE_BITS ((1u << LANES) - 1u)

#if ALL_LANES > 32
#error "the lane masks are 32 bits wide"
#endif

/* The pixels in order, and the view's x coordinate of every column computed once. */
typedef struct {
  const fk_rows *rows;
  const double *cx_of_column;
  size_t next, count;
  uint32_t column, row;
  double row_cy;
} pixel_feed;

/* The scalar kernel's expression for the row's imaginary part: ymin + (yspan * row) / denom. */
static inline double row_cy_of(const fk_rows *rows, uint32_t row) {
  return rows->ymin + (rows->yspan * (double)row) / rows->denom;
}

int LANES_FN(const fk_rows *rows, uint32_t *iters, double *norms) {
  const size_t count = (size_t)rows->width * rows->row_count;
  const int64_t max_iter = rows->max_iter;
  if (count == 0) return 0;
  if (max_iter == 0) {
    /* no step at all: z stays 0, so every norm is (0 + 0) / 2 */
    for (size_t p = 0; p < count; p++) iters[p] = 0, norms[p] = 0.0;
    return 0;
  }
  double *cx_of_column = malloc(rows->width * sizeof(double));
  if (!cx_of_column) return -1;
  for (uint32_t column = 0; column < rows->width; column++)
    cx_of_column[column] = rows->xmin + (rows->xspan * (double)column) / rows->denom;
  pixel_feed feed = {rows, cx_of_column, 0, count, 0, rows->row_start, row_cy_of(rows, rows->row_start)};

  VD x[VECTORS], y[VECTORS], cx[VECTORS], cy[VECTORS];
  VM escaped[VECTORS];
  /* per lane: the pixel it holds (-1: none) and the counter value at which it reaches max_iter */
  int64_t pixel[ALL_LANES], end[ALL_LANES];
  const VD four = v_set1(4.0);
  for (int v = 0; v < VECTORS; v++) x[v] = y[v] = cx[v] = cy[v] = v_set1(0.0);
  for (int lane = 0; lane < ALL_LANES; lane++) pixel[lane] = -1, end[lane] = INT64_MAX;

  int64_t i = 0;
  /* never above the smallest end of a live lane, so the hot loop cannot run a lane past max_iter */
  int64_t min_end = INT64_MAX;
  int live = 0;
  /* lanes whose pixel is done (or that hold none): at first, all of them */
  uint32_t done = ALL_LANES == 32 ? 0xffffffffu : (1u << ALL_LANES) - 1u;

  for (;;) {
    /* Write out every lane in done and give it the next pixel, or none when the pixels ran out.
     * An empty lane runs c = 0, which stays at z = 0: it never escapes, so it never stops the loop. */
#pragma GCC unroll 8
    for (int v = 0; v < VECTORS; v++) {
      uint32_t lanes = (done >> (v * LANES)) & LANE_BITS;
      if (!lanes) continue;
      double xs[LANES], ys[LANES];
      v_store(xs, x[v]);
      v_store(ys, y[v]);
      do {
        const unsigned l = (unsigned)__builtin_ctz(lanes);
        const int lane = v * LANES + (int)l;
        lanes &= lanes - 1u;
        if (pixel[lane] >= 0) {
          const int64_t it = max_iter - (end[lane] - i);
          /* an escaped lane stopped before its update: this is the very xx + yy it escaped on */
          double norm = xs[l] * xs[l] + ys[l] * ys[l];
          if (it == max_iter) norm = norm / 2;
          iters[pixel[lane]] = (uint32_t)it;
          norms[pixel[lane]] = norm;
          live--;
        }
        x[v] = v_set_lane(x[v], l, 0.0);
        y[v] = v_set_lane(y[v], l, 0.0);
        if (feed.next < feed.count) {
          cx[v] = v_set_lane(cx[v], l, feed.cx_of_column[feed.column]);
          cy[v] = v_set_lane(cy[v], l, feed.row_cy);
          pixel[lane] = (int64_t)feed.next++;
          end[lane] = i + max_iter;
          if (end[lane] < min_end) min_end = end[lane];
          live++;
          if (++feed.column == rows->width) {
            feed.column = 0;
            feed.row_cy = row_cy_of(rows, ++feed.row);
          }
        } else {
          cx[v] = v_set_lane(cx[v], l, 0.0);
          cy[v] = v_set_lane(cy[v], l, 0.0);
          pixel[lane] = -1;
          end[lane] = INT64_MAX;
        }
      } while (lanes);
    }
    if (live == 0) break;
    if (min_end <= i) {
      min_end = INT64_MAX;
      for (int lane = 0; lane < ALL_LANES; lane++)
        if (end[lane] < min_end) min_end = end[lane];
    }

    /* The hot loop: every lane live, no masks, no per-lane counters. */
    const int64_t budget = min_end - i;
    int64_t k = 0;
    int any = 0;
    for (; k < budget; k++) {
      VD xx[VECTORS], yy[VECTORS], xy[VECTORS];
#pragma GCC unroll 8
      for (int v = 0; v < VECTORS; v++) {
        xx[v] = v_mul(x[v], x[v]);
        yy[v] = v_mul(y[v], y[v]);
        xy[v] = v_mul(x[v], y[v]);
        escaped[v] = v_gt(v_add(xx[v], yy[v]), four);
      }
      VM either = escaped[0];
#pragma GCC unroll 8
      for (int v = 1; v < VECTORS; v++) either = v_or(either, escaped[v]);
      if (v_any(either)) {
        any = 1;
        break;
      }
#pragma GCC unroll 8
      for (int v = 0; v < VECTORS; v++) {
        x[v] = v_add(v_sub(xx[v], yy[v]), cx[v]);
        y[v] = v_add(v_twice(xy[v]), cy[v]);
      }
    }
    i += k;
    done = 0;
    if (any) {
      /* escapes at counter i, all lanes still before their update */
#pragma GCC unroll 8
      for (int v = 0; v < VECTORS; v++) done |= v_bits(escaped[v]) << (v * LANES);
    } else {
      /* the budget ran out: the lanes that reached max_iter (none, if the smallest end was stale) */
      for (int lane = 0; lane < ALL_LANES; lane++)
        if (end[lane] == i) done |= 1u << lane;
    }
  }
  free(cx_of_column);
  return 0;
}
