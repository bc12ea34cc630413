/*
 * The kernel benchmark's yardsticks, plain C of the project's own (bench/kernel.bench.ts compiles
 * it with the flags binding.gyp gives the native kernel: -O3 -ffp-contract=off, no FMA):
 *   scalar  the original's loop, one pixel at a time (distributed-fractal's, after gobrot)
 *   avx512  4 vectors of 8 doubles in flight, each group of 32 pixels run until its slowest lane
 *           is done (lanes that finished idle, masked): the straightforward SIMD loop
 * Usage: reference-kernel scalar|avx512 XMIN XSPAN YMIN YSPAN DENOM WIDTH MAXITER ROWSTART ROWCOUNT RUNS
 * Prints "<iterations> <median seconds>", timing its own loop only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

typedef struct {
  double xmin, xspan, ymin, yspan, denom;
  uint32_t width, max_iter, row_start, row_count;
} rows_t;

static uint64_t scalar(const rows_t *r, uint32_t *iters) {
  uint64_t total = 0;
  size_t p = 0;
  for (uint32_t row = 0; row < r->row_count; row++) {
    const double cy = r->ymin + (r->yspan * (double)(r->row_start + row)) / r->denom;
    for (uint32_t ix = 0; ix < r->width; ix++, p++) {
      const double cx = r->xmin + (r->xspan * (double)ix) / r->denom;
      double x = 0, y = 0;
      uint32_t i = 0;
      for (; i < r->max_iter; i++) {
        const double xy = x * y, xx = x * x, yy = y * y;
        if (xx + yy > 4) break;
        x = xx - yy + cx;
        y = 2 * xy + cy;
      }
      iters[p] = i;
      total += i;
    }
  }
  return total;
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static uint64_t avx512(const rows_t *r, uint32_t *iters) {
  const size_t count = (size_t)r->width * r->row_count;
  uint64_t total = 0;
  double cxs[32], cys[32];
  for (size_t p0 = 0; p0 < count; p0 += 32) {
    for (int l = 0; l < 32; l++) {
      const size_t p = p0 + (size_t)l < count ? p0 + (size_t)l : count - 1;
      cxs[l] = r->xmin + (r->xspan * (double)(p % r->width)) / r->denom;
      cys[l] = r->ymin + (r->yspan * (double)(r->row_start + p / r->width)) / r->denom;
    }
    __m512d x[4], y[4], cx[4], cy[4];
    __m512i n[4];
    __mmask8 live[4];
    for (int v = 0; v < 4; v++) {
      x[v] = y[v] = _mm512_setzero_pd();
      cx[v] = _mm512_loadu_pd(cxs + 8 * v);
      cy[v] = _mm512_loadu_pd(cys + 8 * v);
      n[v] = _mm512_setzero_si512();
      live[v] = 0xff;
    }
    const __m512d four = _mm512_set1_pd(4.0), two = _mm512_set1_pd(2.0);
    const __m512i one = _mm512_set1_epi64(1);
    for (uint32_t i = 0; i < r->max_iter && (live[0] | live[1] | live[2] | live[3]); i++) {
      for (int v = 0; v < 4; v++) {
        const __m512d xx = _mm512_mul_pd(x[v], x[v]), yy = _mm512_mul_pd(y[v], y[v]), xy = _mm512_mul_pd(x[v], y[v]);
        live[v] &= _mm512_cmp_pd_mask(_mm512_add_pd(xx, yy), four, _CMP_LE_OQ);
        x[v] = _mm512_mask_add_pd(x[v], live[v], _mm512_sub_pd(xx, yy), cx[v]);
        y[v] = _mm512_mask_add_pd(y[v], live[v], _mm512_mul_pd(two, xy), cy[v]);
        n[v] = _mm512_mask_add_epi64(n[v], live[v], n[v], one);
      }
    }
    int64_t counts[32];
    for (int v = 0; v < 4; v++) _mm512_storeu_si512(counts + 8 * v, n[v]);
    for (int l = 0; l < 32 && p0 + (size_t)l < count; l++) {
      iters[p0 + (size_t)l] = (uint32_t)counts[l];
      total += (uint64_t)counts[l];
    }
  }
  return total;
}
#endif

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 12) {
    fprintf(stderr, "usage: reference-kernel scalar|avx512 XMIN XSPAN YMIN YSPAN DENOM WIDTH MAXITER ROWSTART ROWCOUNT RUNS\n");
    return 2;
  }
  uint64_t (*kernel)(const rows_t *, uint32_t *) = scalar;
  if (!strcmp(argv[1], "avx512")) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx512f")) return 3;
    kernel = avx512;
#else
    return 3;
#endif
  }
  double n[10];
  for (int k = 0; k < 10; k++) n[k] = strtod(argv[2 + k], NULL);
  const rows_t r = {n[0], n[1], n[2], n[3], n[4], (uint32_t)n[5], (uint32_t)n[6], (uint32_t)n[7], (uint32_t)n[8]};
  const int runs = (int)n[9] < 1 ? 1 : (int)n[9] > 99 ? 99 : (int)n[9];
  uint32_t *iters = malloc((size_t)r.width * r.row_count * sizeof *iters);
  if (!iters) return 2;
  uint64_t total = kernel(&r, iters); /* warm-up, and the count */
  double times[99];
  for (int k = 0; k < runs; k++) {
    const double t0 = seconds();
    kernel(&r, iters);
    times[k] = seconds() - t0;
  }
  qsort(times, (size_t)runs, sizeof times[0], by_value);
  printf("%llu %.9f\n", (unsigned long long)total, times[runs / 2]);
  return 0;
}
