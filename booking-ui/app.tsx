// The call-center booking console: login → one screen (CPR search, citizen card, appointments,
// slot picker, call log). The session lives in the hub's httpOnly cookie; a reload asks
// /api/auth/me and comes straight back.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Role } from '../protocol/domain.ts';
import { errorWords } from '../protocol/errors.ts';
import { call } from '../ui-kit/client.ts';
import { HeaderClock, LangContext, Logo } from '../ui-kit/components.tsx';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { applyDocumentLang, otherLang, saveLang, savedLang, type Lang } from '../ui-kit/i18n.ts';
import { SearchIcon } from '../ui-kit/icons.tsx';
import { FRESH_LOGIN, type LoginStart, type Me, resumeSession, StaffLogin } from '../ui-kit/login.tsx';
import { UserMenu } from '../ui-kit/user-menu.tsx';
import { Console } from './console.tsx';
import { nameIn } from './format.ts';
import { tb } from './i18n.ts';

const ROLES: readonly Role[] = ['callcenter', 'supervisor', 'admin'];
type Session = { kind: 'loading' } | { kind: 'in'; me: Me } | { kind: 'login'; start: LoginStart };
const LANG_KEY = 'dor.booking.lang';

function Header({
  lang,
  setLang,
  me,
  onLogout,
  now,
  children,
}: {
  lang: Lang;
  setLang(l: Lang): void;
  me: Me | null;
  onLogout?: () => void;
  now: number;
  children?: preact.ComponentChildren;
}) {
  return (
    <header class="app-header bk-header">
      <div class="brand">
        <Logo />
        <span class="brand-text">
          <span class="brand-title" lang={lang}>
            {tb(lang, 'app.title')}
          </span>
          {me && (
            <span class="brand-hall" lang={lang}>
              {nameIn(me.user.displayName, lang)}
            </span>
          )}
        </span>
      </div>
      <div class="header-middle">{children}</div>
      <div class="header-end">
        <HeaderClock now={now} lang={lang} />
        <button type="button" class="btn btn-ghost btn-small" data-testid="lang-toggle" lang={otherLang(lang)} onClick={() => setLang(otherLang(lang))}>
          {lang === 'ar' ? 'English' : 'العربية'}
        </button>
        {onLogout && (
          <button type="button" class="btn btn-ghost btn-small" data-testid="logout" onClick={onLogout}>
            {tb(lang, 'logout')}
          </button>
        )}
        {/* Compact: the agent's name is under the console's title. */}
        {me && <UserMenu user={me.user} compact />}
      </div>
    </header>
  );
}

export function BookingApp() {
  const [lang, setLangState] = useState<Lang>(() => savedLang(LANG_KEY));
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const { now } = useHubClock();
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    saveLang(LANG_KEY, l);
  }, []);
  useEffect(() => applyDocumentLang(lang), [lang]);
  useEffect(() => {
    void resumeSession(ROLES).then((r) => setSession('me' in r ? { kind: 'in', me: r.me } : { kind: 'login', start: r.login }));
  }, []);

  // stable: the console's effects depend on it
  const loggedOut = useCallback(() => setSession({ kind: 'login', start: { notice: 'UNAUTHENTICATED', pending: null } }), []);
  const logout = async () => {
    await call('auth.logout', {}).catch(() => {});
    setSession({ kind: 'login', start: FRESH_LOGIN });
  };
  return (
    <LangContext.Provider value={lang}>
      <div class="bk-app" lang={lang}>
        {session.kind === 'loading' ? (
          <Header lang={lang} setLang={setLang} me={null} now={now} />
        ) : session.kind === 'in' ? (
          <Console
            lang={lang}
            header={(search) => (
              <Header lang={lang} setLang={setLang} me={session.me} onLogout={logout} now={now}>
                {search}
              </Header>
            )}
            onUnauthenticated={loggedOut}
          />
        ) : (
          <>
            <Header lang={lang} setLang={setLang} me={null} now={now} />
            <StaffLogin
              title={tb(lang, 'login.title')}
              subtitle={tb(lang, 'login.subtitle')}
              icon={<SearchIcon size="100%" />}
              roles={ROLES}
              wrongRole={errorWords(lang, 'WRONG_ROLE')!}
              start={session.start}
              onEnter={(me) => setSession({ kind: 'in', me })}
            />
          </>
        )}
      </div>
    </LangContext.Provider>
  );
}
