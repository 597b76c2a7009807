// Request and reply shapes of every REST route and Socket.IO event. One schema per message.
import { z } from 'zod';
import { Cpr, CounterMode, CounterNumber, CounterSetup, Day, DeviceKind, Priority, Role, Service, ServiceId, Settings, TimeOfDay } from './domain.ts';
import { notObjectMember, RolloutCounter } from './domain.ts';
import { REFERENCE_CANDIDATE } from './reference.ts';

/** The id of a ticket, an appointment or a ticker message in the hall state. */
const StateId = (max: number) => z.string().min(1).max(max).refine(notObjectMember, 'no such id');

/** Every error, REST or socket ack, has this shape. */
export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
/** The `details` of WALKINS_HELD: the slot of the booking "call next" waits for, and when walk-ins are called again (epoch ms). */
export const WalkinsHeldDetails = z.object({ nextSlotAt: z.number().int(), walkinsFrom: z.number().int() });
/** The `details` of COUNTER_TAKEN: the display name of the staff member who holds the counter. */
export const CounterTakenDetails = z.object({ holder: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** A socket ack: the same data as the REST reply, or the same error. */
export type Ack<T> = { ok: true; data: T } | ({ ok: false } & ApiError);

const counterParam = z.object({ counter: z.coerce.number().pipe(CounterNumber) });
const empty = z.object({}).strict();

// --- auth and devices
export const PrinterTarget = z.string().regex(/^(virtual|usb|tcp:\/\/[A-Za-z0-9.-]+:\d{1,5})$/, 'a printer is "virtual", "usb" or "tcp://HOST:PORT"');
/**
 * A request a screen makes by itself (a timed refresh) carries this header set to 1: it is not a
 * person's activity, so it does not keep a staff session from going idle.
 */
export const BACKGROUND_HEADER = 'x-dor-background';
export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();
export const PairingCodeBody = z.object({ kind: DeviceKind, name: z.string().min(1).max(80), printer: PrinterTarget.nullable().default(null) }).strict();
export const PairBody = z.object({ code: z.string().min(4).max(16) }).strict();
export const Empty = empty;

// --- kiosk
/**
 * An idempotency key: one per citizen action at the kiosk, one per click at a counter, sent again
 * unchanged when the screen retries after losing the reply, so the hub answers with what it already
 * did (the ticket it issued, the ticket it called) instead of doing it twice.
 */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a requestId is 8–64 letters, digits, _ or -');
export const Phone = z.string().regex(/^(\+973)?[36]\d{7}$/, 'a Bahraini mobile number is 8 digits starting with 3 or 6 (optionally +973)');
export const WalkinBody = z
  .object({
    serviceId: ServiceId,
    priority: z._default(Priority, 'none'),
    cpr: z.nullable(Cpr).default(null),
    /** Optional, never required: where "your turn is near" and "called" are sent by SMS. */
    phone: Phone.nullable().default(null),
    requestId: RequestId.optional(),
  })
  .strict();
/** Whose ticket to print again: the citizen's CPR or booking reference, or the status link's token (a walk-in's phone). */
export const ReprintBody = z.union([
  z.object({ cpr: Cpr }).strict(),
  z.object({ reference: z.string().regex(REFERENCE_CANDIDATE, 'a booking reference is 4–12 letters and digits') }).strict(),
  z.object({ statusToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a status link token') }).strict(),
]);
export const CheckInBody = z.union([
  z.object({ cpr: Cpr, requestId: RequestId.optional() }).strict(),
  z
    .object({
      reference: z.string().regex(REFERENCE_CANDIDATE, 'a booking reference is 4–12 letters and digits'),
      requestId: RequestId.optional(),
    })
    .strict(),
]);
export const StatusTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'malformed status token') }).strict();

// --- counters
export const CounterParam = counterParam.strict();
/** A counter terminal's command: the counter and the click's idempotency key. */
const counterCommand = counterParam.extend({ requestId: RequestId.optional() });
export const CounterCommandBody = counterCommand.strict();
export const CounterModeBody = counterParam.extend({ mode: CounterMode }).strict();
export const CallTicketBody = counterCommand.extend({ ticketId: StateId(60) }).strict();
export const FinishBody = counterCommand.extend({ outcome: z.string().min(1).max(40), note: z.string().max(500).nullable().default(null) }).strict();
export const TransferBody = counterCommand
  .extend({
    toServiceId: z.nullable(ServiceId).default(null),
    toCounter: z.nullable(CounterNumber).default(null),
  })
  .strict()
  .refine((b) => b.toServiceId !== null || b.toCounter !== null, { message: 'choose a service or a counter to transfer to' });
export const PauseBody = counterCommand.extend({ reason: z.string().min(1).max(120) }).strict();

// --- appointments
/** A real calendar date (not just the YYYY-MM-DD shape). */
export const CalendarDay = Day.check(
  z.refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar date'),
);
export const CreateAppointmentBody = z
  .object({
    serviceId: ServiceId,
    day: CalendarDay,
    time: TimeOfDay,
    cpr: Cpr,
    phone: Phone,
    // A first-time caller may give a name in one language only.
    nameAr: z.string().trim().max(120).default(''),
    nameEn: z.string().trim().max(120).default(''),
    notes: z.string().max(500).default(''),
  })
  .strict()
  .refine((b) => b.nameAr !== '' || b.nameEn !== '', { message: 'give a name in Arabic, in English or both', path: ['nameAr'] });
export const AppointmentIdParam = z.object({ id: StateId(60) }).strict();
/** A booking reference as a caller reads it out: spaces, dashes and lower case allowed. */
export const ReferenceParam = z.object({ reference: z.string().min(4).max(20) }).strict();
export const AppointmentsQuery = z.object({ day: z.optional(Day) }).strict();
export const RescheduleBody = z.object({ id: StateId(60), day: CalendarDay, time: TimeOfDay }).strict();
/** The slot picker: `days` days from `from` (default today), clipped to the booking horizon. */
export const SlotsQuery = z
  .object({
    serviceId: ServiceId,
    from: z.optional(CalendarDay),
    days: z.coerce.number().int().min(1).max(62).default(14),
  })
  .strict();
export const CitizenParam = z.object({ cpr: Cpr }).strict();
/** A weekly appointment schedule in force from `validFrom` (replacing one from the same date). */
export const ScheduleBody = z
  .object({
    validFrom: CalendarDay,
    periods: z
      .array(
        z
          .object({
            weekday: z.number().int().min(0).max(6),
            startTime: TimeOfDay,
            endTime: TimeOfDay,
            counters: z.number().int().min(0).max(999),
          })
          .strict()
          .refine((p) => p.startTime < p.endTime, { message: 'a period ends after it starts' }),
      )
      .max(70),
  })
  .strict();
/** A public holiday, or (closure: true) a one-off closure: no appointments that day. */
export const HolidayBody = z
  .object({
    day: CalendarDay,
    nameAr: z.string().min(1).max(120),
    nameEn: z.string().min(1).max(120),
    closure: z.boolean().default(false),
  })
  .strict();
/** `dropped`: no longer true when its moment came (a "your turn is near" held by quiet hours after the ticket was called). */
export const OutboxStatus = z.enum(['queued', 'sent', 'failed', 'dropped']);
export const OutboxQuery = z.object({ status: OutboxStatus.optional() }).strict();
/** The day of a holiday or closure to remove. */
export const HolidayDayParam = z.object({ day: CalendarDay }).strict();

// --- settings
export const SettingsBody = z.strictObject(Settings.shape);

export const SnapshotQuery = empty;
export { Role };

// --- kiosk devices and printers
export const KioskExitBody = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4–8 digits') }).strict();
export const KioskPinBody = KioskExitBody;
export const DevicePrinterBody = z.object({ id: z.coerce.number().int().min(1), printer: PrinterTarget.nullable() }).strict();
export const TestPrintBody = z
  .object({
    printer: PrinterTarget.optional(),
    deviceId: z.number().int().min(1).optional(),
    width: z.union([z.literal(58), z.literal(80)]).optional(),
  })
  .strict()
  .refine((b) => (b.printer === undefined) !== (b.deviceId === undefined), { message: 'give either a printer or a deviceId' });

// --- administering the hall (the supervisor console's settings pages)
// The shapes may hold zod/mini schemas (protocol/domain.ts): a default is recognised by zod's core class, which both APIs share.
type WithoutDefault<S> = S extends z.core.$ZodDefault<infer Inner> ? Inner : S;
/**
 * A partial update of `o`: every field optional and without its default, so an update changes only
 * the fields it names (a default would silently reset a field the caller left out).
 */
function changesOf<T extends z.core.$ZodLooseShape>(o: { shape: T }) {
  const withoutDefault = (s: z.core.$ZodType) => (s instanceof z.core.$ZodDefault ? s._zod.def.innerType : s);
  const shape = Object.fromEntries(Object.entries(o.shape).map(([k, s]) => [k, z.optional(withoutDefault(s))]));
  return z.object(shape as unknown as { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> }).strict();
}
const someChange = (fixed: number) => (b: object) => Object.keys(b).length > fixed;

/** Settings to change: each field given replaces that whole field (`hallName` needs both languages); the others keep their value. */
export const SettingsPatchBody = changesOf(Settings).refine(someChange(0), { message: 'name at least one setting to change' });

const serviceFields = z.object(Service.shape).omit({ id: true });
/** A new service: names and prefix at least; `id` (a slug) is made from the English name when not given, `sortOrder` puts it last. */
export const CreateServiceBody = serviceFields
  .extend({
    id: z.optional(ServiceId),
    defaultDurationMin: z._default(Service.shape.defaultDurationMin, 15),
    slotMinutes: z._default(Service.shape.slotMinutes, 15),
    bookable: z._default(Service.shape.bookable, true),
    kioskVisible: z._default(Service.shape.kioskVisible, true),
    sortOrder: z.optional(Service.shape.sortOrder),
    icon: z._default(Service.shape.icon, ''),
  })
  .strict();
/** A service's changes: each field given replaces its value, the others stay. */
export const UpdateServiceBody = changesOf(serviceFields)
  .extend({ id: ServiceId })
  .strict()
  .refine(someChange(1), { message: 'name at least one field to change' });

const counterFields = z.object(CounterSetup.shape).omit({ number: true });
/** A new counter: its number at least; a general counter for every service unless said otherwise. */
export const CreateCounterBody = z
  .object(CounterSetup.shape)
  .extend({
    mode: z._default(CounterMode, 'general'),
    serviceIds: z.array(ServiceId).max(50).default([]),
  })
  .strict();
/** A counter's changes: each field given replaces its value, the others stay. */
export const UpdateCounterBody = changesOf(counterFields)
  .extend({ ...counterParam.shape, serviceIds: z.array(ServiceId).max(50).optional() })
  .strict()
  .refine(someChange(1), { message: 'name at least one field to change' });

/** The hall's weekly opening hours: one entry per open weekday (0 = Sunday); a weekday left out is closed. */
export const OpeningHoursBody = z
  .object({
    days: z
      .array(
        z
          .object({ weekday: z.number().int().min(0).max(6), opens: TimeOfDay, closes: TimeOfDay })
          .strict()
          .refine((d) => d.opens < d.closes, { message: 'a day closes after it opens' }),
      )
      .max(7)
      .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, { message: 'each weekday at most once' }),
  })
  .strict();

export const DeviceIdParam = z.object({ id: z.coerce.number().int().min(1) }).strict();
export const DeviceRenameBody = DeviceIdParam.extend({ name: z.string().min(1).max(80) }).strict();

/** The audit log's filters (all optional, combined), newest first; page on with `before` = the last id of a page. */
export const AuditQuery = z
  .object({
    /** Everything one staff member did. */
    userId: z.coerce.number().int().min(1).optional(),
    /** One actor id exactly, e.g. `device:3:kiosk` or `system`. */
    actor: z.string().min(1).max(120).optional(),
    /** A kind (`user.create`) or an area (`user` or `user.`: every `user.…` kind). */
    kind: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)*\.?$/, 'a kind is dotted lowercase words, e.g. user.create or user.')
      .optional(),
    /** Hall days, both inclusive. */
    from: z.optional(CalendarDay),
    to: z.optional(CalendarDay),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is a day before to' });
// --- the supervisor's live hall
/** Why a supervisor acted: shown on the counter's terminal or kept in the audit log. */
const SupervisorReason = z.string().trim().min(1).max(120);
const TicketIdParam = { id: StateId(60) };
export const SupervisorCloseBody = counterParam.extend({ reason: SupervisorReason }).strict();
export const OutOfServiceBody = SupervisorCloseBody;
/** Today's services of a counter; empty = every service. */
export const CounterServicesBody = counterParam.extend({ serviceIds: z.array(ServiceId).max(50) }).strict();
export const MoveTicketBody = z
  .object({ ...TicketIdParam, toServiceId: z.nullable(ServiceId).default(null), toCounter: z.nullable(CounterNumber).default(null) })
  .strict()
  .refine((b) => b.toServiceId !== null || b.toCounter !== null, { message: 'choose a service or a counter to move the ticket to' });
export const CancelTicketBody = z.object({ ...TicketIdParam, reason: SupervisorReason }).strict();
/** A ticker message for the displays, in both languages, until `expiresAt` (epoch ms). */
export const TickerBody = z
  .object({ ar: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200), expiresAt: z.number().int().min(0) })
  .strict();
export const TickerIdParam = z.object({ id: StateId(40) }).strict();
// --- the rollout switch
const distinct = <T>(list: T[]) => new Set(list).size === list.length;
/** A rollout plan: from `fromDay`, these counters take appointments from `startTime` to `endTime` on these weekdays. */
const rolloutPlanFields = {
  fromDay: CalendarDay,
  counters: z
    .array(z.strictObject(RolloutCounter.shape))
    .min(1)
    .max(100)
    .refine((cs) => distinct(cs.map((c) => c.counter)), { message: 'each counter at most once' }),
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7).refine(distinct, { message: 'each weekday at most once' }),
  startTime: TimeOfDay,
  endTime: TimeOfDay,
};
const endsAfterStart = [(p: { startTime: string; endTime: string }) => p.startTime < p.endTime, { message: 'the hours end after they start' }] as const;
/** A plan to store: confirmed at once (its schedule written, its mode changes due on its day), or kept as a draft. */
export const RolloutPlanBody = z
  .object({ ...rolloutPlanFields, draft: z.boolean().default(false) })
  .strict()
  .refine(...endsAfterStart);
/** A plan to preview over `days` days from its day. */
export const RolloutPreviewBody = z
  .object({ ...rolloutPlanFields, days: z.number().int().min(1).max(60).default(14) })
  .strict()
  .refine(...endsAfterStart);
/** A plan's what-if: `days` open days like the hall's last four weeks, simulated under the modes in force now and under the plan. */
export const RolloutWhatIfBody = z
  .object({ ...rolloutPlanFields, days: z.number().int().min(1).max(10).default(5) })
  .strict()
  .refine(...endsAfterStart);
export const RolloutIdParam = z.object({ id: z.coerce.number().int().min(1) }).strict();
/** The bookings of a plan's list to move (by reference; none given: all of them). */
export const RolloutReseatBody = RolloutIdParam.extend({ references: z.array(z.string().trim().min(1).max(20)).min(1).max(1000).optional() }).strict();

// --- messages to citizens
/** A supervisor's SMS to everyone waiting today, in both languages (one SMS: keep it short). */
export const SmsBroadcastBody = z.object({ ar: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) }).strict();

// --- the citizen's appointment page (/a/<token>): the token in the path is the only key
/** An appointment page token (base64url, 256 bits when made by the hub). */
export const AppointmentPageToken = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'malformed appointment link');
export const AppointmentPageParam = z.object({ token: AppointmentPageToken }).strict();
export const AppointmentPageSlotsQuery = z
  .object({ token: AppointmentPageToken, from: z.optional(CalendarDay), days: z.coerce.number().int().min(1).max(31).default(7) })
  .strict();
export const AppointmentPageMoveBody = z.object({ token: AppointmentPageToken, day: CalendarDay, time: TimeOfDay }).strict();
