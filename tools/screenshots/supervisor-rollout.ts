// Screenshots of the supervisor console's Rollout section (Arabic and English; one size a run,
// 1366×768 or 1920×1080, in the names: <size>-<lang>-…), for people to look at. Not a test: it
// drives a running demo hub (a Thursday morning) as the demo supervisor: the planner from the next
// working day with counters 3 and 4 added in mixed mode, its preview (seats going up) and its
// what-if (waits now and with the plan: "a day like the last four weeks" on a hub with simulated
// history, else the default busy day), a plan from today with one counter (seats going down:
// bookings left without a seat, highlighted), the confirmation, then the plans list (a confirmed
// plan, a draft, a cancelled plan) and the cancel of the confirmed plan (a booking made on its
// seats left without one), and checks each screen for clipping and overflow. Give it a fresh hub:
//
//   PORT=8094 DOR_DB=/tmp/r/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   (with history: npm run simulate -- --days 20 --end-day 2026-11-25 --db /tmp/r/dor.db first)
//   npx tsx tools/screenshots/supervisor-rollout.ts [--base http://localhost:8094] [--out /tmp/rollout-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, type LayoutRules, newShotContext, ShotRun } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8094' },
    out: { type: 'string', default: '/tmp/rollout-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

/** The console's rules (tools/screenshots/supervisor.ts), with the section's own boxes. */
const ROLLOUT_RULES: LayoutRules = {
  skip: 'svg, option',
  containers: 'button, .notice, .card, .modal, .ro-counter, .ro-unfit',
  containerSkip: 'svg *',
  stacks: '.header-end, .sv-page-head, .dialog-buttons, .sv-actions, .sv-nav ul, .ro-buttons, .ro-chips',
};

/** The screenshot as a person sees it; then the layout check over the section's whole length (it scrolls inside the console). */
async function shot(page: Page, label: string): Promise<void> {
  const name = `${args.size}-${label}`;
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250);
  await run.screenshot(page, name);
  const below = await page.locator('.sv-main').evaluate((el) => el.scrollHeight - el.clientHeight);
  if (below > 0) await page.setViewportSize({ width: W, height: H + below });
  await run.audit(page, name, ROLLOUT_RULES);
  if (below > 0) await page.setViewportSize({ width: W, height: H });
}

async function inLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Scrolls the console's section so that `testId` is at its top. */
async function scrollTo(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

/** The planner as the demo hall starts it, plus counters 3 and 4 in mixed mode. */
async function planGrowth(page: Page): Promise<void> {
  await page.goto(`${BASE}/supervisor#rollout`);
  await page.reload(); // a fresh planner, whatever was drawn before
  await page.getByTestId('ro-pick-3').waitFor();
  for (const n of [3, 4]) {
    await page.getByTestId(`ro-pick-${n}`).check();
    await page.getByTestId(`ro-mode-${n}`).selectOption('mixed');
  }
}

async function preview(page: Page): Promise<void> {
  await page.getByTestId('ro-preview').click();
  await page.locator('[data-testid="ro-preview-result"][data-stale="false"]').waitFor();
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/supervisor#rollout`);
  await page.getByTestId('login-username').fill('supervisor');
  await page.getByTestId('login-password').fill('super123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('rollout-page').waitFor();

  for (const lang of ['ar', 'en'] as const) {
    await planGrowth(page);
    await inLang(page, lang);
    await shot(page, `${lang}-01-planner`);
    await preview(page);
    await scrollTo(page, 'ro-preview-result');
    await shot(page, `${lang}-02-preview-more-seats`);
    await page.getByTestId('ro-whatif').click();
    await page.locator('[data-testid="ro-whatif-result"] [data-testid="ro-whatif-table"]').waitFor({ timeout: 60_000 });
    await scrollTo(page, 'ro-whatif-result');
    await shot(page, `${lang}-02b-whatif`);

    // From today with counter 1 alone: today's demo bookings outnumber its seats.
    await page.getByTestId('ro-day').fill(
      await page
        .getByTestId('ro-day')
        .getAttribute('min')
        .then((d) => d!),
    );
    for (const n of [2, 3, 4]) await page.getByTestId(`ro-pick-${n}`).uncheck();
    await preview(page);
    await scrollTo(page, 'ro-preview-result');
    await shot(page, `${lang}-03-preview-bookings-without-seat`);

    await planGrowth(page);
    await preview(page);
    await page.getByTestId('ro-confirm').click();
    await page.getByTestId('ro-confirm-dialog').waitFor();
    await shot(page, `${lang}-04-confirm-dialog`);
    await page.getByTestId('dialog-cancel').click();
  }

  // The plans: one confirmed (the growth plan), one draft, one cancelled draft.
  await planGrowth(page);
  await preview(page);
  await page.getByTestId('ro-confirm').click();
  await page.getByTestId('dialog-submit').click();
  await page.getByTestId('ro-done').waitFor();
  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await page.getByTestId('ro-weekday-0').click(); // the plan's days: Monday to Thursday
    await page.getByTestId('ro-draft').click();
    await page.locator('[data-testid="ro-plans"] [data-status="draft"]').first().waitFor();
  }
  const drafts = page.locator('[data-testid="ro-plans"] [data-status="draft"]');
  const lastDraft = await drafts.first().getAttribute('data-testid');
  await page.getByTestId(lastDraft!.replace('ro-plan-', 'ro-cancel-')).click();
  await page.getByTestId('dialog-submit').click();
  await page.locator(`[data-testid="${lastDraft}"][data-status="cancelled"]`).waitFor();
  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await scrollTo(page, 'ro-plans');
    await shot(page, `${lang}-05-plans`);
    const scheduled = await page.locator('[data-testid="ro-plans"] [data-status="scheduled"]').getAttribute('data-testid');
    await page.getByTestId(scheduled!.replace('ro-plan-', 'ro-cancel-')).click();
    await page.getByTestId('ro-cancel-dialog').waitFor();
    await shot(page, `${lang}-06-cancel-dialog`);
    await page.getByTestId('dialog-cancel').click();
  }

  // A call-center agent books a seat only the plan makes (07:00); cancelling the plan then names that booking.
  const agent = await browser.newContext();
  const login = await agent.request.post(`${BASE}/api/auth/login`, { data: { username: 'agent', password: 'agent123' } });
  const booking = await agent.request.post(`${BASE}/api/appointments`, {
    data: {
      serviceId: 'application-inquiry',
      day: '2026-11-29',
      time: '07:00',
      cpr: '900000003',
      phone: '39874512',
      nameAr: 'أحمد يوسف',
      nameEn: 'Ahmed Yusuf',
    },
  });
  if (!login.ok() || !booking.ok()) throw new Error(`the agent could not book 07:00: ${booking.status()} ${await booking.text()}`);
  await agent.close();
  const scheduled = await page.locator('[data-testid="ro-plans"] [data-status="scheduled"]').getAttribute('data-testid');
  await page.getByTestId(scheduled!.replace('ro-plan-', 'ro-cancel-')).click();
  await page.getByTestId('dialog-submit').click();
  await page.locator('[data-testid="ro-unseated"][data-count="1"]').waitFor();
  for (const lang of ['ar', 'en'] as const) {
    await inLang(page, lang);
    await scrollTo(page, 'ro-done');
    await shot(page, `${lang}-07-cancelled`);
  }
  await context.close();
} finally {
  await browser.close();
}

run.report('no layout problems found', { list: true });
