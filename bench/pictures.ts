// The pictures the benchmarks share.

/** The gigapixel target of issue 11: 32768×32768, 1.07 G pixels, 4 GiB of RGBA. */
export const GIGA_FLAGS = ['--width', '32768', '--height', '32768', '--smoothness', '1', '--iters', '64', '--step', '64', '--xpos', '-0.5', '--ypos', '0', '--escape-radius', '3'];
