// The kiosk's accessibility in Chromium against a real hub: "read aloud" (which clips are played, in
// which order, on the start screen and after a ticket; a press while speaking stops it; the idle
// reset stops it), and the reach zone of a 1080×1920 floor kiosk: on every citizen's screen, in both
// languages, each visible button lies in the lower two thirds (top ≥ 640 px), none overlaps
// another, and each one's text fits inside it.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import type { ReadAloudPiece } from '../../kiosk-ui/read-aloud.ts';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, DEMO, deviceToken, login } from '../helpers/hub.ts';

const PORTRAIT = { width: 1080, height: 1920 };
/** The lower two thirds of a 1920 px tall kiosk start here. */
const REACH_TOP = 640;

const e2e = e2eFile();
let kioskCookie: string;

beforeAll(async () => {
  kioskCookie = `dor_device=${deviceToken(e2e.hub, 'kiosk')}`;
}, 60_000);

async function kioskPage(query = 'idle=600000'): Promise<Page> {
  const context = await e2e.context(kioskCookie, PORTRAIT);
  const page = await context.newPage();
  await page.goto(`${e2e.hub.url}/kiosk?${query}`);
  await page.getByTestId('start-walkin').waitFor();
  return page;
}

const pieces = (page: Page) => page.evaluate(() => window.__readAloud ?? []);

/** Waits for the n-th piece (0-based) to end, and returns it. */
async function pieceEnded(page: Page, n: number): Promise<ReadAloudPiece> {
  await page.waitForFunction((i) => window.__readAloud?.[i]?.endedAt !== undefined, n, { timeout: 30_000 });
  return (await pieces(page))[n]!;
}

describe('read aloud', () => {
  it('says the start screen, then the ticket by itself after printing; a press while speaking stops it', async () => {
    const page = await kioskPage();
    const button = page.getByTestId('read-aloud');
    // The voice is a lazy chunk: nothing of it before the first press.
    expect(await page.evaluate(() => window.__readAloud)).toBeUndefined();
    await button.click();
    await page.locator('[data-testid="read-aloud"][aria-pressed="true"]').waitFor();
    const start = await pieceEnded(page, 0);
    expect(start).toMatchObject({ screen: 'start', audible: true, stopped: false });
    expect(start.played).toEqual(['ar-kiosk-welcome', 'ar-kiosk-start', 'en-kiosk-welcome', 'en-kiosk-start']);
    expect(start.startedAt).toBeGreaterThan(0);
    // The whole of both sentences in both languages: seconds, not a blip.
    expect(start.endedAt! - start.startedAt!).toBeGreaterThan(5000);
    await page.locator('[data-testid="read-aloud"][aria-pressed="false"]').waitFor();

    await page.getByTestId('start-walkin').click();
    await page.getByTestId('service-new-application').click();
    await page.getByTestId('priority-none').click();
    const label = (await page.getByTestId('ticket-number').innerText()).trim();
    expect(label).toMatch(/^B-0*(\d+)$/);
    const n = Number(label.split('-')[1]);
    expect(n).toBeLessThan(20); // said as one number clip in each language
    // The citizen used the voice: the ticket is read by itself. Pressed while it speaks: it stops.
    await page.waitForFunction(() => window.__readAloud?.[1]?.startedAt !== undefined, null, { timeout: 15_000 });
    await button.click();
    const stopped = await pieceEnded(page, 1);
    expect(stopped).toMatchObject({ screen: 'ticket', stopped: true });
    expect(stopped.endedAt! - stopped.startedAt!).toBeLessThan(3000);
    await page.locator('[data-testid="read-aloud"][aria-pressed="false"]').waitFor();
    // Pressed again: the ticket from the start — its number, then where to look, Arabic then English.
    await button.click();
    const ticket = await pieceEnded(page, 2);
    expect(ticket).toMatchObject({ screen: 'ticket', audible: true, stopped: false });
    expect(ticket.played).toEqual([
      'ar-kiosk-yourNumber',
      'ar-letter-b',
      `ar-n${n}`,
      'ar-kiosk-watchScreen',
      'en-kiosk-yourNumber',
      'en-letter-b',
      `en-n${n}`,
      'en-kiosk-watchScreen',
    ]);
    expect(await pieces(page)).toHaveLength(3);
  });

  it('the idle reset stops it, and a new screen silences the last one', async () => {
    const page = await kioskPage('idle=1500');
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('read-aloud').click();
    // Welcome + the start sentence in both languages last far longer than the 1.5 s idle time.
    const piece = await pieceEnded(page, 0);
    expect(piece).toMatchObject({ screen: 'start', stopped: true });
    await page.locator('html[lang="ar"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('false');

    const calm = await kioskPage();
    await calm.getByTestId('read-aloud').click();
    await calm.waitForFunction(() => window.__readAloud?.[0]?.startedAt !== undefined);
    await calm.getByTestId('start-appointment').click();
    expect(await pieceEnded(calm, 0)).toMatchObject({ screen: 'start', stopped: true });
    // Not read by itself: only the ticket is.
    await calm.waitForTimeout(500);
    expect(await pieces(calm)).toHaveLength(1);
  });
});

interface ButtonBox {
  id: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Its text and icons stay inside it. */
  fits: boolean;
  /** Nothing covers any part of it (a tile scrolled half out of its list is partly covered). */
  whole: boolean;
}

/** Every button a citizen can see and press (the hidden staff corner is none). */
function visibleButtons(page: Page): Promise<ButtonBox[]> {
  return page.evaluate(() => {
    const out: ButtonBox[] = [];
    for (const b of document.querySelectorAll<HTMLButtonElement>('button')) {
      if (b.getAttribute('aria-hidden') === 'true') continue;
      // Its box as far as it shows: cut by every scrolling or clipping box around it (the service list).
      const box = b.getBoundingClientRect();
      const r = { left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: 0, height: 0 };
      for (let p = b.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = p.getBoundingClientRect();
        r.left = Math.max(r.left, clip.left);
        r.top = Math.max(r.top, clip.top);
        r.right = Math.min(r.right, clip.right);
        r.bottom = Math.min(r.bottom, clip.bottom);
      }
      r.width = Math.max(0, r.right - r.left);
      r.height = Math.max(0, r.bottom - r.top);
      const hits = (x: number, y: number) => {
        const el = document.elementFromPoint(x, y);
        return el !== null && b.contains(el);
      };
      if (r.width === 0 || !hits(r.left + r.width / 2, r.top + r.height / 2)) continue;
      const inset = 3;
      out.push({
        id: b.dataset.testid ?? b.textContent!.trim(),
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        fits: b.scrollWidth <= b.clientWidth + 1 && b.scrollHeight <= b.clientHeight + 1,
        // The middle of each edge (a corner may be rounded off, and hit-testing follows the rounding).
        whole: [
          [r.left + r.width / 2, r.top + inset],
          [r.left + r.width / 2, r.bottom - inset],
          [r.left + inset, r.top + r.height / 2],
          [r.right - inset, r.top + r.height / 2],
        ].every(([x, y]) => hits(x!, y!)),
      });
    }
    return out;
  });
}

async function expectInReach(page: Page, screen: string, mustHave: string[]) {
  // The layout settles (fonts, the live feed's tiles) before it is measured.
  await page.waitForTimeout(200);
  await screenshot(page, `kiosk-reach-${screen}`);
  const buttons = await visibleButtons(page);
  const ids = buttons.map((b) => b.id);
  for (const id of ['lang-toggle', 'large-text-toggle', 'contrast-toggle', 'read-aloud', ...mustHave]) expect(ids, `${screen}: ${id}`).toContain(id);
  for (const b of buttons) {
    expect(b.top, `${screen}: ${b.id} top`).toBeGreaterThanOrEqual(REACH_TOP);
    expect(b.bottom, `${screen}: ${b.id} bottom`).toBeLessThanOrEqual(PORTRAIT.height);
    expect(b.fits, `${screen}: ${b.id} text fits`).toBe(true);
    // Only a tile of a long list may be half scrolled out of sight.
    if (!b.id.startsWith('service-')) expect(b.whole, `${screen}: ${b.id} uncovered`).toBe(true);
  }
  for (const [i, a] of buttons.entries())
    for (const b of buttons.slice(i + 1)) {
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      expect(overlap, `${screen}: ${a.id} overlaps ${b.id}`).toBe(false);
    }
}

describe.each(['ar', 'en'] as const)('reach zone at 1080×1920 in %s', (lang) => {
  let cprSeq = lang === 'ar' ? 720000000 : 730000000;

  async function page() {
    const p = await kioskPage();
    if (lang === 'en') await p.getByTestId('lang-toggle').click();
    await p.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    return p;
  }

  it('walk-in: start, service pick, priority, phone, ticket', async () => {
    const p = await page();
    await expectInReach(p, `${lang}-start`, ['start-appointment', 'start-walkin']);
    await p.getByTestId('start-walkin').click();
    await p.getByTestId('service-new-application').waitFor();
    await expectInReach(p, `${lang}-services`, ['back', 'service-new-application']);
    // At the usual text size every service the kiosk offers is in sight, none behind a scroll.
    const tiles = (await visibleButtons(p)).filter((b) => b.id.startsWith('service-'));
    expect(
      tiles.map((t) => [t.id, t.whole]),
      `${lang}: the service tiles`,
    ).toEqual((await p.locator('.tile').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!))).map((id) => [id, true]));
    expect(tiles).toHaveLength(Object.values(e2e.hub.hub.current.services).filter((s) => s.kioskVisible && s.active).length);
    await p.getByTestId('service-new-application').click();
    await expectInReach(p, `${lang}-priority`, ['back', 'priority-elderly', 'priority-disability', 'priority-pregnancy', 'phone-add', 'priority-none']);
    await p.getByTestId('phone-add').click();
    await expectInReach(p, `${lang}-phone`, ['back', 'phone-key-1', 'phone-key-0', 'phone-done', 'phone-skip']);
    await p.getByTestId('phone-skip').click();
    await p.getByTestId('priority-none').click();
    await p.getByTestId('ticket-number').waitFor();
    await expectInReach(p, `${lang}-ticket`, ['ticket-done']);
  });

  it('appointment: the CPR keypad, the checked-in ticket, and a message', async () => {
    const cookie = await login(e2e.hub, ...DEMO.agent);
    const cpr = String(++cprSeq);
    const r = await call(e2e.hub, 'POST', '/api/appointments', {
      cookie,
      body: {
        serviceId: 'update-details',
        day: e2e.hub.hub.current.day,
        time: lang === 'ar' ? '09:15' : '09:30',
        cpr,
        phone: '36001234',
        nameAr: 'سارة أحمد',
        nameEn: 'Sara Ahmed',
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const p = await page();
    await p.getByTestId('start-appointment').click();
    for (const d of cpr.slice(0, 5)) await p.getByTestId(`keypad-${d}`).click();
    await expectInReach(p, `${lang}-appointment`, ['back', 'keypad-1', 'keypad-0', 'keypad-clear', 'keypad-back', 'cpr-show', 'cpr-submit']);
    for (const d of cpr.slice(5)) await p.getByTestId(`keypad-${d}`).click();
    await p.getByTestId('cpr-submit').click();
    await p.getByTestId('ticket-number').waitFor();
    expect(repo.getAppointment(e2e.hub.db, r.body.appointment.id)!.status).toBe('checked_in');
    await expectInReach(p, `${lang}-checked-in`, ['ticket-done']);
    // Done resets the kiosk to Arabic for the next citizen.
    await p.getByTestId('ticket-done').click();
    if (lang === 'en') await p.getByTestId('lang-toggle').click();
    await p.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    await p.getByTestId('start-appointment').click();
    for (const d of '123456789') await p.getByTestId(`keypad-${d}`).click();
    await p.getByTestId('cpr-submit').click();
    await p.getByTestId('message-walkin').waitFor();
    await expectInReach(p, `${lang}-no-appointment`, ['message-walkin', 'message-done']);
  });
});

describe.each(['ar', 'en'] as const)('reach zone at 1080×1920 with large text in %s', (lang) => {
  it('start, service pick, priority, the CPR keypad', async () => {
    const p = await kioskPage();
    if (lang === 'en') await p.getByTestId('lang-toggle').click();
    await p.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    await p.getByTestId('large-text-toggle').click();
    await p.locator('html.text-large').waitFor({ state: 'attached' });
    await expectInReach(p, `${lang}-large-start`, ['start-appointment', 'start-walkin']);
    await p.getByTestId('start-walkin').click();
    await p.getByTestId('service-new-application').waitFor();
    await expectInReach(p, `${lang}-large-services`, ['back', 'service-new-application']);
    await p.getByTestId('service-new-application').click();
    await expectInReach(p, `${lang}-large-priority`, ['back', 'priority-elderly', 'priority-none']);
    await p.getByTestId('back').click();
    await p.getByTestId('back').click();
    await p.getByTestId('start-appointment').click();
    await expectInReach(p, `${lang}-large-appointment`, ['back', 'keypad-1', 'keypad-0', 'cpr-submit']);
  });
});
