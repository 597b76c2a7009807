// The call-center console in Chromium: an agent finds a citizen, books a slot and reads the
// reference; the citizen checks in at the kiosk with it (scanner) and another with a CPR; the
// appointment counter calls the ticket and sees the booking; a phone update shows old → new with
// the agent's name.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as repo from '../../db/repos.ts';
import { contextWithCookie, launchBrowser, screenshot } from '../helpers/browser.ts';
import { deviceToken, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hub?.stop();
});

async function open(path: string, cookie: string | null, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await contextWithCookie(browser, hub.url, cookie, viewport);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${hub.url}${path}`);
  return page;
}

/** Books the first free slot of today (from 09:15 on) for the citizen on screen; returns reference and time. */
async function bookFirstFreeSlot(agent: Page, serviceId: string) {
  await agent.getByTestId(`service-${serviceId}`).click();
  await agent.getByTestId(`day-${hub.hub.current.day}`).click();
  const free = agent.locator('[data-testid^="slot-"]:not([disabled])');
  await free.first().waitFor();
  const ids = await free.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('slot-'.length)));
  const time = ids.find((t) => t >= '09:15' && t <= '09:30');
  if (!time) throw new Error(`no free slot between 09:15 and 09:30: ${ids.join(', ')}`);
  await agent.getByTestId(`slot-${time}`).click();
  await agent.getByTestId('book-confirm').click();
  await agent.getByTestId('booking-reference').waitFor();
  const reference = (await agent.getByTestId('booking-reference').innerText()).replace(/\s+/g, '').match(/[2-9A-HJ-NP-Z]{7}/)![0];
  return { reference, time };
}

async function search(agent: Page, cpr: string) {
  await agent.getByTestId('cpr-search').fill(cpr);
  await agent.getByTestId('cpr-search').press('Enter');
  await agent.getByTestId('citizen-card').waitFor();
}

it('books by phone, checks in at the kiosk, is served at an appointment counter, and keeps an audited record', async () => {
  const agent = await open('/booking', null);
  await agent.getByTestId('login-username').fill('agent');
  await agent.getByTestId('login-password').fill('agent123');
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('cpr-search').waitFor();
  expect(await agent.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cpr-search');

  await search(agent, '900000003');
  expect(await agent.getByTestId('citizen-name').innerText()).toContain('Ahmed Yusuf');
  await screenshot(agent, 'booking-ar-citizen');
  const first = await bookFirstFreeSlot(agent, 'application-inquiry');
  await screenshot(agent, 'booking-ar-reference');
  const stored = repo.getAppointmentByReference(hub.db, first.reference)!;
  expect(stored).toMatchObject({ cpr: '900000003', status: 'booked', serviceId: 'application-inquiry' });

  await agent.getByTestId('lang-toggle').click();
  await search(agent, '900000004');
  const second = await bookFirstFreeSlot(agent, 'family-members');
  await screenshot(agent, 'booking-en-reference');

  // The citizens arrive: one scans the booking reference, the other types the CPR.
  const kiosk = await open('/kiosk?idle=600000&scanGap=400', `dor_device=${deviceToken(hub, 'kiosk')}`, { width: 1080, height: 1920 });
  await kiosk.getByTestId('start-walkin').waitFor();
  await kiosk.keyboard.type(first.reference, { delay: 5 });
  await kiosk.keyboard.press('Enter');
  await kiosk.getByTestId('ticket-number').waitFor();
  const scanned = (await kiosk.getByTestId('ticket-number').innerText()).trim();
  expect(scanned).toMatch(/^A-\d{3}$/);
  await kiosk.getByTestId('ticket-done').click();
  await kiosk.getByTestId('start-appointment').click();
  for (const d of '900000004') await kiosk.getByTestId(`keypad-${d}`).click();
  await kiosk.getByTestId('cpr-submit').click();
  await kiosk.getByTestId('ticket-number').waitFor();
  expect((await kiosk.getByTestId('ticket-number').innerText()).trim()).toMatch(/^A-\d{3}$/);
  expect(repo.getAppointment(hub.db, stored.id)!.status).toBe('checked_in');
  expect(repo.getAppointmentByReference(hub.db, second.reference)!.status).toBe('checked_in');

  // The appointment counter calls the earliest due slot once its time has come.
  hub.clock.set(Math.max(stored.slotStart, repo.getAppointmentByReference(hub.db, second.reference)!.slotStart) + 60_000);
  const counter = await open('/counter', null);
  await counter.getByTestId('login-username').fill('counter1');
  await counter.getByTestId('login-password').fill('counter123');
  await counter.getByTestId('login-submit').click();
  await counter.getByTestId('counter-pick-1').click();
  await counter.getByTestId('btn-call-next').click();
  await counter.getByTestId('appointment-details').waitFor();
  const details = await counter.getByTestId('appointment-details').innerText();
  const firstCalled = Object.values(hub.hub.current.tickets).find((t) => t.status === 'called')!;
  const appt = hub.hub.current.appointments[firstCalled.appointmentId!]!;
  expect(details).toContain(appt.cpr);
  expect(details).toContain(appt.nameAr);
  // …and the citizen's record, read-only.
  await counter.locator(`[data-testid="citizen-card"][data-cpr="${appt.cpr}"] [data-testid="citizen-card-name"]`).waitFor();
  expect(await counter.getByTestId('citizen-card-name').innerText()).toContain(appt.nameAr);
  expect(await counter.getByTestId('citizen-card').getAttribute('data-state')).not.toBe('missing');
  await screenshot(counter, 'counter-ar-appointment-details');

  // A phone update on the record shows in its history, old → new, with the agent's name.
  await search(agent, '900000003');
  await agent.getByTestId('edit-phone').click();
  const oldPhone = await agent.getByTestId('phone-input').inputValue();
  await agent.getByTestId('phone-input').fill('36999888');
  await agent.getByTestId('phone-save').click();
  await agent.waitForFunction(() => document.querySelector('[data-testid="history"]')?.textContent?.includes('36999888'));
  const history = await agent.getByTestId('history').innerText();
  expect(history).toContain(oldPhone);
  expect(history).toContain('36999888');
  expect(history).toMatch(/Noora Al-Dosari|نورة الدوسري/);
  await screenshot(agent, 'booking-en-history');

  // And the call is logged in two clicks.
  await agent.getByTestId('call-category-contact_bank_update').click();
  await agent.getByTestId('call-save').click();
  await agent.getByTestId('call-saved').waitFor();
});
