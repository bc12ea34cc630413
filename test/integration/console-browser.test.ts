// The live console in a real browser (Debian's Chromium, headless): a leader and two workers as
// real processes, the page opened before the render starts, one worker killed during it. The page
// must load with no console errors and fetch nothing but the leader's own files, show a lane per
// worker and the killed one as lost, reach 100%, show the outcome, and its preview must be the
// exact downscale (console/preview.ts states it) of what `fractal render` makes of the same picture.
// Without Chromium it is skipped with the reason; with CI=true it fails instead.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { previewSize, sampledIndex } from '../../src/core/cluster/leader/console/preview.js';
import { decodePng } from '../../src/core/image/write-png.js';
import { browserUnavailable, launchBrowser } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/distributed.js';

const unavailable = browserUnavailable();
const inCI = process.env['CI'] === 'true';
if (unavailable && !inCI) process.stderr.write(`console browser tests skipped: ${unavailable}\n`);
const skip = unavailable && !inCI ? unavailable : false;

const TOKEN = 'console-test-token';
// 1920×1440: a preview of 512×384, sampled every 3.75 pixels, so the downscale is not a trivial one
const IMAGE = ['--width', '640', '--height', '480', '--smoothness', '3', '--iters', '20000'];

/** The preview of an RGBA image, straight from the definition in console/preview.ts. */
const downscale = (image: { width: number; height: number; rgba: Uint8Array }): Uint8Array => {
  const size = previewSize(image.width, image.height);
  const out = new Uint8Array(size.width * size.height * 4);
  for (let py = 0; py < size.height; py++) {
    const sy = sampledIndex(py, size.height, image.height);
    for (let px = 0; px < size.width; px++) {
      const sx = sampledIndex(px, size.width, image.width);
      for (let c = 0; c < 4; c++) out[(py * size.width + px) * 4 + c] = image.rgba[(sy * image.width + sx) * 4 + c]!;
    }
  }
  return out;
};

test('the console in Chromium: every lane, a killed worker lost, 100%, and the picture exactly', { skip, timeout: 180_000 }, async () => {
  if (unavailable) throw new Error(`CI=true but the browser tests cannot run: ${unavailable}`);
  const dir = mkdtempSync(join(tmpdir(), 'fractal-console-'));
  const outfile = join(dir, 'console.png');
  const leader = startCli([
    'leader', '--host', '127.0.0.1:0', '--workers', '2', '--http', '0', '--wait-for-start', '--token', TOKEN,
    '--run-dir', dir, '--checkpoint-interval', '0', '--chunk', '4', '--outfile', outfile, ...IMAGE,
  ]);
  const [, grpcPort, httpPort] = await leader.waitFor(/leader listening on 127\.0\.0\.1:(\d+), HTTP on port (\d+)/);
  const origin = `http://127.0.0.1:${httpPort}`;
  const workers = [1, 2].map((rank) =>
    startCli(['worker', '--host', `127.0.0.1:${grpcPort}`, '--rank', String(rank), '--threads', '1', '--token', TOKEN, '--quiet']),
  );
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(`${origin}/`)) elsewhere.push(request.url());
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('#lanes tbody tr').length === 2, null, { timeout: 30_000 });
    assert.equal(await page.textContent('#state'), 'waiting');

    // changing the run takes the job's token, which the page never has
    assert.equal((await fetch(`${origin}/start`, { method: 'POST' })).status, 401);
    const html = await (await fetch(`${origin}/`)).text();
    assert.ok(!html.includes(TOKEN) && !(await page.content()).includes(TOKEN), 'the page never carries the token');
    assert.equal((await fetch(`${origin}/start`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);

    // kill rank 1 once its work shows in its lane
    await page.waitForFunction(() => Number((globalThis as any).document.querySelector('tr[data-rank="1"] .units')?.textContent?.replace(/,/g, '')) > 0, null, {
      timeout: 30_000,
    });
    workers[0]!.kill('SIGKILL');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('tr[data-rank="1"] .state')?.textContent === 'lost', null, { timeout: 30_000 });
    assert.equal(await page.textContent('tr[data-rank="2"] .state'), 'working');
    assert.match((await page.textContent('#workers-count')) ?? '', /1 lost/);

    await page.waitForFunction(() => (globalThis as any).document.getElementById('outcome')?.className === 'done', null, { timeout: 120_000 });
    assert.equal(await page.textContent('#percent'), '100%');
    assert.equal(await page.textContent('#state'), 'done');
    assert.equal(await page.textContent('tr[data-rank="1"] .state'), 'lost', 'the lost worker stays lost once the run is done');
    assert.match((await page.textContent('#outcome')) ?? '', /Done\. rendered in \d+ ms/);

    // the canvas as the page drew it (this file knows no DOM types: the page's globals are any)
    const preview = await page.evaluate((): { width: number; height: number; base64: string } => {
      const canvas = (globalThis as any).document.getElementById('preview');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let binary = '';
      for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode(...pixels.subarray(i, i + 0x8000));
      return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
    });
    assert.deepEqual(errors, [], 'no errors in the page');
    assert.deepEqual(elsewhere, [], 'the page loads nothing from anywhere but the leader');

    const leaderExit = await leader.exit();
    assert.equal(leaderExit.code, 0, leaderExit.output);
    assert.equal((await workers[1]!.exit()).code, 0);
    // the reference: fractal render of the same picture, downscaled by the definition
    const reference = join(dir, 'reference.png');
    assert.equal((await runCli(['render', ...IMAGE, '--outfile', reference, '--quiet'])).code, 0);
    assert.deepEqual(readFileSync(outfile), readFileSync(reference), 'the distributed PNG is render\'s');
    const expected = downscale(decodePng(readFileSync(reference)));
    assert.deepEqual({ width: preview.width, height: preview.height }, { width: 512, height: 384 }, 'the picture\'s aspect ratio, 4:3');
    const got = Buffer.from(preview.base64, 'base64');
    let differing = 0;
    for (let i = 0; i < expected.length; i += 4) {
      if (got.readUInt32BE(i) !== Buffer.from(expected.buffer, i, 4).readUInt32BE(0)) differing++;
    }
    assert.equal(differing, 0, `${differing} of ${expected.length / 4} preview pixels differ from the downscaled render`);
  } finally {
    await browser.close();
    for (const process of [leader, ...workers]) process.kill('SIGKILL');
  }
});
