// A real hub on a temp SQLite file (WAL, the hub's own pragmas and migrations), the seeded demo
// hall and a manual clock — the same pieces as tests/helpers/hub.ts, without HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { MINISTRY_SERVICES, seedDemo } from '../db/seed.ts';
import type { Priority } from '../protocol/domain.ts';
import { ManualClock } from '../server/clock.ts';
import type { Command } from '../engine/index.ts';
import { Hub } from '../server/hub.ts';
import { HubMetrics } from '../server/metrics.ts';

/** Thursday 2026-11-26, 09:00 in Bahrain (06:00 UTC): a working day. The day ends 15 h later. */
export const THURSDAY_0900 = Date.parse('2026-11-26T06:00:00Z');

export interface BenchHall {
  db: Db;
  hub: Hub;
  clock: ManualClock;
  file: string;
  /** Runs a command through the hub and throws if it is refused. */
  run(cmd: Command): void;
  /** Replaces `hub` by a new one that rebuilds the day from the stored events (as after a restart); returns ms. */
  reload(): number;
  close(): void;
}

/** A fresh temp directory holding one database file; `cleanup` removes it. */
export function tempDbFile(prefix: string): { file: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `dor-bench-${prefix}-`));
  return { file: join(dir, 'dor.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A hub as the server runs it: each command observed in the /metrics latency histogram (server/metrics.ts). */
function meteredHub(db: Db, clock: ManualClock, logger: pino.Logger): Hub {
  const hub = new Hub(db, clock, logger);
  new HubMetrics(hub);
  return hub;
}

export async function startHall(name: string): Promise<BenchHall> {
  const { file, cleanup } = tempDbFile(name);
  const clock = new ManualClock(THURSDAY_0900);
  const db = openDatabase(file);
  const { demoDeviceIds } = await seedDemo(db, clock.now());
  repo.saveDemoDevices(db, demoDeviceIds);
  const logger = pino({ level: 'silent' });
  const hall: BenchHall = {
    db,
    hub: meteredHub(db, clock, logger),
    clock,
    file,
    run(cmd) {
      const d = hall.hub.execute(cmd, 'bench');
      if (!d.ok) throw new Error(`${cmd.type} refused: ${d.error.code} ${d.error.message}`);
    },
    reload() {
      const start = performance.now();
      hall.hub = meteredHub(db, clock, logger);
      return performance.now() - start;
    },
    close() {
      db.sqlite.close();
      cleanup();
    },
  };
  return hall;
}

const SERVICE_IDS = MINISTRY_SERVICES.filter((s) => s.kioskVisible).map((s) => s.id);
/** Mostly ordinary tickets, some with a priority (weights 1 and 1.5 in the default settings). */
const PRIORITIES: readonly Priority[] = ['none', 'none', 'none', 'elderly', 'none', 'disability', 'none', 'pregnancy'];

let tokens = 0;
/** The i-th walk-in of a benchmark: services and priorities spread round-robin, a unique status token. */
export function walkin(i: number): Command {
  return {
    type: 'issue_walkin',
    serviceId: SERVICE_IDS[i % SERVICE_IDS.length]!,
    priority: PRIORITIES[i % PRIORITIES.length]!,
    statusToken: `bench-${process.pid}-${++tokens}`,
    cpr: null,
  };
}

/** The id of a seeded counter user (any user will do for `open_counter`). */
export function counterUserId(db: Db, username = 'counter1'): number {
  const u = repo.findUserByUsername(db, username);
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}
