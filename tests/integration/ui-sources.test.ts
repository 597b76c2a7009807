// `npm start` rebuilds the screens when dist/ was built from other sources (after an update on the
// hall's box): the build records its source files, the hub re-hashes them at start.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DIST } from '../../server/ui.ts';
import { builtFromCurrentSources, hashSources, SOURCES_FILE, type BuiltFrom } from '../../server/build-sources.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

it('tells a dist/ built from the sources on disk from a stale one', () => {
  root = mkdtempSync(join(tmpdir(), 'dor-sources-'));
  const dist = join(root, 'dist');
  writeFileSync(join(root, 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'b.tsx'), 'export const b = 2;\n');
  expect(builtFromCurrentSources(root, dist)).toBe(false); // never built

  const files = ['a.ts', 'b.tsx'];
  const record = (built: BuiltFrom) => {
    rmSync(dist, { force: true, recursive: true });
    mkdirSync(dist);
    writeFileSync(join(dist, SOURCES_FILE), JSON.stringify(built));
  };
  record({ files, hash: hashSources(root, files)! });
  expect(builtFromCurrentSources(root, dist)).toBe(true);

  writeFileSync(join(root, 'b.tsx'), 'export const b = 3;\n'); // a pulled change
  expect(builtFromCurrentSources(root, dist)).toBe(false);
  record({ files, hash: hashSources(root, files)! });
  expect(builtFromCurrentSources(root, dist)).toBe(true);

  unlinkSync(join(root, 'a.ts')); // a file the build used is gone
  expect(builtFromCurrentSources(root, dist)).toBe(false);
  writeFileSync(join(dist, SOURCES_FILE), '{ not json');
  expect(builtFromCurrentSources(root, dist)).toBe(false);
});

it('the real build records every screen’s own files, the shared kit, the protocol and the lockfile', () => {
  const built = JSON.parse(readFileSync(join(DIST, SOURCES_FILE), 'utf8')) as BuiltFrom;
  for (const f of [
    'kiosk-ui/index.html',
    'display-ui/index.html',
    'counter-ui/terminal.tsx',
    'booking-ui/console.tsx',
    'ui-kit/hall-feed.ts',
    'protocol/events.ts',
    'engine/apply.ts',
    'package-lock.json',
  ]) {
    expect(built.files).toContain(f);
  }
  expect(built.files.some((f) => f.includes('node_modules'))).toBe(false);
  expect(built.hash).toMatch(/^[0-9a-f]{64}$/);
});
