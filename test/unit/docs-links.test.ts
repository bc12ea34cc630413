// The README and the pages under docs/ link to each other and to files of the repository: every
// relative link must reach a file, and every #anchor a heading of the page it names (GitHub's
// slugs), so that moving a page or renaming a heading cannot leave a dead link behind.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks, where links and headings are. */
const prose = (text: string): string => text.split(/^```.*$/m).filter((_, i) => i % 2 === 0).join('\n');

/** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
const anchors = (file: string): Set<string> => {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of prose(readFileSync(file, 'utf8')).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
};

test('every relative link of the README and docs/ reaches its file and heading', () => {
  const dead = pages.flatMap((page) => {
    const file = join(ROOT, page);
    return [...prose(readFileSync(file, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((target) => !/^[a-z]+:/.test(target))
      .flatMap((target) => {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const to = path === '' ? file : join(dirname(file), path);
        if (!existsSync(to)) return [`${page}: ${target}: no such file`];
        if (anchor !== undefined && !anchors(to).has(anchor)) return [`${page}: ${target}: no such heading in ${relative(ROOT, to)}`];
        return [];
      });
  });
  assert.deepEqual(dead, []);
});
