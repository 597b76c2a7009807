// Idempotent ticket issuing at the kiosk (the general mechanism: ./requests.ts). A kiosk sends a
// `requestId` with each walk-in and check-in (one per citizen action); the hub remembers in
// `kiosk_requests` which ticket each (device, requestId) issued, and answers a repeat with that
// ticket's receipt — printed again only if its first print failed.
import * as repo from '../../db/repos/index.ts';
import type { Ticket } from '../../protocol/domain.ts';
import type { Command } from '../../engine/index.ts';
import { HttpError } from '../errors.ts';
import type { Printing, PrintOutcome } from '../printing.ts';
import { ticketReceipt } from '../views.ts';
import type { OpContext } from './op.ts';
import { executeOnce, type Decided, type RequestKey, type RequestLog } from './requests.ts';

/**
 * A stuck button or a script guessing CPRs is stopped, a morning rush is not: a burst, then so many
 * a minute per kiosk. The refusal says when to try again; the kiosk counts down and retries itself.
 */
function rateLimit(ctx: OpContext) {
  if (ctx.principal.kind !== 'device') return;
  const { kioskTicketsBurst, kioskTicketsPerMinute } = ctx.hub.current.settings;
  const wait = ctx.limiter.takeToken(`kiosk:${ctx.principal.deviceId}`, kioskTicketsBurst, kioskTicketsPerMinute, ctx.clock.now());
  if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `Please wait a moment (${wait} s) before taking another ticket.`, { retryAfterSeconds: wait });
}

/** The kiosk's requests (kiosk_requests): only outcomes that issue a ticket are remembered; too early / too late are harmless to repeat. */
const kioskRequests = (ctx: OpContext): RequestLog<repo.KioskRequestRow> => ({
  find: (db, key) => repo.getKioskRequest(db, key.ownerId, key.requestId),
  remember(key, decided) {
    if (!decided.ticketId) return;
    repo.rememberKioskRequest(ctx.db, {
      deviceId: key.ownerId,
      requestId: key.requestId,
      bodyHash: key.bodyHash,
      ticketId: decided.ticketId,
      outcome: decided.checkIn?.outcome ?? null,
      createdAt: ctx.clock.now(),
    });
  },
});

/**
 * Runs a ticket-issuing kiosk command once per key (./requests.ts); a repeat is answered before
 * the rate limit, which it must not use up. Returns the command's decision, or the stored request
 * when this is a repeat.
 */
export function issueOnce(
  ctx: OpContext,
  key: RequestKey | null,
  cmd: Command,
  within?: (decided: Decided) => void,
): { repeat: repo.KioskRequestRow } | { issued: Decided } {
  const r = executeOnce(
    ctx,
    key,
    kioskRequests(ctx),
    (options) => ctx.hub.execute(cmd, ctx.actor, options),
    () => rateLimit(ctx),
    within,
  );
  return 'repeat' in r ? r : { issued: r.decided };
}

/** Prints in flight per request, so that repeats arriving meanwhile wait for that print instead of printing again. */
const printsInFlight = new WeakMap<Printing, Map<string, Promise<PrintOutcome>>>();

/** Prints the ticket on the kiosk's bound printer (the ticket is valid either way) and records a success for its request. */
function printTicketOnce(ctx: OpContext, t: Ticket, receipt: ReturnType<typeof ticketReceipt>, key: RequestKey | null): Promise<PrintOutcome> {
  if (ctx.principal.kind !== 'device') return Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: 'Only kiosks print tickets.' } });
  let inFlight = printsInFlight.get(ctx.printing);
  if (!inFlight) printsInFlight.set(ctx.printing, (inFlight = new Map()));
  const name = key && `${key.ownerId}:${key.requestId}`;
  const running = name ? inFlight.get(name) : undefined;
  if (running) return running;
  const print = ctx.printing
    .forKiosk(ctx.principal.deviceId, ctx.printing.ticketPrint(t, ctx.origin, receipt))
    .then((outcome) => {
      if (outcome.ok && key) {
        try {
          repo.markKioskRequestPrinted(ctx.db, key.ownerId, key.requestId, ctx.clock.now());
        } catch {
          // The ticket printed; if this note is lost, a repeat of the request prints it once more (harmless).
        }
      }
      return outcome;
    })
    .finally(() => {
      if (name) inFlight.delete(name);
    });
  if (name) inFlight.set(name, print);
  return print;
}

/** The new ticket's receipt, after printing it on the kiosk's printer (the ticket is valid either way). */
export async function issuedReceipt(ctx: OpContext, ticketId: string, key: RequestKey | null) {
  const t = ctx.hub.current.tickets[ticketId];
  if (!t) throw new HttpError(500, 'INTERNAL', 'The new ticket is missing from the live state.');
  const receipt = ticketReceipt(ctx.hub, t, ctx.clock.now());
  return { ...receipt, print: await printTicketOnce(ctx, t, receipt, key) };
}

/**
 * The receipt of a repeated request: the same ticket, number and status link as the first reply
 * (the wait estimate is today's). Printing: the kiosk never saw the first reply, but the hub did
 * the printing. If the first print succeeded the ticket is NOT printed again (one ticket, one
 * paper); if it is still printing, the repeat waits for that print and reports its outcome; if it
 * failed (paper out, offline) or the hub stopped before it finished, the citizen has no paper yet,
 * so the same ticket is printed again: at worst a second copy of the same number, never a second number.
 */
export async function repeatedReceipt(ctx: OpContext, key: RequestKey, row: repo.KioskRequestRow) {
  const live = ctx.hub.current.tickets[row.ticketId];
  const t = live ?? repo.getTicket(ctx.db, row.ticketId);
  if (!t) throw new HttpError(500, 'INTERNAL', 'The ticket of this request is missing.');
  const receipt = ticketReceipt(ctx.hub, t, ctx.clock.now());
  const print: PrintOutcome =
    row.printedAt !== null
      ? { ok: true }
      : live
        ? await printTicketOnce(ctx, live, receipt, key)
        : { ok: false, error: { code: 'NOT_PRINTED', message: 'This ticket is from an earlier day; it was not printed again.' } };
  return { ...receipt, print };
}
