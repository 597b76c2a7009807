// Kiosk, counters and the live hall picture.
import { randomBytes } from 'node:crypto';
import * as repo from '../../db/repos.ts';
import { CallTicketBody, CheckInBody, CounterModeBody, CounterParam, Empty, FinishBody, PauseBody, StatusTokenParam, TransferBody, WalkinBody } from '../../protocol/api.ts';
import type { Command } from '../engine/index.ts';
import { estimateNewWalkin, waitingByQueue } from '../engine/index.ts';
import { HttpError } from '../errors.ts';
import { snapshotFor, ticketReceipt } from '../views.ts';
import { mustSucceed, notFound, op, type OpContext } from './op.ts';

const STAFF = ['counter', 'callcenter', 'supervisor'] as const;
const SCREENS = ['kiosk', 'display'] as const;
const statusToken = () => randomBytes(18).toString('base64url');

function receiptOf(ctx: OpContext, ticketId: string) {
  const t = ctx.hub.current.tickets[ticketId];
  if (!t) throw new HttpError(500, 'INTERNAL', 'The new ticket is missing from the live state.');
  return ticketReceipt(ctx.hub.current, t, ctx.clock.now());
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

function counterAction<K extends 'call_next' | 'recall' | 'no_show' | 'start' | 'resume'>(type: K, event: string, path: string, summary: string) {
  return op({
    name: `counter.${event}`, summary, http: { method: 'post', path: `/api/counters/:counter/${path}` }, event: `counter:${event}`,
    input: CounterParam, access: { roles: ['counter'] },
    run(ctx, { counter }) {
      holder(ctx, counter);
      const d = mustSucceed(ctx.hub.execute({ type, counter } as Command, ctx.actor));
      return { ticket: d.ticketId ? ctx.hub.current.tickets[d.ticketId] ?? null : null, counter: ctx.hub.current.counters[counter] };
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
    run(ctx, body) {
      const d = mustSucceed(ctx.hub.execute({ type: 'issue_walkin', serviceId: body.serviceId, priority: body.priority, cpr: body.cpr, statusToken: statusToken() }, ctx.actor));
      return receiptOf(ctx, d.ticketId!);
    },
  }),
  op({
    name: 'kiosk.checkIn', summary: 'Appointment check-in by CPR or booking reference: checked in, too early, or late (converted to a walk-in).',
    http: { method: 'post', path: '/api/kiosk/check-in' }, event: 'kiosk:check-in', input: CheckInBody, access: { devices: ['kiosk'] },
    run(ctx, body) {
      const d = mustSucceed(ctx.hub.execute({ type: 'check_in', by: body, statusToken: statusToken() }, ctx.actor));
      const result = d.checkIn!;
      if (result.outcome === 'too_early') return { outcome: result.outcome, comeBackAt: result.comeBackAt };
      if (result.outcome === 'too_late') return { outcome: result.outcome };
      return { outcome: result.outcome, ...receiptOf(ctx, result.ticketId) };
    },
  }),
  op({
    name: 'tickets.status', summary: "The citizen's mobile status of one ticket, by its unguessable token (no login).",
    http: { method: 'get', path: '/api/tickets/status/:token' }, input: StatusTokenParam, access: { anonymous: true },
    run(ctx, { token }) {
      const stored = repo.getTicketByStatusToken(ctx.db, token);
      if (!stored) notFound('TICKET_NOT_FOUND', 'No ticket has this status link.');
      return ticketReceipt(ctx.hub.current, ctx.hub.current.tickets[stored.id] ?? stored, ctx.clock.now());
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
  counterAction('call_next', 'call-next', 'call-next', 'Calls the next ticket for this counter by the queue rules.'),
  counterAction('recall', 'recall', 'recall', 'Announces the current ticket again (a no-show after the configured recalls).'),
  counterAction('no_show', 'no-show', 'no-show', 'The called citizen did not come.'),
  counterAction('start', 'start', 'start', 'The citizen arrived: service starts.'),
  counterAction('resume', 'resume', 'resume', 'Ends a pause.'),
  op({
    name: 'counter.call', summary: 'Calls one specific waiting ticket.',
    http: { method: 'post', path: '/api/counters/:counter/call' }, event: 'counter:call', input: CallTicketBody, access: { roles: ['counter'] },
    run(ctx, { counter, ticketId }) {
      holder(ctx, counter);
      const d = mustSucceed(ctx.hub.execute({ type: 'call_ticket', counter, ticketId }, ctx.actor));
      return { ticket: ctx.hub.current.tickets[d.ticketId!], counter: ctx.hub.current.counters[counter] };
    },
  }),
  op({
    name: 'counter.finish', summary: 'Finishes service with an outcome code and an optional note.',
    http: { method: 'post', path: '/api/counters/:counter/finish' }, event: 'counter:finish', input: FinishBody, access: { roles: ['counter'] },
    run(ctx, { counter, outcome, note }) {
      holder(ctx, counter);
      const d = mustSucceed(ctx.hub.execute({ type: 'finish', counter, outcome, note }, ctx.actor));
      return { ticket: ctx.hub.current.tickets[d.ticketId!], counter: ctx.hub.current.counters[counter] };
    },
  }),
  op({
    name: 'counter.transfer', summary: 'Sends the current ticket to another service and/or counter; it keeps its number and place.',
    http: { method: 'post', path: '/api/counters/:counter/transfer' }, event: 'counter:transfer', input: TransferBody, access: { roles: ['counter'] },
    run(ctx, { counter, toServiceId, toCounter }) {
      holder(ctx, counter);
      const d = mustSucceed(ctx.hub.execute({ type: 'transfer', counter, toServiceId, toCounter }, ctx.actor));
      return { ticket: ctx.hub.current.tickets[d.ticketId!], counter: ctx.hub.current.counters[counter] };
    },
  }),
  op({
    name: 'counter.pause', summary: 'Pauses an idle counter with a reason.',
    http: { method: 'post', path: '/api/counters/:counter/pause' }, event: 'counter:pause', input: PauseBody, access: { roles: ['counter'] },
    run(ctx, { counter, reason }) {
      holder(ctx, counter);
      mustSucceed(ctx.hub.execute({ type: 'pause', counter, reason }, ctx.actor));
      return { counter: ctx.hub.current.counters[counter] };
    },
  }),
];
