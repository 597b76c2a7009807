// The rollout switch (DESIGN.md: the pilot's two appointment counters, then all of them). A plan
// says from which day which counters take appointments, in which hours on which weekdays.
// - Confirming it writes the weekly appointment schedule in force from its day, by the
//   schedule-from-a-date rules of slots.ts: the schedule in force then, with the plan's weekdays
//   replaced by its hours and one seat per counter. The slot picker shows the new seats at once.
// - At opening time of its day (midnight when the hall is closed that weekday) the hub sets each
//   counter to its mode (`applyRollout`, from the hub's tick and at start), once.
// - The preview shows per day what the plan's schedule does to the seats, and which bookings it
//   has no seat for. A plan itself never moves or cancels a booking: the hall sees the list, and a
//   supervisor may then move each to the nearest free time, or cancel it when none is free within
//   the booking horizon (`reseatUnfit`), each citizen told by SMS.
import { cancelAppointment, rescheduleAppointment } from './appointments.ts';
import { audit } from './audit.ts';
import { transaction, type Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { localDay, localInstant, localTime, nextDay, weekdayOf } from '../engine/index.ts';
import { type Appointment, CounterSetup, type Service } from '../protocol/domain.ts';
import type { Hub } from './hub.ts';
import { closureOf, freeSlots, minutesOf, slotsOfDay, type DayClosure, type Slot } from './slots.ts';

const MINUTE = 60_000;
/** The actor of what the hub does by itself. */
const SYSTEM = 'system';

export type PlanFields = Pick<repo.RolloutPlanRow, 'fromDay' | 'counters' | 'weekdays' | 'startTime' | 'endTime'>;
type WeeklyPeriod = { weekday: number; startTime: string; endTime: string; counters: number };
type CapacityPeriod = Omit<WeeklyPeriod, 'weekday'>;

export const periodOf = ({ weekday, startTime, endTime, counters }: WeeklyPeriod): WeeklyPeriod => ({ weekday, startTime, endTime, counters });

/** The weekly schedule a plan puts in force from its day: the one in force that day, the plan's weekdays replaced by its hours, one seat per counter. */
export function planSchedule(db: Db, plan: PlanFields): WeeklyPeriod[] {
  const kept = repo
    .scheduleInForceOn(db, plan.fromDay)
    .filter((p) => !plan.weekdays.includes(p.weekday))
    .map(periodOf);
  const planned = plan.weekdays.map((weekday) => ({ weekday, startTime: plan.startTime, endTime: plan.endTime, counters: plan.counters.length }));
  return [...kept, ...planned].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
}

const ROLLED_BACK = Symbol('rolled back');

/**
 * What `read` returns once `change` is made, in a transaction that is then rolled back: the
 * preview reads the plan's schedule through the very rules the slot picker uses, storing nothing.
 * (better-sqlite3 is synchronous, so nothing else runs meanwhile.)
 */
function asIf<T>(db: Db, change: () => void, read: () => T): T {
  let value: T | undefined;
  try {
    transaction(db, () => {
      change();
      value = read();
      throw ROLLED_BACK;
    });
  } catch (err) {
    if (err !== ROLLED_BACK) throw err;
  }
  return value as T;
}

const overlaps = (a: { slotStart: number; slotEnd: number }, b: { slotStart: number; slotEnd: number }) => a.slotStart < b.slotEnd && a.slotEnd > b.slotStart;

/** The appointment periods of a day as the schedule in force has them: none on a holiday or closure. */
function periodsOn(db: Db, day: string, closed: DayClosure): CapacityPeriod[] {
  if (closed) return [];
  return repo.schedulePeriodsOn(db, day, weekdayOf(day)).map(({ startTime, endTime, counters }) => ({ startTime, endTime, counters }));
}

/** The seats all through [start, end) (minutes of the day): the fewest counters of the periods covering it; 0 if some moment is not covered. */
function seatsThrough(periods: CapacityPeriod[], start: number, end: number): number {
  let seats = Number.POSITIVE_INFINITY;
  let at = start;
  for (const p of [...periods].sort((a, b) => a.startTime.localeCompare(b.startTime))) {
    const [from, to] = [minutesOf(p.startTime), minutesOf(p.endTime)];
    if (to <= at) continue;
    if (from > at) return 0;
    seats = Math.min(seats, p.counters);
    at = to;
    if (at >= end) return seats;
  }
  return 0;
}

/**
 * The active bookings of a day (`bookings`, in slot order, then the order they were booked) that
 * the schedule in force has no seat for. Each booking takes a seat while fewer earlier ones overlap
 * it than the seats through its slot: the rule bookings are checked by (slots.ts), so the last
 * booked of a slot that lost seats are the ones left over.
 */
function unfitOn(db: Db, day: string, bookings: Appointment[], timeZone: string): Appointment[] {
  const periods = periodsOn(db, day, closureOf(db, day));
  const seated: Appointment[] = [];
  const unfit: Appointment[] = [];
  for (const a of bookings) {
    const start = minutesOf(localTime(a.slotStart, timeZone));
    const seats = seatsThrough(periods, start, start + (a.slotEnd - a.slotStart) / MINUTE);
    if (seated.filter((b) => overlaps(a, b)).length < seats) seated.push(a);
    else unfit.push(a);
  }
  return unfit;
}

const unfitEntry = (a: Appointment, timeZone: string) => ({
  reference: a.reference,
  serviceId: a.serviceId,
  day: a.day,
  time: localTime(a.slotStart, timeZone),
  slotStart: a.slotStart,
  slotEnd: a.slotEnd,
});

function unfitAppointmentsFrom(db: Db, fromDay: string, timeZone: string): Appointment[] {
  const active = repo.listActiveOverlapping(db, localInstant(fromDay, '00:00', timeZone), Number.MAX_SAFE_INTEGER);
  const onDay = (day: string) => active.filter((a) => a.day === day);
  const days = [...new Set(active.map((a) => a.day))];
  return days.flatMap((day) => unfitOn(db, day, onDay(day), timeZone));
}

/** The bookings from `fromDay` on that the schedule in force has no seat for (after a plan is cancelled). */
export function unfitFrom(db: Db, fromDay: string, timeZone: string) {
  return unfitAppointmentsFrom(db, fromDay, timeZone).map((a) => unfitEntry(a, timeZone));
}

/** What the hall can still change: the bookings from `fromDay` on without a seat, not checked in, whose slot has not started. */
function movableUnfit(hub: Hub, fromDay: string): Appointment[] {
  const now = hub.clock.now();
  return unfitAppointmentsFrom(hub.db, fromDay, hub.current.settings.timeZone).filter((a) => a.status === 'booked' && a.slotStart > now);
}

export const movableUnfitFrom = (hub: Hub, fromDay: string) => movableUnfit(hub, fromDay).map((a) => unfitEntry(a, hub.current.settings.timeZone));

/**
 * Where `a` may go, nearest first: its service's free slots of its own day after it (earliest first), then before it (latest
 * first), then of the next days up to the booking horizon; "free" as the slot picker counts it, `a`'s own seat not counted
 * against it. The move's guard checks each again inside its transaction.
 */
function nearestSlots(hub: Hub, a: Appointment, service: Service): { day: string; time: string }[] {
  const { settings, day: today } = hub.current;
  const days = freeSlots(hub.db, service, a.day, settings.bookingHorizonDays + 1, { settings, today, now: hub.clock.now() });
  const free = days.map((d) => ({ day: d.day, slots: d.slots.filter((s) => s.booked - (overlaps(a, s) ? 1 : 0) < s.capacity) }));
  const [own, ...later] = free[0]?.day === a.day ? free : [{ day: a.day, slots: [] }, ...free];
  const sameDay = [...own!.slots.filter((s) => s.slotStart > a.slotStart), ...own!.slots.filter((s) => s.slotStart < a.slotStart).reverse()];
  return [...sameDay.map((s) => ({ day: a.day, time: s.time })), ...later.flatMap((d) => d.slots.map((s) => ({ day: d.day, time: s.time })))];
}

/**
 * Moves `a`, as the hall, to the first of its nearest slots the move's guard accepts: that slot, `full` when every one was taken
 * (also meanwhile), or `refused` when the guard refused the booking itself (e.g. cancelled meanwhile): then it stays as it is.
 */
function moveToNearest(
  hub: Hub,
  a: Appointment,
  service: Service,
  actor: string,
  within: (slot: { day: string; time: string }) => () => void,
): { day: string; time: string } | 'full' | 'refused' {
  for (const slot of nearestSlots(hub, a, service)) {
    const d = rescheduleAppointment(hub, a, service, slot, actor, within(slot), 'counters');
    if (d.ok) return slot;
    if (d.error.code !== 'SLOT_FULL') return 'refused';
  }
  return 'full';
}

export interface Reseated {
  moved: { reference: string; serviceId: string; from: { day: string; time: string }; to: { day: string; time: string } }[];
  cancelled: ReturnType<typeof unfitEntry>[];
}

/**
 * Moves each booking the schedule in force has left without a seat from the plan's day on (`references`: only those) to its
 * nearest free slot, through the console's own move (server/appointments.ts: the same rules and capacity guard); cancels it, as
 * the hall, when no slot is free within the horizon. Each change goes with its audit entry (by `actor`, reason `rollout`) and one
 * SMS (`moved_by_hall` or `cancelled_by_hall`, with the appointment page link) in its own transaction. A booking that has its seat
 * again is not in the list, so a repeat changes nothing.
 */
export function reseatUnfit(hub: Hub, plan: Pick<repo.RolloutPlanRow, 'id' | 'fromDay'>, actor: string, references?: string[]): Reseated {
  const timeZone = hub.current.settings.timeZone;
  const out: Reseated = { moved: [], cancelled: [] };
  const auditOf = (kind: string, a: Appointment, after: object) => () =>
    audit({ db: hub.db, clock: hub.clock, actor }, kind, `appointment:${a.id}`, {
      before: { day: a.day, time: localTime(a.slotStart, timeZone) },
      after: { ...after, reason: 'rollout', rollout: plan.id },
    });
  for (const a of movableUnfit(hub, plan.fromDay)) {
    if (references && !references.includes(a.reference)) continue;
    const service = hub.current.services[a.serviceId];
    const from = { day: a.day, time: localTime(a.slotStart, timeZone) };
    // A service no longer booked offers no other slot.
    const moved = service?.bookable && service.active ? moveToNearest(hub, a, service, actor, (slot) => auditOf('appointment.move', a, slot)) : 'full';
    if (moved === 'refused') continue;
    if (moved !== 'full') {
      out.moved.push({ reference: a.reference, serviceId: a.serviceId, from, to: moved });
      continue;
    }
    const names = service ?? repo.listServices(hub.db).find((s) => s.id === a.serviceId) ?? { nameAr: a.serviceId, nameEn: a.serviceId };
    const d = cancelAppointment(hub, a, names, actor, { byHall: 'counters', within: auditOf('appointment.cancel', a, { status: 'cancelled' }) });
    if (d.ok) out.cancelled.push(unfitEntry(a, timeZone));
  }
  return out;
}

interface DayCapacity {
  closed: DayClosure;
  periods: CapacityPeriod[];
  /** The slots of each service, in the order of `services`. */
  slots: Slot[][];
}

function capacityOn(db: Db, day: string, services: Service[], timeZone: string): DayCapacity {
  const closed = closureOf(db, day);
  return { closed, periods: periodsOn(db, day, closed), slots: services.map((s) => slotsOfDay(db, day, s.slotMinutes, timeZone)) };
}

/**
 * Per day for `days` days from the plan's day: the appointment periods and each service's slots
 * before and after the plan, the bookings, and those the plan's schedule has no seat for.
 */
export function previewPlan(db: Db, plan: PlanFields, days: number, hall: { services: Service[]; timeZone: string }) {
  const { services, timeZone } = hall;
  const dates = [plan.fromDay];
  while (dates.length < days) dates.push(nextDay(dates.at(-1)!));
  const active = repo.listActiveOverlapping(db, localInstant(plan.fromDay, '00:00', timeZone), localInstant(nextDay(dates.at(-1)!), '00:00', timeZone));
  const bookingsOf = (day: string) => active.filter((a) => a.day === day);
  const before = dates.map((day) => capacityOn(db, day, services, timeZone));
  const after = asIf(
    db,
    () => repo.setScheduleFrom(db, plan.fromDay, planSchedule(db, plan)),
    () => dates.map((day) => ({ ...capacityOn(db, day, services, timeZone), unfit: unfitOn(db, day, bookingsOf(day), timeZone) })),
  );
  return {
    fromDay: plan.fromDay,
    days: dates.map((day, i) => {
      const [was, will, bookings] = [before[i]!, after[i]!, bookingsOf(day)];
      return {
        day,
        weekday: weekdayOf(day),
        closed: was.closed,
        periods: { before: was.periods, after: will.periods },
        bookings: bookings.length,
        services: services.map((service, j) => {
          const slots = compareSlots(was.slots[j]!, will.slots[j]!, bookings);
          return {
            serviceId: service.id,
            slotMinutes: service.slotMinutes,
            seats: { before: sum(slots.map((s) => s.before)), after: sum(slots.map((s) => s.after)) },
            bookings: bookings.filter((a) => a.serviceId === service.id).length,
            slots,
          };
        }),
        unfit: will.unfit.map((a) => unfitEntry(a, timeZone)),
      };
    }),
  };
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** A service's slots of a day under both schedules, by time (0 seats where one has no such slot), with the bookings overlapping each. */
function compareSlots(before: Slot[], after: Slot[], bookings: Appointment[]) {
  const byTime = new Map<string, Slot>();
  for (const s of [...before, ...after]) byTime.set(s.time, s);
  return [...byTime.values()]
    .sort((a, b) => a.slotStart - b.slotStart)
    .map((s) => ({
      time: s.time,
      before: before.find((b) => b.time === s.time)?.capacity ?? 0,
      after: after.find((a) => a.time === s.time)?.capacity ?? 0,
      booked: bookings.filter((a) => overlaps(a, s)).length,
    }));
}

/** The instant a plan's day opens: its opening time, or midnight when the hall is closed that weekday. */
function openingOf(db: Db, day: string, timeZone: string): number {
  const hours = repo.listOpeningHours(db).find((h) => h.weekday === weekdayOf(day));
  return localInstant(day, hours?.opens ?? '00:00', timeZone);
}

/** The confirmed plans whose day has opened by `now` (a hub started later that day, or days later, still finds them). */
export function dueRollouts(db: Db, now: number, timeZone: string): repo.RolloutPlanRow[] {
  const today = localDay(now, timeZone);
  return repo.listRolloutPlans(db, 'scheduled').filter((p) => p.fromDay < today || (p.fromDay === today && now >= openingOf(db, p.fromDay, timeZone)));
}

/**
 * Sets each counter of the plan to its mode through the engine (`save_counter`: the counter's
 * standing mode, live at once on an open counter and kept from day to day), each change audited as
 * the hub's own for the plan in its command's transaction; then marks the plan applied. A counter
 * already in its mode is left alone, so after a crash half-way the next run finishes the rest.
 */
export function applyRollout(hub: Hub, plan: repo.RolloutPlanRow): void {
  for (const { counter, mode } of plan.counters) {
    const live = hub.current.counters[counter];
    if (!live || live.mode === mode) continue; // counters are never deleted, only made inactive
    const was = live.mode;
    const d = hub.execute({ type: 'save_counter', counter: { ...CounterSetup.parse(live), mode }, create: false }, SYSTEM, {
      within: () =>
        audit({ db: hub.db, clock: hub.clock, actor: SYSTEM }, 'rollout.apply', `counter:${counter}`, {
          before: { mode: was },
          after: { mode, rollout: plan.id },
        }),
    });
    if (!d.ok) throw new Error(`rollout ${plan.id}: counter ${counter} refused its mode: ${d.error.code} ${d.error.message}`);
  }
  repo.updateRolloutPlan(hub.db, plan.id, { status: 'applied', appliedAt: hub.clock.now() });
}
