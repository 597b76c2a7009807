// Opening the hall's SQLite database: pragmas, migrations, transactions.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = { sqlite: Database.Database; orm: BetterSQLite3Database<typeof schema> };

/**
 * How long a write waits for a lock held by another connection before SQLITE_BUSY. better-sqlite3
 * waits synchronously, so the whole hub stalls meanwhile: a second at most, then the command is
 * refused with 503 STORAGE_UNAVAILABLE and the next ones at once (server/storage.ts).
 */
export const BUSY_TIMEOUT_MS = 1000;

/** The generated migrations, found relative to this module so any cwd works. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating if needed) the database file, sets the pragmas and applies pending migrations. */
export function openDatabase(file: string): Db {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = NORMAL');
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    return { sqlite, orm };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** Opens an existing database file read-only, beside the hub that owns it (and its migrations). */
export function openDatabaseReadOnly(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return { sqlite, orm: drizzle(sqlite, { schema }) };
}

/** One reusable better-sqlite3 transaction per connection (wrapping a function anew on every call is costly). */
const runners = new WeakMap<Database.Database, (fn: () => unknown) => unknown>();

/**
 * Runs `fn` in one better-sqlite3 transaction: committed on return, rolled back on throw.
 * Nested calls become savepoints.
 */
export function transaction<T>(db: Db, fn: () => T): T {
  let run = runners.get(db.sqlite);
  if (!run) runners.set(db.sqlite, (run = db.sqlite.transaction((f: () => unknown) => f())));
  return run(fn) as T;
}
