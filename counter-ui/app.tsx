// The counter terminal: login → choose a counter → work the counter. The session lives in the
// hub's httpOnly cookie, so a reload asks /api/auth/me and comes straight back to the counter the
// user holds (its current ticket comes with the snapshot).
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isApiFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { applyDocumentLang, DEFAULT_TIME_ZONE, dir, saveLang, savedLang, type Lang } from '../ui-kit/i18n.ts';
import type { Params } from '../ui-kit/translator.ts';
import { LangContext, Spinner } from '../ui-kit/components.tsx';
import { type LoginStart, type Me, resumeSession } from '../ui-kit/login.tsx';
import { T } from './components.tsx';
import { AppHeader, ShellContext } from './header.tsx';
import { Connection } from './connection.ts';
import type { CKey } from './i18n.ts';
import { COUNTER_ROLES, LoginScreen } from './login.tsx';
import type { Hall } from './model.ts';
import { PickScreen, supervisorCloseNotice } from './picker.tsx';
import { Terminal } from './terminal.tsx';

/** The logged-in staff member and the counter open under them (`auth.me`). */
export type { Me };

/** A message for the next screen; `warn` for news the user did not expect (a supervisor took the counter). */
export type Notice = { k: CKey; params?: Params; tone?: 'info' | 'warn' };

type Phase = { name: 'loading' } | { name: 'login'; start: LoginStart } | { name: 'pick'; notice: Notice | null } | { name: 'counter'; counter: number };

const LANG_KEY = 'dor.counter.lang';

/** The staff display name is stored as "عربي / English": show the part of the screen's language. */
export function nameIn(displayName: string, lang: Lang): string {
  const parts = displayName.split(' / ');
  if (parts.length !== 2) return displayName;
  return lang === 'ar' ? parts[0]! : parts[1]!;
}

export function CounterApp() {
  const [lang, setLangState] = useState<Lang>(() => savedLang(LANG_KEY));
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const [me, setMe] = useState<Me | null>(null);
  const [hall, setHall] = useState<{ state: Hall; v: number } | null>(null);
  const [connected, setConnected] = useState(true);
  // Waiting times and "due" need the hub's time: the terminal waits for the first clock sync.
  const { now, synced: clockReady } = useHubClock();
  const conn = useRef<Connection | null>(null);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const meRef = useRef(me);
  meRef.current = me;
  /** Set while this terminal closes its own counter (its counter_closed is no surprise). */
  const closing = useRef<number | null>(null);

  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    saveLang(LANG_KEY, l);
  }, []);
  useEffect(() => applyDocumentLang(lang), [lang]);

  const disconnect = useCallback(() => {
    conn.current?.close();
    conn.current = null;
    setHall(null);
  }, []);

  /** Back to the login, saying why (an error code from protocol/errors.ts), or not. */
  const toLogin = useCallback(
    (notice: string | null) => {
      disconnect();
      setMe(null);
      setPhase({ name: 'login', start: { notice, pending: null } });
    },
    [disconnect],
  );

  /** Asks the hub which counter we hold (after a surprise in the feed) and follows it; `notice` says why it was lost, if known. */
  const recheck = useCallback(
    async (lost: number, notice: Notice | null) => {
      try {
        const m = await call('auth.me', {});
        const p = phaseRef.current;
        if (p.name !== 'counter' || p.counter !== lost) return;
        if (m.counter === lost) return;
        setPhase(m.counter ? { name: 'counter', counter: m.counter } : { name: 'pick', notice: notice ?? { k: 'pick.closedNotice', params: { n: lost } } });
      } catch (e) {
        if (isApiFailure(e) && e.status === 401) toLogin('UNAUTHENTICATED');
      }
    },
    [toLogin],
  );

  const connect = useCallback(() => {
    if (conn.current) return;
    conn.current = new Connection({
      changed(state, events, snapshot) {
        setHall((h) => ({ state, v: (h?.v ?? 0) + 1 }));
        const p = phaseRef.current;
        const userId = meRef.current?.user.id;
        if (p.name !== 'counter' || closing.current === p.counter || userId === undefined) return;
        const n = p.counter;
        const surprise = events.some(
          (e) =>
            (e.type === 'counter_closed' && e.counter === n) ||
            (e.type === 'counter_opened' && e.counter === n && e.userId !== userId) ||
            e.type === 'day_opened',
        );
        const c = state.counters[String(n)];
        if (surprise || (snapshot && !(c?.open && c.userId === userId))) void recheck(n, supervisorCloseNotice(events, n));
      },
      connection: (up) => setConnected(up),
      unauthenticated: () => toLogin('UNAUTHENTICATED'),
    });
  }, [recheck, toLogin]);

  /** After login or on load, for a counter staff member with their own password: where they belong. */
  const enter = useCallback(
    (m: Me) => {
      setMe(m);
      connect();
      setPhase(m.counter ? { name: 'counter', counter: m.counter } : { name: 'pick', notice: null });
    },
    [connect],
  );

  useEffect(() => {
    let live = true;
    void resumeSession(COUNTER_ROLES).then((r) => {
      if (!live) return;
      if ('me' in r) enter(r.me);
      else setPhase({ name: 'login', start: r.login });
    });
    return () => {
      live = false;
      conn.current?.close();
      conn.current = null;
    };
  }, [enter]);

  const logout = useCallback(async () => {
    const p = phaseRef.current;
    // A counter nobody sits at must not stay open (it would count in estimates and take transfers).
    if (p.name === 'counter' && conn.current) {
      closing.current = p.counter;
      await conn.current.command('counter.close', { counter: p.counter }).catch(() => undefined);
    }
    await call('auth.logout', {}).catch(() => undefined);
    closing.current = null;
    toLogin(null);
  }, [toLogin]);

  const openCounter = useCallback(async (n: number) => {
    if (!conn.current) throw { code: 'NETWORK', message: 'Not connected.', status: 0 };
    await conn.current.command('counter.open', { counter: n });
    setPhase({ name: 'counter', counter: n });
  }, []);

  const closeCounter = useCallback(async (n: number) => {
    if (!conn.current) throw { code: 'NETWORK', message: 'Not connected.', status: 0 };
    closing.current = n;
    try {
      await conn.current.command('counter.close', { counter: n });
      setPhase({ name: 'pick', notice: null });
    } finally {
      closing.current = null;
    }
  }, []);

  let body: ComponentChildren;
  switch (phase.name) {
    case 'loading':
      body = (
        <>
          <AppHeader />
          <main class="app-main loading" data-testid="loading">
            <Spinner />
            <T k="common.loading" />
          </main>
        </>
      );
      break;
    case 'login':
      body = <LoginScreen start={phase.start} onEnter={enter} />;
      break;
    case 'pick':
      body = me && <PickScreen me={me} hall={hall?.state ?? null} version={hall?.v ?? 0} notice={phase.notice} onOpen={openCounter} onLogout={logout} />;
      break;
    case 'counter':
      body = me && (
        <Terminal
          me={me}
          counter={phase.counter}
          hall={clockReady ? (hall?.state ?? null) : null}
          version={hall?.v ?? 0}
          now={now}
          conn={conn.current}
          onClose={closeCounter}
          onLogout={logout}
        />
      );
      break;
  }

  return (
    <LangContext.Provider value={lang}>
      <ShellContext.Provider
        value={{
          lang,
          setLang,
          now,
          timeZone: hall?.state.settings.timeZone ?? DEFAULT_TIME_ZONE,
          hallName: hall?.state.settings.hallName ?? null,
          connected: connected || !me,
          user: me?.user ?? null,
        }}
      >
        <div class={`counter-app lang-${lang} phase-${phase.name}`} dir={dir(lang)} lang={lang} data-phase={phase.name} data-lang={lang}>
          {body}
        </div>
      </ShellContext.Provider>
    </LangContext.Provider>
  );
}
