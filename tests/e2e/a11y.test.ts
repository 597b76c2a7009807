// Every screen checked with axe-core in Chromium, in Arabic and in English: no violation of impact
// "serious" or "critical" (contrast, names of buttons and fields, landmarks, lang/dir). axe runs
// inside the page (axe.min.js from node_modules, added as a script tag). A failure lists each rule with the elements it found.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.ts';
import { sentenceText } from '../../display-ui/voice/clips.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login, startTestHub } from '../helpers/hub.ts';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PORTRAIT = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };
const TV = { width: 1920, height: 1080 };

const e2e = e2eFile();

/** `base`: another hub than the shared one (the setup page's). */
async function open(cookie: string | null, viewport: { width: number; height: number }, path: string, base = e2e.hub.url): Promise<Page> {
  // The hub's CSP (script-src 'self') would refuse the injected axe script: this context bypasses it.
  const context = await e2e.browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'ar-BH', bypassCSP: true });
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
  }
  e2e.track(context);
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

interface Finding {
  screen: string;
  rule: string;
  impact: string;
  nodes: string[];
}

/** The serious and critical axe violations on the page as it is now. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  // Colours are judged as they settle: a fade-in still running (the ticker's) would read as low contrast.
  await page.evaluate(() => {
    const settled = Promise.all(document.getAnimations().flatMap((a) => (a.effect?.getComputedTiming().iterations === Infinity ? [] : [a.finished])));
    return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 1500))]);
  });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ screen, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5) }));
}

/** Audits the page in its current language, toggles, audits again (the toggle's test id is the same on every screen). */
async function auditBoth(page: Page, screen: string, ready: () => Promise<unknown>): Promise<Finding[]> {
  await ready();
  const first = await page.evaluate(() => document.documentElement.lang);
  const found = await audit(page, `${screen} (${first})`);
  await page.getByTestId('lang-toggle').first().click();
  await page.waitForFunction((was) => document.documentElement.lang !== was, first);
  await ready();
  const second = await page.evaluate(() => document.documentElement.lang);
  return [...found, ...(await audit(page, `${screen} (${second})`))];
}

const report = (findings: Finding[]) => findings.map((f) => `${f.screen}: ${f.rule} [${f.impact}]\n    ${f.nodes.join('\n    ')}`).join('\n');

describe('axe-core: no serious or critical violation', () => {
  it('kiosk: start, staff PIN, appointment, a message, services, priority, phone, ticket; and the ticket status page', async () => {
    const findings: Finding[] = [];
    const kiosk = `dor_device=${deviceToken(e2e.hub, 'kiosk')}`;
    for (const lang of ['ar', 'en'] as const) {
      const page = await open(kiosk, PORTRAIT, '/kiosk?idle=600000');
      await page.getByTestId('start-walkin').waitFor();
      if (lang === 'en') {
        await page.getByTestId('lang-toggle').click();
        await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      }
      findings.push(...(await audit(page, `kiosk start (${lang})`)));
      // The staff PIN screen (five taps on the logo).
      for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').click();
      await page.locator('[data-screen="pin"]').waitFor();
      findings.push(...(await audit(page, `kiosk staff PIN (${lang})`)));
      await page.goto(`${e2e.hub.url}/kiosk?idle=600000`);
      await page.getByTestId('start-walkin').waitFor();
      if (lang === 'en') await page.getByTestId('lang-toggle').click();
      await page.getByTestId('start-appointment').click();
      await page.getByTestId('cpr-display').waitFor();
      findings.push(...(await audit(page, `kiosk appointment (${lang})`)));
      // A CPR with no booking today: the message screen.
      for (const d of '123456789') await page.getByTestId(`keypad-${d}`).click();
      await page.getByTestId('cpr-submit').click();
      await page.getByTestId('message').waitFor();
      findings.push(...(await audit(page, `kiosk message (${lang})`)));
      await page.goto(`${e2e.hub.url}/kiosk?idle=600000`);
      await page.getByTestId('start-walkin').waitFor();
      if (lang === 'en') await page.getByTestId('lang-toggle').click();
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-new-application').waitFor();
      findings.push(...(await audit(page, `kiosk services (${lang})`)));
      await page.getByTestId('service-new-application').click();
      await page.getByTestId('priority-none').waitFor();
      findings.push(...(await audit(page, `kiosk priority (${lang})`)));
      await page.getByTestId('phone-add').click();
      await page.getByTestId('phone-skip').waitFor();
      findings.push(...(await audit(page, `kiosk phone (${lang})`)));
      await page.getByTestId('phone-skip').click();
      await page.getByTestId('priority-none').click();
      await page.getByTestId('ticket-number').waitFor();
      findings.push(...(await audit(page, `kiosk ticket (${lang})`)));
      if (lang === 'ar') {
        const url = await page.getByTestId('ticket-qr').getAttribute('data-url');
        const status = await open(null, PHONE, new URL(url!).pathname);
        findings.push(...(await auditBoth(status, 'ticket status page', () => status.getByTestId('lang-toggle').waitFor())));
      }
    }
    expect(report(findings)).toBe('');
  }, 120_000);

  it("the citizen's appointment page (the SMS link): the booking, the move panel and the cancel question, at 390×844", async () => {
    const booked = Object.values(e2e.hub.hub.current.appointments).find((a) => a.status === 'booked' && a.pageToken !== '');
    expect(booked, 'a demo booking with a page link').toBeDefined();
    const page = await open(null, PHONE, `/a/${booked!.pageToken}`);
    const findings = await auditBoth(page, 'appointment page', () => page.getByTestId('appt-service').waitFor());
    await page.getByTestId('appt-move').click();
    await page.getByTestId('appt-slot-day').first().waitFor();
    findings.push(...(await audit(page, 'appointment page, move')));
    await page.getByTestId('appt-move-back').click();
    await page.getByTestId('appt-cancel').click();
    await page.getByTestId('appt-cancel-yes').waitFor();
    findings.push(...(await audit(page, 'appointment page, cancel?')));
    expect(report(findings)).toBe('');
  }, 60_000);

  it('kiosk: the "please wait" countdown, "you are early" (outside check-in hours)', async () => {
    const findings: Finding[] = [];
    const kiosk = `dor_device=${deviceToken(e2e.hub, 'kiosk')}`;
    const agent = await login(e2e.hub, ...DEMO.agent);
    for (const lang of ['ar', 'en'] as const) {
      const page = await open(kiosk, PORTRAIT, '/kiosk?idle=600000');
      const toLang = async () => {
        await page.getByTestId('start-walkin').waitFor();
        if (lang === 'en') await page.getByTestId('lang-toggle').click();
        await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
      };
      await toLang();
      // The kiosk guard holds this kiosk a minute: the citizen's choice waits and counts down.
      await page.route('**/api/kiosk/tickets', (r) =>
        r.fulfill({
          status: 429,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many tickets from this kiosk.', details: { retryAfterSeconds: 60 } } }),
        }),
      );
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-new-application').click();
      await page.getByTestId('priority-none').click();
      await page.getByTestId('wait-seconds').waitFor();
      findings.push(...(await audit(page, `kiosk wait (${lang})`)));
      await page.getByTestId('wait-cancel').click();
      await page.unroute('**/api/kiosk/tickets');
      await toLang();
      // An appointment this afternoon: too early to check in, come back at its time.
      const cpr = String((lang === 'ar' ? 740000000 : 750000000) + 1);
      const booked = await call(e2e.hub, 'POST', '/api/appointments', {
        cookie: agent,
        body: {
          serviceId: 'update-details',
          day: e2e.hub.hub.current.day,
          time: lang === 'ar' ? '12:30' : '12:45',
          cpr,
          phone: '36001234',
          nameAr: 'سارة أحمد',
          nameEn: 'Sara Ahmed',
        },
      });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      await page.getByTestId('start-appointment').click();
      for (const d of cpr) await page.getByTestId(`keypad-${d}`).click();
      await page.getByTestId('cpr-submit').click();
      await page.getByTestId('come-back-at').waitFor();
      findings.push(...(await audit(page, `kiosk too early (${lang})`)));
    }
    expect(report(findings)).toBe('');
  }, 90_000);

  it('setup page on a hall with no administrator yet', async () => {
    const lines: string[] = [];
    const fresh = await startTestHub({ realHall: true, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) });
    try {
      const setupUrl = new URL((JSON.parse(lines.find((l) => l.includes('/setup?token='))!) as { setupUrl: string }).setupUrl);
      const page = await open(null, DESK, `${setupUrl.pathname}${setupUrl.search}`, fresh.url);
      expect(report(await auditBoth(page, 'setup', () => page.getByTestId('setup-form').waitFor()))).toBe('');
    } finally {
      await fresh.stop();
    }
  }, 60_000);

  it('kiosk reading aids: large text and high contrast, for one citizen, then off for the next', async () => {
    const page = await open(`dor_device=${deviceToken(e2e.hub, 'kiosk')}`, PORTRAIT, '/kiosk?idle=600000');
    await page.getByTestId('start-walkin').waitFor();
    const rootPx = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
    const ink = () => page.evaluate(() => getComputedStyle(document.body).color);
    const plainPx = await rootPx();
    expect(await ink()).toBe('rgb(14, 28, 43)');
    await screenshot(page, 'kiosk-portrait-ar-start-aids-off');
    const large = page.getByTestId('large-text-toggle');
    const contrast = page.getByTestId('contrast-toggle');
    expect(await large.getAttribute('aria-pressed')).toBe('false');
    await large.click();
    await contrast.click();
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    expect(await contrast.getAttribute('aria-pressed')).toBe('true');
    expect(await rootPx()).toBeGreaterThanOrEqual(plainPx * 1.08);
    expect(await ink()).toBe('rgb(0, 0, 0)');
    const findings = await audit(page, 'kiosk start, aids on (ar)');
    await screenshot(page, 'kiosk-portrait-ar-start-aids-on');
    // The aids stay through the citizen's visit (and a language change) …
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').click();
    await page.getByTestId('priority-none').waitFor();
    expect(await rootPx()).toBeGreaterThanOrEqual(plainPx * 1.08);
    findings.push(...(await audit(page, 'kiosk priority, aids on (en)')));
    await screenshot(page, 'kiosk-portrait-en-priority-aids-on');
    await page.getByTestId('priority-none').click();
    await page.getByTestId('ticket-number').waitFor();
    findings.push(...(await audit(page, 'kiosk ticket, aids on (en)')));
    await screenshot(page, 'kiosk-portrait-en-ticket-aids-on');
    // … and are off again for the next citizen.
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('start-walkin').waitFor();
    expect(await page.getByTestId('large-text-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(await rootPx()).toBe(plainPx);
    expect(await ink()).toBe('rgb(14, 28, 43)');
    // The landscape kiosk (1920×1080) with both aids: the service tiles.
    const wide = await open(`dor_device=${deviceToken(e2e.hub, 'kiosk')}`, TV, '/kiosk?idle=600000');
    await wide.getByTestId('large-text-toggle').click();
    await wide.getByTestId('contrast-toggle').click();
    await wide.getByTestId('start-walkin').click();
    await wide.getByTestId('service-new-application').waitFor();
    findings.push(...(await audit(wide, 'kiosk services landscape, aids on (ar)')));
    await screenshot(wide, 'kiosk-landscape-ar-services-aids-on');
    expect(report(findings)).toBe('');
  }, 90_000);

  it('display board (both languages on one screen), a call in words; and the check itself sees a nameless button', async () => {
    const page = await open(`dor_device=${deviceToken(e2e.hub, 'display')}`, TV, '/display');
    await page.locator('.board').waitFor();
    expect(report(await audit(page, 'display, nobody called'))).toBe('');
    // A call on the board: screen readers get the number in words in both languages (the live region).
    await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(e2e.hub, 'kiosk'), body: { serviceId: 'new-application' } });
    const counter = await login(e2e.hub, ...DEMO.counter1);
    await call(e2e.hub, 'POST', '/api/counters/5/open', { cookie: counter });
    const called = await call(e2e.hub, 'POST', '/api/counters/5/call-next', { cookie: counter });
    const label: string = called.body.ticket.label;
    const words = page.getByTestId(`spoken-${label}`);
    await words.waitFor({ state: 'attached' });
    expect(await words.locator('[lang="ar"]').textContent()).toBe(sentenceText(label, 5, 'ar'));
    expect(await words.locator('[lang="en"]').textContent()).toBe(sentenceText(label, 5, 'en'));
    expect(await page.locator('section[aria-live="polite"]').getByTestId(`spoken-${label}`).count()).toBe(1);
    expect(report(await audit(page, 'display, a call'))).toBe('');
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { className: 'probe' })));
    expect((await audit(page, 'display with a probe')).map((f) => f.rule)).toContain('button-name');
  }, 60_000);

  it('counter terminal: login; counter 5 open with a ticket called', async () => {
    const findings: Finding[] = [];
    const page = await open(null, DESK, '/counter');
    findings.push(...(await auditBoth(page, 'counter login', () => page.getByTestId('login-form').waitFor())));
    const cookie = await login(e2e.hub, ...DEMO.counter1);
    // The display test leaves counter 5 with a called ticket; run alone, this test calls one itself.
    if (!e2e.hub.hub.current.counters[5]?.currentTicketId) {
      await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(e2e.hub, 'kiosk'), body: { serviceId: 'new-application' } });
      await call(e2e.hub, 'POST', '/api/counters/5/open', { cookie });
      await call(e2e.hub, 'POST', '/api/counters/5/call-next', { cookie });
    }
    const terminal = await open(cookie, DESK, '/counter');
    findings.push(...(await auditBoth(terminal, 'counter terminal', () => terminal.getByTestId('current-ticket').waitFor())));
    expect(report(findings)).toBe('');
  }, 60_000);

  it('call-center console', async () => {
    const cookie = await login(e2e.hub, ...DEMO.agent);
    const page = await open(cookie, DESK, '/booking');
    expect(report(await auditBoth(page, 'booking', () => page.getByTestId('logout').waitFor()))).toBe('');
  }, 60_000);

  it('supervisor console: every section', async () => {
    const findings: Finding[] = [];
    const cookie = await login(e2e.hub, ...DEMO.admin);
    for (const section of ['start', 'live', 'users', 'settings', 'devices', 'rollout', 'audit', 'reports']) {
      const page = await open(cookie, DESK, `/supervisor#${section}`);
      findings.push(...(await auditBoth(page, `supervisor ${section}`, () => page.getByTestId(`nav-${section}`).waitFor())));
    }
    expect(report(findings)).toBe('');
  }, 180_000);

  // Last: it ends the hall's day, after which no ticket is issued on this hub.
  it('kiosk closed for the day', async () => {
    const page = await open(`dor_device=${deviceToken(e2e.hub, 'kiosk')}`, PORTRAIT, '/kiosk?idle=600000');
    await page.getByTestId('start-walkin').waitFor();
    const supervisor = await login(e2e.hub, ...DEMO.supervisor);
    expect((await call(e2e.hub, 'POST', '/api/hall/end-day', { cookie: supervisor })).status).toBe(200);
    expect(report(await auditBoth(page, 'kiosk closed', () => page.getByTestId('day-ended').waitFor()))).toBe('');
  }, 60_000);
});
