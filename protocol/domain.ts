// Domain vocabulary shared by the engine, the hub, the database and the UIs. Written with zod/mini
// (as are ./events.ts, ./state.ts and ./feed.ts): the display and the kiosk parse every snapshot and
// delta with these schemas, and zod/mini's functions tree-shake where the classic API's methods do
// not (~10 KB gzip less on those screens). The hub's schemas (classic zod) take them as they are:
// both APIs share zod's core, so they nest, parse and convert to JSON Schema alike.
import * as z from 'zod/mini';

export const Priority = z.enum(['none', 'elderly', 'disability', 'pregnancy']);
export type Priority = z.infer<typeof Priority>;

export const TicketKind = z.enum(['appointment', 'walkin']);
export type TicketKind = z.infer<typeof TicketKind>;

export const TicketStatus = z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const CounterMode = z.enum(['appointment', 'general', 'mixed']);
export type CounterMode = z.infer<typeof CounterMode>;

export const AppointmentStatus = z.enum(['booked', 'checked_in', 'late_converted', 'no_show', 'cancelled']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const Role = z.enum(['counter', 'callcenter', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const DeviceKind = z.enum(['kiosk', 'display']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Bahraini personal number: 9 digits. */
export const Cpr = z.string().check(z.regex(/^\d{9}$/, 'CPR must be exactly 9 digits'));
/** A local calendar date of the hall, YYYY-MM-DD. */
export const Day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
/** A local time of day, HH:MM (24 h). */
export const TimeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM'));
export const CounterNumber = z.int().check(z.minimum(1), z.maximum(999));
/**
 * For an id the hub looks up among the keys of its state (services, tickets, appointments, ticker messages): not a name every
 * object has (`__proto__`, `constructor`, `toString`…), which such a lookup would find.
 */
export const notObjectMember = (id: string) => !(id in Object.prototype);
export const ServiceId = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'service ids are lowercase slugs'), z.refine(notObjectMember, 'no such service'));
/** Queue prefix letter. `A` is reserved for appointments by default. */
export const QueuePrefix = z.string().check(z.regex(/^[A-Z]$/, 'a queue prefix is one capital letter'));
export const Bilingual = z.object({ ar: z.string().check(z.minLength(1), z.maxLength(200)), en: z.string().check(z.minLength(1), z.maxLength(200)) });
/** A colour as the screens paint it: `#rrggbb`. */
export const HexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'));

export const Service = z.object({
  id: ServiceId,
  nameAr: z.string().check(z.minLength(1), z.maxLength(120)),
  nameEn: z.string().check(z.minLength(1), z.maxLength(120)),
  prefix: QueuePrefix,
  defaultDurationMin: z.int().check(z.minimum(1), z.maximum(240)),
  slotMinutes: z.int().check(z.minimum(5), z.maximum(240)),
  bookable: z.boolean(),
  kioskVisible: z.boolean(),
  sortOrder: z.int(),
  icon: z.string().check(z.maxLength(40)),
  // Added later: a stored service or checkpoint without them reads as these defaults.
  /** The colour of its kiosk tile and queue on the screens. */
  colour: z._default(HexColour, '#1f6f8b'),
  /** Inactive: no new tickets or bookings (the kiosk stops offering it); its tickets already issued are still served. */
  active: z._default(z.boolean(), true),
  /** What to bring to the appointment, shown on the citizen's appointment page (empty: nothing said). */
  bringAr: z._default(z.string().check(z.maxLength(500)), ''),
  bringEn: z._default(z.string().check(z.maxLength(500)), ''),
});
export type Service = z.infer<typeof Service>;

export const Settings = z.object({
  hallName: Bilingual,
  timeZone: z.string().check(z.refine(isTimeZone, 'unknown IANA time zone')),
  appointmentPrefix: QueuePrefix,
  /** Check-in opens this many minutes before the slot… */
  checkInEarlyMinutes: z.int().check(z.minimum(0), z.maximum(240)),
  /** …and closes this many minutes after its start. */
  checkInLateMinutes: z.int().check(z.minimum(0), z.maximum(240)),
  /** A late citizen gets a walk-in ticket for the same service instead of being turned away. */
  lateConvertsToWalkin: z.boolean(),
  /** Walk-in order = effective wait × weight of the priority category. */
  priorityWeights: z.object({
    none: z.number().check(z.minimum(0.1), z.maximum(10)),
    elderly: z.number().check(z.minimum(0.1), z.maximum(10)),
    disability: z.number().check(z.minimum(0.1), z.maximum(10)),
    pregnancy: z.number().check(z.minimum(0.1), z.maximum(10)),
  }),
  /** Recalls allowed before a called ticket counts as a no-show. */
  maxRecalls: z.int().check(z.minimum(0), z.maximum(10)),
  /** A no-show goes back to the queue once (keeping its place) before it leaves for good. */
  noShowRequeueOnce: z.boolean(),
  /** An appointment counter with no due appointment may call an early arrival. */
  appointmentCountersServeEarly: z.boolean(),
  /** An idle appointment counter helps walk-ins only if its next booked slot is further away than this. */
  walkinGuardMinutes: z.int().check(z.minimum(0), z.maximum(240)),
  /** How many recent service times per service feed the median for estimated waits. */
  serviceTimeWindow: z.int().check(z.minimum(1), z.maximum(200)),
  tickerMessages: z.array(Bilingual).check(z.maxLength(20)),
  /** Printed at the bottom of every ticket (e.g. the booking hotline). */
  ticketFooter: Bilingual,
  /** Paper width of the kiosks' ticket printers, in mm. */
  printerWidth: z.union([z.literal(58), z.literal(80)]),
  /** The outcomes a counter picks from when it finishes a ticket (reports group by them). */
  outcomeCodes: z
    .array(
      z.object({
        code: z.string().check(z.regex(/^[a-z_]{2,40}$/)),
        ar: z.string().check(z.minLength(1), z.maxLength(80)),
        en: z.string().check(z.minLength(1), z.maxLength(80)),
      }),
    )
    .check(z.minLength(1), z.maxLength(30)),
  /**
   * The kiosk guard against a stuck button or a script (check-ins count too): a kiosk may issue
   * `kioskTicketsBurst` tickets at once, then `kioskTicketsPerMinute` a minute (a token bucket).
   */
  kioskTicketsPerMinute: z.int().check(z.minimum(1), z.maximum(1000)),
  kioskTicketsBurst: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 10),
  /** How many days ahead (after today) a citizen may book; today + this is the last bookable day. */
  bookingHorizonDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 30),
  /** The service-level target: `targetPercent` % of citizens called within `targetMinutes` (per service where `perService` says otherwise). */
  serviceLevel: z._default(
    z.object({
      targetMinutes: z.int().check(z.minimum(1), z.maximum(240)),
      targetPercent: z.int().check(z.minimum(1), z.maximum(100)),
      perService: z.record(ServiceId, z.int().check(z.minimum(1), z.maximum(240))),
    }),
    { targetMinutes: 20, targetPercent: 80, perService: {} },
  ),
  /** The kiosk goes back to its start screen (in Arabic) after this long without a touch. */
  kioskIdleSeconds: z._default(z.int().check(z.minimum(10), z.maximum(600)), 30),
  /** A staff session ends after this long without a request or a socket event (besides its absolute 12 h). */
  sessionIdleMinutes: z._default(z.int().check(z.minimum(5), z.maximum(720)), 60),
  // --- messages to citizens (server/messages.ts)
  /** The reminder of tomorrow's appointments goes out at this local time the day before. */
  reminderDayBeforeAt: z._default(TimeOfDay, '18:00'),
  /** A second reminder this many minutes before the slot; 0: none. */
  reminderBeforeMinutes: z._default(z.int().check(z.minimum(0), z.maximum(720)), 120),
  /** "Your turn is near" goes to a waiting ticket's phone when at most this many people are ahead of it and itself, counted as the counters will call. */
  nearTurnPosition: z._default(z.int().check(z.minimum(1), z.maximum(50)), 3),
  /**
   * No SMS from `from` until `to` (local times, across midnight if `to` is earlier), except "called";
   * the others wait until `to`. Equal times: no quiet hours.
   */
  quietHours: z._default(z.object({ from: TimeOfDay, to: TimeOfDay }), { from: '21:00', to: '07:00' }),
  /** The last line of every SMS (e.g. the booking hotlines). */
  smsSignature: z._default(Bilingual, { ar: 'للاستفسار: 80008001 أو 17582288', en: 'Enquiries: 80008001 or 17582288' }),
  /** The hall's street address on the citizen's appointment page (empty: not shown). */
  hallAddress: z._default(z.object({ ar: z.string().check(z.maxLength(200)), en: z.string().check(z.maxLength(200)) }), { ar: '', en: '' }),
});
export type Settings = z.infer<typeof Settings>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_SETTINGS: Settings = {
  hallName: { ar: 'وزارة الإسكان — قاعة خدمة العملاء', en: 'Ministry of Housing — Customer Service Hall' },
  timeZone: 'Asia/Bahrain',
  appointmentPrefix: 'A',
  checkInEarlyMinutes: 30,
  checkInLateMinutes: 15,
  lateConvertsToWalkin: true,
  priorityWeights: { none: 1, elderly: 1.5, disability: 1.5, pregnancy: 1.5 },
  maxRecalls: 2,
  noShowRequeueOnce: false,
  appointmentCountersServeEarly: true,
  walkinGuardMinutes: 10,
  serviceTimeWindow: 20,
  // The ministry's published booking hotlines.
  tickerMessages: [{ ar: 'للحجز اتصل على الخط الساخن 80008001 أو 17582288', en: 'To book a visit call the hotline 80008001 or 17582288' }],
  ticketFooter: { ar: 'لحجز موعد: 80008001 — 17582288', en: 'Book your visit: 80008001 / 17582288' },
  printerWidth: 80,
  outcomeCodes: [
    { code: 'served', ar: 'تمت الخدمة', en: 'Served' },
    { code: 'info_given', ar: 'تم تقديم المعلومات', en: 'Information given' },
    { code: 'documents_missing', ar: 'مستندات ناقصة', en: 'Documents missing' },
    { code: 'referred', ar: 'أُحيل إلى جهة أخرى', en: 'Referred elsewhere' },
    { code: 'other', ar: 'أخرى', en: 'Other' },
  ],
  kioskTicketsPerMinute: 30,
  kioskTicketsBurst: 10,
  bookingHorizonDays: 30,
  serviceLevel: { targetMinutes: 20, targetPercent: 80, perService: {} },
  kioskIdleSeconds: 30,
  sessionIdleMinutes: 60,
  reminderDayBeforeAt: '18:00',
  reminderBeforeMinutes: 120,
  nearTurnPosition: 3,
  quietHours: { from: '21:00', to: '07:00' },
  smsSignature: { ar: 'للاستفسار: 80008001 أو 17582288', en: 'Enquiries: 80008001 or 17582288' },
  hallAddress: { ar: '', en: '' },
};

export const Ticket = z.object({
  id: z.string(),
  day: Day,
  prefix: QueuePrefix,
  number: z.int().check(z.minimum(1)),
  label: z.string(),
  kind: TicketKind,
  serviceId: ServiceId,
  priority: Priority,
  status: TicketStatus,
  /** Kept through transfers and requeues: the citizen's place in line. */
  issuedAt: z.int(),
  appointmentId: z.nullable(z.string()),
  slotStart: z.nullable(z.int()),
  counter: z.nullable(CounterNumber),
  /** Set by a transfer to a specific counter: only that counter may call it. */
  targetCounter: z.nullable(CounterNumber),
  calledAt: z.nullable(z.int()),
  startedAt: z.nullable(z.int()),
  finishedAt: z.nullable(z.int()),
  recalls: z.int().check(z.minimum(0)),
  transfers: z.int().check(z.minimum(0)),
  requeued: z.boolean(),
  outcome: z.nullable(z.string()),
  note: z.nullable(z.string()),
  /** Unguessable token of the citizen's mobile status page. Never public. */
  statusToken: z.string(),
  /** CPR a walk-in typed at the kiosk, or the appointment's. Never public. */
  cpr: z.nullable(Cpr),
});
export type Ticket = z.infer<typeof Ticket>;

export const Counter = z.object({
  number: CounterNumber,
  /** Its standing mode, kept from day to day until changed. */
  mode: CounterMode,
  /** Services this counter handles; empty = all. */
  serviceIds: z.array(ServiceId),
  // Added later: a stored counter or checkpoint without them reads as these defaults.
  /** An optional name beside the number (e.g. "Appointments"); empty: the number alone. */
  nameAr: z._default(z.string().check(z.maxLength(60)), ''),
  nameEn: z._default(z.string().check(z.maxLength(60)), ''),
  /** Inactive: it cannot be opened (a counter taken out of the hall). */
  active: z._default(z.boolean(), true),
  open: z.boolean(),
  userId: z.nullable(z.int()),
  paused: z.boolean(),
  pauseReason: z.nullable(z.string()),
  currentTicketId: z.nullable(z.string()),
});
export type Counter = z.infer<typeof Counter>;
/** The set-up of a counter: what an admin edits (its live state — open, user, ticket — is the engine's). */
export const CounterSetup = z.pick(Counter, { number: true, nameAr: true, nameEn: true, mode: true, serviceIds: true, active: true });
export type CounterSetup = z.infer<typeof CounterSetup>;

export const Appointment = z.object({
  id: z.string(),
  reference: z.string(),
  serviceId: ServiceId,
  day: Day,
  slotStart: z.int(),
  slotEnd: z.int(),
  status: AppointmentStatus,
  cpr: Cpr,
  phone: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  notes: z.string(),
  ticketId: z.nullable(z.string()),
  /** The key of the citizen's appointment page (`/a/<token>`): never public, never changed. Read as '' from an event stored before it existed. */
  pageToken: z._default(z.string(), ''),
});
export type Appointment = z.infer<typeof Appointment>;

/** What a public screen (display board, kiosk) may know of a ticket. */
export const PublicTicket = z.omit(Ticket, { statusToken: true, cpr: true, note: true, outcome: true });
export type PublicTicket = z.infer<typeof PublicTicket>;
/** What a public screen may know of an appointment: no name, CPR, phone or reference. */
export const PublicAppointment = z.pick(Appointment, { id: true, serviceId: true, day: true, slotStart: true, slotEnd: true, status: true, ticketId: true });
export type PublicAppointment = z.infer<typeof PublicAppointment>;

// --- the supervisor's live hall

/** A message a supervisor broadcasts to the displays' ticker; shown until `expiresAt` unless removed first. */
export const TickerMessage = z.object({
  id: z.string(),
  ar: z.string().check(z.minLength(1), z.maxLength(200)),
  en: z.string().check(z.minLength(1), z.maxLength(200)),
  expiresAt: z.int(),
  /** When it was first broadcast. */
  at: z.int(),
});
export type TickerMessage = z.infer<typeof TickerMessage>;
/** How many ticker messages may run at once (a display has room for a few). */
export const MAX_ACTIVE_TICKER = 10;

/** A counter a supervisor took out of service for the rest of the day: it cannot be opened until restored or the next day. */
export const OutOfService = z.object({ reason: z.string(), at: z.int() });
export type OutOfService = z.infer<typeof OutOfService>;

/** Who closed a counter other than its own holder (the terminal says so). */
export const CounterClosedBy = z.enum(['supervisor']);
export type CounterClosedBy = z.infer<typeof CounterClosedBy>;

/** The cancel reason of the waiting tickets when a supervisor ends the day early. */
export const DAY_ENDED_REASON = 'day_ended';

// --- the rollout switch

/** A counter of a rollout plan and the mode it takes from the plan's day: it takes appointments, alone or with walk-ins. */
export const RolloutCounter = z.object({ counter: CounterNumber, mode: z.enum(['appointment', 'mixed'] as const satisfies readonly CounterMode[]) });
export type RolloutCounter = z.infer<typeof RolloutCounter>;
/**
 * A rollout plan is a `draft` until confirmed, then `scheduled` (its appointment schedule is written) until the hub switches its
 * counters at opening time of its day (`applied`); a plan not yet applied can be `cancelled`.
 */
export const RolloutStatus = z.enum(['draft', 'scheduled', 'applied', 'cancelled']);
export type RolloutStatus = z.infer<typeof RolloutStatus>;
