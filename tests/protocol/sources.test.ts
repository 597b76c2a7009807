// Things written once, checked in the sources: screens reach the hub only through the typed client
// (ui-kit/client.ts, types inferred from protocol/operations.ts), the booking-reference alphabet
// lives only in protocol/reference.ts, and the staff screens do not carry the common-password list.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(...dirs: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (e.isFile() && /\.tsx?$/.test(e.name)) files.set(relative(root, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), 'utf8'));
    }
  }
  return files;
}

/** A raw hub call: the transport's `api()` imported, a fetch of /api/…, or a socket ack awaited by hand. */
const RAW_CALL = [/import\s*\{[^}]*\bapi\b[^}]*\}\s*from\s*'[^']*\/api\.ts'/, /fetch\(\s*[`'"]\/api\//, /\.emitWithAck\(/];

describe('written once', () => {
  const screens = sources('kiosk-ui', 'display-ui', 'counter-ui', 'booking-ui', 'supervisor-ui', 'setup-ui', 'ui-kit');

  it('screens call the hub only through ui-kit/client.ts', () => {
    expect(screens.has(join('booking-ui', 'console.tsx'))).toBe(true);
    // The patterns find what they are for.
    expect(RAW_CALL.map((p) => p.test("import { api, isApiFailure } from '../ui-kit/api.ts'; fetch('/api/x'); s.emitWithAck('e')"))).toEqual([
      true,
      true,
      true,
    ]);
    const raw = [...screens]
      .filter(([file]) => file !== join('ui-kit', 'client.ts'))
      .flatMap(([file, text]) => RAW_CALL.filter((p) => p.test(text)).map((p) => `${file}: ${p.source}`));
    expect(raw).toEqual([]);
  });

  it('the booking-reference alphabet is spelled out only in protocol/reference.ts', () => {
    const all = sources('protocol', 'db', 'server', 'engine', 'kiosk-ui', 'booking-ui', 'counter-ui', 'ui-kit', 'tests');
    all.delete(relative(root, import.meta.filename)); // this file names what it looks for
    const copies = [...all].filter(([, text]) => text.includes('23456789ABCDEFGHJKLMNPQRSTUVWXYZ') || text.includes('2-9A-HJ-NP-Z')).map(([file]) => file);
    expect(copies).toEqual([join('protocol', 'reference.ts')]);
  });

  it('the staff screens check passwords without the ~380 kB common-password list (the hub answers PASSWORD_TOO_COMMON)', () => {
    const rules = join('protocol', 'password-rules.ts');
    // The setup page (opened once) checks the whole rules as the admin types: the walk finds the list there.
    expect(reachedFrom(join('setup-ui', 'main.tsx')).has(rules)).toBe(true);
    for (const screen of ['counter-ui', 'booking-ui', 'supervisor-ui']) {
      const files = reachedFrom(join(screen, 'main.tsx'));
      expect(files.has(join('protocol', 'password-basics.ts')), screen).toBe(true);
      expect(files.has(rules), screen).toBe(false);
      expect(
        [...files].filter((f) => readFileSync(join(root, f), 'utf8').includes('@zxcvbn-ts')),
        screen,
      ).toEqual([]);
    }
  });

  it('the display and the kiosk load neither the contracts table nor classic zod (page weight: protocol/routes.ts, zod/mini)', () => {
    for (const entry of [join('display-ui', 'main.tsx'), join('kiosk-ui', 'main.tsx')]) {
      const files = reachedFrom(entry, { runtimeOnly: true });
      expect(files.has(join('protocol', 'feed.ts')), entry).toBe(true);
      expect(files.has(join('protocol', 'operations.ts')), entry).toBe(false);
      expect(
        [...files].filter((f) => /from\s*'zod'/.test(readFileSync(join(root, f), 'utf8'))),
        entry,
      ).toEqual([]);
    }
    // The walk does follow type-only imports when asked to: the client reaches the contracts by type.
    expect(reachedFrom(join('ui-kit', 'client.ts')).has(join('protocol', 'operations.ts'))).toBe(true);
  });
});

/**
 * The project's source files a module reaches through its relative imports (`import … from './x.ts'`, `import './y.css'` aside);
 * `runtimeOnly`: not through `import type` (erased from the bundle).
 */
function reachedFrom(entry: string, { runtimeOnly = false } = {}): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/(import\s+type\b[^']*?)?(?:from|import)\s*'(\.{1,2}\/[^']+)'/g)) {
      if (!(runtimeOnly && m[1])) walk(join(dirname(file), m[2]!));
    }
  };
  walk(entry);
  return seen;
}
