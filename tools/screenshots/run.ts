// `npm run shots`: every screen's screenshots, both languages, at the sizes each screen supports.
// Each script gets a fresh demo hub of its own (a new database, the demo clock at 06:00 on a
// working morning; for the reports, a database holding a simulated month up to the day before),
// started the way each script's header says, and writes to <out>/<screen>/.
// Runs one screen at a time (the hub machine has two cores); exit code 1 if any script failed.
//
//   npm run shots [-- --out /tmp/dor-shots] [-- --only kiosk,booking]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(tmpdir(), 'dor-shots') },
    only: { type: 'string' },
  },
});
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLOCK_START = '2026-11-26T06:00:00Z';
/** The last day of the simulated history the reports are shot on: the day before the clock's. */
const HISTORY_END = '2026-11-25';

/** Each screen's script and the sizes it is shot at (kiosk and display loop over their own sizes); `history`: its hub opens on a simulated month. */
const SCREENS: { name: string; port: number; runs: string[][]; history?: boolean }[] = [
  { name: 'kiosk', port: 8099, runs: [[]] }, // 1080×1920, 1280×800, and the status page at 390×844
  { name: 'display', port: 8098, runs: [[]] }, // 1920×1080, 1280×720, 1080×1920
  { name: 'counter', port: 8097, runs: [['--size', '1366x768']] },
  {
    name: 'booking',
    port: 8096,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
  {
    name: 'supervisor',
    port: 8095,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
  {
    name: 'supervisor-settings',
    port: 8094,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
  {
    name: 'supervisor-rollout',
    port: 8091,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
  {
    name: 'supervisor-live',
    port: 8093,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
  {
    name: 'supervisor-reports',
    port: 8092,
    history: true,
    runs: [
      ['--size', '1366x768'],
      ['--size', '1920x1080'],
    ],
  },
];

function tsx(script: string, argv: string[], env: NodeJS.ProcessEnv, quiet = false): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
}

const exited = (child: ChildProcess) => new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

async function ready(base: string, hub: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000; // the first start may build the screens
  while (Date.now() < until) {
    if (hub.exitCode !== null) throw new Error(`the hub for ${base} exited (${hub.exitCode})`);
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the hub for ${base} did not come up`);
}

const only = args.only ? new Set(args.only.split(',')) : null;
const failed: string[] = [];
for (const screen of SCREENS.filter((s) => !only || only.has(s.name))) {
  for (const extra of screen.runs) {
    const dir = mkdtempSync(join(tmpdir(), `dor-shots-${screen.name}-`));
    const base = `http://localhost:${screen.port}`;
    const db = join(dir, 'dor.db');
    if (screen.history && (await exited(tsx('simulator/cli.ts', ['--days', '20', '--db', db, '--end-day', HISTORY_END], {}, true))) !== 0) {
      failed.push(`${screen.name}: the simulated history could not be written`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    const hub = tsx('server/main.ts', [], { PORT: String(screen.port), DOR_DB: db, DOR_CLOCK_START: CLOCK_START }, true);
    try {
      await ready(base, hub);
      console.log(`\n== ${screen.name} ${extra.join(' ')}`);
      const code = await exited(tsx(`tools/screenshots/${screen.name}.ts`, ['--base', base, '--out', join(args.out!, screen.name), ...extra], {}));
      if (code !== 0) failed.push(`${screen.name} ${extra.join(' ')}`.trim());
    } catch (e) {
      failed.push(`${screen.name}: ${(e as Error).message}`);
    } finally {
      if (hub.exitCode === null && hub.signalCode === null) {
        const gone = exited(hub);
        hub.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

console.log(`\nscreenshots in ${args.out}`);
if (failed.length) {
  console.log(`failed: ${failed.join('; ')}`);
  process.exitCode = 1;
}
