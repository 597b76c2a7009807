// A real hall's first day, entirely through the browser (issue 10's end-to-end path): a fresh
// DOR_DEMO=0 hub logs its setup link; the installer fills the setup page and lands on the console's
// checklist as the new admin; in the console they add a service, a counter that serves it, a counter
// user with a first password and a kiosk pairing code; a kiosk opens the shown address, is paired and
// offers the new service; a citizen takes a ticket for it; the new user logs in at /counter, must
// change the password, opens the new counter and calls that ticket. Arabic first, no page errors.
import type { Page } from 'playwright-core';
import pino from 'pino';
import { expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { ts } from '../../setup-ui/i18n.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { startTestHub } from '../helpers/hub.ts';

const DESK = { width: 1366, height: 768 };
const KIOSK = { width: 1080, height: 1920 };
const SERVICE = { id: 'demolition-permits', nameAr: 'تصاريح الهدم', nameEn: 'Demolition permits', prefix: 'H' };
const COUNTER = { number: 1, nameAr: 'شباك التصاريح', nameEn: 'Permits desk' };
const USER = { username: 'maryam.counter', nameAr: 'مريم الدوسري', nameEn: 'Maryam Al-Dossary', first: 'Muharraq souq 2026', own: 'Riffa fort at sunset' };

const e2e = e2eFile(() => startTestHub({ realHall: true, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) }));
const lines: string[] = [];
const errors: string[] = [];

/** A fresh browser (its own cookies) at `url`, Arabic first; page errors fail the test. */
async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await newShotContext(e2e.browser, { viewport, deviceScaleFactor: 1, locale: 'ar-BH' });
  e2e.track(context);
  const page = await context.newPage();
  // Well inside the test's own time, so a missing element is named instead of timing the test out.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  await page.goto(url);
  return page;
}

it('sets up a real hall from the browser and serves its first walk-in', { timeout: 90_000 }, async () => {
  // The setup link is the one thing the installer reads from the hub's log.
  const setupUrl = (JSON.parse(lines.find((l) => l.includes('/setup?token='))!) as { setupUrl: string }).setupUrl;
  const desk = await open(setupUrl, DESK);
  await desk.getByTestId('setup-form').waitFor();
  expect(await desk.getByTestId('setup-submit').innerText()).toBe(ts('ar', 'submit'));
  await desk.getByTestId('setup-hallNameAr').fill('وزارة الإسكان — قاعة المحرق');
  await desk.getByTestId('setup-hallNameEn').fill('Ministry of Housing — Muharraq Hall');
  await desk.getByTestId('setup-timeZone').selectOption('Asia/Bahrain');
  await desk.getByTestId('setup-username').fill('khalid.admin');
  await desk.getByTestId('setup-displayNameAr').fill('خالد البوعينين');
  await desk.getByTestId('setup-displayNameEn').fill('Khalid Al-Buainain');
  await desk.getByTestId('setup-password').fill('قلعة عراد 2026');
  await desk.getByTestId('setup-confirm').fill('قلعة عراد 2026');
  await desk.getByTestId('setup-submit').click();

  // The console's checklist: the ministry's services are there, counters and staff are not yet.
  await desk.waitForURL(`${e2e.hub.url}/supervisor`);
  await desk.getByTestId('checklist-progress').waitFor();
  expect(await desk.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  expect(await desk.getByTestId('checklist').innerText()).toContain(tv('ar', 'start.title'));
  expect(await desk.getByTestId('hall-name').innerText()).toBe('وزارة الإسكان — قاعة المحرق');
  expect(await desk.getByTestId('check-counters').getAttribute('data-state')).toBe('todo');
  expect(await desk.getByTestId('check-users').getAttribute('data-state')).toBe('todo');

  // Settings → Services: the new service, with its own queue letter.
  await desk.getByTestId('nav-settings').click();
  await desk.getByTestId('tab-services').click();
  await desk.getByTestId('services-table').waitFor();
  await desk.getByTestId('service-create').click();
  await desk.getByTestId('service-name-ar').fill(SERVICE.nameAr);
  await desk.getByTestId('service-name-en').fill(SERVICE.nameEn);
  await desk.getByTestId('service-prefix').fill(SERVICE.prefix);
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('services-done').waitFor();
  expect(await desk.getByTestId('services-done').innerText()).toBe(tv('ar', 'services.created', { name: SERVICE.nameAr }));
  expect(e2e.hub.hub.current.services[SERVICE.id]).toMatchObject({ nameAr: SERVICE.nameAr, prefix: SERVICE.prefix, kioskVisible: true, active: true });

  // Settings → Counters: the hall's first counter, serving the new service.
  await desk.getByTestId('tab-counters').click();
  await desk.getByTestId('counters-table').waitFor();
  await desk.getByTestId('counter-create').click();
  expect(await desk.getByTestId('counter-number').inputValue()).toBe(String(COUNTER.number));
  await desk.getByTestId('counter-name-ar').fill(COUNTER.nameAr);
  await desk.getByTestId('counter-name-en').fill(COUNTER.nameEn);
  await desk.getByTestId(`counter-service-${SERVICE.id}`).check();
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('counters-done').waitFor();
  expect(e2e.hub.hub.current.counters[String(COUNTER.number)]).toMatchObject({
    nameAr: COUNTER.nameAr,
    mode: 'general',
    serviceIds: [SERVICE.id],
    open: false,
  });

  // Users: a counter user with a first password.
  await desk.getByTestId('nav-users').click();
  await desk.getByTestId('users-table').waitFor();
  await desk.getByTestId('user-create').click();
  await desk.getByTestId('user-username').fill(USER.username);
  await desk.getByTestId('user-name-ar').fill(USER.nameAr);
  await desk.getByTestId('user-name-en').fill(USER.nameEn);
  expect(await desk.getByTestId('user-role').inputValue()).toBe('counter');
  await desk.getByTestId('password-new').fill(USER.first);
  await desk.getByTestId('password-repeat').fill(USER.first);
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('users-done').waitFor();
  expect(await desk.getByTestId(`user-${USER.username}`).locator('[data-mark="must-change"]').count()).toBe(1);

  // Devices: a kiosk pairing code, shown with its address.
  await desk.getByTestId('nav-devices').click();
  await desk.getByTestId('devices-table').waitFor();
  await desk.getByTestId('pair-create').click();
  expect(await desk.getByTestId('pair-kind-kiosk').isChecked()).toBe(true);
  await desk.getByTestId('pair-name').fill('كشك المدخل');
  // The dialog binds no printer until one is chosen; this hall's kiosk prints on the hub's virtual printer.
  expect(await desk.getByTestId('printer-none').isChecked()).toBe(true);
  await desk.getByTestId('printer-virtual').check();
  await desk.getByTestId('dialog-submit').click();
  await desk.locator('[data-testid="pairing-qr"] svg').waitFor();
  const pairingUrl = await desk.getByTestId('pairing-url').innerText();
  expect(pairingUrl).toBe(`${e2e.hub.url}/kiosk?pair=${await desk.getByTestId('pairing-code').innerText()}`);
  await screenshot(desk, 'first-day-ar-pairing-code');

  // The kiosk opens the shown address, is paired, and offers the new service.
  const kiosk = await open(pairingUrl, KIOSK);
  await kiosk.getByTestId('start-walkin').click();
  await kiosk.getByTestId(`service-${SERVICE.id}`).waitFor();
  expect(await kiosk.getByTestId(`service-${SERVICE.id}`).innerText()).toContain(SERVICE.nameAr);
  await screenshot(kiosk, 'first-day-kiosk-services');
  await kiosk.getByTestId(`service-${SERVICE.id}`).click();
  await kiosk.getByTestId('priority-none').click();
  await kiosk.getByTestId('ticket-number').waitFor();
  const label = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  expect(label).toBe(`${SERVICE.prefix}-001`);
  expect(await kiosk.getByTestId('ticket-service').innerText()).toContain(SERVICE.nameAr);
  // Its printer (the virtual one chosen at pairing) took the ticket: the kiosk says it is printed.
  await kiosk.getByTestId('print-ok').waitFor();
  await screenshot(kiosk, 'first-day-kiosk-ticket');

  // The new user at a counter terminal: their own password first, then the new counter.
  const counter = await open(`${e2e.hub.url}/counter`, DESK);
  await counter.getByTestId('login-username').fill(USER.username);
  await counter.getByTestId('login-password').fill(USER.first);
  await counter.getByTestId('login-submit').click();
  await counter.getByTestId('password-change').waitFor();
  await counter.getByTestId('password-current').fill(USER.first);
  await counter.getByTestId('password-new').fill(USER.own);
  await counter.getByTestId('password-repeat').fill(USER.own);
  await counter.getByTestId('password-submit').click();
  await counter.getByTestId(`counter-pick-${COUNTER.number}`).click();
  await counter.getByTestId('counter-state').waitFor();
  expect(await counter.getByTestId('counter-name').innerText()).toContain(COUNTER.nameAr);
  await counter.getByTestId('btn-call-next').click();
  await expect.poll(() => counter.getByTestId('counter-state').getAttribute('data-value')).toBe('called');
  expect((await counter.getByTestId('current-label').innerText()).trim()).toBe(label);
  await screenshot(counter, 'first-day-counter-called');

  const called = Object.values(e2e.hub.hub.current.tickets).find((t) => t.label === label)!;
  expect(called).toMatchObject({ serviceId: SERVICE.id, status: 'called', counter: COUNTER.number });
  const maryam = repo.findUserByUsername(e2e.hub.db, USER.username)!;
  expect(maryam.mustChangePassword).toBe(false);
  expect(e2e.hub.hub.current.counters[String(COUNTER.number)]).toMatchObject({ open: true, userId: maryam.id, currentTicketId: called.id });
  expect(errors).toEqual([]);
});
