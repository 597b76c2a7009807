// Repositories: every SQL statement of the hub lives here. Synchronous (better-sqlite3), each
// function takes the database first. Callers group writes with `transaction()` from client.ts.
// Events are append-only: there is deliberately no update or delete for them.
// The queries run on every command or request are prepared once per database (see `prepared`).
import { and, asc, count, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, max, ne, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteInsertValue, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import {
  type Appointment, type AppointmentStatus, type Counter, type CounterMode, type DeviceKind, type Priority, type Role,
  type Service, type Ticket, type TicketKind, type TicketStatus, DEFAULT_SETTINGS, Settings,
} from '../protocol/domain.ts';
import type { HallEvent, StoredEvent } from '../protocol/events.ts';
import { type Db, transaction } from './client.ts';
import {
  appointmentSchedule, appointments, counters, devices, deviceTokens, events, holidays, kioskRequests, openingHours, outbox,
  pairingCodes, services, sessions, settings, tickets, users,
} from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Prepared statements. Building SQL with the query builder costs far more than running it, so
// the hot-path queries are built once per database, with `sql.placeholder` for their inputs.

const ACTIVE_APPOINTMENT: AppointmentStatus[] = ['booked', 'checked_in'];
const APPOINTMENTS_BY_SLOT = [asc(appointments.slotStart), asc(appointments.createdAt), asc(appointments.id)];
const $ = sql.placeholder;

/** `{ column: sql.placeholder('column') }` for every column of `table`, named after its property. */
function placeholders<T extends SQLiteTable>(table: T): SQLiteInsertValue<T> {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((k) => [k, $(k)])) as SQLiteInsertValue<T>;
}

/**
 * Inserts a whole row (one placeholder per column, named after its property); on a conflict on
 * `key`, sets every other column to the new row's value, except the columns named in `keep`.
 */
function prepareUpsert<T extends SQLiteTable>(db: Db, table: T, key: SQLiteColumn, keep: (keyof T['$inferSelect'] & string)[] = []) {
  const set = Object.fromEntries(Object.entries(getTableColumns(table))
    .filter(([k, column]) => column !== key && !keep.includes(k))
    .map(([k, column]) => [k, sql`excluded.${sql.identifier(column.name)}`])) as SQLiteUpdateSetSource<T>;
  return db.orm.insert(table).values(placeholders(table)).onConflictDoUpdate({ target: key, set }).prepare();
}

function prepareStatements(db: Db) {
  const { orm } = db;
  return {
    appendEvent: orm.insert(events)
      .values({ at: $('at'), day: $('day'), type: $('type'), actor: $('actor'), payload: $('payload') })
      .returning({ seq: events.seq }).prepare(),
    upsertTicket: prepareUpsert(db, tickets, tickets.id),
    upsertCounter: prepareUpsert(db, counters, counters.number),
    upsertAppointment: prepareUpsert(db, appointments, appointments.id, ['createdAt', 'createdBy']),
    // (drizzle's typings take no bare placeholder in `set`; wrapped in sql it binds the same)
    setAppointmentStatus: orm.update(appointments).set({ status: sql`${$('status')}` }).where(eq(appointments.id, $('id'))).prepare(),
    ticket: orm.select().from(tickets).where(eq(tickets.id, $('id'))).prepare(),
    ticketByStatusToken: orm.select().from(tickets).where(eq(tickets.statusToken, $('token'))).prepare(),
    appointment: orm.select().from(appointments).where(eq(appointments.id, $('id'))).prepare(),
    appointmentByReference: orm.select().from(appointments).where(eq(appointments.reference, $('ref'))).prepare(),
    appointmentsOfDay: orm.select().from(appointments).where(eq(appointments.day, $('day'))).orderBy(...APPOINTMENTS_BY_SLOT).prepare(),
    countActiveInSlot: orm.select({ n: count() }).from(appointments)
      .where(and(eq(appointments.slotStart, $('slotStart')), inArray(appointments.status, ACTIVE_APPOINTMENT)))
      .prepare(),
    activeAppointmentOf: orm.select().from(appointments)
      .where(and(
        eq(appointments.cpr, $('cpr')), eq(appointments.serviceId, $('serviceId')), gte(appointments.day, $('fromDay')),
        inArray(appointments.status, ACTIVE_APPOINTMENT),
      ))
      .orderBy(asc(appointments.slotStart)).limit(1).prepare(),
    sessionUser: orm.select({ user: users }).from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, $('tokenHash')), gt(sessions.expiresAt, $('now')), eq(users.active, true)))
      .prepare(),
    deviceByToken: orm.select({ device: devices }).from(deviceTokens)
      .innerJoin(devices, eq(devices.id, deviceTokens.deviceId))
      .where(and(eq(deviceTokens.tokenHash, $('tokenHash')), eq(devices.revoked, false)))
      .prepare(),
    appointmentSchedule: orm.select().from(appointmentSchedule)
      .orderBy(asc(appointmentSchedule.validFrom), asc(appointmentSchedule.weekday), asc(appointmentSchedule.startTime), asc(appointmentSchedule.id)).prepare(),
    scheduleVersionOn: orm.select({ validFrom: max(appointmentSchedule.validFrom) }).from(appointmentSchedule)
      .where(lte(appointmentSchedule.validFrom, $('day'))).prepare(),
    schedulePeriods: orm.select().from(appointmentSchedule)
      .where(and(eq(appointmentSchedule.validFrom, $('validFrom')), eq(appointmentSchedule.weekday, $('weekday'))))
      .orderBy(asc(appointmentSchedule.startTime), asc(appointmentSchedule.id)).prepare(),
    holiday: orm.select().from(holidays).where(eq(holidays.day, $('day'))).prepare(),
    countOverlapping: orm.select({ n: count() }).from(appointments)
      .where(and(
        lt(appointments.slotStart, $('end')), gt(appointments.slotEnd, $('start')), ne(appointments.id, $('excludeId')),
        inArray(appointments.status, ACTIVE_APPOINTMENT),
      ))
      .prepare(),
    holidays: orm.select().from(holidays).orderBy(asc(holidays.day)).prepare(),
    kioskRequest: orm.select().from(kioskRequests)
      .where(and(eq(kioskRequests.deviceId, $('deviceId')), eq(kioskRequests.requestId, $('requestId')))).prepare(),
    insertKioskRequest: orm.insert(kioskRequests).values(placeholders(kioskRequests)).prepare(),
    purgeKioskRequests: orm.delete(kioskRequests).where(lt(kioskRequests.createdAt, $('before'))).prepare(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
const statements = new WeakMap<Db, Statements>();

/** The prepared statements of `db`, built on first use. */
function prepared(db: Db): Statements {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepareStatements(db)));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Events

/** Appends `list` in order; returns their sequence numbers in the same order. */
export function appendEvents(db: Db, day: string, actor: string, list: HallEvent[]): number[] {
  if (list.length === 0) return [];
  const { appendEvent } = prepared(db);
  return transaction(db, () => list.map((event) => appendEvent.get({ at: event.at, day, type: event.type, actor, payload: event })!.seq));
}

type EventRow = typeof events.$inferSelect;
const toStored = (r: EventRow): StoredEvent => ({ seq: r.seq, actor: r.actor, event: r.payload as HallEvent });

/** The events of the current day: from the last `day_opened` (inclusive) to the end, in order. */
export function currentDayEvents(db: Db): StoredEvent[] {
  const last = db.orm.select({ seq: max(events.seq) }).from(events).where(eq(events.type, 'day_opened')).get();
  const from = last?.seq;
  if (from == null) return [];
  return db.orm.select().from(events).where(gte(events.seq, from)).orderBy(asc(events.seq)).all().map(toStored);
}

/** The highest sequence number stored, 0 when there is none. */
export function lastSeq(db: Db): number {
  return db.orm.select({ seq: max(events.seq) }).from(events).get()?.seq ?? 0;
}

/** Events with `fromSeq ≤ seq ≤ toSeq` (both inclusive), in order. */
export function eventsBetween(db: Db, fromSeq: number, toSeq: number): StoredEvent[] {
  return db.orm.select().from(events)
    .where(and(gte(events.seq, fromSeq), lte(events.seq, toSeq)))
    .orderBy(asc(events.seq)).all().map(toStored);
}

// ---------------------------------------------------------------------------------------------
// Row mappers

type TicketRow = typeof tickets.$inferSelect;
function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id, day: r.day, prefix: r.prefix, number: r.number, label: r.label, kind: r.kind as TicketKind,
    serviceId: r.serviceId, priority: r.priority as Priority, status: r.status as TicketStatus, issuedAt: r.issuedAt,
    appointmentId: r.appointmentId, slotStart: r.slotStart, counter: r.counter, targetCounter: r.targetCounter,
    calledAt: r.calledAt, startedAt: r.startedAt, finishedAt: r.finishedAt, recalls: r.recalls, transfers: r.transfers,
    requeued: r.requeued, outcome: r.outcome, note: r.note, statusToken: r.statusToken, cpr: r.cpr,
  };
}

type AppointmentRow = typeof appointments.$inferSelect;
function toAppointment(r: Omit<AppointmentRow, 'createdAt' | 'createdBy'>): Appointment {
  return {
    id: r.id, reference: r.reference, serviceId: r.serviceId, day: r.day, slotStart: r.slotStart, slotEnd: r.slotEnd,
    status: r.status as AppointmentStatus, cpr: r.cpr, phone: r.phone, nameAr: r.nameAr, nameEn: r.nameEn,
    notes: r.notes, ticketId: r.ticketId,
  };
}

type ServiceRow = typeof services.$inferSelect;
const toService = (r: ServiceRow): Service => ({
  id: r.id, nameAr: r.nameAr, nameEn: r.nameEn, prefix: r.prefix, defaultDurationMin: r.defaultDurationMin,
  slotMinutes: r.slotMinutes, bookable: r.bookable, kioskVisible: r.kioskVisible, sortOrder: r.sortOrder, icon: r.icon,
});

type CounterRow = typeof counters.$inferSelect;
const toCounter = (r: CounterRow): Counter => ({
  number: r.number, mode: r.mode as CounterMode, serviceIds: [...r.serviceIds], open: r.open, userId: r.userId,
  paused: r.paused, pauseReason: r.pauseReason, currentTicketId: r.currentTicketId,
});

// ---------------------------------------------------------------------------------------------
// Projections (current state, kept in step with the events in the same transaction)

// The mappers copy exactly the row's columns, nothing else: they are the statements' placeholder values.

export function upsertTicket(db: Db, t: Ticket): void {
  prepared(db).upsertTicket.run(toTicket(t));
}

export function upsertCounter(db: Db, c: Counter): void {
  prepared(db).upsertCounter.run(toCounter(c));
}

/** Inserts or updates every column; an update keeps the stored createdAt / createdBy. */
export function upsertAppointment(db: Db, a: Appointment & { createdAt?: number; createdBy?: string }): void {
  prepared(db).upsertAppointment.run({ ...toAppointment(a), createdAt: a.createdAt ?? Date.now(), createdBy: a.createdBy ?? 'system' });
}

export function setAppointmentStatus(db: Db, id: string, status: AppointmentStatus): void {
  prepared(db).setAppointmentStatus.run({ id, status });
}

// ---------------------------------------------------------------------------------------------
// Tickets

export function getTicket(db: Db, id: string): Ticket | null {
  const r = prepared(db).ticket.get({ id });
  return r ? toTicket(r) : null;
}

export function getTicketByStatusToken(db: Db, token: string): Ticket | null {
  const r = prepared(db).ticketByStatusToken.get({ token });
  return r ? toTicket(r) : null;
}

/** The tickets of a day, in order of issue. */
export function listTicketsOfDay(db: Db, day: string): Ticket[] {
  return db.orm.select().from(tickets).where(eq(tickets.day, day))
    .orderBy(asc(tickets.issuedAt), asc(tickets.prefix), asc(tickets.number)).all().map(toTicket);
}

// ---------------------------------------------------------------------------------------------
// Appointments

export function getAppointment(db: Db, id: string): Appointment | null {
  const r = prepared(db).appointment.get({ id });
  return r ? toAppointment(r) : null;
}

/** Looks a reference up case-insensitively (references are stored upper-case). */
export function getAppointmentByReference(db: Db, ref: string): Appointment | null {
  const r = prepared(db).appointmentByReference.get({ ref: ref.trim().toUpperCase() });
  return r ? toAppointment(r) : null;
}

/** The appointments of a day, by slot start. */
export function listAppointmentsOfDay(db: Db, day: string): Appointment[] {
  return prepared(db).appointmentsOfDay.all({ day }).map(toAppointment);
}

/** The appointments with `day ≤ appointment day ≤ toDay` (both inclusive), by slot start. */
export function listAppointmentsFrom(db: Db, day: string, toDay: string): Appointment[] {
  return db.orm.select().from(appointments).where(and(gte(appointments.day, day), lte(appointments.day, toDay)))
    .orderBy(...APPOINTMENTS_BY_SLOT).all().map(toAppointment);
}

/** Appointments holding a place in the slot starting at `slotStart` (status booked or checked_in). */
export function countActiveInSlot(db: Db, slotStart: number): number {
  return prepared(db).countActiveInSlot.get({ slotStart })?.n ?? 0;
}

/**
 * Active appointments (booked or checked_in) whose [slotStart, slotEnd) overlaps [start, end), other
 * than `excludeId` (the appointment being rescheduled): the seats already taken in that time.
 */
export function countOverlapping(db: Db, start: number, end: number, excludeId = ''): number {
  return prepared(db).countOverlapping.get({ start, end, excludeId })?.n ?? 0;
}

/** Active appointments overlapping [start, end), by slot start (for the slot picker). */
export function listActiveOverlapping(db: Db, start: number, end: number): Appointment[] {
  return db.orm.select().from(appointments)
    .where(and(lt(appointments.slotStart, end), gt(appointments.slotEnd, start), inArray(appointments.status, ACTIVE_APPOINTMENT)))
    .orderBy(...APPOINTMENTS_BY_SLOT).all().map(toAppointment);
}

/** Every appointment of a citizen, latest slot first. */
export function listAppointmentsOfCitizen(db: Db, cpr: string): Appointment[] {
  return db.orm.select().from(appointments).where(eq(appointments.cpr, cpr))
    .orderBy(desc(appointments.slotStart), desc(appointments.createdAt)).all().map(toAppointment);
}

/** The stored appointment events (booked, rescheduled, cancelled, checked in, …) of these appointments, in order. */
export function appointmentEvents(db: Db, ids: string[]): StoredEvent[] {
  if (ids.length === 0) return [];
  return db.orm.select().from(events)
    .where(and(
      sql`${events.type} like 'appointment_%'`,
      inArray(sql`coalesce(json_extract(${events.payload}, '$.appointmentId'), json_extract(${events.payload}, '$.appointment.id'))`, ids),
    ))
    .orderBy(asc(events.seq)).all().map(toStored);
}

/** The citizen's earliest active (booked or checked_in) appointment for the service on or after `fromDay`. */
export function activeAppointmentOf(db: Db, cpr: string, serviceId: string, fromDay: string): Appointment | null {
  const r = prepared(db).activeAppointmentOf.get({ cpr, serviceId, fromDay });
  return r ? toAppointment(r) : null;
}

// ---------------------------------------------------------------------------------------------
// Services and counters

export function listServices(db: Db): Service[] {
  return db.orm.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)).all().map(toService);
}

export function listCounters(db: Db): Counter[] {
  return db.orm.select().from(counters).orderBy(asc(counters.number)).all().map(toCounter);
}

export function insertService(db: Db, s: Service): void {
  db.orm.insert(services).values(toService(s)).run();
}

export function insertCounter(db: Db, c: Counter): void {
  db.orm.insert(counters).values(toCounter(c)).run();
}

// ---------------------------------------------------------------------------------------------
// Users and sessions

export type UserRow = {
  id: number; username: string; displayName: string; role: Role; passwordHash: string; active: boolean; createdAt: number;
};
const toUser = (r: typeof users.$inferSelect): UserRow => ({
  id: r.id, username: r.username, displayName: r.displayName, role: r.role as Role, passwordHash: r.passwordHash,
  active: r.active, createdAt: r.createdAt,
});

export function findUserByUsername(db: Db, username: string): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.username, username)).get();
  return r ? toUser(r) : null;
}

export function getUser(db: Db, id: number): UserRow | null {
  const r = db.orm.select().from(users).where(eq(users.id, id)).get();
  return r ? toUser(r) : null;
}

/** Creates an active user; returns its id. */
export function createUser(
  db: Db, u: { username: string; displayName: string; role: Role; passwordHash: string; active?: boolean; createdAt?: number },
): number {
  return db.orm.insert(users).values({
    username: u.username, displayName: u.displayName, role: u.role, passwordHash: u.passwordHash,
    active: u.active ?? true, createdAt: u.createdAt ?? Date.now(),
  }).returning({ id: users.id }).get().id;
}

export function createSession(db: Db, tokenHash: string, userId: number, now: number, expiresAt: number): void {
  db.orm.insert(sessions).values({ tokenHash, userId, createdAt: now, expiresAt }).run();
}

/** The user of a live session: null when unknown, expired (expiresAt ≤ now) or the user is inactive. */
export function getSessionUser(db: Db, tokenHash: string, now: number): UserRow | null {
  const r = prepared(db).sessionUser.get({ tokenHash, now });
  return r ? toUser(r.user) : null;
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.orm.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Deletes sessions with expiresAt ≤ now; returns how many. */
export function deleteExpiredSessions(db: Db, now: number): number {
  return db.orm.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}

// ---------------------------------------------------------------------------------------------
// Devices (kiosks and displays)

export type DeviceRow = {
  id: number; kind: DeviceKind; name: string; printer: string | null; createdAt: number; pairedAt: number | null; revoked: boolean;
};
const toDevice = (r: typeof devices.$inferSelect): DeviceRow => ({
  id: r.id, kind: r.kind as DeviceKind, name: r.name, printer: r.printer, createdAt: r.createdAt, pairedAt: r.pairedAt,
  revoked: r.revoked,
});

/** Registers a device (unpaired unless `opts.pairedAt`); returns its id. */
export function createDevice(
  db: Db, kind: DeviceKind, name: string, now: number, opts: { printer?: string | null; pairedAt?: number | null } = {},
): number {
  return db.orm.insert(devices).values({
    kind, name, printer: opts.printer ?? null, createdAt: now, pairedAt: opts.pairedAt ?? null, revoked: false,
  }).returning({ id: devices.id }).get().id;
}

export function createPairingCode(db: Db, deviceId: number, codeHash: string, expiresAt: number): void {
  db.orm.insert(pairingCodes).values({ codeHash, deviceId, expiresAt, usedAt: null }).run();
}

/**
 * Uses a pairing code once: only an unused, unexpired (expiresAt > now) code of a device that is not revoked.
 * Marks the code used and the device paired; returns the device, or null.
 */
export function consumePairingCode(db: Db, codeHash: string, now: number): DeviceRow | null {
  return transaction(db, () => {
    const found = db.orm.select({ deviceId: pairingCodes.deviceId }).from(pairingCodes)
      .innerJoin(devices, eq(devices.id, pairingCodes.deviceId))
      .where(and(
        eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt), gt(pairingCodes.expiresAt, now),
        eq(devices.revoked, false),
      ))
      .get();
    if (!found) return null;
    const used = db.orm.update(pairingCodes).set({ usedAt: now })
      .where(and(eq(pairingCodes.codeHash, codeHash), isNull(pairingCodes.usedAt))).run();
    if (used.changes !== 1) return null;
    db.orm.update(devices).set({ pairedAt: now }).where(eq(devices.id, found.deviceId)).run();
    return getDevice(db, found.deviceId);
  });
}

export function addDeviceToken(db: Db, deviceId: number, tokenHash: string, now: number): void {
  db.orm.insert(deviceTokens).values({ tokenHash, deviceId, createdAt: now }).run();
}

/** The device holding this token, unless revoked. */
export function findDeviceByToken(db: Db, tokenHash: string): DeviceRow | null {
  const r = prepared(db).deviceByToken.get({ tokenHash });
  return r ? toDevice(r.device) : null;
}

export function listDevices(db: Db): DeviceRow[] {
  return db.orm.select().from(devices).orderBy(asc(devices.id)).all().map(toDevice);
}

export function getDevice(db: Db, id: number): DeviceRow | null {
  const r = db.orm.select().from(devices).where(eq(devices.id, id)).get();
  return r ? toDevice(r) : null;
}

/** Revokes a device and drops its tokens and pending pairing codes. */
export function revokeDevice(db: Db, id: number): void {
  transaction(db, () => {
    db.orm.update(devices).set({ revoked: true }).where(eq(devices.id, id)).run();
    db.orm.delete(deviceTokens).where(eq(deviceTokens.deviceId, id)).run();
    db.orm.delete(pairingCodes).where(and(eq(pairingCodes.deviceId, id), isNull(pairingCodes.usedAt))).run();
  });
}

export function setDevicePrinter(db: Db, id: number, printer: string | null): void {
  db.orm.update(devices).set({ printer }).where(eq(devices.id, id)).run();
}

// ---------------------------------------------------------------------------------------------
// Settings

const SETTINGS_KEY = 'hall';

/**
 * The hall's settings: the stored value merged over DEFAULT_SETTINGS and validated. A stored field
 * that no longer validates falls back to its default (it never stops the hub from starting).
 */
export function loadSettings(db: Db): Settings {
  const row = db.orm.select().from(settings).where(eq(settings.key, SETTINGS_KEY)).get();
  if (!row || typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
    return structuredClone(DEFAULT_SETTINGS);
  }
  const merged: Record<string, unknown> = { ...structuredClone(DEFAULT_SETTINGS), ...(row.value as Record<string, unknown>) };
  const first = Settings.safeParse(merged);
  if (first.success) return first.data;
  const defaults = DEFAULT_SETTINGS as Record<string, unknown>;
  for (const issue of first.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in defaults) merged[key] = structuredClone(defaults[key]);
  }
  const second = Settings.safeParse(merged);
  return second.success ? second.data : structuredClone(DEFAULT_SETTINGS);
}

/** Validates and stores the hall's settings. */
export function saveSettings(db: Db, s: Settings): void {
  const value = Settings.parse(s);
  db.orm.insert(settings).values({ key: SETTINGS_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Other values kept in the settings table under their own key (not part of the hall's Settings). */
function putValue(db: Db, key: string, value: unknown): void {
  db.orm.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
function getValue(db: Db, key: string): unknown {
  return db.orm.select().from(settings).where(eq(settings.key, key)).get()?.value;
}

/** The demo kiosk and display seeded on first run. */
export type DemoDevices = { kiosk: number; display: number };

export function saveDemoDevices(db: Db, ids: DemoDevices): void {
  putValue(db, 'demoDevices', { kiosk: ids.kiosk, display: ids.display });
}

/** The seeded demo devices, or null when this database has none. */
export function loadDemoDevices(db: Db): DemoDevices | null {
  const v = getValue(db, 'demoDevices') as Partial<DemoDevices> | undefined;
  return v && Number.isInteger(v.kiosk) && Number.isInteger(v.display) ? { kiosk: v.kiosk!, display: v.display! } : null;
}

/** The argon2 hash of the PIN staff type to leave kiosk mode (never part of the public settings). */
export function saveKioskPinHash(db: Db, hash: string): void {
  putValue(db, 'kioskPinHash', hash);
}

export function loadKioskPinHash(db: Db): string | null {
  const v = getValue(db, 'kioskPinHash');
  return typeof v === 'string' ? v : null;
}

// ---------------------------------------------------------------------------------------------
// Opening hours, appointment schedule, holidays

export type OpeningHoursRow = typeof openingHours.$inferSelect;
export type AppointmentScheduleRow = typeof appointmentSchedule.$inferSelect;
export type HolidayRow = typeof holidays.$inferSelect;

/** Opening hours by weekday (0 = Sunday); a missing weekday is closed. */
export function listOpeningHours(db: Db): OpeningHoursRow[] {
  return db.orm.select().from(openingHours).orderBy(asc(openingHours.weekday)).all();
}

export function listAppointmentSchedule(db: Db): AppointmentScheduleRow[] {
  return prepared(db).appointmentSchedule.all();
}

export function listHolidays(db: Db): HolidayRow[] {
  return prepared(db).holidays.all();
}

export function getHoliday(db: Db, day: string): HolidayRow | null {
  return prepared(db).holiday.get({ day }) ?? null;
}

/** The periods of the weekly schedule in force on `day` (the latest validFrom ≤ day) for that weekday. */
export function schedulePeriodsOn(db: Db, day: string, weekday: number): AppointmentScheduleRow[] {
  const s = prepared(db);
  const validFrom = s.scheduleVersionOn.get({ day })?.validFrom;
  if (!validFrom) return [];
  return s.schedulePeriods.all({ validFrom, weekday });
}

/** Sets the weekly schedule that applies from `validFrom` (replacing one with the same date); earlier ones stay for earlier days. */
export function setScheduleFrom(db: Db, validFrom: string, rows: Omit<AppointmentScheduleRow, 'id' | 'validFrom'>[]): void {
  transaction(db, () => {
    db.orm.delete(appointmentSchedule).where(eq(appointmentSchedule.validFrom, validFrom)).run();
    if (rows.length) {
      db.orm.insert(appointmentSchedule).values(rows.map((r) => ({
        validFrom, weekday: r.weekday, startTime: r.startTime, endTime: r.endTime, counters: r.counters,
      }))).run();
    }
  });
}

/** Replaces all opening hours. */
export function replaceOpeningHours(db: Db, rows: OpeningHoursRow[]): void {
  transaction(db, () => {
    db.orm.delete(openingHours).run();
    if (rows.length) db.orm.insert(openingHours).values(rows).run();
  });
}

/** Replaces the whole weekly appointment schedule (every version); rows without validFrom apply from the start. */
export function replaceAppointmentSchedule(db: Db, rows: (Omit<AppointmentScheduleRow, 'id' | 'validFrom'> & { validFrom?: string })[]): void {
  transaction(db, () => {
    db.orm.delete(appointmentSchedule).run();
    if (rows.length) {
      db.orm.insert(appointmentSchedule).values(rows.map((r) => ({
        validFrom: r.validFrom ?? '2000-01-01', weekday: r.weekday, startTime: r.startTime, endTime: r.endTime, counters: r.counters,
      }))).run();
    }
  });
}

/** A public holiday, or with `closure: true` a one-off closure of the hall; either way no bookings that day. */
export function upsertHoliday(db: Db, h: Omit<HolidayRow, 'closure'> & { closure?: boolean }): void {
  const row = { day: h.day, nameAr: h.nameAr, nameEn: h.nameEn, closure: h.closure ?? false };
  db.orm.insert(holidays).values(row)
    .onConflictDoUpdate({ target: holidays.day, set: { nameAr: row.nameAr, nameEn: row.nameEn, closure: row.closure } }).run();
}

export function deleteHoliday(db: Db, day: string): void {
  db.orm.delete(holidays).where(eq(holidays.day, day)).run();
}

// ---------------------------------------------------------------------------------------------
// Outbox (messages to citizens)

export type OutboxStatus = 'queued' | 'sent' | 'failed';
export type OutboxRow = Omit<typeof outbox.$inferSelect, 'status'> & { status: OutboxStatus };

/** Queues a message, due at once; returns its id. Call inside the transaction that caused it. */
export function enqueueMessage(db: Db, m: { channel: 'sms'; to: string; body: string; appointmentId: string | null; now: number }): number {
  return db.orm.insert(outbox).values({
    channel: m.channel, to: m.to, body: m.body, status: 'queued', attempts: 0, nextAttemptAt: m.now, lastError: null,
    createdAt: m.now, sentAt: null, appointmentId: m.appointmentId,
  }).returning({ id: outbox.id }).get().id;
}

/** Queued messages due at `now` (nextAttemptAt ≤ now), oldest first. */
export function dueMessages(db: Db, now: number, limit = 20): OutboxRow[] {
  return db.orm.select().from(outbox).where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id)).limit(limit).all() as OutboxRow[];
}

export function updateMessage(db: Db, id: number, set: Partial<Pick<OutboxRow, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>>): void {
  db.orm.update(outbox).set(set).where(eq(outbox.id, id)).run();
}

export function getMessage(db: Db, id: number): OutboxRow | null {
  return (db.orm.select().from(outbox).where(eq(outbox.id, id)).get() as OutboxRow | undefined) ?? null;
}

/** Messages, newest first, optionally of one status. */
export function listMessages(db: Db, opts: { status?: OutboxStatus; appointmentId?: string; limit?: number } = {}): OutboxRow[] {
  const where = and(
    opts.status ? eq(outbox.status, opts.status) : undefined,
    opts.appointmentId ? eq(outbox.appointmentId, opts.appointmentId) : undefined,
  );
  return db.orm.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(opts.limit ?? 200).all() as OutboxRow[];
}

// ---------------------------------------------------------------------------------------------
// Kiosk requests (idempotency keys of ticket-issuing kiosk requests)

export type KioskRequestRow = typeof kioskRequests.$inferSelect;

/** How long a kiosk request is remembered: a kiosk retries within seconds; two days also cover midnight. */
export const KIOSK_REQUEST_KEEP_MS = 2 * 24 * 3600_000;

/** The ticket-issuing request a device sent with this requestId, or null. */
export function getKioskRequest(db: Db, deviceId: number, requestId: string): KioskRequestRow | null {
  return prepared(db).kioskRequest.get({ deviceId, requestId }) ?? null;
}

/**
 * Remembers which ticket a kiosk request issued; call inside the ticket's transaction. A second row
 * for the same (device, requestId) violates the primary key and rolls the whole transaction back.
 * Also forgets requests older than KIOSK_REQUEST_KEEP_MS, so the table stays a few days of tickets.
 */
export function rememberKioskRequest(db: Db, r: Omit<KioskRequestRow, 'printedAt'>): void {
  const s = prepared(db);
  s.purgeKioskRequests.run({ before: r.createdAt - KIOSK_REQUEST_KEEP_MS });
  s.insertKioskRequest.run({ ...r, printedAt: null });
}

/** Records that the request's ticket came out of the kiosk's printer (a repeat then does not print it again). */
export function markKioskRequestPrinted(db: Db, deviceId: number, requestId: string, at: number): void {
  db.orm.update(kioskRequests).set({ printedAt: at })
    .where(and(eq(kioskRequests.deviceId, deviceId), eq(kioskRequests.requestId, requestId))).run();
}

// ---------------------------------------------------------------------------------------------

/** True when the database has not been set up yet (no services). */
export function isEmpty(db: Db): boolean {
  return db.orm.select({ id: services.id }).from(services).limit(1).get() === undefined;
}
