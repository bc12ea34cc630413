/*
 * A plain C driver of the native kernel, for a build where no Node runs: the arm64 (NEON) build,
 * cross-compiled and run under qemu-aarch64 by test/integration/arm64-neon.test.ts.
 *
 *   cross-check views                  every built-in view: the best SIMD path against the scalar
 *                                      one, counts, norm bits and RGBA; prints what it compared
 *   cross-check escape PATH ROWS… OUT  one block of rows on a path (9 numbers as fk_rows): counts
 *                                      (u32) then norms (f64), little-endian, to OUT
 *   cross-check log IN OUT             fk_log of every double in IN, to OUT
 * Exit status 0 when everything agreed, 1 when something differed, 2 for bad arguments.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../native/kernel.h"

typedef struct {
  const char *name;
  double x, y, span;
  uint32_t width, height, max_iter;
} view;

/* The classic view of an image: as classicRowJob in src/core/render/view.ts. */
static fk_rows rows_of(const view *v) {
  const double ratio = (double)v->height / (double)v->width;
  const double xmin = v->x - v->span / 2, xmax = fabs(v->x + v->span / 2);
  const double ymin = v->y - (v->span * ratio) / 2, ymax = fabs(v->y + (v->span * ratio) / 2);
  fk_rows rows = {xmin, xmax - xmin, ymin, ymax - ymin, (double)v->width - 1, v->width, v->max_iter, 0, v->height};
  return rows;
}

static const view VIEWS[] = {
    {"default view, 1024 wide, 24 rows", -0.00275, 0.78912, 0.125689, 1024, 24, 800},
    {"deep view, 20000 iterations", 0.2501, 0, 1e-5, 40, 30, 20000},
    {"the set's interior", -0.2, 0, 0.2, 37, 9, 1000},
    {"escapes at iteration 1 and |z|^2 = 4", 0, 0, 8, 37, 29, 100},
    {"one pixel", -0.75, 0.1, 0.5, 1, 1, 800},
    {"odd width 7 (lane tails)", -0.75, 0.1, 0.5, 7, 13, 300},
    {"odd width 33", -0.5, 0, 3, 33, 17, 256},
    {"max_iter 0", 0, 0, 6, 23, 11, 0},
    {"max_iter 1", 0, 0, 6, 23, 11, 1},
};

static int compare_view(const view *v, int path, uint32_t *palette, size_t palette_length) {
  const fk_rows rows = rows_of(v);
  const size_t count = (size_t)v->width * v->height;
  uint32_t *iters[2] = {malloc(count * 4), malloc(count * 4)};
  double *norms[2] = {malloc(count * 8), malloc(count * 8)};
  uint8_t *rgba[2] = {malloc(count * 4), malloc(count * 4)};
  fk_render_stats stats[2];
  int same = iters[0] && iters[1] && norms[0] && norms[1] && rgba[0] && rgba[1];
  const int paths[2] = {path, FK_SCALAR};
  for (int k = 0; same && k < 2; k++) {
    same = fk_escape_for(paths[k])(&rows, iters[k], norms[k]) == 0 &&
           fk_render_classic(paths[k], &rows, palette, palette_length, rgba[k], &stats[k]) == 0;
  }
  same = same && !memcmp(iters[0], iters[1], count * 4) && !memcmp(norms[0], norms[1], count * 8) &&
         !memcmp(rgba[0], rgba[1], count * 4) && stats[0].iterations == stats[1].iterations;
  printf("%s %s: %s and scalar, %zu pixels, %llu iterations\n", same ? "same" : "DIFFERENT", v->name, fk_path_name(path), count,
         (unsigned long long)stats[1].iterations);
  for (int k = 0; k < 2; k++) free(iters[k]), free(norms[k]), free(rgba[k]);
  return same;
}

static int views(void) {
  /* any palette serves to compare two paths: a long one, so most pixels land inside it */
  enum { LENGTH = 20001 };
  static uint32_t palette[LENGTH];
  for (uint32_t k = 0; k < LENGTH; k++) palette[k] = k * 2654435761u | 0xffu;
  const int path = fk_best_path();
  if (path == FK_SCALAR) {
    printf("DIFFERENT: this build runs no SIMD path\n");
    return 1;
  }
  int all = 1;
  for (size_t v = 0; v < sizeof VIEWS / sizeof VIEWS[0]; v++) all &= compare_view(&VIEWS[v], path, palette, LENGTH);
  return all ? 0 : 1;
}

static void *read_file(const char *name, size_t *size) {
  FILE *file = fopen(name, "rb");
  if (!file) return NULL;
  fseek(file, 0, SEEK_END);
  *size = (size_t)ftell(file);
  fseek(file, 0, SEEK_SET);
  void *data = malloc(*size ? *size : 1);
  if (data && fread(data, 1, *size, file) != *size) free(data), data = NULL;
  fclose(file);
  return data;
}

static int write_file(const char *name, const void *a, size_t a_size, const void *b, size_t b_size) {
  FILE *file = fopen(name, "wb");
  if (!file) return 0;
  const int ok = fwrite(a, 1, a_size, file) == a_size && fwrite(b, 1, b_size, file) == b_size;
  return fclose(file) == 0 && ok;
}

static int path_named(const char *name) {
  for (int path = 0; path < FK_PATH_COUNT; path++)
    if (!strcmp(fk_path_name(path), name)) return path;
  return -1;
}

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "views")) return views();
  if (argc == 4 && !strcmp(argv[1], "log")) {
    size_t size = 0;
    double *x = read_file(argv[2], &size);
    if (!x) return 2;
    for (size_t p = 0; p < size / 8; p++) x[p] = fk_log(x[p]);
    return write_file(argv[3], x, size, NULL, 0) ? 0 : 2;
  }
  if (argc == 13 && !strcmp(argv[1], "escape")) {
    const int path = path_named(argv[2]);
    if (path < 0 || !fk_path_supported(path)) return 2;
    double n[9];
    for (int k = 0; k < 9; k++) n[k] = strtod(argv[3 + k], NULL);
    fk_rows rows = {n[0], n[1], n[2], n[3], n[4], (uint32_t)n[5], (uint32_t)n[6], (uint32_t)n[7], (uint32_t)n[8]};
    const size_t count = (size_t)rows.width * rows.row_count;
    uint32_t *iters = malloc(count * 4 + 1);
    double *norms = malloc(count * 8 + 1);
    if (!iters || !norms || fk_escape_for(path)(&rows, iters, norms) != 0) return 2;
    return write_file(argv[12], iters, count * 4, norms, count * 8) ? 0 : 2;
  }
  fprintf(stderr, "usage: cross-check views | escape PATH XMIN XSPAN YMIN YSPAN DENOM WIDTH MAXITER ROWSTART ROWCOUNT OUT | log IN OUT\n");
  return 2;
}
