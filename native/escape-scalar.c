/* The plain C path: one pixel at a time, escapeScalar line for line. Where no SIMD path is built
 * (neither x86-64 nor arm64) it is the native kernel, and everywhere it is what the others are
 * checked against in C (test/native/cross-check.c). */
#include "kernel.h"

int fk_escape_scalar(const fk_rows *rows, uint32_t *iters, double *norms) {
  size_t p = 0;
  for (uint32_t r = 0; r < rows->row_count; r++) {
    const double cy = rows->ymin + (rows->yspan * (double)(rows->row_start + r)) / rows->denom;
    for (uint32_t column = 0; column < rows->width; column++, p++) {
      const double cx = rows->xmin + (rows->xspan * (double)column) / rows->denom;
      double x = 0, y = 0;
      uint32_t i = 0;
      for (; i < rows->max_iter; i++) {
        const double xy = x * y;
        const double xx = x * x;
        const double yy = y * y;
        if (xx + yy > 4) break;
        x = xx - yy + cx;
        y = 2 * xy + cy;
      }
      iters[p] = i;
      norms[p] = i < rows->max_iter ? x * x + y * y : (x * x + y * y) / 2;
    }
  }
  return 0;
}
