// SMS messages through the screens, in Chromium against a real hub: a walk-in types a phone on the
// kiosk (optional) and gets "your turn is near" and "called" on it; a supervisor sends an SMS to
// everyone waiting from the live hall; the booking console lists an appointment's messages.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login } from '../helpers/hub.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const DESK = { width: 1366, height: 768 };

const e2e = e2eFile();

async function open(url: string, cookie: string | null, viewport: { width: number; height: number }): Promise<Page> {
  const context = await e2e.context(cookie, viewport);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return page;
}

const messagesTo = (phone: string) =>
  repo
    .listMessages(e2e.hub.db)
    .filter((m) => m.to === phone)
    .reverse();

it('a walk-in gives a phone at the kiosk and is told by SMS when near and when called; the supervisor messages everyone waiting', async () => {
  const kioskToken = deviceToken(e2e.hub, 'kiosk');
  const kiosk = await open(`${e2e.hub.url}/kiosk?idle=600000`, `dor_device=${kioskToken}`, PORTRAIT);
  // Two citizens ahead, with no phone.
  for (let i = 0; i < 2; i++) {
    expect((await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId: 'application-inquiry' } })).status).toBe(201);
  }

  await kiosk.getByTestId('start-walkin').click();
  await kiosk.getByTestId('service-application-inquiry').click();
  await kiosk.getByTestId('phone-add').click();
  for (const d of '3612345') await kiosk.getByTestId(`phone-key-${d}`).click();
  expect(await kiosk.getByTestId('phone-done').isDisabled()).toBe(true); // 7 digits: not a mobile yet
  await kiosk.getByTestId('phone-key-6').click();
  await kiosk.getByTestId('phone-done').click();
  expect(await kiosk.getByTestId('phone-add').innerText()).toContain('36 12 34 56');
  await screenshot(kiosk, 'messages-kiosk-priority-with-phone-ar');
  await kiosk.getByTestId('priority-none').click();
  await kiosk.getByTestId('ticket-qr').waitFor();
  const [ticketId] = [...repo.ticketPhonesOfDay(e2e.hub.db, e2e.hub.hub.current.day).keys()];
  const mine = e2e.hub.hub.current.tickets[ticketId!]!;
  expect(await kiosk.locator('body').innerText()).not.toContain('36123456');

  // A counter opens and calls: third in line is near (N = 3), then called.
  const counter = await login(e2e.hub, ...DEMO.counter1);
  await call(e2e.hub, 'POST', '/api/counters/3/open', { cookie: counter });
  expect(messagesTo('+97336123456').map((m) => m.kind)).toEqual(['near_turn']);
  for (let i = 0; i < 2; i++) {
    await call(e2e.hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
    await call(e2e.hub, 'POST', '/api/counters/3/start', { cookie: counter });
    await call(e2e.hub, 'POST', '/api/counters/3/finish', { cookie: counter, body: { outcome: 'served' } });
  }
  expect((await call(e2e.hub, 'POST', '/api/counters/3/call-next', { cookie: counter })).body.ticket.id).toBe(mine.id);
  expect(messagesTo('+97336123456').map((m) => m.kind)).toEqual(['near_turn', 'called']);
  expect(messagesTo('+97336123456')[1]!.body).toContain(`ticket ${mine.label}, counter 3`);

  // The supervisor's SMS to everyone waiting, from the live hall.
  expect((await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId: 'new-application', phone: '33221100' } })).status).toBe(
    201,
  );
  const live = await open(`${e2e.hub.url}/supervisor#live`, null, DESK);
  await live.getByTestId('login-username').fill(DEMO.supervisor[0]);
  await live.getByTestId('login-password').fill(DEMO.supervisor[1]);
  await live.getByTestId('login-submit').click();
  await live.getByTestId('sms-all').click();
  await live.getByTestId('sms-ar').fill('نعتذر، النظام متوقف مؤقتاً');
  await live.getByTestId('sms-en').fill('Sorry, the system is down for a while');
  await screenshot(live, 'messages-live-sms-dialog-ar');
  await live.getByTestId('dialog-submit').click();
  await live.getByTestId('sms-dialog').waitFor({ state: 'detached' });
  const broadcast = messagesTo('+97333221100').find((m) => m.kind === 'broadcast');
  expect(broadcast?.body.split('\n').slice(0, 2)).toEqual(['نعتذر، النظام متوقف مؤقتاً', 'Sorry, the system is down for a while']);
  expect(repo.listAudit(e2e.hub.db, { kind: 'sms.broadcast' })).toHaveLength(1);

  // The booking console lists a demo appointment's messages (the broadcast reached its phone too).
  const demo = repo.listAppointmentsOfDay(e2e.hub.db, e2e.hub.hub.current.day).find((a) => a.status === 'booked')!;
  const booking = await open(`${e2e.hub.url}/booking`, null, DESK);
  await booking.getByTestId('login-username').fill(DEMO.agent[0]);
  await booking.getByTestId('login-password').fill(DEMO.agent[1]);
  await booking.getByTestId('login-submit').click();
  await booking.getByTestId('cpr-search').fill(demo.cpr);
  await booking.getByTestId('cpr-search').press('Enter');
  const sms = booking.getByTestId(`appt-${demo.id}`).getByTestId('booking-sms');
  await sms.first().waitFor();
  expect(await sms.first().getAttribute('data-kind')).toBe('broadcast');
  expect(await sms.first().innerText()).toContain('المشرف');
  await screenshot(booking, 'messages-booking-console-ar');
});
