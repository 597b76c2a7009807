// A real hall's first run in Chromium: a fresh DOR_DEMO=0 hub logs its setup link; the screens say
// the hall is not set up; the installer opens the link, fills the form in Arabic (the password rules
// answer as they type) and lands on the supervisor console's checklist, logged in as the new admin.
import type { Page } from 'playwright-core';
import pino from 'pino';
import { expect, it } from 'vitest';
import { ERRORS } from '../../protocol/errors.ts';
import { ts } from '../../setup-ui/i18n.ts';
import { checkLayout, newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { startTestHub } from '../helpers/hub.ts';

const e2e = e2eFile(() => startTestHub({ realHall: true, log: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) }));
const lines: string[] = [];

/** Nothing on the form is cut off or spills out of its card, and the page does not scroll. */
async function expectTidy(page: Page, what: string) {
  const problems = await checkLayout(page, {
    skip: 'option, input',
    containers: '.setup-card, .setup-group, .btn',
    containerSkip: 'option',
    stacks: '.setup-columns, .setup-pair',
  });
  expect(problems, what).toEqual([]);
}

it('sets up the hall from the logged link, in Arabic, and opens the console as the new admin', async () => {
  const setupUrl = (JSON.parse(lines.find((l) => l.includes('/setup?token='))!) as { setupUrl: string }).setupUrl;
  const context = await newShotContext(e2e.browser, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: 'ar-BH' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${e2e.hub.url}/counter`);
  await expect.poll(() => page.getByTestId('not-set-up').innerText()).toContain('لم يتم إعداد هذه القاعة بعد');
  await screenshot(page, 'setup-not-set-up');

  await page.goto(setupUrl);
  await page.getByTestId('setup-form').waitFor();
  expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  expect(await page.getByTestId('setup-submit').innerText()).toBe(ts('ar', 'submit'));
  await expectTidy(page, 'Arabic');
  await screenshot(page, 'setup-ar');

  await page.getByTestId('lang-toggle').click();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
  expect(await page.getByTestId('setup-submit').innerText()).toBe(ts('en', 'submit'));
  await page.getByTestId('setup-password').fill('1234567890');
  expect(await page.getByTestId('password-rule').innerText()).toBe(ERRORS.PASSWORD_TOO_COMMON.en);
  await expectTidy(page, 'English');
  await screenshot(page, 'setup-en');
  await page.getByTestId('lang-toggle').click();

  await page.getByTestId('setup-hallNameAr').fill('وزارة الإسكان — قاعة مدينة عيسى');
  await page.getByTestId('setup-hallNameEn').fill('Ministry of Housing — Isa Town Hall');
  await page.getByTestId('setup-timeZone').selectOption('Asia/Bahrain');
  await page.getByTestId('setup-username').fill('huda.admin');
  await page.getByTestId('setup-displayNameAr').fill('هدى القصاب');
  await page.getByTestId('setup-displayNameEn').fill('Huda Al-Qassab');
  await page.getByTestId('setup-password').fill('huda.admin2026');
  expect(await page.getByTestId('password-rule').innerText()).toBe(ERRORS.PASSWORD_IS_USERNAME.ar);
  expect(await page.getByTestId('setup-submit').isDisabled()).toBe(true);
  await page.getByTestId('setup-password').fill('نخلة البحرين 2026');
  await page.getByTestId('setup-confirm').fill('نخلة البحرين 2027');
  expect(await page.getByTestId('setup-submit').isDisabled()).toBe(true);
  await page.getByTestId('setup-confirm').fill('نخلة البحرين 2026');
  expect(await page.getByTestId('password-rule').innerText()).toBe(ts('ar', 'passwordOk'));
  expect(await page.getByTestId('setup-submit').isEnabled()).toBe(true);
  await page.getByTestId('setup-submit').focus();
  await page.waitForTimeout(200); // the button's colour transition
  await screenshot(page, 'setup-ar-filled');

  await page.getByTestId('setup-submit').click();
  await page.waitForURL(`${e2e.hub.url}/supervisor`);
  // The console opens on the checklist: the ministry's services are there, counters and staff are not yet.
  await page.getByTestId('checklist-progress').waitFor();
  expect(await page.getByTestId('check-services').getAttribute('data-state')).toBe('done');
  expect(await page.getByTestId('check-counters').getAttribute('data-state')).toBe('todo');
  expect(await page.getByTestId('check-users').getAttribute('data-state')).toBe('todo');
  expect(await page.getByTestId('demo-banner').count()).toBe(0);
  await screenshot(page, 'setup-ar-checklist');
  const me = await (await context.request.get(`${e2e.hub.url}/api/auth/me`)).json();
  expect(me.user).toMatchObject({ username: 'huda.admin', role: 'admin', displayName: 'هدى القصاب / Huda Al-Qassab', mustChangePassword: false });
  expect(e2e.hub.hub.current.settings.hallName.en).toBe('Ministry of Housing — Isa Town Hall');

  // The link has done its work: opened again, the page says the hall is set up.
  await page.goto(setupUrl);
  await page.getByTestId('setup-message').waitFor();
  expect(await page.getByTestId('setup-message').innerText()).toContain(ts('ar', 'doneTitle'));
  expect(errors).toEqual([]);
  await context.close();
});
