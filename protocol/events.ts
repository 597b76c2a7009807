// Events: every state change of the hall, as the engine emits them, the database stores them
// (append-only) and the hub broadcasts them. One schema per event type.
import * as z from 'zod/mini';
import {
  Appointment,
  Counter,
  CounterClosedBy,
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
  TickerMessage,
} from './domain.ts';

const at = z.int();

/** The checkpoint a day starts from: everything the engine needs, so a day's state = fold of its events. */
export const DayOpened = z.object({
  type: z.literal('day_opened'),
  at,
  day: Day,
  settings: Settings,
  services: z.array(Service),
  counters: z.array(Counter),
  appointments: z.array(Appointment),
  recentDurations: z.record(ServiceId, z.array(z.int())),
});
export const DayClosed = z.object({ type: z.literal('day_closed'), at, day: Day });
export const SettingsChanged = z.object({ type: z.literal('settings_changed'), at, settings: Settings });
export const TicketIssued = z.object({
  type: z.literal('ticket_issued'),
  at,
  ticket: Ticket,
  /** The estimated wait the citizen was told at issue (null: no counter open); absent in events stored before it was recorded. */
  estimatedWaitMin: z.optional(z.nullable(z.int())),
});
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
  fromSlotStart: z.int(),
  fromSlotEnd: z.int(),
});
export const AppointmentNoShow = z.object({ type: z.literal('appointment_no_show'), at, appointmentId: z.string() });
export const CounterOpened = z.object({ type: z.literal('counter_opened'), at, counter: CounterNumber, userId: z.int() });
/** `by` and `reason` are set when a supervisor closed the counter (its terminal tells its holder why). */
export const CounterClosed = z.object({
  type: z.literal('counter_closed'),
  at,
  counter: CounterNumber,
  by: z.optional(CounterClosedBy),
  reason: z.optional(z.string()),
});
export const CounterModeChanged = z.object({ type: z.literal('counter_mode_changed'), at, counter: CounterNumber, mode: CounterMode });
export const CounterPaused = z.object({ type: z.literal('counter_paused'), at, counter: CounterNumber, reason: z.string() });
export const CounterResumed = z.object({ type: z.literal('counter_resumed'), at, counter: CounterNumber });
export const TicketCalled = z.object({ type: z.literal('ticket_called'), at, ticketId: z.string(), counter: CounterNumber });
export const TicketRecalled = z.object({ type: z.literal('ticket_recalled'), at, ticketId: z.string(), counter: CounterNumber, recalls: z.int() });
export const TicketNoShow = z.object({ type: z.literal('ticket_no_show'), at, ticketId: z.string(), counter: CounterNumber, requeued: z.boolean() });
export const TicketStarted = z.object({ type: z.literal('ticket_started'), at, ticketId: z.string(), counter: CounterNumber });
export const TicketFinished = z.object({
  type: z.literal('ticket_finished'),
  at,
  ticketId: z.string(),
  counter: CounterNumber,
  outcome: z.string(),
  note: z.nullable(z.string()),
  durationMs: z.int(),
});
export const TicketTransferred = z.object({
  type: z.literal('ticket_transferred'),
  at,
  ticketId: z.string(),
  fromCounter: CounterNumber,
  toServiceId: ServiceId,
  toCounter: z.nullable(CounterNumber),
});
/** `reason`: a supervisor's words, or `day_ended`; none when a rollover closes yesterday's tickets. Staff only. */
export const TicketCancelled = z.object({ type: z.literal('ticket_cancelled'), at, ticketId: z.string(), reason: z.optional(z.string()) });

// --- the supervisor's live hall
export const CounterOutOfService = z.object({ type: z.literal('counter_out_of_service'), at, counter: CounterNumber, reason: z.string() });
export const CounterRestored = z.object({ type: z.literal('counter_restored'), at, counter: CounterNumber });
/** Today's services of a counter (empty = all). */
export const CounterServicesChanged = z.object({ type: z.literal('counter_services_changed'), at, counter: CounterNumber, serviceIds: z.array(ServiceId) });
/** A supervisor moved a waiting ticket to another service and/or counter: like a transfer, it keeps its number and place. */
export const TicketMoved = z.object({
  type: z.literal('ticket_moved'),
  at,
  ticketId: z.string(),
  toServiceId: ServiceId,
  toCounter: z.nullable(CounterNumber),
});
export const TickerSet = z.object({ type: z.literal('ticker_set'), at, message: TickerMessage });
export const TickerRemoved = z.object({ type: z.literal('ticker_removed'), at, id: z.string() });
/** The supervisor ended the day early: kiosks issue nothing more until the next day opens. */
export const DayEnded = z.object({ type: z.literal('day_ended'), at, day: Day });
/** None of them carries citizen data: public rooms get them as they are. */
const SUPERVISION_EVENTS = [CounterOutOfService, CounterRestored, CounterServicesChanged, TicketMoved, TickerSet, TickerRemoved, DayEnded] as const;

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
  ...SUPERVISION_EVENTS,
]);
export type HallEvent = z.infer<typeof HallEvent>;
export type HallEventType = HallEvent['type'];
export type EventOf<T extends HallEventType> = Extract<HallEvent, { type: T }>;

/** An event as stored: with its global sequence number and who caused it. */
export const StoredEvent = z.object({ seq: z.int().check(z.minimum(1)), actor: z.string(), event: HallEvent });
export type StoredEvent = z.infer<typeof StoredEvent>;

/** The same events with citizen data removed, for the display and kiosk rooms. */
export const PublicHallEvent = z.discriminatedUnion('type', [
  z.extend(z.omit(DayOpened, { appointments: true }), { appointments: z.array(PublicAppointment) }),
  DayClosed,
  z.extend(TicketIssued, { ticket: PublicTicket }),
  z.extend(AppointmentBooked, { appointment: PublicAppointment }),
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
  z.omit(TicketFinished, { note: true, outcome: true }),
  TicketTransferred,
  z.omit(TicketCancelled, { reason: true }),
  SettingsChanged,
  z.extend(AppointmentRescheduled, { appointment: PublicAppointment }),
  ServiceSaved,
  CounterSaved,
  ...SUPERVISION_EVENTS,
]);
export type PublicHallEvent = z.infer<typeof PublicHallEvent>;
