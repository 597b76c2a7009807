// Outbox (messages to citizens)
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox } from '../schema.ts';

export type OutboxStatus = 'queued' | 'sent' | 'failed';
export type OutboxRow = Omit<typeof outbox.$inferSelect, 'status'> & { status: OutboxStatus };

/** Queues a message, due at once; returns its id. Call inside the transaction that caused it. */
export function enqueueMessage(db: Db, m: { channel: 'sms'; to: string; body: string; appointmentId: string | null; now: number }): number {
  return db.orm
    .insert(outbox)
    .values({
      channel: m.channel,
      to: m.to,
      body: m.body,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: m.now,
      lastError: null,
      createdAt: m.now,
      sentAt: null,
      appointmentId: m.appointmentId,
    })
    .returning({ id: outbox.id })
    .get().id;
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
