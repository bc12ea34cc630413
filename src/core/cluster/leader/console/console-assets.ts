// The console page's files (console/ at the package's root: plain HTML, CSS and JavaScript, no
// build step), read once when the HTTP port opens and served from memory. The page loads nothing
// but these and GET /events: compute nodes and these machines have no internet.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../package-root.js';

const ASSET_DIR = join(PACKAGE_ROOT, 'console');

export interface ConsoleAsset {
  path: string;
  contentType: string;
  body: string;
}

const FILES = [
  { path: '/', file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: '/console.js', file: 'console.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/console.css', file: 'console.css', contentType: 'text/css; charset=utf-8' },
  { path: '/favicon.svg', file: 'favicon.svg', contentType: 'image/svg+xml' },
] as const;

export const readConsoleAssets = async (): Promise<ConsoleAsset[]> =>
  Promise.all(FILES.map(async ({ path, file, contentType }) => ({ path, contentType, body: await readFile(join(ASSET_DIR, file), 'utf8') })));
