// Administering a running hall over the API: partial settings updates, services, counters, opening
// hours and the audit log — each change validated, live on the screens and audited; each refusal
// a 4xx with a code that changes nothing, neither the hall nor the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { serviceTiles } from '../../engine/index.ts';
import { operations } from '../../server/ops/index.ts';
import { publicFeed } from '../../ui-kit/hall-feed.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, THURSDAY_0900, until, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let admin: string;
const clients: Client[] = [];
beforeEach(async () => {
  hub = await startTestHub();
  admin = await login(hub, ...DEMO.admin);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub.stop();
});

const ADMIN_ACTOR = 'user:1:admin';
const audits = () => repo.listAudit(hub.db, { limit: 1000 });

/** Everything an admin route could change: the live hall, its tables and the audit log. */
function everything() {
  const rows = (table: string) => hub.db.sqlite.prepare(`select * from ${table}`).all();
  return JSON.stringify({
    seq: hub.hub.lastSeq,
    state: hub.hub.current,
    tables: ['services', 'counters', 'settings', 'opening_hours', 'appointment_schedule', 'holidays', 'devices', 'audit_log'].map(rows),
  });
}

/** Runs each request, expecting each to be refused with `status` and `code`, and nothing at all to change. */
async function refusedWithoutChange(status: number, code: string, requests: (() => Promise<{ status: number; body: any }>)[]) {
  const before = everything();
  for (const request of requests) {
    const r = await request();
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
  }
  expect(everything()).toBe(before);
}

const patchSettings = (body: unknown, cookie = admin) => call(hub, 'PATCH', '/api/settings', { cookie, body });
const putService = (id: string, body: unknown) => call(hub, 'PUT', `/api/services/${id}`, { cookie: admin, body });
const postService = (body: unknown) => call(hub, 'POST', '/api/services', { cookie: admin, body });
const putCounter = (n: number | string, body: unknown) => call(hub, 'PUT', `/api/counters/${n}`, { cookie: admin, body });
const postCounter = (body: unknown) => call(hub, 'POST', '/api/counters', { cookie: admin, body });

describe('PATCH /api/settings', () => {
  it('changes the one field given, live on the screens, audited with the old and new value of that field only', async () => {
    const sup = await connectClient(hub, { cookie: await login(hub, ...DEMO.supervisor) });
    clients.push(sup);
    const before = hub.hub.current.settings;
    const r = await patchSettings({ maxRecalls: 4 });
    expect(r.status).toBe(200);
    expect(r.body.settings).toEqual({ ...before, maxRecalls: 4 });
    expect(hub.hub.current.settings.maxRecalls).toBe(4);
    expect(repo.loadSettings(hub.db)).toEqual({ ...before, maxRecalls: 4 });
    await until(() => sup.deltas.some((d) => d.events.some((e) => e.type === 'settings_changed' && e.settings.maxRecalls === 4)), 5000, 'settings delta');
    expect(audits()).toEqual([
      {
        id: expect.any(Number),
        at: THURSDAY_0900,
        actor: ADMIN_ACTOR,
        kind: 'settings.update',
        target: 'settings',
        before: { maxRecalls: 2 },
        after: { maxRecalls: 4 },
      },
    ]);
  });

  it('replaces a nested field whole, and refuses half of one', async () => {
    const r = await patchSettings({ hallName: { ar: 'قاعة المحرّق', en: 'Muharraq Hall' }, kioskIdleSeconds: 45 });
    expect(r.status).toBe(200);
    expect(r.body.settings).toMatchObject({ hallName: { ar: 'قاعة المحرّق', en: 'Muharraq Hall' }, kioskIdleSeconds: 45 });
    expect(audits()[0]!.after).toEqual({ hallName: { ar: 'قاعة المحرّق', en: 'Muharraq Hall' }, kioskIdleSeconds: 45 });
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [() => patchSettings({ hallName: { ar: 'قاعة' } })]);
  });

  it('has the service-level target and the kiosk idle time, with defaults, and per-service targets of real services only', async () => {
    expect(hub.hub.current.settings).toMatchObject({ serviceLevel: { targetMinutes: 20, targetPercent: 80, perService: {} }, kioskIdleSeconds: 30 });
    const serviceLevel = { targetMinutes: 15, targetPercent: 90, perService: { 'new-application': 30 } };
    expect((await patchSettings({ serviceLevel })).body.settings.serviceLevel).toEqual(serviceLevel);
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [
      () => patchSettings({ serviceLevel: { ...serviceLevel, perService: { 'no-such-service': 10 } } }),
      () => patchSettings({ serviceLevel: { targetMinutes: 15, targetPercent: 90 } }),
      () => patchSettings({ serviceLevel: { ...serviceLevel, targetPercent: 101 } }),
    ]);
  });

  it('refuses malformed changes and a prefix a service has, changing nothing', async () => {
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [
      () => patchSettings({}),
      () => patchSettings({ noSuchSetting: 1 }),
      () => patchSettings({ kioskIdleSeconds: 5 }),
      () => patchSettings({ maxRecalls: 'two' }),
      () => patchSettings({ timeZone: 'Mars/Olympus' }),
      () => patchSettings({ outcomeCodes: [] }),
    ]);
    await refusedWithoutChange(409, 'PREFIX_IN_USE', [() => patchSettings({ appointmentPrefix: 'B' })]);
  });

  it('stores nothing and audits nothing when nothing changes; a full PUT is audited by the fields it changed', async () => {
    const seq = hub.hub.lastSeq;
    expect((await patchSettings({ maxRecalls: hub.hub.current.settings.maxRecalls })).status).toBe(200);
    expect(hub.hub.lastSeq).toBe(seq);
    expect(audits()).toEqual([]);
    const body = { ...hub.hub.current.settings, walkinGuardMinutes: 25 };
    // Settings are the admin's: a supervisor may not replace them whole either.
    expect((await call(hub, 'PUT', '/api/settings', { cookie: await login(hub, ...DEMO.supervisor), body })).status).toBe(403);
    const r = await call(hub, 'PUT', '/api/settings', { cookie: await login(hub, ...DEMO.admin), body });
    expect(r.status).toBe(200);
    expect(audits()).toMatchObject([{ actor: 'user:1:admin', kind: 'settings.update', before: { walkinGuardMinutes: 10 }, after: { walkinGuardMinutes: 25 } }]);
  });
});

describe('services', () => {
  it('POST adds a service with an id from its name, last in order, offered by the kiosk at once; audited', async () => {
    const r = await postService({ nameAr: 'تصاريح البناء', nameEn: 'Building Permits', prefix: 'G', colour: '#336699', icon: 'home' });
    expect(r.status).toBe(201);
    expect(r.body.service).toEqual({
      id: 'building-permits',
      nameAr: 'تصاريح البناء',
      nameEn: 'Building Permits',
      prefix: 'G',
      colour: '#336699',
      icon: 'home',
      defaultDurationMin: 15,
      slotMinutes: 15,
      bookable: true,
      kioskVisible: true,
      sortOrder: 6,
      active: true,
      // Nothing said about what to bring until a supervisor writes it.
      bringAr: '',
      bringEn: '',
    });
    expect(repo.listServices(hub.db).find((s) => s.id === 'building-permits')).toEqual(r.body.service);
    const kiosk = deviceToken(hub, 'kiosk');
    const tiles = await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(tiles.body.services.at(-1).service.id).toBe('building-permits');
    const ticket = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'building-permits' } });
    expect(ticket.body.ticket.label).toBe('G-001');
    expect(audits()).toEqual([
      {
        id: expect.any(Number),
        at: THURSDAY_0900,
        actor: ADMIN_ACTOR,
        kind: 'service.create',
        target: 'service:building-permits',
        before: null,
        after: r.body.service,
      },
    ]);
    // The same name again gets an id of its own.
    const again = await postService({ nameAr: 'تصاريح', nameEn: 'Building permits', prefix: 'H' });
    expect(again.body.service.id).toBe('building-permits-2');
  });

  it('refuses a prefix clash, the appointment prefix, a taken id and malformed services, changing nothing', async () => {
    const good = { nameAr: 'خدمة', nameEn: 'Service', prefix: 'G' };
    await refusedWithoutChange(409, 'PREFIX_IN_USE', [
      () => postService({ ...good, prefix: 'B' }),
      () => postService({ ...good, prefix: 'A' }),
      () => putService('application-inquiry', { prefix: 'B' }),
    ]);
    await refusedWithoutChange(409, 'SERVICE_EXISTS', [() => postService({ ...good, id: 'new-application' })]);
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [
      () => postService({ ...good, prefix: 'g' }),
      () => postService({ ...good, prefix: 'GH' }),
      () => postService({ ...good, colour: 'red' }),
      () => postService({ ...good, colour: '#12345' }),
      () => postService({ nameEn: 'No Arabic name', prefix: 'G' }),
      () => postService({ ...good, id: 'Not A Slug' }),
      () => postService({ ...good, slotMinutes: 2 }),
      () => putService('new-application', {}),
      () => putService('new-application', { nameEn: '' }),
      () => putService('new-application', { active: 'no' }),
    ]);
    await refusedWithoutChange(404, 'UNKNOWN_SERVICE', [() => putService('no-such-service', { nameEn: 'X' })]);
  });

  it('PUT renames a service and a kiosk shows the new name live, from its feed, without a reload; audited by the changed fields', async () => {
    const socket = await connectClient(hub, { token: deviceToken(hub, 'kiosk') });
    clients.push(socket);
    const feed = publicFeed(socket.socket);
    await feed.resync();
    const r = await putService('family-members', { nameAr: 'أفراد الأسرة', nameEn: 'Family' });
    expect(r.status).toBe(200);
    expect(r.body.service).toMatchObject({ id: 'family-members', nameAr: 'أفراد الأسرة', nameEn: 'Family', prefix: 'E', colour: '#2e7d32' });
    await until(() => feed.seq === hub.hub.lastSeq, 5000, 'the kiosk feed');
    expect(socket.deltas.at(-1)!.events).toEqual([{ type: 'service_saved', at: THURSDAY_0900, service: r.body.service }]);
    expect(feed.resyncs).toBe(1); // folded from the public delta, not caught up from a new snapshot
    const tile = serviceTiles(feed.state!, THURSDAY_0900, null).services.find((t) => t.service.id === 'family-members');
    expect(tile!.service).toMatchObject({ nameAr: 'أفراد الأسرة', nameEn: 'Family' });
    expect(audits()).toMatchObject([
      {
        kind: 'service.update',
        target: 'service:family-members',
        before: { nameAr: 'تسجيل أفراد الأسرة', nameEn: 'Register family members' },
        after: { nameAr: 'أفراد الأسرة', nameEn: 'Family' },
      },
    ]);
  });

  it('is deactivated, never deleted: with a ticket today it leaves the kiosk and the booking console, and its ticket is still served', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const waiting = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'letter-follow-up' } });
    expect((await call(hub, 'DELETE', '/api/services/letter-follow-up', { cookie: admin })).status).toBe(404);
    const r = await putService('letter-follow-up', { active: false });
    expect(r.body.service.active).toBe(false);
    expect(repo.listServices(hub.db).find((s) => s.id === 'letter-follow-up')!.active).toBe(false);
    const tiles = await call(hub, 'GET', '/api/services', { token: kiosk });
    expect(tiles.body.services.map((t: { service: { id: string } }) => t.service.id)).not.toContain('letter-follow-up');
    const walkIn = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'letter-follow-up' } });
    expect([walkIn.status, walkIn.body.error.code]).toEqual([409, 'SERVICE_NOT_AVAILABLE']);
    const agent = await login(hub, ...DEMO.agent);
    const slots = await call(hub, 'GET', '/api/slots?serviceId=letter-follow-up', { cookie: agent });
    expect([slots.status, slots.body.error.code]).toEqual([409, 'SERVICE_NOT_BOOKABLE']);
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    expect(called.body.ticket.id).toBe(waiting.body.ticket.id);
  });
});

describe('counters', () => {
  it('POST adds a counter, closed, that a counter user opens and calls at; audited', async () => {
    const r = await postCounter({ number: 7, nameAr: 'شباك الملحق', nameEn: 'Annex' });
    expect(r.status).toBe(201);
    expect(r.body.counter).toEqual({
      number: 7,
      nameAr: 'شباك الملحق',
      nameEn: 'Annex',
      mode: 'general',
      serviceIds: [],
      active: true,
      open: false,
      userId: null,
      paused: false,
      pauseReason: null,
      currentTicketId: null,
    });
    expect(repo.listCounters(hub.db).find((c) => c.number === 7)).toEqual(r.body.counter);
    const { open: _o, userId: _u, paused: _p, pauseReason: _r, currentTicketId: _t, ...setup } = r.body.counter;
    expect(audits()).toMatchObject([{ kind: 'counter.create', target: 'counter:7', before: null, after: setup }]);
    const ticket = await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'update-details' } });
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/7/open', { cookie: counter })).status).toBe(200);
    expect((await call(hub, 'POST', '/api/counters/7/call-next', { cookie: counter })).body.ticket.id).toBe(ticket.body.ticket.id);
  });

  it("PUT on an open counter's services and mode applies to its very next call; audited by the changed fields", async () => {
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    const kiosk = deviceToken(hub, 'kiosk');
    await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
    hub.clock.advance(60_000);
    const inquiry = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    const r = await putCounter(3, { serviceIds: ['application-inquiry'], mode: 'mixed' });
    expect(r.status).toBe(200);
    expect(r.body.counter).toMatchObject({ number: 3, open: true, mode: 'mixed', serviceIds: ['application-inquiry'] });
    expect((await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter })).body.ticket.id).toBe(inquiry.body.ticket.id);
    expect(audits()).toMatchObject([
      {
        kind: 'counter.update',
        target: 'counter:3',
        before: { mode: 'general', serviceIds: [] },
        after: { mode: 'mixed', serviceIds: ['application-inquiry'] },
      },
    ]);
  });

  it('takes a closed counter out of use (it cannot be opened) but refuses an open one, a taken number, unknown services and malformed input', async () => {
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    await refusedWithoutChange(409, 'COUNTER_IN_USE', [() => putCounter(3, { active: false })]);
    await refusedWithoutChange(409, 'COUNTER_EXISTS', [() => postCounter({ number: 4 })]);
    await refusedWithoutChange(404, 'UNKNOWN_SERVICE', [
      () => putCounter(4, { serviceIds: ['no-such-service'] }),
      () => postCounter({ number: 8, serviceIds: ['nope'] }),
    ]);
    await refusedWithoutChange(404, 'UNKNOWN_COUNTER', [() => putCounter(99, { nameEn: 'X' })]);
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [
      () => putCounter(4, {}),
      () => putCounter(4, { mode: 'express' }),
      () => putCounter(4, { number: 5 }),
      () => putCounter('four', { nameEn: 'X' }),
      () => postCounter({ number: 0 }),
      () => postCounter({ number: 8, nameEn: 'x'.repeat(61) }),
    ]);
    expect((await putCounter(5, { active: false })).body.counter.active).toBe(false);
    const other = await login(hub, ...DEMO.counter2);
    const open = await call(hub, 'POST', '/api/counters/5/open', { cookie: other });
    expect([open.status, open.body.error.code]).toEqual([409, 'COUNTER_INACTIVE']);
  });
});

describe('opening hours', () => {
  it('GET lists the weekly hours; PUT replaces them, audited with the old and new week', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const seeded = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, opens: '07:00', closes: '14:00' }));
    expect((await call(hub, 'GET', '/api/opening-hours', { cookie: sup })).body).toEqual({ days: seeded });
    const week = [
      { weekday: 6, opens: '08:00', closes: '12:00' },
      { weekday: 0, opens: '07:30', closes: '15:00' },
    ];
    const r = await call(hub, 'PUT', '/api/opening-hours', { cookie: admin, body: { days: week } });
    expect(r.body.days).toEqual([week[1], week[0]]);
    expect(repo.listOpeningHours(hub.db)).toEqual([week[1], week[0]]);
    expect(audits()).toMatchObject([{ kind: 'hours.update', target: 'opening_hours', before: seeded, after: [week[1], week[0]] }]);
  });

  it('refuses a day closing before it opens, a weekday twice and malformed times, changing nothing', async () => {
    const put = (days: unknown) => () => call(hub, 'PUT', '/api/opening-hours', { cookie: admin, body: { days } });
    await refusedWithoutChange(400, 'VALIDATION_FAILED', [
      put([{ weekday: 0, opens: '14:00', closes: '07:00' }]),
      put([{ weekday: 0, opens: '07:00', closes: '07:00' }]),
      put([
        { weekday: 1, opens: '07:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '15:00' },
      ]),
      put([{ weekday: 7, opens: '07:00', closes: '12:00' }]),
      put([{ weekday: 0, opens: '7:00', closes: '12:00' }]),
      put('every day'),
    ]);
  });
});

describe('audit of the other set-up operations', () => {
  it('audits schedules, holidays, the kiosk PIN (never the PIN itself), printer bindings and pairing codes (never the code)', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const periods = [{ weekday: 0, startTime: '07:30', endTime: '13:30', counters: 6 }];
    expect((await call(hub, 'PUT', '/api/appointment-schedule', { cookie: sup, body: { validFrom: '2026-12-06', periods } })).status).toBe(200);
    const holiday = { day: '2026-12-24', nameAr: 'صيانة القاعة', nameEn: 'Hall maintenance', closure: true };
    expect((await call(hub, 'PUT', '/api/holidays', { cookie: sup, body: holiday })).status).toBe(200);
    expect((await call(hub, 'PUT', '/api/kiosk/pin', { cookie: sup, body: { pin: '97531' } })).status).toBe(200);
    const kioskId = repo.loadDemoDevices(hub.db)!.kiosk;
    expect((await call(hub, 'PUT', `/api/devices/${kioskId}/printer`, { cookie: sup, body: { printer: 'tcp://10.0.0.9:9100' } })).status).toBe(200);
    const code = await call(hub, 'POST', '/api/devices/pairing-codes', { cookie: sup, body: { kind: 'display', name: 'Upstairs TV' } });
    expect(code.status).toBe(201);
    const rows = audits().reverse();
    expect(rows.map((r) => [r.actor, r.kind, r.target])).toEqual([
      ['user:2:supervisor', 'schedule.update', 'schedule:2026-12-06'],
      ['user:2:supervisor', 'holiday.update', 'holiday:2026-12-24'],
      ['user:2:supervisor', 'kiosk.pin', 'kiosk'],
      ['user:2:supervisor', 'device.printer', `device:${kioskId}`],
      ['user:2:supervisor', 'device.create', `device:${code.body.deviceId}`],
    ]);
    expect(rows.map((r) => [r.before, r.after])).toEqual([
      [[], periods],
      [null, holiday],
      [null, null],
      [{ printer: 'virtual' }, { printer: 'tcp://10.0.0.9:9100' }],
      [null, { kind: 'display', name: 'Upstairs TV', printer: null }],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain('97531');
    expect(text).not.toContain(code.body.code);
    // The same holiday again changes nothing and writes nothing.
    await call(hub, 'PUT', '/api/holidays', { cookie: sup, body: holiday });
    expect(audits()).toHaveLength(5);
  });

  it('removes a holiday, audited; an unknown or malformed day is refused and changes nothing', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const holiday = { day: '2026-12-24', nameAr: 'صيانة القاعة', nameEn: 'Hall maintenance', closure: true };
    await call(hub, 'PUT', '/api/holidays', { cookie: sup, body: holiday });
    const gone = await call(hub, 'DELETE', '/api/holidays/2026-12-24', { cookie: sup });
    expect(gone.status).toBe(200);
    expect(gone.body.holidays.map((h: { day: string }) => h.day)).not.toContain('2026-12-24');
    expect(repo.getHoliday(hub.db, '2026-12-24')).toBeNull();
    expect(audits()[0]).toMatchObject({ actor: 'user:2:supervisor', kind: 'holiday.delete', target: 'holiday:2026-12-24', before: holiday, after: null });
    const count = audits().length;
    const again = await call(hub, 'DELETE', '/api/holidays/2026-12-24', { cookie: sup });
    expect([again.status, again.body.error.code]).toEqual([404, 'HOLIDAY_NOT_FOUND']);
    const bad = await call(hub, 'DELETE', '/api/holidays/24-12-2026', { cookie: sup });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const agent = await call(hub, 'DELETE', '/api/holidays/2026-12-16', { cookie: await login(hub, ...DEMO.agent) });
    expect(agent.status).toBe(403);
    expect(repo.getHoliday(hub.db, '2026-12-16')).not.toBeNull();
    expect(audits()).toHaveLength(count);
  });
});

describe('GET /api/audit', () => {
  /** Three days of changes: two by the admin on Thursday, one by the supervisor on Friday, one by the admin on Saturday. */
  async function threeDays() {
    await patchSettings({ maxRecalls: 3 });
    await putService('new-application', { colour: '#000000' });
    hub.clock.advance(24 * 3600_000);
    await call(hub, 'PUT', '/api/kiosk/pin', { cookie: await login(hub, ...DEMO.supervisor), body: { pin: '2468' } });
    hub.clock.advance(24 * 3600_000);
    admin = await login(hub, ...DEMO.admin);
    await putCounter(6, { nameEn: 'Six' });
  }
  // A fresh login each time: the three days outlast a session.
  const list = async (query: string, user: readonly [string, string] = DEMO.admin) => {
    const r = await call(hub, 'GET', `/api/audit${query}`, { cookie: await login(hub, ...user) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { entries: { id: number; kind: string; actor: string; actorName: string | null; at: number }[]; nextBefore: number | null };
  };

  it('lists newest first with the names people read, filtered by user, actor, kind or area and hall days', async () => {
    await threeDays();
    const all = await list('');
    expect(all.entries.map((e) => e.kind)).toEqual(['counter.update', 'kiosk.pin', 'service.update', 'settings.update']);
    expect(all.entries[0]).toMatchObject({ actor: ADMIN_ACTOR, actorName: 'فاطمة الخليفة / Fatima Al-Khalifa', target: 'counter:6' });
    expect(all.nextBefore).toBeNull();
    expect((await list('?userId=2')).entries.map((e) => e.kind)).toEqual(['kiosk.pin']);
    expect((await list('?userId=1')).entries).toHaveLength(3);
    expect((await list(`?actor=${encodeURIComponent('user:2:supervisor')}`)).entries.map((e) => e.kind)).toEqual(['kiosk.pin']);
    expect((await list('?kind=service.')).entries.map((e) => e.kind)).toEqual(['service.update']);
    expect((await list('?kind=settings')).entries.map((e) => e.kind)).toEqual(['settings.update']);
    expect((await list('?kind=service.update')).entries).toHaveLength(1);
    expect((await list('?kind=serv')).entries).toEqual([]);
    expect((await list('?from=2026-11-27&to=2026-11-27')).entries.map((e) => e.kind)).toEqual(['kiosk.pin']);
    expect((await list('?from=2026-11-27')).entries.map((e) => e.kind)).toEqual(['counter.update', 'kiosk.pin']);
    expect((await list('?to=2026-11-26')).entries.map((e) => e.kind)).toEqual(['service.update', 'settings.update']);
  });

  it('pages with limit and before, and is for supervisors and admins only', async () => {
    await threeDays();
    const first = await list('?limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.nextBefore).toBe(first.entries[2]!.id);
    const second = await list(`?limit=3&before=${first.nextBefore}`);
    expect(second.entries.map((e) => e.kind)).toEqual(['settings.update']);
    expect(second.nextBefore).toBeNull();
    expect((await list('?limit=2', DEMO.supervisor)).entries).toHaveLength(2);
    for (const user of [DEMO.counter1, DEMO.agent] as const) {
      const r = await call(hub, 'GET', '/api/audit', { cookie: await login(hub, user[0], user[1]) });
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const cookie = await login(hub, ...DEMO.admin);
    for (const query of ['?limit=0', '?limit=501', '?from=2026-11-30&to=2026-11-01', '?from=26-11-2026', '?kind=User', '?userId=me', '?before=x']) {
      const r = await call(hub, 'GET', `/api/audit${query}`, { cookie });
      expect([r.status, r.body.error.code], query).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});

describe('who may', () => {
  /** A valid-looking path for every route (the role check comes before anything else). */
  const pathOf = (path: string) => path.replace(':counter', '3').replace(':id', '1').replace(':token', 'x'.repeat(20)).replace(':cpr', '900000001');
  const staffOnly = operations.filter((o) => !o.access.anonymous);

  it('a counter user and a call-center agent get 403 on every route and event their role is not given (admin and supervisor ones included)', async () => {
    const before = everything();
    let refused = 0;
    for (const [user, role] of [
      [DEMO.counter1, 'counter'],
      [DEMO.agent, 'callcenter'],
    ] as const) {
      const cookie = await login(hub, user[0], user[1]);
      const socket = await connectClient(hub, { cookie });
      clients.push(socket);
      for (const o of staffOnly.filter((x) => !x.access.roles?.includes(role))) {
        if (o.http) {
          const r = await call(hub, o.http.method.toUpperCase(), pathOf(o.http.path), { cookie, ...(o.http.method === 'get' ? {} : { body: {} }) });
          expect([r.status, r.body.error?.code], `${role} ${o.name}`).toEqual([403, 'FORBIDDEN']);
          refused++;
        }
        if (o.event) {
          const ack = await socket.emit(o.event, {});
          expect([ack.ok, ack.error?.code], `${role} ${o.event}`).toEqual([false, 'FORBIDDEN']);
          refused++;
        }
      }
    }
    const adminRoutes = ['settings.patch', 'services.create', 'services.update', 'counters.create', 'counters.update', 'hours.put'];
    expect(operations.filter((o) => adminRoutes.includes(o.name)).map((o) => o.access.roles)).toEqual(adminRoutes.map(() => ['admin']));
    expect(refused).toBeGreaterThan(40);
    expect(everything()).toBe(before);
  });

  it('a supervisor may not change the set-up an admin changes', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'PATCH', '/api/settings', { cookie: sup, body: { maxRecalls: 1 } });
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const s = await call(hub, 'PUT', '/api/services/new-application', { cookie: sup, body: { nameEn: 'X' } });
    expect(s.status).toBe(403);
  });
});
