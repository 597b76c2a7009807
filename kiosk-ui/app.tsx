// The check-in kiosk: a small state machine over the screens, live hall data over Socket.IO,
// a keyboard-wedge scanner on every screen, and an idle reset to the start screen in Arabic.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isApiFailure, retryAfterSeconds, type ApiFailure } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { DEFAULT_SETTINGS } from '../protocol/domain.ts';
import type { PublicHallState } from '../protocol/state.ts';
import { publicFeed } from '../ui-kit/hall-feed.ts';
import { hubSocket } from '../ui-kit/hub-socket.ts';
import { serviceTiles } from '../engine/select.ts';
import { openingOn } from '../engine/time.ts';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { applyDocumentLang, DEFAULT_LANG, DEFAULT_TIME_ZONE, dir, formatDate, formatTime, otherLang, type Lang } from '../ui-kit/i18n.ts';
import { LangContext, Logo, Spinner } from '../ui-kit/components.tsx';
import { AccessToggle, Bi } from './components.tsx';
import { kioskTimings, type KioskConfig } from './config.ts';
import { t, type MessageKey } from './i18n.ts';
import { GlobeIcon } from '../ui-kit/icons.tsx';
import { ContrastIcon, PrinterIcon, SpeakerIcon, TextSizeIcon } from './icons.tsx';
import type { ReadAloudView } from './read-aloud-plan.ts';
import { TicketRequests } from './requests.ts';
import { classifyScan, scanChar, WedgeScanner } from './scanner.ts';
import {
  AppointmentScreen,
  BackButton,
  ClosedScreen,
  MessageScreen,
  PinScreen,
  PhoneScreen,
  PriorityScreen,
  ServicesScreen,
  StaffPanel,
  StartScreen,
  TicketScreen,
  UnpairedScreen,
  WaitScreen,
  type MessageKind,
  type TicketVia,
} from './screens.tsx';
import type { PrinterStatusMessage, Priority, Receipt, ServiceTile } from './types.ts';

type Screen =
  | { name: 'start' }
  | { name: 'appointment' }
  | { name: 'services' }
  /** `phone`: the mobile typed for SMS ("your turn is near", "called"), if any. */
  | { name: 'priority'; tile: ServiceTile; phone: string | null }
  | { name: 'phone'; tile: ServiceTile; phone: string | null }
  | { name: 'ticket'; receipt: Receipt; via: TicketVia }
  | { name: 'message'; kind: MessageKind; comeBackAt?: number; reprint?: Reprint }
  | { name: 'wait'; request: TicketRequest; until: number }
  | { name: 'pin' }
  | { name: 'staff' };

/** A citizen's ticket request, kept while the kiosk guard makes it wait, then sent again by itself. */
type TicketRequest =
  | { kind: 'checkIn'; by: { cpr: string } | { reference: string } }
  | { kind: 'walkIn'; serviceId: string; priority: Priority; phone: string | null };

/** A ticket the citizen already holds (the paper lost): its number, and whose it is for `kiosk.reprint`. */
type Reprint = { label: string; by: InputOf<'kiosk.reprint'> };

/** The ticket a repeated check-in names (ALREADY_CHECKED_IN's details), or null. */
function heldLabel(e: unknown): string | null {
  if (!isApiFailure(e) || e.code !== 'ALREADY_CHECKED_IN') return null;
  const label = (e.details as { label?: unknown } | undefined)?.label;
  return typeof label === 'string' ? label : null;
}

const START: Screen = { name: 'start' };
const SECRET_TAPS = 5;
const SECRET_WINDOW_MS = 3000;

/** The voice: a lazy chunk, fetched on the first press of "read aloud" (kiosk-ui/read-aloud.ts). */
type Voice = typeof import('./read-aloud.ts');
let voice: Promise<Voice> | null = null;
const loadVoice = () => (voice ??= import('./read-aloud.ts'));

/** What "read aloud" says on a screen; null where there is nothing to read (the staff's screens). */
function readAloudView(screen: Screen, unpaired: boolean, dayEnded: boolean): ReadAloudView | null {
  if (screen.name === 'pin' || screen.name === 'staff') return null;
  if (unpaired) return { screen: 'unpaired' };
  if (dayEnded) return { screen: 'closed' };
  if (screen.name === 'ticket') return { screen: 'ticket', label: screen.receipt.ticket.label };
  if (screen.name === 'message') return { screen: 'message', ...(screen.reprint && { label: screen.reprint.label }) };
  return { screen: screen.name };
}

/** Which message an API failure deserves. */
function messageFor(e: unknown): MessageKind | 'unpaired' {
  if (!isApiFailure(e)) return 'error';
  switch (e.code) {
    case 'RATE_LIMITED':
      return 'rateLimited';
    case 'NO_APPOINTMENT_TODAY':
    case 'APPOINTMENT_NOT_FOUND':
      return 'noAppointment';
    case 'ALREADY_CHECKED_IN':
      return 'alreadyCheckedIn';
    case 'VALIDATION_FAILED':
      return 'badCode';
    case 'UNKNOWN_SERVICE':
    case 'SERVICE_NOT_AVAILABLE':
    case 'DAY_CLOSED':
      return 'unavailable';
    case 'DAY_ENDED':
      return 'dayEnded';
    case 'UNAUTHENTICATED':
      return 'unpaired';
    case 'NETWORK':
    case 'TIMEOUT':
      return 'offline';
    default:
      return e.status === 429 ? 'rateLimited' : e.status >= 500 || e.status === 0 ? 'offline' : 'error';
  }
}

function printerMessageKey(p: PrinterStatusMessage): MessageKey {
  const s = p.status;
  if (!s?.online) return 'printer.offline';
  if (s.paperOut) return 'printer.paperOut';
  if (s.coverOpen) return 'printer.coverOpen';
  return 'printer.problem';
}

export function KioskApp({ config, pairError = null }: { config: KioskConfig; pairError?: string | null }) {
  const [lang, setLang] = useState<Lang>(DEFAULT_LANG);
  // Reading aids a citizen switches on for their own visit; the next citizen starts without them.
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const [screen, setScreen] = useState<Screen>(START);
  // "Read aloud": speaking now; used in this visit (then the ticket, once printed, is read by itself).
  const [speaking, setSpeaking] = useState(false);
  const readAloudUsed = useRef(false);
  const speech = useRef(0);
  const [busy, setBusy] = useState(false);
  // The live hall (the feed folds deltas into one state in place: `seq` marks each change).
  const [hall, setHall] = useState<{ state: PublicHallState; seq: number } | null>(null);
  const [printer, setPrinter] = useState<PrinterStatusMessage | null>(null);
  // The weekly opening hours (they live outside the hall state): the tiles say when the counters open.
  const [hours, setHours] = useState<ReplyOf<'hours.get'>['days']>([]);
  const [connected, setConnected] = useState(true);
  const [unpaired, setUnpaired] = useState(false);
  const [pinError, setPinError] = useState<MessageKey | null>(null);
  const [pinWaitUntil, setPinWaitUntil] = useState<number | null>(null);
  // The hall clock: the hub's time (it may be pinned for a demo), shown in the hall's zone.
  const { now: hallNow } = useHubClock();
  // A portrait floor kiosk keeps Back and the language in the bottom bar, within a wheelchair user's reach.
  const portrait = useMedia('(orientation: portrait)');
  const busyRef = useRef(false);
  const screenRef = useRef<Screen>(screen);
  screenRef.current = screen;
  const settings = hall?.state.settings ?? null;
  const timeZone = settings?.timeZone ?? DEFAULT_TIME_ZONE;
  const timings = kioskTimings(config, settings);
  // The supervisor ended the day early: nothing more is issued until the next day opens (its day_opened clears this).
  const dayEnded = hall !== null && hall.state.endedAt !== null;

  useEffect(() => applyDocumentLang(lang), [lang]);
  // On <html>: the kiosk's whole layout is sized in rem from the root font size.
  useEffect(() => {
    document.documentElement.classList.toggle('text-large', largeText);
    document.documentElement.classList.toggle('contrast-high', highContrast);
  }, [largeText, highContrast]);

  const stopReading = useCallback(() => {
    speech.current++;
    setSpeaking(false);
    // Nothing to stop before the voice was ever loaded.
    if (voice) void voice.then((v) => v.stop());
  }, []);

  const readAloud = useCallback(async (view: ReadAloudView) => {
    const mine = ++speech.current;
    setSpeaking(true);
    try {
      await (await loadVoice()).say(view);
    } catch {
      // The chunk could not load (the hub restarted with a new build): the button just stays quiet.
    }
    if (speech.current === mine) setSpeaking(false);
  }, []);

  const goStart = useCallback((resetLang = false) => {
    setScreen(START);
    setPinError(null);
    stopReading();
    if (resetLang) {
      readAloudUsed.current = false;
      setLang(DEFAULT_LANG);
      setLargeText(false);
      setHighContrast(false);
    }
    (document.activeElement as HTMLElement | null)?.blur?.();
  }, []);

  // A new screen silences the last one's words; the ticket is read by itself for a citizen who used the voice.
  const view = readAloudView(screen, unpaired, dayEnded);
  useEffect(() => {
    stopReading();
    if (view?.screen === 'ticket' && readAloudUsed.current) void readAloud(view);
  }, [screen, unpaired, dayEnded]);

  const onReadAloud = () => {
    if (speaking) return stopReading();
    if (!view) return;
    readAloudUsed.current = true;
    void readAloud(view);
  };

  // --- the live feed: the hall state (snapshot, deltas, resync on a gap) the service tiles are computed from
  useEffect(() => {
    // Not paired yet: the unpaired screen, while the line keeps trying until a supervisor pairs the kiosk.
    const line = hubSocket({ connection: setConnected, unauthenticated: () => setUnpaired(true) }, { graceMs: 3000, retryMs: 15_000 });
    const socket = line.socket;
    publicFeed(socket, {
      snapshot: (state, seq) => {
        setHall({ state, seq });
        setUnpaired(false);
        // Read again on each (re)connect; without them the tiles only lack the opening time.
        call('hours.get', {}).then(
          (r) => setHours(r.days),
          () => undefined,
        );
      },
      events: (_events, state, seq) => setHall({ state, seq }),
    });
    socket.on('printer:status', (m: PrinterStatusMessage) => {
      if (m && typeof m.ok === 'boolean') setPrinter(m);
    });
    return () => {
      line.close();
    };
  }, []);

  // --- idle: back to the start screen and Arabic
  useEffect(() => {
    const atRest = screen.name === 'start' && lang === DEFAULT_LANG && !largeText && !highContrast;
    if (atRest || screen.name === 'ticket' || screen.name === 'wait' || busy) return;
    let timer = setTimeout(() => goStart(true), timings.idleMs);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => goStart(true), timings.idleMs);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, poke, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, poke, { capture: true });
    };
  }, [screen, lang, largeText, highContrast, busy, timings.idleMs, goStart]);

  // The ticket stays for a fixed time (longer when printing failed), then the kiosk is free again.
  const ticketTimeout = screen.name === 'ticket' ? (screen.receipt.print?.ok === false ? timings.ticketFailedMs : timings.ticketMs) : 0;
  useEffect(() => {
    if (screen.name !== 'ticket') return;
    const timer = setTimeout(() => goStart(true), ticketTimeout);
    return () => clearTimeout(timer);
  }, [screen, ticketTimeout, goStart]);

  // A service taken out while its citizen chooses a priority: back to the tiles, where it is gone.
  const pickedService = screen.name === 'priority' ? hall?.state.services[screen.tile.service.id] : undefined;
  useEffect(() => {
    if (pickedService && !pickedService.active) setScreen({ name: 'services' });
  }, [pickedService?.active]);

  // --- requests (one at a time: a double tap never issues two tickets)
  const run = useCallback(async (work: () => Promise<void>, request?: TicketRequest) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    try {
      await work();
    } catch (e) {
      const kind = messageFor(e);
      const wait = retryAfterSeconds(e, 'RATE_LIMITED');
      const held = heldLabel(e);
      if (wait !== null && request) setScreen({ name: 'wait', request, until: Date.now() + wait * 1000 });
      else if (held && request?.kind === 'checkIn') setScreen({ name: 'message', kind: 'alreadyCheckedIn', reprint: { label: held, by: request.by } });
      else if (kind === 'unpaired') setUnpaired(true);
      else setScreen({ name: 'message', kind });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  // Ticket requests carry a requestId per citizen action and are retried with it when the reply is
  // lost, so a hiccup never costs the citizen their ticket nor gives them two (kiosk-ui/requests.ts).
  const requests = useMemo(() => new TicketRequests(), []);

  const checkIn = useCallback(
    (by: { cpr: string } | { reference: string }) =>
      run(
        async () => {
          const choice = 'cpr' in by ? `check-in:cpr:${by.cpr}` : `check-in:ref:${by.reference.toUpperCase()}`;
          const reply = await requests.send('kiosk.checkIn', by, choice);
          switch (reply.outcome) {
            case 'checked_in':
            case 'late_converted': {
              const { outcome, ...receipt } = reply;
              setScreen({ name: 'ticket', receipt, via: outcome });
              break;
            }
            case 'too_early':
              setScreen({ name: 'message', kind: 'tooEarly', comeBackAt: reply.comeBackAt });
              break;
            case 'too_late':
              setScreen({ name: 'message', kind: 'tooLate' });
              break;
          }
        },
        { kind: 'checkIn', by },
      ),
    [run, requests],
  );

  const issueWalkin = useCallback(
    (serviceId: string, priority: Priority, phone: string | null) =>
      run(
        async () => {
          const receipt = await requests.send('kiosk.walkIn', { serviceId, priority, phone }, `walk-in:${serviceId}:${priority}:${phone ?? ''}`);
          setScreen({ name: 'ticket', receipt, via: 'walkin' });
        },
        { kind: 'walkIn', serviceId, priority, phone },
      ),
    [run, requests],
  );

  // A lost paper: the same ticket printed again on this kiosk (never a new number).
  const reprint = useCallback(
    (by: Reprint['by']) =>
      run(async () => {
        const receipt = await call('kiosk.reprint', by);
        setScreen({ name: 'ticket', receipt, via: 'reprint' });
      }),
    [run],
  );

  // A status link scanned from a phone: that ticket's number, with the offer to print it again.
  const offerReprint = useCallback(
    (statusToken: string) =>
      run(async () => {
        const found = await call('tickets.status', { token: statusToken }).catch(() => null);
        const open = found && (found.ticket.status === 'waiting' || found.ticket.status === 'called');
        setScreen(
          open ? { name: 'message', kind: 'haveTicket', reprint: { label: found.ticket.label, by: { statusToken } } } : { name: 'message', kind: 'badCode' },
        );
      }),
    [run],
  );

  // The guard's wait is over: the kept request goes again by itself (same choice, so the same requestId).
  const waiting = screen.name === 'wait' ? screen : null;
  useEffect(() => {
    if (!waiting) return;
    const r = waiting.request;
    const timer = setTimeout(
      () => void (r.kind === 'checkIn' ? checkIn(r.by) : issueWalkin(r.serviceId, r.priority, r.phone)),
      Math.max(0, waiting.until - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [waiting, checkIn, issueWalkin]);

  const exitKiosk = useCallback((pin: string) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    call('kiosk.exit', { pin })
      .then(() => {
        setPinError(null);
        setPinWaitUntil(null);
        setScreen({ name: 'staff' });
      })
      .catch((e: ApiFailure) => {
        const wait = retryAfterSeconds(e, 'LOGIN_THROTTLED');
        setPinWaitUntil(wait === null ? null : Date.now() + wait * 1000);
        setPinError(wait !== null ? null : e.code === 'WRONG_PIN' || e.status === 403 ? 'staff.wrongPin' : 'msg.offline.title');
      })
      .finally(() => {
        busyRef.current = false;
        setBusy(false);
      });
  }, []);

  // --- the keyboard-wedge scanner, on every screen
  const scanner = useMemo(() => new WedgeScanner(config.scanGapMs), [config.scanGapMs]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const ch = e.key === 'Enter' ? 'Enter' : scanChar(e);
      const text = scanner.feed(ch, e.timeStamp || performance.now());
      if (text === null) return;
      // A scan: its Enter must not also press whatever button has focus.
      e.preventDefault();
      e.stopPropagation();
      const s = screenRef.current.name;
      if (s === 'pin' || s === 'staff' || busyRef.current) return;
      const scan = classifyScan(text);
      if (scan.kind === 'cpr') void checkIn({ cpr: scan.cpr });
      else if (scan.kind === 'reference') void checkIn({ reference: scan.reference });
      else if (scan.kind === 'status') void offerReprint(scan.token);
      else setScreen({ name: 'message', kind: 'badCode' });
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [scanner, checkIn, offerReprint]);

  // --- the hidden staff gesture: 5 taps within 3 s on the logo, on the start screen
  const taps = useRef<number[]>([]);
  const onLogoTap = () => {
    if (screenRef.current.name !== 'start') return;
    const at = Date.now();
    taps.current = [...taps.current.filter((x) => at - x < SECRET_WINDOW_MS), at];
    if (taps.current.length >= SECRET_TAPS) {
      taps.current = [];
      setPinError(null);
      setScreen({ name: 'pin' });
    }
  };

  const hallName = settings?.hallName ?? DEFAULT_SETTINGS.hallName;
  const printerProblem = printer && !printer.ok ? printerMessageKey(printer) : null;

  const staffScreen = screen.name === 'pin' || screen.name === 'staff';
  // The unpaired and the closed screens stand in for the citizen's screen: nothing to go back to.
  const standIn = (unpaired || dayEnded) && !staffScreen;
  // Back, per screen: beside the title, or in the bottom bar when portrait.
  let back: (() => void) | undefined;
  if (!standIn) {
    if (screen.name === 'appointment' || screen.name === 'services') back = () => goStart();
    else if (screen.name === 'priority') back = () => setScreen({ name: 'services' });
    else if (screen.name === 'phone') {
      const { tile, phone } = screen;
      back = () => setScreen({ name: 'priority', tile, phone });
    }
  }
  const titleBack = portrait ? undefined : back;

  const langToggle = (
    <button type="button" class="btn lang-toggle" data-testid="lang-toggle" lang={otherLang(lang)} onClick={() => setLang(otherLang(lang))}>
      <GlobeIcon size="1.3em" />
      <span>{t(lang, 'lang.switchTo')}</span>
    </button>
  );

  let body;
  if (unpaired && !staffScreen) {
    body = <UnpairedScreen pairError={pairError} />;
  } else if (dayEnded && !staffScreen) {
    body = <ClosedScreen footer={settings?.ticketFooter ?? null} />;
  } else {
    switch (screen.name) {
      case 'start':
        body = <StartScreen onAppointment={() => setScreen({ name: 'appointment' })} onWalkin={() => setScreen({ name: 'services' })} />;
        break;
      case 'appointment':
        body = <AppointmentScreen busy={busy} onBack={titleBack} onSubmit={(cpr) => void checkIn({ cpr })} />;
        break;
      case 'services':
        // Computed from the live state on the hub's clock: exactly what the hub's `services.list` would say, and estimates move with time.
        body = (
          <ServicesScreen
            tiles={hall && serviceTiles(hall.state, hallNow, openingOn(hall.state.day, hours, timeZone)).services}
            busy={busy}
            onBack={titleBack}
            onPick={(tile) => setScreen({ name: 'priority', tile, phone: null })}
          />
        );
        break;
      case 'priority':
        body = (
          <PriorityScreen
            service={pickedService ?? screen.tile.service}
            busy={busy}
            onBack={titleBack}
            phone={screen.phone}
            onPhone={() => setScreen({ name: 'phone', tile: screen.tile, phone: screen.phone })}
            onPick={(p) => void issueWalkin(screen.tile.service.id, p, screen.phone)}
          />
        );
        break;
      case 'phone':
        body = <PhoneScreen initial={screen.phone} onBack={titleBack} onDone={(phone) => setScreen({ name: 'priority', tile: screen.tile, phone })} />;
        break;
      case 'ticket':
        body = <TicketScreen key={screen.receipt.ticket.id} receipt={screen.receipt} via={screen.via} timeoutMs={ticketTimeout} onDone={() => goStart(true)} />;
        break;
      case 'message':
        body = (
          <MessageScreen
            kind={screen.kind}
            comeBackAt={screen.comeBackAt}
            reprint={screen.reprint ? { label: screen.reprint.label, onPrint: () => void reprint(screen.reprint!.by) } : undefined}
            timeZone={timeZone}
            onDone={() => goStart(true)}
            onWalkin={() => setScreen({ name: 'services' })}
          />
        );
        break;
      case 'wait': {
        const r = screen.request;
        const service = r.kind === 'walkIn' ? hall?.state.services[r.serviceId] : undefined;
        body = <WaitScreen until={screen.until} service={service ?? null} onCancel={() => goStart(true)} />;
        break;
      }
      case 'pin':
        body = <PinScreen busy={busy} error={pinError} waitUntil={pinWaitUntil} onCancel={() => goStart()} onSubmit={exitKiosk} />;
        break;
      case 'staff':
        body = (
          <StaffPanel
            connected={connected}
            printerOk={printer ? printer.ok : null}
            printerText={printer && !printer.ok ? (printer.message ?? t(lang, printerMessageKey(printer))) : null}
            onClose={() => goStart()}
          />
        );
        break;
    }
  }

  return (
    <LangContext.Provider value={lang}>
      <div class={`kiosk lang-${lang} screen-${screen.name}`} dir={dir(lang)} lang={lang} data-screen={screen.name} data-lang={lang}>
        <header class="kiosk-header">
          <button type="button" class="brand" data-testid="staff-corner" tabIndex={-1} aria-hidden="true" onClick={onLogoTap}>
            <Logo />
            <span class="hall">
              <span class="hall-first" lang={lang}>
                {hallName[lang]}
              </span>
              <span class="hall-second" lang={otherLang(lang)} dir={dir(otherLang(lang))}>
                {hallName[otherLang(lang)]}
              </span>
            </span>
          </button>
          <div class="header-end">
            {!connected && (
              <span class="conn-pill" role="status" data-testid="reconnecting">
                <Spinner />
                <span lang={lang}>{t(lang, 'common.reconnecting')}</span>
              </span>
            )}
            <div class="clock">
              <span class="clock-time ltr-num">{formatTime(hallNow, lang, timeZone)}</span>
              <span class="clock-date" lang={lang}>
                {formatDate(hallNow, lang, timeZone)}
              </span>
            </div>
            {!portrait && langToggle}
          </div>
        </header>
        {printerProblem && (
          <div class="printer-banner" data-testid="printer-banner" role="status" data-problem={printerProblem}>
            <PrinterIcon size="1.5em" />
            <span class="printer-text">
              <Bi k={printerProblem} />
            </span>
          </div>
        )}
        <main class="kiosk-main">{body}</main>
        {/* Portrait: a bottom bar with Back and the language under the reading aids; landscape: the aids only. */}
        {(portrait || !staffScreen) && (
          <footer class="kiosk-access">
            {portrait && back && <BackButton onBack={back} />}
            {!staffScreen && (
              <div class="access-aids">
                <AccessToggle k="access.largeText" testId="large-text-toggle" on={largeText} onToggle={() => setLargeText(!largeText)}>
                  <TextSizeIcon size="1.4em" />
                </AccessToggle>
                <AccessToggle k="access.contrast" testId="contrast-toggle" on={highContrast} onToggle={() => setHighContrast(!highContrast)}>
                  <ContrastIcon size="1.4em" />
                </AccessToggle>
                {/* Pressed while speaking: a press then stops the voice. */}
                <AccessToggle k="access.readAloud" testId="read-aloud" on={speaking} onToggle={onReadAloud}>
                  <SpeakerIcon size="1.4em" />
                </AccessToggle>
              </div>
            )}
            {portrait && langToggle}
          </footer>
        )}
        {busy && (
          <div class="busy" data-testid="busy" role="status">
            <div class="busy-card">
              <Spinner />
              <span>
                <Bi k="common.busy" />
              </span>
            </div>
          </div>
        )}
      </div>
    </LangContext.Provider>
  );
}

/** Whether a CSS media query matches, following changes (a screen turned, a window resized). */
function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
