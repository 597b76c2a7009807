// Screenshots of the call-center booking console (Arabic and English; one size a run, 1366×768 or
// 1920×1080, in the names: <size>-<lang>-…), for people to look at. Not a test: it drives a running
// demo hub as the demo agent (a citizen found, a slot picked, a booking made — the service then
// greyed as held —, a call logged; a first-time caller's form, booking and provisional card) and
// checks each screen for clipping and overflow. It books demo slots, so give it a fresh hub:
//
//   PORT=8096 DOR_DB=/tmp/b/dor.db DOR_CLOCK_START=2026-11-26T06:00:00Z npm start   # fresh DB dir
//   npx tsx tools/screenshots/booking.ts [--base http://localhost:8096] [--out /tmp/booking-shots] [--size 1366x768]
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, newShotContext, ShotRun, type LayoutRules } from './shots.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:8096' },
    out: { type: 'string', default: '/tmp/booking-shots' },
    size: { type: 'string', default: '1366x768' },
  },
});
const BASE = args.base!;
const [W, H] = args.size!.split('x').map(Number) as [number, number];
const run = new ShotRun(args.out!);

/** The console's layout rules: its panels scroll (bk-scroll); nothing sticks out of a button or card. */
const BOOKING_RULES: LayoutRules = {
  skip: 'svg',
  containers: 'button, .notice',
  containerSkip: 'svg *',
  stacks: 'button, .bk-appt-line, .bk-booked',
};

async function shot(page: Page, label: string): Promise<void> {
  await run.shot(page, `${args.size}-${label}`, BOOKING_RULES, 200);
}

async function search(page: Page, text: string, opens = 'citizen-card'): Promise<void> {
  await page.getByTestId('cpr-search').fill(text);
  await page.getByTestId('cpr-search').press('Enter');
  await page.getByTestId(opens).waitFor();
}

const browser = await launchChromium();
try {
  const context = await newShotContext(browser, { viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  run.watch(page, { console: true });
  await page.goto(`${BASE}/booking`);
  await page.getByTestId('login-username').waitFor();
  await shot(page, 'ar-01-login');
  await page.getByTestId('login-username').fill('agent');
  await page.getByTestId('login-password').fill('agent123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('cpr-search').waitFor();

  const citizens = { ar: '900000003', en: '900000004' } as const;
  for (const lang of ['ar', 'en'] as const) {
    // Each language from a fresh console (no citizen on screen yet).
    await page.reload();
    await page.getByTestId('cpr-search').waitFor();
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await shot(page, `${lang}-02-empty`);
    await search(page, citizens[lang]);
    await shot(page, `${lang}-03-citizen`);

    // A service, its first day with free seats, its first free slot: the confirm form.
    await page.locator('[data-testid^="service-"]:not([disabled])').first().click();
    const free = page.locator('[data-testid^="slot-"]:not([disabled])');
    await free.first().waitFor();
    await free.first().click();
    await page.getByTestId('book-confirm').waitFor();
    await shot(page, `${lang}-04-slot-picked`);
    await page.getByTestId('book-confirm').click();
    await page.getByTestId('booking-reference').waitFor();
    await shot(page, `${lang}-05-booked`);

    // The call log: a category and an outcome, saved.
    await page.getByTestId('call-category-book').click();
    await page.getByTestId('call-note').fill(lang === 'ar' ? 'حجز موعد عبر الهاتف' : 'Booked by phone');
    await page.getByTestId('call-save').click();
    await page.getByTestId('call-saved').waitFor();
    await shot(page, `${lang}-06-call-logged`);

    // A first-time caller: the form, the picker for them, the booking and their provisional card.
    await search(page, { ar: '800000101', en: '800000102' }[lang], 'new-caller');
    await shot(page, `${lang}-07-new-caller`);
    if (lang === 'ar') await page.getByTestId('new-caller-name-ar').fill('فاطمة علي حسن');
    await page.getByTestId('new-caller-name-en').fill('Fatima Ali Hasan');
    await page.getByTestId('new-caller-phone').fill('36111222');
    await page.getByTestId('new-caller-next').click();
    await page.getByTestId('service-update-details').click();
    await page.locator('[data-testid^="day-"]').nth(1).click(); // a whole day of 15-minute slots: the most the picker shows
    await free.first().waitFor();
    await free.first().click();
    await shot(page, `${lang}-08-new-caller-slot-picked`);
    await page.getByTestId('book-confirm').click();
    await page.getByTestId('citizen-card').waitFor();
    await shot(page, `${lang}-09-new-caller-booked`);
    // A second booking in the same call: the service she holds greyed out, "1 seat free of 2" where hers overlaps.
    await page.getByTestId('service-application-inquiry').click();
    await page.locator('[data-testid^="day-"]').nth(1).click();
    await page.locator('[data-testid^="slot-"][data-remaining="2"]').first().click();
    await page.getByTestId('book-confirm').waitFor();
    await shot(page, `${lang}-10-second-booking`);
  }
  await context.close();
} finally {
  await browser.close();
}

run.report('no layout problems found', { list: true });
