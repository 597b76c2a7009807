// `npm run print-test`: the installer's test print, run as a real child process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../printer/decode.ts';
import { REPO_ROOT } from '../helpers/child.ts';
import { startFakePrinter } from '../helpers/fake-printer.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function printTest(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'printer/print-test.ts', ...args], { cwd: REPO_ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('print-test CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dor-print-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--printer virtual --width 58 --out FILE: exit 0, says what happened, FILE holds the exact ticket bytes', async () => {
    const out = path.join(dir, 'ticket.bin');
    const run = await printTest('--printer', 'virtual', '--width', '58', '--out', out, '--dir', dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PRINTED on virtual/);
    expect(run.stdout).toMatch(/online, paper OK, cover closed/);
    const bytes = new Uint8Array(await readFile(out));
    const d = decodeEscPos(bytes);
    expect(d.warnings).toEqual([]);
    expect(d.images).toHaveLength(1);
    expect(d.images[0]!.width).toBe(384);
    expect(d.cut).toBe(true);
    // The virtual printer filed the same bytes, and a PNG next to them.
    const files = await readdir(dir);
    const bin = files.find((f) => f.startsWith('test-print-') && f.endsWith('.bin'))!;
    expect(files).toContain(bin.replace(/\.bin$/, '.png'));
    expect(Buffer.compare(await readFile(path.join(dir, bin)), Buffer.from(bytes))).toBe(0);
  });

  it('a printer out of paper: exit 1 and a clear PAPER_OUT message', async () => {
    const fake = await startFakePrinter({ mode: 'paperOut' });
    try {
      const run = await printTest('--printer', fake.target, '--timeout', '2000');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/NOT PRINTED .*PAPER_OUT/);
      expect(run.stderr).toMatch(/PAPER OUT/);
      expect(fake.jobs).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('prints on a network printer: exit 0, the printer got the ticket', async () => {
    const fake = await startFakePrinter({ mode: 'online' });
    try {
      const run = await printTest('--printer', fake.target, '--width', '80');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/PRINTED on tcp:\/\/127\.0\.0\.1/);
      expect(decodeEscPos(await fake.nextJob()).images[0]!.width).toBe(576);
    } finally {
      await fake.close();
    }
  });

  it('bad arguments: exit 2 with the usage', async () => {
    const run = await printTest('--printer', 'virtual', '--width', '70');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--width must be 58 or 80/);
    const none = await printTest();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/usage: npm run print-test/);
  });
});
