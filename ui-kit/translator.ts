// One way every screen turns a message key into text (framework-free). A screen keeps its own
// dictionaries beside it, Arabic first; the English one must have exactly the Arabic one's keys.
//
// - `{name}` placeholders are filled from the params; a number is written in the language's digits
//   (Western by default, Arabic-Indic after `setArabicDigits(true)`, ui-kit/i18n.ts). A string is
//   put in as it is, so ticket labels (`B-012`) and CPRs are never converted. A placeholder without
//   its param stays visible, so a missing value shows on screen instead of vanishing.
// - A message may have plural forms, chosen by the numeric param `n` with Intl.PluralRules (Arabic
//   has zero/one/two/few/many/other, English one/other); a `zero` form also serves n = 0 in English.
import { formatNumber, type Lang } from './i18n.ts';

type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | Plural;
export type Dictionary<K extends string = string> = Record<K, Message>;
export type Params = Record<string, string | number>;
export type Translate<K extends string> = (lang: Lang, key: K, params?: Params) => string;

/** The English dictionary `E` when it has exactly the keys `K`: a missing key, or one too many, fails to typecheck. */
type ExactlyKeys<K extends string, E> = E & Dictionary<K> & Record<Exclude<keyof E, K>, never>;

const pluralRules: Record<Lang, Intl.PluralRules> = { ar: new Intl.PluralRules('ar'), en: new Intl.PluralRules('en') };

/** The screen's `t(lang, key, params)` over its Arabic and English dictionaries. */
export function translator<K extends string, E>(dictionaries: { ar: Dictionary<K>; en: ExactlyKeys<K, E> }): Translate<K> {
  const byLang: Record<Lang, Dictionary<K>> = dictionaries;
  return (lang, key, params = {}) => {
    const m = byLang[lang][key];
    let text: string;
    if (typeof m === 'string') {
      text = m;
    } else {
      const n = Number(params.n ?? 0);
      text = m[n === 0 && m.zero ? 'zero' : pluralRules[lang].select(n)] ?? m.other;
    }
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      return typeof v === 'number' ? formatNumber(v, lang) : v;
    });
  };
}
