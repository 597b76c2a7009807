// The citizen's live ticket page on a real hub with the manual clock: the place in the order the
// counters will really call (priorities and appointments included), the feedback question after
// service (once per ticket, its refusals) and the satisfaction it adds to the supervisor's report.
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const MINUTE = 60_000;
const DAY = '2026-11-26';

let hub: TestHub;
afterEach(() => hub.stop());

const tokenOf = (issued: { body: { statusUrl: string } }) => issued.body.statusUrl.slice('/t/'.length);
const status = async (token: string) => (await call(hub, 'GET', `/api/tickets/status/${token}`)).body;
const walkIn = (kiosk: string, serviceId: string, priority = 'none') =>
  call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId, priority } });
const feedback = (token: string, body: Record<string, unknown>) => call(hub, 'POST', `/api/tickets/status/${token}/feedback`, { body });

describe('the place in line', () => {
  it('follows the order the counters will call: a priority overtakes as it waits, a due appointment goes first', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const c1 = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 })).status).toBe(200);
    const plain = tokenOf(await walkIn(kiosk, 'new-application'));
    hub.clock.advance(MINUTE);
    const elderly = tokenOf(await walkIn(kiosk, 'new-application', 'elderly'));

    // 09:02: waited 2 min × 1 against 1 min × 1.5 — issue order still holds.
    hub.clock.advance(MINUTE);
    expect(await status(plain)).toMatchObject({ position: 1, nearTurnPosition: 3 });
    expect(await status(elderly)).toMatchObject({ position: 2 });
    // 09:06: 6 min × 1 against 5 min × 1.5 — the elderly citizen is called first, as "call next" would.
    hub.clock.advance(4 * MINUTE);
    expect((await status(elderly)).position).toBe(1);
    expect((await status(plain)).position).toBe(2);

    // The 09:10 booking checks in early: after the walk-ins at a general counter, first once due.
    const booking = repo.listAppointmentsOfDay(hub.db, DAY).find((a) => a.status === 'booked' && a.slotStart === Date.parse('2026-11-26T06:10:00Z'))!;
    const checkIn = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: booking.cpr } });
    expect(checkIn.body).toMatchObject({ outcome: 'checked_in', position: 3 });
    const appt = tokenOf(checkIn);
    hub.clock.advance(4 * MINUTE);
    expect((await status(appt)).position).toBe(1);
    expect((await status(elderly)).position).toBe(2);
    expect((await status(plain)).position).toBe(3);

    // A second counter shares the line: the order of the calls stays; once one is called, everyone moves up.
    const c2 = await login(hub, ...DEMO.counter2);
    expect((await call(hub, 'POST', '/api/counters/4/open', { cookie: c2 })).status).toBe(200);
    expect((await status(plain)).position).toBe(3);
    const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 });
    expect(called.body.ticket.label).toBe(checkIn.body.ticket.label);
    expect((await status(appt)).position).toBeNull();
    expect((await status(elderly)).position).toBe(1);
    expect((await status(plain)).position).toBe(2);
  });

  it('counts the people ahead while no counter is open', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    await walkIn(kiosk, 'family-members');
    const second = tokenOf(await walkIn(kiosk, 'family-members'));
    expect(await status(second)).toMatchObject({ position: 2, peopleAhead: 1, estimatedWaitMin: null });
  });
});

describe('the feedback after service', () => {
  it('is asked once the ticket is done, answered once, and stored with its service, counter, staff member and kind', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const c1 = await login(hub, ...DEMO.counter1);
    const token = tokenOf(await walkIn(kiosk, 'update-details'));
    expect((await status(token)).feedback).toBeNull();
    const early = await feedback(token, { rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('FEEDBACK_NOT_YET');

    await call(hub, 'POST', '/api/counters/5/open', { cookie: c1 });
    await call(hub, 'POST', '/api/counters/5/call-next', { cookie: c1 });
    await call(hub, 'POST', '/api/counters/5/start', { cookie: c1 });
    expect((await feedback(token, { rating: 5 })).body.error.code).toBe('FEEDBACK_NOT_YET');
    await call(hub, 'POST', '/api/counters/5/finish', { cookie: c1, body: { outcome: 'served' } });
    expect((await status(token)).feedback).toBe('open');

    // Bad answers are refused without using the one answer up.
    for (const bad of [{ rating: 0 }, { rating: 6 }, { rating: 2.5 }, { rating: 4, comment: 'x'.repeat(501) }, {}]) {
      expect((await feedback(token, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const answered = await feedback(token, { rating: 4, comment: '  الموظف كان متعاونًا  ' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ feedback: 'given', ticket: { status: 'done' } });
    const again = await feedback(token, { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FEEDBACK_ALREADY_GIVEN');
    expect((await status(token)).feedback).toBe('given');

    const rows = repo.feedbackOfDays(hub.db, DAY, DAY);
    const counter1 = repo.findUserByUsername(hub.db, 'counter1')!;
    expect(rows).toEqual([
      expect.objectContaining({ serviceId: 'update-details', kind: 'walkin', counter: 5, userId: counter1.id, rating: 4, comment: 'الموظف كان متعاونًا' }),
    ]);

    expect((await feedback('Z'.repeat(24), { rating: 3 })).body.error.code).toBe('TICKET_NOT_FOUND');
  });

  it('is rate-limited per status link', async () => {
    hub = await startTestHub();
    const token = tokenOf(await walkIn(deviceToken(hub, 'kiosk'), 'update-details'));
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await feedback(token, { rating: 3 })).body.error.code);
    expect(codes).toEqual([...Array(5).fill('FEEDBACK_NOT_YET'), 'RATE_LIMITED']);
    hub.clock.advance(MINUTE);
    expect((await feedback(token, { rating: 3 })).body.error.code).toBe('FEEDBACK_NOT_YET');
  });
});

describe('satisfaction in the reports', () => {
  it('adds up the answers per kind, service, counter and staff member, in the report and its CSV', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const c1 = await login(hub, ...DEMO.counter1);
    const c2 = await login(hub, ...DEMO.counter2);
    await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 });
    await call(hub, 'POST', '/api/counters/1/open', { cookie: c2 });
    const serve = async (counter: number, cookie: string) => {
      await call(hub, 'POST', `/api/counters/${counter}/call-next`, { cookie });
      await call(hub, 'POST', `/api/counters/${counter}/start`, { cookie });
      hub.clock.advance(5 * MINUTE);
      await call(hub, 'POST', `/api/counters/${counter}/finish`, { cookie, body: { outcome: 'served' } });
    };
    const walkins = [tokenOf(await walkIn(kiosk, 'new-application')), tokenOf(await walkIn(kiosk, 'family-members'))];
    await serve(3, c1);
    await serve(3, c1);
    hub.clock.set(Date.parse('2026-11-26T06:05:00Z'));
    const booking = repo.listAppointmentsOfDay(hub.db, DAY).find((a) => a.status === 'booked' && a.slotStart === Date.parse('2026-11-26T06:10:00Z'))!;
    const appt = tokenOf(await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: booking.cpr } }));
    hub.clock.advance(5 * MINUTE);
    await serve(1, c2);

    expect((await feedback(walkins[0]!, { rating: 5 })).status).toBe(200);
    expect((await feedback(walkins[1]!, { rating: 4, comment: 'Quick' })).status).toBe(200);
    hub.clock.advance(MINUTE);
    expect((await feedback(appt, { rating: 2, comment: 'Waited past my slot' })).status).toBe(200);

    const sup = await login(hub, ...DEMO.supervisor);
    const r = (await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: sup })).body;
    expect(r.satisfaction.all).toEqual({ answers: 3, mean: 3.67, ratings: [0, 1, 0, 1, 1], satisfied: 0.667 });
    expect(r.satisfaction.byKind.walkin).toMatchObject({ answers: 2, mean: 4.5, satisfied: 1 });
    expect(r.satisfaction.byKind.appointment).toMatchObject({ answers: 1, mean: 2, satisfied: 0 });
    expect(r.satisfaction.perService.map((s: { serviceId: string; answers: number }) => [s.serviceId, s.answers])).toEqual([
      ['new-application', 2],
      ['family-members', 1],
    ]);
    expect(r.satisfaction.perCounter.map((c: { counter: number; mean: number }) => [c.counter, c.mean])).toEqual([
      [1, 2],
      [3, 4.5],
    ]);
    expect(r.satisfaction.perStaff.map((s: { name: string; answers: number }) => [s.name, s.answers])).toEqual([
      ['علي حسن / Ali Hasan', 2],
      [expect.any(String), 1],
    ]);
    // Newest first.
    expect(r.satisfaction.comments.map((c: { comment: string }) => c.comment)).toEqual(['Waited past my slot', 'Quick']);

    // The filters apply: walk-ins only, or one counter.
    const walkinOnly = (await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}&kind=walkin`, { cookie: sup })).body;
    expect(walkinOnly.satisfaction.all).toMatchObject({ answers: 2, mean: 4.5 });
    const counterOne = (await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}&counter=1`, { cookie: sup })).body;
    expect(counterOne.satisfaction.all).toMatchObject({ answers: 1, mean: 2 });

    const csv = await call(hub, 'GET', `/api/reports/export.csv?from=${DAY}&to=${DAY}&table=satisfaction&lang=en`, { cookie: sup });
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Group,Name,Answers,Mean rating (1–5),Satisfied: 4 or 5 (%),Rating 1,Rating 2,Rating 3,Rating 4,Rating 5');
    expect(lines[1]).toBe('All,All services,3,3.67,66.7,0,1,0,1,1');
    expect(lines).toContain('Kind,Appointments,1,2,0,0,1,0,0,0');
    expect(lines).toContain('Counter,3,2,4.5,100,0,0,0,1,1');
  });
});
