// The demo's front door: outside appointment hours it gives the exact command for a demo day at
// the hall's next opening (the schedule and holidays decide which day that is).
import { afterEach, expect, it } from 'vitest';
import { localTime } from '../../engine/time.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

async function demoDayCommand(): Promise<string | null> {
  const res = await fetch(`${hub!.url}/`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('/booking');
  return html.match(/DOR_CLOCK_START=(\S+) npm start/)?.[1] ?? null;
}

it('says nothing while the hall takes appointments, and names the next opening once it does not', async () => {
  hub = await startTestHub(); // Thursday 26 November 2026, 09:00 in Bahrain
  expect(await demoDayCommand()).toBeNull();

  hub.clock.set(Date.parse('2026-11-26T12:00:00Z')); // Thursday 15:00: appointments are over
  expect(await demoDayCommand()).toBe('2026-11-29T06:00:00.000Z'); // Sunday 09:00 (Friday and Saturday are closed)

  hub.clock.set(Date.parse('2026-11-27T01:42:00Z')); // Friday night
  expect(await demoDayCommand()).toBe('2026-11-29T06:00:00.000Z');

  const supervisor = await login(hub, ...DEMO.supervisor);
  const holiday = await call(hub, 'PUT', '/api/holidays', { cookie: supervisor, body: { day: '2026-11-29', nameAr: 'عطلة', nameEn: 'Holiday' } });
  expect(holiday.status, JSON.stringify(holiday.body)).toBeLessThan(300);
  expect(await demoDayCommand()).toBe('2026-11-30T06:00:00.000Z'); // the holiday is skipped
});

it('is Arabic first, lists what each demo citizen gets at the kiosk right now, and serves an icon', async () => {
  hub = await startTestHub(); // Thursday 26 November 2026, 09:00 in Bahrain
  const html = await (await fetch(`${hub.url}/`)).text();
  expect(html).toMatch(/<html lang="ar" dir="rtl">/);
  expect(html.indexOf('الشاشات')).toBeLessThan(html.indexOf('Screens'));
  const rows = [...html.matchAll(/<tr data-cpr="(\d{9})">(.*?)<\/tr>/g)].map((m) => ({ cpr: m[1]!, cells: m[2]! }));
  expect(rows.length).toBeGreaterThan(5);
  const first = (what: string) => rows.find((r) => r.cells.includes(what))!;
  // At 09:00 some are on time, some late (07:30 slots), some early; the unknown CPR has nothing today.
  for (const what of ['on time: gets an appointment ticket', 'late: gets a walk-in ticket', 'early: come back at', 'no appointment today']) {
    expect(first(what), what).toBeDefined();
  }
  expect(first('on time').cells).toContain('في الموعد');
  // What the page says is what the kiosk does.
  const kiosk = deviceToken(hub, 'kiosk');
  const checkIn = async (cpr: string) => (await call(hub!, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr } })).body;
  expect((await checkIn(first('on time').cpr)).outcome).toBe('checked_in');
  expect((await checkIn(first('late:').cpr)).outcome).toBe('late_converted');
  const early = await checkIn(first('early:').cpr);
  expect(early.outcome).toBe('too_early');
  expect(first('early:').cells).toContain(`come back at ${localTime(early.comeBackAt, 'Asia/Bahrain')}`);
  expect((await checkIn(first('no appointment today').cpr)).error.code).toBe('NO_APPOINTMENT_TODAY');
  const after = await (await fetch(`${hub.url}/`)).text();
  expect(after.match(new RegExp(`<tr data-cpr="${first('on time').cpr}">(.*?)</tr>`))?.[1]).toContain('already checked in');

  const icon = await fetch(`${hub.url}/favicon.ico`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
});
