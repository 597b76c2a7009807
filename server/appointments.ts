// Booking and cancelling through the hub: the capacity guard (slots.ts) runs inside the command's
// transaction and the confirmation SMS is queued in it. The booking console's operations
// (ops/booking.ts) and the hall simulator (simulator/) both book through here.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { localInstant, type EngineError } from '../engine/index.ts';
import type { CreateAppointmentBody } from '../protocol/api.ts';
import type { Appointment, Service } from '../protocol/domain.ts';
import { randomReference } from '../protocol/reference.ts';
import type { Executed, Hub } from './hub.ts';
import { enqueueAppointmentMessage, type HallCause } from './messages.ts';
import { checkBooking, refuse } from './slots.ts';

export type BookingRequest = z.output<typeof CreateAppointmentBody>;

/** Where a new appointment's id, reference and page token come from: random by default, seeded in the simulator. */
export interface AppointmentIds {
  id(): string;
  /** Uniform in [0, 1): draws the reference's characters. */
  random(): number;
  pageToken(): string;
}

const randomIds: AppointmentIds = { id: randomUUID, random: Math.random, pageToken: repo.newPageToken };

/** The guard of a booking or a move: the appointment's new slot must be bookable (see slots.ts). */
export function slotGuard(hub: Hub, a: Appointment, time: string, service: Service, extra?: () => EngineError | null): () => EngineError | null {
  return () => extra?.() ?? checkBooking(hub.db, a, time, { service, settings: hub.current.settings, today: hub.current.day, now: hub.clock.now() });
}

/** Inside the transaction: the appointment must still be booked (another agent may have just cancelled or moved it). */
export const stillBooked = (db: Db, id: string) => (): EngineError | null => {
  const cur = repo.getAppointment(db, id);
  return cur && cur.status === 'booked' ? null : refuse('APPOINTMENT_NOT_ACTIVE', `This appointment is ${cur?.status ?? 'gone'} and can no longer be changed.`);
};

/**
 * Books `b` for a (bookable) service: the engine's decision, and the appointment it stored if it succeeded.
 * `within` writes what belongs with the booking (e.g. a first-time caller's record) in its transaction.
 */
export function bookAppointment(
  hub: Hub,
  service: Service,
  b: BookingRequest,
  actor: string,
  { ids = randomIds, within }: { ids?: AppointmentIds; within?: () => void } = {},
): { decision: Executed; appointment: Appointment } {
  const tz = hub.current.settings.timeZone;
  const slotStart = localInstant(b.day, b.time, tz);
  let reference = randomReference(ids.random);
  while (repo.getAppointmentByReference(hub.db, reference)) reference = randomReference(ids.random);
  const appointment: Appointment = {
    id: ids.id(),
    reference,
    serviceId: b.serviceId,
    day: b.day,
    slotStart,
    slotEnd: slotStart + service.slotMinutes * 60_000,
    status: 'booked',
    cpr: b.cpr,
    phone: b.phone,
    // A first-time caller may give one name only: the counter and the SMS address them by it in both languages.
    nameAr: b.nameAr || b.nameEn,
    nameEn: b.nameEn || b.nameAr,
    notes: b.notes,
    ticketId: null,
    pageToken: ids.pageToken(),
  };
  const decision = hub.execute({ type: 'book_appointment', appointment }, actor, {
    guard: slotGuard(hub, appointment, b.time, service),
    within: () => {
      enqueueAppointmentMessage(hub, 'booked', appointment, service);
      within?.();
    },
  });
  return { decision, appointment };
}

/**
 * Moves booked `a` to `day` `time` under the booking rules (its own seat does not count against it) and queues the confirmation SMS
 * (`byHall`: the hall's own move, told with its cause). The console, the citizen's page and a rollout's moves all go through here.
 */
export function rescheduleAppointment(
  hub: Hub,
  a: Appointment,
  service: Service,
  { day, time }: { day: string; time: string },
  actor: string,
  within?: () => void,
  byHall?: HallCause,
): Executed {
  const slotStart = localInstant(day, time, hub.current.settings.timeZone);
  if (day === a.day && slotStart === a.slotStart) return { ok: false, error: refuse('SAME_SLOT', 'The appointment is already in that slot.') };
  const moved: Appointment = { ...a, day, slotStart, slotEnd: slotStart + service.slotMinutes * 60_000 };
  const from = { day: a.day, slotStart: a.slotStart, slotEnd: a.slotEnd };
  return hub.execute({ type: 'reschedule_appointment', appointment: moved, from }, actor, {
    guard: slotGuard(hub, moved, time, service, stillBooked(hub.db, a.id)),
    within: () => {
      if (byHall) enqueueAppointmentMessage(hub, 'moved_by_hall', moved, service, { cause: byHall });
      else enqueueAppointmentMessage(hub, 'rescheduled', moved, service);
      within?.();
    },
  });
}

/**
 * Cancels a booked appointment and queues the citizen's notice; `byHall` says why when it was the hall's doing (a closure of the day,
 * a rollout), not the citizen's wish. `within` writes what belongs with the cancellation (an audit entry) in its transaction.
 */
export function cancelAppointment(
  hub: Hub,
  a: Appointment,
  service: Pick<Service, 'nameAr' | 'nameEn'>,
  actor: string,
  { byHall, within }: { byHall?: HallCause; within?: () => void } = {},
): Executed {
  return hub.execute({ type: 'cancel_appointment', appointmentId: a.id }, actor, {
    guard: stillBooked(hub.db, a.id),
    within: () => {
      if (byHall) enqueueAppointmentMessage(hub, 'cancelled_by_hall', a, service, { cause: byHall });
      else enqueueAppointmentMessage(hub, 'cancelled', a, service);
      within?.();
    },
  });
}
