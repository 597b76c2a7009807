// The supervisor's reports, computed from the stored events: read a range of days (db/repos),
// fold each day into facts (facts.ts), add them up for the query (aggregate.ts).
import { type Db, transaction } from '../db/client.ts';
import { bestEffortWrite } from '../db/faults.ts';
import { nextDay } from '../engine/time.ts';
import * as repo from '../db/repos/index.ts';
import type { Report, ReportQuery } from '../protocol/reports.ts';
import { aggregate } from './aggregate.ts';
import { type DayFacts, foldDay, REPORT_EVENT_TYPES, type ReportEvent } from './facts.ts';
import { satisfactionOf } from './satisfaction.ts';

export { reportCsv } from './csv.ts';
export { REPORT_EVENT_TYPES } from './facts.ts';

/** Bump when foldDay's facts change: stored folds of another version are folded anew. */
export const FACTS_VERSION = 1;

/** Folds the stored events of `from`…`to` day by day (days without events are left out). */
function foldEventsOf(db: Db, from: string, to: string): DayFacts[] {
  const days: DayFacts[] = [];
  let day: string | null = null;
  let events: ReportEvent[] = [];
  for (const row of repo.eventsOfDays(db, from, to, REPORT_EVENT_TYPES)) {
    if (row.day !== day) {
      if (day !== null) days.push(foldDay(day, events));
      day = row.day;
      events = [];
    }
    events.push(row.event as ReportEvent);
  }
  if (day !== null) days.push(foldDay(day, events));
  return days;
}

const toJson = (f: DayFacts) => JSON.stringify({ ...f, checkIns: [...f.checkIns] });
function fromJson(json: string): DayFacts {
  const f = JSON.parse(json) as Omit<DayFacts, 'checkIns'> & { checkIns: [string, number][] };
  return { ...f, checkIns: new Map(f.checkIns) };
}

/**
 * The facts of every day of `from`…`to` that has events, in order. A closed day is folded once and
 * its facts stored (report_days); the open day is folded from its events every time.
 */
export function dayFactsOf(db: Db, from: string, to: string): DayFacts[] {
  const stored = repo.storedDayFacts(db, from, to, FACTS_VERSION);
  // The other days, folded from the events in runs of consecutive calendar days.
  const runs: [string, string][] = [];
  for (let day = from, previous = ''; day <= to; previous = day, day = nextDay(day)) {
    if (stored.has(day)) continue;
    const last = runs.at(-1);
    if (last && last[1] === previous) last[1] = day;
    else runs.push([day, day]);
  }
  const folded = runs.flatMap(([a, b]) => foldEventsOf(db, a, b));
  // Keep the closed days' folds; a read-only connection (the what-if's worker) folds without keeping.
  if (!db.sqlite.readonly && folded.length > 0) {
    const closed = repo.closedDays(db, from, to);
    // A report is a read: while the database takes no writes it is answered from the fold, kept another time.
    bestEffortWrite(db, () =>
      transaction(db, () => {
        for (const f of folded) if (closed.has(f.day)) repo.storeDayFacts(db, f.day, FACTS_VERSION, toJson(f));
      }),
    );
  }
  return [...[...stored.values()].map(fromJson), ...folded].sort((a, b) => a.day.localeCompare(b.day));
}

/** The report of `query` from the database as it is now (the hall's current settings and names). */
export function buildReport(db: Db, query: ReportQuery): Report {
  const started = performance.now();
  const services = repo.listServices(db);
  const userNames = new Map(repo.listUsers(db).map((u) => [u.id, u.displayName]));
  const report = aggregate({
    query,
    days: dayFactsOf(db, query.from, query.to),
    appointments: repo.appointmentsOfDays(db, query.from, query.to),
    settings: repo.loadSettings(db),
    services,
    userNames,
  });
  const serviceOrder = new Map(services.map((s) => [s.id, s.sortOrder]));
  const satisfaction = satisfactionOf(repo.feedbackOfDays(db, query.from, query.to), query, serviceOrder, userNames);
  return { ...report, satisfaction, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
