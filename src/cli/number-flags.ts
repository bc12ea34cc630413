// Number flags that refuse what oclif's own would let through: hex and exponent forms, NaN and
// Infinity, values beyond the bounds in core/limits.ts. The range is checked as the flag is
// parsed, so every command that shares a flag shares its bound, and the help text states it.
import { Errors, Flags, type Interfaces } from '@oclif/core';
import { checkIntegerInRange, MAX_TIMEOUT_SECONDS, type IntegerRange } from '../core/limits.js';

const DECIMAL_INTEGER = /^[+-]?\d+$/;
/** Plain decimal notation: 12, -0.5, .25, 1e-3; not 0x10, not Infinity, not NaN. */
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A float flag: oclif has none. Rejects what Number() would quietly turn into 0, NaN or 16. */
export const floatFlag = Flags.custom<number>({
  parse: async (input) => {
    const value = Number(input);
    if (!DECIMAL_NUMBER.test(input.trim()) || !Number.isFinite(value)) throw new Errors.CLIError(`Expected a number but received: ${input}`);
    return value;
  },
});

interface IntegerFlagOptions {
  description: string;
  range: IntegerRange;
  default?: number;
  helpGroup?: string;
}

interface SecondsFlagOptions {
  description: string;
  default?: number;
  helpGroup?: string;
}

/** An integer flag whose range is part of its contract: `--threads: expected an integer from 1 to 256, got 400`. */
export function integerFlag(options: IntegerFlagOptions & { default: number }): Interfaces.OptionFlag<number>;
export function integerFlag(options: IntegerFlagOptions): Interfaces.OptionFlag<number | undefined>;
export function integerFlag(options: IntegerFlagOptions): Interfaces.OptionFlag<number | undefined> {
  const { range, description, ...rest } = options;
  return Flags.custom<number>({
    parse: async (input, _context, flag) => {
      if (!DECIMAL_INTEGER.test(input.trim())) throw new Errors.CLIError(`Expected an integer but received: ${input}`);
      return checkIntegerInRange(`--${flag.name}`, Number(input), range);
    },
  })({ ...rest, description: `${description.replace(/\.$/, '')} (${range.min} to ${range.max}).` });
}

/** A duration in seconds, above 0 and at most a week, as every --*-timeout is. */
export function secondsFlag(options: SecondsFlagOptions & { default: number }): Interfaces.OptionFlag<number>;
export function secondsFlag(options: SecondsFlagOptions): Interfaces.OptionFlag<number | undefined>;
export function secondsFlag(options: SecondsFlagOptions): Interfaces.OptionFlag<number | undefined> {
  return Flags.custom<number>({
    parse: async (input, _context, flag) => {
      const value = Number(input);
      if (!DECIMAL_NUMBER.test(input.trim()) || !(value > 0) || value > MAX_TIMEOUT_SECONDS) {
        throw new Errors.CLIError(`--${flag.name}: expected seconds above 0 and at most a week (${MAX_TIMEOUT_SECONDS}), got ${JSON.stringify(input)}`);
      }
      return value;
    },
  })({ ...options, description: `${options.description} (seconds).` });
}
