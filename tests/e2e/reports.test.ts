// The Reports section in Chromium on a simulated month (simulator/: the real hub on a virtual clock,
// 20 open days ending the day before the hub's Thursday): the charts draw (their canvases hold the
// series' colours, read pixel by pixel), the figures are the API's, a filter changes them and stays
// in the address over a reload, a CSV downloads with its byte-order mark and the Arabic service
// names, an unusable pilot date is refused in Arabic, a day without tickets says so, and the print
// stylesheet fits A4 with each block kept whole — in Arabic and in English.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import type { Report } from '../../protocol/reports.ts';
import { simulate } from '../../simulator/run.ts';
import { loadScenario } from '../../simulator/scenario.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { newShotContext } from '../../tools/screenshots/shots.ts';
import { tk } from '../../ui-kit/staff-words.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { call, DEMO, login, startTestHub, type TestHub, THURSDAY_0900 } from '../helpers/hub.ts';

const LAST_SIMULATED = '2026-11-25';
const MONTH = 'from=2026-10-28&to=2026-11-26';
const DESK = { width: 1366, height: 768 };
/** A4's 210 mm less the print stylesheet's 12 mm margins, at 96 px per inch. */
const A4_PRINTABLE = { width: Math.floor(((210 - 24) / 25.4) * 96), height: Math.floor(((297 - 24) / 25.4) * 96) };

/** Each chart and the colour its main series is drawn in (reports-blocks.tsx). */
const CHARTS: [testId: string, colour: string][] = [
  ['rp-chart-service-level', '#0a4d68'],
  ['rp-chart-daily', '#8fbfd2'],
  ['rp-chart-crowding', '#8fbfd2'],
  ['rp-chart-wait', '#b8892d'],
  ['rp-chart-appointments', '#0a4d68'],
  ['rp-chart-lead', '#1e3a5f'],
  ['rp-chart-counters', '#0a4d68'],
  ['rp-chart-pilot-kinds', '#b8892d'],
  ['rp-chart-accuracy', '#b8892d'],
];

let hub: TestHub;
let browser: Browser;
let cookie: string;
let month: Report;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'dor-reports-')), 'dor.db');
  const db = openDatabase(file);
  await simulate({ ...loadScenario(), days: 20 }, { db, endDay: LAST_SIMULATED, seed: 11 });
  db.sqlite.close();
  hub = await startTestHub({ file, at: THURSDAY_0900 });
  cookie = await login(hub, ...DEMO.supervisor);
  month = (await call(hub, 'GET', `/api/reports?${MONTH}`, { cookie })).body;
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hub?.stop();
});

/** The console as the demo supervisor, on the reports for `query`, Arabic first; page errors are collected. */
async function openReports(query: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newShotContext(browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hub.url}/supervisor#reports?${query}`);
  await page.getByTestId('login-username').fill(DEMO.supervisor[0]);
  await page.getByTestId('login-password').fill(DEMO.supervisor[1]);
  await page.getByTestId('login-submit').click();
  await shown(page, query);
  return { page, errors };
}

/** Waits until the page shows the report for `query` (or, with a state, that state). */
async function shown(page: Page, query: string, state = 'ready'): Promise<void> {
  await page.locator(`[data-testid="reports-page"][data-state="${state}"][data-query="${query}"]`).waitFor({ timeout: 30_000 });
}

/** Pixels of the chart's canvas within a small distance of `hex` (the series was drawn, not only the axes), and where they stand across it. */
async function pixelsOf(page: Page, testId: string, hex: string): Promise<{ n: number; meanX: number; width: number }> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((canvas, hex) => {
      const c = canvas as HTMLCanvasElement;
      const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      let sumX = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 200 && want.every((v, k) => Math.abs(data[i + k]! - v) <= 6)) {
          n++;
          sumX += (i / 4) % c.width;
        }
      }
      return { n, meanX: n ? sumX / n : 0, width: c.width };
    }, hex);
}

async function toLang(page: Page, lang: 'ar' | 'en'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const text = (page: Page, testId: string) => page.getByTestId(testId).locator('.rp-kpi-value').innerText();

it('draws every chart of a simulated month from the API’s figures, in Arabic and in English', async () => {
  const tickets = month.daily.reduce((n, d) => n + d.tickets, 0);
  expect(month.days).toBeGreaterThanOrEqual(18); // the simulated open days in the range
  const { page, errors } = await openReports(MONTH);
  const peaks: Record<string, { meanX: number; width: number }> = {};
  for (const lang of ['ar', 'en'] as const) {
    await toLang(page, lang);
    await page.waitForTimeout(200); // the charts are drawn anew in the language
    for (const [testId, colour] of CHARTS) expect((await pixelsOf(page, testId, colour)).n, `${testId} in ${lang}`).toBeGreaterThan(150);
    // The peak of the crowding curve is marked.
    const peak = await pixelsOf(page, 'rp-chart-crowding', '#9b1c23');
    expect(peak.n).toBeGreaterThan(20);
    peaks[lang] = peak;
    expect(await text(page, 'rp-kpi-tickets')).toBe(String(tickets));
    expect(await text(page, 'rp-kpi-service-level')).toBe(tv(lang, 'rp.percent', { v: Math.round(month.serviceLevel.within! * 100) }));
    expect(await page.getByTestId('rp-table-daily').locator('tbody tr').count()).toBe(month.daily.length);
    expect(await page.getByTestId('rp-chart-daily').locator('.rp-legend').innerText()).toContain(tv(lang, 'rp.tickets'));
    await screenshot(page, `reports-month-${lang}`);
  }
  // In Arabic time runs from right to left: the morning peak stands where English has it, mirrored.
  const { ar, en } = peaks as { ar: { meanX: number; width: number }; en: { meanX: number; width: number } };
  expect(Math.abs(en.meanX - en.width / 2)).toBeGreaterThan(30);
  expect(Math.abs(ar.meanX - (ar.width - en.meanX))).toBeLessThan(12);
  await toLang(page, 'ar');
  const hours = await page
    .getByTestId('rp-heatmap-grid')
    .locator('.rp-heat-hour')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  expect(hours[0]!).toBeGreaterThan(hours.at(-1)!); // the heatmap's first hour stands on the right too
  expect(errors).toEqual([]);
});

it('changes the figures with a filter, and keeps the filter in the address over a reload', async () => {
  const { page } = await openReports(MONTH);
  const all = await text(page, 'rp-kpi-tickets');
  await page.getByTestId('rp-service').selectOption('new-application');
  const byService = `${MONTH}&serviceId=new-application`;
  await shown(page, byService);
  const one: Report = (await call(hub, 'GET', `/api/reports?${byService}`, { cookie })).body;
  const oneTickets = one.daily.reduce((n, d) => n + d.tickets, 0);
  expect(await text(page, 'rp-kpi-tickets')).toBe(String(oneTickets));
  expect(Number(all)).toBeGreaterThan(oneTickets);
  expect(await page.getByTestId('rp-table-service-level').locator('tbody tr').count()).toBe(2); // the service and the whole

  await page.getByTestId('rp-kind').selectOption('walkin');
  const walkins = `${byService}&kind=walkin`;
  await shown(page, walkins);
  expect(Number(await text(page, 'rp-kpi-tickets'))).toBeLessThan(oneTickets);

  await page.reload();
  await shown(page, walkins);
  // The service list comes with the hall's live feed, maybe after the report: the choice shows once it has.
  await expect.poll(() => page.getByTestId('rp-service').inputValue()).toBe('new-application');
  expect(await page.getByTestId('rp-kind').inputValue()).toBe('walkin');

  // The pilot date splits the hall into before and after.
  await page.getByTestId('rp-pivot').fill('2026-11-12');
  await shown(page, `${walkins}&pivot=2026-11-12`);
  await page.getByTestId('rp-table-pilot-dates').waitFor();
  expect(await page.getByTestId('rp-table-pilot-dates').locator('[data-verdict]').count()).toBeGreaterThan(5);
});

it('downloads a table as CSV with its byte-order mark and the Arabic service names', async () => {
  const { page } = await openReports(MONTH);
  const link = page.getByTestId('rp-csv-service-level');
  expect(await link.getAttribute('href')).toBe(`/api/reports/export.csv?${MONTH}&table=service-level&lang=ar`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8');
  expect(month.serviceLevel.perService.length).toBeGreaterThan(0);
  for (const row of month.serviceLevel.perService) {
    const service = month.services.find((s) => s.id === row.serviceId)!;
    expect(csv).toContain(service.nameAr);
  }
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
});

it('words a refused query by the errors table and says when a range has no tickets', async () => {
  const { page } = await openReports(MONTH);
  const badPivot = 'from=2026-11-10&to=2026-11-20&pivot=2026-11-01';
  await page.goto(`${hub.url}/supervisor#reports?${badPivot}`);
  await page.getByTestId('rp-error').waitFor();
  expect(await page.getByTestId('rp-error').getAttribute('data-code')).toBe('VALIDATION_FAILED');
  expect(await page.getByTestId('rp-error').innerText()).toBe(tk('ar', 'checkField', { field: tv('ar', 'f.pivot') }));

  // Today, before the hall opens: nothing yet.
  await page.getByTestId('rp-preset-day').click();
  await shown(page, 'from=2026-11-26&to=2026-11-26', 'empty');
  expect(await page.getByTestId('rp-empty').innerText()).toBe(tv('ar', 'rp.empty'));
});

it('prints on A4: navigation and filters hidden, each block whole, nothing wider than the page', async () => {
  const { page } = await openReports(`${MONTH}&pivot=2026-11-12`);
  for (const lang of ['ar', 'en'] as const) {
    await toLang(page, lang);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(A4_PRINTABLE);
    await page.waitForTimeout(300); // the charts take the printed width
    const layout = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      widest: Math.max(...Array.from(document.querySelectorAll('.rp-page *')).map((e) => e.getBoundingClientRect().right)),
      shown: ['.sv-nav', '.app-header', '[data-testid="rp-filters"]', '[data-testid="rp-print"]', '[data-testid="rp-csv-daily"]'].map(
        (s) => document.querySelector(s)!.getClientRects().length > 0,
      ),
      breaks: Array.from(document.querySelectorAll('.rp-block')).map((b) => getComputedStyle(b).breakInside),
      head: (document.querySelector('[data-testid="rp-print-head"]') as HTMLElement).innerText,
    }));
    expect(layout.width).toBeLessThanOrEqual(A4_PRINTABLE.width);
    expect(layout.widest).toBeLessThanOrEqual(A4_PRINTABLE.width + 1);
    expect(layout.shown).toEqual([false, false, false, false, false]);
    expect(layout.breaks.length).toBe(10);
    expect(new Set(layout.breaks)).toEqual(new Set(['avoid']));
    expect(layout.head).toContain(tv(lang, 'rp.printTitle'));
    expect(layout.head).toContain(`${tv(lang, 'f.pivot')}:`);
    for (const [testId, colour] of CHARTS) expect((await pixelsOf(page, testId, colour)).n, `${testId} printed`).toBeGreaterThan(100);
    await page.screenshot({ path: join('test-artifacts', `reports-print-${lang}.png`), fullPage: true });
    // Chromium's own A4 print of the page: a PDF of a few pages.
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESK);
  }
});
