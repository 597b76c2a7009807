// Kiosk, counters and the live hall picture.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import * as repo from '../../db/repos/index.ts';
import { contracts, type Contract, type OperationName } from '../../protocol/operations.ts';
import type { CounterCommandReply } from '../../protocol/replies.ts';
import { openingOn, serviceTiles, type Command } from '../../engine/index.ts';
import { HttpError } from '../errors.ts';
import { citizenReceipt, snapshotFor } from '../views.ts';
import { issuedReceipt, issueOnce, repeatedReceipt, requestKey } from './kiosk-requests.ts';
import { implement, mustSucceed, notFound, op, type OpContext } from './op.ts';
import { executeAudited } from '../audit.ts';

const STAFF = ['counter', 'callcenter', 'supervisor'] as const;
const SCREENS = ['kiosk', 'display'] as const;
const statusToken = () => randomBytes(18).toString('base64url');

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
type CounterCommandName = Extract<
  OperationName,
  `counter.${'call-next' | 'call' | 'recall' | 'no-show' | 'start' | 'finish' | 'transfer' | 'pause' | 'resume'}`
>;

/** A staff action at one counter: only its holder may do it; replies with the ticket and the counter. */
function counterOp<I extends z.ZodType<{ counter: number }>>(
  name: CounterCommandName,
  contract: Contract<I, typeof CounterCommandReply>,
  command: (body: z.output<I>) => Command,
) {
  return implement(name, contract, {
    access: { roles: ['counter'] },
    run(ctx, body) {
      holder(ctx, body.counter);
      const d = mustSucceed(ctx.hub.execute(command(body), ctx.actor));
      return { ticket: d.ticketId ? (ctx.hub.current.tickets[d.ticketId] ?? null) : null, counter: ctx.hub.current.counters[body.counter]! };
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
    run: (ctx) => {
      const state = ctx.hub.current;
      return serviceTiles(state, ctx.clock.now(), openingOn(state.day, repo.listOpeningHours(ctx.db), state.settings.timeZone));
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
      const p = ctx.principal;
      if (p.kind === 'staff' && p.role === 'counter') holder(ctx, counter);
      const c = ctx.hub.current.counters[counter];
      // A supervisor closing someone else's (idle) counter is a supervisor's action: audited.
      if (p.kind === 'staff' && c?.userId !== p.userId) {
        executeAudited(
          ctx,
          { type: 'close_counter', counter },
          { kind: 'counter.close', target: `counter:${counter}`, before: { open: c?.open ?? null, userId: c?.userId ?? null } },
        );
      } else mustSucceed(ctx.hub.execute({ type: 'close_counter', counter }, ctx.actor));
      ctx.rooms?.leaveCounter(counter);
      return { counter: ctx.hub.current.counters[counter]! };
    },
  }),
  op('counter.mode', {
    access: { roles: ['supervisor'] },
    run(ctx, { counter, mode }) {
      executeAudited(
        ctx,
        { type: 'set_counter_mode', counter, mode },
        {
          kind: 'counter.mode',
          target: `counter:${counter}`,
          before: { mode: ctx.hub.current.counters[counter]?.mode ?? null },
          after: () => ({ mode }),
        },
      );
      return { counter: ctx.hub.current.counters[counter]! };
    },
  }),
  counterOp('counter.call-next', contracts['counter.call-next'], ({ counter }) => ({ type: 'call_next', counter })),
  counterOp('counter.call', contracts['counter.call'], ({ counter, ticketId }) => ({ type: 'call_ticket', counter, ticketId })),
  counterOp('counter.recall', contracts['counter.recall'], ({ counter }) => ({ type: 'recall', counter })),
  counterOp('counter.no-show', contracts['counter.no-show'], ({ counter }) => ({ type: 'no_show', counter })),
  counterOp('counter.start', contracts['counter.start'], ({ counter }) => ({ type: 'start', counter })),
  counterOp('counter.finish', contracts['counter.finish'], ({ counter, outcome, note }) => ({ type: 'finish', counter, outcome, note })),
  counterOp('counter.transfer', contracts['counter.transfer'], ({ counter, toServiceId, toCounter }) => ({
    type: 'transfer',
    counter,
    toServiceId,
    toCounter,
  })),
  counterOp('counter.pause', contracts['counter.pause'], ({ counter, reason }) => ({ type: 'pause', counter, reason })),
  counterOp('counter.resume', contracts['counter.resume'], ({ counter }) => ({ type: 'resume', counter })),
];
