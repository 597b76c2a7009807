// Screenshots of every kiosk screen (Arabic and English, 1080×1920 and 1280×800) and of the
// mobile status page (390×844, waiting and called), for people to look at. Not a test: it drives
// a running hub, mocks the kiosk's outcome replies (so every outcome shows without using up the
// demo's bookings or the kiosk's rate limit), and checks each screen for clipping and overflow.
//
//   PORT=8099 DOR_DB=/tmp/k/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # a fresh demo hub
//   npx tsx kiosk-ui/dev-screenshots.ts [--base http://localhost:8099] [--out /tmp/kiosk-shots] [--only start,ticket]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8099' },
    out: { type: 'string', default: '/tmp/kiosk-shots' },
    only: { type: 'string' },
  },
});
const BASE = args.base!;
const OUT = args.out!;
const ONLY = args.only ? new Set(args.only.split(',')) : null;
mkdirSync(OUT, { recursive: true });

const SIZES = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'tablet', width: 1280, height: 800 },
] as const;
const LANGS = ['ar', 'en'] as const;

const problems: string[] = [];
const written: string[] = [];

/** Finds clipped or overflowing content on the current screen. */
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
      if (el.closest('.sr-only, svg, .qr-svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (r.right > vw + 1 || r.bottom > vh + 1 || r.left < -1 || r.top < -1) {
        out.push(`outside the viewport: ${name(el)} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`);
        continue;
      }
      const he = el as HTMLElement;
      const scrollable = /(auto|scroll)/.test(style.overflowY);
      if (!scrollable && he.scrollHeight > he.clientHeight + 2 && he.clientHeight > 0 && style.overflowY !== 'visible') {
        out.push(`clipped vertically: ${name(el)} (${he.scrollHeight} > ${he.clientHeight})`);
      }
      if (he.scrollWidth > he.clientWidth + 2 && he.clientWidth > 0 && !/(auto|scroll)/.test(style.overflowX) && style.overflowX !== 'visible') {
        out.push(`clipped horizontally: ${name(el)} (${he.scrollWidth} > ${he.clientWidth})`);
      }
      // Children sticking out of a button or card.
      if (el.matches('button, .card, .tile, .notice')) {
        for (const child of Array.from(el.querySelectorAll('*'))) {
          if (child.closest('svg') && child.tagName.toLowerCase() !== 'svg') continue;
          const c = child.getBoundingClientRect();
          if (c.width === 0 || c.height === 0) continue;
          if (c.left < r.left - 1 || c.right > r.right + 1 || c.top < r.top - 1 || c.bottom > r.bottom + 1) {
            out.push(`sticks out of ${name(el)}: ${name(child)}`);
          }
        }
      }
    }
    // Stacked pieces of one box must not overlap (text running into the next line).
    for (const box of Array.from(document.querySelectorAll('.tile, .card, .notice, .choice, .priority, .ticket-stat, .state-card, .number-card, button'))) {
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
      // Text inside a child running past the child's own box.
      for (const k of kids) {
        const he = k as HTMLElement;
        if (he.scrollHeight > he.clientHeight + 2 && he.clientHeight > 0 && getComputedStyle(he).overflowY === 'visible' && k.children.length) {
          const kr = k.getBoundingClientRect();
          for (const g of Array.from(k.children)) {
            const gr = g.getBoundingClientRect();
            if (getComputedStyle(g).display === 'inline') continue; // inline boxes are as tall as the font, not the line
            if (gr.height > 0 && (gr.bottom > kr.bottom + 1 || gr.top < kr.top - 1)) out.push(`spills out of ${name(k)}: ${name(g)}`);
          }
        }
      }
    }
    // Touch targets.
    for (const b of Array.from(document.querySelectorAll('button'))) {
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      if (b.closest('.brand')) continue;
      if (r.height < 63.5 || r.width < 63.5) out.push(`touch target under 64 px: ${name(b)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return Array.from(new Set(out));
  });
  for (const f of found) problems.push(`${label}: ${f}`);
}

async function shot(page: Page, label: string, opts: { touchTargets?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  const path = join(OUT, `${label}.png`);
  await page.screenshot({ path });
  written.push(path);
  await audit(page, label);
  if (opts.touchTargets === false) {
    // the status page's buttons are phone-sized; filter that rule out for it
    for (let i = problems.length - 1; i >= 0; i--) if (problems[i]!.startsWith(label) && problems[i]!.includes('touch target')) problems.splice(i, 1);
  }
}

// --- mocked kiosk replies

const SERVICE = { id: 'update-details', nameAr: 'تحديث بيانات الاتصال والعنوان والحساب البنكي', nameEn: 'Update contact, address and bank details' };
const NOW = Date.parse('2026-11-26T06:05:00Z');

function receipt(label: string, kind: 'walkin' | 'appointment', over: { print?: unknown; priority?: string; peopleAhead?: number; wait?: number | null } = {}) {
  const [prefix, num] = label.split('-') as [string, string];
  return {
    ticket: {
      id: `2026-11-26_${prefix}${Number(num)}`, day: '2026-11-26', prefix, number: Number(num), label, kind, serviceId: SERVICE.id,
      priority: over.priority ?? 'none', status: 'waiting', issuedAt: NOW, appointmentId: null, slotStart: null, counter: null,
      targetCounter: null, calledAt: null, startedAt: null, finishedAt: null, recalls: 0, transfers: 0, requeued: false,
    },
    service: SERVICE,
    statusUrl: '/t/dev-screenshot-token-0123456789',
    peopleAhead: over.peopleAhead ?? 4,
    estimatedWaitMin: over.wait === undefined ? 25 : over.wait,
    print: over.print ?? { ok: true },
  };
}

type Mock = { status: number; body: unknown };
const json = (route: Route, m: Mock) => route.fulfill({ status: m.status, contentType: 'application/json', body: JSON.stringify(m.body) });

async function mockKiosk(page: Page, checkIn: Mock | null, walkin: Mock | null, exit: Mock | null = null) {
  await page.unroute('**/api/kiosk/**');
  await page.route('**/api/kiosk/check-in', (r) => (checkIn ? json(r, checkIn) : r.continue()));
  await page.route('**/api/kiosk/tickets', (r) => (walkin ? json(r, walkin) : r.continue()));
  await page.route('**/api/kiosk/exit', (r) => (exit ? json(r, exit) : r.continue()));
}

async function openKiosk(browser: Browser, size: (typeof SIZES)[number]) {
  const context = await newContext(browser, { viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  await page.goto(`${BASE}/demo/open/kiosk`);
  await page.goto(`${BASE}/kiosk?idle=600000`);
  await page.getByTestId('start-appointment').waitFor();
  return { context, page };
}

async function toStart(page: Page, lang: 'ar' | 'en') {
  // Back to a clean start screen in the wanted language.
  await page.goto(`${BASE}/kiosk?idle=600000`);
  await page.getByTestId('start-appointment').waitFor();
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** A browser context whose pages tolerate tsx's `__name` helper in evaluated functions. */
async function newContext(browser: Browser, opts: Parameters<Browser['newContext']>[0]) {
  const context = await browser.newContext(opts);
  await context.addInitScript('window.__name = window.__name || ((f) => f)');
  return context;
}

const want = (name: string) => !ONLY || ONLY.has(name);

async function kioskShots(browser: Browser) {
  for (const size of SIZES) {
    const { context, page } = await openKiosk(browser, size);
    for (const lang of LANGS) {
      const p = (n: string) => `${size.name}-${lang}-${n}`;
      await toStart(page, lang);
      if (want('start')) await shot(page, p('01-start'));

      if (want('appointment')) {
        await page.getByTestId('start-appointment').click();
        for (const d of '90000') await page.getByTestId(`keypad-${d}`).click();
        await shot(page, p('02-appointment-typing'));
        for (const d of '0005') await page.getByTestId(`keypad-${d}`).click();
        await shot(page, p('03-appointment-complete'));
        await toStart(page, lang);
      }

      if (want('services') || want('priority')) {
        await page.getByTestId('start-walkin').click();
        await page.getByTestId('service-new-application').waitFor();
        if (want('services')) await shot(page, p('04-services'));
        await page.getByTestId('service-update-details').click();
        if (want('priority')) await shot(page, p('05-priority'));
        await toStart(page, lang);
      }

      if (want('ticket')) {
        await mockKiosk(page, null, { status: 201, body: receipt('D-014', 'walkin', { priority: 'elderly' }) });
        await page.getByTestId('start-walkin').click();
        await page.getByTestId('service-update-details').click();
        await page.getByTestId('priority-elderly').click();
        await page.getByTestId('ticket-qr').locator('svg').waitFor();
        await shot(page, p('06-ticket'));
        await toStart(page, lang);

        await mockKiosk(page, null, { status: 201, body: receipt('D-015', 'walkin', { print: { ok: false, error: { code: 'PAPER_OUT', message: 'The ticket printer is out of paper.' } }, peopleAhead: 12, wait: 95 }) });
        await page.getByTestId('start-walkin').click();
        await page.getByTestId('service-update-details').click();
        await page.getByTestId('priority-none').click();
        await page.getByTestId('print-failed').waitFor();
        await page.getByTestId('ticket-qr').locator('svg').waitFor();
        await shot(page, p('07-ticket-print-failed'));
        await toStart(page, lang);

        for (const [outcome, label, n] of [['checked_in', 'A-007', '08-ticket-checked-in'], ['late_converted', 'D-016', '09-ticket-late-converted']] as const) {
          await mockKiosk(page, { status: 200, body: { outcome, ...receipt(label, outcome === 'checked_in' ? 'appointment' : 'walkin', { peopleAhead: 1, wait: 5 }) } }, null);
          await page.getByTestId('start-appointment').click();
          for (const d of '900000005') await page.getByTestId(`keypad-${d}`).click();
          await page.getByTestId('cpr-submit').click();
          await page.getByTestId('ticket-qr').locator('svg').waitFor();
          await shot(page, p(n));
          await toStart(page, lang);
        }
      }

      if (want('messages')) {
        const outcomes: Array<[string, Mock]> = [
          ['10-msg-too-early', { status: 200, body: { outcome: 'too_early', comeBackAt: Date.parse('2026-11-26T07:10:00Z') } }],
          ['11-msg-too-late', { status: 200, body: { outcome: 'too_late' } }],
          ['12-msg-no-appointment', { status: 404, body: { error: { code: 'NO_APPOINTMENT_TODAY', message: 'There is no appointment for today with these details.' } } }],
          ['13-msg-already-checked-in', { status: 409, body: { error: { code: 'ALREADY_CHECKED_IN', message: 'This appointment is already checked in.' } } }],
          ['14-msg-rate-limited', { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Too many tickets from this kiosk; wait a moment.' } } }],
        ];
        for (const [n, mock] of outcomes) {
          await mockKiosk(page, mock, null);
          await page.getByTestId('start-appointment').click();
          for (const d of '900000008') await page.getByTestId(`keypad-${d}`).click();
          await page.getByTestId('cpr-submit').click();
          await page.getByTestId('message').waitFor();
          await shot(page, p(n));
          await toStart(page, lang);
        }
      }

      if (want('staff')) {
        await mockKiosk(page, null, null, { status: 403, body: { error: { code: 'WRONG_PIN', message: 'Wrong PIN.' } } });
        for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').click();
        await page.getByTestId('pin-submit').waitFor();
        for (const d of '1111') await page.getByTestId(`pin-${d}`).click();
        await page.getByTestId('pin-submit').click();
        await page.getByTestId('pin-error').filter({ hasText: /\S/ }).waitFor();
        for (const d of '12') await page.getByTestId(`pin-${d}`).click();
        await shot(page, p('15-staff-pin'));
        await mockKiosk(page, null, null, { status: 200, body: { ok: true } });
        for (const d of '34') await page.getByTestId(`pin-${d}`).click();
        await page.getByTestId('pin-submit').click();
        await page.getByTestId('staff-panel').waitFor();
        await shot(page, p('16-staff-panel'));
        await toStart(page, lang);
      }
    }
    await context.close();
  }
}

/** The printer banner: the hub's `printer:status` injected into the live socket. */
async function printerBannerShots(browser: Browser) {
  for (const size of SIZES) {
    const context = await newContext(browser, { viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${BASE}/demo/open/kiosk`);
    // Socket.IO polls first and then upgrades to a WebSocket ("5" from the client): once the
    // socket is upgraded, push a printer problem as if the hub had sent it.
    const PRINTER = '42["printer:status",{"ok":false,"status":{"online":true,"paperOut":true,"paperNearEnd":true,"coverOpen":false},"message":"The ticket printer is out of paper."}]';
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        server.send(m);
        if (m === '5') setTimeout(() => ws.send(PRINTER), 100);
      });
    });
    for (const lang of LANGS) {
      await page.goto(`${BASE}/kiosk?idle=600000`);
      if (lang === 'en') await page.getByTestId('lang-toggle').click();
      await page.getByTestId('printer-banner').waitFor({ timeout: 15_000 });
      await shot(page, `${size.name}-${lang}-17-printer-banner`);
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-new-application').waitFor();
      await shot(page, `${size.name}-${lang}-18-services-with-banner`);
    }
    await context.close();
  }
}

/** The status page of a real ticket: waiting, then called to a counter. */
async function statusShots(browser: Browser) {
  // A real walk-in from the demo kiosk.
  const kioskCtx = await newContext(browser, {});
  const kiosk = await kioskCtx.newPage();
  await kiosk.goto(`${BASE}/demo/open/kiosk`);
  const issued = await kiosk.evaluate(async () => {
    const r = await fetch('/api/kiosk/tickets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'family-members', priority: 'none' }) });
    return { status: r.status, body: await r.json() };
  });
  await kioskCtx.close();
  if (issued.status !== 201) {
    problems.push(`status page: could not issue a ticket (${issued.status} ${JSON.stringify(issued.body)})`);
    return;
  }
  const statusUrl = (issued.body as { statusUrl: string; ticket: { id: string } }).statusUrl;
  const ticketId = (issued.body as { ticket: { id: string } }).ticket.id;

  const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  page.on('pageerror', (e) => problems.push(`status page error: ${e.message}`));
  for (const lang of LANGS) {
    await page.goto(`${BASE}${statusUrl}`);
    await page.getByTestId('status-number').waitFor();
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
    await page.getByTestId('status-ahead').waitFor();
    await shot(page, `status-${lang}-1-waiting`, { touchTargets: false });
  }

  // A counter calls exactly this ticket.
  const staff = await newContext(browser, {});
  const counter = await staff.newPage();
  await counter.goto(`${BASE}/healthz`);
  const called = await counter.evaluate(async (id) => {
    const post = (path: string, body: unknown) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const login = await post('/api/auth/login', { username: 'counter1', password: 'counter123' });
    const open = await post('/api/counters/3/open', {});
    let call = await post('/api/counters/3/call', { ticketId: id });
    if (call.status === 409) {
      // The counter still holds a ticket from an earlier run: let it go, then call ours.
      const freed = await post('/api/counters/3/no-show', {});
      if (freed.status !== 200) {
        await post('/api/counters/3/start', {});
        await post('/api/counters/3/finish', { outcome: 'done' });
      }
      call = await post('/api/counters/3/call', { ticketId: id });
    }
    return { login: login.status, open: open.status, call: call.status, body: call.body };
  }, ticketId);
  if (called.call !== 200) problems.push(`status page: counter could not call the ticket: ${JSON.stringify(called)}`);
  for (const lang of ['en', 'ar'] as const) {
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
    await page.getByTestId('status-counter').waitFor({ timeout: 10_000 });
    await shot(page, `status-${lang}-2-called`, { touchTargets: false });
  }
  await staff.close();
  await phone.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  await kioskShots(browser);
  if (want('banner')) await printerBannerShots(browser);
  if (want('status')) await statusShots(browser);
} finally {
  await browser.close();
}
console.log(`${written.length} screenshots in ${OUT}`);
if (problems.length) {
  console.log(`\n${problems.length} layout problems:`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exitCode = 1;
} else {
  console.log('no clipping, overflow or small touch targets found');
}
