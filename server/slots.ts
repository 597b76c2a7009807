// Appointment slots: where they lie, how many seats they have, and whether one can be booked.
//
// The rules (also in the README):
// - The weekly schedule in force on a day is the set of `appointment_schedule` rows with the latest
//   `validFrom` ≤ that day. Each row is a period of one weekday (start–end) with the number of
//   counters taking appointments then: that number is the capacity of a slot in the period.
// - A holiday or a one-off closure (`holidays`, `closure` flag) closes the whole day: capacity 0.
// - Slots of a service lie on its grid: from the period's start every `slotMinutes`, and a slot must
//   end by the period's end. A booking must start exactly on that grid.
// - Seats are shared across services by time: a slot [start, end) has room when fewer active
//   bookings (booked or checked in) of any service overlap [start, end) than its capacity. This is
//   conservative (two short bookings one after the other inside a longer slot both count) and
//   never overfills a counter.
// - A citizen books no later than today + `bookingHorizonDays`, never a slot that has started,
//   and holds at most one active appointment per service.
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Appointment, Service, Settings } from '../protocol/domain.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import { localInstant, weekdayOf, type EngineError } from '../engine/index.ts';

const MINUTE = 60_000;

export interface Slot {
  time: string;
  slotStart: number;
  slotEnd: number;
  capacity: number;
}

export type DayClosure = { kind: 'holiday' | 'closure'; nameAr: string; nameEn: string } | null;

export function closureOf(db: Db, day: string): DayClosure {
  const h = repo.getHoliday(db, day);
  return h ? { kind: h.closure ? 'closure' : 'holiday', nameAr: h.nameAr, nameEn: h.nameEn } : null;
}

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The slots of a service on a day (ignoring bookings): none on a holiday or closure. */
export function slotsOfDay(db: Db, day: string, slotMinutes: number, timeZone: string): Slot[] {
  if (closureOf(db, day)) return [];
  const slots: Slot[] = [];
  for (const p of repo.schedulePeriodsOn(db, day, weekdayOf(day))) {
    if (p.counters <= 0) continue;
    const end = minutesOf(p.endTime);
    for (let m = minutesOf(p.startTime); m + slotMinutes <= end; m += slotMinutes) {
      const time = timeOf(m);
      const slotStart = localInstant(day, time, timeZone);
      slots.push({ time, slotStart, slotEnd: slotStart + slotMinutes * MINUTE, capacity: p.counters });
    }
  }
  return slots;
}

/** The last day a citizen may book today: today + bookingHorizonDays. */
export function lastBookableDay(today: string, settings: Settings): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + settings.bookingHorizonDays);
  return d.toISOString().slice(0, 10);
}

export const refuse = (code: ErrorCode, message: string): EngineError => ({ code, message });

/**
 * Why `a` (a new booking, or an existing one moved to a new slot) cannot be booked, or null.
 * Runs inside the hub's transaction (as its guard), so its counts cannot race another booking.
 */
export function checkBooking(
  db: Db,
  a: Appointment,
  time: string,
  ctx: { service: Service; settings: Settings; today: string; now: number },
): EngineError | null {
  const { service, settings, today, now } = ctx;
  if (a.day < today || a.slotStart <= now) return refuse('SLOT_IN_PAST', 'That slot has already started; choose a later one.');
  const last = lastBookableDay(today, settings);
  if (a.day > last) return refuse('BEYOND_HORIZON', `Appointments can be booked up to ${settings.bookingHorizonDays} days ahead (until ${last}).`);
  const closed = closureOf(db, a.day);
  if (closed) return refuse('SLOT_CLOSED', `The hall is closed on ${a.day} (${closed.nameEn}).`);
  const slots = slotsOfDay(db, a.day, service.slotMinutes, settings.timeZone);
  if (slots.length === 0) return refuse('SLOT_CLOSED', `No appointments are taken on ${a.day}.`);
  const slot = slots.find((s) => s.slotStart === a.slotStart);
  if (!slot) {
    const inPeriod = repo.schedulePeriodsOn(db, a.day, weekdayOf(a.day)).some((p) => p.counters > 0 && p.startTime <= time && time < p.endTime);
    if (!inPeriod) return refuse('SLOT_CLOSED', `No appointments are taken on ${a.day} at ${time}.`);
    return refuse('NOT_ON_GRID', `${service.nameEn} is booked in ${service.slotMinutes}-minute slots; ${time} is not the start of one.`);
  }
  if (repo.countOverlapping(db, slot.slotStart, slot.slotEnd, a.id) >= slot.capacity) {
    return refuse('SLOT_FULL', 'This slot is fully booked; choose another.');
  }
  const existing = repo.activeAppointmentOf(db, a.cpr, a.serviceId, today);
  if (existing && existing.id !== a.id) {
    return refuse('ALREADY_BOOKED', `This citizen already has an appointment for this service (${existing.reference}).`);
  }
  return null;
}

export interface DayOfSlots {
  day: string;
  /** Why nothing can be booked that day, if so. */
  closed: 'holiday' | 'closure' | 'no_schedule' | null;
  closedName: { ar: string; en: string } | null;
  /** Seats still free over the day's future slots. */
  free: number;
  slots: (Slot & { booked: number; remaining: number })[];
}

/** The slot picker: `days` days from `from` (clipped to the horizon), future slots with their remaining seats. */
export function freeSlots(db: Db, service: Service, from: string, days: number, ctx: { settings: Settings; today: string; now: number }): DayOfSlots[] {
  const last = lastBookableDay(ctx.today, ctx.settings);
  const out: DayOfSlots[] = [];
  const d = new Date(`${from < ctx.today ? ctx.today : from}T00:00:00Z`);
  for (let i = 0; i < days; i++, d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (day > last) break;
    const closed = closureOf(db, day);
    const all = slotsOfDay(db, day, service.slotMinutes, ctx.settings.timeZone);
    const future = all.filter((s) => s.slotStart > ctx.now);
    const taken = future.length ? repo.listActiveOverlapping(db, future[0]!.slotStart, future.at(-1)!.slotEnd) : [];
    const slots = future.map((s) => {
      const booked = taken.filter((a) => a.slotStart < s.slotEnd && a.slotEnd > s.slotStart).length;
      return { ...s, booked, remaining: Math.max(0, s.capacity - booked) };
    });
    out.push({
      day,
      closed: closed ? closed.kind : all.length === 0 ? 'no_schedule' : null,
      closedName: closed ? { ar: closed.nameAr, en: closed.nameEn } : null,
      free: slots.reduce((n, s) => n + s.remaining, 0),
      slots,
    });
  }
  return out;
}
