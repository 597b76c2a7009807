// What-if: the same seeded citizens under several hall configurations, each simulated into its own
// in-memory database, and the KPIs side by side. The KPIs are the supervisor's reports (reports/),
// so the comparison says what the Reports page would say about each configuration.
import { type HallKpis, ReportQuery } from '../protocol/reports.ts';
import { buildReport } from '../reports/index.ts';
import type { Db } from '../db/client.ts';
import { type SimulateOptions, simulate } from './run.ts';
import type { Scenario } from './scenario.ts';

/** The KPIs of `from`…`to` in `db`, from the reports module. */
export function hallKpis(db: Db, from: string, to: string): HallKpis {
  const r = buildReport(db, ReportQuery.parse({ from, to }));
  const { appointment, walkin } = r.pilot;
  const perDay = (n: number) => (r.days > 0 ? n / r.days : null);
  return {
    days: r.days,
    tickets: r.pilot.appointment.tickets + r.pilot.walkin.tickets,
    medianWait: { appointment: appointment.medianWait, walkin: walkin.medianWait },
    p90Wait: { appointment: appointment.p90Wait, walkin: walkin.p90Wait },
    serviceLevel: r.serviceLevel.within,
    targetMinutes: r.serviceLevel.targetMinutes,
    peakWaiting: r.peakWaiting?.count ?? 0,
    meanDailyPeak: r.daily.length > 0 ? r.daily.reduce((s, d) => s + d.peakWaiting, 0) / r.daily.length : null,
    idleMinPerDay: perDay(r.counters.reduce((s, c) => s + c.idleMin, 0)),
  };
}

export interface Variant {
  label: string;
  scenario: Scenario;
}

export interface ComparedVariant extends Variant {
  kpis: HallKpis;
  bookings: number;
  wallMs: number;
}

/** Simulates every variant with the same seed and end day (so the same citizens come) and measures each. */
export async function compare(variants: Variant[], opts: Omit<SimulateOptions, 'db'> & { endDay: string }): Promise<ComparedVariant[]> {
  const out: ComparedVariant[] = [];
  for (const v of variants) {
    const run = await simulate(v.scenario, opts);
    try {
      out.push({ ...v, kpis: hallKpis(run.db, run.from, run.to), bookings: run.bookings, wallMs: run.wallMs });
    } finally {
      run.db.sqlite.close();
    }
  }
  return out;
}

const fmt = (n: number | null, digits = 1) => (n === null ? '–' : n.toFixed(digits));
const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)} %`);

/** The comparison as a plain-text table, one column per variant. */
export function comparisonTable(rows: ComparedVariant[]): string {
  const target = rows[0]?.kpis.targetMinutes ?? 0;
  const lines: [string, (r: ComparedVariant) => string][] = [
    ['bookings made', (r) => String(r.bookings)],
    ['tickets', (r) => String(r.kpis.tickets)],
    ['median wait, appointment (min)', (r) => fmt(r.kpis.medianWait.appointment)],
    ['p90 wait, appointment (min)', (r) => fmt(r.kpis.p90Wait.appointment)],
    ['median wait, walk-in (min)', (r) => fmt(r.kpis.medianWait.walkin)],
    ['p90 wait, walk-in (min)', (r) => fmt(r.kpis.p90Wait.walkin)],
    [`service level (called ≤ ${target} min)`, (r) => pct(r.kpis.serviceLevel)],
    ['peak waiting (worst day)', (r) => String(r.kpis.peakWaiting)],
    ['peak waiting (mean of days)', (r) => fmt(r.kpis.meanDailyPeak)],
    ['counter idle (min/day, all)', (r) => fmt(r.kpis.idleMinPerDay, 0)],
  ];
  const header = ['', ...rows.map((r) => r.label)];
  const body = lines.map(([name, cell]) => [name, ...rows.map(cell)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => [...row[i]!].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
