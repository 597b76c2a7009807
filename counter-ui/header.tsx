// The bar on top of every counter screen: brand, the screen's own middle part and buttons, the
// connection state, the hub's clock, the language toggle and, once logged in, the account menu.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_LANG, DEFAULT_TIME_ZONE, otherLang, type Lang } from '../ui-kit/i18n.ts';
import { HeaderClock, Logo, Spinner } from '../ui-kit/components.tsx';
import { T } from './components.tsx';
import { tc } from './i18n.ts';
import { GlobeIcon } from '../ui-kit/icons.tsx';
import type { Me } from '../ui-kit/login.tsx';
import { UserMenu } from '../ui-kit/user-menu.tsx';

export interface Shell {
  lang: Lang;
  setLang(l: Lang): void;
  /** The hub's time (ms), ticking every second. */
  now: number;
  timeZone: string;
  hallName: { ar: string; en: string } | null;
  connected: boolean;
  /** The logged-in staff member (the account menu), null at the login. */
  user: Me['user'] | null;
}

export const ShellContext = createContext<Shell>({
  lang: DEFAULT_LANG,
  setLang: () => {},
  now: 0,
  timeZone: DEFAULT_TIME_ZONE,
  hallName: null,
  connected: true,
  user: null,
});
export const useShell = () => useContext(ShellContext);

export function AppHeader({ middle, actions }: { middle?: ComponentChildren; actions?: ComponentChildren }) {
  const { lang, setLang, now, timeZone, hallName, connected, user } = useShell();
  return (
    <header class="app-header">
      <div class="brand">
        <Logo />
        {!middle && (
          <span class="brand-text">
            <span class="brand-title" lang={lang}>
              {tc(lang, 'app.title')}
            </span>
            {hallName && (
              <span class="brand-hall" lang={lang}>
                {hallName[lang]}
              </span>
            )}
          </span>
        )}
      </div>
      {middle && <div class="header-middle">{middle}</div>}
      <div class="header-end">
        {!connected && (
          <span class="conn-pill" role="status" data-testid="reconnecting">
            <Spinner />
            <T k="common.reconnecting" />
          </span>
        )}
        <HeaderClock now={now} lang={lang} timeZone={timeZone} />
        <button
          type="button"
          class="btn btn-ghost btn-small lang-toggle"
          data-testid="lang-toggle"
          lang={otherLang(lang)}
          onClick={() => setLang(otherLang(lang))}
        >
          <GlobeIcon size="1.2em" />
          <span>{lang === 'ar' ? 'English' : 'العربية'}</span>
        </button>
        {actions}
        {/* Compact: the terminal shows the name in its middle, the picker in its greeting. */}
        {user && <UserMenu user={user} compact />}
      </div>
    </header>
  );
}
