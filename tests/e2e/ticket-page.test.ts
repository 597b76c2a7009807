// The citizen's live ticket page in Chromium on a phone (390×844) against a real hub: a walk-in's
// page follows the queue (place in line, then "your turn is near"), turns sound on with one tap and
// chimes and buzzes when near and when called at counter 3; after service it asks the feedback
// question, takes one answer, and the answer appears in the supervisor's report. Both languages,
// screenshots in test-artifacts/.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { t } from '../../kiosk-ui/i18n.ts';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login } from '../helpers/hub.ts';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };
const DAY = '2026-11-26';

const e2e = e2eFile();

/** Counts what the page asks of the speaker and the vibration motor (the phone's own are not there to listen to). */
const SPY = `
  window.__oscillators = 0;
  window.__buzzes = [];
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { window.__oscillators++; return create.call(this); };
  Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (p) => { window.__buzzes.push(p); return true; } });
`;
const spied = (page: Page) => page.evaluate(() => ({ oscillators: (window as any).__oscillators as number, buzzes: (window as any).__buzzes as number[][] }));

async function toLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const state = (page: Page, s: string) => page.locator(`[data-testid="status-state"][data-state="${s}"]`).waitFor({ timeout: 10_000 });
const position = (page: Page) => page.getByTestId('status-position').getAttribute('data-value');

/** The kinds of the SMS queued to a phone, oldest first. */
const smsKindsTo = (phone: string) =>
  repo
    .listMessages(e2e.hub.db)
    .filter((m) => m.to === phone)
    .sort((a, b) => a.id - b.id)
    .map((m) => m.kind);

// The phone number typed at the kiosk gets the SMS "near", "called" and "called again" as the page shows each.
it("a walk-in's phone follows the queue to 'called', answers the feedback question, and the answer is in the supervisor's report", async () => {
  const kiosk = deviceToken(e2e.hub, 'kiosk');
  const counter = await login(e2e.hub, ...DEMO.counter1);
  expect((await call(e2e.hub, 'POST', '/api/counters/3/open', { cookie: counter })).status).toBe(200);
  for (let i = 0; i < 3; i++) await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
  const mine = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application', phone: '36123456' } });
  expect(mine.status).toBe(201);
  const sms = () => smsKindsTo('+97336123456');
  expect(sms()).toEqual([]);

  const context = await newShotContext(e2e.browser, { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-BH' });
  e2e.track(context);
  await context.addInitScript(SPY);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${e2e.hub.url}${mine.body.statusUrl}`);
  await state(page, 'waiting');
  expect(await position(page)).toBe('4');
  expect(await page.getByTestId('status-updated').innerText()).toMatch(/^آخر تحديث \d\d:\d\d$/);
  await screenshot(page, 'ticket-page-ar-1-waiting');
  await toLang(page, 'en');
  expect(await page.getByTestId('status-updated').innerText()).toMatch(/^Updated \d\d:\d\d$/);
  await screenshot(page, 'ticket-page-en-1-waiting');

  // One tap allows sound: the page plays its chime once (two notes) so the citizen knows it.
  await page.getByTestId('sound-switch').tap();
  await page.locator('[data-testid="sound-switch"][aria-pressed="true"]').waitFor();
  expect((await spied(page)).oscillators).toBe(2);

  // The counter calls the first: place 3 is "near" (the hall's setting, 3 by default) — a chime and a short buzz.
  const serveNext = async () => {
    expect((await call(e2e.hub, 'POST', '/api/counters/3/call-next', { cookie: counter })).status).toBe(200);
    await call(e2e.hub, 'POST', '/api/counters/3/start', { cookie: counter });
    e2e.hub.clock.advance(4 * 60_000);
    await call(e2e.hub, 'POST', '/api/counters/3/finish', { cookie: counter, body: { outcome: 'served' } });
  };
  await serveNext();
  await state(page, 'near');
  expect(await position(page)).toBe('3');
  expect(sms()).toEqual(['near_turn']);
  expect(await page.getByTestId('status-near').innerText()).toContain(t('en', 'status.nearBody'));
  expect(await spied(page)).toEqual({ oscillators: 4, buzzes: [[250]] });
  await screenshot(page, 'ticket-page-en-2-near');
  await toLang(page, 'ar');
  await screenshot(page, 'ticket-page-ar-2-near');

  // Still near as the line moves: no second alert until the call.
  await serveNext();
  await page.locator('[data-testid="status-position"][data-value="2"]').waitFor();
  await serveNext();
  await page.locator('[data-testid="status-position"][data-value="1"]').waitFor();
  expect((await spied(page)).buzzes).toHaveLength(1);

  expect((await call(e2e.hub, 'POST', '/api/counters/3/call-next', { cookie: counter })).body.ticket.id).toBe(mine.body.ticket.id);
  await state(page, 'called');
  expect(await page.getByTestId('status-counter').getAttribute('data-value')).toBe('3');
  expect(sms()).toEqual(['near_turn', 'called']);
  // The switch drawn again on the called card still says sound is on.
  expect(await page.getByTestId('sound-switch').getAttribute('aria-pressed')).toBe('true');
  expect(await spied(page)).toEqual({ oscillators: 6, buzzes: [[250], [400, 150, 400, 150, 400]] });
  await screenshot(page, 'ticket-page-ar-3-called');
  await toLang(page, 'en');
  await screenshot(page, 'ticket-page-en-3-called');
  // A recall calls for attention again.
  await call(e2e.hub, 'POST', '/api/counters/3/recall', { cookie: counter });
  await page.waitForFunction(() => (window as any).__buzzes.length === 3);
  expect(sms()).toEqual(['near_turn', 'called', 'recalled']);

  await call(e2e.hub, 'POST', '/api/counters/3/start', { cookie: counter });
  e2e.hub.clock.advance(6 * 60_000);
  await call(e2e.hub, 'POST', '/api/counters/3/finish', { cookie: counter, body: { outcome: 'served' } });
  await page.getByTestId('feedback-form').waitFor({ timeout: 10_000 });
  await state(page, 'done');
  await screenshot(page, 'ticket-page-en-4-feedback');
  await toLang(page, 'ar');
  expect(await page.getByTestId('feedback-send').isDisabled()).toBe(true);
  await page.getByTestId('feedback-face-4').tap();
  await page.getByTestId('feedback-comment').fill('خدمة سريعة، شكرًا');
  await screenshot(page, 'ticket-page-ar-4-feedback');
  await page.getByTestId('feedback-send').tap();
  await state(page, 'feedback_given');
  expect(await page.getByTestId('feedback-form').count()).toBe(0);
  await screenshot(page, 'ticket-page-ar-5-thanks');
  // A reload asks no more: one answer per ticket.
  await page.reload();
  await state(page, 'feedback_given');
  await toLang(page, 'en');
  await screenshot(page, 'ticket-page-en-5-thanks');
  expect(errors).toEqual([]);

  // The supervisor's report shows it: the walk-ins' row and counter 3's.
  const sup = await e2e.context(await login(e2e.hub, ...DEMO.supervisor), DESK);
  const console = await sup.newPage();
  await console.goto(`${e2e.hub.url}/supervisor#reports?from=${DAY}&to=${DAY}`);
  const table = console.getByTestId('rp-table-satisfaction');
  await table.waitFor({ timeout: 30_000 });
  const cells = async (row: string) => (await table.locator(`tr[data-row="${row}"]`).innerText()).split('\t').map((c) => c.trim());
  await toLang(console, 'ar');
  expect(await cells('kind:walkin')).toEqual([tv('ar', 'rp.kind'), tv('ar', 'rp.kind.walkin'), '1', '4', '100٪']);
  expect((await cells('counter:3')).slice(2)).toEqual(['1', '4', '100٪']);
  expect(await console.getByTestId('rp-satisfaction-comments').innerText()).toContain('خدمة سريعة، شكرًا');
  await console.getByTestId('rp-satisfaction').scrollIntoViewIfNeeded();
  await screenshot(console, 'ticket-page-report-ar');
  await toLang(console, 'en');
  expect(await cells('kind:walkin')).toEqual(['Kind', 'Walk-in', '1', '4', '100%']);
  await console.getByTestId('rp-satisfaction').scrollIntoViewIfNeeded();
  await screenshot(console, 'ticket-page-report-en');
}, 180_000);
