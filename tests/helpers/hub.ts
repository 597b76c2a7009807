// Starts a real hub on port 0 with a temp SQLite file, a seeded demo hall and a manual clock,
// and gives tests real HTTP and Socket.IO clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { openDatabase, type Db } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { seedDefaults, seedDemo } from '../../db/seed.ts';
import type { DeltaMessage, SnapshotMessage } from '../../protocol/messages.ts';
import { startHub, type RunningHub } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import type { SmsSender } from '../../server/outbox.ts';
import { sha256, newToken } from '../../server/auth.ts';

/** Thursday 2026-11-26, 09:00 in Bahrain (06:00 UTC): a working day with bookings. */
export const THURSDAY_0900 = Date.parse('2026-11-26T06:00:00Z');

export interface TestHub extends RunningHub {
  db: Db;
  clock: ManualClock;
  dir: string;
  file: string;
  stop(): Promise<void>;
}

export async function startTestHub(
  opts: {
    at?: number;
    file?: string;
    seed?: boolean;
    /** A real hall's first run (DOR_DEMO=0): only the default services and settings, no demo helpers. */
    realHall?: boolean;
    /** The kiosk guard: a burst of this many, then this many a minute (both 1000 unless given). */
    kioskTickets?: { burst: number; perMinute: number };
    smsSender?: SmsSender;
    log?: Logger;
    /** How often the hub's jobs run (1 h unless given: tests run them by hand). */
    jobIntervalMs?: number;
    /** DOR_ALLOWED_ORIGINS. */
    allowedOrigins?: string[];
  } = {},
): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'dor-test-'));
  const file = opts.file ?? join(dir, 'dor.db');
  const clock = new ManualClock(opts.at ?? THURSDAY_0900);
  const db = openDatabase(file);
  if (opts.realHall && repo.isEmpty(db)) seedDefaults(db);
  else if (opts.seed !== false && repo.isEmpty(db)) {
    const { demoDeviceIds } = await seedDemo(db, clock.now());
    repo.saveDemoDevices(db, demoDeviceIds);
    // Tests issue tickets faster than any citizen; the rate limit has its own test.
    const guard = opts.kioskTickets ?? { burst: 1000, perMinute: 1000 };
    repo.saveSettings(db, { ...repo.loadSettings(db), kioskTicketsBurst: guard.burst, kioskTicketsPerMinute: guard.perMinute });
  }
  const running = await startHub({
    db,
    clock,
    demo: !opts.realHall,
    ...(opts.log ? { log: opts.log } : {}),
    validateReplies: true,
    jobIntervalMs: opts.jobIntervalMs ?? 3_600_000,
    printsDir: join(dir, 'prints'),
    ...(opts.smsSender ? { smsSender: opts.smsSender } : {}),
    ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}),
  });
  return {
    ...running,
    db,
    clock,
    dir,
    file,
    async stop() {
      await running.close();
      db.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  hub: { url: string },
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; cookie?: string; token?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(hub.url + path, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** Logs a demo user in and returns the session cookie ("dor_session=…"). */
export async function login(hub: { url: string }, username: string, password: string): Promise<string> {
  const r = await call(hub, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  const setCookie = r.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

export const DEMO = {
  counter1: ['counter1', 'counter123'],
  counter2: ['counter2', 'counter123'],
  supervisor: ['supervisor', 'super123'],
  agent: ['agent', 'agent123'],
  admin: ['admin', 'admin123'],
} as const;

/** A fresh token for a seeded demo device (what pairing would hand out). */
export function deviceToken(hub: TestHub, kind: 'kiosk' | 'display'): string {
  const ids = repo.loadDemoDevices(hub.db);
  if (!ids) throw new Error('no demo devices');
  const token = newToken();
  repo.addDeviceToken(hub.db, ids[kind], sha256(token), hub.clock.now());
  return token;
}

/** A connected socket that records every snapshot and delta it receives. */
export interface Client {
  socket: Socket;
  snapshots: SnapshotMessage[];
  deltas: DeltaMessage[];
  emit<_T = any>(event: string, payload?: unknown): Promise<any>;
  close(): void;
}

export async function connectClient(hub: { url: string }, auth: { cookie?: string; token?: string }): Promise<Client> {
  const socket = connect(hub.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
    auth: auth.token ? { token: auth.token } : {},
  });
  const client: Client = {
    socket,
    snapshots: [],
    deltas: [],
    emit: (event, payload = {}) => socket.timeout(5000).emitWithAck(event, payload),
    close: () => socket.close(),
  };
  socket.on('snapshot', (s: SnapshotMessage) => client.snapshots.push(s));
  socket.on('delta', (d: DeltaMessage) => client.deltas.push(d));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return client;
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An SMS gateway for tests: keeps every message it is handed, in order (`sent.length = 0` forgets them). */
export function smsRecorder(): { sender: SmsSender; sent: { to: string; text: string }[] } {
  const sent: { to: string; text: string }[] = [];
  return {
    sent,
    sender: {
      name: 'test',
      async send(to, text) {
        sent.push({ to, text });
      },
    },
  };
}
