// Benchmark — walk-in issuance over real HTTP: 20 kiosk clients (autocannon, one connection each,
// each a paired kiosk device with its own token) POST /api/kiosk/tickets with a fresh requestId to
// the hub, a child process started as `npm start` does, on 127.0.0.1, for a fixed time. Each
// device may take a burst of 1,000 tickets (the most the settings allow), so the kiosk guard does
// not bite within the run; kiosks have no printer bound (the print benchmark times printing).
// Floor: the same load against bench/raw-http-server.ts — a bare node:http process doing one
// one-row SQLite transaction per request. Hub and floor run alternately, round by round.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import autocannon from 'autocannon';
import * as repo from '../db/repos/index.ts';
import { newToken, sha256 } from '../server/auth.ts';
import { REPO_ROOT, spawnHub, stopHub } from '../tests/helpers/child.ts';
import { startHall, tempDbFile } from './hall.ts';
import { log, median, type Result } from './timing.ts';

const KIOSKS = 20;
const ROUNDS = 2;
const SECONDS = 4;
const SERVICE = 'new-application';

/** A demo hall with `KIOSKS` paired kiosks (no printer) allowed a burst of 1,000 tickets each; the database is left on disk. */
async function hallWithKiosks(): Promise<{ file: string; clockStart: string; tokens: string[] }> {
  const hall = await startHall('issue-http');
  const now = hall.clock.now();
  const settings = { ...hall.hub.current.settings, kioskTicketsBurst: 1000, kioskTicketsPerMinute: 1000 };
  const changed = hall.hub.execute({ type: 'change_settings', settings }, 'bench');
  if (!changed.ok) throw new Error(`change_settings refused: ${changed.error.code}`);
  const tokens = Array.from({ length: KIOSKS }, (_, i) => {
    const id = repo.createDevice(hall.db, 'kiosk', `Bench kiosk ${i + 1}`, now, { pairedAt: now });
    const token = newToken();
    repo.addDeviceToken(hall.db, id, sha256(token), now);
    return token;
  });
  const clockStart = new Date(now).toISOString();
  hall.db.sqlite.close();
  return { file: hall.file, clockStart, tokens };
}

async function startRaw(): Promise<{ url: string; proc: ChildProcess; cleanup(): Promise<void> }> {
  const db = tempDbFile('raw-http');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/raw-http-server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, RAW_DB: db.file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(proc.stdout!, 'data')) as [Buffer];
  return {
    url: `http://127.0.0.1:${chunk.toString().trim()}`,
    proc,
    async cleanup() {
      proc.kill('SIGTERM');
      await once(proc, 'exit');
      db.cleanup();
    },
  };
}

/** `KIOSKS` autocannon clients, one connection each, for `seconds`; returns the 2xx answers a second, the others and what they were. */
async function load(url: string, tokens: readonly string[], seconds: number): Promise<{ perSec: number; other: number; p99: number; failures: string[] }> {
  const runs = await Promise.all(
    tokens.map((token) =>
      autocannon({
        url: `${url}/api/kiosk/tickets`,
        method: 'POST',
        connections: 1,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: SERVICE, priority: 'none', cpr: null, requestId: '[<id>]' }),
        idReplacement: true,
      }),
    ),
  );
  const ok = runs.reduce((n, r) => n + r['2xx'], 0);
  const other = runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  const count = (pick: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const codes = new Map<string, number>();
  for (const r of runs)
    for (const [code, { count }] of Object.entries(r.statusCodeStats)) if (!code.startsWith('2')) codes.set(code, (codes.get(code) ?? 0) + count);
  const failures = [...[...codes].map(([code, n]) => `${n}× HTTP ${code}`), `${count((r) => r.errors)} errors`, `${count((r) => r.timeouts)} timeouts`];
  return { perSec: ok / seconds, other, p99: Math.max(...runs.map((r) => r.latency.p99)), failures };
}

export async function benchIssueHttp(): Promise<Result[]> {
  const db = await hallWithKiosks();
  const hub = await spawnHub(
    { DOR_DB: db.file, PORT: '0', HOST: '127.0.0.1', DOR_CLOCK_START: db.clockStart, DOR_LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    60_000,
  );
  const raw = await startRaw();
  try {
    // Warm-up on both sides (JIT, prepared statements, the OS file cache).
    await load(raw.url, db.tokens, 1);
    await load(hub.url, db.tokens, 1);
    const hubRates: number[] = [];
    const rawRates: number[] = [];
    let refused = 0;
    const failures: string[] = [];
    let p99 = 0;
    for (let r = 0; r < ROUNDS; r++) {
      rawRates.push((await load(raw.url, db.tokens, SECONDS)).perSec);
      const h = await load(hub.url, db.tokens, SECONDS);
      hubRates.push(h.perSec);
      refused += h.other;
      if (h.other > 0) failures.push(`round ${r + 1}: ${h.failures.join(', ')}`);
      p99 = Math.max(p99, h.p99);
    }
    if (refused > 0) {
      // What the hub said about it: its refusals and errors (log level warn and above), each kind once.
      const said = new Set(hub.logs.filter((l) => Number(l.level) >= 40 || l.ok === false).map((l) => `${String(l.msg)} ${String(l.code ?? '')}`.trim()));
      throw new Error(`issue-http: ${refused} walk-ins were refused or failed (${failures.join('; ')}); the hub logged: ${[...said].join(' | ') || 'nothing'}`);
    }
    const value = median(hubRates);
    const floor = median(rawRates);
    log(
      `issue-http: hub ${value.toFixed(0)} tickets/s over HTTP from ${KIOSKS} kiosks (p99 ${p99} ms), ` +
        `bare HTTP + 1-row tx ${floor.toFixed(0)} req/s (target ≥ 1,000 tickets/s and ≥ 40 % of the floor)`,
    );
    return [
      {
        name: 'issue_walkin.http',
        value,
        unit: 'tickets/s',
        floor,
        ratio: value / floor,
        floorIs: 'bare HTTP + 1-row tx req/s',
        ratioIs: 'hub / bare (target ≥ 0.4)',
      },
    ];
  } finally {
    await stopHub(hub, 'SIGTERM');
    await raw.cleanup();
    rmSync(dirname(db.file), { recursive: true, force: true });
  }
}
