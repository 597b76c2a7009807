// The supervisor console in Chromium: the demo admin logs in, lands on the checklist and sees the
// demo-password warning; creates a counter user with a temporary password (a taken username is
// refused in Arabic); that user logs in at /counter, must change the password first (too short and
// too common are refused in Arabic), opens a counter and calls a ticket; the admin disables the
// account and the terminal is back at its login at once, its counter closed and the ticket back in
// its queue. A supervisor reads the users page without changing anything; the admin changes their
// own password from the account menu and the warning drops that account; a counter user is told
// the console is for supervisors.
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { checkLayout, newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, deviceToken } from '../helpers/hub.ts';

const DESK = { width: 1366, height: 768 };
const NEW_USER = { username: 'sara.counter', temporary: 'Manama pearl 2026', own: 'Sitra harbour at dawn' };

const e2e = e2eFile();

/** A fresh browser (its own cookies) at `path`, Arabic first; page errors fail the test. */
async function open(path: string): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await newShotContext(e2e.browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
  e2e.track(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${e2e.hub.url}${path}`);
  return { page, context, errors };
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The usernames the demo-password warning names. */
const bannerNames = (page: Page) => page.locator('[data-testid="demo-banner"] [data-user]').evaluateAll((els) => els.map((e) => e.getAttribute('data-user')));

/** Nothing cut off, spilling or overlapping, and the page itself does not scroll. */
async function expectTidy(page: Page, what: string) {
  const problems = await checkLayout(page, {
    skip: 'svg, option',
    containers: 'button, .notice, .card, .sv-check, .modal',
    containerSkip: 'svg *',
    stacks: '.header-end, .sv-page-head, .sv-check, .sv-pair, .dialog-buttons, .sv-actions',
  });
  expect(problems, what).toEqual([]);
}

it('lets the admin create a counter user who must change the password, and disabling them ends their counter at once', async () => {
  const { page: admin, errors } = await open('/supervisor');
  await logIn(admin, 'admin', 'admin123');
  // The console opens on the checklist of a hall to set up; the demo hall lacks nothing but its own passwords.
  await admin.getByTestId('checklist-progress').waitFor();
  expect(await admin.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  const states = await admin
    .locator('[data-testid^="check-"][data-state]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-state')]));
  expect(Object.fromEntries(states)).toEqual({
    'check-services': 'done',
    'check-counters': 'done',
    'check-schedule': 'done',
    'check-users': 'warn',
    'check-devices': 'done',
    'check-printers': 'done',
  });
  expect(await admin.getByTestId('hall-name').innerText()).toBe(e2e.hub.hub.current.settings.hallName.ar);
  expect(await bannerNames(admin)).toEqual(['admin', 'supervisor', 'agent', 'counter1', 'counter2']);
  await expectTidy(admin, 'checklist');
  await screenshot(admin, 'supervisor-ar-checklist');

  // From the warning to the users page; a new counter user (a taken username refused in Arabic first).
  await admin.getByTestId('demo-banner-link').click();
  await admin.getByTestId('users-table').waitFor();
  expect(new URL(admin.url()).hash).toBe('#users');
  await admin.getByTestId('user-create').click();
  await admin.getByTestId('user-username').fill('counter1');
  await admin.getByTestId('user-name-ar').fill('سارة المحميد');
  await admin.getByTestId('user-name-en').fill('Sara Al-Mahmeed');
  expect(await admin.getByTestId('user-role').inputValue()).toBe('counter');
  await admin.getByTestId('password-new').fill('short');
  expect(await admin.getByTestId('password-rule').innerText()).toBe(ERRORS.PASSWORD_TOO_SHORT.ar);
  expect(await admin.getByTestId('dialog-submit').isDisabled()).toBe(true);
  await admin.getByTestId('password-new').fill(NEW_USER.temporary);
  await admin.getByTestId('password-repeat').fill(NEW_USER.temporary);
  await admin.getByTestId('dialog-submit').click();
  await admin.getByTestId('dialog-error').waitFor();
  expect(await admin.getByTestId('dialog-error').getAttribute('data-code')).toBe('USERNAME_TAKEN');
  expect(await admin.getByTestId('dialog-error').innerText()).toBe(ERRORS.USERNAME_TAKEN.ar);
  await admin.getByTestId('user-username').fill(NEW_USER.username);
  await expectTidy(admin, 'create dialog');
  await admin.getByTestId('dialog-submit').click();
  await admin.getByTestId('users-done').waitFor();
  const row = admin.getByTestId(`user-${NEW_USER.username}`);
  expect(await row.locator('[data-mark="must-change"]').count()).toBe(1);
  const sara = repo.findUserByUsername(e2e.hub.db, NEW_USER.username)!;
  expect(sara).toMatchObject({ role: 'counter', displayName: 'سارة المحميد / Sara Al-Mahmeed', mustChangePassword: true, disabledAt: null });

  // She logs in at a counter terminal: her own password first, the rules answering in Arabic.
  const ticket = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(e2e.hub, 'kiosk'), body: { serviceId: 'new-application' } });
  expect(ticket.status).toBe(201);
  const { page: counter, errors: counterErrors } = await open('/counter');
  await logIn(counter, NEW_USER.username, NEW_USER.temporary);
  await counter.getByTestId('password-change').waitFor();
  await counter.getByTestId('password-current').fill(NEW_USER.temporary);
  await counter.getByTestId('password-new').fill('Sitra 26');
  expect(await counter.getByTestId('password-rule').innerText()).toBe(ERRORS.PASSWORD_TOO_SHORT.ar);
  expect(await counter.getByTestId('password-submit').isDisabled()).toBe(true);
  // A common password passes the screen's cheap checks; the hub, which has the list, refuses it.
  await counter.getByTestId('password-new').fill('1234567890');
  await counter.getByTestId('password-repeat').fill('1234567890');
  await counter.getByTestId('password-submit').click();
  await counter.getByTestId('password-error').waitFor();
  expect(await counter.getByTestId('password-error').getAttribute('data-code')).toBe('PASSWORD_TOO_COMMON');
  expect(await counter.getByTestId('password-error').innerText()).toBe(ERRORS.PASSWORD_TOO_COMMON.ar);
  await screenshot(counter, 'counter-ar-must-change-password');
  await counter.getByTestId('password-new').fill(NEW_USER.own);
  await counter.getByTestId('password-repeat').fill(NEW_USER.own);
  await counter.getByTestId('password-submit').click();
  await counter.getByTestId('counter-pick-3').click();
  await counter.getByTestId('counter-state').waitFor(); // the terminal's own header (and its menu) is up
  // The account menu's password dialog keeps its keys: N on its button does not call a ticket.
  await counter.getByTestId('user-menu').click();
  await counter.getByTestId('menu-password').click();
  // Open (shown as a modal), not only drawn: before that, Escape has nothing to close.
  await counter.getByTestId('password-dialog').waitFor({ state: 'visible' });
  await counter.getByTestId('password-cancel').focus();
  await counter.keyboard.press('n');
  await counter.keyboard.press('Escape');
  await counter.getByTestId('password-dialog').waitFor({ state: 'detached' });
  expect(await counter.getByTestId('counter-state').getAttribute('data-value')).toBe('idle');
  await counter.getByTestId('btn-call-next').click();
  await expect.poll(() => counter.getByTestId('counter-state').getAttribute('data-value')).toBe('called');
  expect(repo.findUserByUsername(e2e.hub.db, NEW_USER.username)!.mustChangePassword).toBe(false);
  const held = e2e.hub.hub.current.counters['3']!;
  expect(held).toMatchObject({ open: true, userId: sara.id });
  const called = held.currentTicketId!;

  // The admin disables her: the terminal is back at its login at once, the counter closed, the ticket waiting again.
  await admin.getByTestId(`disable-${NEW_USER.username}`).click();
  expect(await admin.getByTestId('disable-dialog').innerText()).toContain(tv('ar', 'disable.body', { name: 'سارة المحميد' }));
  await screenshot(admin, 'supervisor-ar-disable-dialog');
  await admin.getByTestId('dialog-submit').click();
  await admin.getByTestId('users-done').waitFor();
  expect(await row.locator('[data-mark="disabled"]').count()).toBe(1);
  await counter.getByTestId('login-form').waitFor({ timeout: 5000 });
  expect(await counter.getByTestId('login-error').getAttribute('data-code')).toBe('UNAUTHENTICATED');
  expect(await counter.getByTestId('login-error').innerText()).toBe(ERRORS.UNAUTHENTICATED.ar);
  expect(e2e.hub.hub.current.counters['3']).toMatchObject({ open: false, userId: null, currentTicketId: null });
  expect(e2e.hub.hub.current.tickets[called]!.status).toBe('waiting');
  await screenshot(counter, 'counter-ar-disabled-back-to-login');

  // The admin's own password, from the account menu: the warning no longer names the admin.
  await admin.getByTestId('user-menu').click();
  await admin.getByTestId('menu-password').click();
  await admin.getByTestId('password-current').fill('admin123');
  await admin.getByTestId('password-new').fill('Isa Town hall 2026');
  await admin.getByTestId('password-repeat').fill('Isa Town hall 2026');
  await expectTidy(admin, 'password dialog');
  await admin.getByTestId('password-submit').click();
  await admin.getByTestId('password-done').waitFor();
  await admin.getByTestId('password-close').click();
  await expect.poll(() => bannerNames(admin)).toEqual(['supervisor', 'agent', 'counter1', 'counter2']);
  expect(repo.findUserByUsername(e2e.hub.db, 'admin')!.demoPassword).toBe(false);
  expect([...errors, ...counterErrors]).toEqual([]);
}, 60_000); // the longest walk of the suite, with a dozen password hashes: room for a loaded CI machine

it('shows a supervisor the users read-only', async () => {
  const { page, errors } = await open('/supervisor#users');
  await logIn(page, 'supervisor', 'super123');
  await page.getByTestId('users-table').waitFor();
  expect(await page.getByTestId('users-page').innerText()).toContain(tv('ar', 'users.readOnly'));
  expect(await page.getByTestId('user-create').count()).toBe(0);
  expect(await page.locator('[data-testid^="edit-"], [data-testid^="reset-"], [data-testid^="disable-"], [data-testid^="enable-"]').count()).toBe(0);
  expect(await page.getByTestId('user-admin').innerText()).toContain('admin');
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  expect(await page.getByTestId('users-page').innerText()).toContain(tv('en', 'users.readOnly'));
  await expectTidy(page, 'read-only users');
  await screenshot(page, 'supervisor-en-users-read-only');
  expect(errors).toEqual([]);
});

it('tells a counter user that the console is for supervisors, and keeps no session for them', async () => {
  const { page, context } = await open('/supervisor');
  await logIn(page, 'counter1', 'counter123');
  await page.getByTestId('login-error').waitFor();
  expect(await page.getByTestId('login-error').getAttribute('data-code')).toBe('WRONG_ROLE');
  expect(await page.getByTestId('login-error').innerText()).toBe(tv('ar', 'login.wrongRole'));
  expect((await context.request.get(`${e2e.hub.url}/api/auth/me`)).status()).toBe(401);
  await screenshot(page, 'supervisor-ar-wrong-role');
});
