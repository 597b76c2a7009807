// `npm start` runs the hub from its bundle in dist-server/ (server/bundle.js, made by `npm run build`
// and again by server/start.js when a source changed): it must record every file it was made of, and
// its entry must not load at start what the hub only needs once it serves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BuiltFrom } from '../../server/build-sources.js';
import { SERVER_DIST, SERVER_ENTRY, serverBundleIsCurrent } from '../../server/bundle.js';

it('records the hub’s own files, its recipe and the lockfile, nothing from node_modules', () => {
  expect(serverBundleIsCurrent()).toBe(true); // `npm test` builds first
  const built = JSON.parse(readFileSync(join(SERVER_DIST, 'sources.json'), 'utf8')) as BuiltFrom;
  for (const f of ['server/main.ts', 'server/app.ts', 'db/client.ts', 'engine/apply.ts', 'protocol/operations.ts', 'server/bundle.js', 'package-lock.json']) {
    expect(built.files).toContain(f);
  }
  expect(built.files.some((f) => f.includes('node_modules'))).toBe(false);
});

it('loads the printer stack, the pretty log formatter and the build tools only when asked', () => {
  const entry = readFileSync(SERVER_ENTRY, 'utf8');
  const atStart = [...entry.matchAll(/^import\b[^;]*?from\s*"([^"]+)";/gm)].map((m) => m[1]!);
  expect(atStart).toContain('better-sqlite3'); // the pattern does find the static imports
  // Skia is a native addon (left in node_modules); the rest of the printer stack is bundled into its own chunk.
  for (const later of ['@napi-rs/canvas', 'pino-pretty', 'vite', 'esbuild', 'tsx']) expect(atStart).not.toContain(later);
  expect(atStart.filter((f) => /printer-\w+\.js$/.test(f))).toEqual([]);
  expect(entry).toMatch(/import\("\.\/printer-\w+\.js"\)/);
});
