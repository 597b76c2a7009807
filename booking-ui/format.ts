// Console-only formatting: an instant as date and time in the hall's zone, and staff names.
import { formatShortDate, formatTime, type Lang } from '../ui-kit/i18n.ts';

/** "26 Nov 2026 09:30" for an instant, in the hall's zone (the hub's settings), wherever the agent sits. */
export const stamp = (ms: number, lang: Lang, timeZone: string): string => `${formatShortDate(ms, lang, timeZone)} ${formatTime(ms, lang, timeZone)}`;

/** Staff names are stored as "عربي / English": the part in the screen's language. */
export function nameIn(displayName: string, lang: Lang): string {
  const parts = displayName.split(' / ');
  return parts.length === 2 ? (lang === 'ar' ? parts[0]! : parts[1]!) : displayName;
}
