/*
 * The original's colouring, byte for byte as colorClassic in src/core/render/classic-coloring.ts:
 * v = (N − it) + ln(norm); palette entries k = trunc|v| and k + 1 blended with the integer weight
 * uint32(v) in wrap-around uint32 arithmetic; transparent past the palette's end (and for the
 * −∞ of ln 0 and any NaN, which the comparison lets through to the transparent branch).
 */
#include <math.h>
#include <time.h>
#include <stdlib.h>
#include "kernel.h"

/* One pixel of colorClassic, given ln(norm). */
static inline void color_pixel(uint32_t it, double log_norm, uint32_t max_iter, const uint32_t *palette, double last, uint8_t *rgba) {
  /* JavaScript subtracts exactly (both below 2^53), then adds in doubles */
  const double v = (double)max_iter - (double)it + log_norm;
  /* k = trunc|v| and k < last, but without a call to trunc: for an integer last, trunc(a) < last
   * exactly when a < last (and both are false for NaN) */
  const double a = fabs(v);
  if (!(a < last)) {
    rgba[0] = rgba[1] = rgba[2] = rgba[3] = 0;
    return;
  }
  /* v >>> 0: truncate, keep the low 32 bits (|v| < last < 2^53 here, so the int64 holds it) */
  const uint32_t mu = (uint32_t)(int64_t)v;
  const size_t index = (size_t)a;
  const uint32_t color = palette[index] * (1u - mu) + palette[index + 1] * mu;
  rgba[0] = (uint8_t)(color >> 24);
  rgba[1] = (uint8_t)(color >> 16);
  rgba[2] = (uint8_t)(color >> 8);
  rgba[3] = 0xff;
}

void fk_color_classic_logs(const uint32_t *iters, const double *logs, size_t count, uint32_t max_iter,
                           const uint32_t *palette, size_t palette_length, uint8_t *rgba) {
  const double last = (double)palette_length - 1;
  for (size_t p = 0; p < count; p++) color_pixel(iters[p], logs[p], max_iter, palette, last, rgba + 4 * p);
}

void fk_color_classic(const uint32_t *iters, const double *norms, size_t count, uint32_t max_iter,
                      const uint32_t *palette, size_t palette_length, uint8_t *rgba) {
  const double last = (double)palette_length - 1;
  for (size_t p = 0; p < count; p++) color_pixel(iters[p], fk_log(norms[p]), max_iter, palette, last, rgba + 4 * p);
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Rows per pass: about this many pixels' counts, norms and logs (20 bytes each) stay in the L2 cache
 * between the escape loop that writes them and the colouring that reads them, and a pass is long
 * enough that the lanes draining at its end cost well under 1%. */
#define PASS_PIXELS 32768u

int fk_render_classic(int path, const fk_rows *rows, const uint32_t *palette, size_t palette_length,
                      uint8_t *rgba, fk_render_stats *stats) {
  const fk_escape_fn escape = fk_escape_for(path);
  const fk_log_block_fn log_block = fk_log_block_for(path);
  stats->iterations = stats->compute_ns = stats->color_ns = 0;
  if (!escape || !log_block) return -1;
  if (rows->width == 0 || rows->row_count == 0) return 0;
  const uint32_t pass_rows = rows->width >= PASS_PIXELS ? 1 : PASS_PIXELS / rows->width;
  const size_t pass_pixels = (size_t)rows->width * (pass_rows < rows->row_count ? pass_rows : rows->row_count);
  uint32_t *iters = malloc(pass_pixels * sizeof *iters);
  double *norms = malloc(pass_pixels * sizeof *norms);
  double *logs = malloc(pass_pixels * sizeof *logs);
  int status = iters && norms && logs ? 0 : -1;
  for (uint32_t done = 0; status == 0 && done < rows->row_count; done += pass_rows) {
    fk_rows pass = *rows;
    pass.row_start = rows->row_start + done;
    pass.row_count = rows->row_count - done < pass_rows ? rows->row_count - done : pass_rows;
    const size_t count = (size_t)pass.width * pass.row_count;
    const uint64_t t0 = now_ns();
    status = escape(&pass, iters, norms);
    const uint64_t t1 = now_ns();
    if (status != 0) break;
    log_block(norms, logs, count);
    fk_color_classic_logs(iters, logs, count, rows->max_iter, palette, palette_length, rgba + (size_t)rows->width * done * 4);
    for (size_t p = 0; p < count; p++) stats->iterations += iters[p];
    stats->compute_ns += t1 - t0;
    stats->color_ns += now_ns() - t1;
  }
  free(iters);
  free(norms);
  free(logs);
  return status;
}
