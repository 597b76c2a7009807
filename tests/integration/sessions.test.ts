// Staff sessions on a real hub and a manual clock: a new token on every login (the old one ends),
// idle expiry (`sessionIdleMinutes`) besides the absolute 12 h, and the sockets of a session that
// ends (logout, idle) cut at once while the user's other sessions stay.
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_HEADER } from '../../protocol/api.ts';
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import { SESSION_COOKIE, sha256 } from '../../server/auth.ts';
import { call, type Client, connectClient, DEMO, login, startTestHub, type TestHub, until } from '../helpers/hub.ts';

let hub: TestHub | undefined;
const sockets: Client[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await hub?.stop();
  hub = undefined;
});
const track = (c: Client) => {
  sockets.push(c);
  return c;
};

const MINUTE = 60_000;
const me = (cookie: string) => call(hub!, 'GET', '/api/auth/me', { cookie });
const lastSeen = (cookie: string) =>
  (hub!.db.sqlite.prepare('select last_seen_at as t from sessions where token_hash = ?').get(sha256(cookie.split('=')[1]!)) as { t: number } | undefined)?.t;

describe('session rotation', () => {
  it('a login while holding a session gives a new token and ends the old session, its socket too', async () => {
    hub = await startTestHub();
    const first = await login(hub, ...DEMO.counter1);
    const firstSocket = track(await connectClient(hub, { cookie: first }));
    const again = await call(hub, 'POST', '/api/auth/login', { cookie: first, body: { username: 'counter1', password: 'counter123' } });
    expect(again.status).toBe(200);
    const second = (again.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(second.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(second).not.toBe(first);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
    await until(() => !firstSocket.socket.connected, 5000, 'the old session’s socket to drop');
    expect(hub.db.sqlite.prepare('select count(*) as n from sessions').get()).toEqual({ n: 1 });
  });
});

describe('idle expiry', () => {
  const idle = DEFAULT_SETTINGS.sessionIdleMinutes;
  it(`ends a session idle for sessionIdleMinutes (${idle} by default); activity keeps it, written at most once a minute`, async () => {
    hub = await startTestHub();
    const cookie = await login(hub, ...DEMO.agent);
    const start = hub.clock.now();
    hub.clock.advance(30_000);
    expect((await me(cookie)).status).toBe(200);
    expect(lastSeen(cookie)).toBe(start);
    hub.clock.advance(59 * MINUTE);
    expect((await me(cookie)).status).toBe(200);
    expect(lastSeen(cookie)).toBe(hub.clock.now());
    // Two hours since the login, one since the last request: still live.
    hub.clock.advance(59 * MINUTE);
    expect((await me(cookie)).status).toBe(200);
    hub.clock.advance(60 * MINUTE);
    const idle = await me(cookie);
    expect([idle.status, idle.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    // Activity does not bring it back.
    hub.clock.advance(-30 * MINUTE);
    expect((await me(cookie)).status).toBe(401);
  });

  it("a screen's timed refresh (the background header) does not count as activity", async () => {
    hub = await startTestHub();
    const cookie = await login(hub, ...DEMO.supervisor);
    const refresh = () => fetch(`${hub!.url}/api/devices`, { headers: { cookie, [BACKGROUND_HEADER]: '1' } });
    for (let m = 10; m <= 50; m += 10) {
      hub.clock.advance(10 * MINUTE);
      expect((await refresh()).status).toBe(200);
    }
    // 61 minutes since the login, the last person's request.
    hub.clock.advance(11 * MINUTE);
    expect((await refresh()).status).toBe(401);
  });

  it('keeps the absolute 12 h however busy the session is', async () => {
    hub = await startTestHub();
    const cookie = await login(hub, ...DEMO.agent);
    for (let h = 0; h < 12 * 60 - 50; h += 50) {
      hub.clock.advance(50 * MINUTE);
      expect((await me(cookie)).status).toBe(200);
    }
    hub.clock.advance(50 * MINUTE);
    expect((await me(cookie)).status).toBe(401);
  });

  it('follows the setting, which admins change between 5 and 720 minutes', async () => {
    hub = await startTestHub();
    const admin = await login(hub, ...DEMO.admin);
    for (const bad of [4, 721, 30.5])
      expect((await call(hub, 'PATCH', '/api/settings', { cookie: admin, body: { sessionIdleMinutes: bad } })).status).toBe(400);
    expect((await call(hub, 'PATCH', '/api/settings', { cookie: admin, body: { sessionIdleMinutes: 5 } })).status).toBe(200);
    const cookie = await login(hub, ...DEMO.supervisor);
    hub.clock.advance(4 * MINUTE);
    expect((await me(cookie)).status).toBe(200);
    hub.clock.advance(5 * MINUTE);
    expect((await me(cookie)).status).toBe(401);
  });

  it("cuts an idle session's socket from the hub's jobs, not waiting for its next event; a busy session of the same user stays", async () => {
    hub = await startTestHub({ jobIntervalMs: 50 });
    const idle = await login(hub, ...DEMO.supervisor);
    const busy = await login(hub, ...DEMO.supervisor);
    const idleSocket = track(await connectClient(hub, { cookie: idle }));
    const busySocket = track(await connectClient(hub, { cookie: busy }));
    hub.clock.advance(59 * MINUTE);
    expect((await busySocket.emit('snapshot:get')).ok).toBe(true);
    hub.clock.advance(2 * MINUTE);
    await until(() => !idleSocket.socket.connected, 5000, 'the idle session’s socket to drop');
    expect((await me(idle)).status).toBe(401);
    expect(busySocket.socket.connected).toBe(true);
    expect((await me(busy)).status).toBe(200);
  });
});

describe('logout', () => {
  it("ends that session and cuts its sockets at once; the user's other session and its socket stay", async () => {
    hub = await startTestHub();
    const desk = await login(hub, ...DEMO.counter1);
    const spare = await login(hub, ...DEMO.counter1);
    const deskSocket = track(await connectClient(hub, { cookie: desk }));
    const spareSocket = track(await connectClient(hub, { cookie: spare }));
    const cut = new Promise<string>((resolve) => deskSocket.socket.once('disconnect', resolve));
    expect((await call(hub, 'POST', '/api/auth/logout', { cookie: desk })).status).toBe(200);
    expect(await cut).toBe('io server disconnect');
    expect((await me(desk)).status).toBe(401);
    expect(spareSocket.socket.connected).toBe(true);
    expect((await spareSocket.emit('snapshot:get')).ok).toBe(true);
    expect((await me(spare)).status).toBe(200);
  });
});
