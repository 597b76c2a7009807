// The live hall in Chromium, on a real hub: the demo supervisor opens /supervisor#live; walk-ins
// issued over the API raise the waiting figure without a reload; a counter opened over the API by
// counter1 shows staffed with its ticket; the supervisor closes it from the screen (the dialog says
// the ticket goes back and the terminal is told) and the ticket is back in the waiting list; one
// waiting ticket is moved to a counter and another cancelled; a counter goes out of service and
// back; a general counter becomes mixed; a ticker message reaches a display's socket; the kiosk going
// offline raises an alert (with the tone turned on) which is acknowledged and stays so after a
// reload; ending the day (typed confirmation) makes the kiosk refuse walk-ins with DAY_ENDED.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import type { HallEvent } from '../../protocol/events.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { checkLayout, newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, type Client, connectClient, DEMO, deviceToken, login } from '../helpers/hub.ts';

const DESK = { width: 1366, height: 768 };

const e2e = e2eFile();
let context: BrowserContext;
let kiosk: Client;
let display: Client;
let kioskToken: string;

beforeAll(async () => {
  // Both demo devices online, as in a working hall: an offline alert is then the kiosk's doing alone.
  kioskToken = deviceToken(e2e.hub, 'kiosk');
  kiosk = await connectClient(e2e.hub, { token: kioskToken });
  display = await connectClient(e2e.hub, { token: deviceToken(e2e.hub, 'display') });
}, 60_000);

afterAll(async () => {
  kiosk?.close();
  display?.close();
  await context?.close();
});

/** Nothing cut off, spilling or overlapping, and the page itself does not scroll. */
async function expectTidy(page: Page, what: string) {
  const problems = await checkLayout(page, {
    skip: 'svg, option',
    ellipsisOk: true,
    containers: 'button, .notice, .card, .lv-alert, .modal',
    containerSkip: 'svg *',
    stacks: '.header-end, .sv-page-head, .lv-figures, .lv-columns, .lv-counters, .lv-counter-line, .dialog-buttons, .sv-actions, .sv-pair',
  });
  expect(problems, what).toEqual([]);
}

const walkIn = (serviceId = 'new-application') => call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId } });
const figure = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-value');
const events = (c: Client): HallEvent[] => c.deltas.flatMap((d) => d.events as HallEvent[]);

it('runs the hall live: figures, a counter closed and switched, a ticker message, an acknowledged alert, the day ended', async () => {
  context = await newShotContext(e2e.browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
  // The browser's clock is Playwright's, so the test can move it past the offline grace without waiting a minute.
  await context.clock.install();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${e2e.hub.url}/supervisor#live`);
  await page.getByTestId('login-username').fill(DEMO.supervisor[0]);
  await page.getByTestId('login-password').fill(DEMO.supervisor[1]);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('figure-waiting').waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  expect(await figure(page, 'figure-waiting')).toBe('0');
  await page.getByTestId('no-alerts').waitFor();
  expect(await page.getByTestId('live-devices').locator('[data-online="true"]').count()).toBe(2);

  // Walk-ins over the API: the crowding figure and the queue follow without a reload.
  for (let i = 0; i < 3; i++) expect((await walkIn()).status).toBe(201);
  expect((await walkIn('application-inquiry')).status).toBe(201);
  await expect.poll(() => figure(page, 'figure-waiting')).toBe('4');
  expect(await figure(page, 'queue-count-B')).toBe('3');
  expect(await figure(page, 'queue-count-C')).toBe('1');
  await page.getByTestId('waiting-B-001').waitFor();

  // counter1 opens counter 3 and calls: staffed, with its ticket and a running clock.
  const counterCookie = await login(e2e.hub, ...DEMO.counter1);
  const terminal = await connectClient(e2e.hub, { cookie: counterCookie });
  try {
    expect((await call(e2e.hub, 'POST', '/api/counters/3/open', { cookie: counterCookie })).status).toBe(200);
    expect((await call(e2e.hub, 'POST', '/api/counters/3/call-next', { cookie: counterCookie })).status).toBe(200);
    const card = page.getByTestId('counter-3');
    await expect.poll(() => card.getAttribute('data-status')).toBe('open');
    await expect.poll(() => page.getByTestId('counter-3-ticket').getAttribute('data-ticket')).toBe('B-001');
    expect(await page.getByTestId('counter-3-staff').innerText()).toBe('علي حسن');
    expect(await figure(page, 'figure-waiting')).toBe('3');
    expect(await page.getByTestId('waiting-B-001').count()).toBe(0);
    await expectTidy(page, 'busy live hall');
    await screenshot(page, 'supervisor-ar-live');

    // The supervisor closes it: the dialog says what happens; the ticket is back in the waiting list.
    await page.getByTestId('counter-menu-3').click();
    await page.getByTestId('close-3').click();
    expect(await page.getByTestId('staffed-warning').innerText()).toBe(tv('ar', 'live.staffedTicket', { name: 'علي حسن', label: 'B-001' }));
    expect(await page.getByTestId('dialog-submit').isDisabled()).toBe(true);
    await page.getByTestId('live-reason').fill('اجتماع طارئ');
    await expectTidy(page, 'close dialog');
    await screenshot(page, 'supervisor-ar-live-close-dialog');
    await page.getByTestId('dialog-submit').click();
    await page.getByTestId('close-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => card.getAttribute('data-status')).toBe('closed');
    await page.getByTestId('waiting-B-001').waitFor();
    expect(await figure(page, 'figure-waiting')).toBe('4');
    expect(Object.values(e2e.hub.hub.current.tickets).find((t) => t.label === 'B-001')!.status).toBe('waiting');
    await expect
      .poll(() => events(terminal).find((e) => e.type === 'counter_closed' && e.counter === 3))
      .toMatchObject({ type: 'counter_closed', counter: 3, by: 'supervisor' });
  } finally {
    terminal.close();
  }

  // A waiting ticket moved to one counter, another cancelled with a reason, both picked from their queue.
  await page.getByTestId('waiting-B-002').click();
  expect(await page.getByTestId('dialog-submit').isDisabled()).toBe(true);
  await page.getByTestId('move-counter').selectOption('5');
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('ticket-dialog').waitFor({ state: 'detached' });
  const ticket = (label: string) => Object.values(e2e.hub.hub.current.tickets).find((t) => t.label === label)!;
  expect(ticket('B-002')).toMatchObject({ status: 'waiting', targetCounter: 5 });
  await page.getByTestId('waiting-C-001').click();
  await page.getByTestId('ticket-cancel').check();
  await page.getByTestId('live-reason').fill('غادر القاعة');
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('ticket-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('waiting-C-001').waitFor({ state: 'detached' });
  expect(ticket('C-001').status).toBe('cancelled');
  expect(await figure(page, 'figure-waiting')).toBe('3');

  // Counter 6 out of service (its reason shown), then back.
  await page.getByTestId('counter-menu-6').click();
  await page.getByTestId('out-of-service-6').click();
  await page.getByTestId('live-reason').fill('عطل في الحاسوب');
  await page.getByTestId('dialog-submit').click();
  await expect.poll(() => page.getByTestId('counter-6').getAttribute('data-status')).toBe('out_of_service');
  expect(await page.getByTestId('counter-6-reason').innerText()).toBe(tv('ar', 'live.reasonIs', { reason: 'عطل في الحاسوب' }));
  await page.getByTestId('counter-menu-6').click();
  await page.getByTestId('restore-6').click();
  await page.getByTestId('dialog-submit').click();
  await expect.poll(() => page.getByTestId('counter-6').getAttribute('data-status')).toBe('closed');

  // A general counter switched to mixed from its dialog.
  expect(await page.getByTestId('counter-4').getAttribute('data-mode')).toBe('general');
  await page.getByTestId('counter-menu-4').click();
  await page.getByTestId('setup-4').click();
  await page.getByTestId('mode-mixed').check();
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('setup-dialog').waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('counter-4').getAttribute('data-mode')).toBe('mixed');
  expect(e2e.hub.hub.current.counters['4']!.mode).toBe('mixed');
  // A ticker message for half an hour: the display's socket receives it.
  await page.getByTestId('ticker-add').click();
  await page.getByTestId('ticker-ar').fill('يغلق الشباك 5 للصلاة');
  await page.getByTestId('ticker-en').fill('Counter 5 closes for prayer');
  await page.getByTestId('ticker-expiry').selectOption('30');
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('ticker-dialog').waitFor({ state: 'detached' });
  await expect
    .poll(() => events(display).find((e) => e.type === 'ticker_set'))
    .toMatchObject({
      message: { ar: 'يغلق الشباك 5 للصلاة', en: 'Counter 5 closes for prayer' },
    });
  const sent = events(display).find((e) => e.type === 'ticker_set');
  if (sent?.type !== 'ticker_set') throw new Error('no ticker message on the display');
  // Half an hour from the browser's hub clock, which runs on while the test hub's clock stands still.
  expect(sent.message.expiresAt - sent.at).toBeGreaterThanOrEqual(30 * 60_000);
  expect(sent.message.expiresAt - sent.at).toBeLessThan(31 * 60_000);
  await page.getByTestId(`ticker-${sent.message.id}`).waitFor();

  // The kiosk goes offline; past the grace minute an alert comes, with the tone on.
  await page.getByTestId('alert-sound').locator('input').check();
  const kioskId = repo.loadDemoDevices(e2e.hub.db)!.kiosk;
  kiosk.close();
  await expect.poll(() => page.getByTestId(`device-${kioskId}`).getAttribute('data-online')).toBe('false');
  expect(await page.getByTestId(`alert-offline:${kioskId}`).count()).toBe(0);
  e2e.hub.clock.advance(2 * 60_000);
  await context.clock.setSystemTime(Date.now() + 2 * 60_000);
  const alert = page.getByTestId(`alert-offline:${kioskId}`);
  await alert.waitFor();
  expect(await alert.getAttribute('data-acknowledged')).toBe('false');
  expect(await alert.innerText()).toContain(tv('ar', 'live.severity.critical'));
  // The tone is counted by an effect after the alert is drawn.
  await expect.poll(() => page.getByTestId('alert-sound').getAttribute('data-tones')).toBe('1');
  await expectTidy(page, 'alert');
  await screenshot(page, 'supervisor-ar-live-alert');
  await page.getByTestId(`ack-offline:${kioskId}`).click();
  expect(await alert.getAttribute('data-acknowledged')).toBe('true');
  await page.reload();
  await alert.waitFor();
  expect(await alert.getAttribute('data-acknowledged')).toBe('true');

  // Counter 4, mixed now, takes a due appointment ahead of the walk-ins that have waited longer.
  const checkedIn = await call(e2e.hub, 'POST', '/api/kiosk/check-in', { token: kioskToken, body: { cpr: '900000005' } });
  expect(checkedIn.status).toBe(200);
  e2e.hub.clock.advance(10 * 60_000); // 09:10: the booking's slot starts, so it is due (before, it is an early arrival)
  const second = await login(e2e.hub, ...DEMO.counter2);
  expect((await call(e2e.hub, 'POST', '/api/counters/4/open', { cookie: second })).status).toBe(200);
  const called = await call(e2e.hub, 'POST', '/api/counters/4/call-next', { cookie: second });
  expect(called.status).toBe(200);
  const due = Object.values(e2e.hub.hub.current.tickets).find((t) => t.id === e2e.hub.hub.current.counters['4']!.currentTicketId)!;
  expect(due).toMatchObject({ kind: 'appointment', serviceId: 'new-application', status: 'called' });
  await expect.poll(() => page.getByTestId('counter-4').getAttribute('data-status')).toBe('open');

  // Ending the day early: typed confirmation; the kiosk then refuses walk-ins.
  await page.getByTestId('end-day').click();
  await page.getByTestId('end-day-word').fill('نعم');
  expect(await page.getByTestId('dialog-submit').isDisabled()).toBe(true);
  await page.getByTestId('end-day-word').fill(tv('ar', 'live.endDayWord'));
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('day-ended').waitFor();
  await expect.poll(() => figure(page, 'figure-waiting')).toBe('0');
  const refused = await walkIn();
  expect([refused.status, refused.body.error?.code]).toEqual([409, 'DAY_ENDED']);
  expect(errors).toEqual([]);
});
