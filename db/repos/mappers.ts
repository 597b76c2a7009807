// Row mappers
import type { Appointment, AppointmentStatus, Counter, CounterMode, Priority, Service, Ticket, TicketKind, TicketStatus } from '../../protocol/domain.ts';
import { HallEvent, type StoredEvent } from '../../protocol/events.ts';
import type { appointments, counters, events, services, tickets } from '../schema.ts';

type TicketRow = typeof tickets.$inferSelect;
export function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    day: r.day,
    prefix: r.prefix,
    number: r.number,
    label: r.label,
    kind: r.kind as TicketKind,
    serviceId: r.serviceId,
    priority: r.priority as Priority,
    status: r.status as TicketStatus,
    issuedAt: r.issuedAt,
    appointmentId: r.appointmentId,
    slotStart: r.slotStart,
    counter: r.counter,
    targetCounter: r.targetCounter,
    calledAt: r.calledAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    recalls: r.recalls,
    transfers: r.transfers,
    requeued: r.requeued,
    outcome: r.outcome,
    note: r.note,
    statusToken: r.statusToken,
    cpr: r.cpr,
  };
}

type AppointmentRow = typeof appointments.$inferSelect;
export function toAppointment(r: Omit<AppointmentRow, 'createdAt' | 'createdBy'>): Appointment {
  return {
    id: r.id,
    reference: r.reference,
    serviceId: r.serviceId,
    day: r.day,
    slotStart: r.slotStart,
    slotEnd: r.slotEnd,
    status: r.status as AppointmentStatus,
    cpr: r.cpr,
    phone: r.phone,
    nameAr: r.nameAr,
    nameEn: r.nameEn,
    notes: r.notes,
    ticketId: r.ticketId,
    pageToken: r.pageToken,
  };
}

type ServiceRow = typeof services.$inferSelect;
export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  nameAr: r.nameAr,
  nameEn: r.nameEn,
  prefix: r.prefix,
  defaultDurationMin: r.defaultDurationMin,
  slotMinutes: r.slotMinutes,
  bookable: r.bookable,
  kioskVisible: r.kioskVisible,
  sortOrder: r.sortOrder,
  icon: r.icon,
  colour: r.colour,
  active: r.active,
  bringAr: r.bringAr,
  bringEn: r.bringEn,
});

type CounterRow = typeof counters.$inferSelect;
export const toCounter = (r: CounterRow): Counter => ({
  number: r.number,
  mode: r.mode as CounterMode,
  serviceIds: [...r.serviceIds],
  open: r.open,
  userId: r.userId,
  paused: r.paused,
  pauseReason: r.pauseReason,
  currentTicketId: r.currentTicketId,
  nameAr: r.nameAr,
  nameEn: r.nameEn,
  active: r.active,
});

type EventRow = typeof events.$inferSelect;
// Events carrying whole settings, services or counters are read through their schema, so one stored
// before a field was added gets that field's default (a day's state is folded from its checkpoint).
const CARRY_DEFAULTS = new Set(['day_opened', 'settings_changed']);
function upgraded(r: EventRow): HallEvent {
  if (!CARRY_DEFAULTS.has(r.type)) return r.payload as HallEvent;
  const parsed = HallEvent.safeParse(r.payload);
  return parsed.success ? parsed.data : (r.payload as HallEvent);
}
export const toStored = (r: EventRow): StoredEvent => ({ seq: r.seq, actor: r.actor, event: upgraded(r) });
