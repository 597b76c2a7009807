// The hall simulator's driver: the REAL hub (engine, database, jobs) on a manual clock, driven
// through whole days as a discrete-event simulation. Citizens book ahead through the booking
// code the console uses (capacity guard, outbox), come to the kiosk (walk-in or check-in by
// reference), counter staff open, call, serve, transfer, pause and close, and the hub's jobs
// (rollover at midnight, the no-show sweep, rollouts) run as the clock moves. Nothing here reads
// the real clock or Math.random: the seed and the scenario decide everything.
import pino, { type Logger } from 'pino';
import { openDatabase, type Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { seedDemo } from '../db/seed.ts';
import { localDay, localInstant, nextDay, pickNext, weekdayOf } from '../engine/index.ts';
import { DEFAULT_SETTINGS, type Ticket } from '../protocol/domain.ts';
import { bookAppointment, cancelAppointment } from '../server/appointments.ts';
import { ManualClock } from '../server/clock.ts';
import type { Executed } from '../server/hub.ts';
import { Hub } from '../server/hub.ts';
import { OutboxWorker } from '../server/outbox.ts';
import { closureOf, freeSlots } from '../server/slots.ts';
import { type Citizen, citizensOfDay } from './population.ts';
import { type Random, randomStream, STREAM } from './random.ts';
import { appointmentSeats, counterModeOf, type Scenario } from './scenario.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How often the hub's jobs run while the hall is open (the real hub: every 15 s; the sweep needs no finer grain). */
const JOB_EVERY_MS = 5 * MINUTE;
/** A called citizen who does not come is recalled after this long, and marked no-show as long again after the recall. */
const RECALL_AFTER_MS = 2 * MINUTE;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface SimulateOptions {
  /** An empty database to write (seeded like the demo first); an in-memory one by default. */
  db?: Db;
  /** The last simulated calendar day (hall time); by default yesterday by the real clock. */
  endDay?: string;
  /** Same seed, same scenario, same end day → the same events. */
  seed?: number;
  log?: Logger;
}

export interface SimulationResult {
  db: Db;
  /** First and last simulated calendar day. */
  from: string;
  to: string;
  /** The days the hall was open. */
  openDays: string[];
  citizens: number;
  bookings: number;
  tickets: number;
  events: number;
  wallMs: number;
}

/** Yesterday in the hall's default time zone by the real clock: the CLI's and the API's default end day (read once, outside the simulation). */
export function yesterday(timeZone = DEFAULT_SETTINGS.timeZone): string {
  const today = localDay(Date.now(), timeZone);
  return new Date(Date.parse(`${today}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}

/** The calendar day `n` days before `day`. */
export const dayBefore = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

/** A min-heap of timed actions; ties run in the order they were scheduled. */
class Agenda {
  private heap: { at: number; seq: number; run: () => void | Promise<void> }[] = [];
  private seq = 0;
  at(at: number, run: () => void | Promise<void>) {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop() {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.heap.length;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/** One counter's member of staff through one day. */
interface Desk {
  counter: number;
  userId: number;
  actor: string;
  state: 'closed' | 'idle' | 'busy' | 'paused' | 'done';
  breakStarts: number[];
}

/** The open days to simulate: the last `days` days on or before `endDay` with opening hours and no holiday or closure. */
function openDaysUntil(db: Db, endDay: string, days: number): string[] {
  const weekdays = new Set(repo.listOpeningHours(db).map((h) => h.weekday));
  if (weekdays.size === 0) throw new Error('the hall has no opening hours');
  const out: string[] = [];
  for (let day = endDay; out.length < days; day = dayBefore(day, 1)) {
    if (weekdays.has(weekdayOf(day)) && !closureOf(db, day)) out.unshift(day);
  }
  return out;
}

/** The hall as the scenario has it: its hours, one appointment seat per appointment counter from `fromDay`, staff for every counter. */
function prepareHall(db: Db, s: Scenario, fromDay: string): void {
  const weekdays = [...new Set(repo.listOpeningHours(db).map((h) => h.weekday))];
  repo.replaceOpeningHours(
    db,
    weekdays.map((weekday) => ({ weekday, opens: s.hours.opens, closes: s.hours.closes })),
  );
  repo.setScheduleFrom(
    db,
    fromDay,
    weekdays.map((weekday) => ({ weekday, startTime: s.appointmentHours.start, endTime: s.appointmentHours.end, counters: appointmentSeats(s) })),
  );
  const template = repo.findUserByUsername(db, 'counter1');
  if (!template) throw new Error('the hall has no counter1 account to model counter staff on');
  for (let n = 1; n <= s.counters; n++) {
    if (repo.findUserByUsername(db, `counter${n}`)) continue;
    // The demo's counter password (counter123), so every simulated member of staff can log in.
    repo.createUser(db, {
      username: `counter${n}`,
      displayName: `موظف الكاونتر ${n} / Counter clerk ${n}`,
      role: 'counter',
      passwordHash: template.passwordHash,
      demoPassword: true,
      createdAt: template.createdAt,
    });
  }
}

const actorOfUser = (db: Db, username: string) => {
  const u = repo.findUserByUsername(db, username);
  if (!u) throw new Error(`the hall has no ${username} account`);
  return { id: u.id, actor: `user:${u.id}:${u.username}` };
};

/**
 * Simulates `scenario.days` open days ending on `endDay` (the last calendar day simulated) into
 * `db`, which must be empty: it is seeded like the demo (logins, devices, kiosk PIN, and the demo's
 * bookings for the day after `endDay`, so a hub started then opens a normal demo day on top of
 * the history).
 */
export async function simulate(scenario: Scenario, opts: SimulateOptions = {}): Promise<SimulationResult> {
  const started = performance.now();
  const db = opts.db ?? openDatabase(':memory:');
  const seed = opts.seed ?? 1;
  const log = opts.log ?? pino({ level: 'silent' });
  // A simulation's database is rebuilt, never recovered: durability per commit buys nothing here.
  db.sqlite.pragma('synchronous = OFF');
  if (!repo.isEmpty(db)) throw new Error('simulate: the database is not empty');
  const timeZone = DEFAULT_SETTINGS.timeZone;
  const endDay = opts.endDay ?? yesterday(timeZone);
  const { demoDeviceIds } = await seedDemo(db, localInstant(nextDay(endDay), '06:00', timeZone), { timeZone });
  repo.saveDemoDevices(db, demoDeviceIds);

  const openDays = openDaysUntil(db, endDay, scenario.days);
  const firstDay = openDays[0]!;
  prepareHall(db, scenario, firstDay);
  const simStart = localInstant(firstDay, '00:00', timeZone);
  const simEnd = localInstant(nextDay(endDay), '00:00', timeZone) - 1;
  const clock = new ManualClock(simStart);
  const hub = new Hub(db, clock, log);
  // The simulated gateway sends whenever the run delivers (quiet hours are for real phones, and the run may deliver only at night).
  const noQuietHours = { from: '00:00', to: '00:00' };
  const outbox = new OutboxWorker(db, clock, { name: 'simulated', send: async () => {} }, log, () => ({ ...hub.current.settings, quietHours: noQuietHours }));
  const supervisor = actorOfUser(db, 'supervisor').actor;
  const agent = actorOfUser(db, 'agent').actor;
  const kiosk = `device:${demoDeviceIds.kiosk}:kiosk`;
  const ids = randomStream(seed, STREAM.ids);
  const token = () => Array.from({ length: 24 }, () => TOKEN_ALPHABET[Math.floor(ids.next() * 64)]).join('');
  const must = (d: Executed, what: string) => {
    if (!d.ok) throw new Error(`simulation: ${what} refused: ${d.error.code} ${d.error.message}`);
    return d;
  };

  setUpCounters();
  const agenda = new Agenda();
  const byTicket = new Map<string, Citizen>();
  let citizens = 0;
  let bookings = 0;

  // The hub's jobs: at every midnight (rollover) and every few minutes while the hall is open.
  for (let day = firstDay; day <= endDay; day = nextDay(day)) {
    agenda.at(localInstant(day, '00:00', timeZone) + 1000, async () => {
      hub.tick();
      while ((await outbox.deliverDue()) > 0);
    });
  }
  openDays.forEach((day, i) => planDay(day, i));

  while (agenda.size > 0) {
    const next = agenda.pop()!;
    if (next.at > simEnd) break;
    clock.set(Math.max(clock.now(), next.at));
    await next.run();
  }
  clock.set(simEnd);
  hub.tick();
  while ((await outbox.deliverDue()) > 0);

  const tickets = db.sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number };
  return {
    db,
    from: firstDay,
    to: endDay,
    openDays,
    citizens,
    bookings,
    tickets: tickets.n,
    events: repo.lastSeq(db),
    wallMs: Math.round(performance.now() - started),
  };

  /** Counters 1…n in the scenario's modes (added where missing), the rest out of use: the supervisor's set-up, through the engine. */
  function setUpCounters() {
    const live = hub.current.counters;
    const wanted = Math.max(scenario.counters, ...Object.keys(live).map(Number));
    for (let n = 1; n <= wanted; n++) {
      const mode = counterModeOf(scenario, n);
      const active = n <= scenario.counters;
      const c = live[n];
      if (c && c.mode === mode && c.active === active) continue;
      const setup = { number: n, nameAr: c?.nameAr ?? '', nameEn: c?.nameEn ?? '', serviceIds: c?.serviceIds ?? [], mode, active };
      must(hub.execute({ type: 'save_counter', counter: setup, create: !c }, supervisor), `counter ${n} set-up`);
    }
  }

  function planDay(day: string, dayIndex: number) {
    const at = (time: string) => localInstant(day, time, timeZone);
    const [opens, closes] = [at(scenario.hours.opens), at(scenario.hours.closes)];
    const endOfService = closes + scenario.overtimeMin * MINUTE;
    const durations = Object.fromEntries(Object.values(hub.current.services).map((s) => [s.id, s.defaultDurationMin]));
    const people = citizensOfDay(scenario, seed, dayIndex, day, timeZone, durations);
    citizens += people.length;
    for (const c of people) {
      if (c.booker) agenda.at(bookingTime(c, day), () => book(c, day, opens, closes));
      else agenda.at(c.wantsAt, () => walkIn(c));
    }
    for (let t = opens - 30 * MINUTE; t <= endOfService + 30 * MINUTE; t += JOB_EVERY_MS) agenda.at(t, () => hub.tick());

    const desks: Desk[] = [];
    for (let n = 1; n <= scenario.counters; n++) {
      const staff = randomStream(seed, STREAM.staff, dayIndex, n);
      const user = actorOfUser(db, `counter${n}`);
      const lateMin = staff.exponential(scenario.counterOpensLateMeanMin);
      const breakStarts = breakTimes(staff, at(scenario.breaks.from), at(scenario.breaks.to));
      const desk: Desk = { counter: n, userId: user.id, actor: user.actor, state: 'closed', breakStarts };
      desks.push(desk);
      agenda.at(opens + Math.round(lateMin * MINUTE), () => openDesk(desk));
    }
    // Idle counters look again every minute (a booked slot falls due, the walk-in guard ends) and at every arrival.
    for (let t = opens; t < endOfService; t += MINUTE) agenda.at(t, () => wake());
    agenda.at(endOfService, () => {
      for (const d of desks) if (d.state === 'idle' || d.state === 'paused' || d.state === 'closed') closeDesk(d);
    });

    function breakTimes(staff: Random, from: number, to: number): number[] {
      return Array.from({ length: scenario.breaks.count }, () => Math.round(staff.between(from, to))).sort((a, b) => a - b);
    }

    function walkIn(c: Citizen) {
      const d = hub.execute({ type: 'issue_walkin', serviceId: c.serviceId, priority: c.priority, statusToken: token(), cpr: null }, kiosk);
      arrived(c, d);
    }

    function arrived(c: Citizen, d: Executed) {
      if (!d.ok || !d.ticketId) return; // e.g. the day was ended: the citizen goes home
      byTicket.set(d.ticketId, c);
      wake();
    }

    function checkIn(c: Citizen, reference: string) {
      const d = hub.execute({ type: 'check_in', by: { reference }, statusToken: token() }, kiosk);
      if (d.ok && d.checkIn?.outcome === 'too_early') agenda.at(d.checkIn.comeBackAt, () => checkIn(c, reference));
      else arrived(c, d);
    }

    function book(c: Citizen, visitDay: string, hallOpens: number, hallCloses: number) {
      const service = hub.current.services[c.serviceId];
      const now = clock.now();
      const [free] = service ? freeSlots(db, service, visitDay, 1, { settings: hub.current.settings, today: hub.current.day, now }) : [];
      const open = (free?.slots ?? []).filter((s) => s.remaining > 0);
      // The free slot nearest the time they want; none: they come as a walk-in.
      const slot = open.reduce<(typeof open)[number] | null>(
        (best, s) => (!best || Math.abs(s.slotStart - c.wantsAt) < Math.abs(best.slotStart - c.wantsAt) ? s : best),
        null,
      );
      if (!service || !slot) return agenda.at(c.wantsAt, () => walkIn(c));
      const request = { serviceId: c.serviceId, day: visitDay, time: slot.time, cpr: c.cpr, phone: c.phone, nameAr: c.nameAr, nameEn: c.nameEn, notes: '' };
      const { decision, appointment } = bookAppointment(hub, service, request, agent, {
        ids: { id: () => `sim-${visitDay}-${c.n}`, random: ids.next, pageToken: () => `sim-page-${visitDay}-${c.n}` },
      });
      if (!decision.ok) return agenda.at(c.wantsAt, () => walkIn(c));
      bookings++;
      if (c.cancels) {
        agenda.at(now + Math.round(c.cancelPoint * (appointment.slotStart - now)), () => {
          const a = repo.getAppointment(db, appointment.id);
          if (a?.status === 'booked') cancelAppointment(hub, a, service, agent);
        });
      } else if (!c.noShow) {
        const comes = Math.min(hallCloses - MINUTE, Math.max(hallOpens, appointment.slotStart + Math.round(c.latenessMin * MINUTE)));
        agenda.at(comes, () => checkIn(c, appointment.reference));
      }
    }

    function openDesk(desk: Desk) {
      if (clock.now() >= endOfService) return;
      must(hub.execute({ type: 'open_counter', counter: desk.counter, userId: desk.userId }, desk.actor), `counter ${desk.counter} opening`);
      desk.state = 'idle';
      next(desk);
    }

    /** A free member of staff: a due break, else the next citizen, else closing time, else waiting. */
    function next(desk: Desk) {
      const now = clock.now();
      if (now >= endOfService) return closeDesk(desk);
      if (desk.breakStarts.length > 0 && desk.breakStarts[0]! <= now) {
        desk.breakStarts.shift();
        must(hub.execute({ type: 'pause', counter: desk.counter, reason: 'break' }, desk.actor), `counter ${desk.counter} break`);
        desk.state = 'paused';
        agenda.at(now + scenario.breaks.minutes * MINUTE, () => {
          if (desk.state !== 'paused') return;
          must(hub.execute({ type: 'resume', counter: desk.counter }, desk.actor), `counter ${desk.counter} resume`);
          desk.state = 'idle';
          next(desk);
        });
        return;
      }
      if (!pickNext(hub.current, desk.counter, now)) {
        desk.state = 'idle';
        if (now >= closes) closeDesk(desk);
        return;
      }
      const d = must(hub.execute({ type: 'call_next', counter: desk.counter }, desk.actor), `counter ${desk.counter} call`);
      desk.state = 'busy';
      called(desk, hub.current.tickets[d.ticketId!]!);
    }

    /** The called citizen comes (perhaps after a recall) or not; then the service, and a finish or a transfer. */
    function called(desk: Desk, t: Ticket) {
      const c = byTicket.get(t.id);
      if (!c) throw new Error(`simulation: ticket ${t.id} has no citizen`);
      const holds = () => hub.current.counters[desk.counter]?.currentTicketId === t.id;
      const then = (ms: number, step: () => void) =>
        agenda.at(clock.now() + ms, () => {
          if (holds()) step();
          else free(desk);
        });
      const act = (d: Executed, what: string) => {
        must(d, `counter ${desk.counter} ${what}`);
      };
      const serve = () => {
        act(hub.execute({ type: 'start', counter: desk.counter }, desk.actor), 'start');
        const segment = t.transfers > 0 ? 1 : 0;
        then(Math.round(c.serviceMin[segment] * MINUTE), () => {
          if (c.transferTo && segment === 0) {
            act(hub.execute({ type: 'transfer', counter: desk.counter, toServiceId: c.transferTo, toCounter: null }, desk.actor), 'transfer');
          } else {
            act(hub.execute({ type: 'finish', counter: desk.counter, outcome: c.outcome, note: null }, desk.actor), 'finish');
          }
          free(desk);
        });
      };
      const firstCall = t.recalls === 0 && t.transfers === 0;
      if (c.answer === 'comes' || !firstCall) return then(Math.round(c.walkMin * MINUTE), serve);
      then(RECALL_AFTER_MS, () => {
        act(hub.execute({ type: 'recall', counter: desk.counter }, desk.actor), 'recall');
        if (c.answer === 'after_recall') return then(Math.round(c.walkMin * MINUTE), serve);
        then(RECALL_AFTER_MS, () => {
          act(hub.execute({ type: 'no_show', counter: desk.counter }, desk.actor), 'no-show');
          free(desk);
        });
      });
    }

    function wake() {
      for (const d of desks) if (d.state === 'idle') next(d);
    }

    /** Closes a counter; when the last one closes with citizens still in the hall, the supervisor ends the day (their tickets are cancelled). */
    function closeDesk(desk: Desk) {
      if (desk.state === 'busy' || desk.state === 'done') return;
      if (desk.state !== 'closed') must(hub.execute({ type: 'close_counter', counter: desk.counter }, desk.actor), `counter ${desk.counter} closing`);
      desk.state = 'done';
      if (desks.every((d) => d.state === 'done')) {
        const s = hub.current;
        const left = Object.values(s.tickets).some((t) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving');
        if (left && s.endedAt === null) must(hub.execute({ type: 'end_day' }, supervisor), 'end of day');
      }
    }

    function free(desk: Desk) {
      desk.state = 'idle';
      next(desk);
    }
  }

  /** When a booker calls the call centre: `leadDays` before the visit, between 08:00 and 20:00 (not before the simulation starts). */
  function bookingTime(c: Citizen, day: string): number {
    const lead = Math.min(c.leadDays, hub.current.settings.bookingHorizonDays);
    const at = localInstant(dayBefore(day, lead), '08:00', timeZone) + Math.round(c.bookingTimeOfDay * 12 * 60) * MINUTE;
    return Math.max(simStart + 2000, at);
  }
}
