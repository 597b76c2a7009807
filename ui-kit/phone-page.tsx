// The frame of a citizen's page on a phone (the ticket status /t/<token>, the appointment page
// /a/<token>): the logo, the page's title and the language toggle above the page, in the language
// last chosen on this phone.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LangContext, Logo } from './components.tsx';
import { applyDocumentLang, dir, otherLang, saveLang, savedLang, type Lang } from './i18n.ts';
import { GlobeIcon } from './icons.tsx';

const LANG_KEY = 'dor.lang';

/** The page's language, remembered on the phone as the citizen toggles it. */
export function usePhoneLang(): [Lang, (lang: Lang) => void] {
  const [lang, setLang] = useState<Lang>(() => savedLang(LANG_KEY));
  useEffect(() => applyDocumentLang(lang), [lang]);
  return [
    lang,
    (l: Lang) => {
      setLang(l);
      saveLang(LANG_KEY, l);
    },
  ];
}

export function PhonePage(props: {
  lang: Lang;
  onLang(lang: Lang): void;
  title: ComponentChildren;
  /** The toggle's words: the other language's name. */
  switchTo: string;
  /** More classes of the page (its own layout). */
  class?: string;
  testId?: string;
  children: ComponentChildren;
  footer?: ComponentChildren;
}) {
  const { lang } = props;
  return (
    <LangContext.Provider value={lang}>
      <div class={`status-page${props.class ? ` ${props.class}` : ''} lang-${lang}`} dir={dir(lang)} lang={lang} data-testid={props.testId}>
        <header class="status-header">
          <Logo small />
          <h1 class="status-title">{props.title}</h1>
          <button type="button" class="btn lang-toggle" data-testid="lang-toggle" lang={otherLang(lang)} onClick={() => props.onLang(otherLang(lang))}>
            <GlobeIcon size="1.2em" />
            <span>{props.switchTo}</span>
          </button>
        </header>
        <main class="status-main">{props.children}</main>
        {props.footer}
      </div>
    </LangContext.Provider>
  );
}
