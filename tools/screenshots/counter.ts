// Screenshots of the counter terminal in each state (Arabic and English, 1366×768), for people to
// look at. Not a test: it drives a running demo hub with two counter users and the demo kiosk,
// and checks each screen for clipping and overflow. It uses up a few demo bookings, so give it a
// fresh hub:
//
//   PORT=8097 DOR_DB=/tmp/c/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx tools/screenshots/counter.ts [--base http://localhost:8097] [--out /tmp/counter-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, newShotContext, ShotRun, type LayoutRules } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8097' },
    out: { type: 'string', default: '/tmp/counter-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

// --- the hub, as the demo kiosk and as a supervisor (plain HTTP)
async function cookieFrom(res: Response): Promise<string> {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (set.length === 0) throw new Error(`no cookie from ${res.url} (${res.status})`);
  return set.join('; ');
}
const kioskCookie = await cookieFrom(await fetch(`${BASE}/demo/open/kiosk`, { redirect: 'manual' }));
const adminCookie = await cookieFrom(
  await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin123' }),
  }),
);

async function hub<T>(path: string, cookie: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// Lift the kiosk rate limit for this run (the script issues a burst of tickets), and keep the
// check-in window open long enough for a 07:30 booking with a full citizen record at 09:00.
const { settings } = await hub<{ settings: Record<string, unknown> }>('/api/settings', adminCookie);
await hub('/api/settings', adminCookie, { ...settings, kioskTicketsPerMinute: 1000, kioskTicketsBurst: 1000, checkInLateMinutes: 180 }, 'PUT');

const walkIn = (serviceId: string, priority = 'none', cpr: string | null = null) =>
  hub<{ ticket: { label: string } }>('/api/kiosk/tickets', kioskCookie, { serviceId, priority, cpr });
const checkIn = (cpr: string) => hub<{ outcome: string; ticket?: { label: string } }>('/api/kiosk/check-in', kioskCookie, { cpr });

// --- screens
/** The terminal's layout rules: only the waiting list scrolls; text cut with an ellipsis is fine. */
const COUNTER_RULES: LayoutRules = {
  skip: 'svg, .waiting-list *',
  ellipsisOk: true,
  containers: 'button, .card, .notice, .chip, .timer, .stat, .queue, .details, .details-col, .dt-panel, .cc-item',
  containerSkip: 'svg *',
  stacks:
    'button, .card, .notice, .timers, .details-list, .chips, .actions, .w-item, .w-meta, .counter-title, .header-end, .app-header, .queues, .stats, ' +
    '.dialog-body, ' +
    '.details-col, .dt-tabs, .dt-panel, .cc-name .pair, .cc-section, .cc-list, .cc-member, .cc-member-facts, .cc-item-head, .cc-item-sub, .cc-history',
};

async function shot(page: Page, label: string): Promise<void> {
  await run.shot(page, label, COUNTER_RULES, 200);
}

async function setLang(page: Page, lang: 'ar' | 'en') {
  const current = await page.locator('.counter-app').getAttribute('data-lang');
  if (current !== lang) await page.getByTestId('lang-toggle').click();
  await page.locator(`.counter-app[data-lang="${lang}"]`).waitFor();
}

/** The same screen in Arabic and in English (back to Arabic after). */
async function both(page: Page, name: string, reopen?: () => Promise<void>, close?: () => Promise<void>) {
  for (const lang of ['ar', 'en'] as const) {
    if (close) await close();
    await setLang(page, lang);
    if (reopen) await reopen();
    await shot(page, `${name}-${lang}`);
  }
  if (close) await close();
  await setLang(page, 'ar');
  if (reopen) await reopen();
}

const state = (page: Page, value: string) => page.locator(`[data-testid="counter-state"][data-value="${value}"]`).waitFor();

/** The details column's tabs: which are there, which one is open, and one panel only. */
async function tabsAre(page: Page, where: string, expected: string[], open: string) {
  const tabs = await page
    .locator('[role="tablist"] [role="tab"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}${e.getAttribute('aria-selected') === 'true' ? '*' : ''}`));
  const want = expected.map((t) => `details-tab-${t}${t === open ? '*' : ''}`);
  if (tabs.join() !== want.join()) run.problems.push(`${where}: tabs ${tabs.join()} (expected ${want.join()})`);
  const panels = await page.locator('[role="tabpanel"]').count();
  if (panels !== 1) run.problems.push(`${where}: ${panels} tab panels rendered`);
}

/** Opens a details tab and waits for its panel (the citizen's record loaded, or found missing). */
async function openTab(page: Page, tab: 'ticket' | 'citizen' | 'files') {
  await page.getByTestId(`details-tab-${tab}`).click();
  const panel = {
    ticket: '[role="tabpanel"] .details',
    citizen: '[data-testid="citizen-card"]:not([data-state="loading"])',
    files: '[data-testid="citizen-files"][data-state="ok"]',
  }[tab];
  await page.locator(panel).waitFor();
}

/** Calls a waiting ticket by its label from the side panel's list. */
async function callFromList(page: Page, label: string) {
  await page.locator(`[data-testid^="waiting-"][data-label="${label}"] [data-testid^="call-"]`).click();
  await page.locator(`[data-testid="current-label"]:text-is("${label}")`).waitFor();
}

async function finishCurrent(page: Page) {
  if ((await page.getByTestId('counter-state').getAttribute('data-value')) === 'called') {
    await page.keyboard.press('s');
    await state(page, 'serving');
  }
  await page.keyboard.press('f');
  await page.getByTestId('outcome-served').click();
  await page.getByTestId('finish-confirm').click();
  await state(page, 'idle');
}

const browser = await launchChromium();
try {
  const a = await (await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1, locale: 'ar-BH' })).newPage();
  const b = await (await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1, locale: 'ar-BH' })).newPage();
  for (const p of [a, b]) run.watch(p);

  // Tickets in the hall before anyone opens a counter.
  for (const [service, priority] of [
    ['new-application', 'none'],
    ['application-inquiry', 'elderly'],
    ['update-details', 'none'],
    ['new-application', 'none'],
    ['family-members', 'pregnancy'],
    ['letter-follow-up', 'none'],
  ] as const) {
    await walkIn(service, priority);
  }

  // 1. login (and a wrong password)
  await a.goto(`${BASE}/counter`);
  await a.getByTestId('login-username').waitFor();
  await both(a, '01-login');
  await a.getByTestId('login-username').fill('counter1');
  await a.getByTestId('login-password').fill('wrong-password');
  await a.getByTestId('login-submit').click();
  await a.getByTestId('login-error').waitFor();
  await both(a, '02-login-error');

  // 2. counter picker
  await a.getByTestId('login-password').fill('counter123');
  await a.getByTestId('login-submit').click();
  await a.getByTestId('counter-pick-1').waitFor();
  await both(a, '03-picker');

  // counter1 opens the appointment counter 1; counter2 tries the same counter, then opens 3
  await a.getByTestId('counter-pick-1').click();
  await state(a, 'idle');
  await b.goto(`${BASE}/counter`);
  await b.getByTestId('login-username').fill('counter2');
  await b.getByTestId('login-password').fill('counter123');
  await b.getByTestId('login-submit').click();
  await b.getByTestId('counter-pick-1').click();
  await b.getByTestId('open-error').waitFor();
  await both(b, '04-picker-counter-taken');
  await b.getByTestId('counter-pick-3').click();
  await state(b, 'idle');

  // 3. idle general counter with a queue
  await both(b, '05-idle-general');

  /** Closes the open dialog, if any (Escape). */
  const closeDialog = (p: Page) => async () => {
    if (await p.locator('dialog[open]').count()) {
      await p.keyboard.press('Escape');
      await p.locator('dialog[open]').waitFor({ state: 'detached' });
    }
  };

  // 4. an error: the appointment counter holds for a booking → WALKINS_HELD, saying which and until when
  await both(a, '06-idle-appointment-holding');
  await a.keyboard.press('n');
  await a.locator('[data-testid="action-error"][data-code="WALKINS_HELD"]').waitFor();
  await both(a, '07-error-walkins-held');
  await a.keyboard.press('Escape');

  // 5. called walk-in at counter 3
  await b.getByTestId('btn-call-next').click();
  await state(b, 'called');
  await both(b, '08-called-walkin');
  // a no-show is asked first, saying what it does (not confirmed here)
  const openNoShow = async () => {
    await b.keyboard.press('x');
    await b.getByTestId('no-show-dialog').waitFor();
  };
  await openNoShow();
  await both(b, '08a-no-show-dialog', openNoShow, closeDialog(b));
  await closeDialog(b)();
  await b.keyboard.press('s');
  await state(b, 'serving');
  await both(b, '09-serving-walkin');

  // 6. finish dialog
  const openFinish = async () => {
    await b.getByTestId('btn-finish').click();
    await b.getByTestId('outcome-served').waitFor();
    await b.getByTestId('outcome-info_given').click();
    await b.getByTestId('finish-note').fill('Asked to bring the salary certificate / طُلب إحضار شهادة الراتب');
  };
  // finishing without an outcome says what is missing
  const finishWithoutOutcome = async () => {
    await b.getByTestId('btn-finish').click();
    await b.getByTestId('finish-confirm').click();
    await b.getByTestId('finish-pick-outcome').waitFor();
  };
  await finishWithoutOutcome();
  await both(b, '09a-finish-without-outcome', finishWithoutOutcome, closeDialog(b));
  await closeDialog(b)();
  await openFinish();
  await both(b, '10-finish-dialog', openFinish, closeDialog(b));
  await b.getByTestId('finish-confirm').click();
  await state(b, 'idle');
  await b.getByTestId('action-done').waitFor();
  await both(b, '10-finished-said');

  // 6b. a walk-in whose CPR was typed at the kiosk (a record with family, an application and a
  // letter): its citizen and files tabs. Then one whose CPR has no record (no files tab).
  const known = await walkIn('update-details', 'none', '900000001');
  await callFromList(b, known.ticket.label);
  await tabsAre(b, '10a-walkin-cpr', ['ticket', 'citizen', 'files'], 'ticket');
  await openTab(b, 'citizen');
  await both(b, '10a-walkin-cpr-citizen-tab');
  await openTab(b, 'files');
  await both(b, '10b-walkin-cpr-files-tab');
  await finishCurrent(b);
  const unknown = await walkIn('letter-follow-up', 'none', '900000099');
  await callFromList(b, unknown.ticket.label);
  await b.locator('[data-testid="details-tab-files"]').waitFor({ state: 'detached' });
  await tabsAre(b, '10c-walkin-no-record', ['ticket', 'citizen'], 'ticket');
  await openTab(b, 'citizen');
  if ((await b.getByTestId('citizen-card').getAttribute('data-state')) !== 'missing') run.problems.push('10c: the unknown CPR is not shown as missing');
  await both(b, '10c-walkin-no-record-citizen-tab');
  await finishCurrent(b);

  // 7. an appointment: check-in (slot 07:30 with call-center notes and a full citizen record),
  // called and served at counter 1
  const appt = await checkIn('900000002');
  if (appt.outcome !== 'checked_in') run.problems.push(`check-in of 900000002: ${appt.outcome}`);
  await a.getByTestId('btn-call-next').click();
  await state(a, 'called');
  await tabsAre(a, '11-called-appointment', ['ticket', 'citizen', 'files'], 'ticket');
  await both(a, '11-called-appointment');
  // The record's two tabs (fetched with the ticket), then arrow keys along the tabs (RTL: ← is next).
  await openTab(a, 'citizen');
  await both(a, '11a-appointment-citizen-tab');
  await openTab(a, 'files');
  await both(a, '11b-appointment-files-tab');
  await a.getByTestId('details-tab-ticket').focus();
  await a.keyboard.press('ArrowLeft');
  await tabsAre(a, '11c-arrow-key', ['ticket', 'citizen', 'files'], 'citizen');
  await openTab(a, 'ticket');
  await a.getByTestId('btn-start').click();
  await state(a, 'serving');
  await a.waitForTimeout(2200); // the service timer moves
  await both(a, '12-serving-appointment');

  // 8. transfer dialog (a service and a counter picked)
  const openTransfer = async () => {
    await a.keyboard.press('t');
    await a.getByTestId('transfer-dialog').waitFor();
    await a.getByTestId('transfer-service-update-details').click();
    await a.getByTestId('transfer-counter-3').click();
  };
  await openTransfer();
  await both(a, '13-transfer-dialog', openTransfer, closeDialog(a));
  await closeDialog(a)();
  await a.keyboard.press('f');
  await a.getByTestId('outcome-served').click();
  await a.getByTestId('finish-confirm').click();
  await state(a, 'idle');

  // 9. pause dialog and paused
  const openPause = async () => {
    // The key works once the finish has settled (its button enabled again), not a moment before.
    await a.locator('[data-testid="btn-pause"]:enabled').waitFor();
    await a.keyboard.press('p');
    await a.getByTestId('pause-reason').waitFor();
    await a.getByTestId('pause-preset-1').click();
  };
  await openPause();
  await both(a, '14-pause-dialog', openPause, closeDialog(a));
  await a.getByTestId('pause-confirm').click();
  await state(a, 'paused');
  await both(a, '15-paused');

  // 10. the served counter's stats after a few more tickets, and a reload that comes back
  await b.keyboard.press('n');
  await state(b, 'called');
  await tabsAre(b, '16-new-ticket', ['ticket'], 'ticket');
  await b.reload();
  await state(b, 'called');
  await both(b, '16-after-reload-called');

  // 11. a supervisor changes counter 1's services: its terminal says so, and its queues follow
  await hub('/api/hall/counters/1/services', adminCookie, { serviceIds: ['new-application', 'family-members'] }, 'PUT');
  await a.getByTestId('setup-changed').waitFor();
  await both(a, '17-setup-changed');

  // 12. a supervisor takes counter 5 out of service, then closes counter 3 under its user: the
  // terminal goes back to the picker and says who closed it and why (its ticket is back in the queue)
  await hub('/api/hall/counters/5/out-of-service', adminCookie, { reason: 'عطل في الشاشة / Screen broken' });
  await hub('/api/hall/counters/3/close', adminCookie, { reason: 'مطلوب في مكتب المشرف' });
  await b.getByTestId('pick-notice').waitFor();
  await b.getByTestId('counter-unavailable-5').waitFor();
  await both(b, '18-closed-by-supervisor');
  await hub('/api/hall/counters/5/restore', adminCookie, {});

  // 13. the login throttled after many wrong passwords: a countdown, the username kept. Ten wrong
  // tries from this address first (the hub's locks of 1, 2, 4, 8, 16 s waited out), so that the
  // next one waits 32 s, long enough to shoot both languages.
  for (let failures = 0; failures < 10; ) {
    const res = await fetch(`${BASE}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counter2', password: 'wrong-password' }),
    });
    const body = (await res.json()) as { error: { details?: { retryAfterSeconds: number } } };
    if (res.status === 429) await new Promise((resolve) => setTimeout(resolve, body.error.details!.retryAfterSeconds * 1000));
    else failures++;
  }
  const c = await (await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1, locale: 'ar-BH' })).newPage();
  run.watch(c);
  await c.goto(`${BASE}/counter`);
  await c.getByTestId('login-username').fill('counter2');
  await c.getByTestId('login-password').fill('counter123');
  await c.getByTestId('login-submit').click();
  await c.locator('[data-testid="login-error"][data-code="LOGIN_THROTTLED"]').waitFor();
  if ((await c.getByTestId('login-username').inputValue()) !== 'counter2') run.problems.push('19-login-throttled: the username was not kept');
  await both(c, '19-login-throttled');
} finally {
  await browser.close();
  await hub('/api/settings', adminCookie, settings, 'PUT').catch(() => undefined);
}

run.report('no layout problems found', { list: true });
