// Screenshots of the supervisor console's live hall (Arabic and English; one size a run, 1366×768
// or 1920×1080, in the names: <size>-<lang>-…), for people to look at. Not a test: it drives a
// running demo hub as the demo supervisor — the quiet hall at opening (kiosk and display online),
// a busy hall (walk-ins, checked-in appointments, counters calling and serving, one out of service,
// a ticker message), its alert when the kiosk goes offline (then acknowledged), and the action
// dialogs — and checks each screen for clipping and overflow. It changes the hall, so give it a
// fresh hub:
//
//   PORT=8094 DOR_DB=/tmp/l/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx tools/screenshots/supervisor-live.ts [--base http://localhost:8094] [--out /tmp/live-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { launchChromium, type LayoutRules, newShotContext, ShotRun } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8094' },
    out: { type: 'string', default: '/tmp/live-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

/** The live hall's rules: nothing sticks out of a card, a counter row, an alert or a dialog; cut text ends in an ellipsis. */
const LIVE_RULES: LayoutRules = {
  skip: 'svg, option',
  ellipsisOk: true,
  containers: 'button, .notice, .card, .lv-alert, .modal, .user-menu-list',
  containerSkip: 'svg *',
  stacks: '.header-end, .sv-page-head, .lv-figures, .lv-columns, .lv-counters, .lv-counter-line, .dialog-buttons, .sv-pair, .sv-nav ul',
};

// --- the hub over plain HTTP: the demo devices, the supervisor and two counter users
async function cookieFrom(res: Response): Promise<string> {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (set.length === 0) throw new Error(`no cookie from ${res.url} (${res.status})`);
  return set.join('; ');
}
const device = async (kind: 'kiosk' | 'display') => cookieFrom(await fetch(`${BASE}/demo/open/${kind}`, { redirect: 'manual' }));
const staff = async (username: string, password: string) =>
  cookieFrom(
    await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }),
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

/** A device's line to the hub: online while it is open. */
function online(cookie: string): Promise<Socket> {
  const socket = io(BASE, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const kioskCookie = await device('kiosk');
const kiosk = await online(kioskCookie);
const display = await online(await device('display'));
const supervisor = await staff('supervisor', 'super123');
const counter1 = await staff('counter1', 'counter123');
const counter2 = await staff('counter2', 'counter123');

// The script issues a burst of tickets, and checks in the morning's bookings up to 09:00.
const admin = await staff('admin', 'admin123'); // settings are the admin's
const { settings } = await hub<{ settings: Record<string, unknown> }>('/api/settings', admin);
await hub('/api/settings', admin, { ...settings, kioskTicketsPerMinute: 1000, kioskTicketsBurst: 1000, checkInLateMinutes: 180 }, 'PUT');

async function shot(page: Page, label: string): Promise<void> {
  await run.shot(page, `${args.size}-${label}`, LIVE_RULES, 400);
}

async function inLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function busyHall(): Promise<void> {
  const walkIns = ['new-application', 'new-application', 'application-inquiry', 'update-details', 'new-application', 'family-members'];
  for (const serviceId of [...walkIns, ...walkIns, 'letter-follow-up']) {
    await hub('/api/kiosk/tickets', kioskCookie, { serviceId, priority: 'none', cpr: null });
  }
  for (let n = 900000001; n <= 900000006; n++) {
    // Bookings outside their check-in window are refused; those inside come in as appointment tickets.
    await hub('/api/kiosk/check-in', kioskCookie, { cpr: String(n) }).catch(() => undefined);
  }
  await hub('/api/counters/3/open', counter1, {});
  await hub('/api/counters/3/call-next', counter1, {});
  await hub('/api/counters/3/start', counter1, {});
  await hub('/api/counters/4/open', counter2, {});
  await hub('/api/counters/4/call-next', counter2, {});
  await hub('/api/hall/counters/6/out-of-service', supervisor, { reason: 'عطل في الحاسوب / Computer fault' });
  const in30 = Date.parse((await (await fetch(`${BASE}/healthz`)).json()).time) + 30 * 60_000;
  await hub('/api/hall/ticker', supervisor, { ar: 'الشباك 6 متوقف اليوم للصيانة', en: 'Counter 6 is closed today for maintenance', expiresAt: in30 });
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  // The page's clock is Playwright's, so the offline alert's grace minute can pass without waiting for it.
  await context.clock.install();
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/supervisor#live`);
  await page.getByTestId('login-username').fill('supervisor');
  await page.getByTestId('login-password').fill('super123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('figure-waiting').waitFor();
  await page.getByTestId('no-alerts').waitFor();

  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await shot(page, `${lang}-01-quiet`);
  }

  await busyHall();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="figure-waiting"]')?.getAttribute('data-value')) > 10);
  await page.getByTestId('counter-3-ticket').waitFor();
  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await shot(page, `${lang}-02-busy`);
  }

  // The kiosk goes offline; a minute and a half later (on the page's clock) it is an alert.
  kiosk.close();
  await page.waitForSelector('[data-testid^="device-"][data-online="false"]');
  await context.clock.setSystemTime(Date.now() + 90_000);
  await page.waitForSelector('[data-kind="device_offline"]');
  await inLang(page, 'ar');
  await shot(page, 'ar-03-alerts');
  // Acknowledged, it stays in the list, greyed.
  await page.locator('[data-kind="device_offline"] button').click();
  await inLang(page, 'en');
  await shot(page, 'en-03-alerts-acknowledged');

  // The dialogs: closing a staffed counter, a waiting ticket to move, the ticker, ending the day.
  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await page.getByTestId('counter-menu-3').click();
    await shot(page, `${lang}-04-counter-actions`);
    await page.getByTestId('close-3').click();
    await page.getByTestId('live-reason').fill(lang === 'ar' ? 'اجتماع طارئ للموظفين' : 'Staff meeting');
    await shot(page, `${lang}-05-close-dialog`);
    await page.getByTestId('dialog-cancel').click();

    await page.locator('[data-testid^="waiting-B-"]').first().click();
    await page.getByTestId('move-counter').selectOption('5');
    await shot(page, `${lang}-06-ticket-dialog`);
    await page.getByTestId('ticket-cancel').check();
    await shot(page, `${lang}-07-cancel-ticket-dialog`);
    await page.getByTestId('dialog-cancel').click();

    await page.getByTestId('counter-menu-4').click();
    await page.getByTestId('setup-4').click();
    await page.getByTestId('mode-mixed').check();
    await shot(page, `${lang}-08-mode-dialog`);
    await page.getByTestId('dialog-cancel').click();

    await page.getByTestId('ticker-add').click();
    await page.getByTestId('ticker-ar').fill('يرجى الاحتفاظ بالتذكرة حتى انتهاء المعاملة');
    await page.getByTestId('ticker-en').fill('Please keep your ticket until your business is done');
    await shot(page, `${lang}-09-ticker-dialog`);
    await page.getByTestId('dialog-cancel').click();

    await page.getByTestId('sms-all').click();
    await page.getByTestId('sms-ar').fill('نعتذر، النظام متوقف مؤقتاً؛ يرجى البقاء في مكانكم وسنخدمكم بالترتيب نفسه');
    await page.getByTestId('sms-en').fill('Sorry, the system is down for a while; please stay, you keep your place in line');
    await shot(page, `${lang}-09b-sms-dialog`);
    await page.getByTestId('dialog-cancel').click();

    await page.getByTestId('end-day').click();
    await shot(page, `${lang}-10-end-day-dialog`);
    await page.getByTestId('dialog-cancel').click();
  }
  await context.close();
} finally {
  kiosk.close();
  display.close();
  await browser.close();
}

run.report('no layout problems found', { list: true });
