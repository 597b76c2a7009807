// The citizen's feedback after service, by the status link's token (no login).
import { dayFactsOf } from '../../reports/index.ts';
import * as repo from '../../db/repos/index.ts';
import { HttpError } from '../errors.ts';
import { citizenReceipt } from '../views.ts';
import { notFound, op } from './op.ts';

/** Tries a minute per status link: a phone that double-taps, not a script. */
const TRIES_PER_MINUTE = 5;

/** The counter and staff member that finished the ticket, as the day's events say (the reports' own fold). */
function servedBy(db: Parameters<typeof dayFactsOf>[0], day: string, ticketId: string) {
  const fact = dayFactsOf(db, day, day)[0]?.tickets.find((t) => t.id === ticketId);
  const finish = fact?.segments.filter((s) => s.end === 'finish').at(-1);
  return { counter: finish?.counter ?? null, userId: finish?.userId ?? null, kind: fact?.kind ?? null };
}

export const feedbackOps = [
  op('feedback.submit', {
    access: { anonymous: true },
    run(ctx, { token, rating, comment }) {
      const now = ctx.clock.now();
      if (!ctx.limiter.take(`feedback:${token}`, TRIES_PER_MINUTE, 60_000, now)) throw new HttpError(429, 'RATE_LIMITED', 'Too many tries; wait a minute.');
      const stored = repo.getTicketByStatusToken(ctx.db, token);
      if (!stored) notFound('TICKET_NOT_FOUND', 'No ticket has this status link.');
      const t = ctx.hub.current.tickets[stored.id] ?? stored;
      if (t.status !== 'done') throw new HttpError(409, 'FEEDBACK_NOT_YET', 'The ticket is not finished yet.');
      const by = servedBy(ctx.db, t.day, t.id);
      const row = {
        ticketId: t.id,
        day: t.day,
        serviceId: t.serviceId,
        kind: by.kind ?? t.kind,
        counter: by.counter ?? t.counter,
        userId: by.userId,
        rating,
        comment,
        at: now,
      };
      if (!repo.insertFeedback(ctx.db, row)) throw new HttpError(409, 'FEEDBACK_ALREADY_GIVEN', 'This ticket already has its answer.');
      return citizenReceipt(ctx.hub, ctx.db, t.id, now);
    },
  }),
];
