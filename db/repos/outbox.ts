// Outbox (messages to citizens)
import { and, asc, count, desc, eq, lte, min } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox, ticketPhones } from '../schema.ts';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'dropped';
export type OutboxRow = Omit<typeof outbox.$inferSelect, 'status'> & { status: OutboxStatus };

export interface NewMessage {
  channel: 'sms';
  kind: string;
  to: string;
  body: string;
  appointmentId: string | null;
  ticketId?: string | null;
  /** A message that may exist once only: if one with this key was ever queued, nothing is queued. */
  onceKey?: string | null;
  now: number;
}

/** Queues a message, due at once; returns its id, or null when its `onceKey` was already used. Call inside the transaction that caused it. */
export function enqueueMessage(db: Db, m: NewMessage): number | null {
  const row = db.orm
    .insert(outbox)
    .values({
      channel: m.channel,
      kind: m.kind,
      to: m.to,
      body: m.body,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: m.now,
      lastError: null,
      createdAt: m.now,
      sentAt: null,
      appointmentId: m.appointmentId,
      ticketId: m.ticketId ?? null,
      onceKey: m.onceKey ?? null,
    })
    .onConflictDoNothing({ target: outbox.onceKey })
    .returning({ id: outbox.id })
    .get();
  return row?.id ?? null;
}

/** Whether a message with this once-only key was ever queued. */
export function onceKeyUsed(db: Db, onceKey: string): boolean {
  return db.orm.select({ id: outbox.id }).from(outbox).where(eq(outbox.onceKey, onceKey)).get() !== undefined;
}

/** Queued messages due at `now` (nextAttemptAt ≤ now), oldest first. */
export function dueMessages(db: Db, now: number, limit = 20): OutboxRow[] {
  return db.orm
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit)
    .all() as OutboxRow[];
}

export function updateMessage(db: Db, id: number, set: Partial<Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>): void {
  db.orm.update(outbox).set(set).where(eq(outbox.id, id)).run();
}

export function getMessage(db: Db, id: number): OutboxRow | null {
  return (db.orm.select().from(outbox).where(eq(outbox.id, id)).get() as OutboxRow | undefined) ?? null;
}

/** Messages, newest first, optionally of one status. */
export function listMessages(db: Db, opts: { status?: OutboxStatus; appointmentId?: string; limit?: number } = {}): OutboxRow[] {
  const where = and(opts.status ? eq(outbox.status, opts.status) : undefined, opts.appointmentId ? eq(outbox.appointmentId, opts.appointmentId) : undefined);
  return db.orm
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(opts.limit ?? 200)
    .all() as OutboxRow[];
}

/** How many messages are in each status (the /metrics backlog). */
export function outboxCounts(db: Db): Partial<Record<OutboxStatus, number>> {
  const rows = db.orm.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** When the oldest message still queued was queued, or null when none is. */
export function oldestQueuedAt(db: Db): number | null {
  return (
    db.orm
      .select({ at: min(outbox.createdAt) })
      .from(outbox)
      .where(eq(outbox.status, 'queued'))
      .get()?.at ?? null
  );
}

/** Keeps the phone a walk-in gave at the kiosk (in the ticket's transaction). */
export function saveTicketPhone(db: Db, ticketId: string, day: string, phone: string): void {
  db.orm.insert(ticketPhones).values({ ticketId, day, phone }).run();
}

/** The phones walk-ins of a day gave, by ticket id. */
export function ticketPhonesOfDay(db: Db, day: string): Map<string, string> {
  return new Map(
    db.orm
      .select()
      .from(ticketPhones)
      .where(eq(ticketPhones.day, day))
      .all()
      .map((r) => [r.ticketId, r.phone]),
  );
}
