// The hub end to end: real server on port 0, temp SQLite file, real HTTP and Socket.IO clients.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
const clients: Client[] = [];
function track(c: Client): Client {
  clients.push(c);
  return c;
}

beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});

async function staff(which: keyof typeof DEMO) {
  const [u, p] = DEMO[which];
  return login(hub, u, p);
}

async function openCounter(cookie: string, n: number) {
  const r = await call(hub, 'POST', `/api/counters/${n}/open`, { cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('health and start page', () => {
  it('answers /healthz once ready and serves the start page', async () => {
    const h = await call(hub, 'GET', '/healthz');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, day: '2026-11-26' });
    const page = await call(hub, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/kiosk');
    expect(page.body).toContain('counter1');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('kiosk → display', () => {
  it('issues tickets that a display socket receives in order, with no citizen data', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const display = track(await connectClient(hub, { token: deviceToken(hub, 'display') }));
    await until(() => display.snapshots.length === 1, 5000, 'snapshot');
    expect(display.snapshots[0]!.audience).toBe('public');
    const labels: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application', cpr: '900000099' } });
      expect(r.status).toBe(201);
      labels.push(r.body.ticket.label);
      expect(r.body.statusUrl).toMatch(/^\/t\/[A-Za-z0-9_-]{20,}$/);
      expect(r.body.ticket).not.toHaveProperty('cpr');
    }
    expect(labels).toEqual(['B-001', 'B-002', 'B-003', 'B-004', 'B-005']);
    await until(() => display.deltas.length === 5, 5000, 'deltas');
    const seen = display.deltas
      .flatMap((d) => d.events)
      .filter((e) => e.type === 'ticket_issued')
      .map((e) => (e as any).ticket.label);
    expect(seen).toEqual(labels);
    for (let i = 1; i < display.deltas.length; i++) expect(display.deltas[i]!.fromSeq).toBe(display.deltas[i - 1]!.toSeq + 1);
    expect(display.deltas[0]!.fromSeq).toBe(display.snapshots[0]!.seq + 1);
    expect(JSON.stringify(display.deltas)).not.toContain('900000099');
    expect(JSON.stringify(display.deltas)).not.toContain('statusToken');
  });

  it('lets a client that missed deltas resync with a fresh snapshot', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const display = track(await connectClient(hub, { token: deviceToken(hub, 'display') }));
    await until(() => display.snapshots.length === 1);
    for (let i = 0; i < 3; i++) await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    const ack = await display.emit('snapshot:get');
    expect(ack.ok).toBe(true);
    expect(ack.data.seq).toBe(hub.hub.lastSeq);
    expect(
      Object.values(ack.data.state.tickets)
        .map((t: any) => t.label)
        .sort(),
    ).toEqual(['C-001', 'C-002', 'C-003']);
  });
});

describe('appointment check-in', () => {
  async function book(time: string, cpr: string) {
    const cookie = await staff('agent');
    const r = await call(hub, 'POST', '/api/appointments', {
      cookie,
      body: { serviceId: 'update-details', day: '2026-11-26', time, cpr, phone: '36001234', nameAr: 'مريم علي', nameEn: 'Maryam Ali' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.appointment;
  }

  it('checks in on time by CPR and by reference, tells an early citizen when to come back, converts a late one', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const onTime = await book('09:15', '811111111');
    const early = await book('11:30', '822222222');
    const late = await book('09:30', '833333333');

    const a = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '811111111' } });
    expect(a.status).toBe(200);
    expect(a.body.outcome).toBe('checked_in');
    expect(a.body.ticket.label).toMatch(/^A-\d{3}$/);
    expect(repo.getAppointment(hub.db, onTime.id)!.status).toBe('checked_in');

    const e = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { reference: early.reference.toLowerCase() } });
    expect(e.body).toEqual({ outcome: 'too_early', comeBackAt: localInstant('2026-11-26', '11:00', 'Asia/Bahrain') });
    expect(repo.getAppointment(hub.db, early.id)!.status).toBe('booked');

    hub.clock.set(localInstant('2026-11-26', '09:46', 'Asia/Bahrain'));
    const l = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { reference: late.reference } });
    expect(l.body.outcome).toBe('late_converted');
    expect(l.body.ticket.kind).toBe('walkin');
    expect(l.body.ticket.label).toMatch(/^D-\d{3}$/);
    expect(repo.getAppointment(hub.db, late.id)!.status).toBe('late_converted');

    const again = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '811111111' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CHECKED_IN');
    const none = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '123456789' } });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('NO_APPOINTMENT_TODAY');
  });

  it('sends checked-in appointments to the appointment counters first', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    await book('09:15', '844444444');
    hub.clock.set(localInstant('2026-11-26', '09:16', 'Asia/Bahrain'));
    await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'update-details' } });
    const ci = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '844444444' } });
    const c1 = await staff('counter1');
    await openCounter(c1, 1);
    const r = await call(hub, 'POST', '/api/counters/1/call-next', { cookie: c1 });
    expect(r.status).toBe(200);
    expect(r.body.ticket.label).toBe(ci.body.ticket.label);
  });
});

describe('counters', () => {
  it('never gives the same ticket to two counters calling at the same instant', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const [c1, c2] = [await staff('counter1'), await staff('counter2')];
    await openCounter(c1, 3);
    await openCounter(c2, 4);
    const s1 = track(await connectClient(hub, { cookie: c1 }));
    const s2 = track(await connectClient(hub, { cookie: c2 }));
    for (let round = 0; round < 25; round++) {
      await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
      await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
      const [a, b] = await Promise.all([s1.emit('counter:call-next', { counter: 3 }), s2.emit('counter:call-next', { counter: 4 })]);
      expect(a.ok && b.ok, JSON.stringify([a, b])).toBe(true);
      expect(a.data.ticket.id).not.toBe(b.data.ticket.id);
      for (const [s, n] of [
        [s1, 3],
        [s2, 4],
      ] as const) {
        expect((await s.emit('counter:start', { counter: n })).ok).toBe(true);
        expect((await s.emit('counter:finish', { counter: n, outcome: 'served' })).ok).toBe(true);
      }
    }
    const done = repo.listTicketsOfDay(hub.db, '2026-11-26').filter((t) => t.status === 'done');
    expect(done).toHaveLength(50);
    expect(new Set(done.map((t) => t.id)).size).toBe(50);
  });

  it('a double "call next" from one counter calls one ticket', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    for (let i = 0; i < 3; i++) await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    const c1 = await staff('counter1');
    await openCounter(c1, 3);
    const [a, b] = await Promise.all([
      call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 }),
      call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('COUNTER_BUSY');
    const called = repo.listTicketsOfDay(hub.db, '2026-11-26').filter((t) => t.status === 'called');
    expect(called).toHaveLength(1);
  });

  it('a transfer keeps the ticket number and its place in the new queue', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const first = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    hub.clock.advance(60_000);
    const newer = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'family-members' } });
    const [c1, c2] = [await staff('counter1'), await staff('counter2')];
    await openCounter(c1, 3);
    await openCounter(c2, 4);
    const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 });
    expect(called.body.ticket.id).toBe(first.body.ticket.id);
    await call(hub, 'POST', '/api/counters/3/start', { cookie: c1 });
    hub.clock.advance(120_000);
    const moved = await call(hub, 'POST', '/api/counters/3/transfer', { cookie: c1, body: { toServiceId: 'family-members' } });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({
      label: first.body.ticket.label,
      status: 'waiting',
      serviceId: 'family-members',
      issuedAt: first.body.ticket.issuedAt,
    });
    const next = await call(hub, 'POST', '/api/counters/4/call-next', { cookie: c2 });
    expect(next.body.ticket.label).toBe(first.body.ticket.label);
    expect(next.body.ticket.label).not.toBe(newer.body.ticket.label);
  });

  it('refuses a second user on an open counter and actions from someone who does not hold it', async () => {
    const [c1, c2] = [await staff('counter1'), await staff('counter2')];
    await openCounter(c1, 3);
    const taken = await call(hub, 'POST', '/api/counters/3/open', { cookie: c2 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('COUNTER_TAKEN');
    const notMine = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c2 });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('NOT_YOUR_COUNTER');
  });
});

describe('security', () => {
  it('a counter user cannot act as a supervisor', async () => {
    const c1 = await staff('counter1');
    const before = hub.hub.lastSeq;
    const mode = await call(hub, 'PUT', '/api/counters/3/mode', { cookie: c1, body: { mode: 'mixed' } });
    expect(mode.status).toBe(403);
    expect(mode.body.error.code).toBe('FORBIDDEN');
    expect((await call(hub, 'GET', '/api/settings', { cookie: c1 })).status).toBe(403);
    expect((await call(hub, 'POST', '/api/devices/pairing-codes', { cookie: c1, body: { kind: 'kiosk', name: 'x' } })).status).toBe(403);
    const sock = track(await connectClient(hub, { cookie: c1 }));
    const ack = await sock.emit('counter:mode', { counter: 3, mode: 'mixed' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hub.hub.lastSeq).toBe(before);
    expect(hub.hub.current.counters[3]!.mode).toBe('general');
    const sup = await staff('supervisor');
    expect((await call(hub, 'PUT', '/api/counters/3/mode', { cookie: sup, body: { mode: 'mixed' } })).status).toBe(200);
    expect(hub.hub.current.counters[3]!.mode).toBe('mixed');
  });

  it('refuses unpaired devices and anonymous callers; pairing a device with a code works once', async () => {
    expect((await call(hub, 'POST', '/api/kiosk/tickets', { body: { serviceId: 'application-inquiry' } })).status).toBe(401);
    expect((await call(hub, 'POST', '/api/kiosk/tickets', { token: 'not-a-real-token', body: { serviceId: 'application-inquiry' } })).status).toBe(401);
    await expect(connectClient(hub, { token: 'not-a-real-token' })).rejects.toThrow(/pair/);
    const sup = await staff('supervisor');
    const code = await call(hub, 'POST', '/api/devices/pairing-codes', { cookie: sup, body: { kind: 'display', name: 'Hall TV 2' } });
    expect(code.status).toBe(201);
    const paired = await call(hub, 'POST', '/api/devices/pair', { body: { code: code.body.code } });
    expect(paired.status).toBe(200);
    expect(paired.headers.get('set-cookie')).toMatch(/dor_device=.*HttpOnly.*SameSite=Strict/i);
    const again = await call(hub, 'POST', '/api/devices/pair', { body: { code: code.body.code } });
    expect(again.body.error.code).toBe('INVALID_PAIRING_CODE');
    const tv = track(await connectClient(hub, { token: paired.body.token }));
    await until(() => tv.snapshots.length === 1);
    expect(tv.snapshots[0]!.audience).toBe('public');
    // A display may watch but not issue tickets.
    expect((await call(hub, 'POST', '/api/kiosk/tickets', { token: paired.body.token, body: { serviceId: 'application-inquiry' } })).status).toBe(403);
  });

  it('uses httpOnly SameSite session cookies; a wrong password and a logout are refused', async () => {
    const bad = await call(hub, 'POST', '/api/auth/login', { body: { username: 'supervisor', password: 'nope' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INVALID_CREDENTIALS');
    const r = await call(hub, 'POST', '/api/auth/login', { body: { username: 'supervisor', password: 'super123' } });
    expect(r.headers.get('set-cookie')).toMatch(/dor_session=.*HttpOnly.*SameSite=Strict/i);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).body.user.role).toBe('supervisor');
    const sock = track(await connectClient(hub, { cookie }));
    expect((await call(hub, 'POST', '/api/auth/logout', { cookie })).status).toBe(200);
    expect((await call(hub, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    // The logout cut the session's socket too (tests/integration/sessions.test.ts).
    await until(() => !sock.socket.connected, 5000, 'the socket to drop');
  });
});

describe('jobs', () => {
  it('sweeps unkept appointments to no-show and rolls over at local midnight', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    hub.clock.set(localInstant('2026-11-26', '13:59', 'Asia/Bahrain'));
    hub.hub.tick();
    const today = repo.listAppointmentsOfDay(hub.db, '2026-11-26');
    expect(today.filter((a) => a.status === 'no_show').length).toBeGreaterThan(0);
    expect(today.filter((a) => a.status === 'booked').every((a) => a.slotStart + 15 * 60_000 >= hub.clock.now())).toBe(true);
    // 20:59 UTC is still the 26th in Bahrain; 21:00 UTC is midnight.
    hub.clock.set(Date.parse('2026-11-26T20:59:00Z'));
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-26');
    hub.clock.set(Date.parse('2026-11-26T21:00:00Z'));
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-27');
    expect(repo.listTicketsOfDay(hub.db, '2026-11-26').every((t) => t.status === 'cancelled')).toBe(true);
    const next = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    expect(next.body.ticket.label).toBe('C-001');
  });
});

describe('the counter terminal (issue 12)', () => {
  it('COUNTER_TAKEN names the staff member who holds the counter, over REST and the socket', async () => {
    const [c1, c2] = [await staff('counter1'), await staff('counter2')];
    await openCounter(c1, 3);
    const taken = await call(hub, 'POST', '/api/counters/3/open', { cookie: c2 });
    expect(taken.body.error).toMatchObject({ code: 'COUNTER_TAKEN', details: { holder: 'علي حسن / Ali Hasan' } });
    const sock = track(await connectClient(hub, { cookie: c2 }));
    expect(await sock.emit('counter:open', { counter: 3 })).toMatchObject({
      ok: false,
      error: { code: 'COUNTER_TAKEN', details: { holder: 'علي حسن / Ali Hasan' } },
    });
  });

  it('a supervisor or an admin covers a break at a counter under their own name; a call-center agent may not', async () => {
    const [sup, admin, agent, c1] = [await staff('supervisor'), await staff('admin'), await staff('agent'), await staff('counter1')];
    await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'application-inquiry' } });
    await openCounter(sup, 3);
    const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: sup });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect((await call(hub, 'POST', '/api/counters/3/start', { cookie: sup })).status).toBe(200);
    hub.clock.advance(60_000);
    expect((await call(hub, 'POST', '/api/counters/3/finish', { cookie: sup, body: { outcome: 'served' } })).status).toBe(200);
    const supervisorId = (await call(hub, 'GET', '/api/auth/me', { cookie: sup })).body.user.id;
    expect(hub.hub.current.counters[3]).toMatchObject({ open: true, userId: supervisorId });
    expect((await call(hub, 'GET', '/api/auth/me', { cookie: sup })).body.counter).toBe(3);
    // Counter staff asking for it hear whose it is; the supervisor's own close is an ordinary close.
    const taken = await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 });
    expect(taken.body.error).toMatchObject({ code: 'COUNTER_TAKEN', details: { holder: 'أحمد المناعي / Ahmed Al-Mannai' } });
    expect((await call(hub, 'POST', '/api/counters/3/close', { cookie: sup })).status).toBe(200);
    expect(repo.listAudit(hub.db).filter((e) => e.kind === 'counter.close')).toEqual([]);
    await openCounter(admin, 4);
    expect((await call(hub, 'POST', '/api/counters/4/pause', { cookie: admin, body: { reason: 'x' } })).status).toBe(200);
    const refused = await call(hub, 'POST', '/api/counters/5/open', { cookie: agent });
    expect(refused.status).toBe(403);
    expect((await call(hub, 'GET', '/api/my-day', { cookie: agent })).status).toBe(403);
  });

  it('"My day" counts what this person finished today at every counter they worked, and nobody else’s', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    for (let i = 0; i < 3; i++) await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    const [c1, c2] = [await staff('counter1'), await staff('counter2')];
    const myDay = async (cookie: string) => (await call(hub, 'GET', '/api/my-day', { cookie })).body;
    expect(await myDay(c1)).toEqual({ served: 0, avgServiceMs: null });
    const serve = async (cookie: string, n: number, ms: number) => {
      expect((await call(hub, 'POST', `/api/counters/${n}/call-next`, { cookie })).status).toBe(200);
      expect((await call(hub, 'POST', `/api/counters/${n}/start`, { cookie })).status).toBe(200);
      hub.clock.advance(ms);
      expect((await call(hub, 'POST', `/api/counters/${n}/finish`, { cookie, body: { outcome: 'served' } })).status).toBe(200);
    };
    await openCounter(c1, 3);
    await serve(c1, 3, 60_000);
    await call(hub, 'POST', '/api/counters/3/close', { cookie: c1 });
    await openCounter(c1, 4);
    await serve(c1, 4, 180_000);
    // Counter 3 later in the day under someone else: not counter 1's user's work.
    await openCounter(c2, 3);
    await serve(c2, 3, 30_000);
    expect(await myDay(c1)).toEqual({ served: 2, avgServiceMs: 120_000 });
    expect(await myDay(c2)).toEqual({ served: 1, avgServiceMs: 30_000 });
  });

  it('"call next" held by the walk-in guard answers WALKINS_HELD with the booking and the end of the hold', async () => {
    const c1 = await staff('counter1');
    await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'application-inquiry' } });
    await openCounter(c1, 1);
    const held = await call(hub, 'POST', '/api/counters/1/call-next', { cookie: c1 });
    expect(held.status).toBe(409);
    const local = (time: string) => localInstant('2026-11-26', time, 'Asia/Bahrain');
    expect(held.body.error).toMatchObject({ code: 'WALKINS_HELD', details: { nextSlotAt: local('09:10') } });
    expect(held.body.error.details.walkinsFrom).toBeGreaterThanOrEqual(local('09:25'));
  });
});
