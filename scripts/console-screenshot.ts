// The README's picture of the live console: a leader and four workers on this machine, the page in
// headless Chromium (test/helpers/browser.ts starts it as the browser test does), one worker
// killed on the way, the page caught half done.
// Usage: node --import tsx scripts/console-screenshot.ts [OUT.png]   (default docs/console.png)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../test/helpers/browser.js';

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const out = process.argv[2] ?? fileURLToPath(new URL('../docs/console.png', import.meta.url));
const TOKEN = 'screenshot-token';
// the default picture (8192×6144): its preview is docs/mandelbrot.png forming
const IMAGE: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'fractal-screenshot-'));

const start = (args: string[]): { child: ChildProcess; output: () => string } => {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  return { child, output: () => text };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const leader = start(['leader', '--host', '127.0.0.1:0', '--workers', '4', '--http', '0', '--wait-for-start', '--token', TOKEN, '--run-dir', dir,
  '--checkpoint-interval', '0', '--outfile', join(dir, 'm.png'), ...IMAGE]);
let match: RegExpMatchArray | null = null;
while (!(match = /leader listening on 127\.0\.0\.1:(\d+), HTTP on port (\d+)/.exec(leader.output()))) await sleep(50);
const [, grpcPort, httpPort] = match;
const workers = [1, 2, 3, 4].map((rank) => start(['worker', '--host', `127.0.0.1:${grpcPort}`, '--rank', String(rank), '--threads', '1', '--token', TOKEN]));
const browser = await launchBrowser();
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${httpPort}/`);
  // runs in the page: this file knows no DOM types
  type Page = { document: { querySelectorAll(selector: string): { length: number } } };
  await page.waitForFunction(() => (globalThis as unknown as Page).document.querySelectorAll('#lanes tbody tr').length === 4);
  await fetch(`http://127.0.0.1:${httpPort}/start`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
  const percent = async () => parseFloat((await page.textContent('#percent')) ?? '0');
  while ((await percent()) < 25) await sleep(100);
  workers[2]!.child.kill('SIGKILL');
  while ((await percent()) < 55) await sleep(100);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  for (const p of [leader, ...workers]) p.child.kill('SIGKILL');
}
