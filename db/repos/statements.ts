// Prepared statements. Building SQL with the query builder costs far more than running it, so
// the hot-path queries are built once per database, with `sql.placeholder` for their inputs.
import { and, asc, count, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, max, ne, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteInsertValue, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core';
import type { AppointmentStatus } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import {
  appointmentSchedule,
  appointments,
  counterRequests,
  counters,
  devices,
  deviceTokens,
  events,
  holidays,
  kioskRequests,
  sessions,
  tickets,
  users,
} from '../schema.ts';

export const ACTIVE_APPOINTMENT: AppointmentStatus[] = ['booked', 'checked_in'];
export const APPOINTMENTS_BY_SLOT = [asc(appointments.slotStart), asc(appointments.createdAt), asc(appointments.id)];
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
  const set = Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([k, column]) => column !== key && !keep.includes(k))
      .map(([k, column]) => [k, sql`excluded.${sql.identifier(column.name)}`]),
  ) as SQLiteUpdateSetSource<T>;
  return db.orm.insert(table).values(placeholders(table)).onConflictDoUpdate({ target: key, set }).prepare();
}

function prepareStatements(db: Db) {
  const { orm } = db;
  return {
    appendEvent: orm
      .insert(events)
      .values({ at: $('at'), day: $('day'), type: $('type'), actor: $('actor'), payload: $('payload') })
      .prepare(),
    upsertTicket: prepareUpsert(db, tickets, tickets.id),
    upsertCounter: prepareUpsert(db, counters, counters.number),
    upsertAppointment: prepareUpsert(db, appointments, appointments.id, ['createdAt', 'createdBy', 'pageToken']),
    // (drizzle's typings take no bare placeholder in `set`; wrapped in sql it binds the same)
    setAppointmentStatus: orm
      .update(appointments)
      .set({ status: sql`${$('status')}` })
      .where(eq(appointments.id, $('id')))
      .prepare(),
    ticket: orm
      .select()
      .from(tickets)
      .where(eq(tickets.id, $('id')))
      .prepare(),
    ticketByStatusToken: orm
      .select()
      .from(tickets)
      .where(eq(tickets.statusToken, $('token')))
      .prepare(),
    appointment: orm
      .select()
      .from(appointments)
      .where(eq(appointments.id, $('id')))
      .prepare(),
    appointmentByReference: orm
      .select()
      .from(appointments)
      .where(eq(appointments.reference, $('ref')))
      .prepare(),
    appointmentsOfDay: orm
      .select()
      .from(appointments)
      .where(eq(appointments.day, $('day')))
      .orderBy(...APPOINTMENTS_BY_SLOT)
      .prepare(),
    countActiveInSlot: orm
      .select({ n: count() })
      .from(appointments)
      .where(and(eq(appointments.slotStart, $('slotStart')), inArray(appointments.status, ACTIVE_APPOINTMENT)))
      .prepare(),
    activeAppointmentOf: orm
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.cpr, $('cpr')),
          eq(appointments.serviceId, $('serviceId')),
          gte(appointments.day, $('fromDay')),
          inArray(appointments.status, ACTIVE_APPOINTMENT),
        ),
      )
      .orderBy(asc(appointments.slotStart))
      .limit(1)
      .prepare(),
    sessionUser: orm
      .select({ user: users, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, $('tokenHash')), gt(sessions.expiresAt, $('now')), gt(sessions.lastSeenAt, $('idleSince')), isNull(users.disabledAt)))
      .prepare(),
    device: orm
      .select()
      .from(devices)
      .where(eq(devices.id, $('id')))
      .prepare(),
    deviceByToken: orm
      .select({ device: devices })
      .from(deviceTokens)
      .innerJoin(devices, eq(devices.id, deviceTokens.deviceId))
      .where(and(eq(deviceTokens.tokenHash, $('tokenHash')), eq(devices.revoked, false)))
      .prepare(),
    appointmentSchedule: orm
      .select()
      .from(appointmentSchedule)
      .orderBy(asc(appointmentSchedule.validFrom), asc(appointmentSchedule.weekday), asc(appointmentSchedule.startTime), asc(appointmentSchedule.id))
      .prepare(),
    scheduleVersionOn: orm
      .select({ validFrom: max(appointmentSchedule.validFrom) })
      .from(appointmentSchedule)
      .where(lte(appointmentSchedule.validFrom, $('day')))
      .prepare(),
    schedulePeriods: orm
      .select()
      .from(appointmentSchedule)
      .where(and(eq(appointmentSchedule.validFrom, $('validFrom')), eq(appointmentSchedule.weekday, $('weekday'))))
      .orderBy(asc(appointmentSchedule.startTime), asc(appointmentSchedule.id))
      .prepare(),
    holiday: orm
      .select()
      .from(holidays)
      .where(eq(holidays.day, $('day')))
      .prepare(),
    countOverlapping: orm
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          lt(appointments.slotStart, $('end')),
          gt(appointments.slotEnd, $('start')),
          ne(appointments.id, $('excludeId')),
          inArray(appointments.status, ACTIVE_APPOINTMENT),
        ),
      )
      .prepare(),
    holidays: orm.select().from(holidays).orderBy(asc(holidays.day)).prepare(),
    kioskRequest: orm
      .select()
      .from(kioskRequests)
      .where(and(eq(kioskRequests.deviceId, $('deviceId')), eq(kioskRequests.requestId, $('requestId'))))
      .prepare(),
    insertKioskRequest: orm.insert(kioskRequests).values(placeholders(kioskRequests)).prepare(),
    purgeKioskRequests: orm
      .delete(kioskRequests)
      .where(lt(kioskRequests.createdAt, $('before')))
      .prepare(),
    counterRequest: orm
      .select()
      .from(counterRequests)
      .where(and(eq(counterRequests.userId, $('userId')), eq(counterRequests.requestId, $('requestId'))))
      .prepare(),
    insertCounterRequest: orm.insert(counterRequests).values(placeholders(counterRequests)).prepare(),
    purgeCounterRequests: orm
      .delete(counterRequests)
      .where(lt(counterRequests.createdAt, $('before')))
      .prepare(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
/** By connection, not by Db: a statement belongs to the connection that prepared it (tests swap a Db's connection). */
const statements = new WeakMap<Db['sqlite'], Statements>();

/** The prepared statements of `db`, built on first use. */
export function prepared(db: Db): Statements {
  let s = statements.get(db.sqlite);
  if (!s) {
    s = prepareStatements(db);
    statements.set(db.sqlite, s);
  }
  return s;
}
