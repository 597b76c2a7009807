// The citizen's feedback after service (the status page /t/<token>) and the satisfaction it feeds
// into the supervisor's reports.
import { z } from 'zod';
import { StatusTokenParam } from './api.ts';
import { CounterNumber, ServiceId } from './domain.ts';
import { MAX_FEEDBACK_COMMENT } from './feedback-limits.ts';

export const FeedbackBody = StatusTokenParam.extend({
  /** 1 (very unhappy) … 5 (very happy): the five faces. */
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT).default(''),
}).strict();

/** Answers of one group (a service, a counter, a staff member, a kind of ticket). */
export const SatisfactionRow = z.object({
  answers: z.number().int().min(0),
  /** Mean rating 1…5; null without answers. */
  mean: z.number().min(1).max(5).nullable(),
  /** Answers per rating, index 0 = rating 1 … index 4 = rating 5. */
  ratings: z.array(z.number().int().min(0)).length(5),
  /** Answers of 4 or 5 among all (0…1); null without answers. */
  satisfied: z.number().min(0).max(1).nullable(),
});
export type SatisfactionRow = z.infer<typeof SatisfactionRow>;

/** Satisfaction in a report's range, under its filters. */
export const Satisfaction = z.object({
  all: SatisfactionRow,
  byKind: z.object({ appointment: SatisfactionRow, walkin: SatisfactionRow }),
  perService: z.array(SatisfactionRow.extend({ serviceId: ServiceId })),
  perCounter: z.array(SatisfactionRow.extend({ counter: CounterNumber })),
  /** Per staff member who finished the tickets (name as it is now; userId null: not known). */
  perStaff: z.array(SatisfactionRow.extend({ userId: z.number().int().nullable(), name: z.string() })),
  /** The latest comments, newest first (at most 20). */
  comments: z.array(z.object({ at: z.number().int(), rating: z.number().int().min(1).max(5), serviceId: ServiceId, comment: z.string() })),
});
export type Satisfaction = z.infer<typeof Satisfaction>;
