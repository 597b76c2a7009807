// Storage faults on a real hub and its temp database: a full database, a read-only one and one
// locked by another process. Each time commands are refused with 503 STORAGE_UNAVAILABLE over
// REST and the socket, reads and screens go on, /healthz and the supervisors are told, nothing
// changes in the database or in the hub's state, and once the fault clears the next command goes
// through without a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabaseReadOnly, type Db } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import type { StorageStatus } from '../../protocol/messages.ts';
import { REPO_ROOT } from '../helpers/child.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let kiosk: string;
let display: string;
let counterCookie: string;
let counter: Client;
let supervisor: Client;
let supervisorCookie: string;
let storageSeen: StorageStatus[];

beforeEach(async () => {
  hub = await startTestHub();
  kiosk = deviceToken(hub, 'kiosk');
  display = deviceToken(hub, 'display');
  counterCookie = await login(hub, ...DEMO.counter1);
  supervisorCookie = await login(hub, ...DEMO.supervisor);
  expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: counterCookie })).status).toBe(200);
  expect((await walkIn()).status).toBe(201);
  counter = await connectClient(hub, { cookie: counterCookie });
  supervisor = await connectClient(hub, { cookie: supervisorCookie });
  storageSeen = [];
  supervisor.socket.on('storage:status', (s: StorageStatus) => storageSeen.push(s));
  expect(await storageOnConnect()).toEqual({ available: true });
});

afterEach(async () => {
  counter.close();
  supervisor.close();
  await hub.stop();
});

/** What a supervisor's console is told about the storage when it connects. */
async function storageOnConnect(): Promise<StorageStatus> {
  const socket = io(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: supervisorCookie } });
  try {
    return await new Promise<StorageStatus>((resolve, reject) => {
      socket.once('storage:status', resolve);
      socket.once('connect_error', reject);
    });
  } finally {
    socket.close();
  }
}

const walkIn = () => call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });

/** Every row of every table, the hub's live state and its last seq: what "nothing changed" compares. */
function fingerprint(db: Db) {
  const tables = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const rows = Object.fromEntries(tables.map((t) => [t, db.sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
  return { rows, state: structuredClone(hub.hub.current), seq: hub.hub.lastSeq };
}

/** A second process that holds the database's write lock (BEGIN IMMEDIATE) until told to let go. */
async function lockFromAnotherProcess(file: string): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
       db.exec('BEGIN IMMEDIATE'); console.log('locked');
       process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`,
    ],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return holder;
}

interface Fault {
  reason: string;
  code: RegExp;
  /** Starts the fault; returns how to clear it. */
  start(): Promise<() => Promise<void>>;
}

const faults: Record<string, Fault> = {
  // A second connection in another process holds the write lock (an admin's sqlite3 shell, a stuck backup script).
  'locked by another process': {
    reason: 'locked',
    code: /^SQLITE_BUSY/,
    async start() {
      const holder = await lockFromAnotherProcess(hub.file);
      return async () => {
        const exited = new Promise((resolve) => holder.once('exit', resolve));
        holder.stdin!.write('release\n');
        await exited;
      };
    },
  },
  // PRAGMA max_page_count at the current size: SQLite answers SQLITE_FULL for any write that needs a new page, as on a full disk.
  full: {
    reason: 'full',
    code: /^SQLITE_FULL/,
    async start() {
      const { sqlite } = hub.db;
      const max = sqlite.pragma('max_page_count', { simple: true }) as number;
      sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
      return async () => void sqlite.pragma(`max_page_count = ${max}`);
    },
  },
  // A running WAL connection never turns read-only (chmod does not touch an open file, and root writes anyway; SQLite's
  // "database moved" check is for rollback journals only). So the hub's connection is swapped for the same file opened
  // read-only — what SQLite falls back to when the OS refuses write access — and every write fails in SQLite's pager
  // with SQLITE_READONLY, through the hub's own error path. Clearing it swaps the writable connection back.
  'read-only': {
    reason: 'read_only',
    code: /^SQLITE_READONLY/,
    async start() {
      const db = hub.db;
      const writable = { sqlite: db.sqlite, orm: db.orm };
      const readOnly = openDatabaseReadOnly(hub.file);
      Object.assign(db, readOnly);
      return async () => {
        Object.assign(db, writable);
        readOnly.sqlite.close();
      };
    },
  },
};

describe('storage faults', () => {
  for (const [name, fault] of Object.entries(faults)) {
    it(`${name}: commands 503, reads go on, /healthz and supervisors told, nothing written; recovers by itself`, async () => {
      const reader = openDatabaseReadOnly(hub.file);
      try {
        const clear = await fault.start();
        // The first command meets the fault inside its transaction (for "full", once the free room in the last pages is used up).
        let before = fingerprint(reader);
        let sent = performance.now();
        let first = await walkIn();
        for (let i = 0; first.status === 201 && i < 100; i++) {
          before = fingerprint(reader);
          sent = performance.now();
          first = await walkIn();
        }
        // Bounded: a lock is waited for BUSY_TIMEOUT_MS at most, the other faults fail at once.
        expect(performance.now() - sent).toBeLessThan(BUSY_TIMEOUT_MS + 1000);
        const deltas = counter.deltas.length;
        expect(first.status).toBe(503);
        expect(first.body.error.code).toBe('STORAGE_UNAVAILABLE');
        expect(fingerprint(reader)).toEqual(before);

        // Later commands are refused at once, over REST and the socket, without touching the database.
        const started = performance.now();
        expect((await walkIn()).body.error?.code).toBe('STORAGE_UNAVAILABLE');
        const ticker = await call(hub, 'POST', '/api/hall/ticker', {
          cookie: supervisorCookie,
          body: { ar: 'تجربة', en: 'Test', expiresAt: hub.clock.now() + 3_600_000 },
        });
        expect([ticker.status, ticker.body.error?.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
        const ack = await counter.emit('counter:call-next', { counter: 3 });
        expect(ack).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } });
        // Three commands in less than one busy timeout: none of them waited for the lock.
        expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS);

        // Reads and screens: the snapshot, the counters, the start page, a display asking for its snapshot (its last-seen
        // time is due to be written, and is not), a report.
        hub.clock.advance(2 * 60_000);
        expect((await call(hub, 'GET', '/api/snapshot', { cookie: supervisorCookie })).status).toBe(200);
        expect((await call(hub, 'GET', '/api/counters', { cookie: counterCookie })).status).toBe(200);
        expect((await call(hub, 'GET', '/api/snapshot', { token: display })).status).toBe(200);
        expect((await call(hub, 'GET', '/')).status).toBe(200);
        const day = hub.hub.current.day;
        expect((await call(hub, 'GET', `/api/reports?from=${day}&to=${day}`, { cookie: supervisorCookie })).status).toBe(200);

        const health = await call(hub, 'GET', '/healthz');
        expect(health.status).toBe(503);
        expect(health.body).toMatchObject({ ok: false, storage: 'unavailable', reason: fault.reason, day, seq: before.seq });
        expect(health.body.code).toMatch(fault.code);
        expect(Date.parse(health.body.since)).toBeGreaterThan(0);

        // The open console is told at once, and one opened now on connect.
        await until(() => storageSeen.at(-1)?.available === false, 2000, 'the storage alert');
        expect(storageSeen.at(-1)).toMatchObject({ available: false, reason: fault.reason });
        expect(await storageOnConnect()).toMatchObject({ available: false, reason: fault.reason });

        expect(fingerprint(reader)).toEqual(before);
        expect(counter.deltas.length).toBe(deltas);

        await clear();
        const next = await walkIn();
        expect(next.status).toBe(201);
        // The numbers go on from the last committed ticket: none was taken by a refused command.
        const sameQueue = Object.values(before.state.tickets).filter((t) => t.prefix === next.body.ticket.prefix);
        expect(next.body.ticket.number).toBe(Math.max(...sameQueue.map((t) => t.number)) + 1);
        const healthy = await call(hub, 'GET', '/healthz');
        expect(healthy.status).toBe(200);
        expect(healthy.body).toMatchObject({ ok: true, storage: 'ok', seq: hub.hub.lastSeq });
        await until(() => storageSeen.at(-1)?.available === true, 2000, 'the storage back');
        expect((await counter.emit('counter:call-next', { counter: 3 })).ok).toBe(true);
      } finally {
        reader.sqlite.close();
      }
    });
  }

  it('jobs that meet the fault change nothing and do their work once it clears: the day rollover, the outbox', async () => {
    const reader = openDatabaseReadOnly(hub.file);
    try {
      const day = hub.hub.current.day;
      const sms = repo.enqueueMessage(hub.db, {
        channel: 'sms',
        kind: 'broadcast',
        to: '+97333000000',
        body: 'test',
        appointmentId: null,
        now: hub.clock.now(),
      })!;
      const before = fingerprint(reader);
      const clear = await faults['read-only']!.start();
      // The message is handed to the sender but cannot be marked sent: it stays queued, not failed (at least once).
      await expect(hub.outbox.deliverDue()).rejects.toThrow(/readonly/);
      expect(repo.getMessage(reader, sms)).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
      hub.clock.advance(24 * 3_600_000);
      // The jobs' tick: the rollover's transaction fails, the hub's timer logs it and tries again.
      expect(() => hub.hub.tick()).toThrow(/readonly/);
      expect(fingerprint(reader)).toEqual(before);
      expect(hub.hub.current.day).toBe(day);
      expect((await walkIn()).body.error?.code).toBe('STORAGE_UNAVAILABLE');
      await clear();
      hub.hub.tick();
      expect(hub.hub.current.day > day).toBe(true);
      expect(hub.hub.lastSeq).toBeGreaterThan(before.seq);
      // A write that went through ends the fault without waiting for the probe.
      expect(hub.hub.storage.status).toEqual({ available: true });
      await hub.outbox.deliverDue();
      expect(repo.getMessage(reader, sms)).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      reader.sqlite.close();
    }
  });
});
