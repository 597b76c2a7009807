// The rollout switch in Chromium, on a Wednesday morning of the demo hall (counters 1 and 2 take
// appointments): the demo supervisor plans "from tomorrow, counters 3 and 4 too, in mixed mode",
// previews it (every service's seats go up, to the figures the slot picker then has), asks what it
// would do to the waits (the simulated what-if, now and with the plan) and confirms it, the
// confirmation naming the day and the counters. The booking console, in a second page of the same
// browser, shows the new seats for that day and books one that only the plan makes; the plan is
// listed as scheduled; cancelling it restores the old seats and names that booking as left without
// a seat. A plan kept as a draft is confirmed from the list later, and a second plan for its day is
// refused in Arabic.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { tb } from '../../booking-ui/i18n.ts';
import { formatDay } from '../../ui-kit/i18n.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, login, startTestHub } from '../helpers/hub.ts';

/** Wednesday 2026-11-25, 09:00 in Bahrain: tomorrow is a working Thursday. */
const WEDNESDAY_0900 = Date.parse('2026-11-25T06:00:00Z');
const TOMORROW = '2026-11-26';
const SERVICES = ['new-application', 'application-inquiry', 'update-details', 'family-members', 'letter-follow-up'];
const DESK = { width: 1366, height: 768 };

const e2e = e2eFile(() => startTestHub({ at: WEDNESDAY_0900 }));
let cookie: string;

beforeAll(async () => {
  cookie = await login(e2e.hub, ...DEMO.supervisor);
}, 60_000);

/** A page of its own (its own cookies) in the one browser, Arabic first; page errors are collected. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newShotContext(e2e.browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
  e2e.track(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${e2e.hub.url}${path}`);
  return { page, errors };
}

async function logIn(page: Page, [username, password]: readonly [string, string]) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** What the slot picker's source says of a service's day: its seats (summed over its slots), free seats and slot times. */
async function pickerDay(serviceId: string) {
  const r = await call(e2e.hub, 'GET', `/api/slots?serviceId=${serviceId}&from=${TOMORROW}&days=1`, { cookie });
  expect(r.status).toBe(200);
  const day = r.body.days.find((d: { day: string }) => d.day === TOMORROW);
  const slots: { time: string; capacity: number }[] = day?.slots ?? [];
  return { seats: slots.reduce((n, s) => n + s.capacity, 0), free: day?.free as number, times: slots.map((s) => s.time) };
}

/** The preview's figures for tomorrow, per service. */
async function previewSeats(page: Page) {
  const cells = page.locator(`[data-testid^="ro-seats-${TOMORROW}-"]`);
  const figures = await cells.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-testid')!.split('-').slice(5).join('-'), Number(e.getAttribute('data-before')), Number(e.getAttribute('data-after'))]),
  );
  return Object.fromEntries(figures.map(([id, before, after]) => [id, { before, after }]));
}

it('plans counters 3 and 4 in mixed mode from tomorrow: the preview, the slot picker and the cancel agree', async () => {
  const before = Object.fromEntries(await Promise.all(SERVICES.map(async (id) => [id, await pickerDay(id)] as const)));
  expect(before['application-inquiry']!.times).not.toContain('07:00'); // appointments start at 07:30 today

  const { page: sup, errors } = await open('/supervisor#rollout');
  await logIn(sup, DEMO.supervisor);
  await sup.getByTestId('rollout-planner').waitFor();

  // The planner starts from the next working day with the counters that take appointments now.
  expect(await sup.getByTestId('ro-day').inputValue()).toBe(TOMORROW);
  const picked = async (n: number) => sup.getByTestId(`ro-pick-${n}`).isChecked();
  expect(await Promise.all([1, 2, 3, 4, 5, 6].map(picked))).toEqual([true, true, false, false, false, false]);
  expect(await sup.getByTestId('ro-confirm').isDisabled()).toBe(true); // nothing previewed yet
  for (const n of [3, 4]) {
    await sup.getByTestId(`ro-pick-${n}`).check();
    await sup.getByTestId(`ro-mode-${n}`).selectOption('mixed');
  }
  await sup.getByTestId('ro-preview').click();
  await sup.locator('[data-testid="ro-preview-result"][data-stale="false"]').waitFor();
  await screenshot(sup, 'rollout-ar-preview');

  // Before: what the slot picker has now; after: more, for every service; nobody loses a seat.
  const seats = await previewSeats(sup);
  expect(Object.keys(seats).sort()).toEqual([...SERVICES].sort());
  for (const id of SERVICES) {
    expect(seats[id]!.before, id).toBe(before[id]!.seats);
    expect(seats[id]!.after, id).toBeGreaterThan(seats[id]!.before);
  }
  expect(await sup.getByTestId(`ro-nofit-${TOMORROW}`).innerText()).toBe('0');
  await sup.getByTestId('ro-all-fit').waitFor();

  // What the plan would do: simulated on the hub (no history in the demo hall: the default busy day), now and with the plan side by side.
  await sup.getByTestId('ro-whatif').click();
  await sup.locator('[data-testid="ro-whatif-result"] [data-testid="ro-whatif-table"]').waitFor({ timeout: 30_000 });
  expect(await sup.getByTestId('ro-whatif-basis').getAttribute('data-source')).toBe('default');
  expect(await sup.getByTestId('ro-wi-col-now').innerText()).toBe(tv('ar', 'ro.wi.now'));
  expect(await sup.getByTestId('ro-wi-col-plan').innerText()).toBe(tv('ar', 'ro.wi.plan'));
  for (const row of ['walkin-median', 'appointment-p90', 'service-level']) {
    const cells = await sup.getByTestId(`ro-wi-${row}`).locator('td').allInnerTexts();
    expect(
      cells.slice(0, 2).every((text) => /\d/.test(text)),
      row,
    ).toBe(true);
  }
  expect(await sup.getByTestId('ro-whatif-sentence').innerText()).toContain(tv('ar', 'ro.wi.dayDefault'));

  // A change after the preview asks for a new one before confirming.
  await sup.getByTestId('ro-mode-4').selectOption('appointment');
  expect(await sup.getByTestId('ro-confirm').isDisabled()).toBe(true);
  await sup.getByTestId('ro-mode-4').selectOption('mixed');
  expect(await sup.getByTestId('ro-confirm').isDisabled()).toBe(false);

  // The confirmation names the day and the counters.
  await sup.getByTestId('ro-confirm').click();
  const dialog = sup.getByTestId('ro-confirm-dialog');
  await dialog.waitFor();
  expect(await dialog.locator('h2').innerText()).toContain(formatDay(TOMORROW, 'ar'));
  const named = await sup.getByTestId('ro-confirm-counters').locator('li').allInnerTexts();
  expect(named).toEqual([1, 2, 3, 4].map((n) => `${tv('ar', 'ro.counterName', { n })} (${tv('ar', n <= 2 ? 'ro.mode.appointment' : 'ro.mode.mixed')})`));
  await sup.getByTestId('dialog-submit').click();
  await sup.getByTestId('ro-done').waitFor();
  expect(await sup.getByTestId('ro-confirm-dialog').count()).toBe(0);

  // The slot picker's source now has the preview's figures.
  for (const id of SERVICES) expect((await pickerDay(id)).seats, id).toBe(seats[id]!.after);
  const inquiry = await pickerDay('application-inquiry');
  expect(inquiry.times[0]).toBe('07:00');

  // The plan is listed as scheduled, with who confirmed it.
  const row = sup.locator(`[data-testid^="ro-plan-"][data-day="${TOMORROW}"]`);
  expect(await row.getAttribute('data-status')).toBe('scheduled');
  const planId = (await row.getAttribute('data-testid'))!.slice('ro-plan-'.length);
  expect(await row.innerText()).toContain(tv('ar', 'ro.status.scheduled'));
  expect(await row.innerText()).toContain('أحمد المناعي'); // the demo supervisor

  // The booking console, in a second page of the same browser: tomorrow's new seats, and a 07:00 seat booked.
  const { page: agent, errors: agentErrors } = await open('/booking');
  await logIn(agent, DEMO.agent);
  await agent.getByTestId('cpr-search').fill('900000003');
  await agent.getByTestId('cpr-search').press('Enter');
  await agent.getByTestId('citizen-card').waitFor();
  await agent.getByTestId('service-application-inquiry').click();
  const dayPill = agent.getByTestId(`day-${TOMORROW}`);
  await dayPill.waitFor();
  expect(await dayPill.innerText()).toContain(tb('ar', 'slots.free', { n: inquiry.free }));
  await dayPill.click();
  expect(await agent.getByTestId('slot-07:00').getAttribute('data-remaining')).toBe('4');
  await screenshot(agent, 'rollout-ar-booking-new-seats');
  await agent.getByTestId('slot-07:00').click();
  await agent.getByTestId('book-confirm').click();
  await agent.getByTestId('booking-reference').waitFor();
  const reference = (await agent.getByTestId('booking-reference').innerText()).replace(/\s+/g, '');

  // Cancelling the plan: its confirmation, then the old seats, and the 07:00 booking named as left without a seat.
  await sup.getByTestId(`ro-cancel-${planId}`).click();
  await sup.getByTestId('ro-cancel-dialog').waitFor();
  await sup.getByTestId('dialog-submit').click();
  await sup.locator(`[data-testid="ro-plan-${planId}"][data-status="cancelled"]`).waitFor();
  const unfit = sup.getByTestId('ro-unseated');
  expect(await unfit.getAttribute('data-count')).toBe('1');
  expect(await unfit.getByTestId(`ro-unfit-${reference}`).innerText()).toContain('07:00');
  await screenshot(sup, 'rollout-ar-cancelled');
  for (const id of SERVICES) expect((await pickerDay(id)).seats, id).toBe(before[id]!.seats);

  // The booking console, asked again, offers the old seats (the 07:00 slot is gone, its booking stays): the
  // inquiry just booked is held now (greyed out), so asked through another service on the same 15-minute grid.
  await agent.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="service-application-inquiry"]')?.disabled);
  await agent.getByTestId('service-letter-follow-up').click();
  await agent.getByTestId(`day-${TOMORROW}`).click();
  await agent.getByTestId('slot-07:30').waitFor();
  expect(await agent.getByTestId('slot-07:00').count()).toBe(0);
  expect(await agent.getByTestId('slot-07:30').getAttribute('data-remaining')).toBe('2');

  expect(errors).toEqual([]);
  expect(agentErrors).toEqual([]);
}, 90_000);

it('keeps a plan as a draft, confirms it from the list, and refuses a second plan for its day', async () => {
  const SUNDAY = '2026-11-29';
  const { page: sup, errors } = await open('/supervisor#rollout');
  await logIn(sup, DEMO.supervisor);
  await sup.getByTestId('rollout-planner').waitFor();
  await sup.getByTestId('ro-day').fill(SUNDAY);
  await sup.getByTestId('ro-pick-5').check();
  expect(await sup.getByTestId('ro-mode-5').inputValue()).toBe('mixed'); // a general counter starts mixed
  await sup.getByTestId('ro-draft').click();
  await sup.getByTestId('ro-done').waitFor();
  const row = sup.locator(`[data-testid^="ro-plan-"][data-day="${SUNDAY}"]`);
  expect(await row.getAttribute('data-status')).toBe('draft');
  const planId = (await row.getAttribute('data-testid'))!.slice('ro-plan-'.length);
  expect(await sup.getByTestId('ro-done').innerText()).toBe(tv('ar', 'ro.drafted', { id: Number(planId) }));
  const seatsAt = async (time: string) => {
    const r = await call(e2e.hub, 'GET', `/api/slots?serviceId=application-inquiry&from=${SUNDAY}&days=1`, { cookie });
    return r.body.days[0].slots.find((s: { time: string }) => s.time === time)?.capacity ?? 0;
  };
  expect(await seatsAt('07:30')).toBe(2); // a draft changes nothing

  await sup.getByTestId(`ro-confirm-${planId}`).click();
  const dialog = sup.getByTestId('ro-confirm-dialog');
  expect(await dialog.locator('h2').innerText()).toContain(formatDay(SUNDAY, 'ar'));
  expect(await sup.getByTestId('ro-confirm-counters').locator('li').count()).toBe(3);
  await sup.getByTestId('dialog-submit').click();
  await sup.locator(`[data-testid="ro-plan-${planId}"][data-status="scheduled"]`).waitFor();
  expect(await seatsAt('07:00')).toBe(3);

  // The same day again: the hub's refusal, worded in Arabic.
  await sup.getByTestId('ro-preview').click();
  const refusal = sup.getByTestId('ro-error');
  await refusal.waitFor();
  expect(await refusal.getAttribute('data-code')).toBe('ROLLOUT_DAY_TAKEN');
  expect(await refusal.innerText()).toBe(ERRORS.ROLLOUT_DAY_TAKEN.ar);
  expect(errors).toEqual([]);
}, 60_000);
