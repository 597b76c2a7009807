// Node only (no screen imports it): the browser side of the screenshot scripts in this folder
// (kiosk.ts, display.ts, counter.ts, booking.ts, supervisor.ts; run.ts runs them all), and the one definition of how Dor
// launches Chromium, shared with the e2e tests (tests/helpers/browser.ts).
//
// - `launchChromium()`: Debian's Chromium driven by playwright-core (never a downloaded browser),
//   with the flags this closed network needs.
// - `newShotContext()`: a browser context whose pages can run functions evaluated from a tsx script.
// - `ShotRun`: the screenshots and problems of one run: page errors, screenshots, a layout check
//   (clipped, overflowing and overlapping content) with each screen's own rules, and the report.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Chromium's flags on the hall's closed network: no sandbox or GPU, nothing phoning home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Sound without a tap first, as on the hall TV (the display board's announcements). */
export const AUTOPLAY_FLAG = '--autoplay-policy=no-user-gesture-required';

export function launchChromium(opts: { autoplay?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: opts.autoplay ? [...CHROMIUM_FLAGS, AUTOPLAY_FLAG] : [...CHROMIUM_FLAGS],
  });
}

/**
 * A browser context whose pages tolerate tsx's `__name` helper: tsx keeps the names of the
 * functions inside a `page.evaluate` callback with a helper that the page does not have.
 */
export async function newShotContext(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(opts);
  await context.addInitScript('window.__name = window.__name || ((f) => f)');
  return context;
}

/** What a screen's layout check looks at; plain data, handed to the page. */
export interface LayoutRules {
  /** Elements matching this, or inside a match, are not checked (e.g. 'svg'). */
  skip: string;
  /** Check elements hidden with `visibility` or `display` too (by default they are passed over). */
  checkHidden?: boolean;
  /** A box that scrolls (overflow auto or scroll) counts as clipped too: nobody scrolls a wall screen. */
  scrollingIsClipping?: boolean;
  /** Text cut with `text-overflow: ellipsis` (or lines cut by `-webkit-line-clamp`) is not clipped. */
  ellipsisOk?: boolean;
  /** Boxes whose content must stay inside them, and the descendants not to check there. */
  containers: string;
  containerSkip: string;
  /** Boxes whose laid-out children must not overlap by more than `stackSlack` px (1). */
  stacks: string;
  stackSlack?: number;
  /** Absolutely positioned children of those boxes may overlap (true). */
  absoluteMayOverlap?: boolean;
  /** Also report a child's own children spilling out of it (text running into the next line). */
  spills?: boolean;
  /** Buttons smaller than this many px either way, except inside `touchSkip`. */
  minTouch?: number;
  touchSkip?: string;
}

/** Finds clipped, overflowing and overlapping content on the page's current screen. */
export async function checkLayout(page: Page, rules: LayoutRules): Promise<string[]> {
  return page.evaluate((rules) => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls ? `.${cls}` : ''}`;
    };
    const scrolls = (overflow: string) => !rules.scrollingIsClipping && /(auto|scroll)/.test(overflow);
    const de = document.documentElement;
    if (de.scrollWidth > vw + 1 || de.scrollHeight > vh + 1) out.push(`page scrolls: ${de.scrollWidth}×${de.scrollHeight}`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.closest(rules.skip)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (!rules.checkHidden && (style.visibility === 'hidden' || style.display === 'none')) continue;
      if (r.right > vw + 1 || r.bottom > vh + 1 || r.left < -1 || r.top < -1) {
        out.push(`outside the viewport: ${name(el)} (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})`);
        continue;
      }
      const he = el as HTMLElement;
      // Lines cut by -webkit-line-clamp end in an ellipsis, like text-overflow: ellipsis on one line.
      const clamped = rules.ellipsisOk && (style as CSSStyleDeclaration & { webkitLineClamp: string }).webkitLineClamp !== 'none';
      if (!clamped && !scrolls(style.overflowY) && style.overflowY !== 'visible' && he.scrollHeight > he.clientHeight + 2 && he.clientHeight > 0) {
        out.push(`clipped vertically: ${name(el)} (${he.scrollHeight} > ${he.clientHeight})`);
      }
      const ellipsis = rules.ellipsisOk && style.textOverflow === 'ellipsis';
      if (!ellipsis && !scrolls(style.overflowX) && style.overflowX !== 'visible' && he.scrollWidth > he.clientWidth + 2 && he.clientWidth > 0) {
        out.push(`clipped horizontally: ${name(el)} (${he.scrollWidth} > ${he.clientWidth})`);
      }
      // Children sticking out of a button, a card, a panel…
      if (el.matches(rules.containers)) {
        for (const child of Array.from(el.querySelectorAll('*'))) {
          if (child.closest(rules.containerSkip)) continue;
          const c = child.getBoundingClientRect();
          if (c.width === 0 || c.height === 0) continue;
          if (c.left < r.left - 1 || c.right > r.right + 1 || c.top < r.top - 1 || c.bottom > r.bottom + 1)
            out.push(`sticks out of ${name(el)}: ${name(child)}`);
        }
      }
    }
    // Stacked or side-by-side pieces of one box must not overlap.
    const slack = rules.stackSlack ?? 1;
    for (const box of Array.from(document.querySelectorAll(rules.stacks))) {
      const kids = Array.from(box.children).filter((k) => {
        const r = k.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && (rules.absoluteMayOverlap === false || getComputedStyle(k).position !== 'absolute');
      });
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          const a = kids[i]!.getBoundingClientRect();
          const c = kids[j]!.getBoundingClientRect();
          const ox = Math.min(a.right, c.right) - Math.max(a.left, c.left);
          const oy = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
          if (ox > slack && oy > slack) out.push(`overlap in ${name(box)}: ${name(kids[i]!)} / ${name(kids[j]!)}`);
        }
      }
      if (!rules.spills) continue;
      // Text inside a child running past the child's own box.
      for (const k of kids) {
        const he = k as HTMLElement;
        if (he.scrollHeight > he.clientHeight + 2 && he.clientHeight > 0 && getComputedStyle(he).overflowY === 'visible' && k.children.length) {
          const kr = k.getBoundingClientRect();
          for (const g of Array.from(k.children)) {
            const gr = g.getBoundingClientRect();
            if (getComputedStyle(g).display === 'inline') continue; // inline boxes are as tall as the font, not the line
            if (gr.height > 0 && (gr.bottom > kr.bottom + 1 || gr.top < kr.top - 1)) out.push(`spills out of ${name(k)}: ${name(g)}`);
          }
        }
      }
    }
    // Touch targets.
    if (rules.minTouch) {
      for (const b of Array.from(document.querySelectorAll('button'))) {
        const r = b.getBoundingClientRect();
        if (r.width === 0) continue;
        if (rules.touchSkip && b.closest(rules.touchSkip)) continue;
        if (r.height < rules.minTouch - 0.5 || r.width < rules.minTouch - 0.5)
          out.push(`touch target under ${rules.minTouch} px: ${name(b)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return Array.from(new Set(out));
  }, rules);
}

/** One run of a screenshot script: the screenshots it wrote to `out` and the problems it found. */
export class ShotRun {
  readonly problems: string[] = [];
  readonly written: string[] = [];

  constructor(readonly out: string) {
    mkdirSync(out, { recursive: true });
  }

  /** Records the page's uncaught errors (and, with `console`, its console errors) as problems. */
  watch(page: Page, opts: { label?: string; console?: boolean } = {}): void {
    const at = opts.label ? `${opts.label}: ` : '';
    page.on('pageerror', (e) => this.problems.push(`${at}page error: ${e.message}`));
    if (opts.console) {
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) this.problems.push(`${at}console error: ${m.text()}`);
      });
    }
  }

  /** Writes `<out>/<label>.png`. */
  async screenshot(page: Page, label: string): Promise<void> {
    const path = join(this.out, `${label}.png`);
    await page.screenshot({ path });
    this.written.push(path);
  }

  /** Checks the layout; each finding becomes a problem "<label>: …". */
  async audit(page: Page, label: string, rules: LayoutRules): Promise<void> {
    for (const f of await checkLayout(page, rules)) this.problems.push(`${label}: ${f}`);
  }

  /** Once the fonts are in and the screen has settled: the screenshot, then the layout check. */
  async shot(page: Page, label: string, rules: LayoutRules, settleMs: number): Promise<void> {
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(settleMs);
    await this.screenshot(page, label);
    await this.audit(page, label, rules);
  }

  /** Prints what was written and what was found; any problem makes the exit code 1. */
  report(allClear: string, opts: { list?: boolean } = {}): void {
    if (opts.list) console.log(this.written.join('\n'));
    console.log(`\n${this.written.length} screenshots in ${this.out}`);
    if (this.problems.length) {
      console.log(`\n${this.problems.length} problem(s):`);
      for (const p of this.problems) console.log(`  - ${p}`);
      process.exitCode = 1;
    } else {
      console.log(allClear);
    }
  }
}
