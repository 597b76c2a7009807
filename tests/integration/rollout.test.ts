// The rollout switch end to end on a real hub (temp SQLite file, manual clock at Thursday
// 2026-11-26 09:00 Bahrain). A small hall first: the schedule from today is Sun–Thu 08:00–10:00
// with 2 appointment counters (the demo's 1 and 2; 3–6 are general), the hall opens Sun–Thu
// 07:00–14:00. The plans switch it to 4 counters from Sunday 2026-11-29, or drop seats.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { applyRollout } from '../../server/rollout.ts';
import { call, DEMO, login, startTestHub, THURSDAY_0900, type TestHub } from '../helpers/hub.ts';

const TZ = 'Asia/Bahrain';
const at = (day: string, time: string) => localInstant(day, time, TZ);
const SUNDAY = '2026-11-29';
const MONDAY = '2026-11-30';

let hub: TestHub;
let sup: string;
let agent: string;
/** Temp folders of hubs restarted on the same file (their own stop() would delete the file). */
const leftovers: string[] = [];
let cprSeq = 700000000;

beforeEach(async () => {
  hub = await startTestHub();
  sup = await login(hub, ...DEMO.supervisor);
  agent = await login(hub, ...DEMO.agent);
  const periods = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, startTime: '08:00', endTime: '10:00', counters: 2 }));
  const put = await call(hub, 'PUT', '/api/appointment-schedule', { cookie: sup, body: { validFrom: '2026-11-26', periods } });
  expect(put.status).toBe(200);
});
afterEach(async () => {
  await hub.stop();
  for (const dir of leftovers.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two counters → four: 1 and 2 stay appointment counters, 3 and 4 become mixed; Sundays 08:00–10:00. */
const TWO_TO_FOUR = {
  fromDay: SUNDAY,
  counters: [
    { counter: 1, mode: 'appointment' },
    { counter: 2, mode: 'appointment' },
    { counter: 3, mode: 'mixed' },
    { counter: 4, mode: 'mixed' },
  ],
  weekdays: [0],
  startTime: '08:00',
  endTime: '10:00',
};
/** Fewer seats: one counter, Sundays 08:00–09:00 only. */
const DOWN_TO_ONE = { ...TWO_TO_FOUR, counters: [{ counter: 1, mode: 'appointment' }], startTime: '08:00', endTime: '09:00' };

const preview = (body: unknown, cookie = sup) => call(hub, 'POST', '/api/rollout/preview', { cookie, body });
const create = (body: unknown, cookie = sup) => call(hub, 'POST', '/api/rollout', { cookie, body });
const cancel = (id: number | string, cookie = sup) => call(hub, 'POST', `/api/rollout/${id}/cancel`, { cookie, body: {} });
const confirmDraft = (id: number | string, cookie = sup) => call(hub, 'POST', `/api/rollout/${id}/confirm`, { cookie, body: {} });
const plans = (cookie = sup) => call(hub, 'GET', '/api/rollout', { cookie });

async function confirmed(body: unknown) {
  const r = await create(body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.plan;
}

/** Books a slot (the clock moves a second first, so bookings have a clear order). */
async function book(day: string, time: string, serviceId: string) {
  hub.clock.advance(1000);
  const r = await call(hub, 'POST', '/api/appointments', {
    cookie: agent,
    body: { serviceId, day, time, cpr: String(++cprSeq), phone: '36001234', nameAr: 'سارة أحمد', nameEn: 'Sara Ahmed' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment;
}

async function slot(serviceId: string, day: string, time: string) {
  const r = await call(hub, 'GET', `/api/slots?serviceId=${serviceId}&from=${day}&days=1`, { cookie: agent });
  expect(r.status).toBe(200);
  return r.body.days[0].slots.find((s: any) => s.time === time);
}

const modes = () => Object.fromEntries(Object.values(hub.hub.current.counters).map((c) => [c.number, c.mode]));
const audits = (kind: string) => repo.listAudit(hub.db, { kind, limit: 1000 });

describe('POST /api/rollout/preview', () => {
  it('gives per day the seats before and after per service, the bookings, and nothing that no longer fits when seats grow', async () => {
    const inquiry = await book(SUNDAY, '08:00', 'application-inquiry'); // 08:00–08:15
    await book(SUNDAY, '08:00', 'new-application'); // 08:00–08:20
    await book(SUNDAY, '09:30', 'application-inquiry');
    const rowsBefore = repo.listAppointmentSchedule(hub.db);

    const r = await preview({ ...TWO_TO_FOUR, days: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(repo.listAppointmentSchedule(hub.db)).toEqual(rowsBefore); // a preview stores nothing
    expect(r.body.fromDay).toBe(SUNDAY);
    const [sunday, monday] = r.body.days;
    expect(r.body.days).toHaveLength(2);

    expect(sunday).toMatchObject({ day: SUNDAY, weekday: 0, closed: null, bookings: 3, unfit: [] });
    expect(sunday.periods).toEqual({
      before: [{ startTime: '08:00', endTime: '10:00', counters: 2 }],
      after: [{ startTime: '08:00', endTime: '10:00', counters: 4 }],
    });
    // 2 hours: 8 slots of 15 minutes or 6 of 20, each with 2 seats before and 4 after.
    expect(sunday.services.map((s: any) => [s.serviceId, s.slotMinutes, s.seats.before, s.seats.after, s.bookings])).toEqual([
      ['new-application', 20, 12, 24, 1],
      ['application-inquiry', 15, 16, 32, 2],
      ['update-details', 15, 16, 32, 0],
      ['family-members', 20, 12, 24, 0],
      ['letter-follow-up', 15, 16, 32, 0],
    ]);
    const inquirySlots = sunday.services.find((s: any) => s.serviceId === inquiry.serviceId).slots;
    expect(inquirySlots.map((s: any) => s.time)).toEqual(['08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45']);
    // Seats are shared across services: 08:15 still overlaps the 20-minute booking from 08:00.
    expect(inquirySlots.slice(0, 2)).toEqual([
      { time: '08:00', before: 2, after: 4, booked: 2 },
      { time: '08:15', before: 2, after: 4, booked: 1 },
    ]);
    expect(inquirySlots[6]).toEqual({ time: '09:30', before: 2, after: 4, booked: 1 });

    // Monday is not a plan weekday: the same as before.
    expect(monday.periods).toEqual({
      before: [{ startTime: '08:00', endTime: '10:00', counters: 2 }],
      after: [{ startTime: '08:00', endTime: '10:00', counters: 2 }],
    });
    expect(monday.services.map((s: any) => [s.seats.before, s.seats.after])).toEqual([
      [12, 12],
      [16, 16],
      [16, 16],
      [12, 12],
      [16, 16],
    ]);
    expect(monday).toMatchObject({ day: MONDAY, weekday: 1, bookings: 0, unfit: [] });
  });

  it('lists the bookings that no longer fit when seats drop: the last booked of a full slot, and those outside the new hours', async () => {
    const first = await book(SUNDAY, '08:00', 'application-inquiry');
    const second = await book(SUNDAY, '08:00', 'new-application');
    const late = await book(SUNDAY, '09:30', 'application-inquiry');
    await book(MONDAY, '09:30', 'application-inquiry'); // Mondays keep their seats

    const r = await preview({ ...DOWN_TO_ONE, days: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [sunday, monday] = r.body.days;
    expect(sunday.periods.after).toEqual([{ startTime: '08:00', endTime: '09:00', counters: 1 }]);
    expect(sunday.services.map((s: any) => [s.serviceId, s.seats.before, s.seats.after])).toEqual([
      ['new-application', 12, 3],
      ['application-inquiry', 16, 4],
      ['update-details', 16, 4],
      ['family-members', 12, 3],
      ['letter-follow-up', 16, 4],
    ]);
    expect(sunday.services[1].slots[6]).toEqual({ time: '09:30', before: 2, after: 0, booked: 1 });
    expect(sunday.unfit).toEqual([
      { reference: second.reference, serviceId: 'new-application', day: SUNDAY, time: '08:00', slotStart: at(SUNDAY, '08:00'), slotEnd: at(SUNDAY, '08:20') },
      { reference: late.reference, serviceId: 'application-inquiry', day: SUNDAY, time: '09:30', slotStart: at(SUNDAY, '09:30'), slotEnd: at(SUNDAY, '09:45') },
    ]);
    expect(JSON.stringify(sunday.unfit)).not.toContain(first.reference);
    expect(JSON.stringify(r.body)).not.toContain('Sara'); // no names
    expect(monday.unfit).toEqual([]);
  });

  it('shows a holiday as closed, without seats before or after', async () => {
    const r = await preview({ ...TWO_TO_FOUR, fromDay: '2026-12-13', weekdays: [0, 1, 2, 3, 4], days: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const national = r.body.days.find((d: any) => d.day === '2026-12-16');
    expect(national.closed).toEqual({ kind: 'holiday', nameAr: 'العيد الوطني', nameEn: 'National Day' });
    expect(national.periods).toEqual({ before: [], after: [] });
    expect(national.services.every((s: any) => s.seats.before === 0 && s.seats.after === 0 && s.slots.length === 0)).toBe(true);
    expect(r.body.days.find((d: any) => d.day === '2026-12-15').services[0].seats).toEqual({ before: 12, after: 24 });
  });

  it('gives 14 days by default and at most 60', async () => {
    expect((await preview(TWO_TO_FOUR)).body.days).toHaveLength(14);
    expect((await preview({ ...TWO_TO_FOUR, days: 60 })).body.days.at(-1).day).toBe('2027-01-27');
  });
});

describe('refusals', () => {
  const malformed: [string, unknown][] = [
    ['no counters', { ...TWO_TO_FOUR, counters: [] }],
    ['a counter twice', { ...TWO_TO_FOUR, counters: [TWO_TO_FOUR.counters[0], TWO_TO_FOUR.counters[0]] }],
    ['a general counter', { ...TWO_TO_FOUR, counters: [{ counter: 3, mode: 'general' }] }],
    ['a counter without its mode', { ...TWO_TO_FOUR, counters: [{ counter: 3 }] }],
    ['counter 0', { ...TWO_TO_FOUR, counters: [{ counter: 0, mode: 'mixed' }] }],
    ['no weekdays', { ...TWO_TO_FOUR, weekdays: [] }],
    ['weekday 7', { ...TWO_TO_FOUR, weekdays: [7] }],
    ['a weekday twice', { ...TWO_TO_FOUR, weekdays: [0, 0] }],
    ['hours ending before they start', { ...TWO_TO_FOUR, startTime: '10:00', endTime: '08:00' }],
    ['a time not HH:MM', { ...TWO_TO_FOUR, startTime: '8:00' }],
    ['no such date', { ...TWO_TO_FOUR, fromDay: '2026-02-30' }],
    ['no day', { ...TWO_TO_FOUR, fromDay: undefined }],
    ['an unknown field', { ...TWO_TO_FOUR, note: 'x' }],
    ['not an object', [TWO_TO_FOUR]],
  ];

  it('answers malformed plans 400 on preview and create, storing nothing', async () => {
    const before = JSON.stringify([repo.listRolloutPlans(hub.db), repo.listAppointmentSchedule(hub.db), repo.listAudit(hub.db), hub.hub.lastSeq]);
    for (const [what, body] of [...malformed, ['61 days', { ...TWO_TO_FOUR, days: 61 }], ['0 days', { ...TWO_TO_FOUR, days: 0 }]] as const) {
      const r = await preview(body);
      expect([r.status, r.body.error?.code], `preview: ${what}`).toEqual([400, 'VALIDATION_FAILED']);
    }
    for (const [what, body] of [...malformed, ['draft not a boolean', { ...TWO_TO_FOUR, draft: 'yes' }], ['days', { ...TWO_TO_FOUR, days: 3 }]] as const) {
      const r = await create(body);
      expect([r.status, r.body.error?.code], `create: ${what}`).toEqual([400, 'VALIDATION_FAILED']);
    }
    for (const id of ['abc', '0', '-1', '1.5']) {
      expect((await cancel(id)).status, `cancel ${id}`).toBe(400);
      expect((await confirmDraft(id)).status, `confirm ${id}`).toBe(400);
    }
    expect((await call(hub, 'POST', '/api/rollout/1/cancel', { cookie: sup, body: { reason: 'x' } })).status).toBe(400);
    expect((await call(hub, 'GET', '/api/rollout?status=draft', { cookie: sup })).status).toBe(400);
    expect(JSON.stringify([repo.listRolloutPlans(hub.db), repo.listAppointmentSchedule(hub.db), repo.listAudit(hub.db), hub.hub.lastSeq])).toBe(before);
  });

  it('refuses a past day, unknown or inactive counters and hours outside opening hours, on preview and create', async () => {
    const admin = await login(hub, ...DEMO.admin);
    expect((await call(hub, 'PUT', '/api/counters/6', { cookie: admin, body: { active: false } })).status).toBe(200);
    const cases: [unknown, number, string][] = [
      [{ ...TWO_TO_FOUR, fromDay: '2026-11-25' }, 409, 'ROLLOUT_DAY_PAST'],
      [{ ...TWO_TO_FOUR, counters: [{ counter: 42, mode: 'mixed' }] }, 404, 'UNKNOWN_COUNTER'],
      [{ ...TWO_TO_FOUR, counters: [{ counter: 6, mode: 'mixed' }] }, 409, 'COUNTER_INACTIVE'],
      [{ ...TWO_TO_FOUR, startTime: '06:30' }, 409, 'ROLLOUT_OUTSIDE_HOURS'],
      [{ ...TWO_TO_FOUR, endTime: '14:30' }, 409, 'ROLLOUT_OUTSIDE_HOURS'],
      [{ ...TWO_TO_FOUR, weekdays: [0, 5] }, 409, 'ROLLOUT_OUTSIDE_HOURS'], // closed on Fridays
    ];
    const before = JSON.stringify([repo.listRolloutPlans(hub.db), repo.listAppointmentSchedule(hub.db)]);
    for (const [body, status, code] of cases) {
      for (const r of [await preview(body), await create(body), await create({ ...(body as object), draft: true })]) {
        expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
      }
    }
    expect(JSON.stringify([repo.listRolloutPlans(hub.db), repo.listAppointmentSchedule(hub.db)])).toBe(before);
    // Today is not in the past; the whole opening hours are fine.
    expect((await preview({ ...TWO_TO_FOUR, fromDay: '2026-11-26', weekdays: [4], startTime: '07:00', endTime: '14:00' })).status).toBe(200);
  });

  it('answers counter staff and call-center agents 403 on every rollout route', async () => {
    const plan = await confirmed(TWO_TO_FOUR);
    for (const cookie of [await login(hub, ...DEMO.counter1), agent]) {
      for (const r of [
        await plans(cookie),
        await preview(TWO_TO_FOUR, cookie),
        await create(TWO_TO_FOUR, cookie),
        await cancel(plan.id, cookie),
        await confirmDraft(plan.id, cookie),
      ]) {
        expect([r.status, r.body.error?.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
    expect(repo.getRolloutPlan(hub.db, plan.id)!.status).toBe('scheduled');
    expect(repo.listRolloutPlans(hub.db)).toHaveLength(1);
  });
});

describe('POST /api/rollout', () => {
  it('confirms: the schedule from the day has the new seats at once in the slot picker, the plan is scheduled and audited', async () => {
    await book(SUNDAY, '08:00', 'application-inquiry');
    await book(SUNDAY, '08:00', 'application-inquiry');
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 2, booked: 2, remaining: 0 });

    const plan = await confirmed(TWO_TO_FOUR);
    expect(plan).toMatchObject({
      ...TWO_TO_FOUR,
      status: 'scheduled',
      created: { at: THURSDAY_0900 + 2000, actor: 'user:2:supervisor', name: 'أحمد المناعي / Ahmed Al-Mannai' },
      confirmed: { actor: 'user:2:supervisor' },
      applied: null,
      cancelled: null,
    });
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 4, booked: 2, remaining: 2 });
    expect(await slot('application-inquiry', MONDAY, '08:00')).toMatchObject({ capacity: 2 });
    expect(await slot('application-inquiry', '2026-12-06', '08:00')).toMatchObject({ capacity: 4 }); // every Sunday from then on
    // The third and fourth seat can be booked now.
    await book(SUNDAY, '08:00', 'application-inquiry');
    await book(SUNDAY, '08:00', 'update-details');
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 4, remaining: 0 });

    // The schedule from Sunday: the one in force then with Sundays replaced.
    const fromSunday = repo.scheduleFrom(hub.db, SUNDAY).map(({ weekday, startTime, endTime, counters }) => [weekday, startTime, endTime, counters]);
    expect(fromSunday).toEqual([
      [0, '08:00', '10:00', 4],
      [1, '08:00', '10:00', 2],
      [2, '08:00', '10:00', 2],
      [3, '08:00', '10:00', 2],
      [4, '08:00', '10:00', 2],
    ]);
    // Nothing switches before the day.
    expect(modes()).toMatchObject({ 1: 'appointment', 2: 'appointment', 3: 'general', 4: 'general' });
    expect(audits('rollout')).toEqual([
      expect.objectContaining({ actor: 'user:2:supervisor', kind: 'rollout.confirm', target: `rollout:${plan.id}`, before: { schedule: [] } }),
    ]);
    expect((await plans()).body.plans).toEqual([plan]);
  });

  it('keeps a draft without touching the schedule; confirming it later schedules it, once', async () => {
    const rowsBefore = repo.listAppointmentSchedule(hub.db);
    const r = await create({ ...TWO_TO_FOUR, draft: true });
    expect(r.status).toBe(201);
    const draft = r.body.plan;
    expect(draft).toMatchObject({ status: 'draft', confirmed: null });
    expect(repo.listAppointmentSchedule(hub.db)).toEqual(rowsBefore);
    expect(audits('rollout').map((a) => a.kind)).toEqual(['rollout.draft']);

    const c = await confirmDraft(draft.id);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body.plan).toMatchObject({ id: draft.id, status: 'scheduled', confirmed: { actor: 'user:2:supervisor' } });
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 4 });
    const again = await confirmDraft(draft.id);
    expect([again.status, again.body.error.code]).toEqual([409, 'ROLLOUT_NOT_DRAFT']);
    expect((await confirmDraft(999)).body.error.code).toBe('ROLLOUT_NOT_FOUND');
  });

  it('refuses a second confirmed plan from the same day, also in preview and when confirming a draft', async () => {
    const draft = (await create({ ...DOWN_TO_ONE, draft: true })).body.plan;
    await confirmed(TWO_TO_FOUR);
    for (const r of [await create({ ...DOWN_TO_ONE, weekdays: [1] }), await preview(DOWN_TO_ONE), await confirmDraft(draft.id)]) {
      expect([r.status, r.body.error.code]).toEqual([409, 'ROLLOUT_DAY_TAKEN']);
    }
    expect(repo.listRolloutPlans(hub.db).map((p) => p.status)).toEqual(['scheduled', 'draft']);
    expect((await preview({ ...DOWN_TO_ONE, fromDay: MONDAY, weekdays: [1] })).status).toBe(200); // another day is free
  });

  it('from today after opening time: switches the counters at once', async () => {
    const plan = await confirmed({ ...TWO_TO_FOUR, fromDay: '2026-11-26', weekdays: [4] });
    expect(plan.status).toBe('applied');
    expect(plan.applied).toEqual({ at: THURSDAY_0900, actor: 'system', name: null });
    expect(modes()).toMatchObject({ 1: 'appointment', 2: 'appointment', 3: 'mixed', 4: 'mixed', 5: 'general' });
  });
});

describe('the switch on the day', () => {
  it('sets the counters’ modes at opening time on the day, live on an open counter, audited as the system’s, once', async () => {
    const plan = await confirmed(TWO_TO_FOUR);
    hub.clock.set(at(SUNDAY, '06:59'));
    hub.hub.tick();
    expect(hub.hub.current.day).toBe(SUNDAY);
    expect(modes()).toMatchObject({ 3: 'general', 4: 'general' });
    expect(repo.getRolloutPlan(hub.db, plan.id)!.status).toBe('scheduled');
    // Someone opens counter 4 early.
    const counter2 = await login(hub, ...DEMO.counter2);
    expect((await call(hub, 'POST', '/api/counters/4/open', { cookie: counter2, body: {} })).status).toBe(200);

    hub.clock.set(at(SUNDAY, '07:00'));
    hub.hub.tick();
    sup = await login(hub, ...DEMO.supervisor); // the Thursday session has expired
    expect(modes()).toMatchObject({ 1: 'appointment', 2: 'appointment', 3: 'mixed', 4: 'mixed', 5: 'general', 6: 'general' });
    expect(hub.hub.current.counters[4]).toMatchObject({ open: true, mode: 'mixed' });
    expect(repo.listCounters(hub.db).map((c) => c.mode)).toEqual(['appointment', 'appointment', 'mixed', 'mixed', 'general', 'general']);
    expect(repo.getRolloutPlan(hub.db, plan.id)).toMatchObject({ status: 'applied', appliedAt: at(SUNDAY, '07:00') });
    const applied = audits('rollout.apply');
    expect(applied.map(({ actor, target, before, after }) => ({ actor, target, before, after }))).toEqual([
      { actor: 'system', target: 'counter:4', before: { mode: 'general' }, after: { mode: 'mixed', rollout: plan.id } },
      { actor: 'system', target: 'counter:3', before: { mode: 'general' }, after: { mode: 'mixed', rollout: plan.id } },
    ]);
    expect((await plans()).body.plans[0].applied).toEqual({ at: at(SUNDAY, '07:00'), actor: 'system', name: null });

    // Again: nothing changes, neither from the job nor from applying the plan a second time.
    const seq = hub.hub.lastSeq;
    hub.clock.set(at(SUNDAY, '07:01'));
    hub.hub.tick();
    applyRollout(hub.hub, repo.getRolloutPlan(hub.db, plan.id)!);
    expect(hub.hub.lastSeq).toBe(seq);
    expect(audits('rollout.apply')).toHaveLength(2);
    // Applied plans cannot be cancelled.
    const r = await cancel(plan.id);
    expect([r.status, r.body.error.code]).toEqual([409, 'ROLLOUT_NOT_CANCELLABLE']);
  });

  it('is applied by a hub started after opening time on the day, once, also across another restart', async () => {
    const plan = await confirmed(TWO_TO_FOUR);
    hub = await restart(hub, at(SUNDAY, '08:30'));
    expect(hub.hub.current.day).toBe(SUNDAY);
    expect(modes()).toMatchObject({ 3: 'mixed', 4: 'mixed' });
    expect(repo.getRolloutPlan(hub.db, plan.id)).toMatchObject({ status: 'applied', appliedAt: at(SUNDAY, '08:30') });
    expect(audits('rollout.apply')).toHaveLength(2);

    const seq = hub.hub.lastSeq;
    hub = await restart(hub, at(SUNDAY, '09:00'));
    hub.hub.tick();
    expect(hub.hub.lastSeq).toBe(seq);
    expect(modes()).toMatchObject({ 3: 'mixed', 4: 'mixed' });
    expect(audits('rollout.apply')).toHaveLength(2);
  });
});

describe('POST /api/rollout/:id/cancel', () => {
  it('before the day: restores the old seats, lists the bookings they have no room for, and the modes never change', async () => {
    const plan = await confirmed(TWO_TO_FOUR);
    await book(SUNDAY, '08:00', 'application-inquiry');
    await book(SUNDAY, '08:00', 'application-inquiry');
    const third = await book(SUNDAY, '08:00', 'update-details'); // a seat only the plan gave
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 4, booked: 3 });

    const r = await cancel(plan.id);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.plan).toMatchObject({ status: 'cancelled', cancelled: { actor: 'user:2:supervisor' } });
    expect(r.body.unfit).toEqual([
      { reference: third.reference, serviceId: 'update-details', day: SUNDAY, time: '08:00', slotStart: at(SUNDAY, '08:00'), slotEnd: at(SUNDAY, '08:15') },
    ]);
    expect(await slot('application-inquiry', SUNDAY, '08:00')).toMatchObject({ capacity: 2 });
    expect(repo.scheduleFrom(hub.db, SUNDAY)).toEqual([]);
    expect(repo.getAppointment(hub.db, third.id)!.status).toBe('booked'); // bookings stay
    expect(audits('rollout.cancel')).toEqual([
      expect.objectContaining({ actor: 'user:2:supervisor', target: `rollout:${plan.id}`, after: { status: 'cancelled', schedule: [] } }),
    ]);

    hub.clock.set(at(SUNDAY, '07:00'));
    hub.hub.tick();
    expect(modes()).toMatchObject({ 3: 'general', 4: 'general' });
    sup = await login(hub, ...DEMO.supervisor); // the Thursday session has expired
    const again = await cancel(plan.id);
    expect([again.status, again.body.error.code]).toEqual([409, 'ROLLOUT_NOT_CANCELLABLE']);
    expect((await cancel(999)).body.error.code).toBe('ROLLOUT_NOT_FOUND');
  });

  it('puts back a schedule dated the same day that the plan replaced; a draft is just dropped', async () => {
    const own = [{ weekday: 0, startTime: '09:00', endTime: '10:00', counters: 3 }];
    expect((await call(hub, 'PUT', '/api/appointment-schedule', { cookie: sup, body: { validFrom: SUNDAY, periods: own } })).status).toBe(200);
    const plan = await confirmed({ ...TWO_TO_FOUR, weekdays: [1] });
    // Built on the schedule in force on its day: Sundays keep their own period, Mondays get the plan's.
    expect(repo.scheduleFrom(hub.db, SUNDAY).map((p) => [p.weekday, p.startTime, p.counters])).toEqual([
      [0, '09:00', 3],
      [1, '08:00', 4],
    ]);
    expect((await cancel(plan.id)).status).toBe(200);
    expect(repo.scheduleFrom(hub.db, SUNDAY).map(({ weekday, startTime, endTime, counters }) => ({ weekday, startTime, endTime, counters }))).toEqual(own);

    const draft = (await create({ ...TWO_TO_FOUR, draft: true })).body.plan;
    const rows = repo.listAppointmentSchedule(hub.db);
    const r = await cancel(draft.id);
    expect([r.status, r.body.plan.status, r.body.unfit]).toEqual([200, 'cancelled', []]);
    expect(repo.listAppointmentSchedule(hub.db)).toEqual(rows);
    expect((await confirmDraft(draft.id)).body.error.code).toBe('ROLLOUT_NOT_DRAFT');
  });
});

/** Stops the hub (keeping its file) and starts a new one on the same file at `atMs`. */
async function restart(h: TestHub, atMs: number): Promise<TestHub> {
  await h.close();
  h.db.sqlite.close();
  leftovers.push(h.dir);
  const next = await startTestHub({ file: h.file, at: atMs });
  sup = await login(next, ...DEMO.supervisor);
  return next;
}
