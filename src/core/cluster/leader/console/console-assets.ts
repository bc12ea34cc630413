// The console page's files (console/ at the package's root: plain HTML, CSS and JavaScript, no
// build step), read once when the HTTP port opens and served from memory. The page loads nothing
// but these and GET /events: compute nodes and these machines have no internet.
import { readFile } from 'node:fs/promises';

/** src/core/cluster/leader/console/ and dist/core/cluster/leader/console/ are as deep: both reach console/. */
const ASSET_DIR = new URL('../../../../../console/', import.meta.url);

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
  Promise.all(FILES.map(async ({ path, file, contentType }) => ({ path, contentType, body: await readFile(new URL(file, ASSET_DIR), 'utf8') })));
