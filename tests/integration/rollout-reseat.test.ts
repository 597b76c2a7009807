// A rollout plan that takes seats leaves bookings without one; the supervisor has the hub move each to
// the nearest free time, or cancel it when none is free within the horizon, each citizen told by one SMS
// with the appointment page link. A real hub on its manual clock (Thursday 2026-11-26 09:00 Bahrain);
// the schedule from today is Sun–Thu 08:00–10:00 with 2 appointment counters, and the plan drops
// Sundays to one counter 08:00–09:00.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { call, DEMO, login, smsRecorder, startTestHub, type TestHub } from '../helpers/hub.ts';

const at = (day: string, time: string) => localInstant(day, time, 'Asia/Bahrain');
const SUNDAY = '2026-11-29';
const MONDAY = '2026-11-30';
const SERVICE = 'application-inquiry'; // 15-minute slots
const DOWN_TO_ONE = { fromDay: SUNDAY, counters: [{ counter: 1, mode: 'appointment' }], weekdays: [0], startTime: '08:00', endTime: '09:00' };

let hub: TestHub;
let sup: string;
let agent: string;
const sms = smsRecorder();
let cprSeq = 710000000;

beforeEach(async () => {
  sms.sent.length = 0;
  hub = await startTestHub({ smsSender: sms.sender });
  sup = await login(hub, ...DEMO.supervisor);
  agent = await login(hub, ...DEMO.agent);
  const periods = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, startTime: '08:00', endTime: '10:00', counters: 2 }));
  expect((await call(hub, 'PUT', '/api/appointment-schedule', { cookie: sup, body: { validFrom: '2026-11-26', periods } })).status).toBe(200);
});
afterEach(async () => {
  await hub.stop();
});

type Booked = { id: string; reference: string; pageToken: string };

/** Books a slot (the clock moves a second first, so bookings have a clear order: the last booked loses the seat). */
async function book(day: string, time: string): Promise<Booked> {
  hub.clock.advance(1000);
  const r = await call(hub, 'POST', '/api/appointments', {
    cookie: agent,
    body: { serviceId: SERVICE, day, time, cpr: String(++cprSeq), phone: '36001234', nameAr: 'سارة أحمد', nameEn: 'Sara Ahmed' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment;
}

async function settings(change: Record<string, unknown>) {
  const admin = await login(hub, ...DEMO.admin);
  const { settings: now } = (await call(hub, 'GET', '/api/settings', { cookie: admin })).body;
  expect((await call(hub, 'PUT', '/api/settings', { cookie: admin, body: { ...now, ...change } })).status).toBe(200);
}

/** Sunday: A and C keep their seats at 08:00 and 08:15; B (08:00, booked after A), D (09:30) and E (09:45) lose theirs. */
async function sundayWithPlan() {
  const a = await book(SUNDAY, '08:00');
  const b = await book(SUNDAY, '08:00');
  const c = await book(SUNDAY, '08:15');
  const d = await book(SUNDAY, '09:30');
  const e = await book(SUNDAY, '09:45');
  const r = await call(hub, 'POST', '/api/rollout', { cookie: sup, body: DOWN_TO_ONE });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { plan: r.body.plan as { id: number }, a, b, c, d, e };
}

const reseat = (id: number, body: object = {}, cookie = sup) => call(hub, 'POST', `/api/rollout/${id}/reseat`, { cookie, body });
const unfitOf = (id: number, cookie = sup) => call(hub, 'GET', `/api/rollout/${id}/unfit`, { cookie });
const slotOf = (a: Booked) => {
  const row = repo.getAppointment(hub.db, a.id)!;
  return { status: row.status, day: row.day, slotStart: row.slotStart };
};
const hallMessages = () =>
  repo
    .listMessages(hub.db)
    .filter((m) => m.kind === 'moved_by_hall' || m.kind === 'cancelled_by_hall')
    .reverse();
const eventCount = () => (hub.db.sqlite.prepare('select count(*) as n from events').get() as { n: number }).n;

describe('moving the bookings a plan left without a seat', () => {
  it('moves each to the nearest free slot (later the same day, then earlier, then the next open day), one SMS each; a repeat does nothing', async () => {
    const { plan, a, b, c, d, e } = await sundayWithPlan();
    const listed = await unfitOf(plan.id);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.unfit.map((u: any) => [u.reference, u.time])).toEqual([
      [b.reference, '08:00'],
      [d.reference, '09:30'],
      [e.reference, '09:45'],
    ]);

    // One by one: B alone, to 08:30 (08:15 is C's, the only seat).
    const one = await reseat(plan.id, { references: [b.reference] });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(one.body.moved).toEqual([{ reference: b.reference, serviceId: SERVICE, from: { day: SUNDAY, time: '08:00' }, to: { day: SUNDAY, time: '08:30' } }]);
    expect(one.body.cancelled).toEqual([]);
    expect(one.body.unfit.map((u: any) => u.reference)).toEqual([d.reference, e.reference]);

    // All the rest: D has nothing later that day (the period ends at 09:00), so the nearest earlier, 08:45; E then nothing on Sunday: Monday 08:00.
    const rest = await reseat(plan.id);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body.moved.map((m: any) => [m.reference, m.to])).toEqual([
      [d.reference, { day: SUNDAY, time: '08:45' }],
      [e.reference, { day: MONDAY, time: '08:00' }],
    ]);
    expect(rest.body).toMatchObject({ cancelled: [], unfit: [] });
    expect(slotOf(a)).toEqual({ status: 'booked', day: SUNDAY, slotStart: at(SUNDAY, '08:00') });
    expect(slotOf(c)).toEqual({ status: 'booked', day: SUNDAY, slotStart: at(SUNDAY, '08:15') });
    expect(slotOf(e)).toEqual({ status: 'booked', day: MONDAY, slotStart: at(MONDAY, '08:00') });

    // Capacity respected: Sunday's one seat taken in each slot, none over.
    const picker = await call(hub, 'GET', `/api/slots?serviceId=${SERVICE}&from=${SUNDAY}&days=1`, { cookie: agent });
    expect(picker.body.days[0].slots.map((s: any) => [s.time, s.booked, s.capacity])).toEqual([
      ['08:00', 1, 1],
      ['08:15', 1, 1],
      ['08:30', 1, 1],
      ['08:45', 1, 1],
    ]);

    // One SMS each, the hall's own words with the new time and the appointment page link.
    const messages = hallMessages();
    expect(messages.map((m) => [m.kind, m.appointmentId])).toEqual([
      ['moved_by_hall', b.id],
      ['moved_by_hall', d.id],
      ['moved_by_hall', e.id],
    ]);
    const [toB] = messages;
    expect(toB!.body).toContain('The hall moved your appointment');
    expect(toB!.body).toContain('at 08:30, because of a change of counters');
    expect(toB!.body).toContain('نقلت القاعة موعدك');
    expect(toB!.body).toContain(`/a/${b.pageToken}`);
    expect(toB!.body).toContain(b.reference);
    expect(repo.listMessages(hub.db).filter((m) => m.kind === 'rescheduled')).toEqual([]);

    // Audited as the supervisor's, reason rollout.
    const audits = repo.listAudit(hub.db, { kind: 'appointment.move', limit: 100 });
    expect(audits.map((x) => [x.actor, x.target, x.after])).toEqual(
      expect.arrayContaining([
        ['user:2:supervisor', `appointment:${b.id}`, { day: SUNDAY, time: '08:30', reason: 'rollout', rollout: plan.id }],
        ['user:2:supervisor', `appointment:${e.id}`, { day: MONDAY, time: '08:00', reason: 'rollout', rollout: plan.id }],
      ]),
    );
    expect(audits).toHaveLength(3);

    // A retried action (all, or one already moved): nothing moves twice, no second SMS, no event.
    const events = eventCount();
    for (const body of [{}, { references: [b.reference] }]) {
      const again = await reseat(plan.id, body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ moved: [], cancelled: [], unfit: [] });
    }
    expect(hallMessages()).toHaveLength(3);
    expect(eventCount()).toBe(events);
  });

  it('cancels as the hall when no seat is free within the horizon; quiet hours hold the SMS until they end', async () => {
    const { plan, e } = await sundayWithPlan();
    await settings({ bookingHorizonDays: 3, quietHours: { from: '08:00', to: '12:00' } }); // the last bookable day is Sunday
    sms.sent.length = 0;
    const r = await reseat(plan.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.moved.map((m: any) => m.to)).toEqual([
      { day: SUNDAY, time: '08:30' },
      { day: SUNDAY, time: '08:45' },
    ]);
    expect(r.body.cancelled).toEqual([expect.objectContaining({ reference: e.reference, day: SUNDAY, time: '09:45' })]);
    expect(slotOf(e).status).toBe('cancelled');

    const [toE] = hallMessages().filter((m) => m.appointmentId === e.id);
    expect(toE).toMatchObject({ kind: 'cancelled_by_hall' });
    expect(toE!.body).toContain('Sorry, your appointment was cancelled');
    expect(toE!.body).toContain('because of a change of counters');
    expect(toE!.body).toContain('بسبب تغيير في الشبابيك');
    expect(toE!.body).toContain(`/a/${e.pageToken}`);
    expect(repo.listAudit(hub.db, { kind: 'appointment.cancel', limit: 10 }).map((x) => [x.actor, x.after])).toEqual([
      ['user:2:supervisor', { status: 'cancelled', reason: 'rollout', rollout: plan.id }],
    ]);

    // 09:00 is in the quiet hours: each waits until 12:00, then goes once.
    await hub.outbox.deliverDue();
    expect(sms.sent).toEqual([]);
    for (const m of hallMessages()) expect(m).toMatchObject({ status: 'queued', nextAttemptAt: at('2026-11-26', '12:00') });
    hub.clock.set(at('2026-11-26', '12:00'));
    await hub.outbox.deliverDue();
    expect(sms.sent.filter((s) => /The hall moved|Sorry, your appointment was cancelled/.test(s.text))).toHaveLength(3);
    expect(hallMessages().map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('is for supervisors and admins only, and only for a plan that was confirmed', async () => {
    const { plan, b } = await sundayWithPlan();
    for (const cookie of [agent, await login(hub, ...DEMO.counter1)]) {
      expect((await reseat(plan.id, {}, cookie)).status).toBe(403);
      expect((await unfitOf(plan.id, cookie)).status).toBe(403);
    }
    expect(slotOf(b).slotStart).toBe(at(SUNDAY, '08:00'));
    expect(hallMessages()).toEqual([]);

    const admin = await login(hub, ...DEMO.admin);
    expect((await unfitOf(plan.id, admin)).body.unfit).toHaveLength(3);

    const draft = await call(hub, 'POST', '/api/rollout', { cookie: sup, body: { ...DOWN_TO_ONE, fromDay: '2026-12-06', draft: true } });
    expect(draft.status).toBe(201);
    const refused = await reseat(draft.body.plan.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ROLLOUT_NOT_CONFIRMED');
    expect((await reseat(999)).status).toBe(404);
  });
});
