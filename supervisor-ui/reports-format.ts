// The Reports section's figures in words: minutes, shares, differences and names, in the page's
// language and digits (ui-kit/i18n.ts); '—' where the report has nothing to measure (null).
import type { ReplyOf } from '../ui-kit/client.ts';
import { digits, formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { tv } from './i18n.ts';

export type Report = ReplyOf<'reports.get'>;
export const NONE = '—';

/** A number rounded to `decimals` (whole numbers from 100 on: nobody reads 123.4 minutes). */
export function fixed(v: number | null, lang: Lang, decimals = 1): string {
  if (v === null) return NONE;
  const places = Math.abs(v) >= 100 ? 0 : decimals;
  return formatNumber(Number(v.toFixed(places)), lang);
}

export const minutesText = (v: number | null, lang: Lang) => (v === null ? NONE : tv(lang, 'rp.minutes', { v: fixed(v, lang) }));

/** A share (0…1) as a whole percentage. */
export const percent = (v: number | null, lang: Lang) => (v === null ? NONE : tv(lang, 'rp.percent', { v: formatNumber(Math.round(v * 100), lang) }));

/** A difference with its sign (a real minus, kept left of the digits by the caller's LTR isolate). */
export function signed(v: number, text: (abs: number) => string): string {
  const rounded = Number(v.toFixed(1));
  return rounded === 0 ? text(0) : `${rounded > 0 ? '+' : '−'}${text(Math.abs(rounded))}`;
}

/** A day of the range on a chart's axis: "26/11". */
export const axisDay = (day: string, lang: Lang) => digits(`${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`, lang);

/** A service by its name in the report (its id when the report does not name it). */
export function serviceName(report: Report, id: string, lang: Lang): string {
  const s = report.services.find((x) => x.id === id);
  return s ? (lang === 'ar' ? s.nameAr : s.nameEn) : id;
}

/** "HH:MM" as hours from midnight (a chart's x). */
export const hoursOf = (time: string) => Number(time.slice(0, 2)) + Number(time.slice(3, 5)) / 60;

/** Hours from midnight as "HH:MM". */
export function clockOf(hours: number, lang: Lang): string {
  const total = Math.round(hours * 60);
  return digits(`${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`, lang);
}
