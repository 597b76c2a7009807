// Staff login: username and password; the hub answers with an httpOnly session cookie.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Notice } from './app.tsx';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { T } from './components.tsx';
import { AppHeader } from './header.tsx';
import { tc } from './i18n.ts';
import { AlertIcon } from '../ui-kit/icons.tsx';
import { CounterDeskIcon } from './icons.tsx';

export function LoginScreen({ notice, onLogin }: { notice: Notice | null; onLogin(username: string, password: string): Promise<Notice | null> }) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Notice | null>(notice);
  const userRef = useRef<HTMLInputElement>(null);
  useEffect(() => userRef.current?.focus(), []);
  useEffect(() => setError(notice), [notice]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !username.trim() || !password) return;
    setBusy(true);
    setError(null);
    const result = await onLogin(username.trim(), password);
    // On success this screen is gone; on failure it shows why.
    if (result) {
      setError(result);
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <>
      <AppHeader />
      <main class="app-main login-main">
        <form class="card login-card accent-top" onSubmit={submit} noValidate>
          <div class="login-head">
            <span class="login-icon">
              <CounterDeskIcon size="100%" />
            </span>
            <div>
              <h1 class="login-title">
                <T k="login.title" />
              </h1>
              <p class="login-sub">
                <T k="login.subtitle" />
              </p>
            </div>
          </div>
          <label class="field">
            <span class="field-label" lang={lang}>
              {tc(lang, 'login.username')}
            </span>
            <input
              ref={userRef}
              class="input"
              data-testid="login-username"
              name="username"
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
            <span class="field-label" lang={lang}>
              {tc(lang, 'login.password')}
            </span>
            <input
              class="input"
              data-testid="login-password"
              name="password"
              type="password"
              autocomplete="current-password"
              dir="ltr"
              maxLength={200}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          {error && (
            <p class="notice notice-danger login-error" role="alert" data-testid="login-error" data-code={error.k}>
              <AlertIcon size="1.4em" />
              <T k={error.k} params={error.params} />
            </p>
          )}
          <button type="submit" class="btn btn-primary login-submit" data-testid="login-submit" disabled={busy || !username.trim() || !password}>
            {busy && <Spinner />}
            <T k="login.submit" />
          </button>
        </form>
      </main>
    </>
  );
}
