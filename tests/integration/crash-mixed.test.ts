// Kill -9 under a mixed load, three times, on one database file: kiosks issuing tickets, two
// counters calling, starting and finishing, an agent booking — kiosk and counter requests with
// requestIds. The hub is started again on the same file and port after each kill, and then:
// every acknowledged ticket, counter action and booking is there exactly once; each request the
// kill left unanswered is sent again (same requestId, same body) and gets its one result; numbers
// continue without repeats; and the screens' sockets, which reconnect by themselves, get a snapshot
// holding everything acknowledged. (crash.test.ts: one kill in detail, and a clean SIGTERM stop.)
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../protocol/domain.ts';
import type { SnapshotMessage } from '../../protocol/messages.ts';
import { hubProcesses, stopHub, type HubProcess } from '../helpers/child.ts';
import { until } from '../helpers/hub.ts';

const KILLS = 3;
const SERVICES = ['application-inquiry', 'new-application', 'update-details', 'family-members', 'letter-follow-up'] as const;
const KIOSK_LANES = 4;
const COUNTERS = [
  { number: 3, username: 'counter1' },
  { number: 4, username: 'counter2' },
] as const;
/** Each round is killed once it has acknowledged at least this much, with requests in flight. */
const PER_ROUND = { tickets: 12, finished: 1, bookings: 2 };
const BOOKED_SERVICE = 'update-details';

/** Where a ticket can be on its way through the hall; it never moves to a lower rank. */
const RANK: Record<TicketStatus, number> = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 3, transferred: 3, cancelled: 3 };

type Reply = { status: number; body: any };
type Body = Record<string, unknown>;

const procs = hubProcesses('dor-crash-mixed-');
let file: string;
let port: number;
const screens: Socket[] = [];

/** A free port, so that every restart listens where the screens' sockets look for it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  file = join(procs.dir, 'dor.db');
  port = await freePort();
});

afterAll(async () => {
  for (const s of screens.splice(0)) s.close();
});

/** The hub of round `round`: its clock starts a few minutes after the last one's (the shifted clock restarts at DOR_CLOCK_START). */
async function start(round: number): Promise<HubProcess> {
  const at = new Date(Date.parse('2026-11-26T06:00:00Z') + round * 4 * 60_000).toISOString();
  return procs.spawn({ PORT: String(port), HOST: '127.0.0.1', DOR_DB: file, LOG_LEVEL: 'info', DOR_CLOCK_START: at });
}

/** One HTTP request; null when it got no complete answer (the hub died with it in flight). */
async function send(h: HubProcess, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply | null> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  try {
    const res = await fetch(h.url + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: JSON.parse(await res.text()) };
  } catch {
    return null;
  }
}

async function must(h: HubProcess, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply> {
  const r = await send(h, method, path, opts);
  if (!r || r.status >= 300) throw new Error(`${method} ${path} → ${r ? `${r.status} ${JSON.stringify(r.body)}` : 'no answer'}`);
  return r;
}

async function login(h: HubProcess, username: string, password: string): Promise<string> {
  const res = await fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

let nextId = 0;
const newRequestId = (what: string) => `${what}-${String(++nextId).padStart(6, '0')}-crash`;

/** A screen's socket that reconnects by itself (as the screens' hub-socket does) and keeps every snapshot. */
function screen(auth: { cookie?: string; token?: string }): { socket: Socket; snapshots: SnapshotMessage[] } {
  const socket = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
    auth: auth.token ? { token: auth.token } : {},
  });
  screens.push(socket);
  const snapshots: SnapshotMessage[] = [];
  socket.on('snapshot', (s: SnapshotMessage) => snapshots.push(s));
  return { socket, snapshots };
}

// --- what was asked and acknowledged, across all rounds
interface KioskRequest {
  body: Body;
  ticketId: string | null;
}
const kioskRequests = new Map<string, KioskRequest>();
interface Known {
  label: string;
  prefix: string;
  number: number;
  status: TicketStatus;
}
const acknowledged = new Map<string, Known>();
/** Acknowledged counter actions by requestId, and the counter step each counter had in flight at the kill. */
const counterActions = new Map<string, { action: string; counter: number; ticketId: string }>();
interface CounterLane {
  number: number;
  cookie: string;
  /** The counter's ticket and its status as the last acknowledged reply left them. */
  ticket: { id: string; status: TicketStatus } | null;
  pending: { action: 'call-next' | 'start' | 'finish'; body: Body } | null;
}
const lanes: CounterLane[] = [];
/** Bookings by CPR: the acknowledged appointment, or null while its request is unanswered. */
const bookings = new Map<string, { body: Body; appointment: { id: string; reference: string; day: string } | null }>();
let freeSlots: { day: string; time: string }[] = [];
/** Requests the kills left unanswered and that were sent again after the restart. */
const retried = { kiosk: 0, counter: 0 };

function remember(t: { id: string; label: string; prefix: string; number: number; status: TicketStatus }) {
  const prev = acknowledged.get(t.id);
  if (prev) expect({ label: t.label, number: t.number }, `ticket ${t.id}`).toEqual({ label: prev.label, number: prev.number });
  const status = prev && RANK[prev.status] > RANK[t.status] ? prev.status : t.status;
  acknowledged.set(t.id, { label: t.label, prefix: t.prefix, number: t.number, status });
}

/** Sends a kiosk request (new, or a retry of one the kill left unanswered); true when answered. */
async function kioskRequest(h: HubProcess, token: string, requestId: string): Promise<boolean> {
  const req = kioskRequests.get(requestId)!;
  const r = await send(h, 'POST', '/api/kiosk/tickets', { token, body: { ...req.body, requestId } });
  if (!r) return false;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (req.ticketId !== null) expect(r.body.ticket.id, `the repeat of ${requestId}`).toBe(req.ticketId);
  req.ticketId = r.body.ticket.id;
  remember(r.body.ticket);
  return true;
}

/** Sends a counter step (new, or the retry of the one in flight at the kill); null when unanswered. */
async function counterStep(h: HubProcess, lane: CounterLane): Promise<Reply | null> {
  const step = lane.pending!;
  const r = await send(h, 'POST', `/api/counters/${lane.number}/${step.action}`, { cookie: lane.cookie, body: step.body });
  if (!r) return null;
  lane.pending = null;
  if (r.status !== 200) return r;
  const t = r.body.ticket;
  remember(t);
  const requestId = step.body.requestId as string;
  expect(counterActions.has(requestId)).toBe(false);
  counterActions.set(requestId, { action: step.action, counter: lane.number, ticketId: t.id });
  lane.ticket = t.status === 'called' || t.status === 'serving' ? { id: t.id, status: t.status } : null;
  return r;
}

/** Sends a booking (new, or a retry); true when answered. A retry of one the hub had kept is ALREADY_BOOKED. */
async function book(h: HubProcess, agent: string, cpr: string): Promise<boolean> {
  const b = bookings.get(cpr)!;
  const r = await send(h, 'POST', '/api/appointments', { cookie: agent, body: b.body });
  if (!r) return false;
  if (r.status === 409 && r.body.error.code === 'ALREADY_BOOKED') return true;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  b.appointment = { id: r.body.appointment.id, reference: r.body.appointment.reference, day: r.body.appointment.day };
  return true;
}

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const eventCount = (db: Database.Database, type: string) => (db.prepare('select count(*) as n from events where type = ?').get(type) as { n: number }).n;

describe('kill -9 under a mixed load, three times, on one database file', () => {
  let supervisor: string;
  let agent: string;
  let kioskToken: string;
  let staffScreen: ReturnType<typeof screen>;
  let displayScreen: ReturnType<typeof screen>;
  /** The highest sequence number the staff screen had seen when the hub was killed. */
  let seqAtKill = 0;
  let hub: HubProcess;

  it('sets up a hall: kiosk and display paired, two counters open, an agent, screens connected', async () => {
    hub = await start(0);
    supervisor = await login(hub, 'supervisor', 'super123');
    const admin = await login(hub, 'admin', 'admin123');
    const settings = (await must(hub, 'GET', '/api/settings', { cookie: supervisor })).body.settings;
    await must(hub, 'PUT', '/api/settings', { cookie: admin, body: { ...settings, kioskTicketsPerMinute: 1000, kioskTicketsBurst: 1000 } });
    const pair = async (kind: 'kiosk' | 'display') => {
      const code = await must(hub, 'POST', '/api/devices/pairing-codes', { cookie: supervisor, body: { kind, name: `Crash ${kind}` } });
      return (await must(hub, 'POST', '/api/devices/pair', { body: { code: code.body.code } })).body.token as string;
    };
    kioskToken = await pair('kiosk');
    const displayToken = await pair('display');
    for (const c of COUNTERS) {
      const cookie = await login(hub, c.username, 'counter123');
      await must(hub, 'POST', `/api/counters/${c.number}/open`, { cookie, body: { requestId: newRequestId('open') } });
      lanes.push({ number: c.number, cookie, ticket: null, pending: null });
    }
    agent = await login(hub, 'agent', 'agent123');
    // Today's and the next days' slots, one booking each, so that a retried booking never finds its slot full.
    const slots = (await must(hub, 'GET', `/api/slots?serviceId=${BOOKED_SERVICE}&days=10`, { cookie: agent })).body;
    // Today's from 10:00 only: the clock moves on over the restarts, and a retried booking must not find its slot past.
    freeSlots = slots.days.flatMap((d: any) =>
      d.slots.filter((s: any) => s.remaining > 0 && (d.day !== '2026-11-26' || s.time >= '10:00')).map((s: any) => ({ day: d.day, time: s.time })),
    );
    expect(freeSlots.length).toBeGreaterThan((KILLS + 1) * PER_ROUND.bookings * 3);
    expect(freeSlots[0]!.day, 'today has slots left').toBe('2026-11-26');

    staffScreen = screen({ cookie: supervisor });
    displayScreen = screen({ token: displayToken });
    await until(() => staffScreen.snapshots.length === 1 && displayScreen.snapshots.length === 1, 5000, 'the screens’ first snapshots');
    expect(displayScreen.snapshots[0]!.audience).toBe('public');
  });

  for (let round = 0; round <= KILLS; round++) {
    if (round > 0) {
      it(`after kill ${round}: starts again with everything acknowledged, exactly once, and the screens resync by themselves`, async () => {
        const snapshotsBefore = [staffScreen.snapshots.length, displayScreen.snapshots.length];
        hub = await start(round);
        expect(hub.logs.some((l) => l.msg === 'first run: seeded the demo hall')).toBe(false);
        const snap = (await must(hub, 'GET', '/api/snapshot', { cookie: supervisor })).body;
        expect(snap.seq).toBeGreaterThanOrEqual(seqAtKill);

        // The screens come back by themselves, with a snapshot holding every acknowledged ticket and booking of today.
        await until(
          () => staffScreen.snapshots.length > snapshotsBefore[0]! && displayScreen.snapshots.length > snapshotsBefore[1]!,
          10_000,
          'the screens’ snapshots after the restart',
        );
        for (const s of [staffScreen.snapshots.at(-1)!, displayScreen.snapshots.at(-1)!, snap]) {
          expect(s.seq).toBeGreaterThanOrEqual(seqAtKill);
          const lost = [...acknowledged].filter(([id, k]) => !s.state.tickets[id] || RANK[s.state.tickets[id]!.status as TicketStatus] < RANK[k.status]);
          expect(
            lost.map(([, k]) => k.label),
            `${s.audience} snapshot: tickets lost or gone back`,
          ).toEqual([]);
          for (const lane of lanes) expect(s.state.counters[String(lane.number)]).toMatchObject({ open: true });
        }
        const today = [...bookings.values()].flatMap((b) => (b.appointment?.day === '2026-11-26' ? [b.appointment] : []));
        expect(today.length).toBeGreaterThan(0);
        for (const a of today) expect((staffScreen.snapshots.at(-1)!.state as any).appointments[a.id], a.reference).toBeDefined();

        // Numbers per queue: unique, 1…n without gaps, none acknowledged before reused.
        const byPrefix = new Map<string, number[]>();
        for (const t of Object.values(snap.state.tickets) as Known[]) byPrefix.set(t.prefix, [...(byPrefix.get(t.prefix) ?? []), t.number]);
        for (const [prefix, numbers] of byPrefix) {
          const sorted = [...numbers].sort((a, b) => a - b);
          expect(sorted, `numbers of queue ${prefix}`).toEqual(sorted.map((_, i) => i + 1));
        }
        for (const [id, k] of acknowledged) expect(snap.state.tickets[id]).toMatchObject({ label: k.label, number: k.number });

        // What the kill left unanswered is asked again with the same requestId (and the same booking again).
        for (const [requestId, req] of kioskRequests) {
          if (req.ticketId !== null) continue;
          retried.kiosk++;
          expect(await kioskRequest(hub, kioskToken, requestId)).toBe(true);
        }
        for (const lane of lanes) {
          if (!lane.pending) continue;
          retried.counter++;
          const r = await counterStep(hub, lane);
          expect(r?.status, `retry of ${lane.pending?.action ?? 'the step'} at counter ${lane.number}: ${JSON.stringify(r?.body)}`).toBe(200);
        }
        for (const [cpr, b] of bookings) if (!b.appointment) expect(await book(hub, agent, cpr)).toBe(true);

        // Exactly once: one ticket per kiosk request, one event per counter action, one appointment per booking.
        const ticketIds = [...kioskRequests.values()].map((r) => r.ticketId);
        expect(new Set(ticketIds).size).toBe(kioskRequests.size);
        const actions = [...counterActions.values()];
        const acted = (a: string) => actions.filter((x) => x.action === a).length;
        readDb((db) => {
          expect(eventCount(db, 'ticket_issued')).toBe(kioskRequests.size);
          expect(eventCount(db, 'ticket_called')).toBe(acted('call-next'));
          expect(eventCount(db, 'ticket_started')).toBe(acted('start'));
          expect(eventCount(db, 'ticket_finished')).toBe(acted('finish'));
          const perCpr = db
            .prepare('select cpr, count(*) as n from appointments where service_id = ? and cpr like ? group by cpr')
            .all(BOOKED_SERVICE, '7%') as {
            cpr: string;
            n: number;
          }[];
          expect(perCpr.length).toBe(bookings.size);
          expect(perCpr.every((r) => r.n === 1)).toBe(true);
          for (const b of bookings.values()) {
            if (b.appointment)
              expect(db.prepare('select reference from appointments where id = ?').get(b.appointment.id)).toEqual({ reference: b.appointment.reference });
          }
        });
      });
    }

    if (round < KILLS) {
      it(`round ${round + 1}: kiosks issue, counters call and finish, the agent books — then kill -9 with requests in flight`, async () => {
        let killed = false;
        let inFlight = 0;
        let inFlightAtKill = 0;
        const done = { tickets: 0, finished: 0, bookings: 0 };
        const kill = () => {
          if (killed) return;
          killed = true;
          inFlightAtKill = inFlight;
          seqAtKill = Math.max(0, ...staffScreen.snapshots.map((s) => s.seq), seqAtKill);
          hub.proc.kill('SIGKILL');
        };
        // Killed with a counter step in flight too, so that each restart has one to retry.
        const maybeKill = () => {
          const enough = done.tickets >= PER_ROUND.tickets && done.finished >= PER_ROUND.finished && done.bookings >= PER_ROUND.bookings;
          if (enough && inFlight > 0 && lanes.some((l) => l.pending)) kill();
        };
        const running = () => !killed && hub.alive();
        const tracked = async <T>(p: Promise<T>): Promise<T> => {
          inFlight++;
          try {
            return await p;
          } finally {
            inFlight--;
          }
        };
        staffScreen.socket.on('delta', (d: { toSeq: number }) => {
          if (!killed) seqAtKill = Math.max(seqAtKill, d.toSeq);
        });

        const kioskLane = async (lane: number) => {
          for (let i = 0; running(); i++) {
            const requestId = newRequestId('walkin');
            kioskRequests.set(requestId, { body: { serviceId: SERVICES[(lane + i) % SERVICES.length] }, ticketId: null });
            if (await tracked(kioskRequest(hub, kioskToken, requestId))) done.tickets++;
            maybeKill();
          }
        };
        const counterLane = async (lane: CounterLane) => {
          while (running()) {
            const action = lane.ticket === null ? 'call-next' : lane.ticket.status === 'called' ? 'start' : 'finish';
            lane.pending = { action, body: { requestId: newRequestId(action), ...(action === 'finish' ? { outcome: 'served' } : {}) } };
            const r = await tracked(counterStep(hub, lane));
            if (!r) return;
            if (r.status === 409 && r.body.error.code === 'QUEUE_EMPTY') {
              await new Promise((resolve) => setTimeout(resolve, 5));
              continue;
            }
            expect(r.status, JSON.stringify(r.body)).toBe(200);
            if (action === 'finish') done.finished++;
            maybeKill();
          }
        };
        const agentLane = async () => {
          while (running()) {
            const slot = freeSlots.shift()!;
            const cpr = `7${String(bookings.size + 1).padStart(8, '0')}`;
            bookings.set(cpr, {
              body: { serviceId: BOOKED_SERVICE, ...slot, cpr, phone: '36001234', nameAr: 'مريم علي', nameEn: 'Maryam Ali' },
              appointment: null,
            });
            if (await tracked(book(hub, agent, cpr))) done.bookings++;
            maybeKill();
          }
        };

        const deadline = setTimeout(kill, 10_000); // a stalled load still ends; the counts below say so
        const all = [...Array.from({ length: KIOSK_LANES }, (_, i) => kioskLane(i)), ...lanes.map(counterLane), agentLane()].map((l) =>
          l.catch((err: unknown) => {
            kill();
            throw err;
          }),
        );
        try {
          await Promise.all(all);
        } finally {
          clearTimeout(deadline);
          staffScreen.socket.off('delta');
          await Promise.allSettled(all);
        }
        expect(await hub.exited).toEqual({ code: null, signal: 'SIGKILL' });
        expect(done.tickets).toBeGreaterThanOrEqual(PER_ROUND.tickets);
        expect(done.finished).toBeGreaterThanOrEqual(PER_ROUND.finished);
        expect(done.bookings).toBeGreaterThanOrEqual(PER_ROUND.bookings);
        expect(inFlightAtKill, 'requests in flight at the kill').toBeGreaterThan(0);
      });
    }
  }

  it('continues every queue after its highest number, then stops cleanly with a sound database', async () => {
    const before = (await must(hub, 'GET', '/api/snapshot', { cookie: supervisor })).body.state.tickets as Record<string, Known>;
    const highest = (prefix: string) =>
      Math.max(
        0,
        ...Object.values(before)
          .filter((t) => t.prefix === prefix)
          .map((t) => t.number),
      );
    for (const serviceId of SERVICES) {
      const t = (await must(hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId, requestId: newRequestId('last') } })).body.ticket;
      expect(t.number, t.label).toBe(highest(t.prefix) + 1);
    }
    expect(retried.kiosk, 'kiosk requests retried after a kill').toBeGreaterThan(0);
    expect(retried.counter, 'counter steps retried after a kill').toBeGreaterThanOrEqual(KILLS);
    expect(await stopHub(hub, 'SIGTERM', 10_000)).toEqual({ code: 0, signal: null });
    expect(readDb((db) => db.pragma('integrity_check', { simple: true }))).toBe('ok');
  });
});
