// Screenshots of the supervisor console's Settings, Devices and Audit sections (Arabic and English;
// one size a run, 1366×768 or 1920×1080, in the names: <size>-<lang>-…), for people to look at. Not
// a test: it drives a running demo hub as the demo admin — each settings page (and the service
// dialog), the devices with a fresh pairing code, the audit log after a few changes — and checks
// each screen for clipping and overflow. Give it a fresh hub:
//
//   PORT=8094 DOR_DB=/tmp/s/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx tools/screenshots/supervisor-settings.ts [--base http://localhost:8094] [--out /tmp/settings-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, type LayoutRules, newShotContext, ShotRun } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8094' },
    out: { type: 'string', default: '/tmp/settings-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

/** The console's rules (tools/screenshots/supervisor.ts), with these sections' own boxes. */
const RULES: LayoutRules = {
  skip: 'svg, option',
  containers: 'button, .notice, .card, .modal, .sv-group, .sv-row, .sv-audit-entry, .sv-tab',
  containerSkip: 'svg *',
  stacks: '.header-end, .sv-page-head, .sv-pair, .dialog-buttons, .sv-actions, .sv-tabs, .sv-row, .sv-save, .sv-filters, .sv-audit-head, .sv-pairing',
};

const PAGES = ['services', 'counters', 'hours', 'rules', 'kiosk', 'outcomes', 'ticker', 'messages'] as const;

/**
 * The screenshot as the window shows it; then the layout check with the window as tall as the
 * section (it scrolls inside the console), so what is below the fold is checked too.
 */
async function shot(page: Page, label: string): Promise<void> {
  const name = `${args.size}-${label}`;
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await run.screenshot(page, name);
  const below = await page.evaluate(() => {
    const main = document.querySelector('.sv-main');
    return main ? main.scrollHeight - main.clientHeight : 0;
  });
  await page.setViewportSize({ width: W, height: H + below });
  await run.audit(page, name, RULES);
  await page.setViewportSize({ width: W, height: H });
}

async function inLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/supervisor#settings/services`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('admin123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('services-table').waitFor();

  // A few changes first, so the audit log has something to show: a queue rule and a service's colour.
  await page.goto(`${BASE}/supervisor#settings/rules`);
  // (another value than the one stored, so a second run against the same hub changes something too)
  const recalls = page.getByTestId('set-maxRecalls');
  await recalls.fill((await recalls.inputValue()) === '3' ? '2' : '3');
  const elderly = page.getByTestId('set-priorityWeights-elderly');
  await elderly.fill((await elderly.inputValue()) === '2' ? '1.5' : '2');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-done').waitFor();

  for (const lang of ['ar', 'en'] as const) {
    let n = 1;
    const label = (what: string) => `${lang}-${String(n++).padStart(2, '0')}-${what}`;
    await page.goto(`${BASE}/supervisor#settings/services`);
    await page.getByTestId('services-table').waitFor();
    await inLang(page, lang);
    for (const p of PAGES) {
      await page.goto(`${BASE}/supervisor#settings/${p}`);
      await page.getByTestId(`settings-${p}`).waitFor();
      if (p === 'hours') await page.getByTestId('opening-hours').waitFor();
      await shot(page, label(`settings-${p}`));
      if (p === 'services') {
        await page.getByTestId('service-edit-new-application').click();
        await page.getByTestId('service-dialog').waitFor();
        await shot(page, label('service-dialog'));
        await page.getByTestId('dialog-cancel').click();
      }
      if (p === 'counters') {
        await page.getByTestId('counter-create').click();
        await page.getByTestId('counter-dialog').waitFor();
        await shot(page, label('counter-dialog'));
        await page.getByTestId('dialog-cancel').click();
      }
      if (p === 'hours') {
        await page.locator('[data-testid^="schedule-edit-"]').first().click();
        await page.getByTestId('schedule-editor').waitFor();
        await page.getByTestId('schedule-editor').scrollIntoViewIfNeeded();
        await shot(page, label('schedule-editor'));
      }
    }

    await page.goto(`${BASE}/supervisor#devices`);
    await page.getByTestId('devices-table').waitFor();
    await shot(page, label('devices'));
    await page.getByTestId('pair-create').click();
    await page.getByTestId('pair-name').fill(lang === 'ar' ? 'جهاز المدخل الشمالي' : 'North entrance kiosk');
    await shot(page, label('pair-dialog'));
    await page.getByTestId('dialog-submit').click();
    await page.locator('[data-testid="pairing-qr"] svg').waitFor();
    await shot(page, label('pairing-code'));

    await page.goto(`${BASE}/supervisor#audit`);
    await page.getByTestId('audit-list').waitFor();
    await shot(page, label('audit'));
    await page.getByTestId('audit-kind').selectOption('settings.');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="audit-entry"]')].every((e) => e.getAttribute('data-kind') === 'settings.update'),
    );
    await shot(page, label('audit-settings'));
  }
  await context.close();
} finally {
  await browser.close();
}

run.report('no layout problems found', { list: true });
