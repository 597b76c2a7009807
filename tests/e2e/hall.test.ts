// A believable morning in Chromium: a display, two counter terminals and a kiosk on one hub.
// Calls reach the display (announced once), recalls re-announce, no-show (confirmed first, and
// reported) and transfer follow the rules, two counters never hold the same ticket, a reloaded
// counter comes back to its ticket, and a display that loses the network catches up without
// replaying announcements. Then the
// supervisor: a ticker message on the display until it is removed or expires, a staffed counter
// closed with a reason (its terminal says so, its ticket goes back to the queue), a waiting ticket
// cancelled (its holder's phone says cancelled, not why), and a supervisor covering a break at the
// appointment counter, whose "call next" says which booking holds it.
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login, until } from '../helpers/hub.ts';

const TV = { width: 1920, height: 1080 };
const SMALL_TV = { width: 1280, height: 720 };
const DESK = { width: 1366, height: 768 };

const e2e = e2eFile();
let kiosk: string;

beforeAll(async () => {
  kiosk = deviceToken(e2e.hub, 'kiosk');
}, 60_000);

async function newPage(cookie: string | null, viewport: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext }> {
  const context = await e2e.context(cookie, viewport);
  return { page: await context.newPage(), context };
}

async function walkin(serviceId: string) {
  const r = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body.ticket.label as string;
}

/** Logs a staff member in through the terminal's own login; the page is left at the counter picker. */
async function terminalLogin(username: string, password = 'counter123'): Promise<Page> {
  const { page } = await newPage(null, DESK);
  await page.goto(`${e2e.hub.url}/counter`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  return page;
}

/** Logs a counter user (or a supervisor covering a break) in through the terminal's own screens and opens counter `n`. */
async function counterTerminal(username: string, n: number, lang: 'ar' | 'en' = 'ar', password = 'counter123'): Promise<Page> {
  const page = await terminalLogin(username, password);
  await page.getByTestId(`counter-pick-${n}`).click();
  await page.getByTestId('btn-call-next').waitFor();
  if (lang === 'en') await page.getByTestId('lang-toggle').click();
  return page;
}

const state = (page: Page) => page.getByTestId('counter-state').getAttribute('data-value');

/** The rendered font size of every visible text on the display board (each element with text of its own). */
const textSizes = (page: Page) =>
  page.evaluate(() => {
    const out: { where: string; text: string; px: number; lang: string }[] = [];
    for (const el of Array.from(document.querySelectorAll('.board *'))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent!.trim())
        .join(' ')
        .trim();
      const r = el.getBoundingClientRect();
      if (!own || r.width === 0 || r.height === 0) continue;
      const path: string[] = [];
      for (let e: Element | null = el; e && !e.classList.contains('board'); e = e.parentElement) path.push(e.className.toString());
      out.push({
        where: path.join(' < '),
        text: own.slice(0, 30),
        px: Number.parseFloat(getComputedStyle(el).fontSize),
        lang: el.closest('[lang]')!.getAttribute('lang')!,
      });
    }
    return out;
  });
const currentLabel = async (page: Page) => (await page.getByTestId('current-label').innerText()).trim();
const announcements = (page: Page) =>
  page.evaluate(
    () =>
      (window as any).__announcements.map((a: any) => ({ label: a.label, counter: a.counter, kind: a.kind, seq: a.seq })) as {
        label: string;
        counter: number;
        kind: string;
        seq: number;
      }[],
  );

/** Screenshots a counter in Arabic and in English (and leaves it in the language it was in). */
async function shots(page: Page, name: string) {
  const lang = async () => page.evaluate(() => document.documentElement.getAttribute('lang'));
  const first = await lang();
  await screenshot(page, `counter-${first}-${name}`);
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.getAttribute('lang') !== l, first);
  await screenshot(page, `counter-${await lang()}-${name}`);
  await page.getByTestId('lang-toggle').click();
  await page.waitForFunction((l) => document.documentElement.getAttribute('lang') === l, first);
}

async function press(page: Page, button: string, expected: string) {
  await page.getByTestId(button).click();
  await page.waitForFunction(([e]) => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === e, [expected]);
}

describe('a morning in the hall', () => {
  let display: Page;
  let displayContext: BrowserContext;
  let c1: Page;
  let c2: Page;
  let phone: Page;
  let networkUp = true;
  const displaySockets = new Set<WebSocketRoute>();

  it('a counter\'s "call next" appears on the display and is announced once', async () => {
    ({ page: display, context: displayContext } = await newPage(`dor_device=${deviceToken(e2e.hub, 'display')}`, TV));
    // A switchable network for the display: setOffline alone leaves an open WebSocket alive.
    await displayContext.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (!networkUp) return void ws.close({ code: 4000, reason: 'offline' });
      ws.connectToServer();
      displaySockets.add(ws);
    });
    await display.goto(`${e2e.hub.url}/display?sound=0`);
    await display.getByTestId('display-recent').waitFor();
    // The first ticket comes from the kiosk screen, and its holder follows it on a phone.
    const { page: kioskPage } = await newPage(`dor_device=${kiosk}`, { width: 1080, height: 1920 });
    await kioskPage.goto(`${e2e.hub.url}/kiosk?idle=600000`);
    await kioskPage.getByTestId('start-walkin').click();
    await kioskPage.getByTestId('service-new-application').click();
    await kioskPage.getByTestId('priority-none').click();
    await kioskPage.getByTestId('ticket-number').waitFor();
    const statusUrl = (await kioskPage.getByTestId('ticket-qr').getAttribute('data-url'))!;
    ({ page: phone } = await newPage(null, { width: 390, height: 844 }));
    await phone.goto(statusUrl);
    await phone.getByTestId('status-number').waitFor();
    e2e.hub.clock.advance(60_000);
    for (const s of ['new-application', 'application-inquiry', 'family-members', 'letter-follow-up']) {
      await walkin(s);
      e2e.hub.clock.advance(60_000);
    }
    await display.waitForFunction(() => document.querySelector('[data-testid="waiting-B"]')?.getAttribute('data-value') === '2');

    c1 = await counterTerminal('counter1', 3);
    c2 = await counterTerminal('counter2', 4, 'en');
    await press(c1, 'btn-call-next', 'called');
    const first = await currentLabel(c1);
    expect(first).toBe('B-001');
    await display.getByTestId(`call-${first}`).waitFor();
    expect(await display.getByTestId(`call-${first}`).getAttribute('data-counter')).toBe('3');
    await screenshot(display, 'display-tv-one-call');
    await shots(c1, 'called');
    // …and on that ticket's status page.
    await phone.getByTestId('status-counter').waitFor();
    expect(await phone.getByTestId('status-counter').innerText()).toContain('3');

    // Two counters never show the same ticket.
    await press(c2, 'btn-call-next', 'called');
    const second = await currentLabel(c2);
    expect(second).not.toBe(first);
    await display.getByTestId(`call-${second}`).waitFor();
    await screenshot(display, 'display-tv-two-calls');
    const heard = await announcements(display);
    expect(heard.filter((a) => a.label === first)).toEqual([expect.objectContaining({ kind: 'call', counter: 3 })]);
    expect(heard.filter((a) => a.label === second)).toEqual([expect.objectContaining({ kind: 'call', counter: 4 })]);
  });

  it('a recall is announced again; a no-show is confirmed first, leaves the queue, and the terminal says so', async () => {
    const label = await currentLabel(c1);
    await c1.getByTestId('btn-recall').click();
    await display.waitForFunction((l) => (window as any).__announcements.filter((a: any) => a.label === l).length === 2, label);
    const heard = (await announcements(display)).filter((a) => a.label === label);
    expect(heard.map((a) => a.kind)).toEqual(['call', 'recall']);
    const ticketNow = () => Object.values(e2e.hub.hub.current.tickets).find((x) => x.label === label)!;
    // Asking is not doing: the button opens a confirmation that says what a no-show does here.
    await c1.getByTestId('btn-no-show').click();
    const dialog = c1.getByTestId('no-show-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(label);
    expect(await c1.getByTestId('no-show-effect').getAttribute('data-requeues')).toBe('false');
    expect(await c1.getByTestId('no-show-effect').innerText()).toContain('تخرج التذكرة من الدور');
    await screenshot(c1, 'counter-ar-no-show-dialog');
    expect(ticketNow().status).toBe('called');
    await c1.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(ticketNow().status).toBe('called');
    // The same in English (the open dialog keeps the page, and its language switch, out of reach).
    await c1.getByTestId('lang-toggle').click();
    await c1.getByTestId('btn-no-show').click();
    await dialog.waitFor();
    expect(await c1.getByTestId('no-show-effect').innerText()).toBe('The ticket leaves the queue; if the citizen comes later, they take a new ticket.');
    await screenshot(c1, 'counter-en-no-show-dialog');
    await c1.getByTestId('dialog-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await c1.getByTestId('lang-toggle').click();
    await c1.locator('.counter-app[data-lang="ar"]').waitFor();
    // The keyboard way: X asks, Enter confirms.
    await c1.keyboard.press('x');
    await dialog.waitFor();
    await c1.keyboard.press('Enter');
    await c1.waitForFunction(() => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === 'idle');
    expect(ticketNow().status).toBe('no_show');
    const done = c1.getByTestId('action-done');
    await done.waitFor();
    expect(await done.innerText()).toBe(`سُجّلت التذكرة ${label} «لم يحضر» وخرجت من الدور.`);
    await shots(c1, 'idle');
  });

  it('the board reads from 10 m: no text under 28 px at 1920×1080, the no-show marked, the open counters shown', async () => {
    const noShow = Object.values(e2e.hub.hub.current.tickets).find((t) => t.status === 'no_show')!.label;
    const mark = display.getByTestId(`recent-${noShow}`).locator('.recent-mark');
    await mark.waitFor();
    expect(await mark.innerText()).toMatch(/لم يحضر[\s\S]*No-show/);
    expect(await display.getByTestId('display-open-counters').getAttribute('data-open')).toBe('3 4');
    await screenshot(display, 'display-tv-no-show');
    const tv = await textSizes(display);
    // The named secondary texts, then every text on the board.
    const heads = tv.filter((t) => t.where.includes('recent-head')).map((t) => t.px);
    const serviceNamesEn = tv.filter((t) => t.where.includes('queue-names') && t.lang === 'en').map((t) => t.px);
    expect(heads).toHaveLength(4); // Ticket / Counter, in both languages
    expect(serviceNamesEn.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...heads, ...serviceNamesEn)).toBeGreaterThanOrEqual(28);
    expect(tv.filter((t) => t.px < 28)).toEqual([]);
    // A 1366×768 screen keeps the same proportions: nothing under 2.6 % of its height.
    const { page: laptop } = await newPage(`dor_device=${deviceToken(e2e.hub, 'display')}`, DESK);
    await laptop.goto(`${e2e.hub.url}/display?sound=0`);
    await laptop.getByTestId(`recent-${noShow}`).locator('.recent-mark').waitFor();
    expect((await textSizes(laptop)).filter((t) => t.px < 0.026 * DESK.height - 0.1)).toEqual([]);
    await laptop.locator('.ticker-msg').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished))); // its fade-in
    await screenshot(laptop, 'display-1366x768');
  });

  it('a transfer keeps the number and the place in the new queue', async () => {
    const label = await currentLabel(c2);
    await press(c2, 'btn-start', 'serving');
    await shots(c2, 'serving');
    await c2.getByTestId('btn-transfer').click();
    await c2.getByTestId('transfer-service-letter-follow-up').click();
    await screenshot(c2, 'counter-en-transfer-dialog');
    await c2.getByTestId('transfer-confirm').click();
    await c2.waitForFunction(() => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === 'idle');
    const moved = Object.values(e2e.hub.hub.current.tickets).find((x) => x.label === label)!;
    expect(moved).toMatchObject({ status: 'waiting', serviceId: 'letter-follow-up' });
    // A transfer is no no-show: no note saying so.
    expect(await c2.getByTestId('action-done').count()).toBe(0);
    // It kept its issue time, older than every ticket still waiting: it is called next.
    await press(c1, 'btn-call-next', 'called');
    expect(await currentLabel(c1)).toBe(label);
  });

  it('finishes with an outcome, and a reloaded counter comes back to its ticket', async () => {
    await press(c1, 'btn-start', 'serving');
    const label = await currentLabel(c1);
    await c1.reload();
    await c1.getByTestId('current-label').waitFor();
    expect(await currentLabel(c1)).toBe(label);
    expect(await state(c1)).toBe('serving');
    await c1.getByTestId('btn-finish').click();
    // Finishing without an outcome says what is missing, and finishes nothing.
    await c1.getByTestId('finish-confirm').click();
    await c1.getByTestId('finish-pick-outcome').waitFor();
    expect(await c1.getByTestId('finish-pick-outcome').innerText()).toContain('اختر نتيجة الخدمة أولًا');
    expect(e2e.hub.hub.current.tickets[(await c1.getByTestId('current-ticket').getAttribute('data-ticket-id'))!]!.status).toBe('serving');
    await c1.getByTestId('outcome-served').click();
    await screenshot(c1, 'counter-ar-finish-dialog');
    await c1.getByTestId('finish-note').fill('ملاحظة للاختبار');
    await c1.getByTestId('finish-confirm').click();
    await c1.waitForFunction(() => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === 'idle');
    expect(Object.values(e2e.hub.hub.current.tickets).find((x) => x.label === label)!.status).toBe('done');
    expect(await c1.getByTestId('action-done').innerText()).toBe(`انتهت خدمة التذكرة ${label}: تمت الخدمة.`);
    // "My day" is the hub's count for this person.
    await c1.locator('[data-testid="stat-served"][data-value="1"]').waitFor();
    expect(Object.values(e2e.hub.hub.current.tickets).find((x) => x.label === label)!.note).toBe('ملاحظة للاختبار');
  });

  it('pauses with a reason and resumes; call next is disabled while paused', async () => {
    await c1.getByTestId('btn-pause').click();
    await c1.getByTestId('pause-reason').fill('استراحة');
    await c1.getByTestId('pause-confirm').click();
    await c1.waitForFunction(() => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === 'paused');
    expect(await c1.getByTestId('btn-call-next').isDisabled()).toBe(true);
    expect(e2e.hub.hub.current.counters[3]).toMatchObject({ paused: true, pauseReason: 'استراحة' });
    await shots(c1, 'paused');
    await press(c1, 'btn-resume', 'idle');
  });

  it('a recall past the limit is a no-show: it is confirmed like one', async () => {
    await press(c1, 'btn-call-next', 'called');
    const label = await currentLabel(c1);
    const ticketNow = () => Object.values(e2e.hub.hub.current.tickets).find((x) => x.label === label)!;
    const max = e2e.hub.hub.current.settings.maxRecalls;
    for (let i = 1; i <= max; i++) {
      await c1.getByTestId('btn-recall').click();
      await until(() => ticketNow().recalls === i, 5000, `recall ${i}`);
      await c1.locator('[data-testid="btn-recall"]:not([disabled])').waitFor();
    }
    expect(await c1.getByTestId('no-show-dialog').count()).toBe(0);
    await c1.getByTestId('btn-recall').click();
    await c1.getByTestId('no-show-last-recall').waitFor();
    expect(ticketNow()).toMatchObject({ status: 'called', recalls: max });
    await c1.getByTestId('no-show-confirm').click();
    await c1.waitForFunction(() => document.querySelector('[data-testid="counter-state"]')?.getAttribute('data-value') === 'idle');
    expect(ticketNow().status).toBe('no_show');
    expect(await c1.getByTestId('action-done').innerText()).toContain(label);
  });

  it('a display that goes offline shows it, catches up, and does not replay announcements', async () => {
    const before = await announcements(display);
    const seqBefore = Number(await display.locator('.board').getAttribute('data-seq'));
    networkUp = false;
    await displayContext.setOffline(true);
    for (const ws of displaySockets) await ws.close({ code: 4000, reason: 'offline' }).catch(() => {});
    displaySockets.clear();
    await display.getByTestId('display-offline').waitFor({ timeout: 30_000 });
    await screenshot(display, 'display-tv-offline');
    await press(c2, 'btn-call-next', 'called');
    const whileOffline = await currentLabel(c2);
    await new Promise((r) => setTimeout(r, 500));
    // Cut off for real: the display has not seen that call.
    expect(Number(await display.locator('.board').getAttribute('data-seq'))).toBe(seqBefore);
    expect(await display.getByTestId(`recent-${whileOffline}`).count()).toBe(0);
    networkUp = true;
    await displayContext.setOffline(false);
    await display.getByTestId('display-offline').waitFor({ state: 'detached', timeout: 30_000 });
    await display.getByTestId(`recent-${whileOffline}`).waitFor({ timeout: 15_000 });
    const after = await announcements(display);
    // Nothing heard before is queued again.
    expect(after.slice(0, before.length)).toEqual(before);
    const seqs = after.map((a) => a.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    // The call made while offline is on screen but was not announced late.
    expect(after.filter((a) => a.label === whileOffline)).toEqual([]);
    const { page: small } = await newPage(`dor_device=${deviceToken(e2e.hub, 'display')}`, SMALL_TV);
    await small.goto(`${e2e.hub.url}/display?sound=0`);
    await small.getByTestId(`recent-${whileOffline}`).waitFor();
    expect(await small.evaluate(() => (window as any).__announcements.length)).toBe(0);
    await screenshot(small, 'display-small-tv');
  });

  it("runs a supervisor's ticker message on the display until it is removed, and drops one when it expires", async () => {
    const supervisor = await login(e2e.hub, ...DEMO.supervisor);
    const ticker = display.getByTestId('display-ticker');
    const add = async (ar: string, en: string, minutes: number) => {
      const r = await call(e2e.hub, 'POST', '/api/hall/ticker', { cookie: supervisor, body: { ar, en, expiresAt: e2e.hub.clock.now() + minutes * 60_000 } });
      expect(r.status).toBe(201);
      return r.body.message.id as string;
    };
    const id = await add('الشباك 5 مغلق للصيانة', 'Counter 5 is closed for maintenance', 30);
    // On screen at once (a new broadcast does not wait for its turn), before the hall's standing message.
    await display.locator(`[data-testid="display-ticker"][data-key="live:${id}"]`).waitFor({ timeout: 5000 });
    expect(await ticker.innerText()).toContain('الشباك 5 مغلق للصيانة');
    expect(await ticker.innerText()).toContain('Counter 5 is closed for maintenance');
    expect(await ticker.getAttribute('data-count')).toBe('2');
    await display.locator('.ticker-msg').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished))); // its fade-in
    await screenshot(display, 'display-tv-ticker-broadcast');
    expect((await call(e2e.hub, 'POST', `/api/hall/ticker/${id}/remove`, { cookie: supervisor })).status).toBe(200);
    await display.locator(`[data-testid="display-ticker"][data-key="live:${id}"]`).waitFor({ state: 'detached', timeout: 5000 });
    expect(await ticker.innerText()).not.toContain('Counter 5 is closed');
    expect(await ticker.getAttribute('data-count')).toBe('1');

    // Expiry is judged on the hub's clock (the board follows it through its heartbeat).
    const brief = await add('تنبيه قصير', 'Short notice', 2);
    await display.locator(`[data-testid="display-ticker"][data-key="live:${brief}"]`).waitFor({ timeout: 5000 });
    e2e.hub.clock.advance(3 * 60_000);
    await display.locator(`[data-testid="display-ticker"][data-key="live:${brief}"]`).waitFor({ state: 'detached', timeout: 20_000 });
    expect(e2e.hub.hub.current.ticker[brief]).toBeDefined(); // still in the hall's state: gone from the board by its expiry alone
  });

  it('a supervisor closes a staffed counter: its terminal says who and why, and its ticket is back in the queue', async () => {
    // Counter 4 (in English) still holds the call made while the display was offline.
    const label = await currentLabel(c2);
    const held = Object.values(e2e.hub.hub.current.tickets).find((t) => t.label === label)!;
    expect(held.status).toBe('called');
    const supervisor = await login(e2e.hub, ...DEMO.supervisor);
    const r = await call(e2e.hub, 'POST', '/api/hall/counters/4/close', { cookie: supervisor, body: { reason: 'مطلوب في مكتب المشرف' } });
    expect(r.status).toBe(200);
    await c2.getByTestId('pick-notice').waitFor({ timeout: 5000 });
    expect(await c2.locator('.counter-app').getAttribute('data-phase')).toBe('pick');
    expect(await c2.getByTestId('pick-notice').innerText()).toMatch(/Counter 4 was closed by a supervisor: .*مطلوب في مكتب المشرف/);
    expect(await c2.getByTestId('counter-pick-4').getAttribute('data-open')).toBe('false');
    expect(e2e.hub.hub.current.tickets[held.id]).toMatchObject({ status: 'waiting', counter: null });
    await screenshot(c2, 'counter-en-closed-by-supervisor');
    await c2.getByTestId('lang-toggle').click();
    await c2.locator('.counter-app[data-lang="ar"]').waitFor();
    expect(await c2.getByTestId('pick-notice').innerText()).toContain('أغلق المشرف الشباك 4');
    await screenshot(c2, 'counter-ar-closed-by-supervisor');

    // Out of service: shown with its reason and not offered, until it is restored.
    expect((await call(e2e.hub, 'POST', '/api/hall/counters/6/out-of-service', { cookie: supervisor, body: { reason: 'Screen broken' } })).status).toBe(200);
    const out = c2.getByTestId('counter-pick-6');
    await c2.locator('[data-testid="counter-pick-6"][data-openable="false"]').waitFor({ timeout: 5000 });
    expect(await out.isDisabled()).toBe(true);
    expect(await out.innerText()).toContain('Screen broken');
    expect((await call(e2e.hub, 'POST', '/api/hall/counters/6/restore', { cookie: supervisor })).status).toBe(200);
    await c2.locator('[data-testid="counter-pick-6"][data-openable="true"]').waitFor({ timeout: 5000 });

    // Its holder opens it again and goes on.
    await c2.getByTestId('counter-pick-4').click();
    await c2.getByTestId('btn-call-next').waitFor();
  });

  it("a supervisor cancels a waiting ticket: its holder's phone says cancelled, and not why", async () => {
    const issued = await call(e2e.hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'family-members' } });
    expect(issued.status).toBe(201);
    const { page: holder } = await newPage(null, { width: 390, height: 844 });
    await holder.goto(`${e2e.hub.url}${issued.body.statusUrl}`);
    // Waiting, and near its turn already when few are ahead of it.
    await holder.locator('[data-testid="status-state"]:is([data-state="waiting"], [data-state="near"])').waitFor();
    const supervisor = await login(e2e.hub, ...DEMO.supervisor);
    const reason = 'Duplicate ticket of a citizen already served';
    const r = await call(e2e.hub, 'POST', `/api/hall/tickets/${issued.body.ticket.id}/cancel`, { cookie: supervisor, body: { reason } });
    expect(r.status).toBe(200);
    await holder.locator('[data-testid="status-state"][data-state="cancelled"]').waitFor({ timeout: 5000 });
    const page = await holder.locator('body').innerText();
    expect(page).toContain('أُلغيت هذه التذكرة');
    expect(page).not.toContain('Duplicate');
    await screenshot(holder, 'status-phone-cancelled');
  });

  it('a supervisor covers a break at an appointment counter: "call next" says which booking holds it and until when; others see whose it is', async () => {
    const cover = await counterTerminal('supervisor', 1, 'en', 'super123');
    expect(await cover.locator('.staff-name').innerText()).toBe('Ahmed Al-Mannai');
    expect(e2e.hub.hub.current.counters[1]).toMatchObject({ open: true });
    // Walk-ins wait, but the 09:10 booking can still arrive: the list says so before anyone presses.
    const hint = cover.getByTestId('holding-hint');
    await hint.waitFor();
    expect(await hint.innerText()).toMatch(/(Next booking 09:10 in \d+ min|The 09:10 booking may still arrive); “Call next” takes walk-ins from \d\d:\d\d\./);
    await cover.getByTestId('btn-call-next').click();
    const refusal = cover.getByTestId('action-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('WALKINS_HELD');
    expect(await cover.getByTestId('hold-words').innerText()).toBe((await hint.innerText()).replace(' You can call a ticket from the list.', ''));
    await shots(cover, 'held-for-booking');
    // Someone else who tries to open it hears whose counter it is.
    const other = await terminalLogin('admin', 'admin123');
    await other.getByTestId('counter-pick-1').click();
    const taken = other.getByTestId('open-error');
    await taken.waitFor();
    expect(await taken.getAttribute('data-code')).toBe('COUNTER_TAKEN');
    expect(await taken.innerText()).toContain('الشباك 1 مفتوح باسم \u2068أحمد المناعي\u2069');
    await shots(other, 'taken-by');
  });

  it('keeps the database and the screens in step', () => {
    const held = Object.values(e2e.hub.hub.current.counters)
      .filter((c) => c.currentTicketId)
      .map((c) => c.currentTicketId);
    expect(new Set(held).size).toBe(held.length);
    const stored = repo.listTicketsOfDay(e2e.hub.db, e2e.hub.hub.current.day);
    expect(stored.length).toBe(Object.keys(e2e.hub.hub.current.tickets).length);
  });
});
