// Appointments (the API the booking console builds on) and hall settings.
import { randomUUID } from 'node:crypto';
import * as repo from '../../db/repos.ts';
import { randomReference } from '../../db/reference.ts';
import { AppointmentIdParam, AppointmentsQuery, CreateAppointmentBody, Empty, SettingsBody } from '../../protocol/api.ts';
import type { Appointment } from '../../protocol/domain.ts';
import { localInstant, localTime, weekdayOf, type EngineError } from '../engine/index.ts';
import type { Db } from '../../db/client.ts';
import { mustSucceed, notFound, op } from './op.ts';

const BOOKERS = ['callcenter', 'supervisor'] as const;

/** Seats in a slot: the counters the weekly schedule gives to appointments then; 0 on holidays. */
export function slotCapacity(db: Db, day: string, time: string): number {
  if (repo.listHolidays(db).some((h) => h.day === day)) return 0;
  const wd = weekdayOf(day);
  const period = repo.listAppointmentSchedule(db).find((p) => p.weekday === wd && p.startTime <= time && time < p.endTime);
  return period?.counters ?? 0;
}

function bookingGuard(db: Db, a: Appointment, time: string, today: string): () => EngineError | null {
  return () => {
    const capacity = slotCapacity(db, a.day, time);
    if (capacity === 0) return { code: 'SLOT_CLOSED', message: `No appointments are taken on ${a.day} at ${time}.` };
    if (repo.countActiveInSlot(db, a.slotStart) >= capacity) return { code: 'SLOT_FULL', message: 'This slot is fully booked; choose another.' };
    const existing = repo.activeAppointmentOf(db, a.cpr, a.serviceId, today);
    if (existing) return { code: 'ALREADY_BOOKED', message: `This citizen already has an appointment for this service (${existing.reference}).` };
    return null;
  };
}

export const bookingOps = [
  op({
    name: 'appointments.list', summary: "A day's appointments (default today), by slot.",
    http: { method: 'get', path: '/api/appointments' }, event: 'appointments:list', input: AppointmentsQuery, access: { roles: [...BOOKERS] },
    run: (ctx, q) => ({ appointments: repo.listAppointmentsOfDay(ctx.db, q.day ?? ctx.hub.current.day) }),
  }),
  op({
    name: 'appointments.create', summary: 'Books a slot for a citizen; refuses full, closed and past slots and a second booking for the same service.',
    http: { method: 'post', path: '/api/appointments', status: 201 }, event: 'appointments:create', input: CreateAppointmentBody, access: { roles: [...BOOKERS] },
    run(ctx, b) {
      const tz = ctx.hub.current.settings.timeZone;
      const service = ctx.hub.current.services[b.serviceId];
      if (!service) notFound('UNKNOWN_SERVICE', `There is no service ${b.serviceId}.`);
      const slotStart = localInstant(b.day, b.time, tz);
      let reference = randomReference();
      while (repo.getAppointmentByReference(ctx.db, reference)) reference = randomReference();
      const appointment: Appointment = {
        id: randomUUID(), reference, serviceId: b.serviceId, day: b.day, slotStart, slotEnd: slotStart + service.slotMinutes * 60_000,
        status: 'booked', cpr: b.cpr, phone: b.phone, nameAr: b.nameAr, nameEn: b.nameEn, notes: b.notes, ticketId: null,
      };
      mustSucceed(ctx.hub.execute({ type: 'book_appointment', appointment }, ctx.actor, bookingGuard(ctx.db, appointment, localTime(slotStart, tz), ctx.hub.current.day)));
      return { appointment: repo.getAppointment(ctx.db, appointment.id) };
    },
  }),
  op({
    name: 'appointments.cancel', summary: 'Cancels a booked appointment.',
    http: { method: 'post', path: '/api/appointments/:id/cancel' }, event: 'appointments:cancel', input: AppointmentIdParam, access: { roles: [...BOOKERS] },
    run(ctx, { id }) {
      const a = repo.getAppointment(ctx.db, id);
      if (!a) notFound('APPOINTMENT_NOT_FOUND', 'There is no such appointment.');
      if (a.status !== 'booked') {
        mustSucceed({ ok: false, error: { code: 'APPOINTMENT_NOT_ACTIVE', message: `This appointment is ${a.status} and can no longer be cancelled.` } });
      }
      mustSucceed(ctx.hub.execute({ type: 'cancel_appointment', appointmentId: id }, ctx.actor));
      return { appointment: repo.getAppointment(ctx.db, id) };
    },
  }),
  op({
    name: 'settings.get', summary: 'Hall settings (queue rules, time zone, ticker messages).',
    http: { method: 'get', path: '/api/settings' }, event: 'settings:get', input: Empty, access: { roles: ['supervisor'] },
    run: (ctx) => ({ settings: ctx.hub.current.settings }),
  }),
  op({
    name: 'settings.put', summary: 'Replaces the hall settings; applied live.',
    http: { method: 'put', path: '/api/settings' }, event: 'settings:put', input: SettingsBody, access: { roles: ['supervisor'] },
    run(ctx, settings) {
      mustSucceed(ctx.hub.execute({ type: 'change_settings', settings }, ctx.actor));
      return { settings: ctx.hub.current.settings };
    },
  }),
];
