// Crash safety: the hub runs as a real child process (as `npm start` runs it) on a temp SQLite
// file, takes a burst of kiosk tickets and counter actions, and is SIGKILLed mid-burst with
// requests in flight. Started again on the same file, it must still hold everything it
// acknowledged — statuses never going back, numbers never reused — and then stop cleanly on SIGTERM.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Counter, Ticket, TicketStatus } from '../../protocol/domain.ts';
import type { DeltaMessage } from '../../protocol/messages.ts';
import { hubProcesses, stopHub, type HubProcess } from '../helpers/child.ts';
import { connectClient, until, type Client } from '../helpers/hub.ts';

const SERVICES = ['application-inquiry', 'new-application', 'update-details', 'family-members', 'letter-follow-up'] as const;
const KIOSK_LANES = 12;
/** Kill once this many tickets were acknowledged and the counter finished this many citizens. */
const KILL_AFTER = { tickets: 60, served: 2 };
const COUNTER = 3;

/** Where a ticket can be on its way through the hall; it never moves to a lower rank. */
const RANK: Record<TicketStatus, number> = { waiting: 0, called: 1, serving: 2, done: 3, no_show: 3, transferred: 3, cancelled: 3 };

interface Known {
  id: string;
  label: string;
  prefix: string;
  number: number;
  status: TicketStatus;
  statusUrl?: string;
}
type Reply = { status: number; body: any; headers: Headers };

const procs = hubProcesses('dor-crash-');
let file: string;
const clients: Client[] = [];

beforeAll(() => {
  file = join(procs.dir, 'dor.db');
});

afterAll(() => {
  for (const c of clients.splice(0)) c.close();
});

async function start(clockStart: string): Promise<HubProcess> {
  return procs.spawn({ PORT: '0', HOST: '127.0.0.1', DOR_DB: file, LOG_LEVEL: 'info', DOR_CLOCK_START: clockStart });
}

/** One HTTP request; null when it got no complete answer (connection refused, reset, timeout). */
async function send(h: { url: string }, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply | null> {
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
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text), headers: res.headers };
  } catch {
    return null;
  }
}

async function must(h: { url: string }, method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string } = {}): Promise<Reply> {
  const r = await send(h, method, path, opts);
  if (!r || r.status >= 300) throw new Error(`${method} ${path} → ${r ? `${r.status} ${JSON.stringify(r.body)}` : 'no answer'}`);
  return r;
}

async function login(h: HubProcess, username: string, password: string): Promise<{ cookie: string; userId: number }> {
  const r = await must(h, 'POST', '/api/auth/login', { body: { username, password } });
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, userId: r.body.user.id };
}

// What the first run acknowledged, carried over to the checks after the restart.
const known = new Map<string, Known>();
let supervisor: { cookie: string; userId: number };
let counter1: { cookie: string; userId: number };
let kioskToken: string;
let lastSeqBeforeCrash = 0;
let inFlightAtKill = 0;
let servedBeforeKill = 0;
/** The counter as its last acknowledged answer left it, and the counter request in flight at the kill, if any. */
let counterAcked: Counter | null = null;
let counterPendingAtKill: 'call-next' | 'start' | 'finish' | null = null;
const calledByCounter = new Set<string>();

function remember(t: Pick<Known, 'id' | 'label' | 'prefix' | 'number' | 'status'>, statusUrl?: string) {
  const prev = known.get(t.id);
  if (prev && (prev.label !== t.label || prev.number !== t.number)) throw new Error(`ticket ${t.id} acknowledged as ${prev.label} and as ${t.label}`);
  const status = prev && RANK[prev.status] > RANK[t.status] ? prev.status : t.status;
  known.set(t.id, { id: t.id, label: t.label, prefix: t.prefix, number: t.number, status, statusUrl: statusUrl ?? prev?.statusUrl });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seqOf = (c: Client) => Math.max(0, ...c.snapshots.map((s) => s.seq), ...c.deltas.map((d) => d.toSeq));

describe('crash and restart of the hub process', () => {
  let first: HubProcess;
  let second: HubProcess;
  /** Screens that connect again as soon as the hub is back, before anyone does anything. */
  let staffAgain: Client;
  let kioskAgain: Client;
  let counterAfterRestart: string | null = null;

  it('acknowledges tickets and counter work, then dies by SIGKILL with requests in flight', async () => {
    first = await start('2026-11-26T06:00:00Z');
    expect(first.logs.some((l) => l.msg === 'first run: seeded the demo hall')).toBe(true);
    expect(first.loggedUrl).toMatch(/^http:\/\/localhost:\d+\/$/);

    supervisor = await login(first, 'supervisor', 'super123');
    counter1 = await login(first, 'counter1', 'counter123');
    // Twelve kiosk loops at once are far beyond the per-kiosk rate limit a hall wants.
    const settings = (await must(first, 'GET', '/api/settings', { cookie: supervisor.cookie })).body.settings;
    const admin = await login(first, 'admin', 'admin123');
    await must(first, 'PUT', '/api/settings', { cookie: admin.cookie, body: { ...settings, kioskTicketsPerMinute: 1000, kioskTicketsBurst: 1000 } });
    const code = await must(first, 'POST', '/api/devices/pairing-codes', { cookie: supervisor.cookie, body: { kind: 'kiosk', name: 'Crash kiosk' } });
    kioskToken = (await must(first, 'POST', '/api/devices/pair', { body: { code: code.body.code } })).body.token;
    counterAcked = (await must(first, 'POST', `/api/counters/${COUNTER}/open`, { cookie: counter1.cookie })).body.counter;

    // A staff screen watching the hall: every delta it gets was committed before it was sent.
    const watcher = await connectClient(first, { cookie: supervisor.cookie });
    clients.push(watcher);
    await until(() => watcher.snapshots.length === 1, 5000, 'first snapshot');
    const reached: Partial<Record<string, TicketStatus>> = { ticket_called: 'called', ticket_started: 'serving', ticket_finished: 'done' };
    watcher.socket.on('delta', (d: DeltaMessage) => {
      for (const e of d.events) {
        if (e.type === 'ticket_issued') remember(e.ticket);
        const t = 'ticketId' in e ? known.get(e.ticketId) : undefined;
        const status = reached[e.type];
        if (t && status) remember({ ...t, status });
      }
    });

    let killed = false;
    let issued = 0;
    let served = 0;
    let inFlight = 0;
    let counterPending: typeof counterPendingAtKill = null;
    const kill = () => {
      if (killed) return;
      killed = true;
      inFlightAtKill = inFlight;
      counterPendingAtKill = counterPending;
      servedBeforeKill = served;
      lastSeqBeforeCrash = seqOf(watcher);
      first.proc.kill('SIGKILL');
    };
    // Kill while the counter holds a called or serving ticket, so "same ticket after the restart" means something.
    const maybeKill = () => {
      if (issued >= KILL_AFTER.tickets && served >= KILL_AFTER.served && counterAcked?.currentTicketId) kill();
    };

    async function kioskLane(lane: number) {
      for (let i = 0; !killed && first.alive(); i++) {
        const serviceId = SERVICES[(lane + i) % SERVICES.length]!;
        const body = i % 7 === 3 ? { serviceId, priority: 'elderly' } : { serviceId };
        inFlight++;
        const r = await send(first, 'POST', '/api/kiosk/tickets', { token: kioskToken, body });
        inFlight--;
        if (!r) continue; // no answer: the hub may or may not have kept it
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        remember(r.body.ticket, r.body.statusUrl);
        issued++;
        maybeKill();
      }
    }

    async function counterStep(action: 'call-next' | 'start' | 'finish'): Promise<Reply | null> {
      counterPending = action;
      inFlight++;
      const r = await send(first, 'POST', `/api/counters/${COUNTER}/${action}`, {
        cookie: counter1.cookie,
        body: action === 'finish' ? { outcome: 'served' } : {},
      });
      inFlight--;
      counterPending = null;
      if (r && r.status === 200) {
        counterAcked = r.body.counter;
        if (r.body.ticket) remember(r.body.ticket);
      }
      return r;
    }

    async function counterLane() {
      while (!killed && first.alive()) {
        const call = await counterStep('call-next');
        if (!call) return;
        if (call.status === 409 && call.body.error.code === 'QUEUE_EMPTY') {
          await sleep(5);
          continue;
        }
        expect(call.status, JSON.stringify(call.body)).toBe(200);
        calledByCounter.add(call.body.ticket.id);
        await sleep(15); // the citizen walks up…
        if (killed) return;
        const started = await counterStep('start');
        if (!started) return;
        expect(started.status, JSON.stringify(started.body)).toBe(200);
        await sleep(15); // …and is served
        if (killed) return;
        const finished = await counterStep('finish');
        if (!finished) return;
        expect(finished.status, JSON.stringify(finished.body)).toBe(200);
        served++;
      }
    }

    const deadline = setTimeout(kill, 10_000); // in case the burst stalls: the checks below will say so
    // A failed check in one lane stops them all (and the hub), rather than leaving them spinning.
    const lanes = [counterLane(), ...Array.from({ length: KIOSK_LANES }, (_, i) => kioskLane(i))].map((l) =>
      l.catch((err: unknown) => {
        kill();
        throw err;
      }),
    );
    try {
      await Promise.all(lanes);
    } finally {
      clearTimeout(deadline);
      await Promise.allSettled(lanes);
    }

    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(issued).toBeGreaterThanOrEqual(KILL_AFTER.tickets);
    expect(servedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER.served);
    expect(inFlightAtKill, 'requests in flight when the hub was killed').toBeGreaterThan(0);
    expect(lastSeqBeforeCrash).toBeGreaterThan(0);
    expect(counterAcked?.open).toBe(true);
    // Within one run an acknowledged number is never handed out twice.
    const labels = [...known.values()].map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('starts again on the same file with every acknowledged ticket, none gone back', async () => {
    // The shifted clock restarts at DOR_CLOCK_START: start a few minutes later so time moves on.
    second = await start('2026-11-26T06:05:00Z');
    expect(
      second.logs.some((l) => l.msg === 'first run: seeded the demo hall'),
      'no second seeding',
    ).toBe(false);
    staffAgain = await connectClient(second, { cookie: supervisor.cookie });
    kioskAgain = await connectClient(second, { token: kioskToken });
    clients.push(staffAgain, kioskAgain);

    const health = await must(second, 'GET', '/healthz');
    expect(health.body).toMatchObject({ ok: true, day: '2026-11-26' });
    expect(health.body.seq).toBeGreaterThanOrEqual(lastSeqBeforeCrash);

    // The supervisor's session from before the crash still works.
    const snap = await must(second, 'GET', '/api/snapshot', { cookie: supervisor.cookie });
    expect(snap.body.audience).toBe('staff');
    expect(snap.body.seq).toBeGreaterThanOrEqual(lastSeqBeforeCrash);
    const tickets = snap.body.state.tickets as Record<string, Ticket>;

    const missing = [...known.values()].filter((k) => !tickets[k.id]).map((k) => k.label);
    expect(missing, 'acknowledged tickets lost in the crash').toEqual([]);
    const wentBack = [...known.values()]
      .filter((k) => RANK[tickets[k.id]!.status] < RANK[k.status])
      .map((k) => `${k.label}: acknowledged ${k.status}, now ${tickets[k.id]!.status}`);
    expect(wentBack, 'tickets whose status went backwards').toEqual([]);
    for (const k of known.values()) expect(tickets[k.id]).toMatchObject({ label: k.label, prefix: k.prefix, number: k.number });

    // Numbers per prefix: unique, 1…n without gaps, and the hub's counter of them agrees.
    const byPrefix = new Map<string, number[]>();
    for (const t of Object.values(tickets)) byPrefix.set(t.prefix, [...(byPrefix.get(t.prefix) ?? []), t.number]);
    for (const [prefix, numbers] of byPrefix) {
      const sorted = [...numbers].sort((a, b) => a - b);
      expect(sorted, `numbers of queue ${prefix}`).toEqual(sorted.map((_, i) => i + 1));
      expect(snap.body.state.lastNumber[prefix]).toBe(sorted.length);
    }

    // The citizens' status links (served from the tickets table) survived too.
    const links = [...known.values()].filter((k) => k.statusUrl);
    expect(links.length).toBeGreaterThan(0);
    const statuses = await Promise.all(links.map((k) => send(second, 'GET', `/api/tickets/status/${k.statusUrl!.slice('/t/'.length)}`)));
    statuses.forEach((r, i) => {
      expect(r?.status, links[i]!.label).toBe(200);
      expect(r!.body.ticket.label).toBe(links[i]!.label);
    });
  });

  it('keeps the open counter with its ticket', async () => {
    const snap = await must(second, 'GET', '/api/snapshot', { cookie: supervisor.cookie });
    const counter = snap.body.state.counters[String(COUNTER)] as Counter;
    const tickets = snap.body.state.tickets as Record<string, Ticket>;
    expect(counter).toMatchObject({ open: true, userId: counter1.userId });
    counterAfterRestart = counter.currentTicketId;
    const before = counterAcked!.currentTicketId;
    if (counter.currentTicketId !== before) {
      // Only the counter request that was in flight at the kill may have moved it on, by one step.
      if (counterPendingAtKill === 'finish') {
        expect(counter.currentTicketId).toBeNull();
        expect(tickets[before!]!.status).toBe('done');
      } else {
        expect(counterPendingAtKill, `counter ${COUNTER} holds ${counter.currentTicketId}, acknowledged ${before}`).toBe('call-next');
        expect(before).toBeNull();
        expect(tickets[counter.currentTicketId!]).toMatchObject({ status: 'called', counter: COUNTER });
        expect(calledByCounter.has(counter.currentTicketId!)).toBe(false);
      }
    } else if (before) {
      expect(tickets[before]).toMatchObject({ counter: COUNTER });
      expect(['called', 'serving']).toContain(tickets[before]!.status);
    }
    // …and the counter's holder carries on with it (same session cookie).
    let current = counter.currentTicketId ? tickets[counter.currentTicketId]! : null;
    if (current?.status === 'called') current = (await must(second, 'POST', `/api/counters/${COUNTER}/start`, { cookie: counter1.cookie })).body.ticket;
    if (current?.status === 'serving') {
      const done = await must(second, 'POST', `/api/counters/${COUNTER}/finish`, { cookie: counter1.cookie, body: { outcome: 'served' } });
      expect(done.body.ticket).toMatchObject({ id: current.id, status: 'done' });
    }
    const next = await must(second, 'POST', `/api/counters/${COUNTER}/call-next`, { cookie: counter1.cookie });
    expect(next.body.ticket).toMatchObject({ status: 'called', counter: COUNTER });
    expect(tickets[next.body.ticket.id]?.status).toBe('waiting');
  });

  it('continues every ticket sequence after the highest number, reusing none', async () => {
    const before = (await must(second, 'GET', '/api/snapshot', { cookie: supervisor.cookie })).body.state.tickets as Record<string, Ticket>;
    const maxOf = (tickets: Iterable<{ prefix: string; number: number }>, prefix: string) =>
      Math.max(0, ...[...tickets].filter((t) => t.prefix === prefix).map((t) => t.number));
    for (const serviceId of SERVICES) {
      const r = await must(second, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId } });
      const t = r.body.ticket as Ticket;
      expect(t.number, `${serviceId}: ${t.label}`).toBe(maxOf(Object.values(before), t.prefix) + 1);
      expect(t.number).toBeGreaterThan(maxOf(known.values(), t.prefix));
      expect(before[t.id]).toBeUndefined();
    }
  });

  it('gave the screens that reconnected a snapshot at or after what they saw, with the acknowledged tickets', async () => {
    await until(() => staffAgain.snapshots.length === 1 && kioskAgain.snapshots.length === 1, 5000, 'snapshots after the restart');
    for (const [client, audience] of [
      [staffAgain, 'staff'],
      [kioskAgain, 'public'],
    ] as const) {
      const s = client.snapshots[0]!;
      expect(s.audience).toBe(audience);
      expect(s.seq).toBeGreaterThanOrEqual(lastSeqBeforeCrash);
      for (const k of known.values()) {
        const t = s.state.tickets[k.id];
        expect(t, `${audience} snapshot has ${k.label}`).toBeDefined();
        expect(t).toMatchObject({ label: k.label });
        expect(RANK[t!.status], `${k.label} in the ${audience} snapshot`).toBeGreaterThanOrEqual(RANK[k.status]);
      }
      expect(s.state.counters[String(COUNTER)]).toMatchObject({ open: true, userId: counter1.userId, currentTicketId: counterAfterRestart });
    }
    // They are live again: every command since the restart reached them as deltas, without a gap.
    const r = await must(second, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId: 'application-inquiry' } });
    const got = (c: Client) => c.deltas.some((d) => d.events.some((e) => e.type === 'ticket_issued' && e.ticket.id === r.body.ticket.id));
    await until(() => got(staffAgain) && got(kioskAgain), 5000, 'the new ticket as a delta after the restart');
    for (const c of [staffAgain, kioskAgain]) {
      expect(c.deltas[0]!.fromSeq).toBe(c.snapshots[0]!.seq + 1);
      for (let i = 1; i < c.deltas.length; i++) expect(c.deltas[i]!.fromSeq).toBe(c.deltas[i - 1]!.toSeq + 1);
    }
  });

  it('stops cleanly on SIGTERM (exit 0) and leaves a sound database', async () => {
    const { seq } = (await must(second, 'GET', '/healthz')).body;
    // Screens are still connected: the shutdown must not hang on them.
    expect(await stopHub(second, 'SIGTERM', 10_000)).toEqual({ code: 0, signal: null });
    expect(second.logs.some((l) => l.msg === 'stopping' && l.signal === 'SIGTERM')).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('select max(seq) as seq from events').get() as { seq: number }).seq).toBeGreaterThanOrEqual(seq);
    } finally {
      db.close();
    }
  });
});
