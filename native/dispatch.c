/* Which paths this build has and which this CPU runs, decided once per call by the CPU's own
 * answer (__builtin_cpu_supports checks the instruction set and that the OS saves its registers). */
#include "kernel.h"

static const char *const PATH_NAMES[FK_PATH_COUNT] = {"avx512", "avx2", "sse2", "neon", "scalar"};

const char *fk_path_name(int path) { return path >= 0 && path < FK_PATH_COUNT ? PATH_NAMES[path] : NULL; }

fk_escape_fn fk_escape_for(int path) {
  switch (path) {
#if defined(__x86_64__) || defined(_M_X64)
    case FK_AVX512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") ? fk_escape_avx512 : NULL;
    case FK_AVX2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2") ? fk_escape_avx2 : NULL;
    case FK_SSE2:
      /* the x86-64 baseline */
      return fk_escape_sse2;
#endif
#if defined(__aarch64__)
    case FK_NEON:
      /* part of every AArch64 CPU */
      return fk_escape_neon;
#endif
    case FK_SCALAR:
      return fk_escape_scalar;
    default:
      return NULL;
  }
}

int fk_path_supported(int path) { return fk_escape_for(path) != NULL; }

fk_log_block_fn fk_log_block_for(int path) {
  if (!fk_path_supported(path)) return NULL;
#if defined(__x86_64__) || defined(_M_X64)
  if (path == FK_AVX512) return fk_log_block_avx512;
#endif
  return fk_log_block_scalar;
}

int fk_best_path(void) {
  for (int path = 0; path < FK_PATH_COUNT; path++)
    if (fk_path_supported(path)) return path;
  return FK_SCALAR;
}
