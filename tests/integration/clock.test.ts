// The hub's clock against the hall's calendar: the day rolls over at local midnight in the hall's
// time zone, once; a system clock set back an hour (an NTP correction), during the day or across
// midnight, even with a restart in between, gives no duplicate number, no negative wait, no ticket
// called out of order, and no second rollover.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { hallFigures, localInstant } from '../../engine/index.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

const HOUR = 3_600_000;
const TZ = 'Asia/Bahrain';
const at = (day: string, time: string) => localInstant(day, time, TZ);

let hub: TestHub;
let dir: string | null = null;
afterEach(async () => {
  await hub.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const walkIn = async (kiosk: string) => {
  const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'family-members' } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.ticket as { id: string; label: string };
};

function countEvents(type: string): number {
  return (hub.db.sqlite.prepare('select count(*) as n from events where type = ?').get(type) as { n: number }).n;
}

/** Calls next at counter 3 until the queue is empty; returns the labels in call order. */
async function callAll(cookie: string): Promise<string[]> {
  const labels: string[] = [];
  for (;;) {
    const r = await call(hub, 'POST', '/api/counters/3/call-next', { cookie });
    if (r.status !== 200) {
      expect(r.body.error.code).toBe('QUEUE_EMPTY');
      return labels;
    }
    labels.push(r.body.ticket.label);
    expect((await call(hub, 'POST', '/api/counters/3/no-show', { cookie })).status).toBe(200);
  }
}

/** No wait the hub shows or keeps is negative: the live figures, and every call against its ticket's issue. */
function expectNoNegativeWaits() {
  const figures = hallFigures(hub.hub.current, hub.hub.clock.now());
  expect(figures.longestWaitMs ?? 0).toBeGreaterThanOrEqual(0);
  for (const q of figures.queues) expect(q.longestWaitMs ?? 0).toBeGreaterThanOrEqual(0);
  for (const t of Object.values(hub.hub.current.tickets)) if (t.calledAt !== null) expect(t.calledAt).toBeGreaterThanOrEqual(t.issuedAt);
  const events = repo.currentDayEvents(hub.db).map((s) => s.event.at);
  expect(events).toEqual([...events].sort((a, b) => a - b));
}

describe('the day rollover', () => {
  it('happens at local midnight in the hall’s time zone, once, and numbers start again', async () => {
    hub = await startTestHub({ at: at('2026-11-26', '23:50') });
    const kiosk = deviceToken(hub, 'kiosk');
    const last = await walkIn(kiosk);
    hub.clock.set(at('2026-11-26', '23:59') + 59_000); // 20:59:59 UTC: still Thursday in Bahrain
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-26');
    hub.clock.set(Date.parse('2026-11-26T21:00:00Z')); // midnight in Bahrain, 9 p.m. in UTC
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-27');
    expect(repo.getTicket(hub.db, last.id)?.status).toBe('cancelled');
    hub.clock.advance(30_000);
    hub.hub.tick();
    expect(countEvents('day_opened')).toBe(2);
    expect(countEvents('day_closed')).toBe(1);
    expect((await walkIn(kiosk)).label).toBe('E-001');
  });
});

describe('a system clock set back an hour', () => {
  it('during the day: numbers go on, the queue keeps its order, no wait is negative', async () => {
    const lines: string[] = [];
    hub = await startTestHub({ at: at('2026-11-26', '10:00'), log: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }) });
    const kiosk = deviceToken(hub, 'kiosk');
    const before = [await walkIn(kiosk)];
    hub.clock.advance(60_000);
    before.push(await walkIn(kiosk));
    hub.clock.advance(-HOUR); // 09:01
    const after = [await walkIn(kiosk)];
    hub.clock.advance(60_000);
    after.push(await walkIn(kiosk));
    hub.clock.advance(15 * 60_000); // 09:17 by the wall clock, still before the first ticket's issue
    expectNoNegativeWaits();
    // The technician can see why: one warning for the jump, with how far back the clock went.
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => /clock went back/.test(l.msg));
    expect(warnings).toEqual([expect.objectContaining({ backMs: HOUR })]);

    const labels = [...before, ...after].map((t) => t.label);
    expect(labels).toEqual(['E-001', 'E-002', 'E-003', 'E-004']);
    const cookie = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/3/open', { cookie })).status).toBe(200);
    expect(await callAll(cookie)).toEqual(labels);
    expectNoNegativeWaits();
  });

  it('across midnight, with a restart in between: the day is not reopened, not refused, and rolls over only once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dor-clock-'));
    const file = join(dir, 'dor.db');
    hub = await startTestHub({ file, at: at('2026-11-26', '23:40') });
    let kiosk = deviceToken(hub, 'kiosk');
    await walkIn(kiosk); // Thursday's, cancelled at midnight
    hub.clock.set(at('2026-11-27', '00:00') + 5_000);
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-27');
    hub.clock.set(at('2026-11-27', '00:10'));
    const friday = [await walkIn(kiosk)];

    hub.clock.set(at('2026-11-26', '23:10')); // NTP: an hour back, into Thursday
    hub.hub.tick();
    expect(hub.hub.current.day).toBe('2026-11-27');
    friday.push(await walkIn(kiosk));

    // The hub restarts while the clock is still behind.
    await hub.stop();
    hub = await startTestHub({ file, at: at('2026-11-26', '23:20') });
    kiosk = deviceToken(hub, 'kiosk');
    expect(hub.hub.current.day).toBe('2026-11-27');
    friday.push(await walkIn(kiosk));

    // The wall clock reaches midnight again: nothing rolls over a second time.
    hub.clock.set(at('2026-11-27', '00:00') + 5_000);
    hub.hub.tick();
    hub.clock.set(at('2026-11-27', '00:30'));
    hub.hub.tick();
    friday.push(await walkIn(kiosk));
    expect(hub.hub.current.day).toBe('2026-11-27');
    expect(countEvents('day_opened')).toBe(2);
    expect(countEvents('day_closed')).toBe(1);

    const labels = friday.map((t) => t.label);
    expect(labels).toEqual(['E-001', 'E-002', 'E-003', 'E-004']);
    for (const t of friday) expect(hub.hub.current.waiting[t.id]).toBeDefined();
    expectNoNegativeWaits();
    const cookie = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/3/open', { cookie })).status).toBe(200);
    expect(await callAll(cookie)).toEqual(labels);
    expectNoNegativeWaits();
  });
});
