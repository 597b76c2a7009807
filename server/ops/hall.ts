// Kiosk, counters and the live hall picture.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import * as repo from '../../db/repos.ts';
import { CallTicketBody, CheckInBody, CounterModeBody, CounterParam, Empty, FinishBody, PauseBody, StatusTokenParam, TransferBody, WalkinBody } from '../../protocol/api.ts';
import type { Command } from '../engine/index.ts';
import { estimateNewWalkin, waitingByQueue } from '../engine/index.ts';
import { HttpError } from '../errors.ts';
import { citizenReceipt, snapshotFor, ticketReceipt } from '../views.ts';
import { mustSucceed, notFound, op, type OpContext } from './op.ts';

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

/** The new ticket's receipt, after printing it on the kiosk's printer (the ticket is valid either way). */
async function issuedReceipt(ctx: OpContext, ticketId: string) {
  const t = ctx.hub.current.tickets[ticketId];
  if (!t) throw new HttpError(500, 'INTERNAL', 'The new ticket is missing from the live state.');
  const receipt = ticketReceipt(ctx.hub.current, t, ctx.clock.now());
  const print = ctx.principal.kind === 'device'
    ? await ctx.printing.forKiosk(ctx.principal.deviceId, ctx.printing.ticketPrint(t, ctx.origin, receipt))
    : { ok: false as const, error: { code: 'NO_PRINTER', message: 'Only kiosks print tickets.' } };
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

/** A staff action at one counter: only its holder may do it; replies with the ticket and the counter. */
function counterOp<S extends z.ZodType<{ counter: number }>>(slug: string, summary: string, input: S, command: (body: z.infer<S>) => Command) {
  return op({
    name: `counter.${slug}`, summary, http: { method: 'post', path: `/api/counters/:counter/${slug}` }, event: `counter:${slug}`,
    input, access: { roles: ['counter'] },
    run(ctx, body) {
      holder(ctx, body.counter);
      const d = mustSucceed(ctx.hub.execute(command(body), ctx.actor));
      return { ticket: d.ticketId ? ctx.hub.current.tickets[d.ticketId] ?? null : null, counter: ctx.hub.current.counters[body.counter] };
    },
  });
}

export const hallOps = [
  op({
    name: 'snapshot.get', summary: 'The full hall state with its sequence number (public audience for devices: no citizen data).',
    http: { method: 'get', path: '/api/snapshot' }, event: 'snapshot:get', input: Empty,
    access: { roles: [...STAFF], devices: [...SCREENS] },
    run: (ctx) => snapshotFor(ctx.principal, ctx.hub.current, ctx.hub.lastSeq),
  }),
  op({
    name: 'services.list', summary: 'Services with people waiting and the estimated wait for a new walk-in (kiosk tiles).',
    http: { method: 'get', path: '/api/services' }, event: 'services:list', input: Empty,
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
  op({
    name: 'kiosk.walkIn', summary: 'Issues a walk-in ticket for a service, with an optional priority category.',
    http: { method: 'post', path: '/api/kiosk/tickets', status: 201 }, event: 'kiosk:walk-in', input: WalkinBody, access: { devices: ['kiosk'] },
    async run(ctx, body) {
      rateLimit(ctx);
      const d = mustSucceed(ctx.hub.execute({ type: 'issue_walkin', serviceId: body.serviceId, priority: body.priority, cpr: body.cpr, statusToken: statusToken() }, ctx.actor));
      return issuedReceipt(ctx, d.ticketId!);
    },
  }),
  op({
    name: 'kiosk.checkIn', summary: 'Appointment check-in by CPR or booking reference: checked in, too early, or late (converted to a walk-in).',
    http: { method: 'post', path: '/api/kiosk/check-in' }, event: 'kiosk:check-in', input: CheckInBody, access: { devices: ['kiosk'] },
    async run(ctx, body) {
      rateLimit(ctx);
      const d = mustSucceed(ctx.hub.execute({ type: 'check_in', by: body, statusToken: statusToken() }, ctx.actor));
      const result = d.checkIn!;
      if (result.outcome === 'too_early') return { outcome: result.outcome, comeBackAt: result.comeBackAt };
      if (result.outcome === 'too_late') return { outcome: result.outcome };
      return { outcome: result.outcome, ...(await issuedReceipt(ctx, result.ticketId)) };
    },
  }),
  op({
    name: 'tickets.status', summary: "The citizen's mobile status of one ticket, by its unguessable token (no login).",
    http: { method: 'get', path: '/api/tickets/status/:token' }, input: StatusTokenParam, access: { anonymous: true },
    run(ctx, { token }) {
      const stored = repo.getTicketByStatusToken(ctx.db, token);
      if (!stored) notFound('TICKET_NOT_FOUND', 'No ticket has this status link.');
      return citizenReceipt(ctx.hub, ctx.db, stored.id, ctx.clock.now());
    },
  }),
  op({
    name: 'counters.list', summary: 'All counters with their mode, services and live status.',
    http: { method: 'get', path: '/api/counters' }, input: Empty, access: { roles: [...STAFF] },
    run: (ctx) => ({ counters: Object.values(ctx.hub.current.counters) }),
  }),
  op({
    name: 'counter.open', summary: 'Opens a counter under the logged-in user (one user per counter, one counter per user).',
    http: { method: 'post', path: '/api/counters/:counter/open' }, event: 'counter:open', input: CounterParam, access: { roles: ['counter', 'supervisor'] },
    run(ctx, { counter }) {
      if (ctx.principal.kind !== 'staff') throw new HttpError(403, 'FORBIDDEN', 'Only staff open counters.');
      mustSucceed(ctx.hub.execute({ type: 'open_counter', counter, userId: ctx.principal.userId }, ctx.actor));
      ctx.rooms?.joinCounter(counter);
      return { counter: ctx.hub.current.counters[counter] };
    },
  }),
  op({
    name: 'counter.close', summary: 'Closes a counter (its holder, or a supervisor).',
    http: { method: 'post', path: '/api/counters/:counter/close' }, event: 'counter:close', input: CounterParam, access: { roles: ['counter', 'supervisor'] },
    run(ctx, { counter }) {
      if (ctx.principal.kind === 'staff' && ctx.principal.role === 'counter') holder(ctx, counter);
      mustSucceed(ctx.hub.execute({ type: 'close_counter', counter }, ctx.actor));
      ctx.rooms?.leaveCounter(counter);
      return { counter: ctx.hub.current.counters[counter] };
    },
  }),
  op({
    name: 'counter.mode', summary: 'Switches a counter between appointment, general and mixed, live.',
    http: { method: 'put', path: '/api/counters/:counter/mode' }, event: 'counter:mode', input: CounterModeBody, access: { roles: ['supervisor'] },
    run(ctx, { counter, mode }) {
      mustSucceed(ctx.hub.execute({ type: 'set_counter_mode', counter, mode }, ctx.actor));
      return { counter: ctx.hub.current.counters[counter] };
    },
  }),
  counterOp('call-next', 'Calls the next ticket for this counter by the queue rules.', CounterParam, ({ counter }) => ({ type: 'call_next', counter })),
  counterOp('call', 'Calls one specific waiting ticket.', CallTicketBody, ({ counter, ticketId }) => ({ type: 'call_ticket', counter, ticketId })),
  counterOp('recall', 'Announces the current ticket again (a no-show after the configured recalls).', CounterParam, ({ counter }) => ({ type: 'recall', counter })),
  counterOp('no-show', 'The called citizen did not come.', CounterParam, ({ counter }) => ({ type: 'no_show', counter })),
  counterOp('start', 'The citizen arrived: service starts.', CounterParam, ({ counter }) => ({ type: 'start', counter })),
  counterOp('finish', 'Finishes service with an outcome code and an optional note.', FinishBody, ({ counter, outcome, note }) => ({ type: 'finish', counter, outcome, note })),
  counterOp('transfer', 'Sends the current ticket to another service and/or counter; it keeps its number and place.', TransferBody, ({ counter, toServiceId, toCounter }) => ({ type: 'transfer', counter, toServiceId, toCounter })),
  counterOp('pause', 'Pauses an idle counter with a reason.', PauseBody, ({ counter, reason }) => ({ type: 'pause', counter, reason })),
  counterOp('resume', 'Ends a pause.', CounterParam, ({ counter }) => ({ type: 'resume', counter })),
];
