// Screenshots of the supervisor console's Reports section (Arabic and English; one size a run,
// 1366×768 or 1920×1080, in the names: <size>-<lang>-…), for people to look at. Not a test: it drives
// a running hub whose database holds a simulated month (the last simulated day the day before the
// hub's clock) as the demo supervisor: the last 30 days block by block, the pilot question with a
// pivot date, a service and kind filtered, a day without tickets, and the A4 print (print media at
// A4's width, the whole page). Each screen is checked for clipping and overflow. Give it such a hub:
//
//   npm run simulate -- --days 20 --db /tmp/r/dor.db --end-day 2026-11-25
//   PORT=8092 DOR_DB=/tmp/r/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start
//   npx tsx tools/screenshots/supervisor-reports.ts [--base http://localhost:8092] [--out /tmp/reports-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, type LayoutRules, newShotContext, ShotRun } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8092' },
    out: { type: 'string', default: '/tmp/reports-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);
/** A4 at 96 px per inch. */
const A4 = { width: 794, height: 1123 };
/** The pilot date of the shots: halfway through the simulated month. */
const PIVOT = '2026-11-12';

/** The console's rules (tools/screenshots/supervisor.ts), with the section's own boxes. */
const REPORTS_RULES: LayoutRules = {
  skip: 'svg, option, .uplot',
  containers: 'button, .notice, .card, .rp-kpi, .rp-heat-cell',
  containerSkip: 'svg *, .uplot *, .rp-scroll *',
  stacks: '.header-end, .sv-page-head, .sv-nav ul, .rp-kpis, .rp-block-head, .rp-pair, .rp-legend, .rp-preset-buttons',
};

/** The screenshot as a person sees it; then the layout check over the section's whole length (it scrolls inside the console). */
async function shot(page: Page, label: string): Promise<void> {
  const name = `${args.size}-${label}`;
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await run.screenshot(page, name);
  const below = await page.locator('.sv-main').evaluate((el) => el.scrollHeight - el.clientHeight);
  if (below > 0) await page.setViewportSize({ width: W, height: H + below });
  await run.audit(page, name, REPORTS_RULES);
  if (below > 0) await page.setViewportSize({ width: W, height: H });
}

async function inLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Opens the report for `query` (the address's form) and waits until it is on screen. */
async function openReport(page: Page, query: string, state: 'ready' | 'empty' = 'ready'): Promise<void> {
  await page.goto(`${BASE}/supervisor#reports?${query}`);
  await page.locator(`[data-testid="reports-page"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
}

async function scrollTo(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/supervisor#reports`);
  await page.getByTestId('login-username').fill('supervisor');
  await page.getByTestId('login-password').fill('super123');
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="reports-page"][data-state="ready"]').waitFor({ timeout: 60_000 });
  const month = new URL(page.url()).hash.split('?')[1]!;

  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await openReport(page, month);
    await shot(page, `${lang}-01-headline`);
    const blocks = ['daily', 'crowding', 'heatmap', 'appointments', 'counters', 'accuracy'];
    for (const [i, block] of blocks.entries()) {
      await scrollTo(page, `rp-${block}`);
      await shot(page, `${lang}-${String(i + 2).padStart(2, '0')}-${block}`);
    }

    await openReport(page, `${month}&pivot=${PIVOT}`);
    await scrollTo(page, 'rp-pilot');
    await shot(page, `${lang}-08-pilot-before-after`);

    await openReport(page, `${month}&serviceId=new-application&kind=walkin`);
    await shot(page, `${lang}-09-filtered`);

    // Today before the hall opens: no tickets yet.
    await page.getByTestId('rp-preset-day').click();
    await page.locator('[data-testid="reports-page"][data-state="empty"]').waitFor();
    await shot(page, `${lang}-10-empty`);

    // The printed report: print media at A4's width, the whole length of the page.
    await openReport(page, `${month}&pivot=${PIVOT}`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(A4);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(400);
    const path = `${run.out}/${args.size}-${lang}-11-print-a4.png`;
    await page.screenshot({ path, fullPage: true });
    run.written.push(path);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: W, height: H });
  }
  await context.close();
} finally {
  await browser.close();
}

run.report('no layout problems found', { list: true });
