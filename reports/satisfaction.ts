// The citizens' feedback in a report: satisfaction per kind of ticket, service, counter and staff
// member, under the report's filters. A separate query beside the days' facts (the answers are rows
// of their own, not events), so the folds stay as they are.
import type { Satisfaction, SatisfactionRow } from '../protocol/feedback.ts';
import type { ReportQuery } from '../protocol/reports.ts';

/** One stored answer, as the reports read it. */
export interface FeedbackFact {
  serviceId: string;
  kind: string;
  counter: number | null;
  userId: number | null;
  rating: number;
  comment: string;
  at: number;
}

/** How many of the latest comments a report lists. */
const COMMENTS_SHOWN = 20;

function rowOf(answers: readonly FeedbackFact[]): SatisfactionRow {
  const ratings = [0, 0, 0, 0, 0];
  for (const a of answers) ratings[a.rating - 1]!++;
  const n = answers.length;
  const sum = answers.reduce((s, a) => s + a.rating, 0);
  return {
    answers: n,
    mean: n === 0 ? null : Math.round((sum / n) * 100) / 100,
    ratings,
    satisfied: n === 0 ? null : Math.round(((ratings[3]! + ratings[4]!) / n) * 1000) / 1000,
  };
}

function groupBy<K>(answers: readonly FeedbackFact[], key: (a: FeedbackFact) => K): Map<K, FeedbackFact[]> {
  const groups = new Map<K, FeedbackFact[]>();
  for (const a of answers) groups.set(key(a), [...(groups.get(key(a)) ?? []), a]);
  return groups;
}

export function satisfactionOf(
  all: readonly FeedbackFact[],
  q: ReportQuery,
  serviceOrder: ReadonlyMap<string, number>,
  userNames: ReadonlyMap<number, string>,
): Satisfaction {
  const answers = all.filter(
    (a) =>
      (q.serviceId === undefined || a.serviceId === q.serviceId) &&
      (q.kind === undefined || a.kind === q.kind) &&
      (q.counter === undefined || a.counter === q.counter) &&
      (q.userId === undefined || a.userId === q.userId),
  );
  const perService = [...groupBy(answers, (a) => a.serviceId)]
    .map(([serviceId, g]) => ({ serviceId, ...rowOf(g) }))
    .sort((a, b) => (serviceOrder.get(a.serviceId) ?? 99) - (serviceOrder.get(b.serviceId) ?? 99) || a.serviceId.localeCompare(b.serviceId));
  const perCounter = [...groupBy(answers, (a) => a.counter)]
    .filter((e): e is [number, FeedbackFact[]] => e[0] !== null)
    .map(([counter, g]) => ({ counter, ...rowOf(g) }))
    .sort((a, b) => a.counter - b.counter);
  const perStaff = [...groupBy(answers, (a) => a.userId)]
    .map(([userId, g]) => ({ userId, name: userId === null ? '—' : (userNames.get(userId) ?? `#${userId}`), ...rowOf(g) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    all: rowOf(answers),
    byKind: { appointment: rowOf(answers.filter((a) => a.kind === 'appointment')), walkin: rowOf(answers.filter((a) => a.kind === 'walkin')) },
    perService,
    perCounter,
    perStaff,
    comments: answers
      .filter((a) => a.comment !== '')
      .sort((a, b) => b.at - a.at)
      .slice(0, COMMENTS_SHOWN)
      .map(({ at, rating, serviceId, comment }) => ({ at, rating, serviceId, comment })),
  };
}
