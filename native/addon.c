/*
 * The Node-API face of the native kernel (plain node_api.h: one binary serves every Node version
 * with Node-API 8). Every function runs synchronously on the calling thread, as the WebAssembly
 * kernel does: fractal renders from its compute threads; the main threads that write the PNG (the
 * leader's, render's) call only the row filters and the runs codec, a few milliseconds a unit.
 * Arguments are checked here too (types, lengths, ranges), so a bad call throws, never corrupts.
 *
 *   paths: string[]                       every path this build knows, in fk_path order
 *   supported(path): boolean              this CPU runs it
 *   best(): number                        the first supported path
 *   escapeRows(path, xmin, xspan, ymin, yspan, denom, width, maxIter, rowStart, rowCount,
 *              iters: Uint32Array, norms: Float64Array)
 *   renderClassicRows(path, …the same ten…, palette: Uint32Array, rgba: Uint8Array, offset,
 *              stats: Float64Array)       stats = [iterations, compute ns, colour ns]
 *   colorClassic(iters, norms, maxIter, palette, rgba, offset)
 *   log(path, x: Float64Array, out: Float64Array)   the path's block log (fk_log_block_for), for the
 *                                         tests that compare it with Math.log
 *   filterUnit(rgba: Uint8Array, width, out: Uint8Array): number   a unit's rows Up-filtered for the
 *                                         PNG (fk_filter_unit); the Adler-32 of its rows after the first
 *   completeUnit(unit: Uint8Array, above: Uint8Array | null, width, rows, restAdler): number   its first
 *                                         row filtered in place (fk_complete_unit); all its rows' Adler-32
 *   encodeRuns(rgba: Uint8Array, out: Uint8Array): number   the RGBA as runs (fk_runs_encode) into out
 *                                         (at least 4.5 bytes a pixel + 16); returns the bytes written
 *   decodeRuns(bytes: Uint8Array, out: Uint8Array): boolean   runs back to RGBA (fk_runs_decode):
 *                                         false unless they are exactly out's pixels
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdio.h>
#include "kernel.h"

#define MAX_ARGS 16

typedef struct {
  napi_env env;
  napi_value args[MAX_ARGS];
  size_t count;
  int failed;
} call;

static void fail(call *c, const char *what) {
  if (!c->failed) napi_throw_range_error(c->env, NULL, what);
  c->failed = 1;
}

static int read_args(call *c, napi_callback_info info, size_t expected, const char *name) {
  c->count = MAX_ARGS;
  c->failed = 0;
  if (napi_get_cb_info(c->env, info, &c->count, c->args, NULL, NULL) != napi_ok || c->count != expected) {
    char message[128];
    snprintf(message, sizeof message, "%s: expected %zu arguments, got %zu", name, expected, c->count);
    fail(c, message);
    return 0;
  }
  return 1;
}

static double number_arg(call *c, size_t index, const char *what) {
  double value = 0;
  if (c->failed) return 0;
  if (napi_get_value_double(c->env, c->args[index], &value) != napi_ok) fail(c, what);
  return value;
}

/* An integer in [0, max]: NaN, fractions and out-of-range values are refused. */
static uint32_t integer_arg(call *c, size_t index, double max, const char *what) {
  const double value = number_arg(c, index, what);
  if (c->failed) return 0;
  if (!(value >= 0 && value <= max && value == (double)(uint64_t)value)) fail(c, what);
  return c->failed ? 0 : (uint32_t)value;
}

static void *typed_arg(call *c, size_t index, napi_typedarray_type type, size_t *length, const char *what) {
  bool is_typed = false;
  napi_typedarray_type got;
  void *data = NULL;
  if (c->failed) return NULL;
  if (napi_is_typedarray(c->env, c->args[index], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(c->env, c->args[index], &got, length, &data, NULL, NULL) != napi_ok || got != type) {
    fail(c, what);
    return NULL;
  }
  return data;
}

static int path_arg(call *c, size_t index) {
  const uint32_t path = integer_arg(c, index, FK_PATH_COUNT - 1, "path: expected the number of a kernel path");
  if (!c->failed && !fk_path_supported((int)path)) fail(c, "path: this CPU cannot run it");
  return (int)path;
}

/* The ten numbers of a block of rows, from args[first]. */
static fk_rows rows_arg(call *c, size_t first) {
  fk_rows rows;
  rows.xmin = number_arg(c, first, "xmin: expected a number");
  rows.xspan = number_arg(c, first + 1, "xspan: expected a number");
  rows.ymin = number_arg(c, first + 2, "ymin: expected a number");
  rows.yspan = number_arg(c, first + 3, "yspan: expected a number");
  rows.denom = number_arg(c, first + 4, "denom: expected a number");
  rows.width = integer_arg(c, first + 5, 2147483647.0, "width: expected an integer in [0, 2^31)");
  rows.max_iter = integer_arg(c, first + 6, 2147483647.0, "maxIter: expected an integer in [0, 2^31)");
  rows.row_start = integer_arg(c, first + 7, 4294967295.0, "rowStart: expected an integer in [0, 2^32)");
  rows.row_count = integer_arg(c, first + 8, 4294967295.0 - rows.row_start, "rowCount: expected an integer, rowStart + rowCount < 2^32");
  return rows;
}

static napi_value undefined_value(napi_env env) {
  napi_value value;
  napi_get_undefined(env, &value);
  return value;
}

static napi_value escape_rows(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 12, "escapeRows")) return NULL;
  const int path = path_arg(&c, 0);
  const fk_rows rows = rows_arg(&c, 1);
  size_t iters_length = 0, norms_length = 0;
  uint32_t *iters = typed_arg(&c, 10, napi_uint32_array, &iters_length, "iters: expected a Uint32Array");
  double *norms = typed_arg(&c, 11, napi_float64_array, &norms_length, "norms: expected a Float64Array");
  if (c.failed) return NULL;
  const size_t count = (size_t)rows.width * rows.row_count;
  if (iters_length < count || norms_length < count) {
    fail(&c, "iters, norms: shorter than width × rowCount");
    return NULL;
  }
  if (fk_escape_for(path)(&rows, iters, norms) != 0) napi_throw_error(env, "E_NATIVE_MEMORY", "escapeRows: out of memory");
  return undefined_value(env);
}

static napi_value render_classic_rows(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 14, "renderClassicRows")) return NULL;
  const int path = path_arg(&c, 0);
  const fk_rows rows = rows_arg(&c, 1);
  size_t palette_length = 0, rgba_length = 0, stats_length = 0;
  const uint32_t *palette = typed_arg(&c, 10, napi_uint32_array, &palette_length, "palette: expected a Uint32Array");
  uint8_t *rgba = typed_arg(&c, 11, napi_uint8_array, &rgba_length, "rgba: expected a Uint8Array");
  const double offset = number_arg(&c, 12, "offset: expected a number");
  double *stats = typed_arg(&c, 13, napi_float64_array, &stats_length, "stats: expected a Float64Array");
  if (c.failed) return NULL;
  const double bytes = (double)rows.width * rows.row_count * 4;
  if (!(offset >= 0 && offset == (double)(uint64_t)offset && offset + bytes <= (double)rgba_length)) {
    fail(&c, "offset: the rows do not fit in rgba from there");
    return NULL;
  }
  if (palette_length < 1 || stats_length < 3) {
    fail(&c, "palette needs an entry and stats 3 numbers");
    return NULL;
  }
  fk_render_stats measured;
  if (fk_render_classic(path, &rows, palette, palette_length, rgba + (size_t)offset, &measured) != 0) {
    napi_throw_error(env, "E_NATIVE_MEMORY", "renderClassicRows: out of memory");
    return NULL;
  }
  stats[0] = (double)measured.iterations;
  stats[1] = (double)measured.compute_ns;
  stats[2] = (double)measured.color_ns;
  return undefined_value(env);
}

static napi_value color_classic(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 6, "colorClassic")) return NULL;
  size_t iters_length = 0, norms_length = 0, palette_length = 0, rgba_length = 0;
  const uint32_t *iters = typed_arg(&c, 0, napi_uint32_array, &iters_length, "iters: expected a Uint32Array");
  const double *norms = typed_arg(&c, 1, napi_float64_array, &norms_length, "norms: expected a Float64Array");
  const uint32_t max_iter = integer_arg(&c, 2, 4294967295.0, "maxIter: expected a 32-bit unsigned integer");
  const uint32_t *palette = typed_arg(&c, 3, napi_uint32_array, &palette_length, "palette: expected a Uint32Array");
  uint8_t *rgba = typed_arg(&c, 4, napi_uint8_array, &rgba_length, "rgba: expected a Uint8Array");
  const double offset = number_arg(&c, 5, "offset: expected a number");
  if (c.failed) return NULL;
  if (norms_length != iters_length || palette_length < 1 || !(offset >= 0 && offset == (double)(uint64_t)offset) ||
      offset + 4.0 * (double)iters_length > (double)rgba_length) {
    fail(&c, "colorClassic: iters and norms of one length, a palette entry, and room in rgba from offset");
    return NULL;
  }
  fk_color_classic(iters, norms, iters_length, max_iter, palette, palette_length, rgba + (size_t)offset);
  return undefined_value(env);
}

static napi_value log_array(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 3, "log")) return NULL;
  size_t in_length = 0, out_length = 0;
  const int path = path_arg(&c, 0);
  const double *in = typed_arg(&c, 1, napi_float64_array, &in_length, "x: expected a Float64Array");
  double *out = typed_arg(&c, 2, napi_float64_array, &out_length, "out: expected a Float64Array");
  if (c.failed) return NULL;
  if (out_length < in_length) {
    fail(&c, "out: shorter than x");
    return NULL;
  }
  fk_log_block_for(path)(in, out, in_length);
  return undefined_value(env);
}

static napi_value filter_unit(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 3, "filterUnit")) return NULL;
  size_t rgba_length = 0, out_length = 0;
  const uint8_t *rgba = typed_arg(&c, 0, napi_uint8_array, &rgba_length, "rgba: expected a Uint8Array");
  const uint32_t width = integer_arg(&c, 1, 536870911.0, "width: expected an integer in [1, 2^29)");
  uint8_t *out = typed_arg(&c, 2, napi_uint8_array, &out_length, "out: expected a Uint8Array");
  if (c.failed) return NULL;
  const size_t row_bytes = 4 * (size_t)width;
  const size_t rows = width == 0 ? 0 : rgba_length / row_bytes;
  if (width == 0 || rows == 0 || rgba_length != rows * row_bytes || out_length != rows * (row_bytes + 1) + row_bytes) {
    fail(&c, "filterUnit: whole rows of 4 × width bytes, and out of rows × (4 × width + 1) + 4 × width bytes");
    return NULL;
  }
  napi_value result;
  napi_create_uint32(env, fk_filter_unit(rgba, width, rows, out), &result);
  return result;
}

static napi_value complete_unit(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 5, "completeUnit")) return NULL;
  size_t unit_length = 0, above_length = 0;
  uint8_t *unit = typed_arg(&c, 0, napi_uint8_array, &unit_length, "unit: expected a Uint8Array");
  napi_valuetype above_type = napi_undefined;
  if (!c.failed && napi_typeof(env, c.args[1], &above_type) != napi_ok) fail(&c, "above: expected a Uint8Array or null");
  const uint8_t *above =
      above_type == napi_null ? NULL : typed_arg(&c, 1, napi_uint8_array, &above_length, "above: expected a Uint8Array or null");
  const uint32_t width = integer_arg(&c, 2, 536870911.0, "width: expected an integer in [1, 2^29)");
  const uint32_t rows = integer_arg(&c, 3, 4294967295.0, "rows: expected a 32-bit unsigned integer");
  const uint32_t rest_adler = integer_arg(&c, 4, 4294967295.0, "restAdler: expected a 32-bit unsigned integer");
  if (c.failed) return NULL;
  const size_t row_bytes = 4 * (size_t)width;
  if (width == 0 || rows == 0 || unit_length != (size_t)rows * (row_bytes + 1) + row_bytes ||
      (above != NULL && above_length != row_bytes)) {
    fail(&c, "completeUnit: a unit of rows × (4 × width + 1) + 4 × width bytes, and a row above of 4 × width bytes or null");
    return NULL;
  }
  napi_value result;
  napi_create_uint32(env, fk_complete_unit(unit, above, width, rows, rest_adler), &result);
  return result;
}

static napi_value encode_runs(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 2, "encodeRuns")) return NULL;
  size_t rgba_length = 0, out_length = 0;
  const uint8_t *rgba = typed_arg(&c, 0, napi_uint8_array, &rgba_length, "rgba: expected a Uint8Array");
  uint8_t *out = typed_arg(&c, 1, napi_uint8_array, &out_length, "out: expected a Uint8Array");
  if (c.failed) return NULL;
  if (rgba_length % 4 != 0 || out_length < fk_runs_bound(rgba_length / 4)) {
    fail(&c, "encodeRuns: whole pixels of 4 bytes, and out of at least 4.5 bytes a pixel + 16");
    return NULL;
  }
  napi_value result;
  napi_create_double(env, (double)fk_runs_encode(rgba, rgba_length / 4, out), &result);
  return result;
}

static napi_value decode_runs(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 2, "decodeRuns")) return NULL;
  size_t bytes_length = 0, out_length = 0;
  const uint8_t *bytes = typed_arg(&c, 0, napi_uint8_array, &bytes_length, "bytes: expected a Uint8Array");
  uint8_t *out = typed_arg(&c, 1, napi_uint8_array, &out_length, "out: expected a Uint8Array");
  if (c.failed) return NULL;
  if (out_length % 4 != 0) {
    fail(&c, "decodeRuns: out of whole pixels of 4 bytes");
    return NULL;
  }
  napi_value result;
  napi_get_boolean(env, fk_runs_decode(bytes, bytes_length, out, out_length / 4) != 0, &result);
  return result;
}

static napi_value supported(napi_env env, napi_callback_info info) {
  call c = {.env = env};
  if (!read_args(&c, info, 1, "supported")) return NULL;
  const uint32_t path = integer_arg(&c, 0, 4294967295.0, "path: expected a non-negative integer");
  if (c.failed) return NULL;
  napi_value result;
  napi_get_boolean(env, path < FK_PATH_COUNT && fk_path_supported((int)path), &result);
  return result;
}

static napi_value best(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_create_uint32(env, (uint32_t)fk_best_path(), &result);
  return result;
}

static int export_function(napi_env env, napi_value exports, const char *name, napi_callback fn) {
  napi_value value;
  return napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value) == napi_ok &&
         napi_set_named_property(env, exports, name, value) == napi_ok;
}

NAPI_MODULE_INIT() {
  napi_value names;
  if (napi_create_array_with_length(env, FK_PATH_COUNT, &names) != napi_ok) return NULL;
  for (int path = 0; path < FK_PATH_COUNT; path++) {
    napi_value name;
    if (napi_create_string_utf8(env, fk_path_name(path), NAPI_AUTO_LENGTH, &name) != napi_ok ||
        napi_set_element(env, names, (uint32_t)path, name) != napi_ok)
      return NULL;
  }
  if (napi_set_named_property(env, exports, "paths", names) != napi_ok) return NULL;
  if (!export_function(env, exports, "supported", supported) || !export_function(env, exports, "best", best) ||
      !export_function(env, exports, "escapeRows", escape_rows) ||
      !export_function(env, exports, "renderClassicRows", render_classic_rows) ||
      !export_function(env, exports, "colorClassic", color_classic) || !export_function(env, exports, "log", log_array) ||
      !export_function(env, exports, "filterUnit", filter_unit) || !export_function(env, exports, "completeUnit", complete_unit) ||
      !export_function(env, exports, "encodeRuns", encode_runs) || !export_function(env, exports, "decodeRuns", decode_runs))
    return NULL;
  return exports;
}
