// The first run of a real hall (DOR_DEMO=0): until an enabled admin exists, the hub holds a
// one-time setup token (only its hash is stored; the link is written to the log at start) and
// every screen page says the hall is not set up yet instead of failing.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import { matchesPage, PAGES } from '../ui-kit/pages.ts';
import { newToken, sha256 } from './auth.ts';
import { SCREENS } from './start-page.ts';

/** A hall needs its first run while it has no enabled admin. */
export const setupNeeded = (db: Db): boolean => repo.countEnabledAdmins(db) === 0;

/** A new setup token (256 bits) replacing any earlier one, while setup is needed; null once the hall has an admin. */
export function issueSetupToken(db: Db): string | null {
  if (!setupNeeded(db)) return null;
  const token = newToken();
  repo.saveSetupTokenHash(db, sha256(token));
  return token;
}

export function setupTokenMatches(db: Db, token: string): boolean {
  const stored = repo.loadSetupTokenHash(db);
  return stored !== null && timingSafeEqual(Buffer.from(stored), Buffer.from(sha256(token)));
}

/** Every screen's page (and the start page) but the setup page itself. */
const SCREEN_PAGES = [
  ...PAGES.filter((p) => p.path !== '/setup'),
  ...SCREENS.filter((s) => !PAGES.some((p) => p.path === s.path)).map((s) => ({ name: s.path, path: s.path, html: '', summary: '' })),
  { name: 'start', path: '/', html: '', summary: '' },
];

/** Answers every screen page with the not-set-up page while the hall needs its first run. */
export function setupGate(db: Db): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !SCREEN_PAGES.some((p) => matchesPage(p, req.url)) || !setupNeeded(db)) return next();
    res.status(503).set('cache-control', 'no-store').type('html').send(NOT_SET_UP_PAGE);
  };
}

/** The not-set-up page's style, served as /not-set-up.css (the CSP allows no inline style). */
export const NOT_SET_UP_CSS = `
body{font-family:'Noto Naskh Arabic',system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#eef2f5;color:#0e1c2b}
main{max-width:44rem;margin:2rem;padding:2.4rem;background:#fff;border-radius:18px;border-top:6px solid #b8892d;box-shadow:0 4px 14px rgb(14 28 43/.08)}
h1{font-size:2.1rem;margin:0 0 .6rem}p{font-size:1.25rem;line-height:1.6;margin:0 0 .6rem;color:#3b4b5c}
section+section{margin-top:1.6rem;padding-top:1.4rem;border-top:1px solid #c9d3dc}
code{direction:ltr;unicode-bidi:isolate;white-space:nowrap;background:#eef2f5;padding:0 .3rem;border-radius:4px}`;

// Unattended screens (kiosk, display) reload every 30 s, so they come up by themselves once the hall is set up.
const NOT_SET_UP_PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="30"><title>دور — لم يتم الإعداد / Dor — not set up</title>
<link rel="stylesheet" href="/not-set-up.css"></head>
<body><main data-testid="not-set-up">
<section lang="ar" dir="rtl"><h1>لم يتم إعداد هذه القاعة بعد</h1>
<p>يفتح مشرف النظام رابط الإعداد من سجل الخادم (السطر الذي فيه <code>/setup?token=</code>) ويُدخل اسم القاعة وحساب المشرف الأول.</p>
<p>ستعمل هذه الشاشة تلقائيًا بعد الإعداد.</p></section>
<section lang="en" dir="ltr"><h1>This hall is not set up yet</h1>
<p>An administrator opens the setup link from the hub’s log (the line with <code>/setup?token=</code>)
and enters the hall’s name and the first admin account.</p>
<p>This screen will start by itself once that is done.</p></section>
</main></body></html>`;
