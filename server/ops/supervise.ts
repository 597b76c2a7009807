// The supervisor's live hall: actions on counters, tickets, the ticker and the day — each an engine
// command whose audit entry is written in the command's own transaction — and the devices' status.
import * as repo from '../../db/repos/index.ts';
import type { HallEvent } from '../../protocol/events.ts';
import { transaction } from '../../db/client.ts';
import { audit, executeAudited } from '../audit.ts';
import { queueBroadcast } from '../messages.ts';
import { op, type OpContext } from './op.ts';

const SUPERVISORS = { roles: ['supervisor' as const] }; // admins included (server/auth.ts)

/** A counter's reply: the counter as it is now and whether it is out of service. */
function counterReply(ctx: OpContext, n: number) {
  const s = ctx.hub.current;
  return { counter: s.counters[n]!, outOfService: s.outOfService[n] ?? null };
}

/** What the audit log keeps of a counter before a supervisor acts on it. */
function counterBefore(ctx: OpContext, n: number) {
  const c = ctx.hub.current.counters[n];
  const ticket = c?.currentTicketId ? ctx.hub.current.tickets[c.currentTicketId] : undefined;
  return c && { open: c.open, userId: c.userId, ticket: ticket?.label ?? null, outOfService: ctx.hub.current.outOfService[n] ?? null };
}

/** The labels of the tickets a command sent back to their queue. */
const returned = (ctx: OpContext, events: HallEvent[]) =>
  events.filter((e) => e.type === 'ticket_transferred').map((e) => ctx.hub.current.tickets[e.ticketId]?.label ?? e.ticketId);

export const supervisionOps = [
  op('hall.counter.close', {
    access: SUPERVISORS,
    run(ctx, { counter, reason }) {
      executeAudited(
        ctx,
        { type: 'force_close_counter', counter, reason },
        {
          kind: 'counter.close',
          target: `counter:${counter}`,
          before: counterBefore(ctx, counter),
          after: (events) => ({ open: false, reason, returned: returned(ctx, events) }),
        },
      );
      return counterReply(ctx, counter);
    },
  }),
  op('hall.counter.outOfService', {
    access: SUPERVISORS,
    run(ctx, { counter, reason }) {
      executeAudited(
        ctx,
        { type: 'set_out_of_service', counter, reason },
        {
          kind: 'counter.outOfService',
          target: `counter:${counter}`,
          before: counterBefore(ctx, counter),
          after: (events) => ({ open: false, outOfService: { reason }, returned: returned(ctx, events) }),
        },
      );
      return counterReply(ctx, counter);
    },
  }),
  op('hall.counter.restore', {
    access: SUPERVISORS,
    run(ctx, { counter }) {
      executeAudited(
        ctx,
        { type: 'restore_counter', counter },
        {
          kind: 'counter.restore',
          target: `counter:${counter}`,
          before: { outOfService: ctx.hub.current.outOfService[counter] ?? null },
          after: () => ({ outOfService: null }),
        },
      );
      return counterReply(ctx, counter);
    },
  }),
  op('hall.counter.services', {
    access: SUPERVISORS,
    run(ctx, { counter, serviceIds }) {
      executeAudited(
        ctx,
        { type: 'set_counter_services', counter, serviceIds },
        {
          kind: 'counter.services',
          target: `counter:${counter}`,
          before: { serviceIds: ctx.hub.current.counters[counter]?.serviceIds ?? null },
          after: () => ({ serviceIds: ctx.hub.current.counters[counter]!.serviceIds }),
        },
      );
      return counterReply(ctx, counter);
    },
  }),
  op('hall.ticket.move', {
    access: SUPERVISORS,
    run(ctx, { id, toServiceId, toCounter }) {
      const t = ctx.hub.current.tickets[id];
      executeAudited(
        ctx,
        { type: 'move_ticket', ticketId: id, toServiceId, toCounter },
        {
          kind: 'ticket.move',
          target: `ticket:${id}`,
          before: t && { label: t.label, serviceId: t.serviceId, targetCounter: t.targetCounter },
          after: () => ({ serviceId: ctx.hub.current.tickets[id]!.serviceId, targetCounter: toCounter }),
        },
      );
      return { ticket: ctx.hub.current.tickets[id]! };
    },
  }),
  op('hall.ticket.cancel', {
    access: SUPERVISORS,
    run(ctx, { id, reason }) {
      const t = ctx.hub.current.tickets[id];
      executeAudited(
        ctx,
        { type: 'cancel_ticket', ticketId: id, reason },
        {
          kind: 'ticket.cancel',
          target: `ticket:${id}`,
          before: t && { label: t.label, status: t.status },
          after: () => ({ status: 'cancelled', reason }),
        },
      );
      return { ticket: ctx.hub.current.tickets[id]! };
    },
  }),
  op('hall.ticker.add', {
    access: SUPERVISORS,
    run(ctx, { ar, en, expiresAt }) {
      const d = executeAudited(
        ctx,
        { type: 'set_ticker', ar, en, expiresAt },
        {
          kind: 'ticker.set',
          target: (events) => `ticker:${newMessage(events).id}`,
          after: (events) => newMessage(events),
        },
      );
      return { message: newMessage(d.events) };
    },
  }),
  op('hall.ticker.remove', {
    access: SUPERVISORS,
    run(ctx, { id }) {
      executeAudited(ctx, { type: 'remove_ticker', id }, { kind: 'ticker.remove', target: `ticker:${id}`, before: ctx.hub.current.ticker[id] });
      return { ok: true };
    },
  }),
  op('hall.endDay', {
    access: SUPERVISORS,
    run(ctx) {
      const d = executeAudited(
        ctx,
        { type: 'end_day' },
        {
          kind: 'day.end',
          target: `day:${ctx.hub.current.day}`,
          after: (events) => summary(events),
        },
      );
      return { day: ctx.hub.current.day, endedAt: ctx.hub.current.endedAt!, ...summary(d.events) };
    },
  }),
  op('hall.sms.broadcast', {
    access: SUPERVISORS,
    run(ctx, { ar, en }) {
      return transaction(ctx.db, () => {
        const queued = queueBroadcast(ctx.hub, ar, en);
        audit(ctx, 'sms.broadcast', `day:${ctx.hub.current.day}`, { after: { ar, en, queued } });
        return { queued };
      });
    },
  }),
  op('hall.devices', {
    access: SUPERVISORS,
    run: (ctx) => ctx.presence.status(ctx.db, ctx.printing),
  }),
  op('hall.staff', {
    access: SUPERVISORS,
    run: (ctx) => ({
      staff: repo
        .listUsers(ctx.db)
        .filter((u) => u.disabledAt === null)
        .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role })),
    }),
  }),
];

/** The message a `set_ticker` broadcast (it may also drop expired ones). */
function newMessage(events: HallEvent[]) {
  const set = events.find((e) => e.type === 'ticker_set');
  if (!set) throw new Error('set_ticker decided without a ticker_set event');
  return set.message;
}

/** What ending the day did. */
function summary(events: HallEvent[]) {
  return {
    cancelled: events.filter((e) => e.type === 'ticket_cancelled').length,
    closedCounters: events.flatMap((e) => (e.type === 'counter_closed' ? [e.counter] : [])),
  };
}
