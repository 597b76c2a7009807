// The one staff login of the counter terminal, the booking console and the supervisor console:
// username and password (the hub answers with an httpOnly session cookie), the screen's roles
// checked, and a temporary password (set by an admin: `mustChangePassword`) changed before the
// screen opens. Each screen brings its title, its roles and its "not for your role" sentence.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Role } from '../protocol/domain.ts';
import { type ApiFailure, retryAfterSeconds, toFailure } from './api.ts';
import { call, type ReplyOf } from './client.ts';
import { formatWait, Spinner, useLang, useSecondsLeft } from './components.tsx';
import { AlertIcon, KeyIcon } from './icons.tsx';
import { ChangePasswordForm } from './password.tsx';
import { failureText, tk } from './staff-words.ts';

/** The logged-in staff member (`auth.me`). */
export type Me = ReplyOf<'auth.me'>;
type StaffUser = Me['user'];

/** How a screen's login starts: why it shows (an error code, or WRONG_ROLE), and a session that must change its password first. */
export interface LoginStart {
  notice: string | null;
  pending: StaffUser | null;
}
export const FRESH_LOGIN: LoginStart = { notice: null, pending: null };

/**
 * Where a screen stands when it loads: the session in the cookie, if it may open this screen as it
 * is; else the login, saying why (another role's session, the hub out of reach) or asking for the
 * temporary password's change. A session of another role is not logged out: it may be in use on
 * another screen of this browser.
 */
export async function resumeSession(roles: readonly Role[]): Promise<{ me: Me } | { login: LoginStart }> {
  try {
    const me = await call('auth.me', {});
    if (!roles.includes(me.user.role)) return { login: { notice: 'WRONG_ROLE', pending: null } };
    if (me.user.mustChangePassword) return { login: { notice: null, pending: me.user } };
    return { me };
  } catch (e) {
    const f = toFailure(e);
    return { login: { notice: f.status === 401 ? null : f.code, pending: null } };
  }
}

export function StaffLogin({
  title,
  subtitle,
  icon,
  roles,
  wrongRole,
  start = FRESH_LOGIN,
  onEnter,
}: {
  title: string;
  subtitle: string;
  icon?: ComponentChildren;
  roles: readonly Role[];
  /** The refusal of an account this screen is not for. */
  wrongRole: string;
  start?: LoginStart;
  /** The session may open the screen (its password is its own). */
  onEnter(me: Me): void;
}) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(start.notice);
  const [pending, setPending] = useState<StaffUser | null>(start.pending);
  // Too many wrong passwords: the hub holds this username or this PC until then (epoch ms); the form counts down.
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waitLeft = useSecondsLeft(waitUntil);
  const userRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setNotice(start.notice);
    setPending(start.pending);
  }, [start]);
  useEffect(() => {
    if (!pending) userRef.current?.focus();
  }, [pending]);

  /** Back at the login form, saying why; the username stays. */
  const fail = (f: ApiFailure | string) => {
    const wait = typeof f === 'string' ? null : retryAfterSeconds(f, 'LOGIN_THROTTLED');
    setWaitUntil(wait === null ? null : Date.now() + wait * 1000);
    setNotice(typeof f === 'string' ? f : f.code);
    setPending(null);
    setPassword('');
    setBusy(false);
  };
  const enter = async () => {
    try {
      onEnter(await call('auth.me', {}));
    } catch (e) {
      fail(toFailure(e));
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || waitLeft > 0 || !username.trim() || !password) return;
    setBusy(true);
    setNotice(null);
    try {
      const { user } = await call('auth.login', { username: username.trim(), password });
      if (!roles.includes(user.role)) {
        // This new session has no use here.
        await call('auth.logout', {}).catch(() => undefined);
        return fail('WRONG_ROLE');
      }
      if (user.mustChangePassword) {
        setPending(user);
        setBusy(false);
        return;
      }
      await enter();
    } catch (err) {
      const f = toFailure(err);
      // A username the hub's schema refuses is, to the person, just a wrong one.
      fail(f.code === 'VALIDATION_FAILED' ? 'INVALID_CREDENTIALS' : f);
    }
  };

  const otherAccount = async () => {
    await call('auth.logout', {}).catch(() => undefined);
    setPending(null);
    setUsername('');
    setPassword('');
  };

  const throttled = notice === 'LOGIN_THROTTLED';
  const noticeText =
    notice === null || (throttled && waitLeft === 0)
      ? null
      : throttled
        ? tk(lang, 'login.throttled', { time: formatWait(waitLeft, lang) })
        : notice === 'WRONG_ROLE'
          ? wrongRole
          : failureText(lang, { code: notice, message: notice, status: 0 } satisfies ApiFailure);

  return (
    <main class="app-main login-main">
      {pending ? (
        <section class="card login-card accent-top" data-testid="password-change" aria-labelledby="password-change-title">
          <div class="login-head">
            <span class="login-icon">
              <KeyIcon size="100%" />
            </span>
            <div>
              <h1 class="login-title" id="password-change-title">
                {tk(lang, 'change.title')}
              </h1>
              <p class="login-sub">{tk(lang, 'change.intro')}</p>
            </div>
          </div>
          <p class="login-account" dir="ltr">
            {pending.username}
          </p>
          <ChangePasswordForm username={pending.username} onChanged={() => void enter()} onCancel={otherAccount} cancelLabel={tk(lang, 'change.other')} />
        </section>
      ) : (
        <form class="card login-card accent-top" onSubmit={submit} noValidate data-testid="login-form">
          <div class="login-head">
            {icon && <span class="login-icon">{icon}</span>}
            <div>
              <h1 class="login-title">{title}</h1>
              <p class="login-sub">{subtitle}</p>
            </div>
          </div>
          <label class="field">
            <span class="field-label">{tk(lang, 'login.username')}</span>
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
            <span class="field-label">{tk(lang, 'login.password')}</span>
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
          {noticeText && (
            <p class="notice notice-danger login-error" role="alert" data-testid="login-error" data-code={notice} data-wait={throttled ? waitLeft : undefined}>
              <AlertIcon size="1.4em" />
              <span>{noticeText}</span>
            </p>
          )}
          <button
            type="submit"
            class="btn btn-primary login-submit"
            data-testid="login-submit"
            disabled={busy || waitLeft > 0 || !username.trim() || !password}
          >
            {busy && <Spinner />}
            {tk(lang, 'login.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
