// The shared client feed (ui-kit/hall-feed.ts) against a real hub: snapshot, deltas folded with
// the engine's reducer, a resync when a delta goes missing, and the kiosk's tiles computed from it.
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { serviceTiles } from '../../engine/index.ts';
import { publicFeed, staffFeed } from '../../ui-kit/hall-feed.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
const clients: Client[] = [];
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});

/** A socket wrapper that can lose the next delta, as a flaky network would. */
function lossy(socket: Socket) {
  let dropNext = false;
  const wrapped = {
    on: (event: string, fn: (m: unknown) => void) =>
      socket.on(event, (m: unknown) => {
        if (event === 'delta' && dropNext) {
          dropNext = false;
          return;
        }
        fn(m);
      }),
    timeout: (ms: number) => socket.timeout(ms),
  } as unknown as Socket;
  return {
    socket: wrapped,
    dropNextDelta: () => {
      dropNext = true;
    },
  };
}

async function busyMorning(kiosk: string, cookie: string) {
  for (const serviceId of ['new-application', 'application-inquiry', 'application-inquiry', 'family-members']) {
    await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId } });
  }
  await call(hub, 'POST', '/api/counters/3/open', { cookie });
  await call(hub, 'POST', '/api/counters/3/call-next', { cookie });
  await call(hub, 'POST', '/api/counters/3/start', { cookie });
  hub.clock.advance(7 * 60_000);
  await call(hub, 'POST', '/api/counters/3/finish', { cookie, body: { outcome: 'served', note: 'private note' } });
}

it('a display feed ends with exactly the public state the hub holds', async () => {
  const display = await connectClient(hub, { token: deviceToken(hub, 'display') });
  clients.push(display);
  const feed = publicFeed(display.socket);
  await feed.resync(); // the connect snapshot arrived before the feed existed
  expect(feed.seq).toBe(hub.hub.lastSeq);
  await busyMorning(deviceToken(hub, 'kiosk'), await login(hub, ...DEMO.counter1));
  await until(() => feed.seq === hub.hub.lastSeq, 5000, 'catch up');
  const truth = await display.emit('snapshot:get');
  expect(feed.state).toEqual(truth.data.state);
  expect(feed.resyncs).toBe(1);
  expect(JSON.stringify(feed.state)).not.toContain('private note');
});

it('a feed that misses a delta notices the gap and resyncs from a snapshot', async () => {
  const sup = await login(hub, ...DEMO.supervisor);
  const raw = await connectClient(hub, { cookie: sup });
  clients.push(raw);
  const link = lossy(raw.socket);
  const feed = staffFeed(link.socket);
  await feed.resync(); // the connect snapshot may have arrived before the feed existed
  expect(feed.seq).toBe(hub.hub.lastSeq);
  const kiosk = deviceToken(hub, 'kiosk');
  link.dropNextDelta();
  await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
  await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
  await until(() => feed.seq === hub.hub.lastSeq, 5000, 'resync');
  expect(feed.resyncs).toBe(2); // the initial one above, and the gap
  expect(
    Object.values(feed.state!.tickets)
      .map((t) => t.label)
      .sort(),
  ).toEqual(['B-001', 'B-002']);
  expect(feed.state).toEqual(JSON.parse(JSON.stringify(hub.hub.current)));
});

it("the kiosk's tiles computed from its public feed equal the hub's services.list after every operation", async () => {
  const kiosk = deviceToken(hub, 'kiosk');
  const client = await connectClient(hub, { token: kiosk });
  clients.push(client);
  const feed = publicFeed(client.socket);
  await feed.resync(); // the connect snapshot arrived before the feed existed
  const seen: string[] = [];
  /** The feed catches up, then its tiles (on the hub's clock) must be exactly the hub's reply. */
  async function tilesMatch(step: string) {
    await until(() => feed.seq === hub.hub.lastSeq, 5000, `catch up after ${step}`);
    const reply = await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(reply.status).toBe(200);
    expect(serviceTiles(feed.state!, hub.clock.now(), null), step).toEqual(reply.body);
    seen.push(JSON.stringify(reply.body));
    return reply.body as ReturnType<typeof serviceTiles>;
  }
  const tile = (r: ReturnType<typeof serviceTiles>, id: string) => r.services.find((x) => x.service.id === id)!;
  const walkIn = (serviceId: string, priority = 'none') => call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId, priority } });
  const c1 = await login(hub, ...DEMO.counter1);
  const c2 = await login(hub, ...DEMO.counter2);
  const at = (counter: number, action: string, cookie: string, body?: unknown) => call(hub, 'POST', `/api/counters/${counter}/${action}`, { cookie, body });

  expect(tile(await tilesMatch('start'), 'new-application').estimatedWaitMin).toBeNull(); // no counter open yet
  await walkIn('new-application');
  await walkIn('new-application');
  hub.clock.advance(60_000);
  await walkIn('application-inquiry', 'elderly');
  await walkIn('family-members');
  // A new walk-in comes after all four (the counters serve every service), even those issued this very millisecond.
  expect(tile(await tilesMatch('walk-ins'), 'new-application')).toMatchObject({ waiting: 2, peopleAhead: 4, estimatedWaitMin: null });
  await at(3, 'open', c1);
  expect(tile(await tilesMatch('general counter opened'), 'new-application').estimatedWaitMin).toBeGreaterThan(0);
  hub.clock.advance(3 * 60_000);
  await at(3, 'call-next', c1);
  await at(3, 'start', c1);
  await tilesMatch('called and started');
  // A booked citizen checks in ten minutes before the slot: an appointment ticket, early, then due.
  const now = hub.clock.now();
  const booked = repo
    .listAppointmentsOfDay(hub.db, hub.hub.current.day)
    .find((a) => a.status === 'booked' && a.slotStart > now && a.slotStart - now <= 20 * 60_000);
  if (!booked) throw new Error('no seeded booking fits');
  expect((await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: booked.cpr } })).body.outcome).toBe('checked_in');
  expect((await tilesMatch('checked in')).appointmentsWaiting).toBe(1);
  await at(1, 'open', c2);
  await tilesMatch('appointment counter opened');
  hub.clock.advance(7 * 60_000);
  await at(3, 'finish', c1, { outcome: 'served' });
  await tilesMatch('finished after 7 minutes');
  hub.clock.advance(Math.max(0, booked.slotStart - hub.clock.now()) + 60_000); // the appointment is due
  await at(1, 'call-next', c2);
  await at(3, 'call-next', c1);
  await at(3, 'no-show', c1);
  await tilesMatch('calls and a no-show');
  await at(3, 'pause', c1, { reason: 'break' });
  await tilesMatch('general counter paused');
  await at(3, 'resume', c1);
  await at(3, 'close', c1);
  await at(1, 'start', c2);
  hub.clock.advance(4 * 60_000);
  await at(1, 'finish', c2, { outcome: 'served' });
  const last = await tilesMatch('general counter closed, appointment served');
  expect(last.appointmentsWaiting).toBe(0);
  // Each step changed what a tile says: the comparison saw the numbers move, not one still picture.
  expect(new Set(seen).size).toBe(seen.length);
});
