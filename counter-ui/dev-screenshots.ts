// Screenshots of the counter terminal in each state (Arabic and English, 1366×768), for people to
// look at. Not a test: it drives a running demo hub with two counter users and the demo kiosk,
// and checks each screen for clipping and overflow. It uses up a few demo bookings, so give it a
// fresh hub:
//
//   PORT=8097 DOR_DB=/tmp/c/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx counter-ui/dev-screenshots.ts [--base http://localhost:8097] [--out /tmp/counter-shots] [--size 1366x768]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8097' },
    out: { type: 'string', default: '/tmp/counter-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const OUT = args.out!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
mkdirSync(OUT, { recursive: true });

const problems: string[] = [];
const written: string[] = [];

// --- the hub, as the demo kiosk and as a supervisor (plain HTTP)
async function cookieFrom(res: Response): Promise<string> {
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (set.length === 0) throw new Error(`no cookie from ${res.url} (${res.status})`);
  return set.join('; ');
}
const kioskCookie = await cookieFrom(await fetch(`${BASE}/demo/open/kiosk`, { redirect: 'manual' }));
const superCookie = await cookieFrom(await fetch(`${BASE}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: 'super123' }),
}));

async function hub<T>(path: string, cookie: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? null : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// Lift the kiosk rate limit for this run (the script issues a burst of tickets).
const { settings } = await hub<{ settings: Record<string, unknown> }>('/api/settings', superCookie);
await hub('/api/settings', superCookie, { ...settings, kioskTicketsPerMinute: 1000 }, 'PUT');

const walkIn = (serviceId: string, priority = 'none') => hub<{ ticket: { label: string } }>('/api/kiosk/tickets', kioskCookie, { serviceId, priority });
const checkIn = (cpr: string) => hub<{ outcome: string; ticket?: { label: string } }>('/api/kiosk/check-in', kioskCookie, { cpr });

// --- screens
async function audit(page: Page, label: string): Promise<void> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls ? `.${cls}` : ''}`;
    };
    const de = document.documentElement;
    if (de.scrollWidth > vw + 1 || de.scrollHeight > vh + 1) out.push(`page scrolls: ${de.scrollWidth}×${de.scrollHeight}`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('.waiting-list') && el !== el.closest('.waiting-list')) continue; // scrolls by design
      if (r.right > vw + 1 || r.bottom > vh + 1 || r.left < -1 || r.top < -1) {
        out.push(`outside the viewport: ${name(el)} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`);
        continue;
      }
      const he = el as HTMLElement;
      const ellipsis = style.textOverflow === 'ellipsis';
      if (!/(auto|scroll)/.test(style.overflowY) && style.overflowY !== 'visible' && he.scrollHeight > he.clientHeight + 2 && he.clientHeight > 0) {
        out.push(`clipped vertically: ${name(el)} (${he.scrollHeight} > ${he.clientHeight})`);
      }
      if (!ellipsis && !/(auto|scroll)/.test(style.overflowX) && style.overflowX !== 'visible' && he.scrollWidth > he.clientWidth + 2 && he.clientWidth > 0) {
        out.push(`clipped horizontally: ${name(el)} (${he.scrollWidth} > ${he.clientWidth})`);
      }
      if (el.matches('button, .card, .notice, .chip, .timer, .stat, .queue, .details')) {
        for (const child of Array.from(el.querySelectorAll('*'))) {
          if (child.closest('svg') && child.tagName.toLowerCase() !== 'svg') continue;
          const c = child.getBoundingClientRect();
          if (c.width === 0 || c.height === 0) continue;
          if (c.left < r.left - 1 || c.right > r.right + 1 || c.top < r.top - 1 || c.bottom > r.bottom + 1) out.push(`sticks out of ${name(el)}: ${name(child)}`);
        }
      }
    }
    // Siblings in a flex/grid box must not overlap.
    for (const box of Array.from(document.querySelectorAll('button, .card, .notice, .timers, .details-list, .chips, .actions, .w-item, .w-meta, .counter-title, .header-end, .app-header, .queues, .stats, .dialog-body'))) {
      const kids = Array.from(box.children).filter((k) => {
        const r = k.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(k).position !== 'absolute';
      });
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          const a = kids[i]!.getBoundingClientRect();
          const c = kids[j]!.getBoundingClientRect();
          const ox = Math.min(a.right, c.right) - Math.max(a.left, c.left);
          const oy = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
          if (ox > 1 && oy > 1) out.push(`overlap in ${name(box)}: ${name(kids[i]!)} / ${name(kids[j]!)}`);
        }
      }
    }
    return Array.from(new Set(out));
  });
  for (const f of found) problems.push(`${label}: ${f}`);
}

async function shot(page: Page, label: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(200);
  const path = join(OUT, `${label}.png`);
  await page.screenshot({ path });
  written.push(path);
  await audit(page, label);
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

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const a = await (await browser.newContext({ viewport: { width: W, height: H }, deviceScaleFactor: 1, locale: 'ar-BH' })).newPage();
  const b = await (await browser.newContext({ viewport: { width: W, height: H }, deviceScaleFactor: 1, locale: 'ar-BH' })).newPage();
  for (const p of [a, b]) {
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // tsx keeps function names with a helper that the page does not have (for page.evaluate).
    await p.addInitScript('window.__name = (f) => f');
  }

  // Tickets in the hall before anyone opens a counter.
  for (const [service, priority] of [['new-application', 'none'], ['application-inquiry', 'elderly'], ['update-details', 'none'], ['new-application', 'none'], ['family-members', 'pregnancy'], ['letter-follow-up', 'none']] as const) {
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

  // 4. an error: the appointment counter holds for booked slots → QUEUE_EMPTY
  await both(a, '06-idle-appointment-holding');
  await a.keyboard.press('n');
  await a.getByTestId('action-error').waitFor();
  await both(a, '07-error-queue-empty');
  await a.keyboard.press('Escape');

  // 5. called walk-in at counter 3
  await b.getByTestId('btn-call-next').click();
  await state(b, 'called');
  await both(b, '08-called-walkin');
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
  const closeDialog = (p: Page) => async () => {
    if (await p.locator('dialog[open]').count()) {
      await p.keyboard.press('Escape');
      await p.locator('dialog[open]').waitFor({ state: 'detached' });
    }
  };
  await openFinish();
  await both(b, '10-finish-dialog', openFinish, closeDialog(b));
  await b.getByTestId('finish-confirm').click();
  await state(b, 'idle');

  // 7. an appointment: check-in (early, slot 09:30 with call-center notes), called and served at counter 1
  const appt = await checkIn('900000006');
  if (appt.outcome !== 'checked_in') problems.push(`check-in of 900000006: ${appt.outcome}`);
  await a.getByTestId('btn-call-next').click();
  await state(a, 'called');
  await both(a, '11-called-appointment');
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
  await b.reload();
  await state(b, 'called');
  await both(b, '16-after-reload-called');
} finally {
  await browser.close();
  await hub('/api/settings', superCookie, settings, 'PUT').catch(() => undefined);
}

console.log(written.join('\n'));
if (problems.length) {
  console.log(`\n${problems.length} layout problem(s):`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exitCode = 1;
} else {
  console.log('\nno layout problems found');
}
