// The generic side of two languages, for every screen: Arabic first (RTL), English second.
// Framework-free. The screens' words live beside each screen and are looked up with the one
// translator (ui-kit/translator.ts); here are the languages, their direction, and the formatters
// of numbers, dates and times.
//
// Digits are Western (0-9) by default in both languages, as on Bahraini ID cards, the printed
// ticket and the hall board; `setArabicDigits(true)` switches Arabic text to Arabic-Indic digits
// (٠١٢…). Ticket labels (`B-012`) and CPRs are never converted.

export type Lang = 'ar' | 'en';
export const LANGS: readonly Lang[] = ['ar', 'en'];
export const DEFAULT_LANG: Lang = 'ar';
export const DEFAULT_TIME_ZONE = 'Asia/Bahrain';

export const dir = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
export const otherLang = (lang: Lang): Lang => (lang === 'ar' ? 'en' : 'ar');
export const isLang = (v: unknown): v is Lang => v === 'ar' || v === 'en';

let arabicDigits = false;
/** Arabic-Indic digits (٠١٢…) in Arabic text (`true`), or Western digits everywhere (`false`, the default). */
export function setArabicDigits(on: boolean): void {
  arabicDigits = on;
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
/** Converts the Western digits of a string to the language's digits. */
export function digits(value: string | number, lang: Lang): string {
  const s = String(value);
  if (lang !== 'ar' || !arabicDigits) return s;
  return s.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!);
}

export function formatNumber(n: number, lang: Lang): string {
  return digits(String(n), lang);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = timeFormats.get(key);
  if (!f) {
    f = make();
    timeFormats.set(key, f);
  }
  return f;
}

function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** 24-hour HH:MM in the hall's time zone (Asia/Bahrain unless told otherwise). */
export function formatTime(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const f = formatter(`time|${tz}`, () => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  return digits(f.format(ms), lang);
}

const dateLocale = (lang: Lang) => (lang === 'ar' ? (arabicDigits ? 'ar-BH-u-nu-arab' : 'ar-BH-u-nu-latn') : 'en-GB');

/** A long local date: "الخميس ٢٦ نوفمبر ٢٠٢٦" / "Thursday 26 November 2026". */
export function formatDate(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const locale = dateLocale(lang);
  const f = formatter(
    `date|${locale}|${tz}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: tz, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  );
  return f.format(ms);
}

/** A short local date: "26 نوفمبر 2026" / "26 Nov 2026". */
export function formatShortDate(ms: number, lang: Lang, timeZone?: string): string {
  const tz = safeZone(timeZone);
  const locale = dateLocale(lang);
  const f = formatter(`short|${locale}|${tz}`, () => new Intl.DateTimeFormat(locale, { timeZone: tz, day: 'numeric', month: 'short', year: 'numeric' }));
  return f.format(ms);
}

/** A calendar day (YYYY-MM-DD) with its weekday, "Thu 26 Nov": a date, not an instant, so no zone applies. */
export function formatDay(day: string, lang: Lang): string {
  const locale = dateLocale(lang);
  const f = formatter(`day|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }));
  return f.format(Date.parse(`${day}T12:00:00Z`));
}

/** Sets `lang` and `dir` on the document (Arabic: rtl). */
export function applyDocumentLang(lang: Lang, doc: Document = document): void {
  doc.documentElement.lang = lang;
  doc.documentElement.dir = dir(lang);
}

/** The language this browser last chose on a screen (stored under `key`), or the default. */
export function savedLang(key: string): Lang {
  try {
    const v = localStorage.getItem(key);
    return isLang(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

/** Remembers the chosen language under `key`; where storage is refused (private mode), the choice lasts for this page. */
export function saveLang(key: string, lang: Lang): void {
  try {
    localStorage.setItem(key, lang);
  } catch {
    // private mode: the toggle still works for this page
  }
}
