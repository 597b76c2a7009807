// The hall simulator: seeded runs repeat exactly, every simulated day keeps the engine's
// invariants, more appointment counters never make appointment holders wait longer, and the CLI
// writes a database the hub serves (history up to yesterday, today a normal demo day).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/client.ts';
import { DEMO_CPRS } from '../../db/seed.ts';
import { localDay } from '../../engine/index.ts';
import { compare } from '../../simulator/compare.ts';
import { invariantViolations } from '../../simulator/invariants.ts';
import { type SimulationResult, simulate } from '../../simulator/run.ts';
import { loadScenario, type Scenario } from '../../simulator/scenario.ts';
import { login, startTestHub } from '../helpers/hub.ts';

const run = promisify(execFile);
/** A small hall: a few counters, a hundred citizens a day, so each run takes well under a second. */
const small: Scenario = { ...loadScenario(), name: 'small hall', days: 3, counters: 5, appointmentCounters: 1, citizensPerDay: 110 };
const END_DAY = '2026-11-26'; // a Thursday
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const eventRows = (db: Db) => db.sqlite.prepare('SELECT seq, at, day, type, actor, payload FROM events ORDER BY seq').all();

describe('the simulator', () => {
  it('repeats exactly with the same seed, and differs with another', async () => {
    const [a, b, c] = (await Promise.all([1, 1, 2].map((seed) => simulate({ ...small, days: 2 }, { endDay: END_DAY, seed })))) as [
      SimulationResult,
      SimulationResult,
      SimulationResult,
    ];
    expect(eventRows(a.db).length).toBeGreaterThan(500);
    expect(eventRows(b.db)).toEqual(eventRows(a.db));
    expect(eventRows(c.db)).not.toEqual(eventRows(a.db));
  });

  it('keeps the engine invariants on every simulated day, and the check catches a broken history', async () => {
    const r = await simulate(small, { endDay: END_DAY, seed: 7 });
    expect(r.openDays).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(invariantViolations(r.db)).toEqual([]);
    const perDay = r.db.sqlite.prepare("SELECT day, count(*) AS n FROM events WHERE type = 'ticket_finished' GROUP BY day").all() as { n: number }[];
    expect(perDay).toHaveLength(3);
    for (const d of perDay) expect(d.n).toBeGreaterThan(80);
    // Every day but the last was rolled over at midnight, and the day ended with nobody left in the hall.
    const closed = r.db.sqlite.prepare("SELECT day FROM events WHERE type = 'day_closed' ORDER BY seq").all();
    expect(closed).toEqual([{ day: '2026-11-24' }, { day: '2026-11-25' }]);

    // Corrupt it: a second finish of a finished ticket, a stuck ticket of an old day, a duplicate number.
    const finished = r.db.sqlite.prepare("SELECT at, day, actor, payload FROM events WHERE type = 'ticket_finished' LIMIT 1").get() as Record<string, unknown>;
    r.db.sqlite.prepare("INSERT INTO events (at, day, type, actor, payload) VALUES (@at, @day, 'ticket_finished', @actor, @payload)").run(finished);
    r.db.sqlite.prepare("UPDATE tickets SET status = 'waiting' WHERE id = (SELECT min(id) FROM tickets WHERE day = '2026-11-24')").run();
    const issued = r.db.sqlite.prepare("SELECT at, day, actor, payload FROM events WHERE type = 'ticket_issued' LIMIT 1").get() as Record<string, unknown>;
    r.db.sqlite.prepare("INSERT INTO events (at, day, type, actor, payload) VALUES (@at, @day, 'ticket_issued', @actor, @payload)").run(issued);
    const broken = invariantViolations(r.db);
    expect(broken.some((m) => /finished 2 times/.test(m))).toBe(true);
    expect(broken.some((m) => /still waiting after its day was rolled over/.test(m))).toBe(true);
    expect(broken.some((m) => /issued 2 times/.test(m))).toBe(true);
  });

  it('books through the real slot capacity: never more bookings in a slot than appointment counters', async () => {
    const r = await simulate({ ...small, days: 2, bookedShare: 0.9 }, { endDay: END_DAY, seed: 3 });
    const overfull = r.db.sqlite
      .prepare(
        `SELECT a.id FROM appointments a WHERE a.created_by LIKE 'user:%' AND (
           SELECT count(*) FROM appointments b WHERE b.status IN ('booked', 'checked_in', 'late_converted', 'no_show')
             AND b.created_by LIKE 'user:%' AND b.slot_start < a.slot_end AND b.slot_end > a.slot_start) > 1`,
      )
      .all();
    expect(r.bookings).toBeGreaterThan(20);
    expect(overfull).toEqual([]);
    const outbox = r.db.sqlite.prepare("SELECT count(*) AS n, sum(status = 'sent') AS sent FROM outbox").get() as { n: number; sent: number };
    expect(outbox.n).toBeGreaterThanOrEqual(r.bookings);
    expect(outbox.sent).toBe(outbox.n);
  });

  // With fewer bookers than one counter's seats, every configuration books the same citizens: the
  // counters, not the demand, change (with more seats, more people book and the property is about a different crowd).
  it('with more appointment counters, the same appointment holders p90 wait does not rise (reports KPIs, three seeds)', async () => {
    for (const seed of [1, 2, 3]) {
      const rows = await compare(
        [1, 2, 4].map((n) => ({ label: String(n), scenario: { ...small, days: 2, bookedShare: 0.08, appointmentCounters: n } })),
        { endDay: END_DAY, seed },
      );
      expect(new Set(rows.map((r) => r.bookings)).size, `seed ${seed}: the same bookings in every configuration`).toBe(1);
      const p90 = rows.map((r) => r.kpis.p90Wait.appointment);
      for (const v of p90) expect(v).not.toBeNull();
      for (let i = 1; i < p90.length; i++) expect(p90[i]!, `seed ${seed}: p90 ${p90.join(' → ')}`).toBeLessThanOrEqual(p90[i - 1]!);
    }
  });
});

describe('npm run simulate', () => {
  it('writes a database whose history ends yesterday and which the hub opens on a normal demo day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dor-sim-'));
    dirs.push(dir);
    const file = join(dir, 'busy.db');
    const scenarioFile = join(dir, 'small.json');
    writeFileSync(scenarioFile, JSON.stringify(small));
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args], { cwd: process.cwd() });
    const out = await cli('--days', '2', '--db', file, '--seed', '4', '--scenario', scenarioFile);
    expect(out.stdout).toMatch(/invariants hold/);
    await expect(cli('--days', '1', '--db', file)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/exists; add --force/) });
    const written = openDatabase(file);
    const lastDay = written.sqlite.prepare('SELECT max(day) AS day FROM events').get() as { day: string };
    written.sqlite.close();

    const now = Date.now();
    const today = localDay(now, 'Asia/Bahrain');
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const hub = await startTestHub({ file, at: now });
    try {
      expect(lastDay.day).toBe(yesterday);
      expect(hub.hub.current.day).toBe(today);
      const cprs = Object.values(hub.hub.current.appointments).map((a) => a.cpr);
      expect(cprs.sort()).toEqual([...DEMO_CPRS].sort());
      await login(hub, 'counter5', 'counter123');
      await login(hub, 'supervisor', 'super123');
    } finally {
      await hub.stop();
    }
  });
});
