// The call-center booking console: login → one screen (CPR search, citizen card, appointments,
// slot picker, call log). The session lives in the hub's httpOnly cookie; a reload asks
// /api/auth/me and comes straight back.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Role } from '../protocol/domain.ts';
import type { ApiFailure } from '../ui-kit/api.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { Logo } from '../ui-kit/components.tsx';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { applyDocumentLang, formatDate, formatTime, otherLang, saveLang, savedLang, type Lang } from '../ui-kit/i18n.ts';
import { Console } from './console.tsx';
import { ErrorBox, toFailure } from './errors.tsx';
import { nameIn } from './format.ts';
import { tb } from './i18n.ts';

/** The logged-in staff member (`auth.me`). */
export type Me = ReplyOf<'auth.me'>;
const ROLES: readonly Role[] = ['callcenter', 'supervisor', 'admin'];
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
        <div class="clock">
          <span class="clock-time ltr-num">{formatTime(now, lang)}</span>
          <span class="clock-date" lang={lang}>
            {formatDate(now, lang)}
          </span>
        </div>
        <button type="button" class="btn btn-ghost btn-small" data-testid="lang-toggle" lang={otherLang(lang)} onClick={() => setLang(otherLang(lang))}>
          {lang === 'ar' ? 'English' : 'العربية'}
        </button>
        {onLogout && (
          <button type="button" class="btn btn-ghost btn-small" data-testid="logout" onClick={onLogout}>
            {tb(lang, 'logout')}
          </button>
        )}
      </div>
    </header>
  );
}

function Login({ lang, onLogin }: { lang: Lang; onLogin(u: string, p: string): Promise<ApiFailure | null> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !username.trim() || !password) return;
    setBusy(true);
    setError(null);
    const r = await onLogin(username.trim(), password);
    if (r) {
      setError(r);
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <main class="bk-login">
      <form class="card login-card accent-top" onSubmit={submit} noValidate>
        <h1 class="login-title">{tb(lang, 'login.title')}</h1>
        <p class="login-sub">{tb(lang, 'login.subtitle')}</p>
        <label class="field">
          <span class="field-label">{tb(lang, 'login.username')}</span>
          <input
            ref={ref}
            class="input"
            data-testid="login-username"
            autocomplete="username"
            autocapitalize="off"
            spellcheck={false}
            dir="ltr"
            maxLength={64}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">{tb(lang, 'login.password')}</span>
          <input
            class="input"
            data-testid="login-password"
            type="password"
            autocomplete="current-password"
            dir="ltr"
            maxLength={200}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <ErrorBox lang={lang} error={error} />}
        <button type="submit" class="btn btn-primary" data-testid="login-submit" disabled={busy || !username.trim() || !password}>
          {tb(lang, 'login.submit')}
        </button>
      </form>
    </main>
  );
}

export function BookingApp() {
  const [lang, setLangState] = useState<Lang>(() => savedLang(LANG_KEY));
  const [me, setMe] = useState<Me | null | 'loading'>('loading');
  const { now } = useHubClock();
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    saveLang(LANG_KEY, l);
  }, []);
  useEffect(() => applyDocumentLang(lang), [lang]);
  useEffect(() => {
    call('auth.me', {}).then(
      (m) => setMe(ROLES.includes(m.user.role) ? m : null),
      () => setMe(null),
    );
  }, []);

  const login = async (username: string, password: string): Promise<ApiFailure | null> => {
    try {
      await call('auth.login', { username, password });
      const m = await call('auth.me', {});
      if (!ROLES.includes(m.user.role)) {
        await call('auth.logout', {}).catch(() => {});
        return { code: 'WRONG_ROLE', message: 'This console is for call-center agents and supervisors only.', status: 403 };
      }
      setMe(m);
      return null;
    } catch (e) {
      return toFailure(e);
    }
  };
  const loggedOut = useCallback(() => setMe(null), []); // stable: the console's effects depend on it
  const logout = async () => {
    await call('auth.logout', {}).catch(() => {});
    setMe(null);
  };
  const user = me === 'loading' ? null : me;
  return (
    <div class="bk-app" lang={lang}>
      {me === 'loading' ? (
        <Header lang={lang} setLang={setLang} me={null} now={now} />
      ) : user ? (
        <Console
          lang={lang}
          header={(search) => (
            <Header lang={lang} setLang={setLang} me={user} onLogout={logout} now={now}>
              {search}
            </Header>
          )}
          onUnauthenticated={loggedOut}
        />
      ) : (
        <>
          <Header lang={lang} setLang={setLang} me={null} now={now} />
          <Login lang={lang} onLogin={login} />
        </>
      )}
    </div>
  );
}
