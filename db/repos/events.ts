// Events: append-only, there is deliberately no update or delete for them.
import { and, asc, eq, gte, lte, max } from 'drizzle-orm';
import type { HallEvent, StoredEvent } from '../../protocol/events.ts';
import { type Db, transaction } from '../client.ts';
import { events } from '../schema.ts';
import { toStored } from './mappers.ts';
import { prepared } from './statements.ts';

/** Appends `list` in order; returns their sequence numbers in the same order. */
export function appendEvents(db: Db, day: string, actor: string, list: HallEvent[]): number[] {
  if (list.length === 0) return [];
  const { appendEvent } = prepared(db);
  const append = () => list.map((event) => Number(appendEvent.run({ at: event.at, day, type: event.type, actor, payload: event }).lastInsertRowid));
  // Inside the caller's transaction (the hub's commands) a savepoint of its own would only add statements: a failure undoes the caller's.
  return db.sqlite.inTransaction ? append() : transaction(db, append);
}

/** The events of the current day: from the last `day_opened` (inclusive) to the end, in order. */
export function currentDayEvents(db: Db): StoredEvent[] {
  const last = db.orm
    .select({ seq: max(events.seq) })
    .from(events)
    .where(eq(events.type, 'day_opened'))
    .get();
  const from = last?.seq;
  if (from == null) return [];
  return db.orm.select().from(events).where(gte(events.seq, from)).orderBy(asc(events.seq)).all().map(toStored);
}

/** The highest sequence number stored, 0 when there is none. */
export function lastSeq(db: Db): number {
  return (
    db.orm
      .select({ seq: max(events.seq) })
      .from(events)
      .get()?.seq ?? 0
  );
}

/** Events with `fromSeq ≤ seq ≤ toSeq` (both inclusive), in order. */
export function eventsBetween(db: Db, fromSeq: number, toSeq: number): StoredEvent[] {
  return db.orm
    .select()
    .from(events)
    .where(and(gte(events.seq, fromSeq), lte(events.seq, toSeq)))
    .orderBy(asc(events.seq))
    .all()
    .map(toStored);
}
