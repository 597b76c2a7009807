// A scenario that resembles "a day like the last four weeks" of this hall, measured with the
// supervisor's reports (reports/) over its stored history: the rollout planner's what-if simulates
// it under the modes in force now and under a plan. Demand comes from the history; the counters,
// their modes and the hours are the hall's configuration as it stands.
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { nextDay } from '../engine/index.ts';
import { type Report, ReportQuery, type WhatIfBasis } from '../protocol/reports.ts';
import { buildReport } from '../reports/index.ts';
import { dayBefore } from './run.ts';
import { loadScenario, type Scenario } from './scenario.ts';

/** Fewer open days than this and the history says too little: the default busy day stands in. */
export const MIN_OPEN_DAYS = 3;
/** z of the 90th percentile of a normal distribution: sd = (p90 − mean) / z. */
const Z90 = 1.2816;

export interface HistoryScenario {
  scenario: Scenario;
  basis: WhatIfBasis;
  /** The hall's active counters in number order: simulated counter n stands for `counters[n − 1]`. */
  counters: number[];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The value most entries have (the first of them on a tie); null for none. */
function mostCommon<T>(items: T[], key: (t: T) => string): T | null {
  const counts = new Map<string, { item: T; n: number }>();
  for (const item of items) {
    const k = key(item);
    const seen = counts.get(k);
    counts.set(k, { item: seen?.item ?? item, n: (seen?.n ?? 0) + 1 });
  }
  let best: { item: T; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.item ?? null;
}

/**
 * The hall's configuration in `scenario`'s terms: its active counters (renumbered 1…n) in their
 * standing modes, the most common opening hours, and the most common appointment hours of the
 * schedule in force on `day`.
 */
function withHallConfiguration(scenario: Scenario, db: Db, day: string): { scenario: Scenario; counters: number[] } {
  const active = repo.listCounters(db).filter((c) => c.active);
  if (active.length === 0) return { scenario, counters: Array.from({ length: scenario.counters }, (_, i) => i + 1) };
  const modes = Object.fromEntries(active.map((c, i) => [String(i + 1), c.mode]));
  const taking = active.filter((c) => c.mode !== 'general');
  const hours = mostCommon(repo.listOpeningHours(db), (h) => `${h.opens}-${h.closes}`);
  // A weekday's appointment hours: from its first period's start to its last one's end.
  const byWeekday = new Map<number, { start: string; end: string }>();
  for (const p of repo.scheduleInForceOn(db, day)) {
    const w = byWeekday.get(p.weekday);
    byWeekday.set(p.weekday, { start: w && w.start < p.startTime ? w.start : p.startTime, end: w && w.end > p.endTime ? w.end : p.endTime });
  }
  const appointmentHours = mostCommon([...byWeekday.values()], (h) => `${h.start}-${h.end}`);
  return {
    scenario: {
      ...scenario,
      counters: active.length,
      appointmentCounters: taking.length,
      appointmentMode: taking.length > 0 && taking.every((c) => c.mode === 'mixed') ? 'mixed' : 'appointment',
      modes,
      hours: hours ? { opens: hours.opens, closes: hours.closes } : scenario.hours,
      appointmentHours: appointmentHours ?? scenario.appointmentHours,
    },
    counters: active.map((c) => c.number),
  };
}

/** Tickets of a report (both kinds). */
const ticketsOf = (r: Report) => r.pilot.appointment.tickets + r.pilot.walkin.tickets;

function standardDeviation(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
}

/**
 * "A day like the last `days` calendar days up to `endDay`" of the hall in `db`: citizens a day
 * (tickets, plus booked citizens who never came or cancelled), arrivals by hour, the service mix and
 * each service's median service time, the booked share, no-show and cancellation rates, lateness;
 * with the hall's counters, modes and hours. Fewer than MIN_OPEN_DAYS days with tickets: the
 * default busy day (citizens scaled to this hall's counters), `source: 'default'`.
 */
export function scenarioFromHistory(db: Db, endDay: string, days = 28): HistoryScenario {
  const from = dayBefore(endDay, days - 1);
  const report = buildReport(db, ReportQuery.parse({ from, to: endDay }));
  const base = loadScenario();
  const hall = withHallConfiguration(base, db, nextDay(endDay));
  const openDays = report.days;
  if (openDays < MIN_OPEN_DAYS) {
    const scale = hall.scenario.counters / base.counters;
    return {
      scenario: { ...hall.scenario, citizensPerDay: round(base.citizensPerDay * scale, 1), citizensPerDaySd: round(base.citizensPerDaySd * scale, 1) },
      basis: { from, to: endDay, openDays, source: 'default' },
      counters: hall.counters,
    };
  }

  const { appointments: a } = report;
  const citizens = ticketsOf(report) + a.noShow + a.cancelled;
  const arrivalsByHour: Record<string, number> = {};
  for (const slot of report.crowding) {
    const hour = slot.time.slice(0, 2);
    arrivalsByHour[hour] = round((arrivalsByHour[hour] ?? 0) + slot.arrivals, 2);
  }
  const serviceMix: Record<string, number> = {};
  const serviceTimeMin: Record<string, number> = {};
  for (const service of repo.listServices(db)) {
    const r = buildReport(db, ReportQuery.parse({ from, to: endDay, serviceId: service.id }));
    const tickets = ticketsOf(r);
    if (tickets === 0) continue;
    serviceMix[service.id] = tickets;
    const median = r.serviceTime.all.median;
    if (median !== null && median > 0) serviceTimeMin[service.id] = round(median, 1);
  }
  const { mean: lateMean, p90: lateP90 } = a.lateness;
  return {
    scenario: {
      ...hall.scenario,
      name: `A day like ${from} … ${endDay} in this hall`,
      days: openDays,
      citizensPerDay: round(citizens / openDays, 1),
      citizensPerDaySd: round(standardDeviation(report.daily.map((d) => d.tickets)), 1),
      arrivalsByHour,
      serviceMix,
      serviceTimeMin,
      bookedShare: round(Math.min(1, a.booked / citizens), 3),
      noShowRate: round(a.noShowRate ?? base.noShowRate, 3),
      cancelRate: round(a.cancelRate ?? base.cancelRate, 3),
      latenessMeanMin: round(lateMean ?? base.latenessMeanMin, 1),
      latenessSdMin: lateMean !== null && lateP90 !== null ? round(Math.max(0, (lateP90 - lateMean) / Z90), 1) : base.latenessSdMin,
    },
    basis: { from, to: endDay, openDays, source: 'history' },
    counters: hall.counters,
  };
}
