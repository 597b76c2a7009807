// The citizens' feedback after service (one row per ticket) and what the reports read of it.
import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { feedback } from '../schema.ts';

export type FeedbackRow = typeof feedback.$inferSelect;

/** Stores one answer; false when the ticket already has one (nothing is written then). */
export function insertFeedback(db: Db, row: FeedbackRow): boolean {
  return db.orm.insert(feedback).values(row).onConflictDoNothing().run().changes === 1;
}

export function hasFeedback(db: Db, ticketId: string): boolean {
  return db.orm.select({ id: feedback.ticketId }).from(feedback).where(eq(feedback.ticketId, ticketId)).get() !== undefined;
}

/** The answers of hall days `from`…`to`. */
export function feedbackOfDays(db: Db, from: string, to: string): FeedbackRow[] {
  return db.orm
    .select()
    .from(feedback)
    .where(and(gte(feedback.day, from), lte(feedback.day, to)))
    .all();
}
