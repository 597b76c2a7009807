// Benchmark — the hub's start on a year of history: a year (250 working days × 1,500 tickets, the
// reports benchmark's `writeYear`, decided by the real engine) in a database file, then the hub
// started as a child process the way `npm start` does (node server/start.js: the bundle in
// dist-server/) on that file, its clock on the last stored day (a restart in the middle of a working
// day). Timed: from the spawn to the first `/healthz` answer. Memory: the child's resident set
// (VmRSS) once it has also loaded the printer stack it loads after it begins serving.
// Floor: the same start on a database with the same hall and no history, alternating run by run.
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { RENDERER_READY } from '../server/app.ts';
import { bundleServer, serverBundleIsCurrent } from '../server/bundle.js';
import { buildUiIfStale } from '../server/ui.ts';
import { spawnHub, stopHub } from '../tests/helpers/child.ts';
import { startHall } from './hall.ts';
import { writeYear } from './reports.ts';
import { log, median, type Result } from './timing.ts';

const RUNS = 3;

/** A seeded demo hall's database file (with the year of history or without), closed and left on disk. */
async function hallFile(name: string, year: boolean): Promise<{ file: string; clockStart: string }> {
  const hall = await startHall(name);
  if (year) writeYear(hall);
  const clockStart = new Date(hall.clock.now()).toISOString();
  hall.db.sqlite.close();
  return { file: hall.file, clockStart };
}

/** The resident set of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

/** Starts the hub on `file`, returns ms from the spawn to the first 200 from /healthz, and the RSS once the renderer is warm. */
async function startOnce(db: { file: string; clockStart: string }): Promise<{ readyMs: number; rss: number }> {
  const t0 = performance.now();
  const hub = await spawnHub(
    { DOR_DB: db.file, PORT: '0', HOST: '127.0.0.1', DOR_CLOCK_START: db.clockStart, DOR_LOG_FORMAT: 'json', LOG_LEVEL: 'debug' },
    60_000,
  );
  try {
    for (;;) {
      const res = await fetch(`${hub.url}/healthz`).catch(() => null);
      if (res?.ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = performance.now() - t0;
    for (const until = performance.now() + 30_000; !hub.logs.some((l) => l.msg === RENDERER_READY); ) {
      if (performance.now() > until) throw new Error(`the renderer was not ready 30 s after the start\n${hub.output()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return { readyMs, rss: rssMb(hub.pid) };
  } finally {
    await stopHub(hub, 'SIGTERM');
  }
}

export async function benchStartup(): Promise<Result[]> {
  // The screens and the hub's bundle must be built already, or the first start would build them.
  await buildUiIfStale(pino({ level: 'silent' }));
  if (!serverBundleIsCurrent()) await bundleServer();
  const year = await hallFile('startup-year', true);
  const empty = await hallFile('startup-empty', false);
  try {
    const got = { year: [] as { readyMs: number; rss: number }[], empty: [] as { readyMs: number; rss: number }[] };
    await startOnce(empty); // warm-up: tsx's compile cache, the OS file cache
    for (let r = 0; r < RUNS; r++) {
      got.empty.push(await startOnce(empty));
      got.year.push(await startOnce(year));
    }
    const ready = { year: median(got.year.map((x) => x.readyMs)), empty: median(got.empty.map((x) => x.readyMs)) };
    const rss = { year: median(got.year.map((x) => x.rss)), empty: median(got.empty.map((x) => x.rss)) };
    log(
      `startup: a year of history ready in ${ready.year.toFixed(0)} ms, ${rss.year.toFixed(0)} MB RSS; ` +
        `no history ${ready.empty.toFixed(0)} ms, ${rss.empty.toFixed(0)} MB (medians of ${RUNS}; targets ≤ 2,000 ms, ≤ 200 MB)`,
    );
    return [
      {
        name: 'startup.year.ready_ms',
        value: ready.year,
        unit: 'ms',
        floor: ready.empty,
        ratio: ready.year / ready.empty,
        floorIs: 'start, no history, ms',
        ratioIs: 'year / no history',
      },
      {
        name: 'startup.year.rss_mb',
        value: rss.year,
        unit: 'MB',
        floor: rss.empty,
        ratio: rss.year / rss.empty,
        floorIs: 'RSS, no history, MB',
        ratioIs: 'year / no history',
      },
    ];
  } finally {
    for (const f of [year.file, empty.file]) rmSync(dirname(f), { recursive: true, force: true });
  }
}
