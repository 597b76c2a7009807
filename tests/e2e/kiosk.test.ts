// The kiosk in Chromium against a real hub: walk-in and appointment paths tapped through in Arabic
// and English, the bytes on a fake network printer decoded and compared with the screen and the
// database, the QR on screen opened as the citizen's live status page; service tiles that follow
// the live feed and an admin's changes; the hall's idle time; last, the supervisor ends the day.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { decodeEscPos, rasterToPng, renderTicket } from '../../printer/index.ts';
import { estimateWait } from '../../engine/index.ts';
import { formatNumber } from '../../ui-kit/i18n.ts';
import { ARTIFACTS, screenshot } from '../helpers/browser.ts';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login } from '../helpers/hub.ts';
import { readPng, readQr } from '../printer/raster-helpers.ts';

const PORTRAIT = { width: 1080, height: 1920 };
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const e2e = e2eFile();
let printer: FakePrinter;
let kioskCookie: string;

beforeAll(async () => {
  printer = await startFakePrinter({ mode: 'online' });
  repo.setDevicePrinter(e2e.hub.db, repo.loadDemoDevices(e2e.hub.db)!.kiosk, printer.target);
  kioskCookie = `dor_device=${deviceToken(e2e.hub, 'kiosk')}`;
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

/** A kiosk on its start screen; `watch` sees the page before it loads (to follow its requests or its socket). */
async function kioskPage(viewport = PORTRAIT, watch?: (page: Page) => unknown): Promise<Page> {
  const context = await e2e.context(kioskCookie, viewport);
  const page = await context.newPage();
  await watch?.(page);
  // A loaded CI machine may space the scanner's keystrokes further apart than a real scanner does.
  await page.goto(`${e2e.hub.url}/kiosk?idle=600000&scanGap=400`);
  await page.getByTestId('start-walkin').waitFor();
  return page;
}

const text = async (page: Page, id: string) => (await page.getByTestId(id).innerText()).trim();

/** Waits for the page's direction: the kiosk sets it on <html> just after rendering a language change, not during the click. */
const expectDir = (page: Page, dir: 'rtl' | 'ltr') => page.locator(`html[dir="${dir}"]`).waitFor({ state: 'attached', timeout: 5000 });

/** The printed ticket: decoded from the bytes the fake printer received. */
async function printedTicket() {
  const job = await printer.nextJob(10_000);
  const decoded = decodeEscPos(job);
  expect(decoded.commands).toContain('init');
  expect(decoded.cut).toBe(true);
  const image = decoded.images[0]!;
  return { image, qr: readQr(readPng(rasterToPng(image)), 25)?.text ?? null };
}

/** Checks paper = screen = database for the ticket just shown. */
async function checkTicket(page: Page, name: string) {
  const label = await text(page, 'ticket-number');
  const screenUrl = await page.getByTestId('ticket-qr').getAttribute('data-url');
  const paper = await printedTicket();
  writeFileSync(join(ARTIFACTS, `${name}-paper.png`), rasterToPng(paper.image));
  expect(paper.qr).toBe(screenUrl);
  const token = new URL(screenUrl!).pathname.slice('/t/'.length);
  const stored = repo.getTicketByStatusToken(e2e.hub.db, token)!;
  expect(stored.label).toBe(label);
  // The paper shows this very number: re-rendering the same ticket gives the same dots, and a
  // ticket with another number does not.
  const live = e2e.hub.hub.current.tickets[stored.id]!;
  const print = e2e.hub.printing.ticketPrint(live, e2e.hub.url, estimateWait(e2e.hub.hub.current, live, live.issuedAt));
  expect(Buffer.from(renderTicket(print, 80).bits).equals(Buffer.from(paper.image.bits))).toBe(true);
  expect(Buffer.from(renderTicket({ ...print, ticketLabel: 'Z-999' }, 80).bits).equals(Buffer.from(paper.image.bits))).toBe(false);
  return { label, screenUrl: screenUrl!, stored };
}

function bookedWhere(pred: (slotStart: number, now: number) => boolean) {
  const now = e2e.hub.clock.now();
  const a = repo.listAppointmentsOfDay(e2e.hub.db, e2e.hub.hub.current.day).find((x) => x.status === 'booked' && pred(x.slotStart, now));
  if (!a) throw new Error('no seeded booking fits');
  return a;
}

async function typeCpr(page: Page, cpr: string) {
  await page.getByTestId('start-appointment').click();
  for (const d of cpr) await page.getByTestId(`keypad-${d}`).click();
  expect(await page.getByTestId('cpr-display').getAttribute('data-value')).toBe(cpr);
  await page.getByTestId('cpr-submit').click();
}

describe('walk-in path', () => {
  it('in Arabic: service, priority, ticket on screen, on paper and in the database', async () => {
    const page = await kioskPage();
    await expectDir(page, 'rtl');
    await screenshot(page, 'kiosk-portrait-ar-start');
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').waitFor();
    await screenshot(page, 'kiosk-portrait-ar-services');
    await page.getByTestId('service-new-application').click();
    await screenshot(page, 'kiosk-portrait-ar-priority');
    await page.getByTestId('priority-none').click();
    await page.getByTestId('ticket-number').waitFor();
    await page.getByTestId('print-ok').waitFor();
    await screenshot(page, 'kiosk-portrait-ar-ticket');
    const { label, stored } = await checkTicket(page, 'kiosk-walkin-ar');
    expect(label).toBe('B-001');
    expect(stored.priority).toBe('none');
    expect(await text(page, 'ticket-service')).toContain('طلب إسكاني جديد');
  });

  it('in English with a priority category, and the QR on screen opens a live status page', async () => {
    const page = await kioskPage();
    await page.getByTestId('lang-toggle').click();
    await expectDir(page, 'ltr');
    await screenshot(page, 'kiosk-portrait-en-start');
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-family-members').click();
    await page.getByTestId('priority-elderly').click();
    await page.getByTestId('ticket-number').waitFor();
    await screenshot(page, 'kiosk-portrait-en-ticket');
    const { label, screenUrl, stored } = await checkTicket(page, 'kiosk-walkin-en');
    expect(stored.priority).toBe('elderly');
    expect(await text(page, 'ticket-service')).toContain('family');

    // The QR as a phone camera sees it on the screen.
    const shot = await page.getByTestId('ticket-qr').screenshot();
    expect(readQr(readPng(shot), 25)?.text).toBe(screenUrl);

    const phoneContext = await e2e.context(null, PHONE);
    const phone = await phoneContext.newPage();
    await phone.goto(screenUrl);
    await phone.getByTestId('status-number').waitFor();
    expect(await text(phone, 'status-number')).toBe(label);
    await screenshot(phone, 'status-phone-waiting');
    const c = await login(e2e.hub, ...DEMO.counter1);
    await call(e2e.hub, 'POST', '/api/counters/5/open', { cookie: c });
    let called = '';
    while (called !== label) {
      const r = await call(e2e.hub, 'POST', '/api/counters/5/call-next', { cookie: c });
      called = r.body.ticket.label;
      if (called !== label) {
        await call(e2e.hub, 'POST', '/api/counters/5/start', { cookie: c });
        await call(e2e.hub, 'POST', '/api/counters/5/finish', { cookie: c, body: { outcome: 'served' } });
      }
    }
    await phone.getByTestId('status-counter').waitFor();
    expect(await text(phone, 'status-counter')).toContain('5');
    await screenshot(phone, 'status-phone-called');
    await call(e2e.hub, 'POST', '/api/counters/5/no-show', { cookie: c });
  });

  it('says so when printing fails and keeps the ticket', async () => {
    printer.mode = 'paperOut';
    try {
      const page = await kioskPage();
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-letter-follow-up').click();
      await page.getByTestId('priority-none').click();
      await page.getByTestId('print-failed').waitFor();
      await page.getByTestId('printer-banner').waitFor();
      await screenshot(page, 'kiosk-portrait-ar-print-failed');
      const label = await text(page, 'ticket-number');
      expect(Object.values(e2e.hub.hub.current.tickets).some((t) => t.label === label && t.status === 'waiting')).toBe(true);
      expect(printer.jobs.filter((j) => j.length > 100)).toHaveLength(2);
    } finally {
      printer.mode = 'online';
      await e2e.hub.printing.pollAll();
    }
  });
});

describe.each(['ar', 'en'] as const)('appointment path in %s', (lang) => {
  let cprSeq = lang === 'ar' ? 700000000 : 710000000;
  async function book(time: string) {
    const cookie = await login(e2e.hub, ...DEMO.agent);
    const cpr = String(++cprSeq);
    const r = await call(e2e.hub, 'POST', '/api/appointments', {
      cookie,
      body: { serviceId: 'update-details', day: e2e.hub.hub.current.day, time, cpr, phone: '36001234', nameAr: 'سارة أحمد', nameEn: 'Sara Ahmed' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.appointment;
  }
  async function page(viewport = PORTRAIT) {
    const p = await kioskPage(viewport);
    if (lang === 'en') await p.getByTestId('lang-toggle').click();
    await expectDir(p, lang === 'ar' ? 'rtl' : 'ltr');
    return p;
  }

  it('checks in on time with the CPR keypad', async () => {
    const a = await book(lang === 'ar' ? '09:15' : '09:30');
    const p = await page();
    await typeCpr(p, a.cpr);
    await p.getByTestId('ticket-number').waitFor();
    await screenshot(p, `kiosk-portrait-${lang}-appointment-ticket`);
    const { label } = await checkTicket(p, `kiosk-appointment-${lang}`);
    expect(label).toMatch(/^A-\d{3}$/);
    expect(repo.getAppointment(e2e.hub.db, a.id)!.status).toBe('checked_in');
  });

  it('tells an early citizen when to come back', async () => {
    const a = await book(lang === 'ar' ? '11:30' : '11:45');
    const p = await page(TABLET);
    await typeCpr(p, a.cpr);
    await p.getByTestId('come-back-at').waitFor();
    const back = new Date(a.slotStart - 30 * 60_000).toLocaleTimeString('en-GB', { timeZone: 'Asia/Bahrain', hour: '2-digit', minute: '2-digit' });
    expect(await text(p, 'come-back-at')).toContain(back);
    await screenshot(p, `kiosk-tablet-${lang}-too-early`);
    expect(repo.getAppointment(e2e.hub.db, a.id)!.status).toBe('booked');
  });

  it('converts a late citizen to a walk-in, checked in by scanning the booking reference', async () => {
    const a = bookedWhere((slot, now) => slot + 15 * 60_000 < now);
    const p = await page(TABLET);
    await p.keyboard.type(a.reference, { delay: 5 });
    await p.keyboard.press('Enter');
    await p.getByTestId('ticket-number').waitFor();
    expect(await p.getByTestId('ticket-note').getAttribute('data-kind')).toBe('late_converted');
    await screenshot(p, `kiosk-tablet-${lang}-late`);
    const { label } = await checkTicket(p, `kiosk-late-${lang}`);
    expect(label).not.toMatch(/^A-/);
    expect(repo.getAppointment(e2e.hub.db, a.id)!.status).toBe('late_converted');
  });

  it('offers the walk-in path when there is no appointment today', async () => {
    const p = await page(TABLET);
    await typeCpr(p, '123456789');
    await p.getByTestId('message-walkin').waitFor();
    await screenshot(p, `kiosk-tablet-${lang}-no-appointment`);
    await p.getByTestId('message-walkin').click();
    await p.getByTestId('service-new-application').waitFor();
    await screenshot(p, `kiosk-tablet-${lang}-services`);
  });
});

describe('a lost ticket', () => {
  it('offers to print a lost ticket again, by CPR or by the status QR on a phone: the same number, never a new one', async () => {
    const a = bookedWhere((slot, now) => slot - 30 * 60_000 <= now && now <= slot + 15 * 60_000);
    const kiosk = deviceToken(e2e.hub, 'kiosk');
    const first = await call(e2e.hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: a.cpr } });
    expect(first.body.outcome).toBe('checked_in');
    await printer.nextJob();
    const ticketsBefore = repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day).length;
    const p = await kioskPage();
    // The paper is lost: the citizen types the CPR again.
    await typeCpr(p, a.cpr);
    await p.locator('[data-testid="message"][data-kind="alreadyCheckedIn"]').waitFor();
    expect(await text(p, 'held-ticket')).toBe(first.body.ticket.label);
    await screenshot(p, `kiosk-portrait-ar-reprint-offer`);
    await p.getByTestId('message-reprint').click();
    await p.locator('[data-testid="ticket-note"][data-kind="reprint"]').waitFor();
    expect(await text(p, 'ticket-number')).toBe(first.body.ticket.label);
    await screenshot(p, `kiosk-portrait-ar-reprinted`);
    const { label, screenUrl } = await checkTicket(p, 'kiosk-reprint-ar');
    expect(label).toBe(first.body.ticket.label);
    expect(screenUrl).toBe(`${e2e.hub.url}${first.body.statusUrl}`);
    // A walk-in holds up the status page on the phone to the kiosk's scanner.
    const walkIn = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
    await printer.nextJob();
    await p.getByTestId('ticket-done').click();
    await p.getByTestId('start-walkin').waitFor();
    await p.getByTestId('lang-toggle').click();
    await expectDir(p, 'ltr');
    await p.keyboard.type(`${e2e.hub.url}${walkIn.body.statusUrl}`, { delay: 5 });
    await p.keyboard.press('Enter');
    await p.locator('[data-testid="message"][data-kind="haveTicket"]').waitFor();
    expect(await text(p, 'held-ticket')).toBe(walkIn.body.ticket.label);
    await screenshot(p, 'kiosk-portrait-en-reprint-offer-walkin');
    await p.getByTestId('message-reprint').click();
    await p.locator('[data-testid="ticket-note"][data-kind="reprint"]').waitFor();
    expect((await checkTicket(p, 'kiosk-reprint-walkin-en')).label).toBe(walkIn.body.ticket.label);
    expect(repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day)).toHaveLength(ticketsBefore + 1); // only the walk-in's own
  });
});

describe('service tiles', () => {
  it('follow the live feed: a walk-in issued elsewhere updates the people ahead, with no GET /api/services', async () => {
    const servicesRequests: string[] = [];
    const page = await kioskPage(PORTRAIT, (p) =>
      p.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/services') servicesRequests.push(`${r.method()} ${r.url()}`);
      }),
    );
    await page.getByTestId('start-walkin').click();
    const tile = page.getByTestId('service-letter-follow-up-ahead');
    await tile.waitFor();
    const before = Number(await tile.getAttribute('data-value'));
    // Another kiosk issues a ticket for that service: the delta reaches this one over its socket.
    const issued = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(e2e.hub, 'kiosk'), body: { serviceId: 'letter-follow-up' } });
    expect((await printedTicket()).qr).toBe(`${e2e.hub.url}${issued.body.statusUrl}`); // its paper, taken off the shared fake printer
    await page.locator(`[data-testid="service-letter-follow-up-ahead"][data-value="${before + 1}"]`).waitFor({ timeout: 5000 });
    expect(await tile.innerText()).toContain(formatNumber(before + 1, 'ar'));
    // Every tile shows what the hub's services.list says (asked here by the test, not by the page).
    const reply = await call(e2e.hub, 'GET', '/api/services', { token: deviceToken(e2e.hub, 'kiosk') });
    type Tile = { service: { id: string; kioskVisible: boolean }; peopleAhead: number; estimatedWaitMin: number | null };
    for (const { service, peopleAhead, estimatedWaitMin } of reply.body.services.filter((x: Tile) => x.service.kioskVisible) as Tile[]) {
      expect(await page.getByTestId(`service-${service.id}-ahead`).getAttribute('data-value'), service.id).toBe(String(peopleAhead));
      expect(await page.getByTestId(`service-${service.id}-wait`).getAttribute('data-value'), service.id).toBe(String(estimatedWaitMin ?? ''));
    }
    await screenshot(page, 'kiosk-portrait-ar-services-live');
    expect(servicesRequests).toEqual([]);
  });
});

describe('the CPR keypad', () => {
  it('hides all but the last 3 digits a moment after each key, and shows them while the eye is held', async () => {
    const page = await kioskPage(TABLET);
    await page.getByTestId('start-appointment').click();
    const boxes = () => page.locator('[data-testid="cpr-display"] .digit-box').allInnerTexts();
    for (const d of '9000000') await page.getByTestId(`keypad-${d}`).click();
    // The digit just typed shows, for a moment…
    expect((await boxes())[6]).toBe('0');
    // …then every digit but the CPR's last three is a dot.
    await page.locator('[data-testid="cpr-display"] .digit-box[data-hidden]').nth(5).waitFor();
    await page.getByTestId('keypad-1').click();
    await page.getByTestId('keypad-2').click();
    await expect.poll(boxes, { timeout: 3000 }).toEqual(['•', '•', '•', '•', '•', '•', '0', '1', '2']);
    expect(await page.getByTestId('cpr-display').innerText()).not.toContain('9');
    await screenshot(page, 'kiosk-tablet-ar-cpr-masked');
    // Held: all nine show; let go: hidden again.
    await page.getByTestId('cpr-show').hover();
    await page.mouse.down();
    await expect.poll(boxes).toEqual(['9', '0', '0', '0', '0', '0', '0', '1', '2']);
    await screenshot(page, 'kiosk-tablet-ar-cpr-shown');
    await page.mouse.up();
    await expect.poll(boxes).toEqual(['•', '•', '•', '•', '•', '•', '0', '1', '2']);
    await page.getByTestId('lang-toggle').click();
    await expectDir(page, 'ltr');
    await screenshot(page, 'kiosk-tablet-en-cpr-masked');
  });
});

describe('bilingual labels', () => {
  it("the ticket's Done, the priority chip, the keypad's Clear and the staff panel show both languages", async () => {
    const page = await kioskPage();
    const both = async (id: string, ar: string, en: string) => {
      const shown = await text(page, id);
      expect(shown, id).toContain(ar);
      expect(shown, id).toContain(en);
    };
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').click();
    await page.getByTestId('priority-elderly').click();
    await page.getByTestId('ticket-number').waitFor();
    await printer.nextJob();
    await both('ticket-done', 'تم', 'Done');
    await both('ticket-priority', 'كبار السن', 'Senior citizen');
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('start-appointment').click();
    await both('keypad-clear', 'مسح', 'Clear');
    await page.getByTestId('back').click();
    for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').click();
    for (const d of '1234') await page.getByTestId(`pin-${d}`).click();
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('staff-panel').waitFor();
    await both('staff-panel', 'لوحة الموظف', 'Staff panel');
    await both('staff-reload', 'إعادة تحميل الشاشة', 'Reload the screen');
    await screenshot(page, 'kiosk-portrait-ar-staff-panel');
  });
});

describe("an admin's changes to a service", () => {
  it('show on the tiles without a reload: a new name and colour, and a service taken out leaves', async () => {
    const admin = await login(e2e.hub, ...DEMO.admin);
    const page = await kioskPage();
    await page.evaluate(() => {
      (window as any).__sameDocument = true;
    });
    await page.getByTestId('start-walkin').click();
    const tile = page.getByTestId('service-letter-follow-up');
    await tile.waitFor();
    const renamed = { nameAr: 'متابعة الرسائل الرسمية', nameEn: 'Official letters', colour: '#f2c14e' };
    const before = (await call(e2e.hub, 'GET', '/api/services', { token: deviceToken(e2e.hub, 'kiosk') })).body.services.find(
      (x: { service: { id: string } }) => x.service.id === 'letter-follow-up',
    ).service;
    try {
      expect((await call(e2e.hub, 'PUT', '/api/services/letter-follow-up', { cookie: admin, body: renamed })).status).toBe(200);
      await tile.filter({ hasText: 'متابعة الرسائل الرسمية' }).waitFor({ timeout: 5000 });
      expect(await tile.innerText()).toContain('Official letters');
      // Its colour, with the ink that reads on it (black on this gold).
      const icon = tile.locator('.tile-icon');
      expect(await icon.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(242, 193, 78)', 'rgb(0, 0, 0)']);
      await screenshot(page, 'kiosk-portrait-ar-services-renamed');
      // Chosen now, the priority step names it as it is now; taken out meanwhile, the citizen is back at the tiles, where it is gone.
      await tile.click();
      expect(await page.getByTestId('priority-service').innerText()).toContain('متابعة الرسائل الرسمية');
      expect((await call(e2e.hub, 'PUT', '/api/services/letter-follow-up', { cookie: admin, body: { active: false } })).status).toBe(200);
      await page.getByTestId('service-new-application').waitFor({ timeout: 5000 });
      expect(await tile.count()).toBe(0);
      expect((await call(e2e.hub, 'PUT', '/api/services/letter-follow-up', { cookie: admin, body: { active: true } })).status).toBe(200);
      await tile.waitFor({ timeout: 5000 });
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    } finally {
      await call(e2e.hub, 'PUT', '/api/services/letter-follow-up', {
        cookie: admin,
        body: { nameAr: before.nameAr, nameEn: before.nameEn, colour: before.colour, active: true },
      });
    }
  });
});

describe('idle', () => {
  it("follows the hall's idle time when the address pins none", async () => {
    const admin = await login(e2e.hub, ...DEMO.admin);
    expect((await call(e2e.hub, 'PATCH', '/api/settings', { cookie: admin, body: { kioskIdleSeconds: 10 } })).status).toBe(200);
    try {
      const context = await e2e.context(kioskCookie, TABLET);
      const page = await context.newPage();
      await page.goto(`${e2e.hub.url}/kiosk`);
      await page.getByTestId('lang-toggle').click();
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-new-application').waitFor();
      const left = Date.now();
      // Back after 10 s of no touch (the default would be 30 s).
      await page.getByTestId('start-walkin').waitFor({ timeout: 15_000 });
      expect(Date.now() - left).toBeGreaterThan(8000);
      await expectDir(page, 'rtl');
    } finally {
      await call(e2e.hub, 'PATCH', '/api/settings', { cookie: admin, body: { kioskIdleSeconds: 30 } });
    }
  });

  it('returns to the start screen and to Arabic after the idle time', async () => {
    const context = await e2e.context(kioskCookie, TABLET);
    const page = await context.newPage();
    await page.goto(`${e2e.hub.url}/kiosk?idle=1500`);
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').waitFor();
    await expectDir(page, 'ltr');
    await page.getByTestId('start-walkin').waitFor({ timeout: 6000 });
    await expectDir(page, 'rtl');
  });
});

describe('a lost reply', () => {
  it('the kiosk asks again with the same requestId: exactly one ticket on screen, on paper and in the database', async () => {
    const page = await kioskPage();
    const ticketsBefore = repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day).length;
    await printer.idle();
    const printsBefore = printer.jobs.filter((j) => j.length > 100).length;
    const sent: { requestId?: string }[] = [];
    let lostReply: { status: number; label: string } | null = null;
    await page.route('**/api/kiosk/tickets', async (route) => {
      sent.push(route.request().postDataJSON());
      if (sent.length > 1) return route.continue();
      const reply = await route.fetch(); // the hub issues and prints the ticket…
      lostReply = { status: reply.status(), label: (await reply.json()).ticket?.label };
      await route.abort('failed'); // …but its reply never reaches the kiosk
    });
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-application-inquiry').click();
    await page.getByTestId('priority-pregnancy').click();
    await page.getByTestId('ticket-number').waitFor();
    expect(sent).toHaveLength(2);
    expect(sent[0]!.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
    const { label, stored } = await checkTicket(page, 'kiosk-lost-reply');
    expect(lostReply).toEqual({ status: 201, label });
    expect(stored.priority).toBe('pregnancy');
    expect(repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day)).toHaveLength(ticketsBefore + 1);
    await printer.idle();
    expect(printer.jobs.filter((j) => j.length > 100)).toHaveLength(printsBefore + 1);
  });
});

describe('a morning rush', () => {
  it('issues 7 quick walk-ins; the 11th in a burst counts down, keeps the choice and is issued by itself with the same requestId', async () => {
    const admin = await login(e2e.hub, ...DEMO.admin);
    const guard = (kioskTicketsBurst: number, kioskTicketsPerMinute: number) =>
      call(e2e.hub, 'PATCH', '/api/settings', { cookie: admin, body: { kioskTicketsBurst, kioskTicketsPerMinute } });
    expect((await guard(10, 30)).status).toBe(200);
    const page = await kioskPage();
    await printer.idle();
    const ticketsBefore = repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day).length;
    const sent: { requestId?: string; status: number }[] = [];
    await page.route('**/api/kiosk/tickets', async (route) => {
      const reply = await route.fetch();
      sent.push({ ...route.request().postDataJSON(), status: reply.status() });
      await route.fulfill({ response: reply });
    });
    try {
      const walkIn = async (service: string) => {
        await page.getByTestId('start-walkin').click();
        await page.getByTestId(`service-${service}`).click();
        await page.getByTestId('priority-none').click();
      };
      // Seven citizens one after another, as fast as they tap: every one gets a ticket.
      for (let i = 0; i < 7; i++) {
        await walkIn('new-application');
        await page.getByTestId('ticket-number').waitFor();
        await page.getByTestId('ticket-done').click();
      }
      expect(sent.map((r) => r.status)).toEqual(Array(7).fill(201));
      // Three more from the same kiosk use up the burst of 10…
      const token = deviceToken(e2e.hub, 'kiosk');
      for (let i = 0; i < 3; i++)
        expect((await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } })).status).toBe(201);
      // …so the 11th waits: a countdown, the chosen service kept, no ticket yet.
      await page.getByTestId('start-walkin').click();
      await page.getByTestId('service-family-members').click();
      await page.getByTestId('priority-elderly').click();
      await page.getByTestId('wait').waitFor();
      expect(Number(await page.getByTestId('wait-seconds').getAttribute('data-value'))).toBeGreaterThan(0);
      expect(await text(page, 'wait-service')).toContain('Register family members');
      await screenshot(page, 'kiosk-portrait-ar-rush-wait');
      expect(sent.at(-1)!.status).toBe(429);
      // The hub's clock (pinned in tests) moves on by the wait; the kiosk asks again by itself.
      e2e.hub.clock.advance(2000);
      await page.getByTestId('ticket-number').waitFor({ timeout: 10_000 });
      const last = sent.at(-1)!;
      expect(last.status).toBe(201);
      expect(last.requestId).toBe(sent.at(-2)!.requestId);
      const tickets = repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day);
      expect(tickets).toHaveLength(ticketsBefore + 11);
      const label = await text(page, 'ticket-number');
      expect(tickets.find((x) => x.label === label)).toMatchObject({ serviceId: 'family-members', priority: 'elderly' });
      for (let i = 0; i < 11; i++) await printer.nextJob();
    } finally {
      // Back to no guard for the tests after this one; the emptied bucket refills with the (pinned) clock.
      await guard(1000, 1000);
      e2e.hub.clock.advance(60_000);
    }
  });
});

// Last: nothing is issued in this hall today after this.
describe('the day ended early', () => {
  it('turns every kiosk to "closed for today", and a walk-in racing it is refused with the same words', async () => {
    const page = await kioskPage();
    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').waitFor();
    // Another kiosk whose news of the hall is held up, so that its citizen's tap races the supervisor.
    let holdNews = false;
    const racing = await kioskPage(TABLET, (p) =>
      p.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((m) => {
          if (!holdNews) ws.send(m);
        });
      }),
    );
    await racing.getByTestId('start-walkin').click();
    await racing.getByTestId('service-family-members').click();
    holdNews = true;
    const supervisor = await login(e2e.hub, ...DEMO.supervisor);
    expect((await call(e2e.hub, 'POST', '/api/hall/end-day', { cookie: supervisor })).status).toBe(200);
    await racing.getByTestId('priority-none').click();
    await racing.locator('[data-testid="message"][data-kind="dayEnded"]').waitFor();
    expect(await text(racing, 'message')).toContain('أُغلقت القاعة لهذا اليوم');
    await screenshot(racing, 'kiosk-tablet-ar-day-ended-refusal');

    // The kiosk left on the tiles shows the closed screen at once, with nothing to tap but the language.
    await page.getByTestId('day-ended').waitFor({ timeout: 5000 });
    expect(await text(page, 'day-ended')).toContain('أُغلقت القاعة لهذا اليوم');
    expect(await text(page, 'day-ended')).toContain('The hall has closed for today');
    expect(await page.locator('main button').count()).toBe(0);
    // Nor a Back in the portrait kiosk's bottom bar (the tiles it was on are gone).
    expect(await page.getByTestId('back').count()).toBe(0);
    await screenshot(page, 'kiosk-portrait-ar-day-ended');
    await page.getByTestId('lang-toggle').click();
    await expectDir(page, 'ltr');
    await screenshot(page, 'kiosk-portrait-en-day-ended');
    // A kiosk started now opens on it too; the hub refuses what the kiosk no longer offers.
    const context = await e2e.context(kioskCookie, TABLET);
    const fresh = await context.newPage();
    await fresh.goto(`${e2e.hub.url}/kiosk`);
    await fresh.getByTestId('day-ended').waitFor();
    expect(await fresh.getByTestId('start-walkin').count()).toBe(0);
    const reply = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(e2e.hub, 'kiosk'), body: { serviceId: 'new-application' } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('DAY_ENDED');
  });
});
