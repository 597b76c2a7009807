// Kiosk, counters and the live hall picture.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import * as repo from '../../db/repos/index.ts';
import type { Ticket } from '../../protocol/domain.ts';
import { contracts, type Contract, type OperationName } from '../../protocol/operations.ts';
import type { CounterCommandReply } from '../../protocol/replies.ts';
import type { Command, Decision, EngineError } from '../../engine/index.ts';
import { estimateNewWalkin, waitingByQueue } from '../../engine/index.ts';
import { engineError, HttpError } from '../errors.ts';
import type { Printing, PrintOutcome } from '../printing.ts';
import { citizenReceipt, snapshotFor, ticketReceipt } from '../views.ts';
import { implement, mustSucceed, notFound, op, type OpContext } from './op.ts';

const STAFF = ['counter', 'callcenter', 'supervisor'] as const;
const SCREENS = ['kiosk', 'display'] as const;
const statusToken = () => randomBytes(18).toString('base64url');

/** One kiosk may issue only so many tickets a minute (a stuck button, a script guessing CPRs). */
function rateLimit(ctx: OpContext) {
  if (ctx.principal.kind !== 'device') return;
  const key = `kiosk:${ctx.principal.deviceId}`;
  const now = ctx.clock.now();
  if (!ctx.limiter.take(key, ctx.hub.current.settings.kioskTicketsPerMinute, 60_000, now)) {
    const wait = ctx.limiter.retryAfter(key, 60_000, now);
    throw new HttpError(429, 'RATE_LIMITED', `Please wait a moment (${wait} s) before taking another ticket.`, { retryAfterSeconds: wait });
  }
}

// --- Idempotent ticket issuing. A kiosk sends a `requestId` with each walk-in and check-in (one
// per citizen action) and sends it again, unchanged, when it retries after losing the reply. The
// hub remembers in `kiosk_requests`, in the ticket's own transaction, which ticket each (device,
// requestId) issued, and answers a repeat with that ticket's receipt: no second ticket, no event,
// no broadcast. Requests without a requestId (other clients) work as before.

/** The idempotency key of a kiosk request; null when it carries no requestId. */
interface RequestKey { deviceId: number; requestId: string; bodyHash: string }

function requestKey(ctx: OpContext, operation: string, body: Record<string, unknown> & { requestId?: string | undefined }): RequestKey | null {
  if (ctx.principal.kind !== 'device' || body.requestId === undefined) return null;
  const { requestId, ...rest } = body;
  const canonical = JSON.stringify([operation, Object.keys(rest).sort().map((k) => [k, rest[k]])]);
  return { deviceId: ctx.principal.deviceId, requestId, bodyHash: createHash('sha256').update(canonical).digest('base64url') };
}

const REQUEST_REPEATED = 'REQUEST_REPEATED';
const reused = (key: RequestKey): EngineError => ({
  code: 'REQUEST_ID_REUSED',
  message: `This kiosk already used requestId ${key.requestId} for a different request; send a new requestId for a new request.`,
});

/** The request this key already issued a ticket for (a repeat), or null; the key reused for another body is a 409. */
function earlierRequest(ctx: OpContext, key: RequestKey | null): repo.KioskRequestRow | null {
  if (!key) return null;
  const row = repo.getKioskRequest(ctx.db, key.deviceId, key.requestId);
  if (row && row.bodyHash !== key.bodyHash) throw engineError(reused(key));
  return row;
}

/**
 * Runs a ticket-issuing kiosk command. The lookup of the key runs first (a repeat is answered
 * before the rate limit, which it must not use up), then again as the command's guard inside its
 * transaction, where the key is also stored with the new ticket: check and write are atomic with
 * the ticket, and the primary key on (device, requestId) would roll back a second ticket anyway.
 * Returns the command's decision, or the stored request when this is a repeat.
 */
function issueOnce(ctx: OpContext, key: RequestKey | null, cmd: Command): { repeat: repo.KioskRequestRow } | { issued: Issued } {
  const before = earlierRequest(ctx, key);
  if (before) return { repeat: before };
  rateLimit(ctx);
  const guard = key ? (): EngineError | null => {
    const row = repo.getKioskRequest(ctx.db, key.deviceId, key.requestId);
    if (!row) return null;
    return row.bodyHash === key.bodyHash ? { code: REQUEST_REPEATED, message: 'This request already issued a ticket.' } : reused(key);
  } : undefined;
  const remember = key ? (decided: Issued) => {
    // Only outcomes that issue a ticket are remembered; too early / too late are harmless to repeat.
    if (!decided.ticketId) return;
    repo.rememberKioskRequest(ctx.db, {
      deviceId: key.deviceId, requestId: key.requestId, bodyHash: key.bodyHash, ticketId: decided.ticketId,
      outcome: decided.checkIn?.outcome ?? null, createdAt: ctx.clock.now(),
    });
  } : undefined;
  const d = ctx.hub.execute(cmd, ctx.actor, guard, remember);
  if (!d.ok && d.error.code === REQUEST_REPEATED && key) return { repeat: repo.getKioskRequest(ctx.db, key.deviceId, key.requestId)! };
  return { issued: mustSucceed(d) };
}
type Issued = Extract<Decision, { ok: true }>;

/** Prints in flight per request, so that repeats arriving meanwhile wait for that print instead of printing again. */
const printsInFlight = new WeakMap<Printing, Map<string, Promise<PrintOutcome>>>();

/** Prints the ticket on the kiosk's bound printer (the ticket is valid either way) and records a success for its request. */
function printTicketOnce(ctx: OpContext, t: Ticket, receipt: ReturnType<typeof ticketReceipt>, key: RequestKey | null): Promise<PrintOutcome> {
  if (ctx.principal.kind !== 'device') return Promise.resolve({ ok: false, error: { code: 'NO_PRINTER', message: 'Only kiosks print tickets.' } });
  let inFlight = printsInFlight.get(ctx.printing);
  if (!inFlight) printsInFlight.set(ctx.printing, (inFlight = new Map()));
  const name = key && `${key.deviceId}:${key.requestId}`;
  const running = name ? inFlight.get(name) : undefined;
  if (running) return running;
  const print = ctx.printing.forKiosk(ctx.principal.deviceId, ctx.printing.ticketPrint(t, ctx.origin, receipt)).then((outcome) => {
    if (outcome.ok && key) {
      try {
        repo.markKioskRequestPrinted(ctx.db, key.deviceId, key.requestId, ctx.clock.now());
      } catch {
        // The ticket printed; if this note is lost, a repeat of the request prints it once more (harmless).
      }
    }
    return outcome;
  }).finally(() => { if (name) inFlight.delete(name); });
  if (name) inFlight.set(name, print);
  return print;
}

/** The new ticket's receipt, after printing it on the kiosk's printer (the ticket is valid either way). */
async function issuedReceipt(ctx: OpContext, ticketId: string, key: RequestKey | null) {
  const t = ctx.hub.current.tickets[ticketId];
  if (!t) throw new HttpError(500, 'INTERNAL', 'The new ticket is missing from the live state.');
  const receipt = ticketReceipt(ctx.hub.current, t, ctx.clock.now());
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
async function repeatedReceipt(ctx: OpContext, key: RequestKey, row: repo.KioskRequestRow) {
  const live = ctx.hub.current.tickets[row.ticketId];
  const t = live ?? repo.getTicket(ctx.db, row.ticketId);
  if (!t) throw new HttpError(500, 'INTERNAL', 'The ticket of this request is missing.');
  const receipt = ticketReceipt(ctx.hub.current, t, ctx.clock.now());
  const print: PrintOutcome = row.printedAt !== null ? { ok: true }
    : live ? await printTicketOnce(ctx, live, receipt, key)
    : { ok: false, error: { code: 'NOT_PRINTED', message: 'This ticket is from an earlier day; it was not printed again.' } };
  return { ...receipt, print };
}

/** Counter actions may only come from the staff member who has that counter open. */
function holder(ctx: OpContext, counter: number) {
  const c = ctx.hub.current.counters[counter];
  if (!c) notFound('UNKNOWN_COUNTER', `There is no counter ${counter}.`);
  const p = ctx.principal;
  if (p.kind !== 'staff' || !c.open || c.userId !== p.userId) {
    throw new HttpError(403, 'NOT_YOUR_COUNTER', `Counter ${counter} is not open under your login.`);
  }
}

/** The counter commands (protocol/operations.ts `counterCommand`). */
type CounterCommandName = Extract<OperationName, `counter.${'call-next' | 'call' | 'recall' | 'no-show' | 'start' | 'finish' | 'transfer' | 'pause' | 'resume'}`>;

/** A staff action at one counter: only its holder may do it; replies with the ticket and the counter. */
function counterOp<I extends z.ZodType<{ counter: number }>>(name: CounterCommandName, contract: Contract<I, typeof CounterCommandReply>, command: (body: z.output<I>) => Command) {
  return implement(name, contract, {
    access: { roles: ['counter'] },
    run(ctx, body) {
      holder(ctx, body.counter);
      const d = mustSucceed(ctx.hub.execute(command(body), ctx.actor));
      return { ticket: d.ticketId ? ctx.hub.current.tickets[d.ticketId] ?? null : null, counter: ctx.hub.current.counters[body.counter]! };
    },
  });
}

export const hallOps = [
  op('snapshot.get', {
    access: { roles: [...STAFF], devices: [...SCREENS] },
    run: (ctx) => snapshotFor(ctx.principal, ctx.hub.current, ctx.hub.lastSeq),
  }),
  op('services.list', {
    access: { roles: [...STAFF], devices: [...SCREENS] },
    run(ctx) {
      const s = ctx.hub.current;
      const now = ctx.clock.now();
      const byQueue = waitingByQueue(s);
      const services = Object.values(s.services).sort((a, b) => a.sortOrder - b.sortOrder)
        .map((service) => ({ service, waiting: byQueue[service.prefix] ?? 0, ...estimateNewWalkin(s, service.id, now) }));
      return { services, appointmentsWaiting: byQueue[s.settings.appointmentPrefix] ?? 0 };
    },
  }),
  op('kiosk.walkIn', {
    access: { devices: ['kiosk'] },
    async run(ctx, body) {
      const key = requestKey(ctx, 'kiosk.walkIn', body);
      const r = issueOnce(ctx, key, { type: 'issue_walkin', serviceId: body.serviceId, priority: body.priority, cpr: body.cpr, statusToken: statusToken() });
      if ('repeat' in r) return repeatedReceipt(ctx, key!, r.repeat);
      return issuedReceipt(ctx, r.issued.ticketId!, key);
    },
  }),
  op('kiosk.checkIn', {
    access: { devices: ['kiosk'] },
    async run(ctx, body) {
      const { requestId: _requestId, ...by } = body;
      const key = requestKey(ctx, 'kiosk.checkIn', body);
      const r = issueOnce(ctx, key, { type: 'check_in', by, statusToken: statusToken() });
      if ('repeat' in r) {
        const outcome = r.repeat.outcome as 'checked_in' | 'late_converted';
        return { outcome, ...(await repeatedReceipt(ctx, key!, r.repeat)) };
      }
      const result = r.issued.checkIn!;
      if (result.outcome === 'too_early') return { outcome: result.outcome, comeBackAt: result.comeBackAt };
      if (result.outcome === 'too_late') return { outcome: result.outcome };
      return { outcome: result.outcome, ...(await issuedReceipt(ctx, result.ticketId, key)) };
    },
  }),
  op('tickets.status', {
    access: { anonymous: true },
    run(ctx, { token }) {
      const stored = repo.getTicketByStatusToken(ctx.db, token);
      if (!stored) notFound('TICKET_NOT_FOUND', 'No ticket has this status link.');
      return citizenReceipt(ctx.hub, ctx.db, stored.id, ctx.clock.now());
    },
  }),
  op('counters.list', {
    access: { roles: [...STAFF] },
    run: (ctx) => ({ counters: Object.values(ctx.hub.current.counters) }),
  }),
  op('counter.open', {
    access: { roles: ['counter', 'supervisor'] },
    run(ctx, { counter }) {
      if (ctx.principal.kind !== 'staff') throw new HttpError(403, 'FORBIDDEN', 'Only staff open counters.');
      mustSucceed(ctx.hub.execute({ type: 'open_counter', counter, userId: ctx.principal.userId }, ctx.actor));
      ctx.rooms?.joinCounter(counter);
      return { counter: ctx.hub.current.counters[counter]! };
    },
  }),
  op('counter.close', {
    access: { roles: ['counter', 'supervisor'] },
    run(ctx, { counter }) {
      if (ctx.principal.kind === 'staff' && ctx.principal.role === 'counter') holder(ctx, counter);
      mustSucceed(ctx.hub.execute({ type: 'close_counter', counter }, ctx.actor));
      ctx.rooms?.leaveCounter(counter);
      return { counter: ctx.hub.current.counters[counter]! };
    },
  }),
  op('counter.mode', {
    access: { roles: ['supervisor'] },
    run(ctx, { counter, mode }) {
      mustSucceed(ctx.hub.execute({ type: 'set_counter_mode', counter, mode }, ctx.actor));
      return { counter: ctx.hub.current.counters[counter]! };
    },
  }),
  counterOp('counter.call-next', contracts['counter.call-next'], ({ counter }) => ({ type: 'call_next', counter })),
  counterOp('counter.call', contracts['counter.call'], ({ counter, ticketId }) => ({ type: 'call_ticket', counter, ticketId })),
  counterOp('counter.recall', contracts['counter.recall'], ({ counter }) => ({ type: 'recall', counter })),
  counterOp('counter.no-show', contracts['counter.no-show'], ({ counter }) => ({ type: 'no_show', counter })),
  counterOp('counter.start', contracts['counter.start'], ({ counter }) => ({ type: 'start', counter })),
  counterOp('counter.finish', contracts['counter.finish'], ({ counter, outcome, note }) => ({ type: 'finish', counter, outcome, note })),
  counterOp('counter.transfer', contracts['counter.transfer'], ({ counter, toServiceId, toCounter }) => ({ type: 'transfer', counter, toServiceId, toCounter })),
  counterOp('counter.pause', contracts['counter.pause'], ({ counter, reason }) => ({ type: 'pause', counter, reason })),
  counterOp('counter.resume', contracts['counter.resume'], ({ counter }) => ({ type: 'resume', counter })),
];
