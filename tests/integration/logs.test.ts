// What `npm start` prints: readable lines on a terminal (or with DOR_LOG_FORMAT=pretty), the address
// of the hall on a plain line of its own; JSON lines for a service manager (not a terminal).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT, spawnHub, stopHub } from '../helpers/child.ts';

const dir = mkdtempSync(join(tmpdir(), 'dor-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('prints readable lines and the address on a plain line with DOR_LOG_FORMAT=pretty', async () => {
  const proc = spawn(process.execPath, ['server/start.js'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DOR_LOG_FORMAT: 'pretty', DOR_DB: join(dir, 'pretty.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address line within 20 s:\n${out}`)), 20_000);
      proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (/Dor is serving the hall on .*\n/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    proc.kill('SIGTERM');
  }
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  expect(lines.some((l) => /^\[\d\d:\d\d:\d\d\] INFO: first run: seeded the demo hall/.test(l))).toBe(true);
  for (const l of lines) expect(() => JSON.parse(l), l).toThrow();
  expect(lines).toContainEqual(expect.stringMatching(/^Dor is serving the hall on http:\/\/localhost:\d+\/ {2}\(database .*, day \d{4}-\d\d-\d\d\)$/));
});

it('prints JSON lines when its output is not a terminal', async () => {
  const h = await spawnHub({ DOR_DB: join(dir, 'json.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  try {
    expect(h.logs.find((l) => l.msg === 'first run: seeded the demo hall')).toMatchObject({ level: 30 });
    expect(h.loggedUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
  } finally {
    await stopHub(h, 'SIGTERM');
  }
});
