// What every e2e file shares: one hub and one Chromium, started before its tests and stopped after
// them, with every browser context the file opened through it (`context`, `track`).
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { contextWithCookie, launchBrowser } from './browser.ts';
import { startTestHub, type TestHub } from './hub.ts';

export interface E2eFile {
  /** The file's hub (set once its tests run). */
  readonly hub: TestHub;
  /** The file's browser (set once its tests run). */
  readonly browser: Browser;
  /** A new context carrying a device or session cookie (or none), closed after the file. */
  context(cookie: string | null, viewport: { width: number; height: number }): Promise<BrowserContext>;
  /** A context made another way, to be closed after the file. */
  track<C extends BrowserContext>(context: C): C;
}

/** Registers the file's hooks; `start` makes the hub (a seeded demo hall on the usual Thursday unless given). */
export function e2eFile(start: () => Promise<TestHub> = () => startTestHub()): E2eFile {
  let hub: TestHub | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    hub = await start();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.stop();
  });
  const file: E2eFile = {
    get hub() {
      if (!hub) throw new Error('the e2e hub is not started yet (use it inside a test or a hook)');
      return hub;
    },
    get browser() {
      if (!browser) throw new Error('the e2e browser is not started yet (use it inside a test or a hook)');
      return browser;
    },
    context: async (cookie, viewport) => file.track(await contextWithCookie(file.browser, file.hub.url, cookie, viewport)),
    track(context) {
      contexts.push(context);
      return context;
    },
  };
  return file;
}
