// Appointments (the API the booking console builds on): slots, booking, rescheduling, cancelling,
// a citizen's history, the outbox of confirmations; the appointment schedule and holidays.
// Slot and capacity rules live in ../slots.ts, booking and cancelling in ../appointments.ts: every check
// that counts bookings runs as the hub's guard, inside the transaction that stores the booking, so
// concurrent agents cannot overfill a slot.
import { transaction } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { isValidReference, normalizeReference } from '../../protocol/reference.ts';
import type { Appointment, AppointmentStatus, Service } from '../../protocol/domain.ts';
import type { HallEvent } from '../../protocol/events.ts';
import { audit } from '../audit.ts';
import { actorName } from '../auth.ts';
import { HttpError } from '../errors.ts';
import { bookAppointment, cancelAppointment, rescheduleAppointment } from '../appointments.ts';
import { freeSlots } from '../slots.ts';
import { recordNewCaller } from './citizens.ts';
import { mustSucceed, notFound, op, type OpContext } from './op.ts';

const BOOKERS = ['callcenter', 'supervisor'] as const;

export function bookableService(ctx: OpContext, serviceId: string): Service {
  const service = ctx.hub.current.services[serviceId];
  if (!service) notFound('UNKNOWN_SERVICE', `There is no service ${serviceId}.`);
  if (!service.bookable || !service.active) throw new HttpError(409, 'SERVICE_NOT_BOOKABLE', `Service ${serviceId} cannot be booked.`);
  return service;
}

function activeAppointment(ctx: OpContext, id: string, verb: string): Appointment {
  const a = repo.getAppointment(ctx.db, id);
  if (!a) notFound('APPOINTMENT_NOT_FOUND', 'There is no such appointment.');
  if (a.status !== 'booked') throw new HttpError(409, 'APPOINTMENT_NOT_ACTIVE', `This appointment is ${a.status} and can no longer be ${verb}.`);
  return a;
}

type Kept = 'kept' | 'no_show' | 'cancelled' | 'booked';
const KEPT: Record<AppointmentStatus, Kept> = { booked: 'booked', checked_in: 'kept', late_converted: 'kept', no_show: 'no_show', cancelled: 'cancelled' };

/** What the history shows of an appointment event: `by` is the person's name (null: the hub itself, e.g. the no-show sweep). */
function historyEntry(seq: number, actor: string, by: string | null, e: HallEvent) {
  const base = { seq, at: e.at, actor, by, type: e.type };
  if (e.type === 'appointment_rescheduled') {
    return { ...base, fromDay: e.fromDay, fromSlotStart: e.fromSlotStart, toDay: e.appointment.day, toSlotStart: e.appointment.slotStart };
  }
  return base;
}

export const bookingOps = [
  op('slots.list', {
    access: { roles: [...BOOKERS] },
    run(ctx, q) {
      const service = bookableService(ctx, q.serviceId);
      const today = ctx.hub.current.day;
      const days = freeSlots(ctx.db, service, q.from ?? today, q.days, { settings: ctx.hub.current.settings, today, now: ctx.clock.now() });
      return { serviceId: service.id, slotMinutes: service.slotMinutes, days };
    },
  }),
  op('appointments.list', {
    access: { roles: [...BOOKERS] },
    run: (ctx, q) => ({ appointments: repo.listAppointmentsOfDay(ctx.db, q.day ?? ctx.hub.current.day) }),
  }),
  op('appointments.create', {
    access: { roles: [...BOOKERS] },
    run(ctx, b) {
      const { decision, appointment } = bookAppointment(ctx.hub, bookableService(ctx, b.serviceId), b, ctx.actor, { within: recordNewCaller(ctx, b) });
      mustSucceed(decision);
      return { appointment: repo.getAppointment(ctx.db, appointment.id)! };
    },
  }),
  op('appointments.reschedule', {
    access: { roles: [...BOOKERS] },
    run(ctx, b) {
      const a = activeAppointment(ctx, b.id, 'rescheduled');
      mustSucceed(rescheduleAppointment(ctx.hub, a, bookableService(ctx, a.serviceId), b, ctx.actor));
      return { appointment: repo.getAppointment(ctx.db, a.id)! };
    },
  }),
  op('appointments.cancel', {
    access: { roles: [...BOOKERS] },
    run(ctx, { id }) {
      const a = activeAppointment(ctx, id, 'cancelled');
      const service = ctx.hub.current.services[a.serviceId] ??
        repo.listServices(ctx.db).find((s) => s.id === a.serviceId) ?? { nameAr: a.serviceId, nameEn: a.serviceId };
      mustSucceed(cancelAppointment(ctx.hub, a, service, ctx.actor));
      return { appointment: repo.getAppointment(ctx.db, id)! };
    },
  }),
  op('appointments.byReference', {
    access: { roles: [...BOOKERS] },
    run(ctx, { reference }) {
      const ref = normalizeReference(reference);
      if (!isValidReference(ref)) {
        throw new HttpError(
          400,
          'REFERENCE_MISTYPED',
          `${ref} is not a booking reference: a character is probably mistyped (the last one is a check character).`,
        );
      }
      const a = repo.getAppointmentByReference(ctx.db, ref);
      if (!a) notFound('APPOINTMENT_NOT_FOUND', `No appointment has the reference ${ref}.`);
      return { appointment: a };
    },
  }),
  op('citizens.appointments', {
    access: { roles: [...BOOKERS] },
    run(ctx, { cpr }) {
      const list = repo.listAppointmentsOfCitizen(ctx.db, cpr);
      const events = repo.appointmentEvents(
        ctx.db,
        list.map((a) => a.id),
      );
      const idOf = (e: HallEvent) => ('appointmentId' in e ? e.appointmentId : 'appointment' in e ? e.appointment.id : null);
      const summary: Record<Kept, number> = { kept: 0, no_show: 0, cancelled: 0, booked: 0 };
      const names = new Map<string, string | null>();
      const nameOf = (actor: string) => (names.has(actor) ? names.get(actor)! : names.set(actor, actorName(ctx.db, actor)).get(actor)!);
      const appointments = list.map((a) => {
        summary[KEPT[a.status]]++;
        const history = events.filter((s) => idOf(s.event) === a.id).map((s) => historyEntry(s.seq, s.actor, nameOf(s.actor), s.event));
        const messages = repo
          .listMessages(ctx.db, { appointmentId: a.id, limit: 20 })
          .map((m) => ({ kind: m.kind, status: m.status, attempts: m.attempts, at: m.sentAt ?? m.createdAt }));
        return { ...a, outcome: KEPT[a.status], history, messages };
      });
      const today = ctx.hub.current.day;
      const held = Object.keys(ctx.hub.current.services).flatMap((serviceId) => {
        const a = repo.activeAppointmentOf(ctx.db, cpr, serviceId, today);
        return a ? [{ serviceId, appointmentId: a.id, reference: a.reference, day: a.day, slotStart: a.slotStart }] : [];
      });
      return { cpr, summary, appointments, held };
    },
  }),
  op('outbox.list', {
    access: { roles: ['supervisor'] },
    run: (ctx, q) => ({ messages: repo.listMessages(ctx.db, q.status ? { status: q.status } : {}) }),
  }),
  op('schedule.get', {
    access: { roles: ['supervisor'] },
    run: (ctx) => ({ schedule: repo.listAppointmentSchedule(ctx.db), holidays: repo.listHolidays(ctx.db) }),
  }),
  op('schedule.put', {
    access: { roles: ['supervisor'] },
    run(ctx, b) {
      const periodsFrom = (validFrom: string) =>
        repo
          .listAppointmentSchedule(ctx.db)
          .filter((p) => p.validFrom === validFrom)
          .map(({ weekday, startTime, endTime, counters }) => ({ weekday, startTime, endTime, counters }));
      const before = periodsFrom(b.validFrom);
      transaction(ctx.db, () => {
        repo.setScheduleFrom(ctx.db, b.validFrom, b.periods);
        const after = periodsFrom(b.validFrom);
        if (JSON.stringify(before) !== JSON.stringify(after)) audit(ctx, 'schedule.update', `schedule:${b.validFrom}`, { before, after });
      });
      return { schedule: repo.listAppointmentSchedule(ctx.db) };
    },
  }),
  op('holidays.put', {
    access: { roles: ['supervisor'] },
    run(ctx, h) {
      const before = repo.getHoliday(ctx.db, h.day);
      if (JSON.stringify(before) !== JSON.stringify(h)) {
        transaction(ctx.db, () => {
          repo.upsertHoliday(ctx.db, h);
          audit(ctx, 'holiday.update', `holiday:${h.day}`, { before, after: h });
        });
      }
      // The hall is closed that day: its bookings are cancelled, each citizen told why, with the link to choose another time.
      for (const a of repo.listAppointmentsOfDay(ctx.db, h.day)) {
        const service = ctx.hub.current.services[a.serviceId];
        if (a.status === 'booked' && service) cancelAppointment(ctx.hub, a, service, ctx.actor, { byHall: { closure: { ar: h.nameAr, en: h.nameEn } } });
      }
      return { holidays: repo.listHolidays(ctx.db) };
    },
  }),
  op('holidays.delete', {
    access: { roles: ['supervisor'] },
    run(ctx, { day }) {
      const before = repo.getHoliday(ctx.db, day) ?? notFound('HOLIDAY_NOT_FOUND', `There is no holiday or closure on ${day}.`);
      transaction(ctx.db, () => {
        repo.deleteHoliday(ctx.db, day);
        audit(ctx, 'holiday.delete', `holiday:${day}`, { before });
      });
      return { holidays: repo.listHolidays(ctx.db) };
    },
  }),
];
