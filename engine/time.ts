// Local calendar arithmetic of the hall's time zone (Asia/Bahrain by default).
import { TZDate } from '@date-fns/tz';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** localDay's last answer, for its whole second: every command asks it, and a busy hall runs many a second. */
const lastDay = { second: Number.NaN, timeZone: '', day: '' };

/** The hall's local calendar date (YYYY-MM-DD) at instant `ms`. */
export function localDay(ms: number, timeZone: string): string {
  // Zone offsets are whole seconds: the date is the same throughout a second.
  const second = Math.floor(ms / 1000);
  if (second === lastDay.second && timeZone === lastDay.timeZone) return lastDay.day;
  const d = new TZDate(ms, timeZone);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  Object.assign(lastDay, { second, timeZone, day });
  return day;
}

/** The hall's local time of day (HH:MM) at instant `ms`. */
export function localTime(ms: number, timeZone: string): string {
  const d = new TZDate(ms, timeZone);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant of local `day` at `time` (HH:MM) in the hall's time zone. */
export function localInstant(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, timeZone).getTime();
}

/** Weekday of a local date, 0 = Sunday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The local date after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** When the hall opens on a day: the local time (HH:MM) and its instant. */
export interface Opening {
  opens: string;
  at: number;
}

/** The hall's opening on `day` by its weekly opening hours; null on a closed weekday. */
export function openingOn(day: string, hours: readonly { weekday: number; opens: string }[], timeZone: string): Opening | null {
  const today = hours.find((h) => h.weekday === weekdayOf(day));
  return today ? { opens: today.opens, at: localInstant(day, today.opens, timeZone) } : null;
}
