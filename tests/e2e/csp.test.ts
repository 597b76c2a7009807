// Every screen under the hub's strict Content-Security-Policy (server/http.ts) in Chromium: the start
// page, the kiosk (unpaired, then paired with a ticket and its QR code), the citizen's status page,
// the display board (unpaired, then paired, with its voice), each staff screen's login, the counter
// terminal calling a ticket, the booking console on a citizen's card, every section and settings page
// of the supervisor console (the reports with their charts), and a real hall's not-set-up page and
// setup form. None may trigger a `securitypolicyviolation` event or a CSP error in the console.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { simulate } from '../../simulator/run.ts';
import { loadScenario } from '../../simulator/scenario.ts';
import { SECTIONS } from '../../supervisor-ui/sections.tsx';
import { SETTINGS_PAGES } from '../../supervisor-ui/settings.tsx';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestHub, type TestHub, THURSDAY_0900 } from '../helpers/hub.ts';

const DESK = { width: 1366, height: 768 };
let hub: TestHub;
let realHall: TestHub;
let browser: Browser;
const setupLog: string[] = [];
const contexts: BrowserContext[] = [];
/** Every CSP violation any page reported, as "where: what". */
const violations: string[] = [];

beforeAll(async () => {
  // Two simulated days of history, so the reports draw their charts (uPlot).
  const file = join(mkdtempSync(join(tmpdir(), 'dor-csp-')), 'dor.db');
  const db = openDatabase(file);
  await simulate({ ...loadScenario(), days: 2 }, { db, endDay: '2026-11-25', seed: 11 });
  db.sqlite.close();
  hub = await startTestHub({ file, at: THURSDAY_0900 });
  realHall = await startTestHub({ realHall: true, log: pino({ level: 'info' }, { write: (line: string) => void setupLog.push(line) }) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hub?.stop();
  await realHall?.stop();
});

/** A fresh browser (its own cookies) whose pages report every CSP violation into `violations`. */
async function newContext(viewport = DESK): Promise<BrowserContext> {
  const context = await newShotContext(browser, { viewport, deviceScaleFactor: 1, locale: 'ar-BH' });
  contexts.push(context);
  await context.exposeBinding('__dorCspViolation', ({ page }, what: string) => void violations.push(`${page.url()}: ${what}`));
  // Init scripts run through the DevTools protocol, outside the page's CSP.
  await context.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => " +
      "window.__dorCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));",
  );
  context.on('console', (m) => {
    if (m.type() === 'error' && /content security policy/i.test(m.text())) violations.push(`${m.page()?.url()}: console: ${m.text()}`);
  });
  return context;
}

/** Opens `path` on a hub in a page of `context`; the page must come with the hub's CSP header. */
async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy'], url).toContain("script-src 'self'");
  return page;
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Lets the page finish what it started (fonts, socket, late renders) before its violations are read. */
async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)))));
}

it('runs every screen with zero CSP violations', async () => {
  // The start page and the setup gate's pages are the hub's own HTML.
  const start = await open(await newContext(), `${hub.url}/`);
  await start.getByTestId('demo-citizens').waitFor();
  await settle(start);

  const notSetUp = await open(await newContext(), `${realHall.url}/display`);
  await notSetUp.getByTestId('not-set-up').waitFor();
  await settle(notSetUp);
  const setupUrl = (JSON.parse(setupLog.find((l) => l.includes('/setup?token='))!) as { setupUrl: string }).setupUrl;
  const setup = await open(await newContext(), setupUrl);
  await setup.getByTestId('setup-form').waitFor();
  await settle(setup);

  // Unpaired devices say how to pair.
  const unpaired = await newContext({ width: 1080, height: 1920 });
  const unpairedKiosk = await open(unpaired, `${hub.url}/kiosk`);
  await unpairedKiosk.getByTestId('unpaired').waitFor();
  await settle(unpairedKiosk);
  await settle(await open(unpaired, `${hub.url}/display`));

  // A paired kiosk issues a ticket with its QR code (inline SVG); the citizen's phone follows it.
  const kioskContext = await newContext({ width: 1080, height: 1920 });
  const kiosk = await open(kioskContext, `${hub.url}/demo/open/kiosk`);
  await kiosk.getByTestId('start-walkin').click();
  await kiosk.getByTestId('service-new-application').click();
  await kiosk.getByTestId('priority-none').click();
  await kiosk.getByTestId('ticket-qr').locator('svg').waitFor();
  const statusUrl = (await kiosk.getByTestId('ticket-qr').getAttribute('data-url'))!;
  await settle(kiosk);
  const phone = await open(await newContext({ width: 390, height: 844 }), statusUrl);
  await phone.getByTestId('status-number').waitFor();

  // The display board, sound on (its voice clips load), sees the counter's call.
  const display = await open(await newContext({ width: 1920, height: 1080 }), `${hub.url}/demo/open/display`);
  await display.getByTestId('display-recent').waitFor();

  const counter = await open(await newContext(), `${hub.url}/counter`);
  await counter.getByTestId('login-username').waitFor();
  await settle(counter);
  await logIn(counter, 'counter1', 'counter123');
  await counter.getByTestId('counter-pick-3').click();
  await counter.getByTestId('btn-call-next').click();
  await counter.getByTestId('current-label').waitFor();
  await display.locator('[data-testid^="call-"]').first().waitFor();
  await phone.getByTestId('status-counter').waitFor();
  for (const page of [counter, display, phone]) await settle(page);

  const booking = await open(await newContext(), `${hub.url}/booking`);
  await booking.getByTestId('login-username').waitFor();
  await settle(booking);
  await logIn(booking, 'agent', 'agent123');
  await booking.getByTestId('cpr-search').fill('900000001');
  await booking.getByTestId('cpr-search').press('Enter');
  await booking.getByTestId('citizen-card').waitFor();
  await settle(booking);

  // The citizen's appointment page (the link in the SMS), with its calendar download.
  const { page_token: pageToken } = hub.db.sqlite.prepare('select page_token from appointments order by slot_start desc limit 1').get() as {
    page_token: string;
  };
  const appointmentPage = await open(await newContext({ width: 390, height: 844 }), `${hub.url}/a/${pageToken}`);
  await appointmentPage.getByTestId('appt-service').waitFor();
  await settle(appointmentPage);

  // Every section of the console, and every settings page, as the admin.
  const console = await open(await newContext(), `${hub.url}/supervisor`);
  await console.getByTestId('login-username').waitFor();
  await settle(console);
  await logIn(console, 'admin', 'admin123');
  await console.getByTestId('checklist-progress').waitFor();
  const visit = async (hash: string, current: string) => {
    await console.evaluate((h) => void (location.hash = h), hash);
    await console.locator(`${current}[aria-current="page"]`).waitFor();
    await console.waitForFunction(() => !document.querySelector('.sv-loading, [aria-busy="true"]'));
    await settle(console);
  };
  for (const section of SECTIONS.filter((s) => s !== 'settings' && s !== 'reports')) await visit(`#${section}`, `[data-testid="nav-${section}"]`);
  for (const page of SETTINGS_PAGES) await visit(`#settings/${page}`, `[data-testid="tab-${page}"]`);
  await visit('#reports?from=2026-11-24&to=2026-11-25', '[data-testid="nav-reports"]');
  await console.locator('[data-testid="rp-chart-daily"] canvas').first().waitFor();
  await settle(console);

  expect(violations).toEqual([]);

  // The check itself sees a violation: an inline style the policy refuses.
  await console.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { color: red }';
    document.head.append(style);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(violations[0]).toContain('style-src');
}, 180_000);
