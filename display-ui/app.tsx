// The hall display board: live hall state over Socket.IO (snapshot, then deltas, via HallFeed),
// the announcement queue, the heartbeat, and the board itself. Always both languages, Arabic first.
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS } from '../protocol/domain.ts';
import type { PublicHallState } from '../protocol/state.ts';
import { inkOn } from '../ui-kit/colour.ts';
import { Logo, Spinner } from '../ui-kit/components.tsx';
import { publicFeed } from '../ui-kit/hall-feed.ts';
import { hubSocket } from '../ui-kit/hub-socket.ts';
import { DEFAULT_TIME_ZONE, formatDate, formatTime } from '../ui-kit/i18n.ts';
import { Announcer } from './announcer.ts';
import { currentCalls, openCounters, queueTiles, recentCalls, type CallItem, type QueueTile } from './board.ts';
import type { DisplayConfig } from './config.ts';
import { Heartbeat, type HeartbeatState } from './heartbeat.ts';
import { S, type Bilingual } from './strings.ts';
import { TICKER_START, tickerItems, tickerStep, type TickerItem } from './ticker.ts';
import { sentenceText } from './voice/clips.ts';
import type { SoundState, VoicePlayer } from './voice/player.ts';

const MAX_CURRENT = 3;

// --- small pieces

/** Arabic and English together, Arabic first; each in its own direction. */
function Bi({ text, class: cls = '' }: { text: Bilingual; class?: string }) {
  return (
    <span class={`bi ${cls}`}>
      <span class="ar" lang="ar" dir="rtl">
        {text.ar}
      </span>
      <span class="en" lang="en" dir="ltr">
        {text.en}
      </span>
    </span>
  );
}

function Label({ label, class: cls = '' }: { label: string; class?: string }) {
  return (
    <bdi class={`label ltr-num ${cls}`} dir="ltr">
      {label}
    </bdi>
  );
}

const hijriFormats = new Map<string, Intl.DateTimeFormat | null>();
/** The Hijri (Umm al-Qura) date, or '' where the browser lacks the calendar. */
function hijriDate(ms: number, lang: 'ar' | 'en', timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = hijriFormats.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-SA-u-ca-islamic-umalqura-nu-latn' : 'en-GB-u-ca-islamic-umalqura', {
        timeZone,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
      if (!f.resolvedOptions().calendar.startsWith('islamic')) f = null;
    } catch {
      f = null;
    }
    hijriFormats.set(key, f);
  }
  return f ? f.format(ms) : '';
}

function Clock({ hallNow, timeZone }: { hallNow: number; timeZone: string }) {
  const hijri = hijriDate(hallNow, 'ar', timeZone);
  return (
    <div class="clock" data-testid="display-clock" data-time={new Date(hallNow).toISOString()}>
      <div class="clock-time ltr-num" dir="ltr">
        {formatTime(hallNow, 'ar', timeZone)}
      </div>
      <div class="clock-dates">
        <span class="clock-date ar" lang="ar" dir="rtl">
          {formatDate(hallNow, 'ar', timeZone)}
        </span>
        {hijri && (
          <span class="clock-hijri ar" lang="ar" dir="rtl">
            {hijri}
          </span>
        )}
        <span class="clock-date en" lang="en" dir="ltr">
          {formatDate(hallNow, 'en', timeZone)}
        </span>
      </div>
    </div>
  );
}

function CurrentPanel({
  items,
  fresh,
  speaking,
  open,
}: {
  items: CallItem[];
  fresh: Set<string>;
  speaking: string | null;
  open: { number: number; paused: boolean }[];
}) {
  return (
    <section class={`panel current count-${Math.max(1, items.length)}`} aria-live="polite">
      <h2 class="panel-title">
        <Bi text={S.nowCalling} />
      </h2>
      <ul class="current-list" data-testid="display-current" data-count={items.length}>
        {items.length === 0 && (
          <li class="current-empty">
            <Bi text={S.waitForNumber} />
          </li>
        )}
        {items.map((c) => (
          <li
            key={c.ticketId}
            class={`call${fresh.has(c.ticketId) ? ' fresh' : ''}${speaking === c.ticketId ? ' speaking' : speaking ? ' quiet' : ''}`}
            data-testid={`call-${c.label}`}
            data-label={c.label}
            data-counter={c.counter}
            data-fresh={fresh.has(c.ticketId) ? '1' : '0'}
            data-speaking={speaking === c.ticketId ? '1' : '0'}
          >
            {/* Read by screen readers in place of the tiles below (which say "B-012" and "3"). */}
            <span class="sr-only" data-testid={`spoken-${c.label}`}>
              <span lang="ar">{sentenceText(c.label, c.counter, 'ar')}</span>{' '}
              <span lang="en" dir="ltr">
                {sentenceText(c.label, c.counter, 'en')}
              </span>
            </span>
            <div class="call-part call-ticket" aria-hidden="true">
              <span class="call-caption">
                <Bi text={S.ticket} />
              </span>
              <Label label={c.label} class="call-label" />
            </div>
            <span class="call-arrow" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
                <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
            </span>
            <div class="call-part call-counter" aria-hidden="true">
              <span class="call-caption">
                <Bi text={S.counter} />
              </span>
              <span class="call-counter-num ltr-num">{c.counter}</span>
              {c.counterName && <Bi text={c.counterName} class="call-counter-name" />}
            </div>
          </li>
        ))}
      </ul>
      <OpenCounters counters={open} />
    </section>
  );
}

function RecentPanel({ items, currentIds, rows }: { items: CallItem[]; currentIds: Set<string>; rows: number }) {
  return (
    <section class="panel recent">
      <h2 class="panel-title">
        <Bi text={S.recent} />
      </h2>
      <div class="recent-head" aria-hidden="true">
        {/* twice: the portrait layout shows the list in two columns */}
        {[0, 1].map((i) => (
          <div key={i} class={`recent-head-group${i ? ' dup' : ''}`}>
            <Bi text={S.ticket} />
            <Bi text={S.counter} />
          </div>
        ))}
      </div>
      <ol class="recent-list" data-testid="display-recent" data-count={items.length} style={{ '--rows': rows, '--rows-half': Math.ceil(rows / 2) }}>
        {items.length === 0 && (
          <li class="recent-empty">
            <Bi text={S.noCalls} />
          </li>
        )}
        {items.map((c) => (
          <li
            key={c.ticketId}
            class={`recent-item status-${c.status}${currentIds.has(c.ticketId) ? ' is-current' : ''}`}
            data-testid={`recent-${c.label}`}
            data-counter={c.counter}
            data-status={c.status}
          >
            <Label label={c.label} class="recent-label" />
            {c.status === 'no_show' ? <Bi text={S.noShow} class="recent-mark" /> : <span class="recent-counter ltr-num">{c.counter}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Which counters are open now (a paused one is dimmed): citizens see where service is running. */
function OpenCounters({ counters }: { counters: { number: number; paused: boolean }[] }) {
  return (
    <div class="open-counters" data-testid="display-open-counters" data-open={counters.map((c) => c.number).join(' ')}>
      <Bi text={S.openCounters} class="open-title" />
      <span class="open-list">
        {counters.length === 0 && <Bi text={S.noneOpen} class="open-none" />}
        {counters.map((c) => (
          <span
            key={c.number}
            class={`open-chip ltr-num${c.paused ? ' paused' : ''}`}
            data-testid={`open-counter-${c.number}`}
            data-paused={c.paused ? '1' : '0'}
          >
            {c.number}
          </span>
        ))}
      </span>
    </div>
  );
}

function WaitingPanel({ tiles }: { tiles: QueueTile[] }) {
  return (
    <section class="panel waiting">
      <h2 class="panel-title">
        <Bi text={S.waiting} />
      </h2>
      <ul class="queue-list">
        {tiles.map((q) => (
          <li key={q.prefix} class={`queue${q.appointments ? ' queue-appt' : ''}`} data-prefix={q.prefix}>
            <span
              class="queue-prefix ltr-num"
              aria-hidden="true"
              style={q.colour ? { '--svc': q.colour, '--svc-ink': inkOn(q.colour) } : undefined}
              data-colour={q.colour ?? undefined}
            >
              {q.prefix}
            </span>
            <span class="queue-names">
              <span class="ar" lang="ar" dir="rtl">
                {q.nameAr}
              </span>
              <span class="en" lang="en" dir="ltr">
                {q.nameEn}
              </span>
            </span>
            <span class="queue-count ltr-num" data-testid={`waiting-${q.prefix}`} data-value={q.waiting}>
              {q.waiting}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One line of the ticker; scrolls back and forth when longer than the screen is wide. */
function TickerLine({ text, lang }: { text: string; lang: 'ar' | 'en' }) {
  const box = useRef<HTMLSpanElement>(null);
  const inner = useRef<HTMLSpanElement>(null);
  const [shift, setShift] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      if (!box.current || !inner.current) return;
      setShift(Math.max(0, Math.ceil(inner.current.scrollWidth - box.current.clientWidth)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [text]);
  const style = shift > 0 ? { '--shift': `${lang === 'ar' ? shift : -shift}px`, '--dur': `${Math.max(8, shift / 60 + 6)}s` } : undefined;
  return (
    <span class={`ticker-line ${lang}`} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} ref={box}>
      <span class={`ticker-text${shift > 0 ? ' scrolls' : ''}`} ref={inner} style={style}>
        {text}
      </span>
    </span>
  );
}

/** The footer ticker: one message at a time (Arabic over English), the next every `rotateMs`; a new broadcast shows at once. */
function Ticker({ items, rotateMs }: { items: TickerItem[]; rotateMs: number }) {
  const [pos, setPos] = useState(TICKER_START);
  const current = useRef(items);
  current.current = items;
  const keys = items.map((m) => m.key).join('\n');
  // The list changed (a broadcast came, expired or was removed; the settings changed).
  useEffect(() => setPos((p) => tickerStep(current.current, p, false)), [keys]);
  useEffect(() => {
    if (items.length < 2) return;
    const timer = setTimeout(() => setPos((p) => tickerStep(current.current, p, true)), rotateMs);
    return () => clearTimeout(timer);
  }, [pos.key, pos.index, items.length, rotateMs]);
  if (items.length === 0) return null;
  // Until the effect has caught up with a changed list, the message in the shown one's place.
  const m = items.find((x) => x.key === pos.key) ?? items[pos.index % items.length]!;
  return (
    <footer class="ticker" data-testid="display-ticker" data-key={m.key} data-count={items.length}>
      <div class={`ticker-msg${m.live ? ' live' : ''}`} key={`${m.key}|${m.ar}|${m.en}`}>
        <TickerLine text={m.ar} lang="ar" />
        <TickerLine text={m.en} lang="en" />
      </div>
    </footer>
  );
}

function Banner({ reason }: { reason: 'unreachable' | 'disconnected' }) {
  return (
    <div class="offline" role="alert" data-testid="display-offline" data-reason={reason}>
      <Spinner />
      <Bi text={reason === 'unreachable' ? S.offline : S.reconnecting} />
    </div>
  );
}

function SoundHint({ onTap }: { onTap(): void }) {
  return (
    <button type="button" class="sound-hint" data-testid="sound-hint" onClick={onTap}>
      <svg viewBox="0 0 24 24" width="1.4em" height="1.4em" aria-hidden="true">
        <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
        <path d="M17 9l5 6M22 9l-5 6" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <Bi text={S.soundHint} />
    </button>
  );
}

/** A render error must not leave a dead screen on the wall: say so, then reload. */
export class Guard extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(err: unknown) {
    console.error('display crashed; reloading in 15 s', err);
    this.setState({ failed: true });
    setTimeout(() => location.reload(), 15_000);
  }
  override render() {
    if (this.state.failed) {
      return (
        <div class="board-message" data-testid="display-crashed">
          <Bi text={S.loading} />
        </div>
      );
    }
    return this.props.children;
  }
}

// --- the board

export function DisplayApp({ config, player, pairError = null }: { config: DisplayConfig; player: VoicePlayer; pairError?: string | null }) {
  const [state, setState] = useState<PublicHallState | null>(null);
  const [seq, setSeq] = useState(-1);
  const [socketUp, setSocketUp] = useState(true);
  const [unpaired, setUnpaired] = useState(false);
  const [beat, setBeat] = useState<HeartbeatState | null>(null);
  const [sound, setSound] = useState<SoundState>(player.state);
  const [speaking, setSpeaking] = useState<string | null>(null);
  const [nowLocal, setNowLocal] = useState(() => Date.now());
  // Live-only details (gone after a snapshot, on purpose): recall times and highlight deadlines.
  const recalledAt = useRef(new Map<string, number>());
  const freshUntil = useRef(new Map<string, number>());
  const [, setTick] = useState(0);

  const announcer = useMemo(() => {
    const a = new Announcer(player);
    // Test hooks, there from the first render on.
    window.__announcements = a.all;
    window.__announcer = a.hook();
    return a;
  }, [player]);
  useEffect(() => announcer.onChange(() => setSpeaking(announcer.current?.ticketId ?? null)), [announcer]);

  useEffect(() => player.onChange(() => setSound(player.state)), [player]);

  // --- the live feed
  useEffect(() => {
    const line = hubSocket(
      { connection: setSocketUp, unauthenticated: () => setUnpaired(true) },
      { graceMs: config.graceMs, retryMs: 15_000 },
      { reconnectionDelayMax: 5000 },
    );
    const socket = line.socket;
    publicFeed(socket, {
      snapshot: (s, n) => {
        // A new picture of the hall: nothing of it is announced or highlighted.
        recalledAt.current.clear();
        freshUntil.current.clear();
        announcer.observe(s);
        setUnpaired(false);
        setState(s);
        setSeq(n);
      },
      events: (events, s, seq) => {
        const now = Date.now();
        for (const e of events) {
          if (e.type === 'ticket_recalled') recalledAt.current.set(e.ticketId, e.at);
          if (e.type === 'ticket_called' || e.type === 'ticket_recalled') freshUntil.current.set(e.ticketId, now + config.flashMs);
          if (e.type === 'day_opened') {
            recalledAt.current.clear();
            freshUntil.current.clear();
          }
        }
        announcer.fromDelta(events, s, seq);
        setState(s);
        setSeq(seq);
      },
    });
    socket.on('disconnect', () => heartbeat.poke());
    const heartbeat = new Heartbeat({
      intervalMs: config.heartbeatMs,
      onChange: (b) => {
        setBeat(b);
        // The hub answers but the socket is down and not retrying: nudge it.
        if (b.reachable && !socket.connected && !socket.active) socket.connect();
      },
    }).start();
    return () => {
      heartbeat.stop();
      line.close();
    };
  }, [announcer, config]);

  // --- one tick a second: the clock, and highlights running out
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      setNowLocal(now);
      for (const [id, until] of freshUntil.current) if (until <= now) freshUntil.current.delete(id);
      setTick((n) => n + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  // A tap or a key anywhere unlocks the sound where autoplay is blocked.
  useEffect(() => {
    const unlock = () => player.unlock();
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, unlock, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, unlock, { capture: true });
    };
  }, [player]);

  const timeZone = state?.settings.timeZone ?? DEFAULT_TIME_ZONE;
  const hallNow = nowLocal + (beat?.offsetMs ?? 0);
  const recent = state ? recentCalls(state, recalledAt.current, config.recent) : [];
  const current = currentCalls(recent, freshUntil.current, nowLocal, MAX_CURRENT, speaking);
  const currentIds = new Set(current.items.map((c) => c.ticketId));
  const tiles = state ? queueTiles(state, S.appointments) : [];
  const hallName = state?.settings.hallName ?? DEFAULT_SETTINGS.hallName;
  const offline: 'unreachable' | 'disconnected' | null = beat?.reachable === false ? 'unreachable' : !socketUp ? 'disconnected' : null;
  const showHint = sound === 'blocked';

  let main;
  if (unpaired) {
    main = (
      <div class="board-message unpaired" data-testid="display-unpaired">
        <h1>
          <Bi text={S.unpairedTitle} />
        </h1>
        <p>
          <Bi text={pairError ? S.unpairedBadCode : S.unpairedBody} />
        </p>
      </div>
    );
  } else if (!state) {
    main = (
      <div class="board-message" data-testid="display-loading">
        <Spinner />
        <Bi text={S.loading} />
      </div>
    );
  } else {
    main = (
      <main class={`board-main${offline ? ' stale' : ''}`}>
        <CurrentPanel items={current.items} fresh={current.fresh} speaking={speaking} open={openCounters(state)} />
        <RecentPanel items={recent} currentIds={currentIds} rows={config.recent} />
        <WaitingPanel tiles={tiles} />
      </main>
    );
  }

  return (
    <div class="board" dir="rtl" lang="ar" data-sound={sound} data-seq={seq}>
      <header class="board-header">
        <div class="brand">
          <Logo />
          <span class="hall">
            <span class="hall-ar" lang="ar" dir="rtl">
              {hallName.ar}
            </span>
            <span class="hall-en" lang="en" dir="ltr">
              {hallName.en}
            </span>
          </span>
        </div>
        {showHint && <SoundHint onTap={() => player.unlock()} />}
        <Clock hallNow={hallNow} timeZone={timeZone} />
        {/* over the header, so the board below keeps its layout */}
        {offline && <Banner reason={offline} />}
      </header>
      {main}
      {/* judged on the hub's clock: an expired broadcast leaves within a second */}
      {state && <Ticker items={tickerItems(state, hallNow)} rotateMs={config.rotateMs} />}
    </div>
  );
}
