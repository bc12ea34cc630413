// Debian's Chromium, driven headless by playwright-core, for the tests of the live console. On
// these machines Chromium must be kept off the network it would call home on (those connections
// are refused on a closed network and stall its start), and it gets a fresh profile each time.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Why the browser tests cannot run here, or null. */
export const browserUnavailable = (): string | null => (existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium)`);

/** A browser with a profile of its own; close() ends it. */
export const launchBrowser = async (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'fractal-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 760 },
  });
