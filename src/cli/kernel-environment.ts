// The cli layer's side of the kernel choice: it reads FRACTAL_KERNEL (core never reads the
// environment), has core check it against what this machine runs, and prints the one-line warning
// when fractal falls back to WebAssembly by itself, once per process.
import { buildNativeHint, KERNEL_VARIABLE, parseKernelChoice, selectKernel, type KernelSelection } from '../core/render/kernel-choice.js';
import type { Environment } from '../core/environment.js';
import { printable } from './format.js';

let warned = false;

/** The fallback warning, one line: what happened, why, what it costs and how to fix it. */
export const kernelFallbackWarning = (selection: KernelSelection): string | null =>
  selection.fallback === null
    ? null
    : `warning: ${selection.fallback}; using the ${selection.kernel} kernel (the same pixels, slower); to have it, ${buildNativeHint()}`;

/**
 * The kernel this process computes with. Throws E_KERNEL_UNKNOWN or E_KERNEL_UNAVAILABLE for a
 * FRACTAL_KERNEL it cannot honour; warns (through warn) when the native kernel is not used.
 */
export const kernelFromEnvironment = (
  env: Environment = process.env,
  warn: ((line: string) => void) | null = (line) => process.stderr.write(`${line}\n`),
): KernelSelection => {
  const selection = selectKernel(parseKernelChoice(env[KERNEL_VARIABLE]));
  const warning = kernelFallbackWarning(selection);
  if (warning !== null && warn !== null && !warned) {
    warned = true;
    warn(printable(warning));
  }
  return selection;
};
