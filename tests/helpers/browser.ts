// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
// closed network needs (one definition with the dev screenshot scripts: tools/screenshots/shots.ts);
// screenshots go to test-artifacts/ for people to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tools/screenshots/shots.ts';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Sound allowed without a tap, as on the hall TV (the display's announcements are tested). */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium({ autoplay: true });
}

/** A browser context that already carries a device or session cookie for the hub. */
export async function contextWithCookie(
  browser: Browser,
  hubUrl: string,
  cookie: string | null,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'ar-BH' });
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: hubUrl, httpOnly: true, sameSite: 'Strict' }]);
  }
  return context;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
