// Loads the native kernel's Node-API addon (native/*.c, built by node-gyp from binding.gyp) once
// per thread: first the local build (build/Release, what `npm ci` or `npm run build:native` makes
// in a checkout), then the binary a packed tarball carries (prebuilds/<platform>-<arch>/, put there
// by `npm pack`'s prepack step), so an installed package needs no compiler and no install script.
// A missing or unloadable addon is an answer, not an error: the caller falls back to WebAssembly.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The addon's instruction-set paths in its own order (fk_path in native/kernel.h), best first. */
export const NATIVE_PATHS = ['avx512', 'avx2', 'sse2', 'neon', 'scalar'] as const;
export type NativePath = (typeof NATIVE_PATHS)[number];

export const NATIVE_ADDON_FILE = 'fractal_native.node';

/** The functions native/addon.c exports; paths are numbers, indexes into NATIVE_PATHS. */
export interface NativeAddon {
  readonly paths: readonly string[];
  supported(path: number): boolean;
  best(): number;
  escapeRows(path: number, ...rowsAndOutput: [...RowNumbers, Uint32Array, Float64Array]): void;
  renderClassicRows(path: number, ...rowsAndOutput: [...RowNumbers, Uint32Array, Uint8Array, number, Float64Array]): void;
  colorClassic(iters: Uint32Array, norms: Float64Array, maxIter: number, palette: Uint32Array, rgba: Uint8Array, offset: number): void;
  /** The path's block log (the AVX-512 one is vectorised), for the tests against Math.log. */
  log(path: number, x: Float64Array, out: Float64Array): void;
  /** A unit's rows Up-filtered for the PNG (png-filter.ts, filterUnit's layout); returns restAdler. */
  readonly filterUnit: (rgba: Uint8Array, width: number, out: Uint8Array) => number;
  /** Its first row filtered in place against the row above (png-filter.ts, completeUnit); returns all its rows' Adler-32. */
  readonly completeUnit: (unit: Uint8Array, above: Uint8Array | null, width: number, rows: number, restAdler: number) => number;
  /** A unit's RGBA as runs into out (unit-rgba.ts, encodeUnitRuns's bytes); returns the bytes written. */
  readonly encodeRuns: (rgba: Uint8Array, out: Uint8Array) => number;
  /** Runs back into out (unit-rgba.ts, decodeUnitRgba): false unless they are exactly out's pixels. */
  readonly decodeRuns: (bytes: Uint8Array, out: Uint8Array) => boolean;
}

/** xmin, xspan, ymin, yspan, denom, width, maxIter, rowStart, rowCount (a RowJob, in that order). */
type RowNumbers = [number, number, number, number, number, number, number, number, number];

export type NativeLoad = { loaded: true; addon: NativeAddon; file: string } | { loaded: false; reason: string };


export const nativeAddonCandidates = (
  root: string = PACKAGE_ROOT,
  platform: string = process.platform,
  arch: string = process.arch,
): string[] => [
  join(root, 'build', 'Release', NATIVE_ADDON_FILE),
  join(root, 'prebuilds', `${platform}-${arch}`, NATIVE_ADDON_FILE),
];

/** Whether this copy of fractal has the sources to build the addon (a checkout, not a tarball). */
export const hasNativeSources = (root: string = PACKAGE_ROOT): boolean => existsSync(join(root, 'binding.gyp'));

const FUNCTIONS = ['supported', 'best', 'escapeRows', 'renderClassicRows', 'colorClassic', 'log', 'filterUnit', 'completeUnit', 'encodeRuns', 'decodeRuns'] as const;

/** Whether a loaded module is this addon, of this version: a stale build is refused, not misused. */
const describeMismatch = (value: unknown): string | undefined => {
  const module = value as Partial<Record<string, unknown>> | null;
  if (!module || typeof module !== 'object') return 'it exports no object';
  const missing = FUNCTIONS.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) return `it lacks ${missing.join(', ')} (a build of another version? rebuild it)`;
  const paths = module['paths'];
  if (!Array.isArray(paths) || paths.join(',') !== NATIVE_PATHS.join(',')) {
    return `its paths are ${JSON.stringify(paths)}, expected ${JSON.stringify(NATIVE_PATHS)} (rebuild it)`;
  }
  return undefined;
};

/** The first candidate that exists and loads; else why none did. */
export const loadNativeAddonFrom = (candidates: readonly string[]): NativeLoad => {
  const require = createRequire(import.meta.url);
  const failures: string[] = [];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      const module: unknown = require(file);
      const mismatch = describeMismatch(module);
      if (mismatch === undefined) return { loaded: true, addon: module as NativeAddon, file };
      failures.push(`${file}: ${mismatch}`);
    } catch (error) {
      failures.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  if (failures.length > 0) return { loaded: false, reason: `the native addon did not load (${failures.join('; ')})` };
  return { loaded: false, reason: `the native addon is not built (no ${candidates.join(' nor ')})` };
};

let loaded: NativeLoad | undefined;

/** The addon for this thread, loaded on first use. */
export const loadNativeAddon = (): NativeLoad => (loaded ??= loadNativeAddonFrom(nativeAddonCandidates()));

/**
 * The addon for what is done to a unit's rows (the PNG filter, the runs codec) where it is built,
 * unless a kernel other than the native one was chosen (a forced FRACTAL_KERNEL=wasm or js runs no
 * native code). Either way the bytes are the same.
 */
export const rowsAddon = (kernel?: string): NativeAddon | undefined => {
  if (kernel !== undefined && !kernel.startsWith('native-')) return undefined;
  const native = loadNativeAddon();
  return native.loaded ? native.addon : undefined;
};
