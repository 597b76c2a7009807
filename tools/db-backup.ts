// Backing up and restoring the hall's database file (`npm run backup`, `npm run restore`; docs/OPERATIONS.md).
// The backup is SQLite's online backup API (better-sqlite3's `db.backup`) from a connection of its
// own beside the running hub: in WAL mode it reads a consistent snapshot and never blocks the hub's writes.
import { chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** A refusal or a failed check, said to the technician as it is (exit 1). */
export class OperationError extends Error {}

export interface DatabaseSummary {
  file: string;
  bytes: number;
  /** The last stored event: the state the copy brings the hub back to. */
  lastEvent: { seq: number; day: string } | null;
}

/** `2026-12-08T031500Z`: sortable, one word, no colons (file names on any disk). */
export const fileTime = (at: Date): string =>
  at
    .toISOString()
    .replace(/[:-]/g, '')
    .replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')
    .replace(/\.\d+Z$/, 'Z');

/** The names `--dir` backups take; pruning touches no other file. */
const BACKUP_NAME = /^dor-\d{4}-\d{2}-\d{2}T\d{6}Z\.db$/;
export const backupName = (at: Date): string => `dor-${fileTime(at)}.db`;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Checks a database file that nothing else uses (a fresh copy): `PRAGMA integrity_check` must say
 * `ok` and it must be Dor's (an `events` table). Leaves it in rollback-journal mode, one
 * self-contained file (a copy of a WAL database says WAL in its header). Returns its last event.
 */
function checkCopy(file: string, name: string): DatabaseSummary['lastEvent'] {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw new OperationError(`${name} cannot be opened as a database: ${message(err)}`);
  }
  try {
    let verdict: string;
    try {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      verdict = rows.map((r) => r.integrity_check).join('; ');
    } catch (err) {
      verdict = message(err);
    }
    if (verdict !== 'ok') throw new OperationError(`integrity check of ${name} failed: ${verdict}`);
    if (!db.prepare("select 1 from sqlite_master where type = 'table' and name = 'events'").get()) {
      throw new OperationError(`${name} is not a Dor database (no events table)`);
    }
    db.pragma('journal_mode = DELETE');
    return (db.prepare('select seq, day from events order by seq desc limit 1').get() as { seq: number; day: string } | undefined) ?? null;
  } finally {
    db.close();
  }
}

/**
 * Copies the live database `source` to `out` (refused if `out` exists, unless `force`) and checks
 * the copy. Written under a temporary name first: a failed or interrupted backup never leaves a
 * file that looks like a good one.
 */
export async function backupDatabase(source: string, out: string, opts: { force?: boolean } = {}): Promise<DatabaseSummary> {
  if (!existsSync(source)) throw new OperationError(`no database at ${resolve(source)} (DOR_DB)`);
  if (existsSync(out) && !opts.force) throw new OperationError(`${out} exists already: choose another name, or add --force to overwrite it`);
  if (!existsSync(dirname(resolve(out)))) throw new OperationError(`the folder of ${out} does not exist`);
  const partial = `${out}.partial-${process.pid}`;
  // Read-write like the hub (it never writes here): a read-only connection to a stopped hub's
  // database would leave -wal and -shm files behind it.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Every page in one step, so one read transaction: a write by the hub between steps would
    // restart the backup from the first page, again and again in a busy hall.
    await db.backup(partial, { progress: ({ totalPages }) => totalPages });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new OperationError(`backup of ${source} failed: ${message(err)}`);
  } finally {
    db.close();
  }
  try {
    const lastEvent = checkCopy(partial, `the copy of ${source}`);
    renameSync(partial, out);
    return { file: resolve(out), bytes: statSync(out).size, lastEvent };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Deletes the oldest `dor-<time>.db` backups in `dir` beyond the newest `keep`; returns the deleted names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) rmSync(join(dir, name));
  return old;
}

/**
 * Whether another process has the database open. In WAL mode every open connection holds a shared
 * lock on the file (SQLite takes an exclusive one to find it is the last connection at close), so
 * an exclusive lock is refused at once while the hub runs — even idle, whatever port it serves on.
 */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw new OperationError(`${file} cannot be opened as a database: ${message(err)}`);
  } finally {
    // As the last connection, closing also writes a leftover WAL (a crash, a power cut) into the file.
    db.close();
  }
}

export interface Restored extends DatabaseSummary {
  /** Where the database that was in place went, if there was one. */
  keptAs: string | null;
}

/**
 * Puts the backup `from` in place of the database `target`, with the hub stopped: checks a copy of
 * the backup beside the target, keeps the current database as `<target>.before-restore-<time>`
 * (with its -wal and -shm, which must never meet another database file), then renames the copy in.
 */
export function restoreDatabase(from: string, target: string, at: Date): Restored {
  if (!existsSync(from)) throw new OperationError(`no backup at ${resolve(from)}`);
  const present = existsSync(target);
  if (present && databaseInUse(target)) {
    throw new OperationError(`the hub is using ${resolve(target)} (its lock is held): stop it first (systemctl stop dor), then restore`);
  }
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const incoming = join(dirname(resolve(target)), `.${basename(target)}.restoring-${process.pid}`);
  try {
    copyFileSync(from, incoming);
    const lastEvent = checkCopy(incoming, `the backup ${from}`);
    // Run as root (sudo), the restored file still belongs to the hub's user, like the one it replaces.
    if (present && process.getuid?.() === 0) {
      const { uid, gid } = statSync(target);
      chownSync(incoming, uid, gid);
    }
    let keptAs: string | null = null;
    if (present) {
      keptAs = `${target}.before-restore-${fileTime(at)}`;
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    }
    renameSync(incoming, target);
    return { file: resolve(target), bytes: statSync(target).size, lastEvent, keptAs: keptAs && resolve(keptAs) };
  } finally {
    rmSync(incoming, { force: true });
  }
}

export const summaryLine = (s: DatabaseSummary): string =>
  `${s.file} (${(s.bytes / 1024).toFixed(0)} KB), last event ${s.lastEvent ? `#${s.lastEvent.seq} of ${s.lastEvent.day}` : '— none yet'}, integrity check ok`;
