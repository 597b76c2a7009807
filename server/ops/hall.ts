// Kiosk, counters and the live hall picture.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import * as repo from '../../db/repos/index.ts';
import { contracts, type Contract, type OperationName } from '../../protocol/operations.ts';
import type { CounterTakenDetails } from '../../protocol/api.ts';
import type { CounterCommandReply } from '../../protocol/replies.ts';
import type { ReprintBody } from '../../protocol/api.ts';
import type { Ticket } from '../../protocol/domain.ts';
import { openingOn, serviceTiles, type Command } from '../../engine/index.ts';
import { HttpError } from '../errors.ts';
import type { Executed, ExecuteOptions } from '../hub.ts';
import { citizenReceipt, snapshotFor, ticketReceipt } from '../views.ts';
import { issuedReceipt, issueOnce, repeatedReceipt } from './kiosk-requests.ts';
import { executeOnce, requestKey, type Decided, type RequestLog } from './requests.ts';
import { implement, notFound, op, type OpContext } from './op.ts';
import { audit, executeAudited, runAudited } from '../audit.ts';

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

/** COUNTER_TAKEN names who holds the counter (its `details`), so the terminal can say whom to ask. */
function namingHolder(ctx: OpContext, counter: number, d: Executed): Executed {
  if (d.ok || d.error.code !== 'COUNTER_TAKEN') return d;
  const userId = ctx.hub.current.counters[counter]?.userId;
  const holder = userId == null ? null : repo.getUser(ctx.db, userId)?.displayName;
  return holder ? { ...d, error: { ...d.error, details: { holder } satisfies z.input<typeof CounterTakenDetails> } } : d;
}

/** Who may work a counter: its staff, and supervisors (admins too) covering a break under their own name. */
const COUNTER_STAFF = ['counter', 'supervisor'] as const;

/** The counter commands (protocol/operations.ts `counterCommand`). */
type CounterCommandName = Extract<
  OperationName,
  `counter.${'call-next' | 'call' | 'recall' | 'no-show' | 'start' | 'finish' | 'transfer' | 'pause' | 'resume'}`
>;

/** The counter commands a staff member sent (counter_requests), each with the reply it got, read by `reply` from the live state after the command. */
const counterRequests = <R>(ctx: OpContext, reply: (d: Decided) => R): RequestLog<repo.CounterRequestRow> => ({
  find: (db, key) => repo.getCounterRequest(db, key.ownerId, key.requestId),
  remember: (key, decided) =>
    repo.rememberCounterRequest(ctx.db, {
      userId: key.ownerId,
      requestId: key.requestId,
      bodyHash: key.bodyHash,
      reply: reply(decided),
      createdAt: ctx.clock.now(),
    }),
});

/**
 * Runs a counter terminal's command once per click (./requests.ts): a repeat of its requestId gets
 * the reply the first one got, even if the counter moved on since (or was closed); `checks` run
 * only for a new request.
 */
function counterOnce<R>(
  ctx: OpContext,
  name: CounterCommandName | 'counter.open' | 'counter.close',
  body: { counter: number; requestId?: string | undefined },
  reply: (d: Decided) => R,
  execute: (options: ExecuteOptions) => Executed,
  checks?: () => void,
): R {
  const r = executeOnce(ctx, requestKey(ctx, name, body), counterRequests(ctx, reply), execute, checks);
  // The stored reply was made by this same `reply` (and checked against the contract then).
  return 'repeat' in r ? (r.repeat.reply as R) : reply(r.decided);
}

/** A staff action at one counter: only its holder may do it; replies with the ticket and the counter. */
function counterOp<I extends z.ZodType<{ counter: number; requestId?: string | undefined }>>(
  name: CounterCommandName,
  contract: Contract<I, typeof CounterCommandReply>,
  command: (body: z.output<I>) => Command,
) {
  return implement(name, contract, {
    access: { roles: [...COUNTER_STAFF] },
    run: (ctx, body) =>
      counterOnce(
        ctx,
        name,
        body,
        (d) => ({ ticket: d.ticketId ? (ctx.hub.current.tickets[d.ticketId] ?? null) : null, counter: ctx.hub.current.counters[body.counter]! }),
        (options) => ctx.hub.execute(command(body), ctx.actor, options),
        () => holder(ctx, body.counter),
      ),
  });
}

/** Still to be served today: the only tickets worth printing again. */
const OPEN_STATUSES: readonly Ticket['status'][] = ['waiting', 'called'];

/** Today's open ticket of the citizen with this CPR or booking reference, or of this status token; null when there is none. */
function openTicketOf(ctx: OpContext, by: z.output<typeof ReprintBody>): Ticket | null {
  const state = ctx.hub.current;
  const open = (t: Ticket | undefined) => (t && OPEN_STATUSES.includes(t.status) ? t : null);
  if ('statusToken' in by) return open(Object.values(state.tickets).find((t) => t.statusToken === by.statusToken));
  if ('reference' in by) {
    const ref = by.reference.toUpperCase();
    const a = Object.values(state.appointments).find((x) => x.reference === ref && x.ticketId !== null);
    return open(a ? state.tickets[a.ticketId!] : undefined);
  }
  // The latest, if a citizen holds more than one (a booking and a walk-in of another service).
  return (
    Object.values(state.tickets)
      .filter((t) => t.cpr === by.cpr && open(t))
      .sort((a, b) => b.issuedAt - a.issuedAt)[0] ?? null
  );
}

/** A citizen checking in again (the paper lost): ALREADY_CHECKED_IN names the ticket they hold, so the kiosk can offer to print it again. */
function alreadyCheckedInSaysWhich<T>(ctx: OpContext, by: z.output<typeof ReprintBody>, checkIn: () => T): T {
  try {
    return checkIn();
  } catch (e) {
    const held = e instanceof HttpError && e.code === 'ALREADY_CHECKED_IN' ? openTicketOf(ctx, by) : null;
    if (held) throw new HttpError(409, 'ALREADY_CHECKED_IN', (e as HttpError).message, { label: held.label });
    throw e;
  }
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
      const { phone } = body;
      const r = issueOnce(
        ctx,
        key,
        { type: 'issue_walkin', serviceId: body.serviceId, priority: body.priority, cpr: body.cpr, statusToken: statusToken() },
        phone ? (d) => repo.saveTicketPhone(ctx.db, d.ticketId!, ctx.hub.current.day, phone) : undefined,
      );
      if ('repeat' in r) return repeatedReceipt(ctx, key!, r.repeat);
      return issuedReceipt(ctx, r.issued.ticketId!, key);
    },
  }),
  op('kiosk.checkIn', {
    access: { devices: ['kiosk'] },
    async run(ctx, body) {
      const { requestId: _requestId, ...by } = body;
      const key = requestKey(ctx, 'kiosk.checkIn', body);
      const r = alreadyCheckedInSaysWhich(ctx, by, () => issueOnce(ctx, key, { type: 'check_in', by, statusToken: statusToken() }));
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
  op('kiosk.reprint', {
    access: { devices: ['kiosk'] },
    async run(ctx, body) {
      if (ctx.principal.kind !== 'device') throw new HttpError(403, 'FORBIDDEN', 'Only kiosks print tickets.');
      // A few a minute: a citizen who lost the paper, not a script printing the hall's tickets.
      if (!ctx.limiter.take(`reprint:${ctx.principal.deviceId}`, 3, 60_000, ctx.clock.now())) {
        throw new HttpError(429, 'RATE_LIMITED', 'Too many tickets printed again; wait a minute.');
      }
      const t = openTicketOf(ctx, body);
      if (!t) throw new HttpError(404, 'NO_TICKET_TO_REPRINT', 'There is no open ticket today with these details to print again.');
      const receipt = ticketReceipt(ctx.hub, t, ctx.clock.now());
      const print = await ctx.printing.forKiosk(ctx.principal.deviceId, ctx.printing.ticketPrint(t, ctx.origin, receipt));
      audit(ctx, 'ticket.reprint', `ticket:${t.id}`, {
        after: { label: t.label, by: 'cpr' in body ? 'cpr' : 'reference' in body ? 'reference' : 'status link', printed: print.ok },
      });
      return { ...receipt, print };
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
    access: { roles: [...COUNTER_STAFF] },
    run(ctx, body) {
      const p = ctx.principal;
      if (p.kind !== 'staff') throw new HttpError(403, 'FORBIDDEN', 'Only staff open counters.');
      const { counter } = body;
      const reply = counterOnce(
        ctx,
        'counter.open',
        body,
        () => ({ counter: ctx.hub.current.counters[counter]! }),
        (options) => namingHolder(ctx, counter, ctx.hub.execute({ type: 'open_counter', counter, userId: p.userId }, ctx.actor, options)),
      );
      // A repeat may come over a new socket (the terminal reconnected): it joins the counter's room if the counter is still this user's.
      const now = ctx.hub.current.counters[counter];
      if (now?.open && now.userId === p.userId) ctx.rooms?.joinCounter(counter);
      return reply;
    },
  }),
  op('counter.close', {
    access: { roles: [...COUNTER_STAFF] },
    run(ctx, body) {
      const { counter } = body;
      const p = ctx.principal;
      const c = ctx.hub.current.counters[counter];
      const close: Command = { type: 'close_counter', counter };
      const reply = counterOnce(
        ctx,
        'counter.close',
        body,
        () => ({ counter: ctx.hub.current.counters[counter]! }),
        // A supervisor closing someone else's (idle) counter is a supervisor's action: audited.
        (options) =>
          p.kind === 'staff' && c?.userId !== p.userId
            ? runAudited(
                ctx,
                close,
                { kind: 'counter.close', target: `counter:${counter}`, before: { open: c?.open ?? null, userId: c?.userId ?? null } },
                options,
              )
            : ctx.hub.execute(close, ctx.actor, options),
        () => {
          if (p.kind === 'staff' && p.role === 'counter') holder(ctx, counter);
        },
      );
      ctx.rooms?.leaveCounter(counter);
      return reply;
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
  op('counter.myDay', {
    access: { roles: [...COUNTER_STAFF] },
    run(ctx) {
      if (ctx.principal.kind !== 'staff') throw new HttpError(403, 'FORBIDDEN', 'Only staff have a day at the counters.');
      return repo.finishedBy(ctx.db, ctx.hub.current.day, ctx.principal.userId);
    },
  }),
];
