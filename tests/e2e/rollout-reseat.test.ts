// The bookings a rollout plan left without a seat, moved by the hall from the rollout screen, in
// Chromium on a Wednesday morning of the demo hall. Tomorrow (Thursday) has five bookings of one
// service; a confirmed plan leaves one counter from 07:30 to 08:30 (four 15-minute seats) and the
// booking horizon ends tomorrow. The supervisor asks the plan's list from the plans table, moves one
// booking alone (to the next free time that day), then the rest at once: two more move, the last is
// cancelled (no free time left within the horizon), one SMS each with the appointment page link.
// Screenshots in Arabic and English at 1366×768.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, login, startTestHub } from '../helpers/hub.ts';

/** Wednesday 2026-11-25, 09:00 in Bahrain: tomorrow is a working Thursday. */
const WEDNESDAY_0900 = Date.parse('2026-11-25T06:00:00Z');
const TOMORROW = '2026-11-26';
const SERVICE = 'application-inquiry'; // 15-minute slots
const DESK = { width: 1366, height: 768 };

const e2e = e2eFile(() => startTestHub({ at: WEDNESDAY_0900 }));
let context: BrowserContext | null = null;

afterAll(async () => {
  await context?.close();
});

let cprSeq = 720000000;
async function book(cookie: string, time: string): Promise<{ id: string; reference: string; pageToken: string }> {
  e2e.hub.clock.advance(1000); // the last booked of a slot loses its seat
  const r = await call(e2e.hub, 'POST', '/api/appointments', {
    cookie,
    body: { serviceId: SERVICE, day: TOMORROW, time, cpr: String(++cprSeq), phone: '36001234', nameAr: 'سارة أحمد', nameEn: 'Sara Ahmed' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment;
}

const outcomeText = (page: Page) => page.getByTestId('ro-done').innerText();

it('lists the bookings a plan left without a seat, moves one and then the rest, cancelling the one no time is free for', async () => {
  const agent = await login(e2e.hub, ...DEMO.agent);
  const seated = await book(agent, '07:30');
  const b = await book(agent, '07:30');
  const c = await book(agent, '10:00');
  const d = await book(agent, '11:00');
  const e = await book(agent, '12:00');
  const admin = await login(e2e.hub, ...DEMO.admin);
  const { settings } = (await call(e2e.hub, 'GET', '/api/settings', { cookie: admin })).body;
  expect((await call(e2e.hub, 'PUT', '/api/settings', { cookie: admin, body: { ...settings, bookingHorizonDays: 1 } })).status).toBe(200);
  const sup = await login(e2e.hub, ...DEMO.supervisor);
  const plan = { fromDay: TOMORROW, counters: [{ counter: 1, mode: 'appointment' }], weekdays: [4], startTime: '07:30', endTime: '08:30' };
  const created = await call(e2e.hub, 'POST', '/api/rollout', { cookie: sup, body: plan });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: number = created.body.plan.id;

  context = await newShotContext(e2e.browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${e2e.hub.url}/supervisor#rollout`);
  await page.getByTestId('login-username').fill(DEMO.supervisor[0]);
  await page.getByTestId('login-password').fill(DEMO.supervisor[1]);
  await page.getByTestId('login-submit').click();

  // The plan's list, asked from the plans table: the four last booked, in slot order.
  await page.getByTestId(`ro-unseated-${id}`).click();
  const panel = page.locator('[data-testid="ro-unseated"][data-count="4"]');
  await panel.waitFor();
  expect(await panel.locator('[data-testid^="ro-unfit-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual(
    [b, c, d, e].map((x) => `ro-unfit-${x.reference}`),
  );
  expect(await page.getByTestId(`ro-unfit-${seated.reference}`).count()).toBe(0);
  expect(await outcomeText(page)).toContain(tv('ar', 'ro.unseatedTitle', { n: 4 }));
  await screenshot(page, 'rollout-reseat-ar-list');

  // One by one, in English: B goes to the next free time that day (07:45).
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await outcomeText(page)).toContain(tv('en', 'ro.unseatedTitle', { n: 4 }));
  await screenshot(page, 'rollout-reseat-en-list');
  await page.getByTestId(`ro-move-${b.reference}`).click();
  const one = page.getByTestId('ro-move-dialog');
  await one.waitFor();
  expect(await one.locator('h2').innerText()).toBe(tv('en', 'ro.moveTitle', { n: 1 }));
  expect(await one.innerText()).toContain(tv('en', 'ro.moveSms', { n: 1 }));
  expect(await one.getByTestId('ro-move-which').innerText()).toContain(b.reference);
  await screenshot(page, 'rollout-reseat-en-dialog');
  await page.getByTestId('dialog-submit').click();
  await page.locator('[data-testid="ro-unseated"][data-count="3"]').waitFor();
  expect(await page.getByTestId(`ro-moved-${b.reference}`).getAttribute('data-to')).toBe(`${TOMORROW} 07:45`);

  // The rest at once, in Arabic: the dialog says three and that each citizen gets an SMS.
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  await page.getByTestId('ro-move-all').click();
  const all = page.getByTestId('ro-move-dialog');
  await all.waitFor();
  expect(await all.locator('h2').innerText()).toBe(tv('ar', 'ro.moveTitle', { n: 3 }));
  expect(await all.innerText()).toContain(tv('ar', 'ro.moveSms', { n: 3 }));
  await screenshot(page, 'rollout-reseat-ar-dialog');
  await page.getByTestId('dialog-submit').click();
  await page.locator('[data-testid="ro-unseated"][data-count="0"]').waitFor();

  // C (10:00) and D (11:00) have nothing later that day: the nearest earlier seats, 08:15 then 08:00; E none within the horizon.
  const result = page.getByTestId('ro-reseated');
  expect([await result.getAttribute('data-moved'), await result.getAttribute('data-cancelled')]).toEqual(['3', '1']);
  expect(await page.getByTestId(`ro-moved-${c.reference}`).getAttribute('data-to')).toBe(`${TOMORROW} 08:15`);
  expect(await page.getByTestId(`ro-moved-${d.reference}`).getAttribute('data-to')).toBe(`${TOMORROW} 08:00`);
  await page.getByTestId(`ro-cancelled-${e.reference}`).waitFor();
  expect(await result.innerText()).toContain(tv('ar', 'ro.cancelledTitle'));
  await screenshot(page, 'rollout-reseat-ar-result');
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await result.innerText()).toContain(tv('en', 'ro.movedTitle'));
  await screenshot(page, 'rollout-reseat-en-result');

  // The hub's record: one SMS each, with the appointment page link; the seated booking untouched.
  const messages = repo.listMessages(e2e.hub.db).filter((m) => m.kind === 'moved_by_hall' || m.kind === 'cancelled_by_hall');
  expect(messages.map((m) => [m.appointmentId, m.kind]).sort()).toEqual(
    [
      [b.id, 'moved_by_hall'],
      [c.id, 'moved_by_hall'],
      [d.id, 'moved_by_hall'],
      [e.id, 'cancelled_by_hall'],
    ].sort(),
  );
  for (const x of [b, c, d, e]) expect(messages.find((m) => m.appointmentId === x.id)!.body).toContain(`/a/${x.pageToken}`);
  expect(repo.getAppointment(e2e.hub.db, seated.id)).toMatchObject({ status: 'booked', slotStart: Date.parse(`${TOMORROW}T04:30:00Z`) });
  expect(errors).toEqual([]);
}, 90_000);
