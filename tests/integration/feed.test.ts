// The shared client feed (ui-kit/hall-feed.ts) against a real hub: snapshot, deltas folded with
// the engine's reducer, and a resync when a delta goes missing.
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, expect, it } from 'vitest';
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
