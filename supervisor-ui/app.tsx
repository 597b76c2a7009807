// The supervisor console (/supervisor, supervisors and admins): the staff login, then a header
// (hall name, hub clock, language, account menu), the demo-password warning, the side navigation
// and the section on show (sections.tsx). The session lives in the hub's httpOnly cookie: a reload
// asks /api/auth/me and comes straight back. The staff feed over Socket.IO gives the hall's name,
// zone and day, and ends the console at once when the hub ends the session.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Role } from '../protocol/domain.ts';
import type { HallState } from '../protocol/state.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { HeaderClock, LangContext, Logo, Spinner, useLang } from '../ui-kit/components.tsx';
import { staffFeed } from '../ui-kit/hall-feed.ts';
import { staffSocket } from '../ui-kit/hub-socket.ts';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { applyDocumentLang, DEFAULT_TIME_ZONE, type Lang, otherLang, saveLang, savedLang } from '../ui-kit/i18n.ts';
import { AlertIcon, GlobeIcon } from '../ui-kit/icons.tsx';
import { FRESH_LOGIN, type LoginStart, type Me, resumeSession, StaffLogin } from '../ui-kit/login.tsx';
import { UserMenu } from '../ui-kit/user-menu.tsx';
import { AuditSection } from './audit.tsx';
import { Checklist } from './checklist.tsx';
import { DevicesSection } from './devices.tsx';
import { tv } from './i18n.ts';
import { ChecklistIcon } from './icons.tsx';
import { LiveHall } from './live.tsx';
import { ReportsPage } from './reports.tsx';
import { RolloutPage } from './rollout.tsx';
import { sectionHref, SideNav, useSection } from './sections.tsx';
import { SettingsSection } from './settings.tsx';
import { UsersPage } from './users.tsx';

export const CONSOLE_ROLES: readonly Role[] = ['supervisor', 'admin'];
const LANG_KEY = 'dor.supervisor.lang';

type Session = { kind: 'loading' } | { kind: 'in'; me: Me } | { kind: 'login'; start: LoginStart };
export type Accounts = ReplyOf<'users.list'>;

/** What the console shows of the live hall: its name, zone and day, and whether the line is up. */
export interface Hall {
  connected: boolean;
  name: { ar: string; en: string } | null;
  timeZone: string;
  /** The hall's service day (YYYY-MM-DD); '' until the first snapshot. */
  day: string;
}

/** Follows the hall over the staff feed; `onUnauthenticated` when the hub refuses the session. */
function useHall(onUnauthenticated: () => void): Hall {
  const [hall, setHall] = useState<Hall>({ connected: true, name: null, timeZone: DEFAULT_TIME_ZONE, day: '' });
  const ended = useRef(onUnauthenticated);
  ended.current = onUnauthenticated;
  useEffect(() => {
    const follow = (s: HallState) => setHall((h) => ({ ...h, name: s.settings.hallName, timeZone: s.settings.timeZone, day: s.day }));
    const line = staffSocket({
      connection: (connected) => setHall((h) => (h.connected === connected ? h : { ...h, connected })),
      unauthenticated: () => ended.current(),
    });
    staffFeed(line.socket, { snapshot: follow, events: (_events, state) => follow(state) });
    return line.close;
  }, []);
  return hall;
}

function Header({ lang, setLang, hall, children }: { lang: Lang; setLang(l: Lang): void; hall: Hall | null; children?: ComponentChildren }) {
  const { now } = useHubClock();
  const timeZone = hall?.timeZone ?? DEFAULT_TIME_ZONE;
  return (
    <header class="app-header sv-header">
      <div class="brand">
        <Logo />
        <span class="brand-text">
          <span class="brand-title">{tv(lang, 'app.title')}</span>
          {hall?.name && (
            <span class="brand-hall" data-testid="hall-name">
              {hall.name[lang]}
            </span>
          )}
        </span>
      </div>
      <div class="header-middle">
        {hall && !hall.connected && (
          <span class="conn-pill" role="status" data-testid="reconnecting">
            <Spinner />
            {tv(lang, 'common.reconnecting')}
          </span>
        )}
      </div>
      <div class="header-end">
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
        {children}
      </div>
    </header>
  );
}

/** While enabled accounts still have their demo password: which ones, and the way to the users page. */
function DemoBanner({ accounts }: { accounts: Accounts | null }) {
  const lang = useLang();
  const names = accounts?.users.filter((u) => u.demoPassword && !u.disabled).map((u) => u.username) ?? [];
  return (
    <div class="notice notice-warn sv-banner" role="alert" data-testid="demo-banner">
      <AlertIcon size="1.4em" />
      <p>
        {tv(lang, 'banner.demo')}{' '}
        {names.map((n) => (
          <code key={n} class="sv-banner-name" dir="ltr" data-user={n}>
            {n}
          </code>
        ))}{' '}
        {tv(lang, 'banner.demoAfter')}
      </p>
      <a class="btn btn-ghost btn-small" href={sectionHref('users')} data-testid="demo-banner-link">
        {tv(lang, 'banner.toUsers')}
      </a>
    </div>
  );
}

function Console({
  me,
  setMe,
  lang,
  setLang,
  onLogout,
  onUnauthenticated,
}: {
  me: Me;
  setMe(me: Me): void;
  lang: Lang;
  setLang(l: Lang): void;
  onLogout(): void;
  onUnauthenticated(): void;
}) {
  const section = useSection();
  const hall = useHall(onUnauthenticated);
  const [accounts, setAccounts] = useState<Accounts | null>(null);
  const [accountsError, setAccountsError] = useState<ApiFailure | null>(null);

  /** The accounts and this session's own view of them (the banner), after a change or on entering. */
  const reloadAccounts = useCallback(async () => {
    try {
      const [list, self] = await Promise.all([call('users.list', {}), call('auth.me', {})]);
      setAccounts(list);
      setMe(self);
      setAccountsError(null);
    } catch (e) {
      const f = toFailure(e);
      if (f.status === 401) onUnauthenticated();
      else setAccountsError(f);
    }
  }, [setMe, onUnauthenticated]);
  useEffect(() => void reloadAccounts(), [reloadAccounts]);

  return (
    <>
      <Header lang={lang} setLang={setLang} hall={hall}>
        <UserMenu user={me.user} onLogout={onLogout} onPasswordChanged={() => void reloadAccounts()} />
      </Header>
      {me.demoPasswords && <DemoBanner accounts={accounts} />}
      <div class="sv-body">
        <SideNav current={section} />
        <main class="sv-main" data-section={section}>
          {section === 'start' ? (
            <Checklist accounts={accounts} accountsError={accountsError} today={hall.day} onReloadAccounts={reloadAccounts} />
          ) : section === 'live' ? (
            <LiveHall />
          ) : section === 'rollout' ? (
            <RolloutPage />
          ) : section === 'users' ? (
            <UsersPage me={me} accounts={accounts} accountsError={accountsError} onChanged={reloadAccounts} />
          ) : section === 'settings' ? (
            <SettingsSection me={me} hall={hall} />
          ) : section === 'devices' ? (
            <DevicesSection hall={hall} />
          ) : section === 'audit' ? (
            <AuditSection hall={hall} accounts={accounts} />
          ) : (
            <ReportsPage hall={hall} accounts={accounts} />
          )}
        </main>
      </div>
    </>
  );
}

export function SupervisorApp() {
  const [lang, setLangState] = useState<Lang>(() => savedLang(LANG_KEY));
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    saveLang(LANG_KEY, l);
  }, []);
  useEffect(() => applyDocumentLang(lang), [lang]);
  useEffect(() => {
    void resumeSession(CONSOLE_ROLES).then((r) => setSession('me' in r ? { kind: 'in', me: r.me } : { kind: 'login', start: r.login }));
  }, []);
  const setMe = useCallback((me: Me) => setSession({ kind: 'in', me }), []);
  const ended = useCallback(() => setSession({ kind: 'login', start: { notice: 'UNAUTHENTICATED', pending: null } }), []);
  const logout = useCallback(async () => {
    await call('auth.logout', {}).catch(() => undefined);
    setSession({ kind: 'login', start: FRESH_LOGIN });
  }, []);

  return (
    <LangContext.Provider value={lang}>
      <div class="sv-app" lang={lang} data-session={session.kind}>
        {session.kind === 'in' ? (
          <Console me={session.me} setMe={setMe} lang={lang} setLang={setLang} onLogout={() => void logout()} onUnauthenticated={ended} />
        ) : (
          <>
            <Header lang={lang} setLang={setLang} hall={null} />
            {session.kind === 'login' && (
              <StaffLogin
                title={tv(lang, 'login.title')}
                subtitle={tv(lang, 'login.subtitle')}
                icon={<ChecklistIcon size="100%" />}
                roles={CONSOLE_ROLES}
                wrongRole={tv(lang, 'login.wrongRole')}
                start={session.start}
                onEnter={setMe}
              />
            )}
          </>
        )}
      </div>
    </LangContext.Provider>
  );
}
