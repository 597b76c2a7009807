// The citizen's appointment page in Chromium at 390×844: the link in the confirmation SMS (read from the outbox) opens the booking,
// the citizen moves it to another free slot, and the call-center console that has the citizen open shows the move at once, by the
// citizen. Screenshots of the page in Arabic and English.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, login } from '../helpers/hub.ts';

const PHONE = { width: 390, height: 844 };
const e2e = e2eFile();

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.context(null, viewport);
  const page = await context.newPage();
  await page.goto(`${e2e.hub.url}${path}`);
  return page;
}

/** In an Arabic page, each "from – to" time range still reads left to right: the first time is drawn left of the second. */
const rangesReadLeftToRight = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="appt-time"], .appt-hours bdi')].every((el) => {
      const text = el.firstChild!;
      const last = el.lastChild!;
      const r1 = document.createRange();
      r1.selectNodeContents(text);
      const r2 = document.createRange();
      r2.selectNodeContents(last);
      return r1.getBoundingClientRect().left < r2.getBoundingClientRect().left;
    }),
  );

/** Text the page shows does not overflow its 390 px width. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

it('SMS link → appointment page → move the slot → the console shows the move live', async () => {
  const cookie = await login(e2e.hub, ...DEMO.agent);
  const cpr = '900000003';
  const booked = await call(e2e.hub, 'POST', '/api/appointments', {
    cookie,
    body: { serviceId: 'update-details', day: '2026-11-29', time: '10:00', cpr, phone: '36001234', nameAr: 'أحمد يوسف', nameEn: 'Ahmed Yusuf' },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const id: string = booked.body.appointment.id;

  // The link as the citizen receives it: in the confirmation SMS queued in the outbox.
  const sms = repo.listMessages(e2e.hub.db, { appointmentId: id }).find((m) => m.kind === 'booked')!;
  const path = /\/a\/[A-Za-z0-9_-]{43}/.exec(sms.body)?.[0];
  expect(path, sms.body).toBeDefined();

  // The agent has the citizen open in the console.
  const agent = await open('/booking', { width: 1366, height: 768 });
  await agent.getByTestId('login-username').fill('agent');
  await agent.getByTestId('login-password').fill('agent123');
  await agent.getByTestId('login-submit').click();
  await agent.getByTestId('cpr-search').fill(cpr);
  await agent.getByTestId('cpr-search').press('Enter');
  const line = agent.getByTestId(`appt-${id}`);
  await line.waitFor();
  expect(await line.innerText()).toContain('10:00');

  const phone = await open(path!, PHONE);
  await phone.getByTestId('appt-service').waitFor();
  expect(await phone.getAttribute('html', 'dir')).toBe('rtl');
  expect(await phone.getByTestId('appt-service').innerText()).toBe('تحديث بيانات الاتصال والعنوان والحساب البنكي');
  expect(await phone.getByTestId('appt-time').innerText()).toContain('10:00');
  expect(await phone.getByTestId('appt-page').innerText()).toContain('أحمد');
  expect(await phone.getByTestId('appt-page').innerText()).not.toContain('يوسف');
  expect(await phone.getByTestId('appt-page').innerText()).not.toContain(cpr);
  expect(await fitsWidth(phone)).toBe(true);
  expect(await rangesReadLeftToRight(phone)).toBe(true);
  await screenshot(phone, 'appointment-page-ar');

  await phone.getByTestId('lang-toggle').click();
  await phone.getByText('Hello Ahmed').waitFor();
  expect(await phone.getAttribute('html', 'dir')).toBe('ltr');
  expect(await phone.getByTestId('appt-bring').innerText()).toContain('smart ID card');
  expect(await fitsWidth(phone)).toBe(true);
  await screenshot(phone, 'appointment-page-en');

  await phone.getByTestId('appt-move').click();
  await phone.locator('[data-testid="appt-slot-day"][data-day="2026-11-30"]').click();
  await phone.locator('[data-testid="appt-slot"][data-time="11:15"]').click();
  await phone.getByTestId('appt-move-confirm').waitFor();
  await phone.waitForTimeout(300); // the buttons' colour transition (120 ms), so the shot shows the chosen slot
  await screenshot(phone, 'appointment-page-en-move');
  await phone.getByTestId('appt-move-confirm').click();
  await phone.getByTestId('appt-notice').waitFor();
  expect(await phone.getByTestId('appt-time').innerText()).toContain('11:15');
  await screenshot(phone, 'appointment-page-en-moved');

  // The console follows appointment events: the citizen's line shows the new time without a reload, with who moved it.
  await agent.waitForFunction((testId) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes('11:15'), `appt-${id}`, {
    timeout: 10_000,
  });
  expect(await line.getByTestId('booking-history').innerText()).toContain('المواطن');
  await screenshot(agent, 'appointment-page-console-after-move');
  expect(repo.getAppointment(e2e.hub.db, id)).toMatchObject({ day: '2026-11-30', status: 'booked' });

  await phone.getByTestId('lang-toggle').click();
  // The notice follows the language toggle.
  await phone.getByText('تم تغيير موعدك').waitFor();
  await phone.getByTestId('appt-cancel').click();
  await screenshot(phone, 'appointment-page-ar-cancel');
  await phone.getByTestId('appt-cancel-yes').click();
  await phone.locator('[data-testid="appt-status"][data-status="cancelled"]').waitFor();
  await screenshot(phone, 'appointment-page-ar-cancelled');
}, 120_000);
