// SMS messages to citizens over a real hub on its manual clock: reminders at the configured moments,
// "your turn is near" once per ticket (also when the queue jumps), called and recalled, a closure's
// cancellations with the appointment page link, the supervisor's broadcast, quiet hours, and no
// message lost or sent twice across a restart between the event and its delivery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { call, DEMO, deviceToken, login, smsRecorder, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let agent: string;
const sms = smsRecorder();

beforeEach(async () => {
  sms.sent.length = 0;
  hub = await startTestHub({ smsSender: sms.sender });
  agent = await login(hub, ...DEMO.agent);
});
const dirs: string[] = [];
afterEach(async () => {
  await hub.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const at = (day: string, time: string) => localInstant(day, time, 'Asia/Bahrain');
const messagesOf = (kind: string) =>
  repo
    .listMessages(hub.db)
    .filter((m) => m.kind === kind)
    .reverse();

/** Books as the agent (logged in anew: the clock may have moved past the session's expiry). */
async function book(day: string, time: string, phone = '36001234') {
  agent = await login(hub, ...DEMO.agent);
  const r = await call(hub, 'POST', '/api/appointments', {
    cookie: agent,
    body: { serviceId: 'update-details', day, time, cpr: String(700000000 + Math.floor(Math.random() * 99999)), phone, nameAr: 'سارة', nameEn: 'Sara' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment as { id: string; reference: string; pageToken: string; slotStart: number };
}

async function settings(change: Record<string, unknown>) {
  const admin = await login(hub, ...DEMO.admin);
  const { settings: now } = (await call(hub, 'GET', '/api/settings', { cookie: admin })).body;
  const r = await call(hub, 'PUT', '/api/settings', { cookie: admin, body: { ...now, ...change } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** Moves the hub's clock and runs its timer job, as the interval would. */
function tickAt(ms: number) {
  hub.clock.set(ms);
  hub.hub.tick();
}

async function walkIn(kiosk: string, phone?: string, serviceId = 'application-inquiry') {
  const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId, ...(phone ? { phone } : {}) } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ticket as { id: string; label: string };
}

describe('reminders', () => {
  it('the day before at the configured hour and two hours before the slot, each exactly once, with the reference and the page link', async () => {
    const a = await book('2026-11-29', '10:00', '+97336005555');
    const b = await book('2026-11-29', '10:30');
    const ofA = (kind: string) => messagesOf(kind).filter((m) => m.appointmentId === a.id);

    tickAt(at('2026-11-28', '17:59'));
    expect(ofA('reminder_day')).toEqual([]);
    tickAt(at('2026-11-28', '18:00'));
    tickAt(at('2026-11-28', '18:15')); // the next run of the job finds it done
    expect(ofA('reminder_day')).toHaveLength(1);
    expect(messagesOf('reminder_day').map((m) => m.appointmentId)).toEqual([a.id, b.id]);
    const [day] = ofA('reminder_day');
    expect(day).toMatchObject({ to: '+97336005555', status: 'queued' });
    expect(day!.body).toContain('تذكير: موعدك غداً');
    expect(day!.body).toContain('Reminder: your appointment is tomorrow, Sun 29 Nov at 10:00');
    expect(day!.body).toContain(a.reference);
    expect(a.pageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(day!.body).toContain(`${hub.url}/a/${a.pageToken}`);
    expect(day!.body).toContain('80008001');
    expect(day!.body).toContain('17582288');

    // Booked after the day-before reminder went out: the confirmation is the reminder.
    const late = await book('2026-11-29', '11:00');
    tickAt(at('2026-11-28', '19:00'));
    expect(messagesOf('reminder_day').map((m) => m.appointmentId)).not.toContain(late.id);

    tickAt(at('2026-11-29', '07:59'));
    expect(ofA('reminder_soon')).toEqual([]);
    tickAt(at('2026-11-29', '08:00'));
    tickAt(at('2026-11-29', '08:30'));
    expect(ofA('reminder_soon')).toHaveLength(1);
    expect(ofA('reminder_soon')[0]!.body).toContain('Reminder: your appointment is today at 10:00');

    await hub.outbox.deliverDue();
    expect(sms.sent.filter((s) => s.text.includes(a.reference))).toHaveLength(3); // booked, the day before, two hours before
  });

  it('a moved appointment is reminded of its new slot; the setting 0 turns the second reminder off', async () => {
    await settings({ reminderBeforeMinutes: 0, reminderDayBeforeAt: '16:00' });
    const a = await book('2026-11-29', '10:00');
    tickAt(at('2026-11-28', '16:00'));
    agent = await login(hub, ...DEMO.agent);
    const moved = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '09:00' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    tickAt(at('2026-11-29', '16:00'));
    const days = messagesOf('reminder_day').filter((m) => m.appointmentId === a.id);
    expect(days.map((m) => m.body.includes('Mon 30 Nov at 09:00'))).toEqual([false, true]);
    tickAt(at('2026-11-30', '08:00'));
    expect(messagesOf('reminder_soon')).toEqual([]);
  });
});

describe('in the hall', () => {
  it('"your turn is near" once per ticket when N or fewer are ahead, in the order the counters call; "called" and once more on a recall', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: counter })).status).toBe(200);
    for (let i = 0; i < 3; i++) await walkIn(kiosk);
    const mine = await walkIn(kiosk, '33445566');
    // Fourth in line with one counter open: not near yet (N = 3).
    expect(messagesOf('near_turn')).toEqual([]);
    hub.clock.advance(60_000);
    await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    const near = messagesOf('near_turn');
    expect(near).toHaveLength(1);
    expect(near[0]).toMatchObject({ to: '+97333445566', ticketId: mine.id });
    expect(near[0]!.body).toContain(`Your turn is near: ticket ${mine.label}`);
    expect(near[0]!.body).toContain('دورك قريب');
    expect(near[0]!.body).toMatch(/\/t\/[A-Za-z0-9_-]+/);
    const serveAndCallNext = async () => {
      expect((await call(hub, 'POST', '/api/counters/3/start', { cookie: counter })).status).toBe(200);
      expect((await call(hub, 'POST', '/api/counters/3/finish', { cookie: counter, body: { outcome: 'served' } })).status).toBe(200);
      return call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    };
    await serveAndCallNext();
    await serveAndCallNext();
    expect(messagesOf('near_turn')).toHaveLength(1);

    const called = await serveAndCallNext();
    expect(called.body.ticket?.id).toBe(mine.id);
    expect(messagesOf('called').map((m) => m.body.split('\n')[1])).toEqual([`It's your turn: ticket ${mine.label}, counter 3`]);
    await call(hub, 'POST', '/api/counters/3/recall', { cookie: counter });
    expect(messagesOf('recalled').map((m) => m.body.split('\n')[1])).toEqual([`Called again: ticket ${mine.label}, counter 3`]);
    // Tickets without a phone get nothing.
    expect(repo.listMessages(hub.db).filter((m) => m.ticketId && m.ticketId !== mine.id)).toEqual([]);
  });

  it('a ticket jumping the queue (moved to one counter by a supervisor, or climbing by its priority) is told once it is within N', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    for (let i = 0; i < 6; i++) await walkIn(kiosk);
    const far = await walkIn(kiosk, '36112233');
    expect(messagesOf('near_turn')).toEqual([]);
    const supervisor = await login(hub, ...DEMO.supervisor);
    const moved = await call(hub, 'POST', `/api/hall/tickets/${far.id}/move`, { cookie: supervisor, body: { toCounter: 3 } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(messagesOf('near_turn').map((m) => m.ticketId)).toEqual([far.id]);

    // An elderly citizen's ticket climbs (wait × 1.5) past the six walk-ins of 09:00 by 09:40.
    hub.clock.set(at('2026-11-26', '09:10'));
    const r = await call(hub, 'POST', '/api/kiosk/tickets', {
      token: kiosk,
      body: { serviceId: 'application-inquiry', priority: 'elderly', phone: '36445566' },
    });
    const elderly = r.body.ticket as { id: string };
    expect(messagesOf('near_turn').map((m) => m.ticketId)).toEqual([far.id]);
    hub.clock.set(at('2026-11-26', '09:40'));
    await walkIn(kiosk); // any command: the hub looks again
    expect(messagesOf('near_turn').map((m) => m.ticketId)).toEqual([far.id, elderly.id]);
    await walkIn(kiosk);
    expect(messagesOf('near_turn')).toHaveLength(2);
  });

  it('an appointment holder is told by the phone of the booking', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const demo = repo.listAppointmentsOfDay(hub.db, '2026-11-26').find((a) => a.slotStart - 10 * 60_000 >= hub.clock.now())!;
    hub.clock.set(demo.slotStart - 10 * 60_000);
    const ci = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: demo.cpr } });
    expect(ci.body.outcome, JSON.stringify(ci.body)).toBe('checked_in');
    const counter2 = await login(hub, ...DEMO.counter2);
    await call(hub, 'POST', '/api/counters/1/open', { cookie: counter2 });
    const holder = messagesOf('near_turn').find((m) => m.appointmentId === demo.id);
    expect(holder?.to).toBe(`+973${demo.phone}`);
  });

  it('the kiosk phone is optional and checked; it never reaches public screens', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const bad = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry', phone: '12345' } });
    expect(bad.status).toBe(400);
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry', phone: '36998877' } });
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body)).not.toContain('36998877');
    const snap = await call(hub, 'GET', '/api/snapshot', { token: kiosk });
    expect(JSON.stringify(snap.body)).not.toContain('36998877');
    expect(repo.ticketPhonesOfDay(hub.db, '2026-11-26').get(r.body.ticket.id)).toBe('36998877');
  });
});

describe('the hall changes and the supervisor', () => {
  it('a closure cancels the day’s bookings, each citizen told with the appointment page link', async () => {
    const a = await book('2026-11-29', '10:00');
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'PUT', '/api/holidays', { cookie: sup, body: { day: '2026-11-29', nameAr: 'صيانة', nameEn: 'Maintenance', closure: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(repo.getAppointment(hub.db, a.id)?.status).toBe('cancelled');
    const [m] = messagesOf('cancelled_by_hall');
    expect(m).toMatchObject({ appointmentId: a.id });
    expect(m!.body).toContain('the hall is closed that day (Maintenance)');
    expect(m!.body).toContain('(صيانة)');
    expect(m!.body).toContain(`/a/${a.pageToken}`);
    const card = await call(hub, 'GET', `/api/citizens/${repo.getAppointment(hub.db, a.id)!.cpr}/appointments`, { cookie: agent });
    expect(card.body.appointments[0].messages.map((x: any) => [x.kind, x.status])).toEqual([
      ['cancelled_by_hall', 'queued'],
      ['booked', 'queued'],
    ]);
  });

  it('a supervisor messages everyone waiting today, one SMS per phone; others may not', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    await walkIn(kiosk, '36000001');
    await walkIn(kiosk, '36000001');
    await walkIn(kiosk);
    const booked = repo.listAppointmentsOfDay(hub.db, '2026-11-26').filter((a) => a.status === 'booked');
    const phones = new Set(booked.map((a) => a.phone));
    const sup = await login(hub, ...DEMO.supervisor);
    const body = { ar: 'نعتذر، النظام متوقف مؤقتاً', en: 'Sorry, the system is down for a while' };
    expect((await call(hub, 'POST', '/api/hall/sms', { cookie: agent, body })).status).toBe(403);
    const r = await call(hub, 'POST', '/api/hall/sms', { cookie: sup, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.queued).toBe(phones.size + 1);
    const sentOut = messagesOf('broadcast');
    expect(new Set(sentOut.map((m) => m.to)).size).toBe(sentOut.length);
    expect(sentOut[0]!.body.split('\n').slice(0, 2)).toEqual([body.ar, body.en]);
    expect(repo.listAudit(hub.db, { kind: 'sms.broadcast' })).toHaveLength(1);
  });
});

it('the demo hall carries the ministry hotlines in the ticker, the ticket footer and the SMS signature (editable settings)', async () => {
  const { settings: s } = (await call(hub, 'GET', '/api/settings', { cookie: await login(hub, ...DEMO.supervisor) })).body;
  for (const text of [s.tickerMessages[0].ar, s.tickerMessages[0].en, s.ticketFooter.ar, s.ticketFooter.en, s.smsSignature.ar, s.smsSignature.en]) {
    expect(text).toContain('80008001');
    expect(text).toContain('17582288');
  }
  await settings({ smsSignature: { ar: 'الخط الساخن 80008001', en: 'Hotline 80008001' } });
  await book('2026-11-29', '10:00');
  expect(messagesOf('booked')[0]!.body.split('\n').at(-1)).toBe('الخط الساخن 80008001 | Hotline 80008001');
});

describe('quiet hours', () => {
  it('hold every message but "called" until they end, and drop a held "near" whose ticket was called meanwhile', async () => {
    await settings({ quietHours: { from: '08:00', to: '12:00' } });
    const kiosk = deviceToken(hub, 'kiosk');
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    const mine = await walkIn(kiosk, '36554433');
    const next = await walkIn(kiosk, '36554434');
    await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    expect(messagesOf('near_turn')).toHaveLength(2);
    expect(messagesOf('called')).toHaveLength(1);
    expect(await hub.outbox.deliverDue()).toBeGreaterThanOrEqual(1);
    expect(sms.sent.map((s) => s.text.split('\n')[1])).toEqual([`It's your turn: ticket ${mine.label}, counter 3`]);
    for (const held of messagesOf('near_turn')) expect(held).toMatchObject({ status: 'queued', nextAttemptAt: at('2026-11-26', '12:00') });
    hub.clock.set(at('2026-11-26', '11:59'));
    await hub.outbox.deliverDue();
    expect(sms.sent).toHaveLength(1);
    hub.clock.set(at('2026-11-26', '12:00'));
    await hub.outbox.deliverDue();
    // The called ticket's "near" is no longer true: dropped, not sent; the one still waiting goes.
    expect(sms.sent.slice(1).map((s) => s.text.split('\n')[1])).toEqual([expect.stringMatching(new RegExp(`^Your turn is near: ticket ${next.label}, `))]);
    expect(messagesOf('near_turn').map((m) => [m.ticketId, m.status])).toEqual([
      [mine.id, 'dropped'],
      [next.id, 'sent'],
    ]);
  });

  it('across midnight (21:00–07:00 by default): a reminder queued at 22:00 goes at 07:00', async () => {
    await settings({ reminderDayBeforeAt: '22:00' });
    await book('2026-11-29', '10:00');
    await hub.outbox.deliverDue();
    sms.sent.length = 0;
    tickAt(at('2026-11-28', '22:00'));
    expect(await hub.outbox.deliverDue()).toBe(0);
    expect(messagesOf('reminder_day')[0]).toMatchObject({ status: 'queued', nextAttemptAt: at('2026-11-29', '07:00') });
    hub.clock.set(at('2026-11-29', '06:59'));
    await hub.outbox.deliverDue();
    expect(sms.sent).toEqual([]);
    hub.clock.set(at('2026-11-29', '07:00'));
    await hub.outbox.deliverDue();
    expect(sms.sent.map((s) => s.text.split('\n')[1])).toEqual([expect.stringContaining('Reminder: your appointment is tomorrow')]);
  });
});

describe('a crash between the event and its delivery', () => {
  it('sends each message exactly once after the hub comes back on the same database', async () => {
    await hub.stop();
    const dir = mkdtempSync(join(tmpdir(), 'dor-messages-'));
    dirs.push(dir);
    const file = join(dir, 'dor.db');
    hub = await startTestHub({ file, smsSender: sms.sender });
    const kiosk = deviceToken(hub, 'kiosk');
    const counter = await login(hub, ...DEMO.counter1);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: counter });
    const mine = await walkIn(kiosk, '36776655');
    const next = await walkIn(kiosk, '36776656');
    await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    tickAt(at('2026-11-26', '18:00')); // tomorrow is a Friday: no reminders; today's are past
    const queued = repo.listMessages(hub.db, { status: 'queued' }).map((m) => m.kind);
    expect(queued).toEqual(expect.arrayContaining(['near_turn', 'called']));
    // Gone before the worker ran (as after kill -9: nothing but the database survives).
    await hub.stop();
    expect(sms.sent).toEqual([]);

    hub = await startTestHub({ file, smsSender: sms.sender, at: at('2026-11-26', '18:01') });
    hub.hub.tick();
    await hub.outbox.deliverDue();
    await hub.outbox.deliverDue();
    const textsTo = (phone: string) => sms.sent.filter((s) => s.to === phone).map((s) => s.text.split('\n')[1]);
    // 18:01 is not quiet: each goes once; the called ticket's "near" is no longer true and is dropped.
    expect(textsTo('+97336776655')).toEqual([`It's your turn: ticket ${mine.label}, counter 3`]);
    expect(textsTo('+97336776656')).toEqual([expect.stringMatching(new RegExp(`^Your turn is near: ticket ${next.label}, `))]);
    expect(repo.listMessages(hub.db, { status: 'queued' })).toEqual([]);
  });
});
