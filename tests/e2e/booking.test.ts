// The call-center console in Chromium: an agent finds a citizen, books a slot and reads the
// reference; the citizen checks in at the kiosk with it (scanner) and another with a CPR; the
// appointment counter calls the ticket and sees the booking; a phone update shows old → new with
// the agent's name. Then two agents at once: the console follows the other agent's bookings live,
// adds a family member, words refusals in the agent's language and logs a call's outcome.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as cit from '../../db/repos/citizens.ts';
import * as repo from '../../db/repos/index.ts';
import { tb } from '../../booking-ui/i18n.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { REFERENCE_PATTERN } from '../../protocol/reference.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login } from '../helpers/hub.ts';

const e2e = e2eFile();

async function open(path: string, cookie: string | null, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await e2e.context(cookie, viewport);
  const page = await context.newPage();
  await page.goto(`${e2e.hub.url}${path}`);
  return page;
}

/** Books the first free slot of today (from 09:15 on) for the citizen on screen; returns reference and time. */
async function bookFirstFreeSlot(agent: Page, serviceId: string) {
  await agent.getByTestId(`service-${serviceId}`).click();
  await agent.getByTestId(`day-${e2e.hub.hub.current.day}`).click();
  const free = agent.locator('[data-testid^="slot-"]:not([disabled])');
  await free.first().waitFor();
  const ids = await free.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('slot-'.length)));
  const time = ids.find((t) => t >= '09:15' && t <= '09:30');
  if (!time) throw new Error(`no free slot between 09:15 and 09:30: ${ids.join(', ')}`);
  await agent.getByTestId(`slot-${time}`).click();
  await agent.getByTestId('book-confirm').click();
  await agent.getByTestId('booking-reference').waitFor();
  const reference = (await agent.getByTestId('booking-reference').innerText()).replace(/\s+/g, '');
  expect(reference).toMatch(REFERENCE_PATTERN);
  return { reference, time };
}

async function loggedIn(username: string, password: string): Promise<Page> {
  const page = await open('/booking', null);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('cpr-search').waitFor();
  return page;
}

async function search(agent: Page, cpr: string) {
  await agent.getByTestId('cpr-search').fill(cpr);
  await agent.getByTestId('cpr-search').press('Enter');
  await agent.getByTestId('citizen-card').waitFor();
}

it('books by phone, checks in at the kiosk, is served at an appointment counter, and keeps an audited record', async () => {
  const agent = await loggedIn('agent', 'agent123');
  expect(await agent.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cpr-search');

  await search(agent, '900000003');
  expect(await agent.getByTestId('citizen-name').innerText()).toContain('Ahmed Yusuf');
  await screenshot(agent, 'booking-ar-citizen');
  const first = await bookFirstFreeSlot(agent, 'application-inquiry');
  await screenshot(agent, 'booking-ar-reference');
  const stored = repo.getAppointmentByReference(e2e.hub.db, first.reference)!;
  expect(stored).toMatchObject({ cpr: '900000003', status: 'booked', serviceId: 'application-inquiry' });

  await agent.getByTestId('lang-toggle').click();
  await search(agent, '900000004');
  const second = await bookFirstFreeSlot(agent, 'family-members');
  await screenshot(agent, 'booking-en-reference');

  // The citizens arrive: one scans the booking reference, the other types the CPR.
  const kiosk = await open('/kiosk?idle=600000&scanGap=400', `dor_device=${deviceToken(e2e.hub, 'kiosk')}`, { width: 1080, height: 1920 });
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
  expect(repo.getAppointment(e2e.hub.db, stored.id)!.status).toBe('checked_in');
  expect(repo.getAppointmentByReference(e2e.hub.db, second.reference)!.status).toBe('checked_in');

  // The appointment counter calls the earliest due slot once its time has come.
  e2e.hub.clock.set(Math.max(stored.slotStart, repo.getAppointmentByReference(e2e.hub.db, second.reference)!.slotStart) + 60_000);
  const counter = await open('/counter', null);
  await counter.getByTestId('login-username').fill('counter1');
  await counter.getByTestId('login-password').fill('counter123');
  await counter.getByTestId('login-submit').click();
  await counter.getByTestId('counter-pick-1').click();
  await counter.getByTestId('btn-call-next').click();
  await counter.getByTestId('appointment-details').waitFor();
  const details = await counter.getByTestId('appointment-details').innerText();
  const firstCalled = Object.values(e2e.hub.hub.current.tickets).find((t) => t.status === 'called')!;
  const appt = e2e.hub.hub.current.appointments[firstCalled.appointmentId!]!;
  expect(details).toContain(appt.cpr);
  expect(details).toContain(appt.nameAr);
  // …and the citizen's record, read-only, on its own tab; applications and letters on the next.
  await counter.getByTestId('details-tab-citizen').click();
  await counter.locator(`[data-testid="citizen-card"][data-cpr="${appt.cpr}"] [data-testid="citizen-card-name"]`).waitFor();
  expect(await counter.getByTestId('citizen-card-name').innerText()).toContain(appt.nameAr);
  expect(await counter.getByTestId('citizen-card').getAttribute('data-state')).not.toBe('missing');
  await screenshot(counter, 'counter-ar-appointment-details');
  await counter.getByTestId('details-tab-files').click();
  await counter.getByTestId('citizen-card-applications').waitFor();
  expect(await counter.getByTestId('citizen-card').count()).toBe(0); // one panel at a time
  await screenshot(counter, 'counter-ar-citizen-files');

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

it('follows other agents live, adds a family member, words refusals in Arabic and logs the outcome', async () => {
  const noora = await loggedIn('agent', 'agent123'); // Arabic, the default
  noora.setDefaultTimeout(10_000); // a stuck step names itself instead of timing the whole test out
  const ahmed = await loggedIn('supervisor', 'super123');
  await search(noora, '900000007');

  // Noora picks a seat on a later day …
  await noora.getByTestId('service-application-inquiry').click();
  const dayPill = noora.locator(`[data-testid^="day-"]:not([data-testid="day-${e2e.hub.hub.current.day}"])`).first();
  const day = (await dayPill.getAttribute('data-testid'))!.slice('day-'.length);
  await dayPill.click();
  const seat = noora.locator('[data-testid^="slot-"][data-remaining="2"]').first();
  const time = (await seat.getAttribute('data-testid'))!.slice('slot-'.length);
  await seat.click();
  await noora.getByTestId('book-confirm').waitFor();

  // … Ahmed books the same slot for another caller: Noora's picker shows one seat left, untouched.
  await search(ahmed, '900000008');
  await ahmed.getByTestId('service-application-inquiry').click();
  await ahmed.getByTestId(`day-${day}`).click();
  await ahmed.getByTestId(`slot-${time}`).click();
  await ahmed.getByTestId('book-confirm').click();
  await ahmed.getByTestId('booking-reference').waitFor();
  await noora.locator(`[data-testid="slot-${time}"][data-remaining="1"]`).waitFor();
  expect(await noora.getByTestId('book-confirm').isVisible()).toBe(true);

  // A third agent takes the last seat: Noora is told, and the slot is disabled.
  const third = await login(e2e.hub, ...DEMO.agent);
  const last = await call(e2e.hub, 'POST', '/api/appointments', {
    cookie: third,
    body: { serviceId: 'application-inquiry', day, time, cpr: '555000777', phone: '36000777', nameAr: 'متصل', nameEn: 'Caller', notes: '' },
  });
  expect(last.status, JSON.stringify(last.body)).toBe(201);
  await noora.getByTestId('seat-gone').waitFor();
  expect(await noora.getByTestId('seat-gone').innerText()).toBe(tb('ar', 'live.changed'));
  expect(await noora.getByTestId(`slot-${time}`).isDisabled()).toBe(true);
  expect(await noora.getByTestId('book-confirm').count()).toBe(0);
  await screenshot(noora, 'booking-ar-seat-gone');

  // Ahmed books Noora's caller a letter follow-up: it appears in her list, booked "by" Ahmed.
  await search(ahmed, '900000007');
  await ahmed.getByTestId('service-letter-follow-up').click();
  await ahmed.getByTestId(`day-${day}`).click();
  await ahmed.locator('[data-testid^="slot-"]:not([disabled])').first().click();
  await ahmed.getByTestId('book-confirm').click();
  await ahmed.getByTestId('booking-reference').waitFor();
  const byAhmed = repo.listAppointmentsOfCitizen(e2e.hub.db, '900000007').find((a) => a.serviceId === 'letter-follow-up')!;
  const row = noora.getByTestId(`appt-${byAhmed.id}`);
  await row.waitFor();
  expect(await row.getByTestId('booking-history').innerText()).toContain('أحمد المناعي');
  expect(await row.getByTestId('booking-sms').getAttribute('data-status')).toBe('queued');

  // A caller who only has the reference: typed as read out (lower case, a space), it opens the
  // citizen with that appointment picked out and its reschedule button focused; a typo is caught.
  await noora.getByTestId('cpr-search').fill(`${byAhmed.reference.slice(0, 3)} ${byAhmed.reference.slice(3)}`.toLowerCase());
  await noora.getByTestId('cpr-search').press('Enter');
  await noora.locator(`[data-testid="appt-${byAhmed.id}"][data-found="true"]`).waitFor();
  await noora.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === `reschedule-${id}`, byAhmed.id);
  expect(await noora.getByTestId('citizen-name').innerText()).toContain('Hussain Isa Al-Marzooq');
  await screenshot(noora, 'booking-ar-found-by-reference');
  const typo = byAhmed.reference.slice(0, 6) + (byAhmed.reference[6] === '2' ? '3' : '2');
  await noora.getByTestId('cpr-search').fill(typo);
  await noora.getByTestId('cpr-search').press('Enter');
  await noora.locator('[data-testid="error"][data-code="REFERENCE_MISTYPED"]').waitFor();
  expect(await noora.getByTestId('error-text').innerText()).toBe(ERRORS.REFERENCE_MISTYPED.ar);
  await noora.getByTestId('cpr-search').fill('900000007');
  await noora.getByTestId('cpr-search').press('Enter');
  await noora.locator('[data-testid="error"]').waitFor({ state: 'detached' });

  // One appointment per service: the letter follow-up Ahmed booked is greyed out in Noora's picker,
  // with its booking, before she could pick a slot and press Confirm.
  const heldPill = noora.getByTestId('service-letter-follow-up');
  await noora.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="service-letter-follow-up"]')?.disabled);
  expect(await heldPill.isDisabled()).toBe(true);
  expect(await noora.getByTestId('held-letter-follow-up').innerText()).toContain(byAhmed.reference);
  expect(await noora.getByTestId('service-application-inquiry').isDisabled()).toBe(false);
  expect(repo.listAppointmentsOfCitizen(e2e.hub.db, '900000007').filter((a) => a.serviceId === 'letter-follow-up')).toHaveLength(1);
  await screenshot(noora, 'booking-ar-held-service');
  // Refusals in Noora's language, checked before sending: a mistyped IBAN, a phone that is not a Bahraini mobile.
  const before = cit.getCitizen(e2e.hub.db, '900000007')!;
  await noora.getByTestId('edit-iban').click();
  await noora.getByTestId('iban-input').fill('BH67 BMAG 0000 1299 1234 65');
  await noora.getByTestId('iban-save').click();
  await noora.locator('[data-testid="error"][data-code="VALIDATION_FAILED"]').waitFor();
  expect(await noora.getByTestId('error-text').innerText()).toBe(tb('ar', 'iban.checksum'));
  await screenshot(noora, 'booking-ar-iban-error');
  await noora.getByTestId('iban-input').fill('12345');
  await noora.getByTestId('iban-save').click();
  await noora.waitForFunction((t) => document.querySelector('[data-testid="error-text"]')?.textContent === t, tb('ar', 'iban.country'));
  await noora.getByTestId('edit-phone').click();
  await noora.getByTestId('phone-input').fill('12345');
  await noora.getByTestId('phone-save').click();
  await noora.waitForFunction((t) => document.querySelector('[data-testid="error-text"]')?.textContent === t, tb('ar', 'bad.phone'));
  expect(cit.getCitizen(e2e.hub.db, '900000007')).toEqual(before);

  // A new family member, audited with her name.
  const familyBefore = cit.listFamily(e2e.hub.db, '900000007').length;
  await noora.getByTestId('family-add').click();
  await noora.getByTestId('family-name').fill('علي حسين المرزوق');
  await noora.getByTestId('family-relation').selectOption('son');
  await noora.getByTestId('family-dob').fill('2015-03-02');
  await noora.getByTestId('family-cpr').fill('150300123');
  await screenshot(noora, 'booking-ar-family-form');
  await noora.getByTestId('family-save').click();
  await noora.locator('[data-testid="family-member"]', { hasText: 'علي حسين المرزوق' }).waitFor();
  const family = cit.listFamily(e2e.hub.db, '900000007');
  expect(family).toHaveLength(familyBefore + 1);
  expect(family.find((m) => m.memberCpr === '150300123')).toMatchObject({ relation: 'son', dateOfBirth: '2015-03-02' });
  expect(await noora.getByTestId('history').innerText()).toMatch(/علي حسين المرزوق[\s\S]*نورة الدوسري/);

  // The call: a category, an outcome, save.
  await noora.getByTestId('call-category-family_members').click();
  await noora.getByTestId('call-outcome-follow_up').click();
  // Typing at a person's pace (across the header clock's ticks) keeps the focus where it is.
  await noora.getByTestId('call-note').click();
  await noora.keyboard.type('يسأل عن ابنه', { delay: 150 });
  expect(await noora.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('call-note');
  expect(await noora.getByTestId('call-note').inputValue()).toBe('يسأل عن ابنه');
  await noora.getByTestId('call-save').click();
  await noora.locator('[data-testid="call-entry"][data-outcome="follow_up"]').waitFor();
  expect(cit.listCalls(e2e.hub.db, { cpr: '900000007' })[0]).toMatchObject({ category: 'family_members', outcome: 'follow_up', note: 'يسأل عن ابنه' });
  await screenshot(noora, 'booking-ar-after-call');

  // The next caller, keyboard only: F2, the CPR, Enter; then Enter on the service, the day, the
  // first free slot and the confirm button.
  await noora.keyboard.press('F2');
  expect(await noora.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('cpr-search');
  await noora.keyboard.type('900000009');
  await noora.keyboard.press('Enter');
  await noora.locator('[data-testid="citizen-name"]', { hasText: 'Abdulrahman' }).waitFor();
  await noora.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'service-new-application');
  // Arabic: the next choice is to the left; the inquiry he already holds (seeded for today) is greyed out and skipped …
  await noora.keyboard.press('ArrowLeft');
  expect(await noora.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('service-update-details');
  await noora.keyboard.press('ArrowRight'); // … and back
  await noora.keyboard.press('Enter');
  await noora.waitForFunction(() => document.activeElement?.getAttribute('data-testid')?.startsWith('day-'));
  await noora.keyboard.press('Enter');
  await noora.waitForFunction(() => document.activeElement?.getAttribute('data-testid')?.startsWith('slot-'));
  await noora.keyboard.press('Enter');
  await noora.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'book-confirm');
  await noora.keyboard.press('Enter');
  await noora.getByTestId('booking-reference').waitFor();
  const keyed = repo.listAppointmentsOfCitizen(e2e.hub.db, '900000009').find((a) => a.serviceId === 'new-application')!;
  expect(keyed.status).toBe('booked');
  expect(await noora.getByTestId('seat-gone').count()).toBe(0); // her own booking is not "another agent's"
  expect((await noora.getByTestId('booking-reference').innerText()).replace(/\s+/g, '')).toContain(keyed.reference);
  await noora.getByTestId('lang-toggle').click();
  await noora.locator('.bk-app[lang="en"]').waitFor();
  await screenshot(noora, 'booking-en-after-call');
});

it('books a first-time caller from the new-caller form, marks the record, greys the held service and fits 1366×768', async () => {
  const agent = await loggedIn('agent', 'agent123'); // Arabic, the default
  agent.setDefaultTimeout(10_000);
  const NEW = '800000030';
  // The empty search field reads right to left in Arabic (its placeholder); typed digits left to right.
  const input = agent.getByTestId('cpr-search');
  const direction = () => input.evaluate((e) => getComputedStyle(e).direction);
  expect(await input.getAttribute('placeholder')).toBe(tb('ar', 'search.placeholder'));
  expect(await direction()).toBe('rtl');
  await input.fill(NEW);
  expect(await direction()).toBe('ltr');

  // An unknown CPR opens the new-caller form (no "no record" dead end).
  await input.press('Enter');
  await agent.getByTestId('new-caller').waitFor();
  expect(await agent.getByTestId('error').count()).toBe(0);
  expect(await agent.getByTestId('picker').count()).toBe(0);
  await agent.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'new-caller-name-ar');
  await agent.getByTestId('new-caller-phone').fill('36111222');
  await agent.getByTestId('new-caller-next').click();
  await agent.waitForFunction((t) => document.querySelector('[data-testid="error-text"]')?.textContent === t, tb('ar', 'bad.nameAr'));
  expect(await agent.getByTestId('picker').count()).toBe(0);
  await agent.getByTestId('new-caller-name-ar').fill('فاطمة علي حسن');
  await agent.getByTestId('new-caller-next').click();
  expect(cit.getCitizen(e2e.hub.db, NEW)).toBeNull(); // nothing is stored before the booking

  // The normal slot picker, on a whole day of 15-minute slots, the mobile taken over.
  await agent.getByTestId('service-update-details').click();
  await agent.locator('[data-testid^="day-"]').nth(1).click();
  const free = agent.locator('[data-testid^="slot-"][data-remaining="2"]').first();
  expect(await free.locator('.bk-small').innerText()).toBe('مقعدان شاغران من 2');
  const time = (await free.getAttribute('data-testid'))!.slice('slot-'.length);
  await free.click();
  expect(await agent.getByTestId('book-phone').inputValue()).toBe('36111222');
  await screenshot(agent, 'booking-ar-new-caller-slot');
  await agent.getByTestId('book-confirm').click();
  await agent.getByTestId('booking-reference').waitFor();
  const reference = (await agent.getByTestId('booking-reference').innerText()).replace(/\s+/g, '');

  // The record the booking made: the card shows it is not in the ministry's registry yet.
  await agent.getByTestId('citizen-card').waitFor();
  expect(await agent.getByTestId('provisional-mark').innerText()).toBe(tb('ar', 'card.provisional'));
  expect(cit.getCitizen(e2e.hub.db, NEW)).toMatchObject({ registry: 'provisional', nameAr: 'فاطمة علي حسن', nameEn: '', phone: '36111222' });
  expect(repo.getAppointmentByReference(e2e.hub.db, reference)).toMatchObject({ cpr: NEW, serviceId: 'update-details', status: 'booked' });
  expect(await agent.getByTestId('history').innerText()).toContain('36111222');

  // The service she now holds is greyed out with its booking; the others are open.
  expect(await agent.getByTestId('service-update-details').isDisabled()).toBe(true);
  expect(await agent.getByTestId('held-update-details').innerText()).toContain(reference);

  // A second booking in the same call, in English: "1 seat free of 2" where hers overlaps; the
  // reference, the service, its days, a whole day's slots and the confirm bar fit without a scroll.
  await agent.getByTestId('lang-toggle').click();
  await agent.locator('.bk-app[lang="en"]').waitFor();
  await agent.getByTestId('service-application-inquiry').click();
  await agent.locator('[data-testid^="day-"]').nth(1).click();
  const shared = agent.getByTestId(`slot-${time}`);
  await agent.locator(`[data-testid="slot-${time}"][data-remaining="1"]`).waitFor();
  expect(await shared.locator('.bk-small').innerText()).toBe('1 seat free of 2');
  await agent.locator('[data-testid^="slot-"][data-remaining="2"]').first().click();
  await agent.getByTestId('book-confirm').waitFor();
  const picker = agent.getByTestId('picker');
  const { scroll, client } = await picker.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  expect(scroll, 'the slot picker scrolls inside at 1366×768').toBeLessThanOrEqual(client);
  expect(await agent.locator('[data-testid^="slot-"]').count()).toBe(24);
  await screenshot(agent, 'booking-en-new-caller-second-booking');
});
