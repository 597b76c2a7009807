// Screenshots of the supervisor console (Arabic and English; one size a run, 1366×768 or 1920×1080,
// in the names: <size>-<lang>-…), for people to look at. Not a test: it drives a running demo hub as
// the demo admin (the login, the checklist, the users page, the new-user dialog, the account menu and
// its password dialog), creates one supervisor account and shows its
// forced password change, and checks each screen for clipping and overflow. Give it a fresh hub:
//
//   PORT=8095 DOR_DB=/tmp/s/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx tools/screenshots/supervisor.ts [--base http://localhost:8095] [--out /tmp/supervisor-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, type LayoutRules, newShotContext, ShotRun } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8095' },
    out: { type: 'string', default: '/tmp/supervisor-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

/** The console's rules: the section scrolls (sv-main); nothing sticks out of a button, card, item or dialog. */
const SUPERVISOR_RULES: LayoutRules = {
  skip: 'svg, option',
  containers: 'button, .notice, .card, .sv-check, .modal, .user-menu-list',
  containerSkip: 'svg *',
  stacks: '.header-end, .sv-page-head, .sv-check, .sv-pair, .dialog-buttons, .sv-actions, .sv-nav ul',
};

async function shot(page: Page, label: string): Promise<void> {
  await run.shot(page, `${args.size}-${label}`, SUPERVISOR_RULES, 250);
}

async function inLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/supervisor`);
  await page.getByTestId('login-username').waitFor();
  await shot(page, 'ar-01-login');
  await logIn(page, 'admin', 'admin123');
  await page.getByTestId('checklist-progress').waitFor();

  const usernames = { ar: 'mariam.sup', en: 'yusuf.sup' } as const;
  for (const lang of ['ar', 'en'] as const) {
    await page.goto(`${BASE}/supervisor#start`);
    await page.getByTestId('checklist-progress').waitFor();
    await inLang(page, lang);
    await shot(page, `${lang}-02-checklist`);

    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await shot(page, `${lang}-03-users`);

    // The new-user dialog, half filled (the password rule answering), then created.
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill(usernames[lang]);
    await page.getByTestId('user-name-ar').fill(lang === 'ar' ? 'مريم الجودر' : 'يوسف المناعي');
    await page.getByTestId('user-name-en').fill(lang === 'ar' ? 'Mariam Al-Jowder' : 'Yusuf Al-Mannai');
    await page.getByTestId('user-role').selectOption('supervisor');
    await page.getByTestId('password-new').fill('short');
    await shot(page, `${lang}-04-create-dialog`);
    await page.getByTestId('password-new').fill('نخلة البحرين 2026');
    await page.getByTestId('password-repeat').fill('نخلة البحرين 2026');
    await page.getByTestId('dialog-submit').click();
    await page.getByTestId('users-done').waitFor();
    await shot(page, `${lang}-05-user-created`);

    // The account menu and its password dialog (the new password too short).
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-list').waitFor();
    await shot(page, `${lang}-06-account-menu`);
    await page.getByTestId('menu-password').click();
    await page.getByTestId('password-current').fill('admin123');
    await page.getByTestId('password-new').fill('admin-2026-x');
    await shot(page, `${lang}-07-password-dialog`);
    await page.getByTestId('password-cancel').click();
  }

  // A new account's first login: the temporary password is changed before the console opens.
  const fresh = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const newcomer = await fresh.newPage();
  run.watch(newcomer, { console: true, label: 'newcomer' });
  await newcomer.goto(`${BASE}/supervisor`);
  await logIn(newcomer, usernames.ar, 'نخلة البحرين 2026');
  await newcomer.getByTestId('password-change').waitFor();
  for (const lang of ['ar', 'en'] as const) {
    await inLang(newcomer, lang);
    await shot(newcomer, `${lang}-09-must-change`);
  }
  await fresh.close();
  await context.close();
} finally {
  await browser.close();
}

run.report('no layout problems found', { list: true });
