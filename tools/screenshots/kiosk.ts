// Screenshots of every kiosk screen (Arabic and English, 1080×1920, 1920×1080 and 1280×800) and of the
// mobile status page (390×844, waiting and called), for people to look at. Not a test: it drives
// a running hub, mocks the kiosk's outcome replies (so every outcome shows without using up the
// demo's bookings or the kiosk's rate limit), and checks each screen for clipping and overflow.
// Last, a supervisor ends the day early (so give it a fresh hub) and the closed kiosk is shot.
//
//   PORT=8099 DOR_DB=/tmp/k/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # a fresh demo hub
//   npx tsx tools/screenshots/kiosk.ts [--base http://localhost:8099] [--out /tmp/kiosk-shots] [--only start,ticket]
import { parseArgs } from 'node:util';
import type { Browser, Page, Route } from 'playwright-core';
import { freshTicket } from '../../engine/index.ts';
import type { Priority, Ticket } from '../../protocol/domain.ts';
import { launchChromium, newShotContext, ShotRun, type LayoutRules } from './shots.ts';

const publicPart = ({ statusToken: _s, cpr: _c, outcome: _o, note: _n, ...t }: Ticket) => t;

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8099' },
    out: { type: 'string', default: '/tmp/kiosk-shots' },
    only: { type: 'string' },
  },
});
const BASE = args.base!;
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const run = new ShotRun(args.out!);

const SIZES = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'tablet', width: 1280, height: 800 },
] as const;
const LANGS = ['ar', 'en'] as const;

/** The kiosk's layout rules: nothing clipped, nothing overlapping, every button a 64 px touch target. */
const KIOSK_RULES: LayoutRules = {
  skip: '.sr-only, svg, .qr-svg',
  containers: 'button, .card, .tile, .notice',
  containerSkip: 'svg *',
  stacks: '.tile, .card, .notice, .choice, .priority, .ticket-stat, .state-card, .number-card, button',
  spills: true,
  minTouch: 64,
  touchSkip: '.brand',
};
/** The status page's buttons are phone-sized: the same rules but the touch targets. */
const STATUS_RULES: LayoutRules = { ...KIOSK_RULES, minTouch: undefined };

async function shot(page: Page, label: string, rules: LayoutRules = KIOSK_RULES): Promise<void> {
  await run.shot(page, label, rules, 150);
}

// --- mocked kiosk replies

const SERVICE = { id: 'update-details', nameAr: 'تحديث بيانات الاتصال والعنوان والحساب البنكي', nameEn: 'Update contact, address and bank details' };
const NOW = Date.parse('2026-11-26T06:05:00Z');

function receipt(label: string, kind: 'walkin' | 'appointment', over: { print?: unknown; priority?: string; peopleAhead?: number; wait?: number | null } = {}) {
  const [prefix, num] = label.split('-') as [string, string];
  return {
    // The public ticket the kiosk's reply carries: no status token, CPR, outcome or note.
    ticket: publicPart(
      freshTicket({
        id: `2026-11-26_${prefix}${Number(num)}`,
        day: '2026-11-26',
        prefix,
        number: Number(num),
        label,
        kind,
        serviceId: SERVICE.id,
        priority: (over.priority ?? 'none') as Priority,
        issuedAt: NOW,
        appointmentId: null,
        slotStart: null,
        statusToken: '',
        cpr: null,
      }),
    ),
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

/** A paired kiosk at `size`, once its screen with that test id is up. */
async function openKioskOn(browser: Browser, size: (typeof SIZES)[number], testId: string) {
  const context = await newShotContext(browser, { viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, hasTouch: true });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/demo/open/kiosk`);
  await page.goto(`${BASE}/kiosk?idle=600000`);
  await page.getByTestId(testId).waitFor();
  return { context, page };
}

const openKiosk = (browser: Browser, size: (typeof SIZES)[number]) => openKioskOn(browser, size, 'start-appointment');

async function toStart(page: Page, lang: 'ar' | 'en') {
  // Back to a clean start screen in the wanted language.
  await page.goto(`${BASE}/kiosk?idle=600000`);
  await page.getByTestId('start-appointment').waitFor();
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const want = (name: string) => !ONLY || ONLY.has(name);

async function kioskShots(browser: Browser) {
  for (const size of SIZES) {
    const { context, page } = await openKiosk(browser, size);
    for (const lang of LANGS) {
      const p = (n: string) => `${size.name}-${lang}-${n}`;
      await toStart(page, lang);
      if (want('start')) {
        await shot(page, p('01-start'));
        // "Read aloud" while it speaks (pressed); a second press stops it.
        await page.getByTestId('read-aloud').click();
        await page.locator('[data-testid="read-aloud"][aria-pressed="true"]').waitFor();
        await shot(page, p('01b-start-reading'));
        await page.getByTestId('read-aloud').click();
        await page.locator('[data-testid="read-aloud"][aria-pressed="false"]').waitFor();
      }

      if (want('appointment')) {
        await page.getByTestId('start-appointment').click();
        for (const d of '90000') await page.getByTestId(`keypad-${d}`).click();
        await shot(page, p('02-appointment-typing'));
        for (const d of '0005') await page.getByTestId(`keypad-${d}`).click();
        await shot(page, p('03-appointment-complete'));
        await toStart(page, lang);
      }

      if (want('services') || want('priority') || want('phone')) {
        await page.getByTestId('start-walkin').click();
        await page.getByTestId('service-new-application').waitFor();
        if (want('services')) await shot(page, p('04-services'));
        await page.getByTestId('service-update-details').click();
        if (want('priority')) await shot(page, p('05-priority'));
        if (want('phone')) {
          // The walk-in's optional mobile for SMS: typing, then back on the priority step with it.
          await page.getByTestId('phone-add').click();
          for (const d of '3612345') await page.getByTestId(`phone-key-${d}`).click();
          await shot(page, p('05b-phone-typing'));
          await page.getByTestId('phone-key-6').click();
          await page.getByTestId('phone-done').click();
          await shot(page, p('05c-priority-with-phone'));
        }
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

        await mockKiosk(page, null, {
          status: 201,
          body: receipt('D-015', 'walkin', {
            print: { ok: false, error: { code: 'PAPER_OUT', message: 'The ticket printer is out of paper.' } },
            peopleAhead: 12,
            wait: 95,
          }),
        });
        await page.getByTestId('start-walkin').click();
        await page.getByTestId('service-update-details').click();
        await page.getByTestId('priority-none').click();
        await page.getByTestId('print-failed').waitFor();
        await page.getByTestId('ticket-qr').locator('svg').waitFor();
        await shot(page, p('07-ticket-print-failed'));
        await toStart(page, lang);

        for (const [outcome, label, n] of [
          ['checked_in', 'A-007', '08-ticket-checked-in'],
          ['late_converted', 'D-016', '09-ticket-late-converted'],
        ] as const) {
          await mockKiosk(
            page,
            { status: 200, body: { outcome, ...receipt(label, outcome === 'checked_in' ? 'appointment' : 'walkin', { peopleAhead: 1, wait: 5 }) } },
            null,
          );
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
          [
            '12-msg-no-appointment',
            { status: 404, body: { error: { code: 'NO_APPOINTMENT_TODAY', message: 'There is no appointment for today with these details.' } } },
          ],
          // The paper lost: the hub names the ticket held, and the kiosk offers to print it again.
          [
            '13-msg-already-checked-in',
            { status: 409, body: { error: { code: 'ALREADY_CHECKED_IN', message: 'This appointment is already checked in.', details: { label: 'A-004' } } } },
          ],
          ['14-msg-rate-limited', { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Too many tickets from this kiosk; wait a moment.' } } }],
          // A check-in racing the supervisor's end of the day.
          ['14b-msg-day-ended', { status: 409, body: { error: { code: 'DAY_ENDED', message: 'The service day was ended early.' } } }],
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
        // Too many wrong PINs: the pad counts the hub's wait down (the page reload of toStart ends it).
        const throttled = { error: { code: 'LOGIN_THROTTLED', message: 'Too many wrong tries.', details: { retryAfterSeconds: 95 } } };
        await mockKiosk(page, null, null, { status: 429, body: throttled });
        for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').click();
        for (const d of '1111') await page.getByTestId(`pin-${d}`).click();
        await page.getByTestId('pin-submit').click();
        await page.locator('[data-testid="pin-error"]:not([data-wait="0"])').waitFor();
        await shot(page, p('16b-staff-pin-throttled'));
        await mockKiosk(page, null, null);
        await toStart(page, lang);
      }
    }
    await context.close();
  }
}

/** The printer banner: the hub's `printer:status` injected into the live socket. */
async function printerBannerShots(browser: Browser) {
  for (const size of SIZES) {
    const context = await newShotContext(browser, { viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${BASE}/demo/open/kiosk`);
    // Once the hub has let the socket in (its Socket.IO CONNECT packet, "40…"), push a printer
    // problem as if the hub had sent it.
    const PRINTER =
      '42["printer:status",{"ok":false,"status":{"online":true,"paperOut":true,"paperNearEnd":true,"coverOpen":false},"message":"The ticket printer is ' +
      'out of paper."}]';
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((m) => {
        ws.send(m);
        if (typeof m === 'string' && m.startsWith('40')) setTimeout(() => ws.send(PRINTER), 100);
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
  const kioskCtx = await newShotContext(browser, {});
  const kiosk = await kioskCtx.newPage();
  await kiosk.goto(`${BASE}/demo/open/kiosk`);
  const issued = await kiosk.evaluate(async () => {
    const r = await fetch('/api/kiosk/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'family-members', priority: 'none' }),
    });
    return { status: r.status, body: await r.json() };
  });
  await kioskCtx.close();
  if (issued.status !== 201) {
    run.problems.push(`status page: could not issue a ticket (${issued.status} ${JSON.stringify(issued.body)})`);
    return;
  }
  const statusUrl = (issued.body as { statusUrl: string; ticket: { id: string } }).statusUrl;
  const ticketId = (issued.body as { ticket: { id: string } }).ticket.id;

  const phone = await newShotContext(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  run.watch(page, { label: 'status page' });
  for (const lang of LANGS) {
    await page.goto(`${BASE}${statusUrl}`);
    await page.getByTestId('status-number').waitFor();
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
    await page.getByTestId('status-position').waitFor();
    await shot(page, `status-${lang}-1-waiting`, STATUS_RULES);
  }

  // A counter calls exactly this ticket.
  const staff = await newShotContext(browser, {});
  const counter = await staff.newPage();
  await counter.goto(`${BASE}/healthz`);
  const called = await counter.evaluate(async (id) => {
    const post = (path: string, body: unknown) =>
      fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
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
  if (called.call !== 200) run.problems.push(`status page: counter could not call the ticket: ${JSON.stringify(called)}`);
  for (const lang of ['en', 'ar'] as const) {
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
    await page.getByTestId('status-counter').waitFor({ timeout: 10_000 });
    await shot(page, `status-${lang}-2-called`, STATUS_RULES);
  }
  await staff.close();
  await phone.close();
}

/** The supervisor ends the day early: every kiosk says the hall has closed for today, and offers nothing. */
async function dayEndedShots(browser: Browser) {
  const staff = await newShotContext(browser, {});
  const page = await staff.newPage();
  await page.goto(`${BASE}/healthz`);
  const ended = await page.evaluate(async () => {
    const post = (path: string, body: unknown) =>
      fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    return { login: await post('/api/auth/login', { username: 'supervisor', password: 'super123' }), end: await post('/api/hall/end-day', {}) };
  });
  await staff.close();
  if (ended.end !== 200) run.problems.push(`day ended: the supervisor could not end the day (${JSON.stringify(ended)})`);
  for (const size of SIZES) {
    const { context, page } = await openKioskOn(browser, size, 'day-ended');
    for (const lang of LANGS) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await shot(page, `${size.name}-${lang}-19-day-ended`);
    }
    await context.close();
  }
}

const browser = await launchChromium();
try {
  await kioskShots(browser);
  if (want('banner')) await printerBannerShots(browser);
  if (want('status')) await statusShots(browser);
  if (want('closed')) await dayEndedShots(browser);
} finally {
  await browser.close();
}
run.report('no clipping, overflow or small touch targets found');
