// Idempotency keys of requests that change the hall: a kiosk's ticket-issuing requests (by device)
// and counter commands (by staff member). See server/ops/requests.ts.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type counterRequests, kioskRequests } from '../schema.ts';
import { prepared } from './statements.ts';

export type KioskRequestRow = typeof kioskRequests.$inferSelect;
export type CounterRequestRow = typeof counterRequests.$inferSelect;

/** How long a request is remembered: a screen retries within seconds; two days also cover midnight. */
export const REQUEST_KEEP_MS = 2 * 24 * 3600_000;

/** The ticket-issuing request a device sent with this requestId, or null. */
export function getKioskRequest(db: Db, deviceId: number, requestId: string): KioskRequestRow | null {
  return prepared(db).kioskRequest.get({ deviceId, requestId }) ?? null;
}

/**
 * Remembers which ticket a kiosk request issued; call inside the ticket's transaction. A second row
 * for the same (device, requestId) violates the primary key and rolls the whole transaction back.
 * Also forgets requests older than REQUEST_KEEP_MS, so the table stays a few days of tickets.
 */
export function rememberKioskRequest(db: Db, r: Omit<KioskRequestRow, 'printedAt'>): void {
  const s = prepared(db);
  s.purgeKioskRequests.run({ before: r.createdAt - REQUEST_KEEP_MS });
  s.insertKioskRequest.run({ ...r, printedAt: null });
}

/** Records that the request's ticket came out of the kiosk's printer (a repeat then does not print it again). */
export function markKioskRequestPrinted(db: Db, deviceId: number, requestId: string, at: number): void {
  db.orm
    .update(kioskRequests)
    .set({ printedAt: at })
    .where(and(eq(kioskRequests.deviceId, deviceId), eq(kioskRequests.requestId, requestId)))
    .run();
}

/** The state-changing counter command a staff member sent with this requestId, or null. */
export function getCounterRequest(db: Db, userId: number, requestId: string): CounterRequestRow | null {
  return prepared(db).counterRequest.get({ userId, requestId }) ?? null;
}

/** Remembers the reply of a counter command; call inside its transaction (the primary key refuses a second one). Forgets old ones as above. */
export function rememberCounterRequest(db: Db, r: CounterRequestRow): void {
  const s = prepared(db);
  s.purgeCounterRequests.run({ before: r.createdAt - REQUEST_KEEP_MS });
  s.insertCounterRequest.run(r);
}
