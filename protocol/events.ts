// Events: every state change of the hall, as the engine emits them, the database stores them
// (append-only) and the hub broadcasts them. One schema per event type.
import { z } from 'zod';
import {
  Appointment,
  Counter,
  CounterMode,
  CounterNumber,
  CounterSetup,
  Day,
  PublicAppointment,
  PublicTicket,
  Service,
  ServiceId,
  Settings,
  Ticket,
} from './domain.ts';

const at = z.number().int();

/** The checkpoint a day starts from: everything the engine needs, so a day's state = fold of its events. */
export const DayOpened = z.object({
  type: z.literal('day_opened'),
  at,
  day: Day,
  settings: Settings,
  services: z.array(Service),
  counters: z.array(Counter),
  appointments: z.array(Appointment),
  recentDurations: z.record(ServiceId, z.array(z.number().int())),
});
export const DayClosed = z.object({ type: z.literal('day_closed'), at, day: Day });
export const SettingsChanged = z.object({ type: z.literal('settings_changed'), at, settings: Settings });
export const TicketIssued = z.object({ type: z.literal('ticket_issued'), at, ticket: Ticket });
export const AppointmentBooked = z.object({ type: z.literal('appointment_booked'), at, appointment: Appointment });
export const AppointmentCancelled = z.object({ type: z.literal('appointment_cancelled'), at, appointmentId: z.string() });
export const AppointmentCheckedIn = z.object({ type: z.literal('appointment_checked_in'), at, appointmentId: z.string(), ticketId: z.string() });
export const AppointmentLateConverted = z.object({ type: z.literal('appointment_late_converted'), at, appointmentId: z.string(), ticketId: z.string() });
/** A booked appointment moved to another slot (same id and reference); `appointment` is its new state. */
export const AppointmentRescheduled = z.object({
  type: z.literal('appointment_rescheduled'),
  at,
  appointment: Appointment,
  fromDay: Day,
  fromSlotStart: z.number().int(),
  fromSlotEnd: z.number().int(),
});
export const AppointmentNoShow = z.object({ type: z.literal('appointment_no_show'), at, appointmentId: z.string() });
export const CounterOpened = z.object({ type: z.literal('counter_opened'), at, counter: CounterNumber, userId: z.number().int() });
export const CounterClosed = z.object({ type: z.literal('counter_closed'), at, counter: CounterNumber });
export const CounterModeChanged = z.object({ type: z.literal('counter_mode_changed'), at, counter: CounterNumber, mode: CounterMode });
export const CounterPaused = z.object({ type: z.literal('counter_paused'), at, counter: CounterNumber, reason: z.string() });
export const CounterResumed = z.object({ type: z.literal('counter_resumed'), at, counter: CounterNumber });
export const TicketCalled = z.object({ type: z.literal('ticket_called'), at, ticketId: z.string(), counter: CounterNumber });
export const TicketRecalled = z.object({ type: z.literal('ticket_recalled'), at, ticketId: z.string(), counter: CounterNumber, recalls: z.number().int() });
export const TicketNoShow = z.object({ type: z.literal('ticket_no_show'), at, ticketId: z.string(), counter: CounterNumber, requeued: z.boolean() });
export const TicketStarted = z.object({ type: z.literal('ticket_started'), at, ticketId: z.string(), counter: CounterNumber });
export const TicketFinished = z.object({
  type: z.literal('ticket_finished'),
  at,
  ticketId: z.string(),
  counter: CounterNumber,
  outcome: z.string(),
  note: z.string().nullable(),
  durationMs: z.number().int(),
});
export const TicketTransferred = z.object({
  type: z.literal('ticket_transferred'),
  at,
  ticketId: z.string(),
  fromCounter: CounterNumber,
  toServiceId: ServiceId,
  toCounter: CounterNumber.nullable(),
});
export const TicketCancelled = z.object({ type: z.literal('ticket_cancelled'), at, ticketId: z.string() });

// --- The hall's set-up, changed by an admin while it runs (every screen follows at once).
/** A service created or changed (names, prefix, colour, …, active): its whole new definition. */
export const ServiceSaved = z.object({ type: z.literal('service_saved'), at, service: Service });
/** A counter created or its set-up changed; on an open counter a new mode or service list applies at once. */
export const CounterSaved = z.object({ type: z.literal('counter_saved'), at, counter: CounterSetup });

export const HallEvent = z.discriminatedUnion('type', [
  DayOpened,
  DayClosed,
  SettingsChanged,
  TicketIssued,
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentLateConverted,
  AppointmentNoShow,
  CounterOpened,
  CounterClosed,
  CounterModeChanged,
  CounterPaused,
  CounterResumed,
  TicketCalled,
  TicketRecalled,
  TicketNoShow,
  TicketStarted,
  TicketFinished,
  TicketTransferred,
  TicketCancelled,
  AppointmentRescheduled,
  ServiceSaved,
  CounterSaved,
]);
export type HallEvent = z.infer<typeof HallEvent>;
export type HallEventType = HallEvent['type'];
export type EventOf<T extends HallEventType> = Extract<HallEvent, { type: T }>;

/** An event as stored: with its global sequence number and who caused it. */
export const StoredEvent = z.object({ seq: z.number().int().min(1), actor: z.string(), event: HallEvent });
export type StoredEvent = z.infer<typeof StoredEvent>;

/** The same events with citizen data removed, for the display and kiosk rooms. */
export const PublicHallEvent = z.discriminatedUnion('type', [
  DayOpened.omit({ appointments: true }).extend({ appointments: z.array(PublicAppointment) }),
  DayClosed,
  TicketIssued.extend({ ticket: PublicTicket }),
  AppointmentBooked.extend({ appointment: PublicAppointment }),
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentLateConverted,
  AppointmentNoShow,
  CounterOpened,
  CounterClosed,
  CounterModeChanged,
  CounterPaused,
  CounterResumed,
  TicketCalled,
  TicketRecalled,
  TicketNoShow,
  TicketStarted,
  TicketFinished.omit({ note: true, outcome: true }),
  TicketTransferred,
  TicketCancelled,
  SettingsChanged,
  AppointmentRescheduled.extend({ appointment: PublicAppointment }),
  ServiceSaved,
  CounterSaved,
]);
export type PublicHallEvent = z.infer<typeof PublicHallEvent>;
