// The citizen's mobile status page (/t/<token>): the ticket's number, service, its place in the order
// the counters will call and the estimated wait (with when it was last updated), "your turn is near"
// and a prominent "your number is called — counter N" (a chime once sound is on, and a buzz), then the
// question after service. Live over Socket.IO (`ticket:status`), with a plain re-fetch as the
// fallback when the phone wakes up or the socket drops.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { io } from 'socket.io-client';
import { isApiFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { DEFAULT_TIME_ZONE, dir, formatNumber, formatTime, otherLang } from '../ui-kit/i18n.ts';
import { Pair, Spinner, useLang } from '../ui-kit/components.tsx';
import { PhonePage, usePhoneLang } from '../ui-kit/phone-page.tsx';
import { Bi } from './components.tsx';
import { t, waitText, type MessageKey } from './i18n.ts';
import { AlertIcon, CheckCircleIcon, ClockIcon, InfoIcon, Svg, UsersIcon } from '../ui-kit/icons.tsx';
import { alertCitizen, enableSound, soundIsOn } from './status-alert.ts';
import { FeedbackQuestion } from './status-feedback.tsx';
import type { Receipt } from './types.ts';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const POLL_MS = 30_000;

export function tokenFromLocation(loc: Pick<Location, 'pathname' | 'search'> = location): string | null {
  const m = /^\/t\/([^/?#]+)/.exec(loc.pathname);
  const raw = m?.[1] ? decodeURIComponent(m[1]) : new URLSearchParams(loc.search).get('token');
  return raw && TOKEN.test(raw) ? raw : null;
}

type Load = { kind: 'loading' } | { kind: 'ready'; receipt: Receipt; at: number } | { kind: 'notFound' } | { kind: 'error' };

export function StatusApp() {
  const token = tokenFromLocation();
  const [lang, setLang] = usePhoneLang();
  const [load, setLoad] = useState<Load>(token ? { kind: 'loading' } : { kind: 'notFound' });
  const [live, setLive] = useState(false);
  const last = useRef<Receipt | null>(null);

  const accept = useCallback((r: Receipt) => {
    if (!r?.ticket) return;
    // Only changes while the page is open call for attention, not the state it opened in.
    const before = last.current;
    if (before) {
      const calledNow = r.ticket.status === 'called' && (before.ticket.status !== 'called' || r.ticket.recalls > before.ticket.recalls);
      if (calledNow) alertCitizen('called');
      else if (isNear(r) && !isNear(before)) alertCitizen('near');
    }
    last.current = r;
    setLoad({ kind: 'ready', receipt: r, at: Date.now() });
  }, []);

  const fetchStatus = useCallback(async () => {
    if (!token) return;
    try {
      const r = await call('tickets.status', { token }, { timeoutMs: 10_000 });
      if (r) accept(r);
      else setLoad({ kind: 'notFound' });
    } catch (e) {
      if (isApiFailure(e) && (e.status === 404 || e.status === 400)) setLoad({ kind: 'notFound' });
      else setLoad((l) => (l.kind === 'ready' ? l : { kind: 'error' }));
    }
  }, [token, accept]);

  useEffect(() => {
    if (!token) return;
    void fetchStatus();
    const socket = io({ auth: { statusToken: token } });
    socket.on('connect', () => {
      setLive(true);
      void fetchStatus(); // catch up on anything missed while away
    });
    socket.on('disconnect', () => setLive(false));
    socket.on('connect_error', () => setLive(false));
    socket.on('ticket:status', (r: Receipt) => accept(r));
    const poll = setInterval(() => {
      if (!socket.connected) void fetchStatus();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void fetchStatus();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(poll);
      document.removeEventListener('visibilitychange', onVisible);
      socket.close();
    };
  }, [token, fetchStatus, accept]);

  useEffect(() => {
    if (load.kind !== 'ready') return;
    const r = load.receipt;
    const label = r.ticket.label;
    document.title =
      r.ticket.status === 'called'
        ? `🔔 ${label} — ${t(lang, 'status.counter', { counter: r.ticket.counter ?? '' })}`
        : `${label} — ${t(lang, 'status.title')}`;
  }, [load, lang]);

  return (
    <PhonePage
      lang={lang}
      onLang={setLang}
      title={<Bi k="status.title" />}
      switchTo={t(lang, 'lang.switchTo')}
      footer={
        load.kind === 'ready' && (
          <footer class="status-footer">
            <span class={`live-dot ${live ? 'on' : 'off'}`} aria-hidden="true" />
            <span lang={lang}>{t(lang, live ? 'status.live' : 'status.offline')}</span>
            <span aria-hidden="true">·</span>
            <span lang={lang}>{t(lang, 'status.updatedAt', { time: formatTime(load.at, lang, DEFAULT_TIME_ZONE) })}</span>
          </footer>
        )
      }
    >
      {load.kind === 'loading' && (
        <div class="status-loading">
          <Spinner />
          <span lang={lang}>{t(lang, 'status.loading')}</span>
        </div>
      )}
      {load.kind === 'notFound' && (
        <StateCard tone="warn" icon={<AlertIcon size="100%" />} title="status.notFound" body="status.notFoundBody" state="not_found" />
      )}
      {load.kind === 'error' && <StateCard tone="warn" icon={<AlertIcon size="100%" />} title="msg.offline.title" body="msg.offline.body" state="error" />}
      {load.kind === 'ready' && token && (
        <TicketStatus receipt={load.receipt} updatedAt={load.at} token={token} onAnswered={(r) => (r ? accept(r) : void fetchStatus())} />
      )}
    </PhonePage>
  );
}

function StateCard({
  tone,
  icon,
  title,
  body,
  state,
  children,
}: {
  tone: 'ok' | 'warn' | 'info' | 'called' | 'done';
  icon?: ComponentChildren;
  title: MessageKey;
  body?: MessageKey;
  state: string;
  children?: ComponentChildren;
}) {
  return (
    <section class={`state-card state-${tone}`} data-testid="status-state" data-state={state} role="status" aria-live="assertive">
      {icon && <span class="state-icon">{icon}</span>}
      <h2 class="state-title">
        <Bi k={title} />
      </h2>
      {children}
      {body && (
        <p class="state-body">
          <Bi k={body} />
        </p>
      )}
    </section>
  );
}

/** Waiting at or before the position the hall counts as near (settings). */
const isNear = (r: Receipt) => r.ticket.status === 'waiting' && r.position !== null && r.position <= r.nearTurnPosition;

/** Sound stays off until a tap (browsers' rule); the button says so and turns it on. */
function SoundSwitch() {
  const [on, setOn] = useState(soundIsOn);
  return (
    <button
      type="button"
      class={`btn sound-switch${on ? ' is-on' : ''}`}
      data-testid="sound-switch"
      aria-pressed={on}
      disabled={on}
      onClick={() => void enableSound().then(setOn)}
    >
      <BellIcon />
      <span class="sound-words">
        <Bi k={on ? 'status.soundIsOn' : 'status.soundOn'} />
      </span>
    </button>
  );
}

function BellIcon() {
  return (
    <Svg size="1.5em">
      <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </Svg>
  );
}

function TicketStatus({ receipt, updatedAt, token, onAnswered }: { receipt: Receipt; updatedAt: number; token: string; onAnswered(r: Receipt | null): void }) {
  const lang = useLang();
  const near = isNear(receipt);
  const tk = receipt.ticket;
  const s = receipt.service;
  const counter = tk.counter ?? tk.targetCounter;
  return (
    <>
      <section class={`number-card accent-top${tk.status === 'called' ? ' is-called' : ''}`}>
        <p class="number-label">
          <Bi k="status.yourNumber" />
        </p>
        <p class="number ltr-num" data-testid="status-number" dir="ltr">
          {tk.label}
        </p>
        <p class="number-service" data-testid="status-service">
          {s ? <Pair ar={s.nameAr} en={s.nameEn} /> : tk.serviceId}
        </p>
      </section>

      {tk.status === 'waiting' && (
        <>
          <section
            class={`state-card ${near ? 'state-near' : 'state-info'}`}
            data-testid="status-state"
            data-state={near ? 'near' : 'waiting'}
            role="status"
            aria-live="polite"
          >
            <h2 class="state-title small">
              <Bi k={near ? 'status.near' : 'status.waiting'} />
            </h2>
            {near && (
              <p class="state-body" data-testid="status-near">
                <Bi k="status.nearBody" />
              </p>
            )}
            <div class="status-stats">
              <div class="status-stat">
                <UsersIcon size="1.6em" />
                <span class="stat-label">
                  <Bi k="status.position" />
                </span>
                <span class="stat-value" data-testid="status-position" data-value={receipt.position ?? ''}>
                  {receipt.position === null ? '—' : formatNumber(receipt.position, lang)}
                </span>
              </div>
              <div class="status-stat">
                <ClockIcon size="1.6em" />
                <span class="stat-label">
                  <Bi k="status.wait" />
                </span>
                <span class="stat-value stat-value-text" data-testid="status-wait" data-value={receipt.estimatedWaitMin ?? ''} lang={lang}>
                  {waitText(lang, receipt.estimatedWaitMin)}
                </span>
                <span class="stat-updated" data-testid="status-updated" lang={lang}>
                  {t(lang, 'status.updatedAt', { time: formatTime(updatedAt, lang, DEFAULT_TIME_ZONE) })}
                </span>
              </div>
            </div>
          </section>
          <SoundSwitch />
          <p class="keep-open">
            <InfoIcon size="1.3em" />
            <span>
              <Bi k="status.keepOpen" />
            </span>
          </p>
        </>
      )}

      {tk.status === 'called' && (
        <section class="state-card state-called" data-testid="status-state" data-state="called" role="alert" aria-live="assertive">
          <h2 class="called-title">
            <span class="first" lang={lang}>
              {t(lang, 'status.called')}
            </span>
            <span class="second" lang={otherLang(lang)} dir={dir(otherLang(lang))}>
              {t(otherLang(lang), 'status.called')}
            </span>
          </h2>
          <p class="called-counter-label">
            <Bi k="status.goTo" params={{ counter: counter ?? '—' }} />
          </p>
          <p class="called-counter" data-testid="status-counter" data-value={counter ?? ''}>
            <span class="called-counter-word" lang={lang}>
              {t(lang, 'status.counter', { counter: '' }).trim()}
            </span>
            <span class="called-counter-num">{counter === null ? '—' : formatNumber(counter, lang)}</span>
          </p>
        </section>
      )}
      {tk.status === 'called' && <SoundSwitch />}

      {tk.status === 'serving' && (
        <section class="state-card state-ok" data-testid="status-state" data-state="serving" role="status">
          <span class="state-icon">
            <CheckCircleIcon size="100%" />
          </span>
          <h2 class="state-title">
            <Bi k="status.serving" />
          </h2>
          {counter !== null && (
            <p class="state-body" data-testid="status-counter" data-value={counter}>
              <Bi k="status.servingAt" params={{ counter }} />
            </p>
          )}
        </section>
      )}

      {/* One line: the question after service (or its thanks) is under it, on the first screen. */}
      {tk.status === 'done' && <StateCard tone="done" title="status.done" state="done" />}
      {receipt.feedback === 'open' && <FeedbackQuestion token={token} onAnswered={onAnswered} />}
      {receipt.feedback === 'given' && (
        <StateCard tone="ok" icon={<CheckCircleIcon size="100%" />} title="feedback.thanks" body="feedback.thanksBody" state="feedback_given" />
      )}
      {tk.status === 'no_show' && <StateCard tone="warn" icon={<AlertIcon size="100%" />} title="status.noShow" body="status.noShowBody" state="no_show" />}
      {tk.status === 'cancelled' && (
        <StateCard tone="warn" icon={<AlertIcon size="100%" />} title="status.cancelled" body="status.cancelledBody" state="cancelled" />
      )}
      {tk.status === 'transferred' && (
        <StateCard tone="info" icon={<InfoIcon size="100%" />} title="status.transferred" body="status.transferredBody" state="transferred" />
      )}
    </>
  );
}
