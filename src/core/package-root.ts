// The package's root directory: where package.json, console/, build/ and prebuilds/ are. Found by
// walking up from the module that asks, because a module's depth below the root differs: src/
// under tsx, dist/ in one bundle once built, node_modules/fractal/dist/ once installed.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest directory at or above `fromUrl`'s that holds a package.json. */
export const packageRootOf = (fromUrl: string): string => {
  const start = dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
};

export const PACKAGE_ROOT = packageRootOf(import.meta.url);
