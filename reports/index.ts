// The supervisor's reports, computed from the stored events: read a range of days (db/repos),
// fold each day into facts (facts.ts), add them up for the query (aggregate.ts).
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Report, ReportQuery } from '../protocol/reports.ts';
import { aggregate } from './aggregate.ts';
import { type DayFacts, foldDay, REPORT_EVENT_TYPES, type ReportEvent } from './facts.ts';

export { reportCsv } from './csv.ts';

/** Folds the stored events of `from`…`to` day by day. */
export function dayFactsOf(db: Db, from: string, to: string): DayFacts[] {
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

/** The report of `query` from the database as it is now (the hall's current settings and names). */
export function buildReport(db: Db, query: ReportQuery): Report {
  const started = performance.now();
  const report = aggregate({
    query,
    days: dayFactsOf(db, query.from, query.to),
    appointments: repo.appointmentsOfDays(db, query.from, query.to),
    settings: repo.loadSettings(db),
    services: repo.listServices(db),
    userNames: new Map(repo.listUsers(db).map((u) => [u.id, u.displayName])),
  });
  return { ...report, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}
