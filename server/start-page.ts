// The hub's front door at `/`: what runs here and where each screen lives; in the demo, when the
// hall takes no appointments at this hour, how to start a demo day at its next opening instead.
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Settings } from '../protocol/domain.ts';
import { localDay, localInstant, localTime, nextDay, weekdayOf } from '../engine/time.ts';

export interface ScreenLink {
  path: string;
  en: string;
  ar: string;
  who: string;
  demoPath?: string;
}

export const SCREENS: ScreenLink[] = [
  { path: '/kiosk', en: 'Check-in kiosk', ar: 'جهاز تسجيل الوصول', who: 'citizens (paired kiosk)', demoPath: '/demo/open/kiosk' },
  { path: '/display', en: 'Hall display board', ar: 'شاشة القاعة', who: 'everyone waiting (paired display)', demoPath: '/demo/open/display' },
  { path: '/counter', en: 'Counter terminal', ar: 'شاشة الموظف', who: 'counter staff' },
  { path: '/booking', en: 'Call-center booking console', ar: 'حجز المواعيد', who: 'call-center agents' },
  { path: '/supervisor', en: 'Supervisor console', ar: 'لوحة المشرف', who: 'supervisors and admins' },
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

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface DemoInfo {
  users: readonly { username: string; password: string; role: string }[];
  closedNow: ReturnType<typeof nextDemoDay>;
}

export function startPage(settings: Settings, demo: DemoInfo | null): string {
  const rows = SCREENS.map((s) => {
    const target = demo && s.demoPath ? s.demoPath : s.path;
    return `<tr><td><a href="${target}">${s.path}</a></td><td>${esc(s.en)}</td><td lang="ar" dir="rtl">${esc(s.ar)}</td><td>${esc(s.who)}</td></tr>`;
  }).join('');
  const logins = demo
    ? `<h2>Demo logins</h2><table><tr><th>user</th><th>password</th><th>role</th></tr>${demo.users
        .map((u) => `<tr><td><code>${esc(u.username)}</code></td><td><code>${esc(u.password)}</code></td><td>${esc(u.role)}</td></tr>`)
        .join('')}</table>`
    : '';
  const closed = demo?.closedNow;
  const demoDay = closed
    ? `<h2>Play a whole demo day</h2><p data-testid="demo-day">The hall takes no more appointments today, so booked citizens cannot check in now (walk-ins can).
To play a whole day — book at <code>/booking</code>, check in at the kiosk, serve at an appointment counter — start a demo hall at the next opening
(${esc(closed.day)} ${esc(closed.time)}, hall time) on a fresh database:</p>
<pre><code>DOR_DB=data/demo-day.db DOR_CLOCK_START=${esc(closed.start)} npm start</code></pre>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dor — ${esc(settings.hallName.en)}</title>
<style>body{font-family:system-ui,'Noto Naskh Arabic',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b2733}
h1{margin-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #d6dde4;padding:.5rem;text-align:start}
.ar{font-size:1.4rem}code{background:#eef2f5;padding:0 .3rem;border-radius:3px}</style></head>
<body><h1>Dor <span class="ar" lang="ar">دور</span></h1>
<p>${esc(settings.hallName.en)} — <span lang="ar" dir="rtl">${esc(settings.hallName.ar)}</span></p>
<h2>Screens</h2><table><tr><th>URL</th><th>screen</th><th></th><th>for</th></tr>${rows}</table>
${logins}
${demoDay}
<h2>For technicians</h2><ul><li><a href="/healthz">/healthz</a> — readiness</li><li><a href="/metrics">/metrics</a> — Prometheus metrics</li>
<li>REST API under <code>/api</code>, Socket.IO at <code>/socket.io</code> (see docs/API.md)</li></ul>
</body></html>`;
}
