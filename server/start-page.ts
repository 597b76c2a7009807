// The hub's front door at `/`, Arabic first: what runs here and where each screen lives; in the demo,
// the logins, what each booked citizen would get at the kiosk right now, and, when the hall takes no
// appointments at this hour, how to start a demo day at its next opening instead.
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Settings } from '../protocol/domain.ts';
import { decide, type HallState, localDay, localInstant, localTime, nextDay, weekdayOf } from '../engine/index.ts';

export interface ScreenLink {
  path: string;
  en: string;
  ar: string;
  who: string;
  whoAr: string;
  demoPath?: string;
}

export const SCREENS: ScreenLink[] = [
  {
    path: '/kiosk',
    en: 'Check-in kiosk',
    ar: 'جهاز تسجيل الوصول',
    who: 'citizens (paired kiosk)',
    whoAr: 'المراجعون (جهاز مقترن)',
    demoPath: '/demo/open/kiosk',
  },
  {
    path: '/display',
    en: 'Hall display board',
    ar: 'شاشة القاعة',
    who: 'everyone waiting (paired display)',
    whoAr: 'المنتظرون في القاعة (شاشة مقترنة)',
    demoPath: '/demo/open/display',
  },
  { path: '/counter', en: 'Counter terminal', ar: 'شاشة الموظف', who: 'counter staff', whoAr: 'موظفو الكاونترات' },
  { path: '/booking', en: 'Call-center booking console', ar: 'حجز المواعيد', who: 'call-center agents', whoAr: 'موظفو مركز الاتصال' },
  { path: '/supervisor', en: 'Supervisor console', ar: 'لوحة المشرف', who: 'supervisors and admins', whoAr: 'المشرفون والمسؤولون' },
];

/** Appointment hours of a day: its schedule periods, none on a holiday or closure. */
const hoursOn = (db: Db, day: string) => (repo.getHoliday(db, day) ? [] : repo.schedulePeriodsOn(db, day, weekdayOf(day)));

/**
 * When no appointment hours are left today: the next opening (09:00 if the hall is open then, else
 * when it opens) within two weeks, as the instant to start a demo clock at; null while open.
 */
export function nextDemoDay(db: Db, settings: Settings, now: number): { day: string; time: string; start: string } | null {
  const tz = settings.timeZone;
  let day = localDay(now, tz);
  if (hoursOn(db, day).some((p) => p.endTime > localTime(now, tz))) return null;
  for (let i = 0; i < 14; i++) {
    day = nextDay(day);
    const periods = hoursOn(db, day).sort((a, b) => a.startTime.localeCompare(b.startTime));
    if (periods.length === 0) continue;
    const time = periods.some((p) => p.startTime <= '09:00' && '09:00' < p.endTime) ? '09:00' : periods[0]!.startTime;
    return { day, time, start: new Date(localInstant(day, time, tz)).toISOString() };
  }
  return null;
}

/** A CPR nobody booked with: what the kiosk says to a citizen without an appointment. */
export const UNKNOWN_DEMO_CPR = '900009999';

export interface DemoCitizen {
  cpr: string;
  reference: string | null;
  slot: string | null;
  serviceAr: string;
  serviceEn: string;
  /** What a check-in with this CPR would give at this moment, in both languages. */
  now: { ar: string; en: string };
}

/**
 * Today's bookings of the seeded demo citizens (fake CPRs; never one an agent typed) and one unknown
 * CPR, with what the kiosk would do for each right now: the engine's own check-in rule, decided on
 * the live state and thrown away.
 */
export function demoCitizens(state: HallState, now: number, demoCprs: readonly string[]): DemoCitizen[] {
  const demo = new Set(demoCprs);
  const tz = state.settings.timeZone;
  const outcome = (cpr: string): DemoCitizen['now'] => {
    const d = decide(state, { type: 'check_in', by: { cpr }, statusToken: 'start-page' }, now);
    if (!d.ok) {
      if (d.error.code === 'ALREADY_CHECKED_IN') return { ar: 'سجّل وصوله: يرى تذكرته', en: 'already checked in: sees the ticket' };
      if (d.error.code === 'NO_APPOINTMENT_TODAY') return { ar: 'لا موعد اليوم', en: 'no appointment today' };
      return { ar: d.error.message, en: d.error.message };
    }
    const c = d.checkIn!;
    if (c.outcome === 'checked_in') return { ar: 'في الموعد: يحصل على تذكرة موعد', en: 'on time: gets an appointment ticket' };
    if (c.outcome === 'late_converted') return { ar: 'متأخر: يحصل على تذكرة بدون موعد', en: 'late: gets a walk-in ticket' };
    if (c.outcome === 'too_early') {
      const at = localTime(c.comeBackAt, tz);
      return { ar: `مبكر: يعود الساعة ${at}`, en: `early: come back at ${at}` };
    }
    return { ar: 'فات الموعد', en: 'too late' };
  };
  const booked = Object.values(state.appointments)
    .filter((a) => a.status !== 'cancelled' && demo.has(a.cpr))
    .sort((a, b) => a.slotStart - b.slotStart || a.cpr.localeCompare(b.cpr));
  const seen = new Set<string>();
  const rows: DemoCitizen[] = [];
  for (const a of booked) {
    if (seen.has(a.cpr)) continue;
    seen.add(a.cpr);
    const service = state.services[a.serviceId];
    rows.push({
      cpr: a.cpr,
      reference: a.reference,
      slot: localTime(a.slotStart, tz),
      serviceAr: service?.nameAr ?? a.serviceId,
      serviceEn: service?.nameEn ?? a.serviceId,
      now: outcome(a.cpr),
    });
  }
  rows.push({ cpr: UNKNOWN_DEMO_CPR, reference: null, slot: null, serviceAr: '—', serviceEn: '—', now: outcome(UNKNOWN_DEMO_CPR) });
  return rows;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface DemoInfo {
  users: readonly { username: string; password: string; role: string }[];
  closedNow: ReturnType<typeof nextDemoDay>;
  citizens: DemoCitizen[];
}

/** Arabic, then English beside it. */
const both = (ar: string, en: string) => `<span lang="ar">${esc(ar)}</span> <span class="en" lang="en" dir="ltr">${esc(en)}</span>`;

const LOGIN_HEAD: readonly [string, string][] = [
  ['المستخدم', 'user'],
  ['كلمة المرور', 'password'],
  ['الدور', 'role'],
];
const HEAD: readonly [string, string][] = [
  ['الرقم الشخصي', 'CPR'],
  ['رقم الحجز', 'reference'],
  ['الموعد', 'slot'],
  ['الخدمة', 'service'],
  ['ما يحدث الآن', 'what happens now'],
];

export function startPage(settings: Settings, demo: DemoInfo | null): string {
  const rows = SCREENS.map((s) => {
    const target = demo && s.demoPath ? s.demoPath : s.path;
    return `<tr><td dir="ltr"><a href="${target}">${s.path}</a></td><td>${both(s.ar, s.en)}</td><td>${both(s.whoAr, s.who)}</td></tr>`;
  }).join('');
  const logins = demo
    ? `<h2>${both('دخول العرض التجريبي', 'Demo logins')}</h2>
<table><tr>${LOGIN_HEAD.map(([ar, en]) => `<th>${both(ar, en)}</th>`).join('')}</tr>${demo.users
        .map(
          (u) =>
            `<tr><td dir="ltr"><code>${esc(u.username)}</code></td><td dir="ltr"><code>${esc(u.password)}</code></td><td dir="ltr">${esc(u.role)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const citizens = demo
    ? `<h2>${both('مواعيد اليوم عند جهاز تسجيل الوصول الآن', "Today's bookings at the kiosk right now")}</h2>
<p>${both('اكتب الرقم الشخصي في الجهاز (أو امسح رقم الحجز):', 'Type the CPR at the kiosk (or scan the reference):')}</p>
<table data-testid="demo-citizens"><tr>${HEAD.map(([ar, en]) => `<th>${both(ar, en)}</th>`).join('')}</tr>${demo.citizens
        .map(
          (c) =>
            `<tr data-cpr="${esc(c.cpr)}"><td dir="ltr"><code>${esc(c.cpr)}</code></td><td dir="ltr"><code>${esc(c.reference ?? '—')}</code></td>` +
            `<td dir="ltr">${esc(c.slot ?? '—')}</td><td>${both(c.serviceAr, c.serviceEn)}</td><td>${both(c.now.ar, c.now.en)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const closed = demo?.closedNow;
  const demoDay = closed
    ? `<h2>${both('يوم تجريبي كامل', 'Play a whole demo day')}</h2><p data-testid="demo-day">
<span lang="ar">انتهت مواعيد اليوم، فلا يستطيع أصحاب المواعيد تسجيل الوصول الآن (بدون موعد ممكن).
لتجربة يوم كامل، شغّل قاعة تجريبية عند الافتتاح التالي:</span>
<span class="en" lang="en" dir="ltr">The hall takes no more appointments today, so booked citizens cannot check in now (walk-ins can).
To play a whole day — book at <code>/booking</code>, check in at the kiosk, serve at an appointment counter — start a demo hall at the next opening
(${esc(closed.day)} ${esc(closed.time)}, hall time) on a fresh database:</span></p>
<pre dir="ltr"><code>DOR_DB=data/demo-day.db DOR_CLOCK_START=${esc(closed.start)} npm start</code></pre>`
    : '';
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>دور — Dor — ${esc(settings.hallName.en)}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/start.css"></head>
<body><h1>دور <span class="en" lang="en" dir="ltr">Dor</span></h1>
<p>${both(settings.hallName.ar, settings.hallName.en)}</p>
<h2>${both('الشاشات', 'Screens')}</h2>
<table><tr><th>${both('العنوان', 'URL')}</th><th>${both('الشاشة', 'screen')}</th><th>${both('لمن', 'for')}</th></tr>${rows}</table>
${logins}
${citizens}
${demoDay}
<h2>${both('للفنيين', 'For technicians')}</h2>
<ul dir="ltr" lang="en"><li><a href="/healthz">/healthz</a> — readiness</li><li><a href="/metrics">/metrics</a> — Prometheus metrics</li>
<li>REST API under <code>/api</code>, Socket.IO at <code>/socket.io</code> (see docs/API.md)</li>
</ul>
</body></html>`;
}

/** The start page's style, served as /start.css (the CSP allows no inline style). */
export const START_PAGE_CSS = `
body{font-family:'Noto Naskh Arabic',system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1b2733;line-height:1.5}
h1{margin-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border-bottom:1px solid #d6dde4;padding:.5rem;text-align:start;vertical-align:top}
.en{color:#4a5a6a;font-family:system-ui,sans-serif}th .en,td .en,h2 .en,p .en{display:block;font-size:.9em;text-align:right}h2 .en{font-size:.75em}
code{background:#eef2f5;padding:0 .3rem;border-radius:3px}
pre{background:#eef2f5;padding:.6rem;border-radius:4px;overflow-x:auto}`;

/** The hub's icon: the Dor mark (a teal tile with دور), for browser tabs and bookmarks. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0b4a5f"/>' +
  '<rect x="8" y="50" width="48" height="5" rx="2.5" fill="#d9a441"/>' +
  '<text x="32" y="40" font-family="Noto Naskh Arabic, serif" font-size="28" font-weight="700" fill="#fff" text-anchor="middle">دور</text></svg>';
