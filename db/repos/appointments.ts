// Appointments
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Appointment } from '../../protocol/domain.ts';
import type { StoredEvent } from '../../protocol/events.ts';
import type { Db } from '../client.ts';
import { appointments, events } from '../schema.ts';
import { toAppointment, toStored } from './mappers.ts';
import { ACTIVE_APPOINTMENT, APPOINTMENTS_BY_SLOT, prepared } from './statements.ts';

/** A new appointment page token: base64url of 32 random bytes (256 bits). */
export const newPageToken = () => randomBytes(32).toString('base64url');

/** The citizen's appointment page, the link in the SMS. */
export const appointmentPageUrl = (origin: string, token: string) => `${origin}/a/${token}`;

export function getAppointment(db: Db, id: string): Appointment | null {
  const r = prepared(db).appointment.get({ id });
  return r ? toAppointment(r) : null;
}

/** Looks a reference up case-insensitively (references are stored upper-case). */
export function getAppointmentByReference(db: Db, ref: string): Appointment | null {
  const r = prepared(db).appointmentByReference.get({ ref: ref.trim().toUpperCase() });
  return r ? toAppointment(r) : null;
}

/** The appointment whose page (`/a/<token>`) this is. */
export function getAppointmentByPageToken(db: Db, token: string): Appointment | null {
  const r = db.orm.select().from(appointments).where(eq(appointments.pageToken, token)).get();
  return r ? toAppointment(r) : null;
}

/** The appointments of a day, by slot start. */
export function listAppointmentsOfDay(db: Db, day: string): Appointment[] {
  return prepared(db).appointmentsOfDay.all({ day }).map(toAppointment);
}

/** The appointments with `day ≤ appointment day ≤ toDay` (both inclusive), by slot start. */
export function listAppointmentsFrom(db: Db, day: string, toDay: string): Appointment[] {
  return db.orm
    .select()
    .from(appointments)
    .where(and(gte(appointments.day, day), lte(appointments.day, toDay)))
    .orderBy(...APPOINTMENTS_BY_SLOT)
    .all()
    .map(toAppointment);
}

/** Appointments holding a place in the slot starting at `slotStart` (status booked or checked_in). */
export function countActiveInSlot(db: Db, slotStart: number): number {
  return prepared(db).countActiveInSlot.get({ slotStart })?.n ?? 0;
}

/**
 * Active appointments (booked or checked_in) whose [slotStart, slotEnd) overlaps [start, end), other
 * than `excludeId` (the appointment being rescheduled): the seats already taken in that time.
 */
export function countOverlapping(db: Db, start: number, end: number, excludeId = ''): number {
  return prepared(db).countOverlapping.get({ start, end, excludeId })?.n ?? 0;
}

/** Active appointments overlapping [start, end), by slot start (for the slot picker). */
export function listActiveOverlapping(db: Db, start: number, end: number): Appointment[] {
  return db.orm
    .select()
    .from(appointments)
    .where(and(lt(appointments.slotStart, end), gt(appointments.slotEnd, start), inArray(appointments.status, ACTIVE_APPOINTMENT)))
    .orderBy(...APPOINTMENTS_BY_SLOT)
    .all()
    .map(toAppointment);
}

/** Every appointment of a citizen, latest slot first. */
export function listAppointmentsOfCitizen(db: Db, cpr: string): Appointment[] {
  return db.orm
    .select()
    .from(appointments)
    .where(eq(appointments.cpr, cpr))
    .orderBy(desc(appointments.slotStart), desc(appointments.createdAt))
    .all()
    .map(toAppointment);
}

/** The stored appointment events (booked, rescheduled, cancelled, checked in, …) of these appointments, in order. */
export function appointmentEvents(db: Db, ids: string[]): StoredEvent[] {
  if (ids.length === 0) return [];
  return db.orm
    .select()
    .from(events)
    .where(
      and(
        sql`${events.type} like 'appointment_%'`,
        inArray(sql`coalesce(json_extract(${events.payload}, '$.appointmentId'), json_extract(${events.payload}, '$.appointment.id'))`, ids),
      ),
    )
    .orderBy(asc(events.seq))
    .all()
    .map(toStored);
}

/** The citizen's earliest active (booked or checked_in) appointment for the service on or after `fromDay`. */
export function activeAppointmentOf(db: Db, cpr: string, serviceId: string, fromDay: string): Appointment | null {
  const r = prepared(db).activeAppointmentOf.get({ cpr, serviceId, fromDay });
  return r ? toAppointment(r) : null;
}

/** Booked appointments with a slot in [from, to), by slot start, with when they were booked: who may get a reminder. */
export function bookedInRange(db: Db, from: number, to: number): (Appointment & { createdAt: number })[] {
  return db.orm
    .select()
    .from(appointments)
    .where(and(eq(appointments.status, 'booked'), gte(appointments.slotStart, from), lt(appointments.slotStart, to)))
    .orderBy(...APPOINTMENTS_BY_SLOT)
    .all()
    .map((r) => ({ ...toAppointment(r), createdAt: r.createdAt }));
}
