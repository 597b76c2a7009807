// Reply shapes of every operation (protocol/operations.ts pairs each with its input). The hub's
// handlers are typed by them, tests parse every reply with them (DOR_VALIDATE_REPLIES), and the
// browser client infers its reply types from them.
import { z } from 'zod';
import {
  Appointment,
  Counter,
  CounterNumber,
  Cpr,
  Day,
  DeviceKind,
  OutOfService,
  PublicTicket,
  Role,
  Service,
  Settings,
  Ticket,
  TickerMessage,
} from './domain.ts';
import { OutboxStatus } from './api.ts';
import { AppointmentStatus, RolloutCounter, RolloutStatus } from './domain.ts';
import { DevicesStatus, SnapshotMessage } from './messages.ts';

const Ok = z.object({ ok: z.literal(true) });
const nullableInt = z.number().int().nullable();

// --- auth and devices
export const StaffUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** The password was set by an admin: until it is changed (`auth.password`) every other operation answers 403 PASSWORD_CHANGE_REQUIRED. */
  mustChangePassword: z.boolean(),
});
export const LoginReply = z.object({ user: StaffUser });
export const LogoutReply = Ok;
export const MeReply = z.object({
  user: StaffUser,
  counter: z.nullable(CounterNumber),
  /** Supervisors and admins only: whether an enabled account still has its demo password (the console warns). */
  demoPasswords: z.boolean().optional(),
});
export const PairingCodeReply = z.object({ deviceId: z.number().int(), code: z.string(), expiresAt: z.number().int() });
export const PairReply = z.object({ token: z.string(), device: z.object({ id: z.number().int(), kind: DeviceKind, name: z.string() }) });
export const Device = z.object({
  id: z.number().int(),
  kind: DeviceKind,
  name: z.string(),
  printer: z.string().nullable(),
  createdAt: z.number().int(),
  pairedAt: nullableInt,
  revoked: z.boolean(),
  /** Its last request or socket connection (recorded at most once a minute); null if never seen. */
  lastSeenAt: nullableInt,
  /** A socket of it is connected right now. */
  online: z.boolean(),
});
export const DevicesReply = z.object({ devices: z.array(Device) });
export const DeviceReply = z.object({ device: Device });
export const KioskOkReply = Ok;
const PrinterStatus = z.object({ online: z.boolean(), paperOut: z.boolean(), paperNearEnd: z.boolean(), coverOpen: z.boolean(), error: z.string().optional() });
const PrintErrorCode = z.enum(['OFFLINE', 'TIMEOUT', 'PAPER_OUT', 'COVER_OPEN', 'NOT_AVAILABLE', 'BAD_TARGET']);
/** A test print: where it went, the printer's status and (virtual printer) the files written. */
export const TestPrintReply = z.union([
  z.object({ ok: z.literal(true), target: z.string(), status: PrinterStatus, files: z.object({ bin: z.string(), png: z.string() }).optional() }),
  z.object({ ok: z.literal(false), target: z.string(), error: z.object({ code: PrintErrorCode, message: z.string() }), status: PrinterStatus.optional() }),
]);

// --- hall, kiosk and counters
export const WaitEstimate = z.object({ peopleAhead: z.number().int().min(0), estimatedWaitMin: z.number().nullable() });
/**
 * One kiosk tile: a service, the people waiting for it and the estimated wait of a new walk-in; while
 * no counter is open for it, `beforeOpening` estimates from the counters that will open (`opensAt`:
 * today's opening time while it is still ahead).
 */
export const ServiceTile = z.object({
  service: Service,
  waiting: z.number().int().min(0),
  ...WaitEstimate.shape,
  beforeOpening: z.object({ opensAt: z.string().nullable(), waitAfterOpeningMin: z.number().int().min(0) }).nullable(),
});
export const ServicesReply = z.object({ services: z.array(ServiceTile), appointmentsWaiting: z.number().int().min(0) });
/** How printing a kiosk ticket went (the ticket is valid either way). */
export const PrintOutcome = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
/** A ticket as its holder sees it (kiosk reply, mobile status page): no CPR, but the status link. */
export const Receipt = z.object({
  ticket: PublicTicket,
  service: z.object({ id: z.string(), nameAr: z.string(), nameEn: z.string() }).nullable(),
  statusUrl: z.string(),
  ...WaitEstimate.shape,
  /** A waiting ticket's place (1 = next) in the order the open counters will call; null once called. */
  position: z.number().int().min(1).nullable(),
  /** The position from which the page says "your turn is near" (settings). */
  nearTurnPosition: z.number().int().min(1),
});
export const KioskReceipt = Receipt.extend({ print: PrintOutcome });
export const WalkInReply = KioskReceipt;
export const CheckInReply = z.union([
  KioskReceipt.extend({ outcome: z.enum(['checked_in', 'late_converted']) }),
  z.object({ outcome: z.literal('too_early'), comeBackAt: z.number().int() }),
  z.object({ outcome: z.literal('too_late') }),
]);
/** The mobile status page: null only if the ticket is gone. */
export const TicketStatusReply = Receipt.extend({
  /** After service: `open` until the citizen answers the feedback question, then `given`; null before. */
  feedback: z.enum(['open', 'given']).nullable(),
}).nullable();
export const SnapshotReply = SnapshotMessage;
export const CountersReply = z.object({ counters: z.array(Counter) });
export const CounterReply = z.object({ counter: Counter });
/** A counter command: the ticket it acted on (null if none) and the counter after it. */
export const CounterCommandReply = z.object({ ticket: z.nullable(Ticket), counter: Counter });

// --- appointments and settings
const SlotOfDay = z.object({
  time: z.string(),
  slotStart: z.number().int(),
  slotEnd: z.number().int(),
  capacity: z.number().int(),
  booked: z.number().int(),
  remaining: z.number().int(),
});
export const DayOfSlots = z.object({
  day: Day,
  closed: z.enum(['holiday', 'closure', 'no_schedule']).nullable(),
  closedName: z.object({ ar: z.string(), en: z.string() }).nullable(),
  free: z.number().int(),
  slots: z.array(SlotOfDay),
});
export const SlotsReply = z.object({ serviceId: z.string(), slotMinutes: z.number().int(), days: z.array(DayOfSlots) });
export const AppointmentsReply = z.object({ appointments: z.array(Appointment) });
export const AppointmentReply = z.object({ appointment: Appointment });
export const Kept = z.enum(['kept', 'no_show', 'cancelled', 'booked']);
export const AppointmentHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  by: z.string().nullable(),
  type: z.string(),
  fromDay: z.string().optional(),
  fromSlotStart: z.number().int().optional(),
  toDay: z.string().optional(),
  toSlotStart: z.number().int().optional(),
});
export const CitizenAppointment = z.object(Appointment.shape).extend({
  outcome: Kept,
  history: z.array(AppointmentHistoryEntry),
  /** The SMS messages about it (confirmations, reminders, near turn, called, …), newest first, with their delivery status. */
  messages: z.array(z.object({ kind: z.string(), status: OutboxStatus, attempts: z.number().int(), at: z.number().int() })),
});
export const CitizenAppointmentsReply = z.object({
  cpr: z.string(),
  summary: z.object({ kept: z.number().int(), no_show: z.number().int(), cancelled: z.number().int(), booked: z.number().int() }),
  appointments: z.array(CitizenAppointment),
  /** The services the citizen holds an active booking for (the slot picker greys them out): the same rule that refuses ALREADY_BOOKED. */
  held: z.array(z.object({ serviceId: z.string(), appointmentId: z.string(), reference: z.string(), day: z.string(), slotStart: z.number().int() })),
});
export const OutboxMessage = z.object({
  id: z.number().int(),
  channel: z.string(),
  to: z.string(),
  body: z.string(),
  status: OutboxStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  sentAt: nullableInt,
  appointmentId: z.string().nullable(),
  kind: z.string(),
  ticketId: z.string().nullable(),
  onceKey: z.string().nullable(),
});
export const OutboxReply = z.object({ messages: z.array(OutboxMessage) });
export const SchedulePeriod = z.object({
  id: z.number().int(),
  validFrom: z.string(),
  weekday: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  counters: z.number().int(),
});
export const Holiday = z.object({ day: z.string(), nameAr: z.string(), nameEn: z.string(), closure: z.boolean() });
export const ScheduleReply = z.object({ schedule: z.array(SchedulePeriod), holidays: z.array(Holiday) });
export const SchedulePutReply = z.object({ schedule: z.array(SchedulePeriod) });
export const HolidaysReply = z.object({ holidays: z.array(Holiday) });
export const SettingsReply = z.object({ settings: Settings });

// --- citizens
export const FamilyMember = z.object({
  id: z.number().int(),
  name: z.string(),
  relation: z.string(),
  dateOfBirth: z.string(),
  memberCpr: z.string().nullable(),
  createdAt: z.number().int(),
});
export const HousingApplication = z.object({
  id: z.number().int(),
  type: z.string(),
  number: z.string(),
  status: z.string(),
  submittedDay: z.string(),
  updatedAt: z.number().int(),
  history: z.array(z.object({ status: z.string(), at: z.number().int() })),
});
export const Letter = z.object({
  id: z.number().int(),
  subject: z.string(),
  receivedDay: z.string(),
  status: z.string(),
  reference: z.string(),
  updatedAt: z.number().int(),
});
export const AuditEntry = z.object({
  id: z.number().int(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  actor: z.string(),
  at: z.number().int(),
});
export const CitizenRecord = z.object({
  cpr: Cpr,
  nameAr: z.string(),
  nameEn: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  iban: z.string().nullable(),
  /** `provisional`: a first-time caller booked by an agent, not in the ministry's registry yet (an import merges with it). */
  registry: z.enum(['imported', 'provisional']),
  updatedAt: z.number().int(),
  family: z.array(FamilyMember),
  applications: z.array(HousingApplication),
  letters: z.array(Letter),
  history: z.array(AuditEntry),
});
export const CitizenReply = z.object({ citizen: CitizenRecord });
export const CitizenChangedReply = CitizenReply.extend({ changed: z.number().int().min(0) });
export const Call = z.object({
  id: z.number().int(),
  cpr: z.string().nullable(),
  category: z.string(),
  note: z.string(),
  outcome: z.string(),
  actor: z.string(),
  at: z.number().int(),
  day: z.string(),
});
export const CallReply = z.object({ call: Call });
export const CallsReply = z.object({ calls: z.array(Call) });
export const ImportReport = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), errors: z.array(z.string()) })),
});

// --- administering the hall
export const ServiceReply = z.object({ service: Service });
export const OpeningHoursDay = z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() });
export const OpeningHoursReply = z.object({ days: z.array(OpeningHoursDay) });
export const AuditLogEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  /** Who: an actor id (`user:3:admin`, `device:2:kiosk`, `system`)… */
  actor: z.string(),
  /** …and the name a person reads for it (null for the hub's own jobs). */
  actorName: z.string().nullable(),
  kind: z.string(),
  target: z.string(),
  /** What the changed fields were and became (null for a creation or a removal). */
  before: z.unknown(),
  after: z.unknown(),
});
/** A page of the audit log, newest first; `nextBefore` asks for the next page (null: this was the last). */
export const AuditReply = z.object({ entries: z.array(AuditLogEntry), nextBefore: nullableInt });
// --- the supervisor's live hall
export const HallCounterReply = z.object({ counter: Counter, outOfService: z.nullable(OutOfService) });
export const HallTicketReply = z.object({ ticket: Ticket });
export const TickerReply = z.object({ message: TickerMessage });
export const TickerRemovedReply = Ok;
/** What ending the day did: tickets cancelled, counters closed. */
export const EndDayReply = z.object({ day: Day, endedAt: z.number().int(), cancelled: z.number().int().min(0), closedCounters: z.array(CounterNumber) });
export const DevicesStatusReply = DevicesStatus;
/** The enabled staff, for the names of the people at the counters. */
export const StaffReply = z.object({ staff: z.array(StaffUser.omit({ mustChangePassword: true })) });
// --- the rollout switch
/** Who did a step of a plan and when: an actor id (`system` for the hub's own job) and the name a person reads (null for the hub). */
const Stamp = z.object({ at: z.number().int(), actor: z.string(), name: z.string().nullable() });
export const RolloutPlan = z.object({
  id: z.number().int(),
  fromDay: Day,
  counters: z.array(RolloutCounter),
  weekdays: z.array(z.number().int()),
  startTime: z.string(),
  endTime: z.string(),
  status: RolloutStatus,
  created: Stamp,
  confirmed: Stamp.nullable(),
  applied: Stamp.nullable(),
  cancelled: Stamp.nullable(),
});
/** A booking that no longer fits the schedule (fewer seats at its time, or none): never a citizen's name. */
export const UnfitBooking = z.object({
  reference: z.string(),
  serviceId: z.string(),
  day: Day,
  time: z.string(),
  slotStart: z.number().int(),
  slotEnd: z.number().int(),
});
export const RolloutPlansReply = z.object({ plans: z.array(RolloutPlan) });
export const RolloutPlanReply = z.object({ plan: RolloutPlan });
/** A cancelled plan, and the bookings from its day on that the restored schedule has no seat for. */
export const RolloutCancelReply = RolloutPlanReply.extend({ unfit: z.array(UnfitBooking) });
/** The bookings still without a seat from a plan's day on that the hall can move (booked, slot not started). */
export const RolloutUnfitReply = z.object({ unfit: z.array(UnfitBooking) });
const DayTime = z.object({ day: Day, time: z.string() });
/** What the hall did with a plan's bookings without a seat: moved (from → to) or cancelled, each citizen told; and those still without one. */
export const RolloutReseatReply = RolloutUnfitReply.extend({
  moved: z.array(z.object({ reference: z.string(), serviceId: z.string(), from: DayTime, to: DayTime })),
  cancelled: z.array(UnfitBooking),
});
/** How many counters take appointments in a period of a day. */
const CapacityPeriod = z.object({ startTime: z.string(), endTime: z.string(), counters: z.number().int() });
const BeforeAfter = z.object({ before: z.number().int(), after: z.number().int() });
export const RolloutPreviewDay = z.object({
  day: Day,
  weekday: z.number().int(),
  /** A holiday or closure: no seats before or after. */
  closed: z.object({ kind: z.enum(['holiday', 'closure']), nameAr: z.string(), nameEn: z.string() }).nullable(),
  periods: z.object({ before: z.array(CapacityPeriod), after: z.array(CapacityPeriod) }),
  /** Active bookings (booked or checked in) that day, every service. */
  bookings: z.number().int(),
  /** Each bookable service: its slots with their seats before and after the plan and the seats already booked then (bookings share seats across services). */
  services: z.array(
    z.object({
      serviceId: z.string(),
      slotMinutes: z.number().int(),
      seats: BeforeAfter,
      bookings: z.number().int(),
      slots: z.array(z.object({ time: z.string(), ...BeforeAfter.shape, booked: z.number().int() })),
    }),
  ),
  /** The bookings the plan's schedule has no seat for: where a slot loses seats, those booked last. */
  unfit: z.array(UnfitBooking),
});
export const RolloutPreviewReply = z.object({ fromDay: Day, days: z.array(RolloutPreviewDay) });

/** The counter terminal's "My day": what the logged-in staff member finished today, at any counter (mean service time: start to finish). */
export const MyDayReply = z.object({ served: z.number().int().min(0), avgServiceMs: z.number().int().min(0).nullable() });

/** How many SMS messages a supervisor's broadcast queued (one per phone). */
export const SmsBroadcastReply = z.object({ queued: z.number().int() });

/**
 * The citizen's appointment page: the booking as its holder may see it (first name only; no CPR, phone or full name), the service's
 * "what to bring", and the hall's name, address, time zone and opening hours.
 */
export const AppointmentPageReply = z.object({
  appointment: z.object({
    reference: z.string(),
    status: AppointmentStatus,
    day: z.string(),
    slotStart: z.number().int(),
    slotEnd: z.number().int(),
    firstNameAr: z.string(),
    firstNameEn: z.string(),
  }),
  service: z.object({ id: z.string(), nameAr: z.string(), nameEn: z.string(), bringAr: z.string(), bringEn: z.string() }),
  hall: z.object({
    nameAr: z.string(),
    nameEn: z.string(),
    addressAr: z.string(),
    addressEn: z.string(),
    timeZone: z.string(),
    hours: z.array(OpeningHoursDay),
  }),
});
