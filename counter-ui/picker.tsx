// Choose a counter to open. One user per counter, one counter per user: the hub refuses a counter
// someone else holds (COUNTER_TAKEN) and says so here. A counter out of service, or every counter
// after the day was ended early, is shown but cannot be opened; a counter taken out of the hall is not shown.
import { useState } from 'preact/hooks';
import type { Counter } from '../protocol/domain.ts';
import type { HallEvent, PublicHallEvent } from '../protocol/events.ts';
import { openability, supervisorClose } from './model.ts';
import { isApiFailure } from '../ui-kit/api.ts';
import { formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { CounterTakenDetails } from '../protocol/api.ts';
import { nameIn, type Me, type Notice } from './app.tsx';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { T } from './components.tsx';
import { counterTitle, servicesText } from './counter-text.ts';
import { AppHeader } from './header.tsx';
import { errorWords } from '../protocol/errors.ts';
import { tc } from './i18n.ts';
import { AlertIcon, InfoIcon, LockIcon, LogoutIcon } from '../ui-kit/icons.tsx';
import type { Hall } from './model.ts';

/**
 * The picker's notice when the feed's `events` closed counter `n` under its holder by a supervisor's
 * hand, or null. The reason is the supervisor's own text, isolated so either direction reads right.
 */
export function supervisorCloseNotice(events: readonly (HallEvent | PublicHallEvent)[], n: number): Notice | null {
  const close = supervisorClose(events, n);
  if (!close) return null;
  if (close.kind === 'dayEnded') return { k: 'pick.closedDayEnded', params: { n }, tone: 'warn' };
  return { k: 'pick.closedBySupervisor', params: { n, reason: `\u2068${close.reason}\u2069` }, tone: 'warn' };
}

interface OpenError {
  code: string;
  message: string;
  counter: number;
  details?: unknown;
}

/** The words of a refused open: who holds the counter (COUNTER_TAKEN names them), else the error table's. */
function openErrorText(error: OpenError, lang: Lang): string | null {
  const taken = error.code === 'COUNTER_TAKEN' ? CounterTakenDetails.safeParse(error.details) : null;
  if (taken?.success) return tc(lang, 'pick.takenBy', { n: error.counter, name: `\u2068${nameIn(taken.data.holder, lang)}\u2069` });
  return errorWords(lang, error.code);
}

export function PickScreen({
  me,
  hall,
  notice,
  onOpen,
  onLogout,
}: {
  me: Me;
  hall: Hall | null;
  version: number;
  notice: Notice | null;
  onOpen(n: number): Promise<void>;
  onLogout(): Promise<void>;
}) {
  const lang = useLang();
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<OpenError | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);

  const open = async (n: number) => {
    if (pending !== null) return;
    setPending(n);
    setError(null);
    try {
      await onOpen(n);
    } catch (e) {
      setError(isApiFailure(e) ? { code: e.code, message: e.message, counter: n, details: e.details } : { code: 'NETWORK', message: String(e), counter: n });
      setPending(null);
    }
  };

  const counters: Counter[] = hall
    ? Object.values(hall.counters)
        .filter((c) => c.active)
        .sort((a, b) => a.number - b.number)
    : [];
  const errText = error ? openErrorText(error, lang) : null;
  const dayEnded = hall !== null && hall.endedAt !== null;

  return (
    <>
      <AppHeader
        actions={
          <button
            type="button"
            class="btn btn-ghost btn-small"
            data-testid="btn-logout"
            disabled={loggingOut}
            onClick={() => {
              setLoggingOut(true);
              void onLogout();
            }}
          >
            <LogoutIcon size="1.2em" />
            <T k="act.logout" />
          </button>
        }
      />
      <main class="app-main pick-main">
        <div class="pick-head">
          <h1 class="pick-title">
            <T k="pick.title" />
          </h1>
          <p class="pick-hello">
            <T k="pick.hello" params={{ name: nameIn(me.user.displayName, lang) }} />
          </p>
        </div>
        {notice && (
          <p class={`notice notice-${notice.tone ?? 'info'}`} role="status" data-testid="pick-notice" data-key={notice.k}>
            {notice.tone === 'warn' ? <AlertIcon size="1.4em" /> : <InfoIcon size="1.4em" />}
            <T k={notice.k} params={notice.params} />
          </p>
        )}
        {dayEnded && (
          <p class="notice notice-warn" role="status" data-testid="pick-day-ended">
            <LockIcon size="1.4em" />
            <T k="pick.dayEnded" />
          </p>
        )}
        {error && (
          <p class="notice notice-danger" role="alert" data-testid="open-error" data-code={error.code}>
            <AlertIcon size="1.4em" />
            <span class="notice-text">
              <span lang={lang}>{errText ?? tc(lang, 'err.generic')}</span>
              {!errText && (
                <span class="notice-detail" lang="en" dir="ltr">
                  {error.message}
                </span>
              )}
            </span>
          </p>
        )}
        {!hall ? (
          <div class="loading">
            <Spinner />
            <T k="common.loading" />
          </div>
        ) : counters.length === 0 ? (
          <p class="notice notice-info">
            <T k="pick.empty" />
          </p>
        ) : (
          <div class="pick-grid">
            {counters.map((c) => {
              const mine = c.open && c.userId === me.user.id;
              const taken = c.open && !mine;
              const can = openability(hall, c);
              const out = !can.ok && can.why === 'outOfService';
              return (
                <button
                  type="button"
                  key={c.number}
                  class={`pick-card mode-${c.mode}${taken ? ' taken' : ''}${out ? ' out-of-service' : ''}`}
                  data-testid={`counter-pick-${c.number}`}
                  data-open={c.open ? 'true' : 'false'}
                  data-openable={can.ok ? 'true' : 'false'}
                  disabled={pending !== null || !can.ok}
                  onClick={() => void open(c.number)}
                >
                  <span class="pick-number ltr-num">{formatNumber(c.number, lang)}</span>
                  <span class="pick-body">
                    <span class="pick-name" lang={lang}>
                      {counterTitle(c, lang)}
                    </span>
                    <span class="pick-mode" lang={lang}>
                      {tc(lang, `mode.${c.mode}`)}
                    </span>
                    <span class="pick-services" lang={lang}>
                      {servicesText(hall, c, lang)}
                    </span>
                  </span>
                  {!can.ok ? (
                    <span class="pick-status is-out" lang={lang} data-testid={`counter-unavailable-${c.number}`} data-why={can.why}>
                      <LockIcon size="1.1em" />
                      <span>
                        {tc(lang, can.why === 'outOfService' ? 'pick.outOfService' : 'pick.closedToday')}
                        {can.why === 'outOfService' && can.reason && (
                          <>
                            {': '}
                            <bdi class="pick-reason">{can.reason}</bdi>
                          </>
                        )}
                      </span>
                    </span>
                  ) : (
                    <span class={`pick-status ${taken ? 'is-taken' : 'is-free'}`} lang={lang}>
                      {pending === c.number ? <Spinner /> : taken ? <LockIcon size="1.1em" /> : null}
                      {tc(lang, taken ? 'pick.taken' : 'pick.free')}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
        )}
      </main>
    </>
  );
}
