// Benchmark 4 — "call next" to the hall display: the time from a counter's `counter:call-next`
// socket request to the `delta` carrying that ticket's `ticket_called` arriving at each of N
// connected display sockets (N = 50, 200, 500), p50 and p99 over every (socket, call) pair. At
// N = 1 the call is the REST request (POST /api/counters/3/call-next) instead, and the floor is
// the same bare server answering an HTTP request with a one-row SQLite commit and the broadcast.
//
// The hub is real (startHub on port 0, a seeded temp SQLite file, tests/helpers/hub.ts); the
// displays authenticate with one display device token shared by all N; the counter is counter1
// at general counter 3 (logged in over REST, its session cookie on the socket). Between calls the
// counter is freed (no-show, or start + finish, alternating) and every display has received those
// deltas before the next call is sent, so each call is timed on a quiet hub.
//
// Floor: a bare Socket.IO server on loopback, same server options, the same N display sockets in
// one room and one "counter" socket: the counter emits with an ack, the server broadcasts a
// message of the same shape and size as the hub's public call-next delta (a captured one, with a
// fresh ticket id of the same length) to the room, then acks — the hub's path without the hub
// (auth re-check, validation, decide, SQLite transaction, projection, redaction). Timed exactly as
// the hub: from the emit to each display's arrival. Clients and servers share this one process in
// both cases (as the tests do), so at N = 200 the spread across sockets is mostly the one event
// loop delivering 200 frames in turn — for the floor as much as for the hub. Hub and floor calls
// alternate one by one so drift and noise hit both. The plain emit → ack echo is logged too.
// The N = 1 floor's commit: one row into an events-shaped table on a temp file with the hub's pragmas.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { DeltaMessage } from '../protocol/messages.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../tests/helpers/hub.ts';
import { tempDbFile, walkin } from './hall.ts';
import { openRaw } from './issue.ts';
import { log, median, type Result } from './timing.ts';

const COUNTER = 3; // a general counter of the demo hall
const STEP_MS = 100; // the hub's manual clock advances this much before every command
const WARMUP = 10; // untimed calls per N, on each side
/** `http`: the call is a REST request (and the floor's an HTTP request with a one-row commit); otherwise a socket event. */
const PLAN: readonly { n: number; calls: number; http: boolean }[] = [
  { n: 1, calls: 500, http: true },
  { n: 50, calls: 200, http: false },
  { n: 200, calls: 120, http: false },
  { n: 500, calls: 60, http: false },
];
const TIMEOUT_MS = 10_000;

/** The p-th percentile (0–100) by nearest rank. */
function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new Error('percentile of nothing');
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function open(url: string, opts: { token?: string; cookie?: string; role?: string }): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.token ? { token: opts.token } : opts.role ? { role: opts.role } : {},
  });
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (e) => reject(e));
    }),
    `connect to ${url}`,
  );
}

/**
 * N display sockets, timing one call at a time: `arm()` before the request is sent, then
 * `arrivals(ticketId)` resolves with each socket's ms from the request to that ticket's
 * `ticket_called`. Also tracks the highest delta `toSeq` each socket has seen.
 */
class Displays {
  private t0 = 0;
  private got = new Map<string, number[]>();
  private waiter: { ticketId: string; resolve(ms: number[]): void } | null = null;
  readonly seqs: number[];
  private seqWaiter: { seq: number; resolve(): void } | null = null;

  constructor(readonly sockets: Socket[]) {
    this.seqs = sockets.map(() => 0);
    sockets.forEach((s, i) => s.on('delta', (d: DeltaMessage) => this.onDelta(i, d)));
  }

  private onDelta(i: number, d: DeltaMessage) {
    const at = performance.now();
    for (const e of d.events) {
      if (e.type !== 'ticket_called') continue;
      let list = this.got.get(e.ticketId);
      if (!list) this.got.set(e.ticketId, (list = []));
      list.push(at - this.t0);
      if (this.waiter?.ticketId === e.ticketId && list.length === this.sockets.length) {
        this.waiter.resolve(list);
        this.waiter = null;
      }
    }
    if (d.toSeq > this.seqs[i]!) this.seqs[i] = d.toSeq;
    if (this.seqWaiter && this.seqs.every((s) => s >= this.seqWaiter!.seq)) {
      this.seqWaiter.resolve();
      this.seqWaiter = null;
    }
  }

  /** Starts timing a call; call it right before sending the request. */
  arm() {
    this.got.clear();
    this.waiter = null;
    this.t0 = performance.now();
  }

  arrivals(ticketId: string): Promise<number[]> {
    const have = this.got.get(ticketId);
    if (have && have.length === this.sockets.length) return Promise.resolve(have);
    return withTimeout(
      new Promise((resolve) => {
        this.waiter = { ticketId, resolve };
      }),
      `${this.sockets.length} displays to see ${ticketId}`,
    );
  }

  /** Resolves once every socket has received the delta up to `seq` (the hub is quiet again). */
  caughtUp(seq: number): Promise<void> {
    if (this.seqs.every((s) => s >= seq)) return Promise.resolve();
    return withTimeout(
      new Promise((resolve) => {
        this.seqWaiter = { seq, resolve };
      }),
      `displays to reach seq ${seq}`,
    );
  }

  close() {
    for (const s of this.sockets) s.close();
  }
}

/** Opens the N display sockets a batch at a time (hundreds at once overrun the connect timeout on a busy machine). */
async function openDisplays(n: number, url: string, auth: { token?: string; role?: string }): Promise<Displays> {
  const BATCH = 25;
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += BATCH) sockets.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, n - i) }, () => open(url, auth)))));
  return new Displays(sockets);
}

/** Waits until the server counts `clients` engine connections (after closing sockets). */
async function settle(io: IoServer, clients: number) {
  const end = Date.now() + TIMEOUT_MS;
  while (io.engine.clientsCount !== clients) {
    if (Date.now() > end) throw new Error(`server still has ${io.engine.clientsCount} clients, expected ${clients}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Ack {
  ok: boolean;
  data?: { ticket: { id: string } | null };
  error?: { code: string; message: string };
}

async function ask(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  const a = (await socket.timeout(TIMEOUT_MS).emitWithAck(event, payload)) as Ack;
  if (!a.ok) throw new Error(`${event} refused: ${a.error?.code} ${a.error?.message}`);
  return a;
}

/** POSTs an empty JSON body and returns the reply's JSON; throws unless 2xx. */
async function callOverHttp(url: string, cookie?: string): Promise<Ack['data']> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Ack['data'];
}

/** The real hub side: a counter socket (counter1 at counter 3) and the hub it talks to. */
class HubSide {
  private cycle = 0;
  /** The public delta a display received for the first call (the floor's message template). */
  lastDelta: DeltaMessage | null = null;

  constructor(
    readonly th: TestHub,
    readonly counter: Socket,
    readonly cookie: string,
    readonly displayToken: string,
  ) {}

  /** One call (a socket event, or the REST request): each display's ms from the request to its `ticket_called`, and the reply's ms. */
  async call(d: Displays, http = false): Promise<{ arrivals: number[]; ackMs: number }> {
    const { th, counter } = this;
    th.clock.advance(STEP_MS);
    // The first call only: keep the public delta a display received (the floor's template).
    let captured: DeltaMessage | null = null;
    const first = this.lastDelta ? null : d.sockets[0]!;
    const capture = (m: DeltaMessage) => {
      if (m.events.some((e) => e.type === 'ticket_called')) captured = m;
    };
    first?.on('delta', capture);
    d.arm();
    const t0 = performance.now();
    const reply = http
      ? await callOverHttp(`${th.url}/api/counters/${COUNTER}/call-next`, this.cookie)
      : (await ask(counter, 'counter:call-next', { counter: COUNTER })).data;
    const ackMs = performance.now() - t0;
    const ticketId = reply?.ticket?.id;
    if (!ticketId) throw new Error('call-next called no ticket (out of walk-ins?)');
    const arrivals = await d.arrivals(ticketId);
    if (first) {
      first.off('delta', capture);
      this.lastDelta = captured;
    }
    // Free the counter, and let every display receive those deltas before the next call.
    th.clock.advance(STEP_MS);
    if (this.cycle++ % 2 === 0) await ask(counter, 'counter:no-show', { counter: COUNTER });
    else {
      await ask(counter, 'counter:start', { counter: COUNTER });
      th.clock.advance(STEP_MS);
      await ask(counter, 'counter:finish', { counter: COUNTER, outcome: 'done', note: null });
    }
    await d.caughtUp(th.hub.lastSeq);
    return { arrivals, ackMs };
  }
}

/**
 * The floor: a bare Socket.IO server with the hub's options. Sockets that connect with
 * `auth.role = 'display'` join the "display" room; a `call` event broadcasts a copy of the
 * template delta (with a fresh ticket id of the same length) to the room and acks; `echo` only
 * acks; a POST /call commits one row, broadcasts the same way and answers with the ticket id.
 */
async function startRawServer(template: () => DeltaMessage) {
  const rawDb = tempDbFile('call-latency-raw');
  const { db, tx } = openRaw(rawDb.file);
  let k = 0;
  /** Broadcasts the template with a fresh ticket id to the displays; returns that id. */
  const broadcast = (): string => {
    const t = template();
    k++;
    let id = '';
    const events = t.events.map((e) => {
      if (e.type !== 'ticket_called') return e;
      id = `raw${k}`.padEnd(e.ticketId.length, '_');
      return { ...e, ticketId: id };
    });
    io.to('display').emit('delta', { fromSeq: t.fromSeq + k, toSeq: t.toSeq + k, events });
    return id;
  };
  const http = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/call') return void res.writeHead(404).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      tx(Date.now(), Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ticket: { id: broadcast() } }));
    });
  });
  const io = new IoServer(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  io.on('connection', (socket) => {
    if (socket.handshake.auth?.role === 'display') socket.join('display');
    socket.on('echo', (_payload: unknown, ack: (a: Ack) => void) => ack({ ok: true, data: { ticket: null } }));
    socket.on('call', (_payload: unknown, ack: (a: Ack) => void) => ack({ ok: true, data: { ticket: { id: broadcast() } } }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const caller = await open(url, { role: 'counter' });
  return {
    io,
    url,
    caller,
    async call(d: Displays, overHttp = false): Promise<{ arrivals: number[]; ackMs: number }> {
      d.arm();
      const t0 = performance.now();
      const reply = overHttp ? await callOverHttp(`${url}/call`) : (await ask(caller, 'call', { counter: COUNTER })).data;
      const ackMs = performance.now() - t0;
      return { arrivals: await d.arrivals(reply!.ticket!.id), ackMs };
    },
    async echo(): Promise<number> {
      const t0 = performance.now();
      await ask(caller, 'echo', { counter: COUNTER });
      return performance.now() - t0;
    },
    async close() {
      caller.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections?.();
      db.close();
      rawDb.cleanup();
    },
  };
}

interface Measured {
  n: number;
  http: boolean;
  calls: number;
  hub: number[];
  raw: number[];
  hubAck: number[];
  rawAck: number[];
}

export async function benchCallLatency(): Promise<Result[]> {
  const started = performance.now();
  const totalCalls = PLAN.reduce((a, p) => a + p.calls + WARMUP, 0) + 1;
  const th = await startTestHub();
  let raw: Awaited<ReturnType<typeof startRawServer>> | null = null;
  let counter: Socket | null = null;
  const measured: Measured[] = [];
  const echo: number[] = [];
  try {
    // Enough walk-ins for every call (a no-show does not requeue under the default settings).
    for (let i = 0; i < totalCalls + 20; i++) {
      th.clock.advance(STEP_MS);
      const d = th.hub.execute(walkin(i), 'bench');
      if (!d.ok) throw new Error(`issue_walkin refused: ${d.error.code}`);
    }
    const cookie = await login(th, ...DEMO.counter1);
    const opened = await call(th, 'POST', `/api/counters/${COUNTER}/open`, { cookie });
    if (opened.status !== 200) throw new Error(`open counter ${COUNTER}: ${opened.status} ${JSON.stringify(opened.body)}`);
    counter = await open(th.url, { cookie });
    const hubSide = new HubSide(th, counter, cookie, deviceToken(th, 'display'));

    // One call first, to capture the public call-next delta the floor will broadcast.
    const probe = await openDisplays(1, th.url, { token: hubSide.displayToken });
    await hubSide.call(probe);
    probe.close();
    const template = hubSide.lastDelta;
    if (!template) throw new Error('no ticket_called delta captured');
    log(
      `call-latency: ${totalCalls + 20} walk-ins issued; public call-next delta is ${JSON.stringify(template).length} bytes of JSON ` +
        `(${template.events.map((e) => e.type).join(', ')})`,
    );
    raw = await startRawServer(() => template);

    for (let i = 0; i < 50; i++) await raw.echo();
    for (let i = 0; i < 500; i++) echo.push(await raw.echo());

    for (const { n, calls, http } of PLAN) {
      await settle(th.io, 1);
      await settle(raw.io, 1);
      const hubD = await openDisplays(n, th.url, { token: hubSide.displayToken });
      const rawD = await openDisplays(n, raw.url, { role: 'display' });
      await new Promise((r) => setTimeout(r, 50)); // let the N snapshots land
      const m: Measured = { n, http, calls, hub: [], raw: [], hubAck: [], rawAck: [] };
      try {
        for (let i = 0; i < WARMUP; i++) {
          await raw.call(rawD, http);
          await hubSide.call(hubD, http);
        }
        // Hub and floor calls alternate one by one (hub first, then floor first, …), so a burst of
        // noise from elsewhere on the machine lands on both sides alike.
        for (let i = 0; i < calls; i++) {
          const first = i % 2 ? 'raw' : 'hub';
          for (const side of first === 'hub' ? ['hub', 'raw'] : ['raw', 'hub']) {
            if (side === 'hub') {
              const x = await hubSide.call(hubD, http);
              m.hub.push(...x.arrivals);
              m.hubAck.push(x.ackMs);
            } else {
              const x = await raw.call(rawD, http);
              m.raw.push(...x.arrivals);
              m.rawAck.push(x.ackMs);
            }
          }
        }
      } finally {
        hubD.close();
        rawD.close();
      }
      log(
        `call-latency: N=${n}${http ? ' (REST call)' : ''}: hub p50 ${percentile(m.hub, 50).toFixed(2)} ms, p99 ${percentile(m.hub, 99).toFixed(2)} ms; ` +
          `${http ? 'raw HTTP + 1-row commit + broadcast' : 'raw broadcast'} ` +
          `p50 ${percentile(m.raw, 50).toFixed(2)} ms, p99 ${percentile(m.raw, 99).toFixed(2)} ms ` +
          `(${m.hub.length} + ${m.raw.length} arrivals of ${calls} calls each); ` +
          `ack median hub ${median(m.hubAck).toFixed(2)} ms, raw ${median(m.rawAck).toFixed(2)} ms`,
      );
      measured.push(m);
    }
    log(
      `call-latency: raw Socket.IO echo (emit → ack, no broadcast) p50 ${percentile(echo, 50).toFixed(3)} ms, p99 ${percentile(echo, 99).toFixed(3)} ms; ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    );
  } finally {
    counter?.close();
    await raw?.close();
    await th.stop();
  }

  const results: Result[] = [];
  for (const m of measured) {
    for (const p of [50, 99]) {
      const value = percentile(m.hub, p);
      const floor = percentile(m.raw, p);
      results.push({
        name: `call_to_display.n${m.n}.p${p}`,
        value,
        unit: 'ms',
        floor,
        ratio: value / floor,
        floorIs: m.http ? `raw HTTP + 1-row commit + broadcast p${p}` : `raw socket.io broadcast p${p}, N=${m.n}`,
        ratioIs: m.http ? 'hub / raw (p99 target ≤ 1.5)' : 'hub / raw broadcast (p99 target ≤ 2)',
      });
    }
  }
  return results;
}
