// Which escape-time kernel a process uses. By default the fastest this machine runs: the native
// addon's best instruction-set path, else WebAssembly SIMD (the same pixels, slower), else plain
// JavaScript. FRACTAL_KERNEL forces one (the cli layer reads it: core takes it as a parameter);
// a forced kernel this machine cannot run is an error, never a silent substitute.
import { FractalError, describeValue } from '../errors.js';
import { createScalarKernel, type EscapeKernel } from './kernel.js';
import { createNativeKernel } from './kernel-native.js';
import { createWasmKernel, isWasmSimdSupported } from './kernel-wasm.js';
import { hasNativeSources, loadNativeAddon, NATIVE_PATHS, type NativeLoad, type NativePath } from './native-addon.js';

/** The variable the cli layer reads the choice from; named here for the messages. */
export const KERNEL_VARIABLE = 'FRACTAL_KERNEL';

export const KERNEL_CHOICES = ['native', ...NATIVE_PATHS.map((path) => `native-${path}` as const), 'wasm', 'js'] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];

/** What a kernel calls itself in metrics, results and `fractal version`: kind and instruction set. */
export const KERNEL_NAMES = [...NATIVE_PATHS.map((path) => `native-${path}` as const), 'wasm-simd', 'js-scalar'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

export interface KernelSelection {
  kernel: KernelName;
  /** Every kernel this process can run, fastest first. */
  available: KernelName[];
  /** The native addon's file, when it loaded. */
  nativeFile: string | null;
  /** Set when nothing was forced and the native kernel is not used: why (for a one-line warning). */
  fallback: string | null;
}

/** What to do about a missing addon: build it in a checkout; an installed tarball has no sources. */
export const buildNativeHint = (sources: boolean = hasNativeSources()): string =>
  sources
    ? 'build the native kernel with `npm run build:native` in fractal\'s directory (needs a C compiler)'
    : `this package has no prebuilt native kernel for ${process.platform}-${process.arch}: build one from a checkout of fractal`;

const isKernelChoice = (value: string): value is KernelChoice => (KERNEL_CHOICES as readonly string[]).includes(value);

/** The choice in the variable's text; unset or empty means "the fastest". */
export const parseKernelChoice = (text: string | undefined): KernelChoice | undefined => {
  if (text === undefined || text === '') return undefined;
  if (isKernelChoice(text)) return text;
  const lower = text.trim().toLowerCase();
  throw new FractalError(`${KERNEL_VARIABLE}: expected one of ${KERNEL_CHOICES.join(', ')}, got ${describeValue(text)}`, {
    kind: 'usage',
    code: 'E_KERNEL_UNKNOWN',
    suggestions: [
      isKernelChoice(lower) ? `did you mean ${KERNEL_VARIABLE}=${lower}?` : `unset ${KERNEL_VARIABLE} to let fractal choose the fastest kernel`,
    ],
  });
};

const nativePathsOf = (native: NativeLoad): NativePath[] =>
  native.loaded ? NATIVE_PATHS.filter((_path, id) => native.addon.supported(id)) : [];

const availableKernels = (native: NativeLoad, wasm: boolean): KernelName[] => [
  ...nativePathsOf(native).map((path) => `native-${path}` as const),
  ...(wasm ? (['wasm-simd'] as const) : []),
  'js-scalar',
];

const unavailable = (choice: KernelChoice, why: string, available: KernelName[], build: boolean): FractalError =>
  new FractalError(`${KERNEL_VARIABLE}=${choice}: ${why}; this machine runs ${available.join(', ')}`, {
    kind: 'usage',
    code: 'E_KERNEL_UNAVAILABLE',
    suggestions: [
      ...(build ? [buildNativeHint()] : []),
      `unset ${KERNEL_VARIABLE} to let fractal choose, or set it to one this machine runs`,
    ],
  });

/**
 * Picks the kernel for a requested choice (undefined: the fastest). Throws E_KERNEL_UNAVAILABLE
 * when a forced one cannot run here. Loads the addon in this thread, so it costs one dlopen.
 */
export const selectKernel = (requested: KernelChoice | undefined, native: NativeLoad = loadNativeAddon()): KernelSelection => {
  const wasm = isWasmSimdSupported();
  const available = availableKernels(native, wasm);
  const nativeFile = native.loaded ? native.file : null;
  const chosen = (kernel: KernelName, fallback: string | null = null): KernelSelection => ({ kernel, available, nativeFile, fallback });
  if (requested === undefined) {
    const best = available[0]!;
    if (best.startsWith('native-')) return chosen(best);
    const why = native.loaded ? 'the native addon runs no path on this CPU' : native.reason;
    return chosen(best, why);
  }
  if (requested === 'js') return chosen('js-scalar');
  if (requested === 'wasm') {
    if (!wasm) throw unavailable(requested, 'this Node.js has no WebAssembly SIMD', available, false);
    return chosen('wasm-simd');
  }
  if (!native.loaded) throw unavailable(requested, native.reason, available, true);
  const paths = nativePathsOf(native);
  if (requested === 'native') return chosen(`native-${paths[0]!}`);
  if (!(available as readonly string[]).includes(requested)) {
    throw unavailable(requested, `this build or CPU has no ${requested.slice('native-'.length)} path`, available, false);
  }
  return chosen(requested);
};

/**
 * Builds a kernel by name in this thread (a render or compute thread, after the main thread chose
 * it with selectKernel); undefined builds the fastest. Throws where it cannot run here.
 */
export const createKernel = (name?: KernelName): EscapeKernel => {
  const kernel = name ?? selectKernel(undefined).kernel;
  if (kernel === 'js-scalar') return createScalarKernel();
  if (kernel === 'wasm-simd') return createWasmKernel();
  const native = loadNativeAddon();
  if (!native.loaded) throw new Error(`the ${kernel} kernel: ${native.reason}`);
  return createNativeKernel(native.addon, kernel.slice('native-'.length) as NativePath);
};
