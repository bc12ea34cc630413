/*
 * The native kernel's C interface. Nothing here knows about Node: addon.c wraps it for Node-API,
 * and a plain C program (test/native/cross-check.c) links the same files to check the arm64 build
 * under an emulator, where no Node runs.
 *
 * Every path gives exactly the iteration counts and norms of escapeScalar in
 * src/core/render/kernel.ts, and fk_color_classic exactly the bytes of colorClassic in
 * src/core/render/classic-coloring.ts: the classic colouring depends on every bit.
 */
#ifndef FRACTAL_KERNEL_H
#define FRACTAL_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/* A block of whole rows of the classic view, as RowJob in src/core/render/view.ts. */
typedef struct {
  double xmin, xspan, ymin, yspan;
  /* the divisor of both axes: width − 1 */
  double denom;
  uint32_t width, max_iter, row_start, row_count;
} fk_rows;

/* The instruction-set paths, best first: fk_best_path() is the first this CPU runs. */
typedef enum { FK_AVX512, FK_AVX2, FK_SSE2, FK_NEON, FK_SCALAR, FK_PATH_COUNT } fk_path;

/* Writes width × row_count counts and norms, row-major. Returns 0, or -1 when out of memory. */
typedef int (*fk_escape_fn)(const fk_rows *rows, uint32_t *iters, double *norms);

/* "avx512", "avx2", "sse2", "neon", "scalar"; NULL for a number out of range. */
const char *fk_path_name(int path);
/* Whether this build has the path and this CPU (and its OS) can run it. */
int fk_path_supported(int path);
int fk_best_path(void);
/* NULL unless fk_path_supported(path). */
fk_escape_fn fk_escape_for(int path);

int fk_escape_scalar(const fk_rows *rows, uint32_t *iters, double *norms);
#if defined(__x86_64__) || defined(_M_X64)
int fk_escape_avx512(const fk_rows *rows, uint32_t *iters, double *norms);
int fk_escape_avx2(const fk_rows *rows, uint32_t *iters, double *norms);
int fk_escape_sse2(const fk_rows *rows, uint32_t *iters, double *norms);
#endif
#if defined(__aarch64__)
int fk_escape_neon(const fk_rows *rows, uint32_t *iters, double *norms);
#endif

/* The natural logarithm, bit for bit as V8's Math.log (fdlibm's algorithm; see fk-log.c). */
double fk_log(double x);
/* fk_log of count doubles, several at a time where the path can: the same bits as fk_log. */
typedef void (*fk_log_block_fn)(const double *x, double *out, size_t count);
void fk_log_block_scalar(const double *x, double *out, size_t count);
#if defined(__x86_64__) || defined(_M_X64)
void fk_log_block_avx512(const double *x, double *out, size_t count);
#endif
/* The block log a path colours with (the scalar one for a path without its own); NULL unless
 * fk_path_supported(path). */
fk_log_block_fn fk_log_block_for(int path);

/* colorClassic over count pixels: RGBA, 4 bytes a pixel, into rgba (logs: fk_log of each norm). */
void fk_color_classic_logs(const uint32_t *iters, const double *logs, size_t count, uint32_t max_iter,
                           const uint32_t *palette, size_t palette_length, uint8_t *rgba);
/* The same from the norms, one fk_log at a time. */
void fk_color_classic(const uint32_t *iters, const double *norms, size_t count, uint32_t max_iter,
                      const uint32_t *palette, size_t palette_length, uint8_t *rgba);

typedef struct {
  /* the sum of the per-pixel counts */
  uint64_t iterations;
  uint64_t compute_ns, color_ns;
} fk_render_stats;

/*
 * Escape and classic colour of rows->row_count rows into rgba (width × row_count × 4 bytes), a few
 * rows at a time so the counts and norms stay in cache between the two. Returns 0, or -1 when out
 * of memory or the path is not supported.
 */
int fk_render_classic(int path, const fk_rows *rows, const uint32_t *palette, size_t palette_length,
                      uint8_t *rgba, fk_render_stats *stats);

/* PNG rows (png-filter.c): the Adler-32 of n bytes continuing from adler (1: of nothing), and a
 * unit of rows × width pixels Up-filtered into out as filterUnit in src/core/image/png-filter.ts
 * lays it out (rows × (4·width + 1) + 4·width bytes); returns the Adler-32 of its rows after the
 * first. */
uint32_t fk_adler32(uint32_t adler, const uint8_t *bytes, size_t n);
uint32_t fk_filter_unit(const uint8_t *rgba, size_t width, size_t rows, uint8_t *out);
/* Filters such a unit's first row in place against the row above it (NULL for the image's first
 * row) and returns the Adler-32 of all its filtered rows, rest_adler being the one filterUnit gave. */
uint32_t fk_complete_unit(uint8_t *unit, const uint8_t *above, size_t width, size_t rows, uint32_t rest_adler);

/* A unit's RGBA as runs of equal pixels (unit-runs.c), as src/core/cluster/unit-rgba.ts writes and
 * reads them: fk_runs_encode writes at most fk_runs_bound(pixels) bytes and returns how many;
 * fk_runs_decode returns 1 when the bytes are exactly `pixels` pixels of runs (written to out), 0
 * for anything else (out then holds garbage). */
size_t fk_runs_bound(size_t pixels);
size_t fk_runs_encode(const uint8_t *rgba, size_t pixels, uint8_t *out);
int fk_runs_decode(const uint8_t *bytes, size_t n, uint8_t *out, size_t pixels);

#endif
