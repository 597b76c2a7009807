// What the reports read: a range of days' events of the types they need, and the appointments booked
// for those days. Raw better-sqlite3 on purpose: a month is ~150,000 events and the query builder's
// row mapping would cost more than the report itself.
import { and, eq, gte, lte } from 'drizzle-orm';
import type { HallEvent } from '../../protocol/events.ts';
import type { Db } from '../client.ts';
import { appointments, events, reportDays } from '../schema.ts';

/** Raw rows (day, payload JSON) of hall days `from`…`to` whose type is in `types`; the (day) index yields them in (day, seq) order without a sort. */
function rowsOfDays(db: Db, from: string, to: string, types: readonly HallEvent['type'][]) {
  const list = types.map((t) => `'${t.replace(/'/g, '')}'`).join(',');
  return db.sqlite
    .prepare(`SELECT day, payload FROM events INDEXED BY events_day_idx WHERE day >= ? AND day <= ? AND type IN (${list}) ORDER BY day, seq`)
    .raw()
    .iterate(from, to) as IterableIterator<[string, string]>;
}

/** The events of hall days `from`…`to` whose type is in `types`, day by day in stored order, with their day. */
export function* eventsOfDays(db: Db, from: string, to: string, types: readonly HallEvent['type'][]): Generator<{ day: string; event: HallEvent }> {
  for (const [day, payload] of rowsOfDays(db, from, to, types)) yield { day, event: JSON.parse(payload) as HallEvent };
}

/** How many rows `eventsOfDays` reads, without parsing them: the benchmark's floor. */
export function countEventsOfDays(db: Db, from: string, to: string, types: readonly HallEvent['type'][]): number {
  let n = 0;
  for (const _ of rowsOfDays(db, from, to, types)) n++;
  return n;
}

/** Appointments booked for days `from`…`to` (any status): what the report's booking figures count. */
export function appointmentsOfDays(db: Db, from: string, to: string) {
  return db.orm
    .select({
      id: appointments.id,
      serviceId: appointments.serviceId,
      day: appointments.day,
      slotStart: appointments.slotStart,
      status: appointments.status,
      createdAt: appointments.createdAt,
    })
    .from(appointments)
    .where(and(gte(appointments.day, from), lte(appointments.day, to)))
    .all();
}

/** The days of `from`…`to` that are closed (their rollover is stored): nothing is added to them any more. */
export function closedDays(db: Db, from: string, to: string): Set<string> {
  const rows = db.orm
    .select({ day: events.day })
    .from(events)
    .where(and(eq(events.type, 'day_closed'), gte(events.day, from), lte(events.day, to)))
    .all();
  return new Set(rows.map((r) => r.day));
}

/** The stored folds (JSON) of `from`…`to` made by fold `version`, by day. */
export function storedDayFacts(db: Db, from: string, to: string, version: number): Map<string, string> {
  const rows = db.orm
    .select({ day: reportDays.day, facts: reportDays.facts })
    .from(reportDays)
    .where(and(gte(reportDays.day, from), lte(reportDays.day, to), eq(reportDays.version, version)))
    .all();
  return new Map(rows.map((r) => [r.day, r.facts]));
}

export function storeDayFacts(db: Db, day: string, version: number, facts: string): void {
  db.orm.insert(reportDays).values({ day, version, facts }).onConflictDoUpdate({ target: reportDays.day, set: { version, facts } }).run();
}

/**
 * What one staff member finished on `day` (at any counter): how many tickets and their mean service
 * time (ms). Read from the finish events' actor and duration, without parsing the day's history.
 */
export function finishedBy(db: Db, day: string, userId: number): { served: number; avgServiceMs: number | null } {
  const row = db.sqlite
    .prepare(
      `SELECT count(*) AS served, avg(json_extract(payload, '$.durationMs')) AS avgMs FROM events INDEXED BY events_day_idx
       WHERE day = ? AND type = 'ticket_finished' AND actor LIKE ?`,
    )
    .get(day, `user:${userId}:%`) as { served: number; avgMs: number | null };
  return { served: row.served, avgServiceMs: row.avgMs === null ? null : Math.round(row.avgMs) };
}
