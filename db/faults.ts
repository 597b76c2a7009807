// Storage faults: SQLite errors that say the database cannot be written now (disk full, a file it
// may only read, a lock held by another process, a failing disk) rather than that a statement is
// wrong. The hub answers them with 503 STORAGE_UNAVAILABLE and probes until the database takes
// writes again (server/storage.ts).
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, type Db } from './client.ts';

export type StorageFaultReason = 'full' | 'read_only' | 'locked' | 'io';

export interface StorageFault {
  reason: StorageFaultReason;
  /** SQLite's extended result code, e.g. SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY, SQLITE_IOERR_WRITE. */
  code: string;
}

const REASONS: [RegExp, StorageFaultReason][] = [
  [/^SQLITE_FULL/, 'full'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_(BUSY|LOCKED)/, 'locked'],
  [/^SQLITE_(IOERR|CANTOPEN)/, 'io'],
];

/** The storage fault `err` is, or null for any other error (a constraint, a bug). */
export function storageFault(err: unknown): StorageFault | null {
  if (!(err instanceof Database.SqliteError)) return null;
  const reason = REASONS.find(([pattern]) => pattern.test(err.code))?.[1];
  return reason ? { reason, code: err.code } : null;
}

/** Databases known to take no writes now (server/storage.ts keeps it): writes that may be skipped are. */
const failing = new WeakSet<Db>();

export function markFailing(db: Db, isFailing: boolean): void {
  if (isFailing) failing.add(db);
  else failing.delete(db);
}

/**
 * Runs a write a read may do on the side and may go without (a device's last-seen time, a report's
 * cache): skipped while the storage is known to fail (a lock would stall the hub for the busy
 * timeout each time), and a storage fault it meets is let go. Other errors are thrown.
 */
export function bestEffortWrite(db: Db, write: () => void): void {
  if (failing.has(db)) return;
  try {
    write();
  } catch (err) {
    if (!storageFault(err)) throw err;
  }
}

/**
 * Tries a write and rolls it back: takes the write lock without waiting (a lock held elsewhere
 * fails at once instead of blocking the hub), and needs a new page (a full database fails). Returns
 * the fault, or null when the database takes writes. A disk that is full below SQLite is only seen
 * by a write that reaches it: the next command finds it and marks the storage again.
 */
export function probeWrite(db: Db): StorageFault | null {
  const { sqlite } = db;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('CREATE TABLE storage_probe (x BLOB); INSERT INTO storage_probe VALUES (zeroblob(16384))');
    return null;
  } catch (err) {
    const fault = storageFault(err);
    if (!fault) throw err;
    return fault;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
