// Kiosk requests (idempotency keys of ticket-issuing kiosk requests)
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { kioskRequests } from '../schema.ts';
import { prepared } from './statements.ts';

export type KioskRequestRow = typeof kioskRequests.$inferSelect;

/** How long a kiosk request is remembered: a kiosk retries within seconds; two days also cover midnight. */
export const KIOSK_REQUEST_KEEP_MS = 2 * 24 * 3600_000;

/** The ticket-issuing request a device sent with this requestId, or null. */
export function getKioskRequest(db: Db, deviceId: number, requestId: string): KioskRequestRow | null {
  return prepared(db).kioskRequest.get({ deviceId, requestId }) ?? null;
}

/**
 * Remembers which ticket a kiosk request issued; call inside the ticket's transaction. A second row
 * for the same (device, requestId) violates the primary key and rolls the whole transaction back.
 * Also forgets requests older than KIOSK_REQUEST_KEEP_MS, so the table stays a few days of tickets.
 */
export function rememberKioskRequest(db: Db, r: Omit<KioskRequestRow, 'printedAt'>): void {
  const s = prepared(db);
  s.purgeKioskRequests.run({ before: r.createdAt - KIOSK_REQUEST_KEEP_MS });
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
