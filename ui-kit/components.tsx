// Preact pieces the screens share: the screen's language, names in both languages, the spinner,
// the Dor logo and the staff screens' header clock. Their classes are styled by ui-kit/styles.css and each screen's own CSS.
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { DEFAULT_LANG, digits, dir, formatDate, formatTime, otherLang, type Lang } from './i18n.ts';

/** The screen's language, provided once by its app. */
export const LangContext = createContext<Lang>(DEFAULT_LANG);
export const useLang = () => useContext(LangContext);

/**
 * A name that comes in both languages (services, citizens): the screen's language first, the other
 * after it in its own direction. By default the spans are `.first` and `.second` (ui-kit/styles.css
 * sets the second smaller, under the first); with `box`, both sit in one span of that class as
 * `.pair-first` and `.pair-second`, laid out by the screen's CSS (the counter's `.pair`).
 */
export function Pair({ ar, en, box }: { ar: string; en: string; box?: string }) {
  const lang = useLang();
  const o = otherLang(lang);
  const [first, second] = lang === 'ar' ? [ar, en] : [en, ar];
  const [firstClass, secondClass] = box === undefined ? ['first', 'second'] : ['pair-first', 'pair-second'];
  const spans = (
    <>
      <span class={firstClass} lang={lang}>
        {first}
      </span>
      <span class={secondClass} lang={o} dir={dir(o)}>
        {second}
      </span>
    </>
  );
  return box === undefined ? spans : <span class={box}>{spans}</span>;
}

/** Whole seconds until `until` (epoch ms, this browser's clock), ticking; 0 once it has passed or with no `until`. */
export function useSecondsLeft(until: number | null): number {
  // The state only makes the component draw again; the seconds are read from the clock at each draw,
  // so the first draw after a new `until` is not reckoned from the time of an older tick.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** A wait as m:ss (or h:mm:ss), digits in the language's style: the countdown of a throttled login or PIN. */
export function formatWait(seconds: number, lang: Lang): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return digits(h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`, lang);
}

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

/** The Dor logo tile in a screen's header; `small` on the phone's status page. */
export function Logo({ small = false }: { small?: boolean }) {
  return (
    <span class={small ? 'logo small' : 'logo'} aria-hidden="true">
      <span class="logo-mark" lang="ar">
        دور
      </span>
    </span>
  );
}

/** The staff screens' header clock: the hall's time, large, and its date under it. */
export function HeaderClock({ now, lang, timeZone }: { now: number; lang: Lang; timeZone?: string }) {
  return (
    <div class="clock" data-testid="clock">
      <span class="clock-time ltr-num">{formatTime(now, lang, timeZone)}</span>
      <span class="clock-date" lang={lang}>
        {formatDate(now, lang, timeZone)}
      </span>
    </div>
  );
}
