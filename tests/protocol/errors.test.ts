// The error table is the one place for codes, statuses and words: every code the hub and the
// engine throw is in it, with the status the table gives it, and every entry has both languages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode } from '../../protocol/errors.ts';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

interface Use {
  file: string;
  code: string;
  status: number | null;
}

function uses(): Use[] {
  const found: Use[] = [];
  for (const file of [...sources('server'), ...sources('engine')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/HttpError\(\s*(\d{3}),\s*'([A-Z0-9_]+)'/g)) found.push({ file, code: m[2]!, status: Number(m[1]) });
    for (const m of text.matchAll(/notFound\(\s*'([A-Z0-9_]+)'/g)) found.push({ file, code: m[1]!, status: 404 });
    for (const m of text.matchAll(/\b(?:fail|refuse)\(\s*'([A-Z0-9_]+)'/g)) found.push({ file, code: m[1]!, status: null });
  }
  return found;
}

describe('the error table', () => {
  const all = uses();

  it('finds the codes in the sources', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((u) => u.code === 'QUEUE_EMPTY')).toBe(true);
    expect(all.some((u) => u.code === 'SLOT_FULL')).toBe(true);
  });

  it('holds every code thrown in server/ and engine/', () => {
    const missing = all.filter((u) => !isErrorCode(u.code)).map((u) => `${u.code} (${u.file})`);
    expect(missing).toEqual([]);
  });

  it('gives each thrown code the status the source throws it with', () => {
    const wrong = all
      .filter((u) => u.status !== null && isErrorCode(u.code) && ERRORS[u.code].status !== u.status)
      .map((u) => `${u.code}: ${u.status} in ${u.file}, ${isErrorCode(u.code) ? ERRORS[u.code].status : '?'} in the table`);
    expect(wrong).toEqual([]);
  });

  it('keeps the statuses of engine refusals as the hub answers them', () => {
    expect(ERRORS.UNKNOWN_SERVICE.status).toBe(404);
    expect(ERRORS.TICKET_NOT_FOUND.status).toBe(404);
    expect(ERRORS.TRANSFER_TO_SELF.status).toBe(400);
    expect(ERRORS.NOT_ON_GRID.status).toBe(400);
    expect(ERRORS.QUEUE_EMPTY.status).toBe(409);
    expect(ERRORS.SLOT_FULL.status).toBe(409);
  });

  it('has Arabic and English words for every entry', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.ar.trim(), code).not.toBe('');
      expect(e.en.trim(), code).not.toBe('');
      expect(e.ar, code).toMatch(/[\u0600-\u06FF]/);
      expect(e.en, code).not.toMatch(/[\u0600-\u06FF]/);
    }
  });
});
