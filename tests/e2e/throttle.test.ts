// A throttled login and kiosk PIN in Chromium: after wrong tries the hub answers 429 LOGIN_THROTTLED,
// and the staff login (ui-kit/login.tsx) and the kiosk's PIN pad count the wait down with the submit
// held, the typed username kept, then let the right one in. The wrong tries before are sent over
// REST from the same address (the hub's manual clock steps over the locks between them).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.ts';
import { e2eFile } from '../helpers/e2e.ts';
import { call, deviceToken } from '../helpers/hub.ts';

const e2e = e2eFile();

async function open(path: string, cookie: string | null): Promise<Page> {
  const context = await e2e.context(cookie, { width: 1280, height: 800 });
  const page = await context.newPage();
  await page.goto(`${e2e.hub.url}${path}`);
  return page;
}

/** Sends wrong tries until one is refused with a lock of `seconds` (the manual clock stepping over the shorter locks). */
async function failUntilLocked(seconds: number, wrongTry: () => Promise<{ status: number; body: any }>) {
  for (let round = 0; round < 30; round++) {
    const r = await wrongTry();
    if (r.status === 429) {
      const wait = r.body.error.details.retryAfterSeconds as number;
      if (wait >= seconds) return;
      e2e.hub.clock.advance(wait * 1000);
    }
  }
  throw new Error(`no lock of ${seconds} s after 30 wrong tries`);
}

const waitShown = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-wait'));

it('the staff login counts a throttled wait down, keeps the username, then lets the right password in', async () => {
  await failUntilLocked(4, () => call(e2e.hub, 'POST', '/api/auth/login', { body: { username: 'counter1', password: 'not-the-password' } }));
  const page = await open('/counter', null);
  await page.getByTestId('login-username').fill('counter1');
  await page.getByTestId('login-password').fill('counter123');
  await page.getByTestId('login-submit').click();
  const notice = page.locator('[data-testid="login-error"][data-code="LOGIN_THROTTLED"]');
  await notice.waitFor();
  const first = await waitShown(page, 'login-error');
  expect(first).toBeGreaterThanOrEqual(3);
  expect(first).toBeLessThanOrEqual(4);
  expect(await notice.innerText()).toContain('محاولات دخول خاطئة كثيرة');
  expect(await notice.innerText()).toContain(`0:0${first}`);
  expect(await page.getByTestId('login-username').inputValue()).toBe('counter1');
  await page.getByTestId('login-password').fill('counter123');
  expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
  await screenshot(page, 'login-throttled-ar');
  // It counts down in this browser's time…
  await page.waitForFunction((before) => Number(document.querySelector('[data-testid="login-error"]')?.getAttribute('data-wait')) < before, first);
  // …and when the wait is over (on the hub's clock too) the notice goes and the right password opens the screen.
  e2e.hub.clock.advance(first * 1000);
  await notice.waitFor({ state: 'detached', timeout: 10_000 });
  await page.getByTestId('login-submit').click();
  await page.getByTestId('counter-pick-3').waitFor();
});

it("the kiosk's PIN pad counts a throttled wait down with its keys held, then takes the right PIN", async () => {
  const token = deviceToken(e2e.hub, 'kiosk');
  await failUntilLocked(2, () => call(e2e.hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '0000' } }));
  const page = await open('/kiosk?idle=600000', `dor_device=${token}`);
  await page.getByTestId('start-walkin').waitFor();
  for (let i = 0; i < 5; i++) await page.getByTestId('staff-corner').click();
  for (const d of '1234') await page.getByTestId(`pin-${d}`).click();
  await page.getByTestId('pin-submit').click();
  await page.locator('[data-testid="pin-error"]:not([data-wait="0"])').waitFor();
  const first = await waitShown(page, 'pin-error');
  expect(first).toBeGreaterThanOrEqual(1);
  expect(await page.getByTestId('pin-error').innerText()).toContain('محاولات خاطئة كثيرة');
  expect(await page.getByTestId('pin-1').isDisabled()).toBe(true);
  await screenshot(page, 'kiosk-pin-throttled-ar');
  e2e.hub.clock.advance(first * 1000);
  await page.locator('[data-testid="pin-error"][data-wait="0"]').waitFor({ timeout: 10_000 });
  for (const d of '1234') await page.getByTestId(`pin-${d}`).click();
  await page.getByTestId('pin-submit').click();
  await page.getByTestId('staff-panel').waitFor();
});
