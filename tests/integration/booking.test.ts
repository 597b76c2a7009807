// Slots and bookings end to end: a real hub on port 0 with a temp SQLite file and a manual clock at
// Thursday 2026-11-26 09:00 Bahrain. The demo schedule: Sun–Thu 07:30–13:30, 2 appointment counters;
// holidays 2026-12-16/17; booking horizon 30 days (→ 2026-12-26).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, referenceFromBody } from '../../protocol/reference.ts';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { MAX_ATTEMPTS, RETRY_BASE_MS, retryDelay, webhookSender } from '../../server/outbox.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const TZ = 'Asia/Bahrain';
const at = (day: string, time: string) => localInstant(day, time, TZ);
let hub: TestHub;
let agent: string;
let cprSeq = 600000000;

beforeEach(async () => {
  hub = await startTestHub();
  agent = await login(hub, ...DEMO.agent);
});
afterEach(async () => {
  await hub.stop();
});

type BookOpts = { serviceId?: string; cpr?: string; phone?: string };
function book(day: string, time: string, o: BookOpts = {}) {
  return call(hub, 'POST', '/api/appointments', {
    cookie: agent,
    body: {
      serviceId: o.serviceId ?? 'update-details',
      day,
      time,
      cpr: o.cpr ?? String(++cprSeq),
      phone: o.phone ?? '36001234',
      nameAr: 'سارة أحمد',
      nameEn: 'Sara Ahmed',
    },
  });
}
async function booked(day: string, time: string, o: BookOpts = {}) {
  const r = await book(day, time, o);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment;
}
async function refused(day: string, time: string, code: string, o: BookOpts = {}) {
  const r = await book(day, time, o);
  expect(r.body.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  return r;
}
const slots = (serviceId: string, from: string, days = 1) => call(hub, 'GET', `/api/slots?serviceId=${serviceId}&from=${from}&days=${days}`, { cookie: agent });
const slotOf = (r: any, day: string, time: string) => r.body.days.find((d: any) => d.day === day)?.slots.find((s: any) => s.time === time);
const count = (sql: string, ...args: unknown[]) => (hub.db.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('slots', () => {
  it('lays each service on its own grid from the period start, with the schedule’s capacity', async () => {
    const r = await slots('update-details', '2026-11-29');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.slotMinutes).toBe(15);
    const sunday = r.body.days[0];
    expect(sunday).toMatchObject({ day: '2026-11-29', closed: null });
    expect(sunday.slots.map((s: any) => s.time).slice(0, 3)).toEqual(['07:30', '07:45', '08:00']);
    expect(sunday.slots.at(-1).time).toBe('13:15');
    expect(sunday.slots).toHaveLength(24);
    expect(sunday.slots.every((s: any) => s.capacity === 2 && s.remaining === 2)).toBe(true);
    expect(sunday.free).toBe(48);

    const twenty = await slots('new-application', '2026-11-29');
    expect(twenty.body.days[0].slots.map((s: any) => s.time).slice(0, 3)).toEqual(['07:30', '07:50', '08:10']);
    expect(twenty.body.days[0].slots.at(-1).time).toBe('13:10');
  });

  it('shows only future slots today, less the seats already booked, and closed days with the reason', async () => {
    const r = await slots('update-details', '2026-11-26', 4);
    expect(r.body.days.map((d: any) => [d.day, d.closed])).toEqual([
      ['2026-11-26', null],
      ['2026-11-27', 'no_schedule'],
      ['2026-11-28', 'no_schedule'],
      ['2026-11-29', null],
    ]);
    const today = r.body.days[0];
    expect(today.slots[0].time).toBe('09:15'); // 09:00 has started
    // The seed booked letter-follow-up 09:30–09:45 and new-application 09:10–09:30 (which overlaps 09:15).
    expect(slotOf(r, '2026-11-26', '09:15')).toMatchObject({ capacity: 2, booked: 1, remaining: 1 });
    expect(slotOf(r, '2026-11-26', '09:30')).toMatchObject({ booked: 1, remaining: 1 });
    const holiday = await slots('update-details', '2026-12-16');
    expect(holiday.body.days[0]).toMatchObject({ closed: 'holiday', closedName: { en: 'National Day' }, slots: [], free: 0 });
  });

  it('stops at the booking horizon and refuses unknown services and bad queries', async () => {
    const r = await slots('update-details', '2026-12-20', 30);
    expect(r.body.days.at(-1).day).toBe('2026-12-26');
    expect((await slots('no-such-service', '2026-11-29')).status).toBe(404);
    expect((await call(hub, 'GET', '/api/slots?serviceId=update-details&from=2026-02-30', { cookie: agent })).status).toBe(400);
    expect((await call(hub, 'GET', '/api/slots?serviceId=update-details&days=0', { cookie: agent })).status).toBe(400);
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'GET', '/api/slots?serviceId=update-details', { cookie: counter })).status).toBe(403);
  });
});

describe('capacity', () => {
  it('comes from the weekly schedule in force on the day: the rollout raises it from its date', async () => {
    // From Sunday 2026-12-06 all six counters are mixed: six take appointments.
    repo.setScheduleFrom(
      hub.db,
      '2026-12-06',
      [0, 1, 2, 3, 4].map((weekday) => ({ weekday, startTime: '07:30', endTime: '13:30', counters: 6 })),
    );
    const before = await slots('update-details', '2026-12-03');
    const after = await slots('update-details', '2026-12-06');
    expect(slotOf(before, '2026-12-03', '10:00').capacity).toBe(2);
    expect(slotOf(after, '2026-12-06', '10:00').capacity).toBe(6);

    await booked('2026-12-03', '10:00');
    await booked('2026-12-03', '10:00');
    await refused('2026-12-03', '10:00', 'SLOT_FULL');
    for (let i = 0; i < 6; i++) await booked('2026-12-06', '10:00');
    await refused('2026-12-06', '10:00', 'SLOT_FULL');
    expect(slotOf(await slots('update-details', '2026-12-06'), '2026-12-06', '10:00')).toMatchObject({ booked: 6, remaining: 0 });
  });

  it('is set by a supervisor from a date, with holidays and closures', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const periods = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, startTime: '07:30', endTime: '13:30', counters: 6 }));
    const put = await call(hub, 'PUT', '/api/appointment-schedule', { cookie: sup, body: { validFrom: '2026-12-06', periods } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.schedule.filter((r: any) => r.validFrom === '2026-12-06')).toHaveLength(5);
    expect(slotOf(await slots('update-details', '2026-12-06'), '2026-12-06', '10:00').capacity).toBe(6);
    expect(slotOf(await slots('update-details', '2026-12-03'), '2026-12-03', '10:00').capacity).toBe(2);
    const closure = await call(hub, 'PUT', '/api/holidays', { cookie: sup, body: { day: '2026-12-07', nameAr: 'إغلاق', nameEn: 'Closed', closure: true } });
    expect(closure.status).toBe(200);
    expect((await slots('update-details', '2026-12-07')).body.days[0].closed).toBe('closure');
    const bad = await call(hub, 'PUT', '/api/appointment-schedule', {
      cookie: sup,
      body: { validFrom: '2026-12-06', periods: [{ weekday: 0, startTime: '13:00', endTime: '08:00', counters: 2 }] },
    });
    expect(bad.status).toBe(400);
    expect((await call(hub, 'PUT', '/api/holidays', { cookie: agent, body: { day: '2026-12-08', nameAr: 'x', nameEn: 'x' } })).status).toBe(403);
    const got = await call(hub, 'GET', '/api/appointment-schedule', { cookie: sup });
    expect(got.body.holidays.map((h: any) => [h.day, h.closure])).toEqual([
      ['2026-12-07', true],
      ['2026-12-16', false],
      ['2026-12-17', false],
    ]);
  });

  it('counts bookings of other services that overlap in time against the same seats', async () => {
    await booked('2026-11-29', '10:10', { serviceId: 'new-application' }); // 10:10–10:30
    await booked('2026-11-29', '10:15'); // 10:15–10:30
    await booked('2026-11-29', '10:00'); // 10:00–10:15 overlaps only the first
    await refused('2026-11-29', '10:15', 'SLOT_FULL'); // two overlap 10:15–10:30
    await refused('2026-11-29', '10:10', 'SLOT_FULL', { serviceId: 'new-application' });
    await booked('2026-11-29', '10:30', { serviceId: 'new-application' }); // back to back is fine
    const r = await slots('update-details', '2026-11-29');
    expect(slotOf(r, '2026-11-29', '10:15')).toMatchObject({ booked: 2, remaining: 0 });
    expect(slotOf(r, '2026-11-29', '09:45')).toMatchObject({ booked: 0, remaining: 2 });
  });

  it('is zero on holidays, one-off closures and outside the schedule', async () => {
    await refused('2026-12-16', '10:00', 'SLOT_CLOSED');
    repo.upsertHoliday(hub.db, { day: '2026-12-01', nameAr: 'إغلاق للصيانة', nameEn: 'Closed for maintenance', closure: true });
    const r = await slots('update-details', '2026-12-01');
    expect(r.body.days[0]).toMatchObject({ closed: 'closure', closedName: { en: 'Closed for maintenance' }, slots: [] });
    await refused('2026-12-01', '10:00', 'SLOT_CLOSED');
    await refused('2026-11-27', '10:00', 'SLOT_CLOSED'); // Friday
    await refused('2026-11-29', '07:00', 'SLOT_CLOSED'); // before the appointment period
    await refused('2026-11-29', '13:30', 'SLOT_CLOSED'); // at its end
  });
});

describe('booking rules', () => {
  it('refuses the past, the horizon (configurable) and off-grid times, with clear codes', async () => {
    await refused('2026-11-26', '08:30', 'SLOT_IN_PAST');
    await refused('2026-11-26', '09:00', 'SLOT_IN_PAST');
    await refused('2026-11-25', '10:00', 'SLOT_IN_PAST');
    await booked('2026-12-24', '10:00');
    const far = await refused('2026-12-27', '10:00', 'BEYOND_HORIZON');
    expect(far.body.error.message).toContain('2026-12-26');
    const grid = await refused('2026-11-29', '10:05', 'NOT_ON_GRID');
    expect(grid.status).toBe(400);
    await refused('2026-11-29', '07:45', 'NOT_ON_GRID', { serviceId: 'new-application' });
    await booked('2026-11-29', '07:50', { serviceId: 'new-application' });

    const sup = await login(hub, ...DEMO.supervisor);
    const { settings } = (await call(hub, 'GET', '/api/settings', { cookie: sup })).body;
    expect(settings.bookingHorizonDays).toBe(30);
    const put = await call(hub, 'PUT', '/api/settings', { cookie: await login(hub, ...DEMO.admin), body: { ...settings, bookingHorizonDays: 60 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await booked('2026-12-27', '10:00');
    expect(repo.countOverlapping(hub.db, at('2026-12-27', '10:00'), at('2026-12-27', '10:15'))).toBe(1);
  });

  it('allows one active appointment per citizen and service', async () => {
    const first = await booked('2026-11-29', '10:00', { cpr: '555000111' });
    await refused('2026-11-30', '11:00', 'ALREADY_BOOKED', { cpr: '555000111' });
    await booked('2026-11-30', '11:10', { cpr: '555000111', serviceId: 'family-members' });
    expect((await call(hub, 'POST', `/api/appointments/${first.id}/cancel`, { cookie: agent })).status).toBe(200);
    await booked('2026-11-30', '11:15', { cpr: '555000111' });
  });

  it('rejects a malformed phone with a clear message', async () => {
    const r = await book('2026-11-29', '10:00', { phone: '12345' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('Bahraini mobile');
  });
});

describe('reschedule and cancel', () => {
  it('moves a booking keeping its reference, frees the old seat and records the move', async () => {
    const a = await booked('2026-11-29', '10:00', { cpr: '555000222' });
    const r = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '11:00' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.appointment).toMatchObject({
      id: a.id,
      reference: a.reference,
      day: '2026-11-30',
      slotStart: at('2026-11-30', '11:00'),
      status: 'booked',
      cpr: '555000222',
    });
    expect(slotOf(await slots('update-details', '2026-11-29'), '2026-11-29', '10:00').remaining).toBe(2);
    expect(slotOf(await slots('update-details', '2026-11-30'), '2026-11-30', '11:00').remaining).toBe(1);
    const moved = repo.appointmentEvents(hub.db, [a.id]).map((s) => s.event);
    expect(moved.map((e) => e.type)).toEqual(['appointment_booked', 'appointment_rescheduled']);
    expect(moved[1]).toMatchObject({ fromDay: '2026-11-29', fromSlotStart: at('2026-11-29', '10:00') });
    // Its own seat does not count against it: moving within a full slot's neighbourhood works.
    await booked('2026-11-30', '11:00');
    const same = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '11:00' } });
    expect(same.body.error.code).toBe('SAME_SLOT');
  });

  it('applies the booking rules to the new slot and changes nothing when refused', async () => {
    const a = await booked('2026-11-29', '10:00');
    await booked('2026-11-30', '11:00');
    await booked('2026-11-30', '11:00');
    const seq = hub.hub.lastSeq;
    for (const [body, code] of [
      [{ day: '2026-11-30', time: '11:00' }, 'SLOT_FULL'],
      [{ day: '2026-12-16', time: '10:00' }, 'SLOT_CLOSED'],
      [{ day: '2026-11-26', time: '08:00' }, 'SLOT_IN_PAST'],
      [{ day: '2027-01-10', time: '10:00' }, 'BEYOND_HORIZON'],
      [{ day: '2026-11-30', time: '11:05' }, 'NOT_ON_GRID'],
    ] as const) {
      const r = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body });
      expect(r.body.error?.code, JSON.stringify(body)).toBe(code);
    }
    expect(hub.hub.lastSeq).toBe(seq);
    expect(repo.getAppointment(hub.db, a.id)).toMatchObject({ day: '2026-11-29', slotStart: at('2026-11-29', '10:00') });
    expect(repo.listMessages(hub.db, { appointmentId: a.id })).toHaveLength(1);
  });

  it('moves an appointment onto today (the engine and the kiosk know it) and away again', async () => {
    const a = await booked('2026-11-29', '10:00', { cpr: '555000333' });
    await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-26', time: '09:45' } });
    expect(hub.hub.current.appointments[a.id]).toMatchObject({ slotStart: at('2026-11-26', '09:45'), status: 'booked' });
    const away = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '10:00' } });
    expect(away.status).toBe(200);
    expect(hub.hub.current.appointments[a.id]).toBeUndefined();
    const kiosk = deviceToken(hub, 'kiosk');
    const ci = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '555000333' } });
    expect(ci.body.error.code).toBe('NO_APPOINTMENT_TODAY');
  });

  it('cancels once; a cancelled appointment can be neither cancelled nor moved', async () => {
    const a = await booked('2026-11-29', '10:00');
    const c = await call(hub, 'POST', `/api/appointments/${a.id}/cancel`, { cookie: agent });
    expect(c.body.appointment.status).toBe('cancelled');
    expect((await call(hub, 'POST', `/api/appointments/${a.id}/cancel`, { cookie: agent })).body.error.code).toBe('APPOINTMENT_NOT_ACTIVE');
    const r = await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '10:00' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('APPOINTMENT_NOT_ACTIVE');
    expect((await call(hub, 'POST', '/api/appointments/nope/reschedule', { cookie: agent, body: { day: '2026-11-30', time: '10:00' } })).status).toBe(404);
    expect(slotOf(await slots('update-details', '2026-11-29'), '2026-11-29', '10:00').remaining).toBe(2);
  });
});

describe('finding a booking by its reference', () => {
  it('reads it as a caller says it, refuses a mistyped one before looking, and only for agents', async () => {
    const a = await booked('2026-11-29', '10:00', { cpr: '555000333' });
    const spoken = `${a.reference.slice(0, 3)} ${a.reference.slice(3)}`.toLowerCase();
    const r = await call(hub, 'GET', `/api/appointments/by-reference/${encodeURIComponent(spoken)}`, { cookie: agent });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.appointment).toMatchObject({ id: a.id, cpr: '555000333', reference: a.reference });

    // One wrong character: the check character catches it (a wrong last character too).
    for (const i of [0, 6]) {
      const next = REFERENCE_ALPHABET[(REFERENCE_ALPHABET.indexOf(a.reference[i]!) + 1) % REFERENCE_ALPHABET.length];
      const wrong = a.reference.slice(0, i) + next + a.reference.slice(i + 1);
      const m = await call(hub, 'GET', `/api/appointments/by-reference/${wrong}`, { cookie: agent });
      expect(m.status).toBe(400);
      expect(m.body.error.code).toBe('REFERENCE_MISTYPED');
    }
    const unknown = await call(hub, 'GET', `/api/appointments/by-reference/${referenceFromBody('222222')}`, { cookie: agent });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'GET', `/api/appointments/by-reference/${a.reference}`, { cookie: counter })).status).toBe(403);
  });
});

describe("a citizen's history", () => {
  it('lists kept, no-show, cancelled and booked appointments with their events', async () => {
    const cpr = '555000444';
    const kept = await booked('2026-11-26', '09:15', { cpr });
    const missed = await booked('2026-11-26', '09:30', { cpr, serviceId: 'letter-follow-up' });
    const cancelled = await booked('2026-11-29', '10:10', { cpr, serviceId: 'family-members' });
    const open = await booked('2026-11-30', '10:10', { cpr, serviceId: 'new-application' });
    await call(hub, 'POST', `/api/appointments/${cancelled.id}/cancel`, { cookie: agent });
    await call(hub, 'POST', `/api/appointments/${open.id}/reschedule`, { cookie: agent, body: { day: '2026-12-01', time: '10:10' } });
    const kiosk = deviceToken(hub, 'kiosk');
    expect((await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { reference: kept.reference } })).body.outcome).toBe('checked_in');
    hub.clock.set(at('2026-11-26', '09:46'));
    hub.hub.tick(); // the no-show sweep

    const r = await call(hub, 'GET', `/api/citizens/${cpr}/appointments`, { cookie: agent });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.summary).toEqual({ kept: 1, no_show: 1, cancelled: 1, booked: 1 });
    const byId = Object.fromEntries(r.body.appointments.map((a: any) => [a.id, a]));
    expect(byId[kept.id].outcome).toBe('kept');
    expect(byId[missed.id].outcome).toBe('no_show');
    expect(byId[cancelled.id].history.map((h: any) => h.type)).toEqual(['appointment_booked', 'appointment_cancelled']);
    expect(byId[open.id].history[1]).toMatchObject({ type: 'appointment_rescheduled', fromDay: '2026-11-30', toDay: '2026-12-01' });
    expect(byId[open.id].history[0].actor).toMatch(/^user:\d+:agent$/);
    expect(byId[open.id].history[0].by).toBe('نورة الدوسري / Noora Al-Dosari'); // the name people read
    expect(byId[missed.id].history.at(-1)).toMatchObject({ type: 'appointment_no_show', actor: 'system', by: null });
    expect(byId[open.id].messages[0]).toMatchObject({ kind: 'rescheduled', status: 'queued', attempts: 0 }); // the reschedule confirmation, newest first
    await hub.outbox.deliverDue();
    const after = await call(hub, 'GET', `/api/citizens/${cpr}/appointments`, { cookie: agent });
    expect(after.body.appointments.find((a: any) => a.id === open.id).messages.map((m: any) => m.status)).toEqual(['sent', 'sent']);
    expect(r.body.appointments[0].id).toBe(open.id); // latest first
    expect((await call(hub, 'GET', '/api/citizens/12345/appointments', { cookie: agent })).status).toBe(400);
    expect((await call(hub, 'GET', '/api/citizens/999999999/appointments', { cookie: agent })).body.appointments).toEqual([]);
  });
});

describe('concurrency', () => {
  it('50 agents booking the last 2 seats at once: exactly 2 succeed, 48 get SLOT_FULL, nothing half-written', async () => {
    const day = '2026-11-29';
    const start = at(day, '10:00');
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => book(day, '10:00', { cpr: String(700000100 + i) })));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    const full = replies.filter((r) => r.status !== 201);
    expect(full).toHaveLength(48);
    for (const r of full) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('SLOT_FULL');
      expect(r.body.error.message).toMatch(/fully booked/);
    }
    expect(count('select count(*) as n from appointments where slot_start = ?', start)).toBe(2);
    expect(count("select count(*) as n from events where type = 'appointment_booked' and json_extract(payload, '$.appointment.slotStart') = ?", start)).toBe(2);
    const ids = replies.filter((r) => r.status === 201).map((r) => r.body.appointment.id);
    expect(count(`select count(*) as n from outbox where appointment_id in (?, ?)`, ...ids)).toBe(2);
    expect(count('select count(*) as n from outbox')).toBe(2);
    expect(slotOf(await slots('update-details', day), day, '10:00')).toMatchObject({ booked: 2, remaining: 0 });
  });
});

describe('outbox', () => {
  it('queues a bilingual confirmation in the booking’s transaction; the log sender marks it sent', async () => {
    const a = await booked('2026-11-29', '10:00', { phone: '+97336005555' });
    await call(hub, 'POST', `/api/appointments/${a.id}/reschedule`, { cookie: agent, body: { day: '2026-11-30', time: '10:15' } });
    await call(hub, 'POST', `/api/appointments/${a.id}/cancel`, { cookie: agent });
    const queued = repo.listMessages(hub.db, { appointmentId: a.id }).reverse();
    expect(queued.map((m) => m.status)).toEqual(['queued', 'queued', 'queued']);
    expect(queued[0]).toMatchObject({ channel: 'sms', to: '+97336005555', attempts: 0 });
    expect(queued[0]!.body).toContain(a.reference);
    expect(queued[0]!.body).toContain('تم حجز موعدك');
    // Days as a person reads them, with the weekday, in each language (not ISO dates).
    expect(queued[0]!.body).toContain('Update contact, address and bank details, Sun 29 Nov at 10:00');
    expect(queued[0]!.body).toContain('يوم الأحد، 29 نوفمبر الساعة 10:00');
    expect(queued[0]!.body).not.toContain('2026-11-29');
    expect(queued[1]!.body).toContain('Mon 30 Nov at 10:15');
    expect(queued[2]!.body).toContain('cancelled');

    expect(await hub.outbox.deliverDue()).toBe(3);
    const sent = repo.listMessages(hub.db, { appointmentId: a.id });
    expect(sent.every((m) => m.status === 'sent' && m.attempts === 1 && m.sentAt === hub.clock.now())).toBe(true);
    expect(await hub.outbox.deliverDue()).toBe(0);

    const sup = await login(hub, ...DEMO.supervisor);
    const list = await call(hub, 'GET', '/api/outbox?status=sent', { cookie: sup });
    expect(list.status).toBe(200);
    expect(list.body.messages).toHaveLength(3);
    expect((await call(hub, 'GET', '/api/outbox?status=queued', { cookie: sup })).body.messages).toEqual([]);
    expect((await call(hub, 'GET', '/api/outbox', { cookie: agent })).status).toBe(403);
    expect((await call(hub, 'GET', '/api/outbox?status=lost', { cookie: sup })).status).toBe(400);
  });

  it('retries a failing webhook with growing backoff until it is sent', async () => {
    const received: { to: string; text: string }[] = [];
    const gateway: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.statusCode = received.length <= 2 ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    await hub.stop();
    hub = await startTestHub({ smsSender: webhookSender(url, 2000) });
    agent = await login(hub, ...DEMO.agent);
    try {
      const a = await booked('2026-11-29', '10:00');
      const [m] = repo.listMessages(hub.db, { appointmentId: a.id });
      const t0 = hub.clock.now();

      await hub.outbox.deliverDue();
      const first = repo.getMessage(hub.db, m!.id)!;
      expect(first).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: t0 + RETRY_BASE_MS });
      expect(first.lastError).toContain('503');
      expect(await hub.outbox.deliverDue()).toBe(0); // not due yet

      hub.clock.advance(RETRY_BASE_MS);
      await hub.outbox.deliverDue();
      const second = repo.getMessage(hub.db, m!.id)!;
      expect(second).toMatchObject({ status: 'queued', attempts: 2 });
      expect(second.nextAttemptAt - hub.clock.now()).toBe(2 * RETRY_BASE_MS);
      expect(second.nextAttemptAt).toBeGreaterThan(first.nextAttemptAt);

      hub.clock.advance(2 * RETRY_BASE_MS);
      await hub.outbox.deliverDue();
      expect(repo.getMessage(hub.db, m!.id)).toMatchObject({ status: 'sent', attempts: 3, sentAt: hub.clock.now(), lastError: null });
      expect(received).toHaveLength(3);
      expect(received[2]).toEqual({ to: '+97336001234', text: m!.body });
    } finally {
      await new Promise<void>((r) => gateway.close(() => r()));
    }
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts (capped backoff) and times out a silent gateway`, async () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(20)).toBe(3_600_000);
    const silent: Server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    await hub.stop();
    hub = await startTestHub({ smsSender: webhookSender(url, 100) });
    agent = await login(hub, ...DEMO.agent);
    try {
      const a = await booked('2026-11-29', '10:00');
      const [m] = repo.listMessages(hub.db, { appointmentId: a.id });
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await hub.outbox.deliverDue();
        hub.clock.advance(retryDelay(i + 1));
      }
      const gaveUp = repo.getMessage(hub.db, m!.id)!;
      expect(gaveUp).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, sentAt: null });
      expect(gaveUp.lastError).toMatch(/timeout|abort/i);
      expect(await hub.outbox.deliverDue()).toBe(0);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
