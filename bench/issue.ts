// Benchmark 1 — ticket issuance through the hub's own command path (decide → one SQLite
// transaction with the event and the ticket projection → fold), against the floor of the same
// disk: raw better-sqlite3 transactions of one INSERT each, on a temp file with the same pragmas.
// The two are measured in alternating rounds so drift (CPU frequency, noisy neighbours) hits both.
import Database from 'better-sqlite3';
import * as repo from '../db/repos/index.ts';
import { startHall, tempDbFile, walkin } from './hall.ts';
import { log, median, nowNs, sinceUs, type Result } from './timing.ts';

const ROUNDS = 5;
const BATCH = 1_000; // tickets (and raw transactions) per round: 5,000 measured of each
const WARMUP = 500;

/** A raw better-sqlite3 database shaped like the hub's events table, with the hub's pragmas. */
export function openRaw(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (
    seq integer PRIMARY KEY AUTOINCREMENT NOT NULL, at integer NOT NULL, day text NOT NULL,
    type text NOT NULL, actor text NOT NULL, payload text NOT NULL);
    CREATE INDEX events_type_idx ON events (type);
    CREATE INDEX events_day_idx ON events (day);`);
  const insert = db.prepare('INSERT INTO events (at, day, type, actor, payload) VALUES (?, ?, ?, ?, ?)');
  // One transaction per row, as the hub commits one transaction per command.
  const tx = db.transaction((at: number, payload: string) => insert.run(at, '2026-11-26', 'ticket_issued', 'bench', payload));
  return { db, tx };
}

export interface IssueResults {
  results: Result[];
  rawTxPerSec: number;
}

export async function benchIssue(): Promise<IssueResults> {
  const hall = await startHall('issue');
  const raw = tempDbFile('raw');
  const { db: rawDb, tx } = openRaw(raw.file);
  try {
    let i = 0;
    const issue = (n: number) => {
      for (let k = 0; k < n; k++) {
        hall.clock.advance(50);
        hall.run(walkin(i++));
      }
    };
    issue(WARMUP);
    // The raw rows carry a real ticket_issued payload, so both write the same bytes of event.
    const payload = JSON.stringify(repo.eventsBetween(hall.db, hall.hub.lastSeq, hall.hub.lastSeq)[0]!.event);
    let at = 0;
    const rawBatch = (n: number) => {
      for (let k = 0; k < n; k++) tx(at++, payload);
    };
    rawBatch(WARMUP);

    const hubRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let start = nowNs();
      rawBatch(BATCH);
      rawRates.push(BATCH / (sinceUs(start) / 1e6));
      start = nowNs();
      issue(BATCH);
      hubRates.push(BATCH / (sinceUs(start) / 1e6));
    }
    const hub = median(hubRates);
    const rawTxPerSec = median(rawRates);
    log(`issue: hub ${hub.toFixed(0)} tickets/s, raw ${rawTxPerSec.toFixed(0)} tx/s (${payload.length}-byte payload)`);
    return {
      rawTxPerSec,
      results: [
        {
          name: 'issue_walkin.hub',
          value: hub,
          unit: 'tickets/s',
          floor: rawTxPerSec,
          ratio: hub / rawTxPerSec,
          floorIs: 'raw 1-row tx/s',
          ratioIs: 'hub / raw (1 = as fast as a bare commit)',
        },
      ],
    };
  } finally {
    hall.close();
    rawDb.close();
    raw.cleanup();
  }
}
