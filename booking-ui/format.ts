// Dates and times on the console, always in the hall's time zone (the hub's settings), so an
// agent in another zone still reads the hall's local times.
import { digits, formatTime, type Lang } from '../ui-kit/i18n.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f;
}
const locale = (lang: Lang) => (lang === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB');

/** "Thu 26 Nov" for a calendar day (YYYY-MM-DD): a date, not an instant, so no zone applies. */
export function shortDay(day: string, lang: Lang): string {
  const f = format(`day|${lang}`, () => new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }));
  return f.format(Date.parse(`${day}T12:00:00Z`));
}

/** "26 Nov 2026" for an instant, on the hall's calendar. */
export function dateOf(ms: number, lang: Lang, timeZone: string): string {
  const f = format(`date|${lang}|${timeZone}`, () => new Intl.DateTimeFormat(locale(lang), { timeZone, day: 'numeric', month: 'short', year: 'numeric' }));
  return digits(f.format(ms), lang);
}

/** "26 Nov 2026 09:30" for an instant, in the hall's zone. */
export const stamp = (ms: number, lang: Lang, timeZone: string): string => `${dateOf(ms, lang, timeZone)} ${formatTime(ms, lang, timeZone)}`;

/** Staff names are stored as "عربي / English": the part in the screen's language. */
export function nameIn(displayName: string, lang: Lang): string {
  const parts = displayName.split(' / ');
  return parts.length === 2 ? (lang === 'ar' ? parts[0]! : parts[1]!) : displayName;
}
