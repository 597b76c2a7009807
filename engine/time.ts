// Local calendar arithmetic of the hall's time zone (Asia/Bahrain by default), from the zone's UTC
// offset at an instant: Intl's zone data through @date-fns/tz's tzOffset, imported from its own
// entry (the package's index brings its TZDate classes, 1.3 KB gzip on the kiosk's first screen).
import { tzOffset } from '@date-fns/tz/tzOffset';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The hall's wall clock at instant `ms`: a Date whose UTC fields read the local date and time. */
const wallClock = (ms: number, timeZone: string) => new Date(ms + tzOffset(timeZone, new Date(ms)) * 60_000);

/** localDay's last answer, for its whole second: every command asks it, and a busy hall runs many a second. */
const lastDay = { second: Number.NaN, timeZone: '', day: '' };

/** The hall's local calendar date (YYYY-MM-DD) at instant `ms`. */
export function localDay(ms: number, timeZone: string): string {
  // Zone offsets are whole seconds: the date is the same throughout a second.
  const second = Math.floor(ms / 1000);
  if (second === lastDay.second && timeZone === lastDay.timeZone) return lastDay.day;
  const d = wallClock(ms, timeZone);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  Object.assign(lastDay, { second, timeZone, day });
  return day;
}

/** The hall's local time of day (HH:MM) at instant `ms`. */
export function localTime(ms: number, timeZone: string): string {
  const d = wallClock(ms, timeZone);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * The instant of local `day` at `time` (HH:MM) in the hall's time zone: the wall time read as UTC,
 * less the offset in force then (guessed with the offset at the wall time read as UTC, then taken
 * at the guess, so a daylight-saving change between the two is followed). A wall time that a clock
 * change skips reads at neither guess: it is the later one, as the clock reads after the change
 * (as @date-fns/tz's TZDate has it).
 */
export function localInstant(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - tzOffset(timeZone, new Date(wall)) * 60_000;
  const second = wall - tzOffset(timeZone, new Date(first)) * 60_000;
  return wallClock(second, timeZone).getTime() === wall ? second : Math.max(first, second);
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
