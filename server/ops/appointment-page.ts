// The citizen's appointment page (/a/<token>): anonymous, the page token in the path is the only key. The citizen sees the booking
// (first name only), cancels it or moves it under the console's own rules (server/appointments.ts, its guard inside the transaction),
// each change recorded as by the citizen. Guessing tokens is held back per address, hammering one link per token.
import * as repo from '../../db/repos/index.ts';
import type { Appointment, Service } from '../../protocol/domain.ts';
import { cancelAppointment, rescheduleAppointment } from '../appointments.ts';
import { audit } from '../audit.ts';
import { CITIZEN_ACTOR } from '../auth.ts';
import { HttpError } from '../errors.ts';
import { freeSlots } from '../slots.ts';
import { bookableService } from './booking.ts';
import { mustSucceed, notFound, op, type OpContext } from './op.ts';

/** Token buckets (burst, then per minute): an address may open a few links, one link a page's worth of requests. */
export const PAGE_LIMITS = { perAddress: { burst: 60, perMinute: 30 }, perToken: { burst: 20, perMinute: 10 } } as const;

function limit(ctx: OpContext, token: string): void {
  const now = ctx.clock.now();
  const { perAddress, perToken } = PAGE_LIMITS;
  const wait =
    ctx.limiter.takeToken(`appointment-page:address:${ctx.clientAddress}`, perAddress.burst, perAddress.perMinute, now) ||
    ctx.limiter.takeToken(`appointment-page:token:${token}`, perToken.burst, perToken.perMinute, now);
  if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `Too many requests for this page; wait ${wait} s.`, { retryAfterSeconds: wait });
}

/** The appointment of a page token, after the rate limit. */
function appointmentOf(ctx: OpContext, token: string): Appointment {
  limit(ctx, token);
  return repo.getAppointmentByPageToken(ctx.db, token) ?? notFound('APPOINTMENT_LINK_INVALID', 'No appointment has this link.');
}

function mustBeBooked(a: Appointment): void {
  if (a.status !== 'booked') throw new HttpError(409, 'APPOINTMENT_NOT_ACTIVE', `This appointment is ${a.status} and can no longer be changed.`);
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

function serviceOf(ctx: OpContext, id: string): Service | undefined {
  return ctx.hub.current.services[id] ?? repo.listServices(ctx.db).find((s) => s.id === id);
}

/** What the page shows: the stored appointment as its holder may see it, with its service and the hall. */
function pageOf(ctx: OpContext, id: string) {
  const a = repo.getAppointment(ctx.db, id)!;
  const s = serviceOf(ctx, a.serviceId);
  const { hallName, hallAddress, timeZone } = ctx.hub.current.settings;
  return {
    appointment: {
      reference: a.reference,
      status: a.status,
      day: a.day,
      slotStart: a.slotStart,
      slotEnd: a.slotEnd,
      firstNameAr: firstName(a.nameAr),
      firstNameEn: firstName(a.nameEn),
    },
    service: { id: a.serviceId, nameAr: s?.nameAr ?? a.serviceId, nameEn: s?.nameEn ?? a.serviceId, bringAr: s?.bringAr ?? '', bringEn: s?.bringEn ?? '' },
    hall: {
      nameAr: hallName.ar,
      nameEn: hallName.en,
      addressAr: hallAddress.ar,
      addressEn: hallAddress.en,
      timeZone,
      hours: repo.listOpeningHours(ctx.db).map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    },
  };
}

/** The citizen's change goes to the audit log with the engine's event, in its transaction. */
const citizenAudit = (ctx: OpContext, kind: string, a: Appointment, after?: unknown) => () =>
  audit({ db: ctx.db, clock: ctx.clock, actor: CITIZEN_ACTOR }, kind, `appointment:${a.id}`, {
    before: { day: a.day, slotStart: a.slotStart },
    after,
  });

export const appointmentPageOps = [
  op('appointmentPage.get', {
    access: { anonymous: true },
    run: (ctx, { token }) => pageOf(ctx, appointmentOf(ctx, token).id),
  }),
  op('appointmentPage.slots', {
    access: { anonymous: true },
    run(ctx, q) {
      const a = appointmentOf(ctx, q.token);
      mustBeBooked(a);
      const service = bookableService(ctx, a.serviceId);
      const today = ctx.hub.current.day;
      const days = freeSlots(ctx.db, service, q.from ?? today, q.days, { settings: ctx.hub.current.settings, today, now: ctx.clock.now() });
      return { serviceId: service.id, slotMinutes: service.slotMinutes, days };
    },
  }),
  op('appointmentPage.move', {
    access: { anonymous: true },
    run(ctx, b) {
      const a = appointmentOf(ctx, b.token);
      mustBeBooked(a);
      mustSucceed(
        rescheduleAppointment(
          ctx.hub,
          a,
          bookableService(ctx, a.serviceId),
          b,
          CITIZEN_ACTOR,
          citizenAudit(ctx, 'appointment.move', a, { day: b.day, time: b.time }),
        ),
      );
      return pageOf(ctx, a.id);
    },
  }),
  op('appointmentPage.cancel', {
    access: { anonymous: true },
    run(ctx, { token }) {
      const a = appointmentOf(ctx, token);
      mustBeBooked(a);
      const service = serviceOf(ctx, a.serviceId) ?? { nameAr: a.serviceId, nameEn: a.serviceId };
      mustSucceed(cancelAppointment(ctx.hub, a, service, CITIZEN_ACTOR, { within: citizenAudit(ctx, 'appointment.cancel', a) }));
      return pageOf(ctx, a.id);
    },
  }),
];
