// Network flaps: display boards and counter terminals whose connections drop under them again and
// again (real socket.io-client, the transport closed as a network would) while two counters call,
// start and finish. Each board runs as display-ui runs it — ui-kit's hubSocket, the public HallFeed
// and the display's Announcer — and each counter sends its clicks as the terminal does (counter-ui
// sendCommand over the socket, or REST while it is down, retried by ui-kit/requests.ts with the same
// requestId across the flap). Then: every action was applied exactly once; no board announced a
// call twice; every call a board received as a delta was announced, and the calls made while it
// was away are in the snapshot it got back on reconnecting (a board never announces a snapshot);
// every board ends with the hub's state.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { Announcer } from '../../display-ui/announcer.ts';
import { sendCommand } from '../../counter-ui/connection.ts';
import type { PublicHallState } from '../../protocol/state.ts';
import type { InputOf } from '../../ui-kit/client.ts';
import { publicFeed } from '../../ui-kit/hall-feed.ts';
import { hubSocket, type HubSocket } from '../../ui-kit/hub-socket.ts';
import { OnceRequests } from '../../ui-kit/requests.ts';
import { call, DEMO, deviceToken, login, startTestHub, until, type TestHub } from '../helpers/hub.ts';

const DISPLAYS = 3;
const COUNTERS = [3, 4] as const;
/** Citizens each counter calls, serves and finishes. */
const CYCLES = 6;

let hub: TestHub | null = null;
const lines: HubSocket[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const l of lines.splice(0)) l.close();
  for (const s of sockets.splice(0)) s.close();
  await hub?.stop();
  hub = null;
});

/** Speaks nothing, at once: the queue still runs and records every announcement. */
const silentPlayer = {
  ready: Promise.resolve(),
  state: 'muted' as const,
  clipCount: 0,
  missingClips: [],
  durationOf: () => 0.1,
  play: async () => ({ audible: false, missing: [] }),
};

/** The network drops a screen's connection (its transport closes); Socket.IO reconnects by itself. */
const drop = (socket: Socket) => socket.io.engine?.close();

/** A display board as display-ui wires it, recording which sequence numbers reached it how. */
function board(h: TestHub, token: string) {
  const line = hubSocket(
    { connection: () => {}, unauthenticated: () => {} },
    { graceMs: 0, retryMs: 200 },
    { transports: ['websocket'], auth: { token }, reconnectionDelay: 20, reconnectionDelayMax: 80 },
  );
  lines.push(line);
  const announcer = new Announcer(silentPlayer, 0);
  const seen = { first: -1, last: -1, snapshots: 0, deltas: new Set<number>(), gaps: [] as [number, number][] };
  const feed = publicFeed(line.socket, {
    snapshot(state: PublicHallState, seq: number) {
      announcer.observe(state);
      seen.snapshots++;
      if (seen.first < 0) seen.first = seq;
      // What happened while it was away: in this snapshot, not announced.
      else if (seq > seen.last) seen.gaps.push([seen.last, seq]);
      seen.last = Math.max(seen.last, seq);
    },
    events(events, state, seq) {
      events.forEach((_, i) => seen.deltas.add(seq - events.length + 1 + i));
      seen.last = seq;
      announcer.fromDelta(events, state, seq);
    },
  });
  return { h, line, feed, announcer, seen };
}

describe('disconnect/reconnect storms of display boards and counter terminals while counters call', () => {
  it('applies each click once, announces each call at most once and none it received goes unsaid, and every board catches up', async () => {
    const h = (hub = await startTestHub());
    const kiosk = deviceToken(h, 'kiosk');
    for (let i = 0; i < COUNTERS.length * CYCLES; i++) {
      expect((await call(h, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } })).status).toBe(201);
    }
    const cookies = new Map<number, string>([
      [3, await login(h, ...DEMO.counter1)],
      [4, await login(h, ...DEMO.counter2)],
    ]);
    for (const [n, cookie] of cookies) expect((await call(h, 'POST', `/api/counters/${n}/open`, { cookie })).status).toBe(200);

    // The screens' code reaches the hub at the page's own address (hubSocket) and REST by path (ui-kit's api).
    const url = new URL(h.url);
    vi.stubGlobal('location', { protocol: url.protocol, host: url.host, hostname: url.hostname, port: url.port, href: url.href });
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (path: string, init: RequestInit) => {
      if (path.startsWith('http')) return realFetch(path, init); // the test's own requests
      const counter = Number(/^\/api\/counters\/(\d+)\//.exec(path)?.[1]);
      return realFetch(h.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies.get(counter)! } });
    });

    const boards = Array.from({ length: DISPLAYS }, () => board(h, deviceToken(h, 'display')));
    const terminals = COUNTERS.map((n) => {
      const socket = io(h.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 20,
        reconnectionDelayMax: 80,
        extraHeaders: { cookie: cookies.get(n)! },
      });
      sockets.push(socket);
      return { n, socket, requests: new OnceRequests() };
    });
    await until(() => boards.every((b) => b.seen.snapshots === 1) && terminals.every((t) => t.socket.connected), 5000, 'screens connected');

    // The storm: every 30–90 ms one screen's connection drops, until the counters are done.
    let storming = true;
    let drops = 0;
    const screens = [...boards.map((b) => b.line.socket), ...terminals.map((t) => t.socket)];
    const storm = (async () => {
      for (let i = 0; storming; i++) {
        await new Promise((r) => setTimeout(r, 30 + ((i * 37) % 60)));
        const s = screens[i % screens.length]!;
        if (s.connected) {
          drop(s);
          drops++;
        }
      }
    })();

    // Each counter calls, starts and finishes CYCLES citizens; every third click also loses its ack (the line drops as the hub answers).
    let clicks = 0;
    let lostReplies = 0;
    const counterWork = terminals.map(async (t) => {
      const click = async <N extends 'counter.call-next' | 'counter.start' | 'counter.finish'>(name: N, input: InputOf<N>) => {
        const cutThis = ++clicks % 3 === 0;
        let attempt = 0;
        return t.requests.send(`${name}:${JSON.stringify(input)}`, async (requestId) => {
          if (cutThis && t.socket.connected) t.socket.once('delta', () => drop(t.socket));
          // The attempt whose reply is cut on purpose gives up soon; the retries wait longer, so a busy machine does not fail them all.
          const timeoutMs = attempt++ === 0 ? 1000 : 5000;
          try {
            return await sendCommand(t.socket, name, { ...input, requestId }, timeoutMs);
          } catch (e) {
            lostReplies++;
            throw e;
          }
        });
      };
      const served: string[] = [];
      for (let i = 0; i < CYCLES; i++) {
        const called = await click('counter.call-next', { counter: t.n });
        expect(called.ticket).toMatchObject({ status: 'called', counter: t.n });
        const started = await click('counter.start', { counter: t.n });
        expect(started.ticket).toMatchObject({ id: called.ticket!.id, status: 'serving' });
        const finished = await click('counter.finish', { counter: t.n, outcome: 'served' });
        expect(finished.ticket).toMatchObject({ id: called.ticket!.id, status: 'done' });
        served.push(called.ticket!.id);
      }
      return served;
    });
    const served = (await Promise.all(counterWork)).flat();
    storming = false;
    await storm;

    // The storm happened: connections dropped, replies were lost and retried (some over REST).
    expect(drops).toBeGreaterThanOrEqual(10);
    expect(lostReplies).toBeGreaterThan(0);

    // Exactly once: one call, start and finish per citizen, no other.
    const count = (type: string) => (h.db.sqlite.prepare('select count(*) as n from events where type = ?').get(type) as { n: number }).n;
    expect(new Set(served).size).toBe(COUNTERS.length * CYCLES);
    expect([count('ticket_called'), count('ticket_started'), count('ticket_finished')]).toEqual(Array(3).fill(COUNTERS.length * CYCLES));

    // The boards settle on the hub's state, each after at least one reconnect.
    const last = h.hub.lastSeq;
    await until(() => boards.every((b) => b.line.socket.connected && b.feed.seq === last), 5000, 'the boards caught up');
    const truth = (await call(h, 'GET', '/api/snapshot', { token: deviceToken(h, 'display') })).body;
    const calls = h.db.sqlite.prepare("select seq, payload from events where type = 'ticket_called' order by seq").all() as { seq: number; payload: string }[];
    for (const [i, b] of boards.entries()) {
      const { seen, announcer } = b;
      expect(seen.snapshots, `board ${i} reconnected`).toBeGreaterThan(1);
      expect(b.feed.state, `board ${i} ends with the hub's state`).toEqual(truth.state);
      // Every sequence number after its first snapshot reached it once: as a delta, or inside a snapshot after a gap.
      const inGap = (seq: number) => seen.gaps.some(([from, to]) => seq > from && seq <= to);
      for (let seq = seen.first + 1; seq <= last; seq++) expect(seen.deltas.has(seq) !== inGap(seq), `board ${i}, seq ${seq}`).toBe(true);
      // Announced: exactly the calls it received as deltas, each once.
      const announced = announcer.all.filter((a) => a.kind === 'call');
      expect(new Set(announced.map((a) => a.ticketId)).size, `board ${i}: a call announced twice`).toBe(announced.length);
      const received = calls.filter((c) => seen.deltas.has(c.seq));
      expect(announced.map((a) => a.seq).sort((x, y) => x - y)).toEqual(received.map((c) => c.seq));
      expect(announced.map((a) => a.ticketId).sort()).toEqual(received.map((c) => JSON.parse(c.payload).ticketId).sort());
    }
  });
});
