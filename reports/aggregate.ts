// Adds up the days' facts (facts.ts) into the report (protocol/reports.ts) for a query's filters.
// Pure: the same facts and query give the same report.
import type { Service, Settings } from '../protocol/domain.ts';
import type { Kpis, Report, ReportQuery } from '../protocol/reports.ts';
import { localDay, localInstant, localTime, weekdayOf } from '../engine/time.ts';
import type { CounterTime, DayFacts, Segment, TicketFact } from './facts.ts';
import { minuteStats, minutesOf, quantile, round1, share } from './stats.ts';

/** An appointment booked for a day of the range, as the appointments table keeps it. */
export interface AppointmentFact {
  id: string;
  serviceId: string;
  day: string;
  slotStart: number;
  status: string;
  createdAt: number;
}

export interface ReportInput {
  query: ReportQuery;
  days: DayFacts[];
  appointments: AppointmentFact[];
  settings: Settings;
  services: Service[];
  userNames: ReadonlyMap<number, string>;
}

const SLOT_MS = 15 * 60_000;
const SLOTS_PER_DAY = 96;

const waitMin = (t: TicketFact) => (t.firstCalledAt === null ? null : minutesOf(t.firstCalledAt - t.issuedAt));
const segmentMs = (s: Segment) => s.endedAt - (s.startedAt ?? s.calledAt);
/** Start to finish, its segments at every counter added up (a transfer's part included). */
const serviceMin = (t: TicketFact) => minutesOf(t.segments.filter((s) => s.end === 'finish' || s.end === 'transfer').reduce((sum, s) => sum + segmentMs(s), 0));

function ticketFilter(q: ReportQuery): (t: TicketFact) => boolean {
  return (t) =>
    (q.serviceId === undefined || t.serviceId === q.serviceId) &&
    (q.kind === undefined || t.kind === q.kind) &&
    (q.counter === undefined || t.segments.some((s) => s.counter === q.counter)) &&
    (q.userId === undefined || t.segments.some((s) => s.userId === q.userId));
}

/** How many waited at once through one day: the most per 15-minute slot, what each slot hands on, and the day's peak. */
interface DayCrowd {
  arrivals: number[];
  most: number[];
  backlog: number[];
  peak: { count: number; at: number };
}

function crowdOf(day: string, tickets: readonly TicketFact[], timeZone: string): DayCrowd {
  const start = localInstant(day, '00:00', timeZone);
  const slot = (at: number) => Math.min(SLOTS_PER_DAY - 1, Math.max(0, Math.floor((at - start) / SLOT_MS)));
  const arrivals = new Array<number>(SLOTS_PER_DAY).fill(0);
  const most = new Array<number>(SLOTS_PER_DAY).fill(0);
  const backlog = new Array<number>(SLOTS_PER_DAY).fill(0);
  const changes: [number, number][] = [];
  for (const t of tickets) {
    arrivals[slot(t.issuedAt)]!++;
    for (let i = 0; i < t.waits.length; i += 2) {
      if (t.waits[i + 1]! <= t.waits[i]!) continue;
      changes.push([t.waits[i]!, 1], [t.waits[i + 1]!, -1]);
    }
  }
  // Leaving before arriving at the same instant: a call and an arrival at once do not make a peak.
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let waiting = 0;
  let s = 0;
  const peak = { count: 0, at: start };
  for (const [at, d] of changes) {
    const k = slot(at);
    for (; s < k; s++) backlog[s] = waiting;
    waiting += d;
    if (waiting > most[k]!) most[k] = waiting;
    if (waiting > peak.count) Object.assign(peak, { count: waiting, at });
  }
  for (; s < SLOTS_PER_DAY; s++) backlog[s] = waiting;
  // A slot nobody entered or left in still had its carried-in crowd.
  for (let k = 1; k < SLOTS_PER_DAY; k++) most[k] = Math.max(most[k]!, backlog[k - 1]!);
  return { arrivals, most, backlog, peak };
}

const hhmm = (slot: number) => `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;

interface Part {
  tickets: TicketFact[];
  peak: number;
  appointments: AppointmentFact[] | null;
}

function kpis(part: Part, targetOf: (serviceId: string) => number): Kpis {
  const waits: number[] = [];
  let within = 0;
  let overHour = 0;
  const errors: number[] = [];
  const services: number[] = [];
  let served = 0;
  for (const t of part.tickets) {
    const w = waitMin(t);
    if (t.finished) {
      served++;
      services.push(serviceMin(t));
    }
    if (w === null) continue;
    waits.push(w);
    if (w <= targetOf(t.serviceId)) within++;
    if (w > 60) overHour++;
    if (t.estimate !== null) errors.push(Math.abs(w - t.estimate));
  }
  const daysWith = new Set(part.tickets.map((t) => t.day)).size;
  const wait = minuteStats(waits);
  const due = part.appointments?.filter((a) => a.status === 'checked_in' || a.status === 'late_converted' || a.status === 'no_show') ?? null;
  return {
    days: daysWith,
    tickets: part.tickets.length,
    ticketsPerDay: daysWith === 0 ? null : round1(part.tickets.length / daysWith),
    served,
    medianWait: wait.median,
    p90Wait: wait.p90,
    serviceLevel: share(within, waits.length),
    overHour: share(overHour, waits.length),
    medianServiceTime: minuteStats(services).median,
    peakWaiting: part.peak,
    noShowRate: due === null ? null : share(due.filter((a) => a.status === 'no_show').length, due.length),
    estimateError: minuteStats(errors).mean,
  };
}

type CounterRow = Report['counters'][number];
type CounterCounts = Omit<CounterRow, 'counter'>;

function emptyCounts(): CounterCounts & { serviceMs: number; segments: number } {
  return {
    served: 0,
    calls: 0,
    avgServiceMin: null,
    openMin: 0,
    servingMin: 0,
    pausedMin: 0,
    idleMin: 0,
    recalls: 0,
    transfers: 0,
    noShows: 0,
    outcomes: {},
    serviceMs: 0,
    segments: 0,
  };
}

/** Counter and staff rows: time from the counters' own record, counts from the filtered tickets' segments. */
function counterRows<K>(times: readonly CounterTime[], tickets: readonly TicketFact[], keyOf: (counter: number, userId: number | null) => K | null) {
  const rows = new Map<K, ReturnType<typeof emptyCounts>>();
  const row = (k: K) => rows.get(k) ?? rows.set(k, emptyCounts()).get(k)!;
  for (const t of times) {
    const k = keyOf(t.counter, t.userId);
    if (k === null) continue;
    const r = row(k);
    r.openMin += minutesOf(t.openMs);
    r.pausedMin += minutesOf(t.pausedMs);
    r.servingMin += minutesOf(t.servingMs);
  }
  for (const t of tickets) {
    for (const s of t.segments) {
      const k = keyOf(s.counter, s.userId);
      if (k === null) continue;
      const r = row(k);
      r.calls++;
      r.recalls += s.recalls;
      if (s.end === 'finish') {
        r.served++;
        if (s.outcome) r.outcomes[s.outcome] = (r.outcomes[s.outcome] ?? 0) + 1;
      }
      if (s.end === 'transfer') r.transfers++;
      if (s.end === 'no_show') r.noShows++;
      if (s.end === 'finish' || s.end === 'transfer') {
        r.serviceMs += segmentMs(s);
        r.segments++;
      }
    }
  }
  return [...rows].map(([k, { serviceMs, segments, ...r }]) => ({
    key: k,
    counts: {
      ...r,
      avgServiceMin: segments === 0 ? null : round1(minutesOf(serviceMs / segments)),
      openMin: round1(r.openMin),
      pausedMin: round1(r.pausedMin),
      servingMin: round1(r.servingMin),
      idleMin: round1(Math.max(0, r.openMin - r.servingMin - r.pausedMin)),
    },
  }));
}

/** Calendar days from one local date to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const LEAD_BUCKETS: readonly [string, number][] = [
  ['0', 0],
  ['1', 1],
  ['2-3', 3],
  ['4-7', 7],
  ['8-14', 14],
  ['15-30', 30],
  ['31+', Number.POSITIVE_INFINITY],
];

function appointmentsBlock(list: readonly AppointmentFact[], checkIns: ReadonlyMap<string, number>, tickets: readonly TicketFact[], timeZone: string) {
  const count = (status: string) => list.filter((a) => a.status === status).length;
  const kept = count('checked_in');
  const lateConverted = count('late_converted');
  const noShow = count('no_show');
  const cancelled = count('cancelled');
  const due = kept + lateConverted + noShow;
  const lateness: number[] = [];
  for (const a of list) {
    const at = checkIns.get(a.id);
    if (at !== undefined) lateness.push(minutesOf(at - a.slotStart));
  }
  // Every zone's offset is a whole number of quarter hours: one local date per UTC quarter hour (TZDate is slow).
  const dayOf = new Map<number, string>();
  const bookedOn = (ms: number) => {
    const q = Math.floor(ms / 900_000);
    return dayOf.get(q) ?? dayOf.set(q, localDay(ms, timeZone)).get(q)!;
  };
  const leads = list.map((a) => Math.max(0, daysBetween(bookedOn(a.createdAt), a.day)));
  const punctuality = tickets
    .filter((t) => t.kind === 'appointment' && t.slotStart !== null && t.firstCalledAt !== null)
    .map((t) => minutesOf(t.firstCalledAt! - t.slotStart!));
  let previous = -1;
  const buckets = LEAD_BUCKETS.map(([label, upTo]) => {
    const n = leads.filter((d) => d > previous && d <= upTo).length;
    previous = upTo;
    return { label, count: n };
  });
  return {
    booked: list.length,
    kept,
    lateConverted,
    noShow,
    cancelled,
    keptRate: share(kept + lateConverted, due),
    noShowRate: share(noShow, due),
    cancelRate: share(cancelled, list.length),
    lateness: minuteStats(lateness),
    leadDays: {
      median: quantile(
        [...leads].sort((a, b) => a - b),
        0.5,
      ),
      buckets,
    },
    punctuality: minuteStats(punctuality),
  };
}

export function aggregate(input: ReportInput): Omit<Report, 'tookMs' | 'satisfaction'> {
  const { query: q, settings } = input;
  const tz = settings.timeZone;
  const level = settings.serviceLevel;
  const targetOf = (serviceId: string) => level.perService[serviceId] ?? level.targetMinutes;
  const keep = ticketFilter(q);
  const days = input.days.map((d) => ({ facts: d, tickets: d.tickets.filter(keep) }));
  const active = days.filter((d) => d.tickets.length > 0);
  const all = active.flatMap((d) => d.tickets);

  // Crowding: the filtered tickets, and each kind alone (the pilot's peaks).
  const crowds = active.map((d) => ({ day: d.facts.day, crowd: crowdOf(d.facts.day, d.tickets, tz) }));
  const peakOf = (tickets: TicketFact[], day: string) => crowdOf(day, tickets, tz).peak.count;
  const kindPeak = (kind: string) =>
    Math.max(
      0,
      ...active.map((d) =>
        peakOf(
          d.tickets.filter((t) => t.kind === kind),
          d.facts.day,
        ),
      ),
    );
  const n = Math.max(1, active.length);
  const used = crowds.length === 0 ? [] : [...Array(SLOTS_PER_DAY).keys()].filter((k) => crowds.some(({ crowd: c }) => c.arrivals[k]! > 0 || c.most[k]! > 0));
  const firstSlot = used[0] ?? 0;
  const lastSlot = used.at(-1) ?? -1;
  const crowding = [];
  for (let k = firstSlot; k <= lastSlot; k++) {
    const sum = (f: (c: DayCrowd) => number) => crowds.reduce((s, { crowd }) => s + f(crowd), 0);
    crowding.push({
      time: hhmm(k),
      arrivals: round1(sum((c) => c.arrivals[k]!) / n),
      waiting: round1(sum((c) => c.most[k]!) / n),
      peak: Math.max(0, ...crowds.map(({ crowd }) => crowd.most[k]!)),
      backlog: round1(sum((c) => c.backlog[k]!) / n),
    });
  }
  const top = crowds.reduce<{ day: string; crowd: DayCrowd } | null>(
    (best, c) => (best === null || c.crowd.peak.count > best.crowd.peak.count ? c : best),
    null,
  );
  const peakWaiting = top && top.crowd.peak.count > 0 ? { count: top.crowd.peak.count, day: top.day, time: localTime(top.crowd.peak.at, tz) } : null;

  // Weekday × hour, per such day.
  const heat = new Map<string, { arrivals: number; waiting: number }>();
  const weekdayDays = new Map<number, number>();
  for (const { day, crowd } of crowds) {
    const wd = weekdayOf(day);
    weekdayDays.set(wd, (weekdayDays.get(wd) ?? 0) + 1);
    for (let h = 0; h < 24; h++) {
      const slots = [4 * h, 4 * h + 1, 4 * h + 2, 4 * h + 3];
      const cell = heat.get(`${wd}:${h}`) ?? { arrivals: 0, waiting: 0 };
      cell.arrivals += slots.reduce((s, k) => s + crowd.arrivals[k]!, 0);
      cell.waiting += Math.max(...slots.map((k) => crowd.most[k]!));
      heat.set(`${wd}:${h}`, cell);
    }
  }
  const firstHour = Math.floor(firstSlot / 4);
  const lastHour = Math.floor(lastSlot / 4);
  const heatmap = [];
  for (const [wd, count] of [...weekdayDays].sort((a, b) => a[0] - b[0])) {
    for (let h = firstHour; h <= lastHour; h++) {
      const cell = heat.get(`${wd}:${h}`)!;
      heatmap.push({ weekday: wd, hour: h, arrivals: round1(cell.arrivals / count), waiting: round1(cell.waiting / count) });
    }
  }

  // Waits, service times, service level.
  const byKind = <T>(f: (tickets: TicketFact[]) => T) => ({
    all: f(all),
    appointment: f(all.filter((t) => t.kind === 'appointment')),
    walkin: f(all.filter((t) => t.kind === 'walkin')),
  });
  const called = all.filter((t) => t.firstCalledAt !== null);
  const levelOf = (tickets: TicketFact[]) => {
    const c = tickets.filter((t) => t.firstCalledAt !== null);
    return {
      called: c.length,
      within: share(c.filter((t) => waitMin(t)! <= targetOf(t.serviceId)).length, c.length),
      overHour: share(c.filter((t) => waitMin(t)! > 60).length, c.length),
    };
  };
  const serviceIds = [...new Set(all.map((t) => t.serviceId))];
  const serviceOrder = new Map(input.services.map((s) => [s.id, s.sortOrder]));
  serviceIds.sort((a, b) => (serviceOrder.get(a) ?? 99) - (serviceOrder.get(b) ?? 99) || a.localeCompare(b));

  // Appointments booked for the range (the counter and staff filters do not apply to bookings).
  const appointments = input.appointments.filter(
    (a) => (q.serviceId === undefined || a.serviceId === q.serviceId) && q.kind !== 'walkin' && a.status !== 'booked',
  );
  const checkIns = new Map(input.days.flatMap((d) => [...d.checkIns]));
  const booking = appointmentsBlock(appointments, checkIns, called, tz);

  // Counters and staff.
  const times = input.days.flatMap((d) => d.counterTimes);
  const counters = counterRows(times, all, (c) => (q.counter === undefined || c === q.counter ? c : null))
    .map(({ key, counts }) => ({ counter: key, ...counts }))
    .sort((a, b) => a.counter - b.counter);
  const staff = counterRows(times, all, (c, u) =>
    u !== null && (q.userId === undefined || u === q.userId) && (q.counter === undefined || c === q.counter) ? u : null,
  )
    .map(({ key, counts }) => ({ userId: key, name: input.userNames.get(key) ?? `#${key}`, ...counts }))
    .sort((a, b) => a.name.localeCompare(b.name));

  // The pilot question.
  const part = (tickets: TicketFact[], appointments: AppointmentFact[] | null, peak: number): Part => ({ tickets, peak, appointments });
  const pivotPart = (before: boolean) => {
    const ds = active.filter((d) => d.facts.day < q.pivot! === before);
    const peak = Math.max(0, ...crowds.filter((c) => c.day < q.pivot! === before).map((c) => c.crowd.peak.count));
    return kpis(
      part(
        ds.flatMap((d) => d.tickets),
        appointments.filter((a) => a.day < q.pivot! === before),
        peak,
      ),
      targetOf,
    );
  };

  // What the kiosk promised against what came.
  const accuracy = (tickets: TicketFact[]) => {
    const errors = tickets.filter((t) => t.estimate !== null && t.firstCalledAt !== null).map((t) => waitMin(t)! - t.estimate!);
    return {
      count: errors.length,
      meanAbsError: minuteStats(errors.map(Math.abs)).mean,
      within5: share(errors.filter((e) => Math.abs(e) <= 5).length, errors.length),
      meanError: minuteStats(errors).mean,
    };
  };

  const names = new Map(input.services.map((s) => [s.id, s]));
  return {
    from: q.from,
    to: q.to,
    days: active.length,
    serviceLevel: {
      targetMinutes: level.targetMinutes,
      targetPercent: level.targetPercent,
      ...levelOf(all),
      perService: serviceIds.map((id) => ({ serviceId: id, targetMinutes: targetOf(id), ...levelOf(all.filter((t) => t.serviceId === id)) })),
    },
    wait: byKind((ts) => minuteStats(ts.map(waitMin).filter((w): w is number => w !== null))),
    serviceTime: byKind((ts) => minuteStats(ts.filter((t) => t.finished).map(serviceMin))),
    noShowRate: booking.noShowRate,
    peakWaiting,
    crowding,
    heatmap,
    appointments: booking,
    counters,
    staff,
    pilot: {
      pivot: q.pivot ?? null,
      appointment: kpis(
        part(
          all.filter((t) => t.kind === 'appointment'),
          appointments,
          kindPeak('appointment'),
        ),
        targetOf,
      ),
      walkin: kpis(
        part(
          all.filter((t) => t.kind === 'walkin'),
          null,
          kindPeak('walkin'),
        ),
        targetOf,
      ),
      before: q.pivot ? pivotPart(true) : null,
      after: q.pivot ? pivotPart(false) : null,
    },
    estimateAccuracy: {
      all: accuracy(all),
      perService: serviceIds.map((id) => ({ serviceId: id, ...accuracy(all.filter((t) => t.serviceId === id)) })),
    },
    daily: active.map((d, i) => {
      const k = kpis(part(d.tickets, null, crowds[i]!.crowd.peak.count), targetOf);
      return {
        day: d.facts.day,
        tickets: k.tickets,
        served: k.served,
        medianWait: k.medianWait,
        p90Wait: k.p90Wait,
        serviceLevel: k.serviceLevel,
        peakWaiting: k.peakWaiting,
      };
    }),
    services: serviceIds.map((id) => {
      const s = names.get(id);
      return { id, nameAr: s?.nameAr ?? id, nameEn: s?.nameEn ?? id, colour: s?.colour ?? '#1f6f8b' };
    }),
  };
}
