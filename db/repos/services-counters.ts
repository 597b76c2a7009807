// Services and counters
import { asc } from 'drizzle-orm';
import type { Counter, Service } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { counters, services } from '../schema.ts';
import { toCounter, toService } from './mappers.ts';

export function listServices(db: Db): Service[] {
  return db.orm.select().from(services).orderBy(asc(services.sortOrder), asc(services.id)).all().map(toService);
}

export function listCounters(db: Db): Counter[] {
  return db.orm.select().from(counters).orderBy(asc(counters.number)).all().map(toCounter);
}

export function insertService(db: Db, s: Service): void {
  db.orm.insert(services).values(toService(s)).run();
}

/** Inserts a service or replaces every column of the one with its id. */
export function upsertService(db: Db, s: Service): void {
  const row = toService(s);
  db.orm.insert(services).values(row).onConflictDoUpdate({ target: services.id, set: row }).run();
}

export function insertCounter(db: Db, c: Counter): void {
  db.orm.insert(counters).values(toCounter(c)).run();
}

/** True when the database has not been set up yet (no services). */
export function isEmpty(db: Db): boolean {
  return db.orm.select({ id: services.id }).from(services).limit(1).get() === undefined;
}
