// Reports over HTTP on a real hub: what the counters did today comes back in the report and the
// CSV, for supervisors and admins only; a bad query is a 400 that names the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseReadOnly } from '../../db/client.ts';
import { ReportQuery } from '../../protocol/reports.ts';
import { buildReport } from '../../reports/index.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
const DAY = '2026-11-26';
const MINUTE = 60_000;

beforeAll(async () => {
  hub = await startTestHub();
  const kiosk = deviceToken(hub, 'kiosk');
  const c1 = await login(hub, ...DEMO.counter1);
  expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: c1 })).status).toBe(200);
  const issued = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
  expect(issued.status).toBe(201);
  hub.clock.advance(7 * MINUTE);
  expect((await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c1 })).status).toBe(200);
  expect((await call(hub, 'POST', '/api/counters/3/start', { cookie: c1 })).status).toBe(200);
  hub.clock.advance(12 * MINUTE);
  expect((await call(hub, 'POST', '/api/counters/3/finish', { cookie: c1, body: { outcome: 'served' } })).status).toBe(200);
});
afterAll(() => hub.stop());

describe('GET /api/reports', () => {
  it("reports today's walk-in: its wait, its service and the counter that served it", async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: sup });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.wait.walkin).toMatchObject({ count: 1, median: 7, max: 7 });
    expect(r.body.serviceTime.walkin).toMatchObject({ count: 1, median: 12 });
    expect(r.body.serviceLevel).toMatchObject({ called: 1, within: 1 });
    expect(r.body.counters.find((c: { counter: number }) => c.counter === 3)).toMatchObject({ served: 1, calls: 1, outcomes: { served: 1 } });
    expect(r.body.staff.map((s: { name: string }) => s.name)).toEqual(['علي حسن / Ali Hasan']);
    // The kiosk promised an estimate with the counter open: it is compared with the real 7 minutes.
    expect(r.body.estimateAccuracy.all.count).toBe(1);
    const other = await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}&serviceId=update-details`, { cookie: sup });
    expect(other.body.wait.all.count).toBe(0);
  });

  it('is for supervisors and admins', async () => {
    expect((await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`)).status).toBe(401);
    const c2 = await login(hub, ...DEMO.counter2);
    const denied = await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: c2 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const admin = await login(hub, ...DEMO.admin);
    expect((await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: admin })).status).toBe(200);
  });

  it('refuses a bad range with a 400 naming the field', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    for (const q of [
      `from=${DAY}`,
      `from=2026-11-27&to=${DAY}`,
      'from=2025-01-01&to=2026-02-01',
      `from=${DAY}&to=${DAY}&kind=vip`,
      'from=2026-02-30&to=2026-03-01',
    ]) {
      const r = await call(hub, 'GET', `/api/reports?${q}`, { cookie: sup });
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /api/reports/export.csv', () => {
  it('downloads a table as UTF-8 CSV with a byte-order mark and Arabic service names', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const res = await fetch(`${hub.url}/api/reports/export.csv?from=${DAY}&to=${DAY}&table=service-level&lang=ar`, { headers: { cookie: sup } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`dor-service-level-${DAY}-to-${DAY}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[2]).toBe('طلب إسكاني جديد,New housing application,20,1,100,0');
  });

  it('refuses an unknown table', async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const r = await call(hub, 'GET', `/api/reports/export.csv?from=${DAY}&to=${DAY}&table=secrets`, { cookie: sup });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the midnight rollover', () => {
  it("keeps the closed day's fold: the tickets' figures stay, the unkept bookings become no-shows", async () => {
    const sup = await login(hub, ...DEMO.supervisor);
    const before = await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: sup });
    hub.clock.set(Date.parse('2026-11-26T21:00:01Z')); // 00:00:01 on the 27th in Bahrain
    hub.hub.tick();
    expect(hub.db.sqlite.prepare('SELECT day FROM report_days').pluck().all()).toEqual([DAY]);
    // Fifteen hours on, the morning's session has expired: a new one.
    const again = await login(hub, ...DEMO.supervisor);
    const after = await call(hub, 'GET', `/api/reports?from=${DAY}&to=${DAY}`, { cookie: again });
    // The tickets' figures come from the kept fold unchanged…
    const ticketFigures = (r: Record<string, unknown>) => [r.wait, r.serviceTime, r.serviceLevel, r.crowding, r.counters, r.staff, r.estimateAccuracy, r.daily];
    expect(ticketFigures(after.body)).toEqual(ticketFigures(before.body));
    // …and the day's bookings nobody came for are no-shows now that it is over.
    expect(before.body.appointments.noShow).toBe(0);
    expect(after.body.appointments).toMatchObject({ booked: 16, noShow: 16, noShowRate: 1 });
  });

  it('folds without keeping on a read-only connection (the what-if worker reads the hall that way)', async () => {
    const kept = buildReport(hub.db, ReportQuery.parse({ from: DAY, to: DAY }));
    hub.db.sqlite.prepare('DELETE FROM report_days').run();
    const ro = openDatabaseReadOnly(hub.file);
    try {
      const folded = buildReport(ro, ReportQuery.parse({ from: DAY, to: DAY }));
      expect({ ...folded, tookMs: 0 }).toEqual({ ...kept, tookMs: 0 });
    } finally {
      ro.sqlite.close();
    }
    expect(hub.db.sqlite.prepare('SELECT count(*) FROM report_days').pluck().get()).toBe(0);
  });
});
