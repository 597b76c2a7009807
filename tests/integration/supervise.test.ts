// The supervisor's live hall over a real hub: REST and Socket.IO, who may act, what the counter,
// the display, the kiosk and the citizen's phone see, and the audit rows each action leaves.
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import type { DevicesStatus } from '../../protocol/messages.ts';
import { operations } from '../../server/ops/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
const clients: Client[] = [];
async function client(auth: { cookie?: string; token?: string }): Promise<Client> {
  const c = await connectClient(hub, auth);
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

function staff(which: keyof typeof DEMO) {
  const [username, password] = DEMO[which];
  return login(hub, username, password);
}
const at = (time: string) => localInstant('2026-11-26', time, 'Asia/Bahrain');

async function walkIn(kiosk: string, serviceId = 'application-inquiry') {
  const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { ticket: { id: string; label: string }; statusUrl: string };
}

const audit = (kind: string) => repo.listAudit(hub.db, { kind });
const eventsOf = (c: Client) => c.deltas.flatMap((d) => d.events) as any[];

describe('who may act', () => {
  const supervised = operations.filter((o) => o.name.startsWith('hall.') || o.name === 'counter.mode');

  it('counter staff and call-center agents get 403 on every live-hall route and event; supervisors and admins get past the door', async () => {
    expect(supervised.length).toBe(13);
    const cookies = { counter: await staff('counter1'), agent: await staff('agent'), supervisor: await staff('supervisor'), admin: await staff('admin') };
    const sockets = { counter: await client({ cookie: cookies.counter }), agent: await client({ cookie: cookies.agent }) };
    const before = hub.hub.lastSeq;
    for (const o of supervised) {
      const path = o.http!.path.replace(':counter', '3').replace(':id', 'x');
      for (const who of ['counter', 'agent'] as const) {
        const r = await call(hub, o.http!.method.toUpperCase(), path, { cookie: cookies[who], ...(o.http!.method === 'get' ? {} : { body: {} }) });
        expect([r.status, r.body.error?.code], `${who} ${o.name}`).toEqual([403, 'FORBIDDEN']);
        const ack = await sockets[who].emit(o.event!, {});
        expect(ack, `${who} ${o.event}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      for (const who of ['supervisor', 'admin'] as const) {
        // An empty body: validation (or the route's own rules) answers, never the access check.
        const r = await call(hub, o.http!.method.toUpperCase(), path, { cookie: cookies[who], ...(o.http!.method === 'get' ? {} : { body: {} }) });
        expect(r.status, `${who} ${o.name} ${JSON.stringify(r.body)}`).not.toBe(403);
        expect(r.status).not.toBe(401);
      }
    }
    // The supervisor's empty end-day ended the day (the admin's was refused); nothing else changed anything.
    expect(hub.hub.current.endedAt).not.toBeNull();
    expect(audit('day.end')).toHaveLength(1);
    expect(repo.listAudit(hub.db)).toHaveLength(1);
    expect(hub.hub.lastSeq).toBe(before + 1);
  });
});

describe('closing a counter', () => {
  it("a supervisor closes a staffed counter: its terminal is told why, its ticket is back in the queue, the holder's next action is refused", async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const counter = await client({ cookie: await staff('counter1') });
    expect((await counter.emit('counter:open', { counter: 3 })).ok).toBe(true);
    const issued = await walkIn(kiosk);
    const called = await counter.emit('counter:call-next', { counter: 3 });
    expect(called.data.ticket.id).toBe(issued.ticket.id);

    const supervisor = await staff('supervisor');
    const r = await call(hub, 'POST', '/api/hall/counters/3/close', { cookie: supervisor, body: { reason: 'Needed at the front desk' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ counter: { number: 3, open: false, userId: null, currentTicketId: null }, outOfService: null });

    await until(() => eventsOf(counter).some((e) => e.type === 'counter_closed'), 5000, 'counter_closed at the terminal');
    expect(eventsOf(counter).find((e) => e.type === 'counter_closed')).toMatchObject({ counter: 3, by: 'supervisor', reason: 'Needed at the front desk' });
    expect(hub.hub.current.tickets[issued.ticket.id]).toMatchObject({ status: 'waiting', counter: null, label: issued.ticket.label });
    expect(repo.getTicket(hub.db, issued.ticket.id)?.status).toBe('waiting');
    const next = await counter.emit('counter:call-next', { counter: 3 });
    expect(next).toMatchObject({ ok: false, error: { code: 'NOT_YOUR_COUNTER' } });

    const [row] = audit('counter.close');
    expect(row).toMatchObject({
      actor: expect.stringMatching(/^user:\d+:supervisor$/),
      target: 'counter:3',
      before: { open: true, ticket: issued.ticket.label },
      after: { open: false, reason: 'Needed at the front desk', returned: [issued.ticket.label] },
    });
    const again = await call(hub, 'POST', '/api/hall/counters/3/close', { cookie: supervisor, body: { reason: 'again' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'COUNTER_CLOSED']);
    const unknown = await call(hub, 'POST', '/api/hall/counters/99/close', { cookie: supervisor, body: { reason: 'x' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'UNKNOWN_COUNTER']);
    expect(audit('counter.close')).toHaveLength(1);
  });

  it("the counter's own close is audited only when a supervisor closes someone else's counter with it", async () => {
    const [c1, c2, supervisor] = [await staff('counter1'), await staff('counter2'), await staff('supervisor')];
    await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 });
    await call(hub, 'POST', '/api/counters/4/open', { cookie: c2 });
    expect((await call(hub, 'POST', '/api/counters/3/close', { cookie: c1 })).status).toBe(200);
    expect(audit('counter.close')).toEqual([]);
    expect((await call(hub, 'POST', '/api/counters/4/close', { cookie: supervisor })).status).toBe(200);
    expect(audit('counter.close')).toEqual([expect.objectContaining({ target: 'counter:4', before: { open: true, userId: expect.any(Number) }, after: null })]);
  });

  it('out of service over the socket: nobody can open it until it is restored', async () => {
    const supervisor = await client({ cookie: await staff('supervisor') });
    const oos = await supervisor.emit('hall:counter:out-of-service', { counter: 4, reason: 'Screen broken' });
    expect(oos).toMatchObject({ ok: true, data: { counter: { number: 4, open: false }, outOfService: { reason: 'Screen broken', at: hub.clock.now() } } });
    const c2 = await staff('counter2');
    const refused = await call(hub, 'POST', '/api/counters/4/open', { cookie: c2 });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'COUNTER_OUT_OF_SERVICE']);
    expect((await supervisor.emit('hall:counter:restore', { counter: 4 })).data.outOfService).toBeNull();
    expect((await call(hub, 'POST', '/api/counters/4/open', { cookie: c2 })).status).toBe(200);
    expect((await supervisor.emit('hall:counter:restore', { counter: 4 })).error.code).toBe('COUNTER_IN_SERVICE');
    expect(audit('counter.outOfService')[0]).toMatchObject({ target: 'counter:4', after: { outOfService: { reason: 'Screen broken' } } });
    expect(audit('counter.restore')).toHaveLength(1);
  });

  it("changes a counter's services for today and its mode, both audited", async () => {
    const supervisor = await staff('supervisor');
    const r = await call(hub, 'PUT', '/api/hall/counters/5/services', { cookie: supervisor, body: { serviceIds: ['new-application', 'update-details'] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.counter.serviceIds).toEqual(['new-application', 'update-details']);
    expect(repo.listCounters(hub.db).find((c) => c.number === 5)?.serviceIds).toEqual(['new-application', 'update-details']);
    const bad = await call(hub, 'PUT', '/api/hall/counters/5/services', { cookie: supervisor, body: { serviceIds: ['no-such-service'] } });
    expect([bad.status, bad.body.error.code]).toEqual([404, 'UNKNOWN_SERVICE']);
    const mode = await call(hub, 'PUT', '/api/counters/5/mode', { cookie: supervisor, body: { mode: 'mixed' } });
    expect(mode.body.counter.mode).toBe('mixed');
    expect(audit('counter.services')[0]).toMatchObject({
      target: 'counter:5',
      before: { serviceIds: [] },
      after: { serviceIds: ['new-application', 'update-details'] },
    });
    expect(audit('counter.mode')[0]).toMatchObject({ target: 'counter:5', before: { mode: 'general' }, after: { mode: 'mixed' } });
    // A change to what it already is leaves no entry.
    await call(hub, 'PUT', '/api/counters/5/mode', { cookie: supervisor, body: { mode: 'mixed' } });
    expect(audit('counter')).toHaveLength(2);
  });
});

describe('moving and cancelling waiting tickets', () => {
  it('moves one to another service, keeping its number; cancels another, which its phone sees', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const display = await client({ token: deviceToken(hub, 'display') });
    const first = await walkIn(kiosk);
    const second = await walkIn(kiosk);
    const token = second.statusUrl.slice('/t/'.length);
    const phone = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken: token } });
    const phoneSaw: any[] = [];
    phone.on('ticket:status', (s) => phoneSaw.push(s));
    await until(() => phoneSaw.length === 1, 5000, 'first status');
    const supervisor = await staff('supervisor');
    try {
      const moved = await call(hub, 'POST', `/api/hall/tickets/${first.ticket.id}/move`, { cookie: supervisor, body: { toServiceId: 'update-details' } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.ticket).toMatchObject({ id: first.ticket.id, label: first.ticket.label, serviceId: 'update-details', status: 'waiting', transfers: 1 });

      const cancelled = await call(hub, 'POST', `/api/hall/tickets/${second.ticket.id}/cancel`, {
        cookie: supervisor,
        body: { reason: 'Asked to leave the queue' },
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.ticket.status).toBe('cancelled');
      const status = await call(hub, 'GET', `/api/tickets/status/${token}`);
      expect(status.body.ticket.status).toBe('cancelled');
      await until(() => phoneSaw.some((s) => s.ticket.status === 'cancelled'), 5000, 'cancelled on the phone');
      // The display learns it is cancelled, not why.
      await until(() => eventsOf(display).some((e) => e.type === 'ticket_cancelled'), 5000, 'cancel on the display');
      expect(eventsOf(display).find((e) => e.type === 'ticket_cancelled')).toEqual({
        type: 'ticket_cancelled',
        at: hub.clock.now(),
        ticketId: second.ticket.id,
      });

      const again = await call(hub, 'POST', `/api/hall/tickets/${second.ticket.id}/cancel`, { cookie: supervisor, body: { reason: 'again' } });
      expect([again.status, again.body.error.code]).toEqual([409, 'TICKET_NOT_WAITING']);
      const unknown = await call(hub, 'POST', '/api/hall/tickets/2026-11-26_Z9/move', { cookie: supervisor, body: { toCounter: 3 } });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'UNKNOWN_TICKET']);
      expect(audit('ticket.move')[0]).toMatchObject({
        target: `ticket:${first.ticket.id}`,
        before: { serviceId: 'application-inquiry' },
        after: { serviceId: 'update-details' },
      });
      expect(audit('ticket.cancel')[0]).toMatchObject({
        target: `ticket:${second.ticket.id}`,
        after: { status: 'cancelled', reason: 'Asked to leave the queue' },
      });
    } finally {
      phone.close();
    }
  });

  it('refuses to cancel a ticket that has been called', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const t = await walkIn(kiosk);
    const c1 = await staff('counter1');
    await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 });
    await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 });
    const supervisor = await client({ cookie: await staff('supervisor') });
    const ack = await supervisor.emit('hall:ticket:cancel', { id: t.ticket.id, reason: 'Gone' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_WAITING' } });
    expect(hub.hub.current.tickets[t.ticket.id]!.status).toBe('called');
    expect(audit('ticket')).toEqual([]);
  });
});

describe('the ticker', () => {
  it('reaches a display on the public feed without names; several run at once; one is removed', async () => {
    const display = await client({ token: deviceToken(hub, 'display') });
    await until(() => display.snapshots.length === 1, 5000, 'snapshot');
    const supervisor = await staff('supervisor');
    const body = { ar: 'النظام بطيء اليوم', en: 'The system is slow today', expiresAt: at('12:00') };
    const r = await call(hub, 'POST', '/api/hall/ticker', { cookie: supervisor, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.message).toEqual({ id: expect.any(String), ...body, at: hub.clock.now() });
    const second = await call(hub, 'POST', '/api/hall/ticker', {
      cookie: supervisor,
      body: { ar: 'الشباك ٢ مغلق', en: 'Counter 2 is closed', expiresAt: at('10:00') },
    });
    await until(() => eventsOf(display).filter((e) => e.type === 'ticker_set').length === 2, 5000, 'ticker on the display');
    expect(eventsOf(display)[0]).toEqual({ type: 'ticker_set', at: hub.clock.now(), message: r.body.message });
    const wire = JSON.stringify(display.deltas);
    expect(wire).not.toContain('Ahmed');
    expect(wire).not.toContain('user:');
    expect(Object.keys(hub.hub.current.ticker).sort()).toEqual([r.body.message.id, second.body.message.id].sort());

    expect((await call(hub, 'POST', `/api/hall/ticker/${r.body.message.id}/remove`, { cookie: supervisor })).status).toBe(200);
    await until(() => eventsOf(display).some((e) => e.type === 'ticker_removed'), 5000, 'removal on the display');
    expect(Object.keys(hub.hub.current.ticker)).toEqual([second.body.message.id]);
    const gone = await call(hub, 'POST', `/api/hall/ticker/${r.body.message.id}/remove`, { cookie: supervisor });
    expect([gone.status, gone.body.error.code]).toEqual([404, 'TICKER_NOT_FOUND']);
    const past = await call(hub, 'POST', '/api/hall/ticker', { cookie: supervisor, body: { ...body, expiresAt: at('08:00') } });
    expect([past.status, past.body.error.code]).toEqual([400, 'TICKER_EXPIRY_PAST']);
    expect(audit('ticker.set').map((a) => a.target)).toEqual([`ticker:${second.body.message.id}`, `ticker:${r.body.message.id}`]);
    expect(audit('ticker.remove')[0]).toMatchObject({ target: `ticker:${r.body.message.id}`, before: { en: body.en } });
  });
});

describe('ending the day early', () => {
  it('cancels the waiting, closes the counters and refuses the kiosk until the next day', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const c1 = await staff('counter1');
    await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 });
    const first = await walkIn(kiosk);
    await walkIn(kiosk, 'new-application');
    await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 });
    const supervisor = await client({ cookie: await staff('supervisor') });
    const ended = await supervisor.emit('hall:end-day', {});
    expect(ended).toEqual({ ok: true, data: { day: '2026-11-26', endedAt: hub.clock.now(), cancelled: 2, closedCounters: [3] } });
    expect(hub.hub.current.tickets[first.ticket.id]!.status).toBe('cancelled');

    const refused = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'DAY_ENDED']);
    const checkIn = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '900000001' } });
    expect([checkIn.status, checkIn.body.error.code]).toEqual([409, 'DAY_ENDED']);
    expect((await supervisor.emit('hall:end-day', {})).error.code).toBe('DAY_ENDED');
    expect(audit('day.end')).toEqual([expect.objectContaining({ target: 'day:2026-11-26', after: { cancelled: 2, closedCounters: [3] } })]);

    hub.clock.set(localInstant('2026-11-29', '07:30', 'Asia/Bahrain'));
    const nextDay = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    expect(nextDay.status, JSON.stringify(nextDay.body)).toBe(201);
    expect(nextDay.body.ticket.id).toBe('2026-11-29_C1');
  });
});

describe('devices', () => {
  it("pushes displays coming and going to supervisors, with the kiosk's printer as last checked", async () => {
    const supervisorCookie = await staff('supervisor');
    const ids = repo.loadDemoDevices(hub.db)!;
    const start = hub.clock.now();
    // Listening before the connection completes: the hub sends the status as the socket connects.
    const supervisor = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: supervisorCookie } });
    const pushes: DevicesStatus[] = [];
    supervisor.on('devices:status', (s: DevicesStatus) => pushes.push(s));
    const displayNow = () => pushes.at(-1)?.devices.find((d) => d.id === ids.display);
    try {
      await until(() => pushes.length === 1, 5000, 'status on connect');
      expect(displayNow()).toMatchObject({ kind: 'display', name: 'Demo display', online: false, lastSeenAt: null });
      expect(pushes[0]!.since).toBe(start);

      const display = await client({ token: deviceToken(hub, 'display') });
      await until(() => displayNow()?.online === true, 5000, 'display online');
      expect(displayNow()).toMatchObject({ online: true, connections: 1, lastSeenAt: start });

      hub.clock.set(start + 60_000);
      display.close();
      await until(() => displayNow()?.online === false, 5000, 'display offline');
      expect(displayNow()).toMatchObject({ connections: 0, lastSeenAt: start + 60_000 });
    } finally {
      supervisor.close();
    }

    // Before any ticket the kiosk's printer is unchecked; a printed ticket records it.
    const listed = await call(hub, 'GET', '/api/hall/devices', { cookie: supervisorCookie });
    expect(listed.body.devices.find((d: any) => d.id === ids.kiosk).printer).toEqual({
      target: 'virtual',
      ok: null,
      status: null,
      error: null,
      checkedAt: null,
    });
    await walkIn(deviceToken(hub, 'kiosk'));
    const after = await (await client({ cookie: supervisorCookie })).emit('hall:devices', {});
    expect(after.data.devices.find((d: any) => d.id === ids.kiosk)).toMatchObject({ kind: 'kiosk', online: false, printer: { target: 'virtual', ok: true } });
  });

  it('lists the staff by name for the counters panel', async () => {
    const r = await call(hub, 'GET', '/api/hall/staff', { cookie: await staff('supervisor') });
    expect(r.body.staff.map((u: any) => u.username)).toEqual(['admin', 'supervisor', 'agent', 'counter1', 'counter2']);
    expect(r.body.staff.find((u: any) => u.username === 'counter1')).toEqual({
      id: expect.any(Number),
      username: 'counter1',
      displayName: 'علي حسن / Ali Hasan',
      role: 'counter',
    });
    expect(JSON.stringify(r.body)).not.toContain('hash');
  });
});
