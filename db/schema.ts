// Drizzle schema of the hall's SQLite database (timestamps are epoch milliseconds).
// `events` is append-only by convention: the repositories expose no update or delete for it.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const services = sqliteTable('services', {
  id: text('id').primaryKey(),
  nameAr: text('name_ar').notNull(),
  nameEn: text('name_en').notNull(),
  prefix: text('prefix').notNull().unique(),
  defaultDurationMin: integer('default_duration_min').notNull(),
  slotMinutes: integer('slot_minutes').notNull(),
  bookable: integer('bookable', { mode: 'boolean' }).notNull(),
  kioskVisible: integer('kiosk_visible', { mode: 'boolean' }).notNull(),
  sortOrder: integer('sort_order').notNull(),
  icon: text('icon').notNull(),
  colour: text('colour').notNull().default('#1f6f8b'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  bringAr: text('bring_ar').notNull().default(''),
  bringEn: text('bring_en').notNull().default(''),
});

export const counters = sqliteTable('counters', {
  number: integer('number').primaryKey(),
  mode: text('mode').notNull(),
  serviceIds: text('service_ids', { mode: 'json' }).$type<string[]>().notNull(),
  open: integer('open', { mode: 'boolean' }).notNull(),
  userId: integer('user_id'),
  paused: integer('paused', { mode: 'boolean' }).notNull(),
  pauseReason: text('pause_reason'),
  currentTicketId: text('current_ticket_id'),
  nameAr: text('name_ar').notNull().default(''),
  nameEn: text('name_en').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: integer('created_at').notNull(),
  /** Set (epoch ms) while the account is disabled: it cannot log in and has no sessions. */
  disabledAt: integer('disabled_at'),
  /** A password set by an admin (new account, reset) must be replaced by its owner at the next login. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  /** Still the seeded demo password (the console warns); any password change clears it. */
  demoPassword: integer('demo_password', { mode: 'boolean' }).notNull().default(false),
});

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** The session's last request or socket event, written at most once a minute: idle sessions end (`sessionIdleMinutes`). */
    lastSeenAt: integer('last_seen_at').notNull().default(0),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const devices = sqliteTable('devices', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  printer: text('printer'),
  createdAt: integer('created_at').notNull(),
  pairedAt: integer('paired_at'),
  revoked: integer('revoked', { mode: 'boolean' }).notNull().default(false),
  /** The last authenticated request or socket connection of the device, recorded at most once a minute. */
  lastSeenAt: integer('last_seen_at'),
});

export const deviceTokens = sqliteTable(
  'device_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('device_tokens_device_idx').on(t.deviceId)],
);

export const pairingCodes = sqliteTable(
  'pairing_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('pairing_codes_device_idx').on(t.deviceId)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
});

export const openingHours = sqliteTable('opening_hours', {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: integer('weekday').primaryKey(),
  /** HH:MM local time. */
  opens: text('opens').notNull(),
  closes: text('closes').notNull(),
});

/**
 * How many counters take appointments in a weekly period. The rows sharing one `validFrom` form a
 * whole weekly schedule, in force from that date (inclusive) until the next `validFrom`: so the
 * switch from the pilot to the rollout is a new set of rows from the rollout date.
 */
export const appointmentSchedule = sqliteTable(
  'appointment_schedule',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** YYYY-MM-DD local date from which this weekly schedule applies. */
    validFrom: text('valid_from').notNull().default('2000-01-01'),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    counters: integer('counters').notNull(),
  },
  (t) => [index('appointment_schedule_weekday_idx').on(t.weekday)],
);

export const holidays = sqliteTable('holidays', {
  /** YYYY-MM-DD local date. */
  day: text('day').primaryKey(),
  nameAr: text('name_ar').notNull(),
  nameEn: text('name_en').notNull(),
  /** A one-off closure (maintenance, an event) rather than a public holiday; both take no bookings. */
  closure: integer('closure', { mode: 'boolean' }).notNull().default(false),
});

export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    day: text('day').notNull(),
    slotStart: integer('slot_start').notNull(),
    slotEnd: integer('slot_end').notNull(),
    status: text('status').notNull(),
    cpr: text('cpr').notNull(),
    phone: text('phone').notNull(),
    nameAr: text('name_ar').notNull(),
    nameEn: text('name_en').notNull(),
    notes: text('notes').notNull(),
    ticketId: text('ticket_id'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    /** The key of the citizen's appointment page (`/a/<token>`, the link in the SMS): base64url of 32 random bytes, never changed. */
    pageToken: text('page_token').notNull().unique(),
  },
  (t) => [index('appointments_day_idx').on(t.day), index('appointments_cpr_idx').on(t.cpr), index('appointments_slot_start_idx').on(t.slotStart)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    day: text('day').notNull(),
    prefix: text('prefix').notNull(),
    number: integer('number').notNull(),
    label: text('label').notNull(),
    kind: text('kind').notNull(),
    serviceId: text('service_id').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    issuedAt: integer('issued_at').notNull(),
    appointmentId: text('appointment_id'),
    slotStart: integer('slot_start'),
    counter: integer('counter'),
    targetCounter: integer('target_counter'),
    calledAt: integer('called_at'),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    recalls: integer('recalls').notNull(),
    transfers: integer('transfers').notNull(),
    requeued: integer('requeued', { mode: 'boolean' }).notNull(),
    outcome: text('outcome'),
    note: text('note'),
    statusToken: text('status_token').notNull().unique(),
    cpr: text('cpr'),
  },
  (t) => [uniqueIndex('tickets_day_prefix_number_uq').on(t.day, t.prefix, t.number), index('tickets_day_status_idx').on(t.day, t.status)],
);

export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    day: text('day').notNull(),
    type: text('type').notNull(),
    actor: text('actor').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
  },
  (t) => [index('events_type_idx').on(t.type), index('events_day_idx').on(t.day)],
);

/**
 * Kiosk requests that issued a ticket, by the kiosk's idempotency key (`requestId`, one per citizen
 * action): a repeat of the key (the kiosk lost the reply and retried) gets the same ticket back
 * instead of a second one. Written in the ticket's own transaction; rows older than two days are
 * dropped as new ones are written.
 */
export const kioskRequests = sqliteTable(
  'kiosk_requests',
  {
    deviceId: integer('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
    /** Hash of the operation and its body (without the requestId): the same key with another body is refused. */
    bodyHash: text('body_hash').notNull(),
    ticketId: text('ticket_id').notNull(),
    /** Check-ins: `checked_in` or `late_converted`; null for walk-ins. */
    outcome: text('outcome'),
    /** When the ticket came out of the kiosk's printer; null until a print succeeded. */
    printedAt: integer('printed_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.requestId] }), index('kiosk_requests_created_idx').on(t.createdAt)],
);

/**
 * Counter commands that changed the hall, by the staff member's idempotency key (`requestId`, one
 * per click): a repeat of the key (the terminal lost the reply and retried) gets the first reply
 * back instead of a second call or finish. Written in the command's own transaction; rows older
 * than two days are dropped as new ones are written.
 */
export const counterRequests = sqliteTable(
  'counter_requests',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestId: text('request_id').notNull(),
    /** Hash of the operation and its body (without the requestId): the same key with another body is refused. */
    bodyHash: text('body_hash').notNull(),
    /** The reply the first request got, answered again to every repeat. */
    reply: text('reply', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.requestId] }), index('counter_requests_created_idx').on(t.createdAt)],
);

/** Messages to citizens (booking confirmations), written in the same transaction as the booking and delivered by a worker. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    to: text('to').notNull(),
    body: text('body').notNull(),
    /** queued | sent | failed */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    appointmentId: text('appointment_id'),
    /** What the message says (server/messages.ts MessageKind): `booked`, `reminder_day`, `near_turn`, `called`, `broadcast`, … */
    kind: text('kind').notNull().default('booked'),
    /** The ticket it is about (near turn, called, broadcast), if any. */
    ticketId: text('ticket_id'),
    /** A message that must exist once at most (a reminder, "your turn is near"): a second insert with the same key is dropped. */
    onceKey: text('once_key').unique(),
  },
  (t) => [index('outbox_status_next_idx').on(t.status, t.nextAttemptAt), index('outbox_appointment_idx').on(t.appointmentId)],
);

// --- Citizen inquiries. Citizens, their applications and letters come from the ministry's system
// (imported, see docs/IMPORT.md); agents update contact details, the IBAN and family members, each
// change audited in citizen_audit (who, when, old → new).

export const citizens = sqliteTable('citizens', {
  cpr: text('cpr').primaryKey(),
  nameAr: text('name_ar').notNull(),
  nameEn: text('name_en').notNull(),
  phone: text('phone'),
  address: text('address'),
  /** Normalised: upper case, no spaces. */
  iban: text('iban'),
  /**
   * `imported`: from the ministry's registry. `provisional`: a first-time caller booked by an agent (names and phone only),
   * until an import of the same CPR merges with it.
   */
  registry: text('registry', { enum: ['imported', 'provisional'] })
    .notNull()
    .default('imported'),
  updatedAt: integer('updated_at').notNull(),
});

export const familyMembers = sqliteTable(
  'family_members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cpr: text('cpr')
      .notNull()
      .references(() => citizens.cpr, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    /** YYYY-MM-DD. */
    dateOfBirth: text('date_of_birth').notNull(),
    memberCpr: text('member_cpr'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('family_members_cpr_idx').on(t.cpr)],
);

export const housingApplications = sqliteTable(
  'housing_applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cpr: text('cpr')
      .notNull()
      .references(() => citizens.cpr, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** The ministry's application number: the key of re-imports. */
    number: text('number').notNull().unique(),
    status: text('status').notNull(),
    /** YYYY-MM-DD. */
    submittedDay: text('submitted_day').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('housing_applications_cpr_idx').on(t.cpr)],
);

export const applicationStatusHistory = sqliteTable(
  'application_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => housingApplications.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('application_status_history_app_idx').on(t.applicationId)],
);

export const letters = sqliteTable(
  'letters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cpr: text('cpr')
      .notNull()
      .references(() => citizens.cpr, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    /** YYYY-MM-DD. */
    receivedDay: text('received_day').notNull(),
    status: text('status').notNull(),
    /** The ministry's correspondence reference: the key of re-imports. */
    reference: text('reference').notNull().unique(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('letters_cpr_idx').on(t.cpr)],
);

/** Append-only: one row per changed field (phone, address, iban, family). */
export const citizenAudit = sqliteTable(
  'citizen_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cpr: text('cpr').notNull(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** The staff member's display name. */
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('citizen_audit_cpr_idx').on(t.cpr)],
);

export const callLog = sqliteTable(
  'call_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cpr: text('cpr'),
    /** book | reschedule_cancel | application_status | letter | contact_bank_update | family_members | other */
    category: text('category').notNull(),
    note: text('note').notNull(),
    outcome: text('outcome').notNull(),
    /** The agent's display name. */
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
    /** YYYY-MM-DD local day of `at`. */
    day: text('day').notNull(),
  },
  (t) => [index('call_log_day_idx').on(t.day), index('call_log_cpr_idx').on(t.cpr)],
);

/**
 * Who changed what and when, append-only like `events` (the repository has no update or delete):
 * users, settings, devices, schedules and supervisor actions. `actor` is an actor id
 * (`user:3:admin`, see server/auth.ts actorOf); `before`/`after` are JSON snapshots of what changed
 * (null for a creation or a removal), never secrets such as password hashes.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    /** What happened, dotted by area: `user.create`, `user.password.reset`, `setup.done`, `settings.…`, `device.…`, `counter.…`. */
    kind: text('kind').notNull(),
    /** What it happened to, e.g. `user:7`. */
    target: text('target').notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_kind_idx').on(t.kind), index('audit_log_actor_idx').on(t.actor)],
);

/**
 * The supervisor's rollout plans: "from `fromDay` these counters take appointments (in their mode)
 * from `startTime` to `endTime` on these weekdays". `draft` until confirmed; confirming writes the
 * appointment schedule in force from `fromDay` (`scheduled`), the hub switches the counters' modes
 * at opening time that day (`applied`); a plan not yet applied can be `cancelled`.
 */
export const rolloutPlans = sqliteTable(
  'rollout_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** YYYY-MM-DD local date. */
    fromDay: text('from_day').notNull(),
    counters: text('counters', { mode: 'json' }).$type<{ counter: number; mode: 'appointment' | 'mixed' }[]>().notNull(),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: text('weekdays', { mode: 'json' }).$type<number[]>().notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    /** draft | scheduled | applied | cancelled */
    status: text('status').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    confirmedAt: integer('confirmed_at'),
    confirmedBy: text('confirmed_by'),
    appliedAt: integer('applied_at'),
    cancelledAt: integer('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    /** The schedule rows dated `fromDay` that confirming replaced (often none): a cancel puts them back. Null until confirmed. */
    replacedSchedule: text('replaced_schedule', { mode: 'json' }).$type<{ weekday: number; startTime: string; endTime: string; counters: number }[]>(),
  },
  (t) => [index('rollout_plans_status_idx').on(t.status)],
);

/**
 * The reports' fold of a closed hall day (reports/facts.ts), kept so a month's report need not
 * re-read its ~150,000 events. Derived from the events, which a closed day never gains again; a
 * row of another `version` (the fold changed) is folded anew from the events.
 */
export const reportDays = sqliteTable('report_days', {
  /** YYYY-MM-DD local date of a closed day. */
  day: text('day').primaryKey(),
  version: integer('version').notNull(),
  /** The day's facts as JSON. */
  facts: text('facts').notNull(),
});

/** The phone a walk-in typed at the kiosk (optional), for "your turn is near" and "called"; never on a public screen. */
export const ticketPhones = sqliteTable(
  'ticket_phones',
  {
    ticketId: text('ticket_id').primaryKey(),
    /** YYYY-MM-DD local day of the ticket. */
    day: text('day').notNull(),
    phone: text('phone').notNull(),
  },
  (t) => [index('ticket_phones_day_idx').on(t.day)],
);

/**
 * A citizen's answer to the status page's feedback question after service: one per ticket (the
 * primary key refuses a second), with who served it as the day's events say (reports group by them).
 */
export const feedback = sqliteTable(
  'feedback',
  {
    ticketId: text('ticket_id').primaryKey(),
    /** YYYY-MM-DD hall day of the ticket. */
    day: text('day').notNull(),
    /** The service it was issued for. */
    serviceId: text('service_id').notNull(),
    /** appointment | walkin, as issued. */
    kind: text('kind').notNull(),
    /** The counter that finished it and the staff member holding that counter then (null: not known). */
    counter: integer('counter'),
    userId: integer('user_id'),
    /** 1 (very unhappy) … 5 (very happy). */
    rating: integer('rating').notNull(),
    comment: text('comment').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('feedback_day_idx').on(t.day)],
);
