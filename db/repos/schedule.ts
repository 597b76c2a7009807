// Opening hours, appointment schedule, holidays
import { asc, eq } from 'drizzle-orm';
import { type Db, transaction } from '../client.ts';
import { appointmentSchedule, holidays, openingHours } from '../schema.ts';
import { prepared } from './statements.ts';

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

/** The weekly schedule dated exactly `validFrom` (every weekday), by weekday and start; empty when there is none. */
export function scheduleFrom(db: Db, validFrom: string): AppointmentScheduleRow[] {
  return db.orm
    .select()
    .from(appointmentSchedule)
    .where(eq(appointmentSchedule.validFrom, validFrom))
    .orderBy(asc(appointmentSchedule.weekday), asc(appointmentSchedule.startTime), asc(appointmentSchedule.id))
    .all();
}

/** The whole weekly schedule in force on `day` (the latest validFrom ≤ day), every weekday. */
export function scheduleInForceOn(db: Db, day: string): AppointmentScheduleRow[] {
  const validFrom = prepared(db).scheduleVersionOn.get({ day })?.validFrom;
  return validFrom ? scheduleFrom(db, validFrom) : [];
}

/** Sets the weekly schedule that applies from `validFrom` (replacing one with the same date); earlier ones stay for earlier days. */
export function setScheduleFrom(db: Db, validFrom: string, rows: Omit<AppointmentScheduleRow, 'id' | 'validFrom'>[]): void {
  transaction(db, () => {
    db.orm.delete(appointmentSchedule).where(eq(appointmentSchedule.validFrom, validFrom)).run();
    if (rows.length) {
      db.orm
        .insert(appointmentSchedule)
        .values(
          rows.map((r) => ({
            validFrom,
            weekday: r.weekday,
            startTime: r.startTime,
            endTime: r.endTime,
            counters: r.counters,
          })),
        )
        .run();
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
      db.orm
        .insert(appointmentSchedule)
        .values(
          rows.map((r) => ({
            validFrom: r.validFrom ?? '2000-01-01',
            weekday: r.weekday,
            startTime: r.startTime,
            endTime: r.endTime,
            counters: r.counters,
          })),
        )
        .run();
    }
  });
}

/** A public holiday, or with `closure: true` a one-off closure of the hall; either way no bookings that day. */
export function upsertHoliday(db: Db, h: Omit<HolidayRow, 'closure'> & { closure?: boolean }): void {
  const row = { day: h.day, nameAr: h.nameAr, nameEn: h.nameEn, closure: h.closure ?? false };
  db.orm
    .insert(holidays)
    .values(row)
    .onConflictDoUpdate({ target: holidays.day, set: { nameAr: row.nameAr, nameEn: row.nameEn, closure: row.closure } })
    .run();
}

export function deleteHoliday(db: Db, day: string): void {
  db.orm.delete(holidays).where(eq(holidays.day, day)).run();
}
