// What the reports read: a range of days' events of the types they need, and the appointments booked
// for those days. Raw better-sqlite3 on purpose: a month is ~150,000 events and the query builder's
// row mapping would cost more than the report itself.
import { and, gte, lte } from 'drizzle-orm';
import type { HallEvent } from '../../protocol/events.ts';
import type { Db } from '../client.ts';
import { appointments } from '../schema.ts';

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
