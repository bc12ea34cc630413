// Flags that name a file or directory. Checked as they are parsed, for every command alike: an
// empty path is a usage error (`--swatch ''` used to write nothing and exit 0), a name longer
// than file systems allow a bad input (exit 3) before any work, not after it.
import { Flags, type Interfaces } from '@oclif/core';
import { checkPathName } from '../core/files/path-name.js';

interface PathFlagOptions {
  description: string;
  default?: string;
  helpGroup?: string;
  env?: string;
}

const pathParser = Flags.custom<string>({
  parse: async (input, _context, flag) => checkPathName(`--${flag.name}`, input),
});

export function pathFlag(options: PathFlagOptions & { default: string }): Interfaces.OptionFlag<string>;
export function pathFlag(options: PathFlagOptions): Interfaces.OptionFlag<string | undefined>;
export function pathFlag(options: PathFlagOptions): Interfaces.OptionFlag<string | undefined> {
  return pathParser({ ...options });
}
