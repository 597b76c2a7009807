// The hub's security headers on every kind of reply (its own pages, a screen, the API, a style
// file): a strict Content-Security-Policy — nothing inline, no eval, everything from the hub — and
// helmet's other headers; and the pages themselves carry nothing inline the policy would refuse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES } from '../../ui-kit/pages.ts';
import { call, startTestHub, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
let realHall: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  realHall = await startTestHub({ realHall: true });
});
afterAll(async () => {
  await hub.stop();
  await realHall.stop();
});

/** A CSP header as directive → its sources. */
const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...sources]) => [name, sources]),
  );

/** Inline script or style, an inline event handler or a style="" attribute: what the CSP refuses. */
const INLINE = /<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=/i;

describe('headers', () => {
  it('sends the strict policy and helmet’s headers on pages, screens, the API and style files', async () => {
    for (const path of ['/', '/kiosk', '/t/some-token', '/api/auth/me', '/start.css', '/healthz']) {
      const r = await call(hub, 'GET', path);
      const csp = r.headers.get('content-security-policy');
      expect(csp, path).not.toBeNull();
      expect(Object.fromEntries(directives(csp!)), path).toEqual({
        'default-src': ["'self'"],
        'connect-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'style-src-attr': ["'none'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      });
      expect(csp, path).not.toMatch(/unsafe|https:|upgrade-insecure-requests/);
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(r.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      // Plain HTTP on the hall's LAN: no HSTS; and no advertising of the server.
      expect(r.headers.get('strict-transport-security'), path).toBeNull();
      expect(r.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('nothing inline', () => {
  it('the start page and the not-set-up page link their styles, which the hub serves', async () => {
    const start = await call(hub, 'GET', '/');
    expect(start.body).toContain('<link rel="stylesheet" href="/start.css">');
    const notSetUp = await call(realHall, 'GET', '/kiosk');
    expect(notSetUp.status).toBe(503);
    expect(notSetUp.body).toContain('<link rel="stylesheet" href="/not-set-up.css">');
    for (const [page, served] of [
      [start.body, hub],
      [notSetUp.body, realHall],
    ] as const) {
      expect(page).not.toMatch(INLINE);
      const css = await call(served, 'GET', page.match(/href="(\/[a-z-]+\.css)"/)![1]!);
      expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
      expect(css.body).toContain('font-family');
    }
  });

  it('no screen’s HTML entry holds inline script or style', () => {
    for (const p of PAGES) {
      const html = readFileSync(join(import.meta.dirname, '..', '..', p.html), 'utf8');
      expect(html, p.html).toContain('<script type="module" src=');
      expect(html, p.html).not.toMatch(INLINE);
    }
  });
});
