// The desk's Settings, Devices and Audit sections in Chromium against a real hub: the demo admin
// creates a service (a kiosk open in the same browser offers it without a reload; a taken queue
// letter and a missing one are refused in Arabic) and renames it (the kiosk follows), creates a
// counter, changes queue rules (only the changed fields are sent), creates a kiosk pairing code
// that a second page pairs with, revokes the display (the open display says it is not paired), and
// finds each change in the audit log filtered by kind. A supervisor sees the settings read-only.
import type { BrowserContext, Page, Request } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { tv } from '../../supervisor-ui/i18n.ts';
import { tk } from '../../ui-kit/staff-words.ts';
import { checkLayout, newShotContext } from '../../tools/screenshots/shots.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { deviceToken } from '../helpers/hub.ts';

const DESK = { width: 1366, height: 768 };
const TABLET = { width: 1280, height: 800 };
const TV = { width: 1920, height: 1080 };

const e2e = e2eFile();
let admin: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  // One browser: the admin's desk and the kiosk share it, as on an installer's laptop.
  admin = await newShotContext(e2e.browser, { viewport: DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
  e2e.track(admin);
}, 60_000);

/** A page in `context` (a fresh one with `cookie` when none is given); page errors fail the test. */
async function open(path: string, opts: { context?: BrowserContext; cookie?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  let context = opts.context;
  if (!context) {
    context = await newShotContext(e2e.browser, { viewport: opts.viewport ?? DESK, deviceScaleFactor: 1, locale: 'ar-BH' });
    if (opts.cookie) {
      const [name, value] = opts.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: e2e.hub.url, httpOnly: true, sameSite: 'Strict' }]);
    }
    e2e.track(context);
  }
  const page = await context.newPage();
  // Well inside the test's own time, so a missing element is named instead of timing the test out.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${e2e.hub.url}${path}`);
  return page;
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Nothing cut off, spilling or overlapping, the section's whole length (the window made as tall as it). */
async function expectTidy(page: Page, what: string) {
  const size = page.viewportSize()!;
  const below = await page.evaluate(() => {
    const main = document.querySelector('.sv-main');
    return main ? main.scrollHeight - main.clientHeight : 0;
  });
  await page.setViewportSize({ width: size.width, height: size.height + below });
  const problems = await checkLayout(page, {
    skip: 'svg, option',
    containers: 'button, .notice, .card, .modal, .sv-group, .sv-row, .sv-audit-entry',
    containerSkip: 'svg *',
    stacks: '.header-end, .sv-page-head, .sv-pair, .dialog-buttons, .sv-actions, .sv-tabs, .sv-row, .sv-save, .sv-filters, .sv-audit-head, .sv-pairing',
  });
  await page.setViewportSize(size);
  expect(problems, what).toEqual([]);
}

/** The kinds and targets of the audit entries on show. */
const auditEntries = (page: Page) =>
  page.locator('[data-testid="audit-entry"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-target')}`));

/** The admin's console, through every test. */
let desk: Page;
let kiosk: Page;
/** What to bring, as long as a real one: it takes a few lines in the services form. */
const BRING = {
  ar: 'البطاقة الذكية، وشهادة راتب حديثة، وعقد الإيجار أو سند الملكية',
  en: 'Smart ID card, a recent salary certificate, and the lease or the title deed',
};
const SERVICE = { id: 'building-permits', nameAr: 'تصاريح البناء', nameEn: 'Building permits', renamedAr: 'تصاريح البناء والهدم' };

it('lets the admin add a service and rename it, and the open kiosk follows without a reload', async () => {
  kiosk = await open('/kiosk?idle=600000', { cookie: `dor_device=${deviceToken(e2e.hub, 'kiosk')}`, viewport: TABLET });
  await kiosk.getByTestId('start-walkin').click();
  await kiosk.getByTestId('service-new-application').waitFor();
  expect(await kiosk.getByTestId(`service-${SERVICE.id}`).count()).toBe(0);

  desk = await open('/supervisor#settings/services', { context: admin });
  await logIn(desk, 'admin', 'admin123');
  await desk.getByTestId('services-table').waitFor();
  expect(await desk.getByTestId('tab-services').getAttribute('aria-current')).toBe('page');
  await expectTidy(desk, 'services');

  await desk.getByTestId('service-create').click();
  await desk.getByTestId('service-name-ar').fill(SERVICE.nameAr);
  await desk.getByTestId('service-name-en').fill(SERVICE.nameEn);
  // No queue letter: refused before it is sent, naming the field.
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('dialog-error').waitFor();
  expect(await desk.getByTestId('dialog-error').getAttribute('data-code')).toBe('VALIDATION_FAILED');
  expect(await desk.getByTestId('dialog-error').innerText()).toBe(tk('ar', 'checkField', { field: tv('ar', 'f.prefix') }));
  // A letter another service has: the hub refuses it, in Arabic.
  await desk.getByTestId('service-prefix').fill('b');
  expect(await desk.getByTestId('service-prefix').inputValue()).toBe('B');
  await desk.getByTestId('dialog-submit').click();
  await expect.poll(() => desk.getByTestId('dialog-error').getAttribute('data-code')).toBe('PREFIX_IN_USE');
  expect(await desk.getByTestId('dialog-error').innerText()).toBe(ERRORS.PREFIX_IN_USE.ar);
  await desk.getByTestId('service-prefix').fill('K');
  await desk.getByTestId('service-colour').fill('#8a3ffc');
  await desk.getByTestId('service-icon-id-card').click();
  expect(await desk.getByTestId('service-icon-id-card').getAttribute('data-checked')).toBe('true');
  await desk.getByTestId('service-slot').fill('30');
  // What to bring, shown on the citizen's appointment page.
  await desk.getByTestId('service-bring-ar').fill(BRING.ar);
  await desk.getByTestId('service-bring-en').fill(BRING.en);
  await expectTidy(desk, 'service dialog');
  await screenshot(desk, 'settings-ar-service-dialog');
  // A text of a few lines wraps in its box, where all of it can be read (no hidden scroll).
  for (const id of ['service-bring-ar', 'service-bring-en']) {
    const box = desk.getByTestId(id);
    expect(await box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1), id).toBe(true);
  }
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('services-done').waitFor();
  expect(await desk.getByTestId('services-done').innerText()).toBe(tv('ar', 'services.created', { name: SERVICE.nameAr }));
  expect(e2e.hub.hub.current.services[SERVICE.id]).toMatchObject({
    nameAr: SERVICE.nameAr,
    nameEn: SERVICE.nameEn,
    prefix: 'K',
    colour: '#8a3ffc',
    icon: 'id-card',
    slotMinutes: 30,
    active: true,
    bringAr: BRING.ar,
    bringEn: BRING.en,
  });
  await desk.getByTestId(`service-${SERVICE.id}`).waitFor();

  // The kiosk, open all along, offers it.
  await kiosk.getByTestId(`service-${SERVICE.id}`).waitFor();
  expect(await kiosk.getByTestId(`service-${SERVICE.id}`).innerText()).toContain(SERVICE.nameAr);

  // Renamed: only the changed field is sent, and the kiosk shows the new name.
  const sent: unknown[] = [];
  const record = (r: Request) => r.url().includes(`/api/services/${SERVICE.id}`) && sent.push(r.postDataJSON());
  desk.on('request', record);
  await desk.getByTestId(`service-edit-${SERVICE.id}`).click();
  expect(await desk.getByTestId('dialog-submit').isDisabled()).toBe(true);
  await desk.getByTestId('service-name-ar').fill(SERVICE.renamedAr);
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('services-done').waitFor();
  desk.off('request', record);
  expect(sent).toEqual([{ nameAr: SERVICE.renamedAr }]);
  await expect.poll(() => kiosk.getByTestId(`service-${SERVICE.id}`).innerText()).toContain(SERVICE.renamedAr);
  await screenshot(kiosk, 'settings-kiosk-renamed-service');
});

it('lets the admin add a counter and change queue rules, sending only what changed', async () => {
  await desk.getByTestId('tab-counters').click();
  await desk.getByTestId('counters-table').waitFor();
  await desk.getByTestId('counter-create').click();
  expect(await desk.getByTestId('counter-number').inputValue()).toBe('7');
  await desk.getByTestId('counter-name-ar').fill('شباك التصاريح');
  await desk.getByTestId('counter-name-en').fill('Permits desk');
  await desk.getByTestId('counter-mode').selectOption('mixed');
  await desk.getByTestId(`counter-service-${SERVICE.id}`).check();
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('counters-done').waitFor();
  expect(e2e.hub.hub.current.counters['7']).toMatchObject({ nameAr: 'شباك التصاريح', mode: 'mixed', serviceIds: [SERVICE.id], active: true, open: false });
  expect(await desk.getByTestId('counter-7').locator('[data-testid="mode"]').getAttribute('data-value')).toBe('mixed');

  await desk.getByTestId('tab-rules').click();
  await desk.getByTestId('settings-rules').waitFor();
  expect(await desk.getByTestId('settings-save').isDisabled()).toBe(true);
  const patches: unknown[] = [];
  const record = (r: Request) => r.method() === 'PATCH' && patches.push(r.postDataJSON());
  desk.on('request', record);
  // Out of range first: refused before sending, naming the field.
  await desk.getByTestId('set-maxRecalls').fill('11');
  await desk.getByTestId('settings-save').click();
  await desk.getByTestId('settings-error').waitFor();
  expect(await desk.getByTestId('settings-error').innerText()).toBe(tk('ar', 'checkField', { field: tv('ar', 'f.maxRecalls') }));
  await desk.getByTestId('set-maxRecalls').fill('4');
  await desk.getByTestId('set-priorityWeights-elderly').fill('2');
  await desk.getByTestId(`set-perService-${SERVICE.id}`).fill('45');
  expect(await desk.getByTestId('settings-changes').getAttribute('data-value')).toBe('3');
  await desk.getByTestId('settings-save').click();
  await desk.getByTestId('settings-done').waitFor();
  desk.off('request', record);
  expect(patches).toEqual([
    {
      maxRecalls: 4,
      priorityWeights: { none: 1, elderly: 2, disability: 1.5, pregnancy: 1.5 },
      serviceLevel: { targetMinutes: 20, targetPercent: 80, perService: { [SERVICE.id]: 45 } },
    },
  ]);
  expect(e2e.hub.hub.current.settings).toMatchObject({ maxRecalls: 4, priorityWeights: { elderly: 2 }, serviceLevel: { perService: { [SERVICE.id]: 45 } } });
  expect(await desk.getByTestId('settings-save').isDisabled()).toBe(true);
  await screenshot(desk, 'settings-ar-queue-rules-saved');
});

it('pairs a kiosk from the shown address, and revoking the display stops it at once', async () => {
  const display = await open('/display?sound=0', { cookie: `dor_device=${deviceToken(e2e.hub, 'display')}`, viewport: TV });
  await display.getByTestId('display-recent').waitFor();

  await desk.getByTestId('nav-devices').click();
  await desk.getByTestId('devices-table').waitFor();
  await desk.getByTestId('pair-create').click();
  await desk.getByTestId('pair-name').fill('جهاز المدخل الشمالي');
  await desk.getByTestId('printer-virtual').check(); // none until chosen
  await desk.getByTestId('dialog-submit').click();
  await desk.locator('[data-testid="pairing-qr"] svg').waitFor();
  const url = await desk.getByTestId('pairing-url').innerText();
  const code = await desk.getByTestId('pairing-code').innerText();
  expect(url).toBe(`${e2e.hub.url}/kiosk?pair=${code}`);
  expect(await desk.getByTestId('pairing-qr').getAttribute('data-url')).toBe(url);
  await expectTidy(desk, 'pairing code');
  await screenshot(desk, 'settings-ar-pairing-code');

  // A second browser opens the shown address and becomes that kiosk.
  const paired = await open(new URL(url).pathname + new URL(url).search, { viewport: TABLET });
  await paired.getByTestId('start-walkin').waitFor();
  const device = repo.listDevices(e2e.hub.db).find((d) => d.name === 'جهاز المدخل الشمالي')!;
  expect(device).toMatchObject({ kind: 'kiosk', printer: 'virtual', revoked: false });
  expect(device.pairedAt).not.toBeNull();

  // The demo display is revoked after a confirmation: its open page says it is not paired.
  const displayRow = desk.locator('[data-testid^="device-"][data-name="Demo display"]');
  await displayRow.getByTestId('device-revoke').click();
  expect(await desk.getByTestId('revoke-dialog').innerText()).toContain(tv('ar', 'devices.revokeBody', { kind: tv('ar', 'device.display') }));
  await desk.getByTestId('dialog-submit').click();
  await desk.getByTestId('devices-done').waitFor();
  await display.getByTestId('display-unpaired').waitFor({ timeout: 10_000 });
  expect(await displayRow.locator('[data-state]').getAttribute('data-state')).toBe('revoked');
  await screenshot(display, 'settings-display-revoked');
});

it('finds every change in the audit log, filtered by kind', async () => {
  await desk.getByTestId('nav-audit').click();
  await desk.getByTestId('audit-list').waitFor();
  await desk.getByTestId('audit-kind').selectOption('service.');
  await expect.poll(() => auditEntries(desk)).toEqual([`service.update service:${SERVICE.id}`, `service.create service:${SERVICE.id}`]);
  const rename = desk.locator('[data-testid="audit-entry"]').first();
  expect(await rename.getByTestId('audit-who').innerText()).toBe('فاطمة الخليفة');
  expect(await rename.getByTestId('audit-old').innerText()).toBe(SERVICE.nameAr);
  expect(await rename.getByTestId('audit-new').innerText()).toBe(SERVICE.renamedAr);

  await desk.getByTestId('audit-kind').selectOption('counter.create');
  await expect.poll(() => auditEntries(desk)).toEqual(['counter.create counter:7']);
  await desk.getByTestId('audit-kind').selectOption('settings.');
  await expect.poll(() => auditEntries(desk)).toEqual(['settings.update settings']);
  const fields = await desk.locator('[data-testid="audit-changes"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
  expect(fields).toEqual(['priorityWeights.elderly', 'maxRecalls', `serviceLevel.perService.${SERVICE.id}`]);
  await desk.getByTestId('audit-kind').selectOption('device.');
  await expect.poll(async () => (await auditEntries(desk)).map((e) => e.split(' ')[0])).toEqual(['device.revoke', 'device.create']);
  // A day range without today finds nothing.
  await desk.getByTestId('audit-to').fill('2026-11-25');
  await desk.getByTestId('audit-none').waitFor();
  await desk.getByTestId('audit-to').fill('');
  await desk.getByTestId('audit-kind').selectOption('');
  await expect.poll(async () => (await auditEntries(desk)).length).toBe(6);
  await expectTidy(desk, 'audit');
  await screenshot(desk, 'settings-ar-audit');

  // The kiosk guard: a burst, then so many a minute, both on the kiosk tab.
  await desk.evaluate(() => {
    location.hash = '#settings/kiosk';
  });
  await desk.getByTestId('settings-kiosk').waitFor();
  expect(await desk.getByTestId('set-kioskTicketsBurst').inputValue()).toBe(String(e2e.hub.hub.current.settings.kioskTicketsBurst));
  await desk.getByTestId('set-kioskTicketsBurst').fill('12');
  await desk.getByTestId('set-kioskTicketsPerMinute').fill('40');
  // The hall's address, for the citizen's appointment page.
  await desk.getByTestId('set-hallAddress-ar').fill('المنامة، طريق 1');
  await desk.getByTestId('set-hallAddress-en').fill('Road 1, Manama');
  await screenshot(desk, 'settings-ar-kiosk-guard');
  await desk.getByTestId('settings-save').click();
  await desk.getByTestId('settings-done').waitFor();
  expect(e2e.hub.hub.current.settings).toMatchObject({
    kioskTicketsBurst: 12,
    kioskTicketsPerMinute: 40,
    hallAddress: { ar: 'المنامة، طريق 1', en: 'Road 1, Manama' },
  });
  // The form keeps showing what was saved (it used to fall back to the old values when the reply beat the live feed).
  await desk.waitForTimeout(500);
  expect(await desk.getByTestId('set-kioskTicketsBurst').inputValue()).toBe('12');
  expect(await desk.getByTestId('set-kioskTicketsPerMinute').inputValue()).toBe('40');
  expect(errors).toEqual([]);
});

it('shows a supervisor the settings read-only where only an admin may change them', async () => {
  const page = await open('/supervisor#settings/rules');
  await logIn(page, 'supervisor', 'super123');
  await page.getByTestId('settings-rules').waitFor();
  expect(await page.getByTestId('read-only').innerText()).toBe(tv('ar', 'settings.readOnly'));
  expect(await page.getByTestId('settings-save').count()).toBe(0);
  expect(await page.getByTestId('set-maxRecalls').isDisabled()).toBe(true);
  await page.getByTestId('tab-services').click();
  await page.getByTestId('services-table').waitFor();
  expect(await page.locator('[data-testid="service-create"], [data-testid^="service-edit-"]').count()).toBe(0);
  // What the hub lets a supervisor do stays open: the kiosk's PIN, pairing devices.
  await page.getByTestId('tab-kiosk').click();
  expect(await page.getByTestId('set-kioskIdleSeconds').isDisabled()).toBe(true);
  expect(await page.getByTestId('pin-new').isDisabled()).toBe(false);
  // Holidays are the supervisor's to plan: one added, then removed again.
  await page.getByTestId('tab-hours').click();
  await page.getByTestId('holiday-day').fill('2026-12-24');
  await page.getByTestId('holiday-name-ar').fill('صيانة القاعة');
  await page.getByTestId('holiday-name-en').fill('Hall maintenance');
  await page.getByTestId('holiday-save').click();
  await page.getByTestId('holiday-2026-12-24').waitFor();
  expect(repo.getHoliday(e2e.hub.db, '2026-12-24')).toMatchObject({ nameEn: 'Hall maintenance' });
  await page.getByTestId('holiday-remove-2026-12-24').click();
  await page.getByTestId('holiday-2026-12-24').waitFor({ state: 'detached' });
  expect(repo.getHoliday(e2e.hub.db, '2026-12-24')).toBeNull();
  await page.getByTestId('tab-kiosk').click();
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  expect(await page.getByTestId('read-only').innerText()).toBe(tv('en', 'settings.readOnly'));
  await screenshot(page, 'settings-en-supervisor-read-only');
  await page.getByTestId('nav-devices').click();
  await page.getByTestId('pair-create').waitFor();
  expect(errors).toEqual([]);
});
