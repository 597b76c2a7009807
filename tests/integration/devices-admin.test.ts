// Paired devices as a supervisor manages them: the list with last seen (recorded at most once a
// minute), online now and the bound printer; renaming; revoking — its sockets are cut at once and
// its token stops working. Each change audited, each refusal changing nothing.
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, THURSDAY_0900, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let sup: string;
let ids: { kiosk: number; display: number };
const clients: Client[] = [];
beforeEach(async () => {
  hub = await startTestHub();
  sup = await login(hub, ...DEMO.supervisor);
  ids = repo.loadDemoDevices(hub.db)!;
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});

const track = (c: Client) => {
  clients.push(c);
  return c;
};
const devices = async () => {
  const r = await call(hub, 'GET', '/api/devices', { cookie: sup });
  expect(r.status).toBe(200);
  return r.body.devices as { id: number; name: string; printer: string | null; lastSeenAt: number | null; online: boolean; revoked: boolean }[];
};
const device = async (id: number) => (await devices()).find((d) => d.id === id)!;
const audits = () => repo.listAudit(hub.db, { limit: 1000 });
const rows = () => JSON.stringify(['devices', 'device_tokens', 'pairing_codes', 'audit_log'].map((t) => hub.db.sqlite.prepare(`select * from ${t}`).all()));

describe('GET /api/devices', () => {
  it('lists each device with its printer, when it was last seen and whether a socket of it is connected now', async () => {
    expect(await device(ids.kiosk)).toMatchObject({ name: 'Demo kiosk', printer: 'virtual', lastSeenAt: null, online: false, revoked: false });
    const kiosk = deviceToken(hub, 'kiosk');
    hub.clock.advance(5_000);
    const socket = track(await connectClient(hub, { token: kiosk }));
    expect(await device(ids.kiosk)).toMatchObject({ lastSeenAt: THURSDAY_0900 + 5_000, online: true });
    expect(await device(ids.display)).toMatchObject({ lastSeenAt: null, online: false });
    socket.close();
    await until(() => !hub.io.sockets.adapter.rooms.has(`device:${ids.kiosk}`), 5000, 'the socket to go');
    expect(await device(ids.kiosk)).toMatchObject({ lastSeenAt: THURSDAY_0900 + 5_000, online: false });
  });

  it('records last seen on authenticated requests at most once a minute per device', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const seen = () => repo.getDevice(hub.db, ids.kiosk)!.lastSeenAt;
    const changes = () => hub.db.sqlite.prepare('select total_changes() as n').get() as { n: number };
    await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(seen()).toBe(THURSDAY_0900);
    hub.clock.advance(59_000);
    const before = changes().n;
    for (let i = 0; i < 5; i++) await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(changes().n).toBe(before);
    expect(seen()).toBe(THURSDAY_0900);
    hub.clock.advance(1_000);
    await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(seen()).toBe(THURSDAY_0900 + 60_000);
  });

  it('is for supervisors and admins', async () => {
    for (const user of [DEMO.counter1, DEMO.agent] as const) {
      const r = await call(hub, 'GET', '/api/devices', { cookie: await login(hub, user[0], user[1]) });
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await call(hub, 'GET', '/api/devices', { cookie: await login(hub, ...DEMO.admin) })).status).toBe(200);
  });
});

describe('PUT /api/devices/:id', () => {
  it('renames a device, audited with the old and new name', async () => {
    const r = await call(hub, 'PUT', `/api/devices/${ids.display}`, { cookie: sup, body: { name: 'شاشة القاعة / Hall TV' } });
    expect(r.status).toBe(200);
    expect(r.body.device).toMatchObject({ id: ids.display, name: 'شاشة القاعة / Hall TV', online: false });
    expect(repo.getDevice(hub.db, ids.display)!.name).toBe('شاشة القاعة / Hall TV');
    expect(audits()).toEqual([
      {
        id: expect.any(Number),
        at: THURSDAY_0900,
        actor: 'user:2:supervisor',
        kind: 'device.rename',
        target: `device:${ids.display}`,
        before: { name: 'Demo display' },
        after: { name: 'شاشة القاعة / Hall TV' },
      },
    ]);
  });

  it('refuses an unknown device, a malformed name or id, and counter and call-center users, changing nothing', async () => {
    const before = rows();
    const put = (path: string, body: unknown, cookie = sup) => call(hub, 'PUT', path, { cookie, body });
    const expectations: [Promise<{ status: number; body: any }>, number, string][] = [
      [put('/api/devices/999', { name: 'X' }), 404, 'DEVICE_NOT_FOUND'],
      [put(`/api/devices/${ids.kiosk}`, { name: '' }), 400, 'VALIDATION_FAILED'],
      [put(`/api/devices/${ids.kiosk}`, { name: 'x'.repeat(81) }), 400, 'VALIDATION_FAILED'],
      [put(`/api/devices/${ids.kiosk}`, { name: 'X', printer: 'virtual' }), 400, 'VALIDATION_FAILED'],
      [put('/api/devices/kiosk', { name: 'X' }), 400, 'VALIDATION_FAILED'],
      [put(`/api/devices/${ids.kiosk}`, { name: 'X' }, await login(hub, ...DEMO.counter1)), 403, 'FORBIDDEN'],
      [put(`/api/devices/${ids.kiosk}`, { name: 'X' }, await login(hub, ...DEMO.agent)), 403, 'FORBIDDEN'],
    ];
    for (const [request, status, code] of expectations) {
      const r = await request;
      expect([r.status, r.body.error.code]).toEqual([status, code]);
    }
    expect(rows()).toBe(before);
  });
});

describe('DELETE /api/devices/:id', () => {
  it("cuts the device's open socket at once, its next request is 401, and it cannot connect again; other devices stay", async () => {
    const kioskToken = deviceToken(hub, 'kiosk');
    const kiosk = track(await connectClient(hub, { token: kioskToken }));
    const display = track(await connectClient(hub, { token: deviceToken(hub, 'display') }));
    const cut = new Promise<string>((resolve) => kiosk.socket.once('disconnect', resolve));
    const r = await call(hub, 'DELETE', `/api/devices/${ids.kiosk}`, { cookie: sup });
    expect(r.status).toBe(200);
    expect(r.body.device).toMatchObject({ id: ids.kiosk, revoked: true, online: false });
    expect(await cut).toBe('io server disconnect');
    const next = await call(hub, 'GET', '/api/services', { token: kioskToken });
    expect([next.status, next.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const again = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: kioskToken } });
    const refused = await new Promise<{ data?: { code: string } }>((resolve) => again.once('connect_error', resolve));
    again.close();
    expect(refused.data?.code).toBe('UNAUTHENTICATED');
    expect(hub.db.sqlite.prepare('select count(*) as n from device_tokens where device_id = ?').get(ids.kiosk)).toEqual({ n: 0 });
    // The display was not touched: still connected, still served.
    expect(display.socket.connected).toBe(true);
    expect((await display.emit('snapshot:get')).ok).toBe(true);
    expect(audits()).toMatchObject([
      { actor: 'user:2:supervisor', kind: 'device.revoke', target: `device:${ids.kiosk}`, before: { revoked: false }, after: { revoked: true } },
    ]);
  });

  it('a revoked pending device cannot pair with its code; revoking twice changes nothing more', async () => {
    const code = await call(hub, 'POST', '/api/devices/pairing-codes', { cookie: sup, body: { kind: 'kiosk', name: 'Spare kiosk' } });
    const id = code.body.deviceId as number;
    expect((await call(hub, 'DELETE', `/api/devices/${id}`, { cookie: sup })).status).toBe(200);
    const pair = await call(hub, 'POST', '/api/devices/pair', { body: { code: code.body.code } });
    expect([pair.status, pair.body.error.code]).toEqual([400, 'INVALID_PAIRING_CODE']);
    const before = rows();
    const twice = await call(hub, 'DELETE', `/api/devices/${id}`, { cookie: sup });
    expect(twice.body.device.revoked).toBe(true);
    expect(rows()).toBe(before);
    expect(audits().map((a) => a.kind)).toEqual(['device.revoke', 'device.create']);
  });

  it('refuses an unknown device, a malformed id, and counter and call-center users, changing nothing', async () => {
    const kiosk = track(await connectClient(hub, { token: deviceToken(hub, 'kiosk') }));
    const before = rows();
    const del = (path: string, cookie = sup) => call(hub, 'DELETE', path, { cookie });
    const expectations: [Promise<{ status: number; body: any }>, number, string][] = [
      [del('/api/devices/999'), 404, 'DEVICE_NOT_FOUND'],
      [del('/api/devices/0'), 400, 'VALIDATION_FAILED'],
      [del('/api/devices/one'), 400, 'VALIDATION_FAILED'],
      [del(`/api/devices/${ids.kiosk}`, await login(hub, ...DEMO.counter1)), 403, 'FORBIDDEN'],
      [del(`/api/devices/${ids.kiosk}`, await login(hub, ...DEMO.agent)), 403, 'FORBIDDEN'],
    ];
    for (const [request, status, code] of expectations) {
      const r = await request;
      expect([r.status, r.body.error.code]).toEqual([status, code]);
    }
    expect(rows()).toBe(before);
    expect(kiosk.socket.connected).toBe(true);
  });
});
