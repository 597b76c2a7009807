// The demo's front door: outside appointment hours it gives the exact command for a demo day at
// the hall's next opening (the schedule and holidays decide which day that is).
import { afterEach, expect, it } from 'vitest';
import { call, DEMO, login, startTestHub, type TestHub } from '../helpers/hub.ts';

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
