// Benchmark 5 — a month's report over a year of history. One busy day (1,500 walk-ins through six
// counters, decided by the real engine) is stored, then copied to the 250 working days before it
// with every instant shifted (≈ 1.5 million events). Timed: `buildReport` for one month in the
// middle of that year: the first one (it folds the month's closed days from their ~130,000 events
// and stores their facts) and the median of 5 more (stored facts); the floor is a bare scan of the
// month's events in the same run (no parsing, no arithmetic).
import { transaction } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { events as eventsTable } from '../db/schema.ts';
import { applyEvent, type Command, decide, type HallState, weekdayOf } from '../engine/index.ts';
import type { HallEvent } from '../protocol/events.ts';
import { buildReport, REPORT_EVENT_TYPES } from '../reports/index.ts';
import { type BenchHall, startHall, walkin } from './hall.ts';
import { log, median, type Result } from './timing.ts';

const TICKETS = 1_500;
const DAYS = 250;
const COUNTERS = [3, 4, 5, 6]; // the demo hall's general counters…
const APPOINTMENT_COUNTERS = [1, 2]; // …and its appointment counters, switched to general for the day
const STEP_MS = 10_000;

/** One day of the demo hall decided by the engine: walk-ins arrive evenly, every free counter calls the next, serves 60–180 s. */
function busyDay(state: HallState, start: number): HallEvent[] {
  const produced: HallEvent[] = [];
  const step = (cmd: Command, at: number) => {
    const d = decide(state, cmd, at);
    if (!d.ok) return false;
    for (const e of d.events) {
      state = applyEvent(state, e);
      produced.push(e);
    }
    return true;
  };
  const counters = [...APPOINTMENT_COUNTERS, ...COUNTERS];
  for (const n of APPOINTMENT_COUNTERS) step({ type: 'set_counter_mode', counter: n, mode: 'general' }, start);
  // One staff member per counter (the engine refuses a second counter to the same person).
  for (const n of counters) step({ type: 'open_counter', counter: n, userId: 100 + n }, start);
  const busyUntil = new Map<number, number>();
  const spacing = (6 * 3_600_000) / TICKETS;
  let issued = 0;
  const endOfDay = start + 14 * 3_600_000;
  for (let t = start; t < endOfDay && (issued < TICKETS || Object.keys(state.waiting).length > 0); t += STEP_MS) {
    while (issued < TICKETS && start + issued * spacing <= t) step(walkin(issued++), t);
    for (const n of counters) {
      const c = state.counters[n]!;
      if (c.currentTicketId && (busyUntil.get(n) ?? 0) <= t) step({ type: 'finish', counter: n, outcome: 'served', note: null }, t);
      if (!state.counters[n]!.currentTicketId && step({ type: 'call_next', counter: n }, t)) {
        step({ type: 'start', counter: n }, t);
        busyUntil.set(n, t + 60_000 + ((issued * 7919) % 120_000));
      }
    }
  }
  const closed = Math.max(start + 7 * 3_600_000, produced.at(-1)!.at);
  for (const n of counters) step({ type: 'close_counter', counter: n }, closed);
  if (!produced.some((e) => e.type === 'ticket_finished')) throw new Error('reports: the busy day served nobody');
  // The midnight rollover's mark: the day is closed (so its fold may be kept).
  produced.push({ type: 'day_closed', at: closed + 1, day: state.day });
  return produced;
}

/** The `DAYS` working days (Sunday–Thursday) before `day`, newest first. */
function workingDaysBefore(day: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${day}T00:00:00Z`) - 86_400_000; days.length < DAYS; t -= 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (weekdayOf(d) <= 4) days.push(d);
  }
  return days;
}

/**
 * Writes a year of history into the hall's database: one busy day decided by the engine, copied to
 * the `DAYS` working days before it. Returns the days (newest first) and the day copied.
 */
export function writeYear(hall: BenchHall): { days: string[]; template: string } {
  const started = performance.now();
  const template = hall.hub.current.day;
  const produced = busyDay(structuredClone(hall.hub.current) as HallState, hall.clock.now());
  transaction(hall.db, () => {
    for (let i = 0; i < produced.length; i += 500) {
      hall.db.orm
        .insert(eventsTable)
        .values(produced.slice(i, i + 500).map((e) => ({ at: e.at, day: template, type: e.type, actor: 'bench', payload: e })))
        .run();
    }
  });
  // Copies of the day, every instant shifted (the event's own `at`, a ticket's issue time).
  const copy = hall.db.sqlite.prepare(
    `INSERT INTO events (at, day, type, actor, payload)
     SELECT at + @shift, @day, type, actor,
            CASE WHEN type = 'ticket_issued'
              THEN json_set(payload, '$.at', json_extract(payload, '$.at') + @shift,
                            '$.ticket.issuedAt', json_extract(payload, '$.ticket.issuedAt') + @shift, '$.ticket.day', @day)
              ELSE json_set(payload, '$.at', json_extract(payload, '$.at') + @shift) END
     FROM events WHERE day = @template ORDER BY seq`,
  );
  const days = workingDaysBefore(template);
  transaction(hall.db, () => {
    for (const day of [...days].reverse()) copy.run({ day, template, shift: Date.parse(`${day}T00:00:00Z`) - Date.parse(`${template}T00:00:00Z`) });
  });
  const total = repo.lastSeq(hall.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`a year of history — ${days.length + 1} days × ${TICKETS} tickets, ${total.toLocaleString('en-US')} events — written in ${seconds} s`);
  return { days, template };
}

export async function benchReports(): Promise<Result[]> {
  const hall = await startHall('reports');
  try {
    const { days } = writeYear(hall);

    // A calendar month in the middle of the year.
    const month = days[Math.floor(days.length / 2)]!.slice(0, 7);
    const from = `${month}-01`;
    const to = days.filter((d) => d.startsWith(month))[0]!;
    const query = { from, to };
    const rows = repo.countEventsOfDays(hall.db, from, to, REPORT_EVENT_TYPES);
    // The first report folds the month's closed days from their events and stores their facts…
    let t = performance.now();
    buildReport(hall.db, query);
    const first = performance.now() - t;
    // …every later one reads the stored facts (and folds only an open day).
    const report: number[] = [];
    const floor: number[] = [];
    for (let r = 0; r < 5; r++) {
      t = performance.now();
      repo.countEventsOfDays(hall.db, from, to, REPORT_EVENT_TYPES);
      floor.push(performance.now() - t);
      t = performance.now();
      const built = buildReport(hall.db, query);
      report.push(performance.now() - t);
      if (built.days === 0 || built.wait.all.count === 0) throw new Error('reports: the month came back empty');
    }
    const value = median(report);
    const base = median(floor);
    const read = rows.toLocaleString('en-US');
    const times = `first report ${first.toFixed(0)} ms, then ${value.toFixed(0)} ms (target ≤ 300)`;
    log(`reports: ${month} (${from}…${to}): ${read} events; ${times}; bare scan ${base.toFixed(0)} ms`);
    return [
      { name: 'month_report_first_ms', value: first, unit: 'ms', floor: base, ratio: first / base, floorIs: 'bare scan ms', ratioIs: 'report / scan' },
      { name: 'month_report_ms', value, unit: 'ms', floor: base, ratio: value / base, floorIs: 'bare scan ms', ratioIs: 'report / scan' },
    ];
  } finally {
    hall.close();
  }
}
