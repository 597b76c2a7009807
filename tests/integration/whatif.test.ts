// The rollout planner's what-if on a real hub whose database has simulated history: four open
// days of a small hall (6 counters, 1 and 2 taking appointments) up to Wednesday 2026-11-25, the
// hub's clock on Thursday 09:00. The simulation runs in a worker while the counters keep working.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { simulate } from '../../simulator/run.ts';
import { loadScenario } from '../../simulator/scenario.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const history = { ...loadScenario(), name: 'small hall', days: 4, counters: 6, appointmentCounters: 2, citizensPerDay: 110 };
/** Four appointment counters instead of two, from Sunday, Sunday to Thursday. */
const PLAN = {
  fromDay: '2026-11-29',
  counters: [1, 2, 3, 4].map((counter) => ({ counter, mode: 'appointment' })),
  weekdays: [0, 1, 2, 3, 4],
  startTime: '07:30',
  endTime: '13:30',
  days: 2,
};

let hub: TestHub;
let sup: string;
const dir = mkdtempSync(join(tmpdir(), 'dor-whatif-'));
beforeAll(async () => {
  const file = join(dir, 'history.db');
  const db = openDatabase(file);
  await simulate(history, { db, endDay: '2026-11-25', seed: 5 });
  db.sqlite.close();
  hub = await startTestHub({ file });
  sup = await login(hub, ...DEMO.supervisor);
});
afterAll(async () => {
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
});

const whatIf = (body: unknown, cookie = sup) => call(hub, 'POST', '/api/rollout/whatif', { cookie, body });

describe('rollout.whatif', () => {
  it('compares now and the plan on a day like the history, while counters go on calling, one at a time', async () => {
    const kiosk = deviceToken(hub, 'kiosk');
    const walkIn = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'application-inquiry' } });
    expect(walkIn.status).toBe(201);
    const clerk = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: clerk })).status).toBe(200);

    let answered = false;
    const running = whatIf(PLAN).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await whatIf(PLAN);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('WHATIF_BUSY');
    // The hall is served meanwhile: a call-next answers at once, before the simulation does.
    const started = performance.now();
    const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: clerk });
    const callMs = performance.now() - started;
    expect(called.status).toBe(200);
    expect(called.body.ticket.id).toBe(walkIn.body.ticket.id);
    expect(callMs).toBeLessThan(250);
    expect(answered).toBe(false);

    const r = await running;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.basis).toEqual({ from: '2026-10-29', to: '2026-11-25', openDays: 4, source: 'history' });
    expect(r.body.citizensPerDay).toBeGreaterThan(90);
    expect(r.body.citizensPerDay).toBeLessThan(130);
    expect(r.body.simulatedDays).toBe(2);
    for (const side of [r.body.current, r.body.plan]) {
      expect(side.days).toBe(2);
      expect(side.tickets).toBeGreaterThan(150);
      expect(side.medianWait.walkin).not.toBeNull();
      expect(side.serviceLevel).toBeGreaterThan(0);
    }
    // The same citizens; more appointment counters serve the appointment holders sooner.
    expect(r.body.plan.p90Wait.appointment).toBeLessThan(r.body.current.p90Wait.appointment);
    expect(r.body.tookMs).toBeGreaterThan(callMs);

    // Done: the next what-if may run (refused here for its plan, before any simulation).
    const past = await whatIf({ ...PLAN, fromDay: '2026-11-20' });
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe('ROLLOUT_DAY_PAST');
  });

  it('is for supervisors, and checks the plan', async () => {
    const clerk = await login(hub, ...DEMO.counter2);
    expect((await whatIf(PLAN, clerk)).status).toBe(403);
    const tooLong = await whatIf({ ...PLAN, days: 11 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect((await whatIf({ ...PLAN, startTime: '13:30', endTime: '07:30' })).status).toBe(400);
    const unknown = await whatIf({ ...PLAN, counters: [{ counter: 42, mode: 'mixed' }] });
    expect(unknown.status).toBe(404);
  });
});
