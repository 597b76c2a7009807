// The kiosk's screens: presentational, driven by the App's state machine (app.tsx).
import { useEffect, useState } from 'preact/hooks';
import { formatNumber, formatTime } from '../ui-kit/i18n.ts';
import { inkOn } from '../ui-kit/colour.ts';
import { formatWait, Pair, useLang, useSecondsLeft } from '../ui-kit/components.tsx';
import { Bi, DigitBoxes, Keypad } from './components.tsx';
import { durationText, t, waitText, type MessageKey } from './i18n.ts';
import { QrCode } from './qr.tsx';
import {
  AlertIcon,
  CalendarCheckIcon,
  CheckCircleIcon,
  ClockIcon,
  CloseIcon,
  HomeIcon,
  InfoIcon,
  LockIcon,
  PriorityIcon,
  ServiceIcon,
  TicketIcon,
} from '../ui-kit/icons.tsx';
import { ArrowBackIcon, EyeIcon, PhoneIcon, PrinterIcon, ReloadIcon, ScanIcon } from './icons.tsx';
import { PRIORITIES, type Priority, type Receipt, type Service, type ServiceTile } from './types.ts';

export const CPR_LENGTH = 9;
/** The CPR's last digits stay visible so the citizen can check them; the rest hides from bystanders. */
const CPR_SHOWN_DIGITS = 3;
/** How long a digit just typed shows before it turns into a dot. */
export const CPR_REVEAL_MS = 900;

/** Back: beside the screen's title, or in the bottom bar of a portrait kiosk (within a wheelchair user's reach, app.tsx). */
export function BackButton({ onBack }: { onBack(): void }) {
  const lang = useLang();
  return (
    <button type="button" class="btn btn-ghost back-btn" data-testid="back" onClick={onBack}>
      <ArrowBackIcon size="1.3em" />
      <span lang={lang}>{t(lang, 'common.back')}</span>
    </button>
  );
}

/** A screen's title, with Back beside it unless `onBack` is left out (the bottom bar has it). */
function ScreenTitle({ k, onBack }: { k: MessageKey; onBack?: (() => void) | undefined }) {
  return (
    <div class="screen-title">
      {onBack && <BackButton onBack={onBack} />}
      <h1 class="title">
        <Bi k={k} />
      </h1>
    </div>
  );
}

// --- 1. start

export function StartScreen({ onAppointment, onWalkin }: { onAppointment(): void; onWalkin(): void }) {
  return (
    <section class="screen start-screen" aria-labelledby="start-title">
      <div class="start-intro">
        <h1 class="title" id="start-title">
          <Bi k="start.welcome" />
        </h1>
        <p class="lead">
          <Bi k="start.prompt" />
        </p>
      </div>
      <div class="start-choices">
        <button type="button" class="choice choice-appointment" data-testid="start-appointment" onClick={onAppointment}>
          <span class="choice-icon">
            <CalendarCheckIcon size="100%" />
          </span>
          <span class="choice-label">
            <Bi k="start.appointment" />
          </span>
          <span class="choice-hint">
            <Bi k="start.appointmentHint" second={false} />
          </span>
        </button>
        <button type="button" class="choice choice-walkin" data-testid="start-walkin" onClick={onWalkin}>
          <span class="choice-icon">
            <TicketIcon size="100%" />
          </span>
          <span class="choice-label">
            <Bi k="start.walkin" />
          </span>
          <span class="choice-hint">
            <Bi k="start.walkinHint" second={false} />
          </span>
        </button>
      </div>
    </section>
  );
}

// --- 2. appointment: CPR keypad (and the scanner, which works everywhere)

export function AppointmentScreen({ onSubmit, onBack, busy }: { onSubmit(cpr: string): void; onBack?: (() => void) | undefined; busy: boolean }) {
  const lang = useLang();
  const [cpr, setCpr] = useState('');
  // The digit just typed shows for a moment; the eye button shows them all while held.
  const [fresh, setFresh] = useState<number | null>(null);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    if (fresh === null) return;
    const timer = setTimeout(() => setFresh(null), CPR_REVEAL_MS);
    return () => clearTimeout(timer);
  }, [fresh, cpr]);
  const complete = cpr.length === CPR_LENGTH;
  const add = (d: string) => {
    if (cpr.length >= CPR_LENGTH || !/^\d$/.test(d)) return;
    setFresh(cpr.length);
    setCpr(cpr + d);
  };
  const hidden = (i: number) => !showAll && i !== fresh && i < CPR_LENGTH - CPR_SHOWN_DIGITS;
  const show = (on: boolean) => () => setShowAll(on);
  return (
    <section class="screen appointment-screen">
      <ScreenTitle k="appt.title" onBack={onBack} />
      <div class="appt-body">
        <div class="appt-entry">
          <p class="prompt">
            <Bi k="appt.prompt" params={{ len: CPR_LENGTH }} />
          </p>
          <DigitBoxes value={cpr} length={CPR_LENGTH} hidden={hidden} testId="cpr-display" />
          <div class="cpr-row">
            <p class="count" lang={lang}>
              {t(lang, 'appt.count', { n: cpr.length, len: CPR_LENGTH })}
            </p>
            <button
              type="button"
              class={`btn btn-ghost eye-btn${showAll ? ' pressed' : ''}`}
              data-testid="cpr-show"
              aria-pressed={showAll}
              disabled={cpr.length === 0}
              onPointerDown={show(true)}
              onPointerUp={show(false)}
              onPointerLeave={show(false)}
              onPointerCancel={show(false)}
              onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && setShowAll(true)}
              onKeyUp={show(false)}
              onContextMenu={(e) => e.preventDefault()}
            >
              <EyeIcon size="1.4em" />
              <span>
                <Bi k="appt.hold" />
              </span>
            </button>
          </div>
          <button type="button" class="btn btn-primary submit" data-testid="cpr-submit" disabled={!complete || busy} onClick={() => complete && onSubmit(cpr)}>
            <Bi k="appt.submit" />
          </button>
          <div class="scan-hint">
            <ScanIcon size="2.4em" />
            <span>
              <Bi k="appt.scanHint" />
            </span>
          </div>
        </div>
        <Keypad
          onDigit={add}
          onClear={() => setCpr('')}
          onBack={() => {
            setFresh(null);
            setCpr((v) => v.slice(0, -1));
          }}
          disabled={busy}
        />
      </div>
    </section>
  );
}

// --- 3. walk-in: service tiles, then the priority step

export function ServicesScreen({
  tiles,
  onPick,
  onBack,
  busy,
}: {
  tiles: ServiceTile[] | null;
  onPick(tile: ServiceTile): void;
  onBack?: (() => void) | undefined;
  busy: boolean;
}) {
  const lang = useLang();
  const visible = (tiles ?? []).filter((x) => x.service.kioskVisible);
  return (
    <section class="screen services-screen">
      <ScreenTitle k="services.title" onBack={onBack} />
      {tiles === null ? (
        <div class="loading">
          <span class="spinner" />
        </div>
      ) : visible.length === 0 ? (
        <p class="empty notice notice-info">
          <InfoIcon size="1.6em" />
          <span>
            <Bi k="services.empty" />
          </span>
        </p>
      ) : (
        <div class={`tiles tiles-${Math.min(visible.length, 6)}`}>
          {visible.map((x) => (
            <button
              type="button"
              key={x.service.id}
              class="tile"
              data-testid={`service-${x.service.id}`}
              disabled={busy}
              style={serviceColour(x.service)}
              onClick={() => onPick(x)}
            >
              <span class="tile-icon">
                <ServiceIcon name={x.service.icon} size="100%" />
              </span>
              <span class="tile-name">
                <Pair ar={x.service.nameAr} en={x.service.nameEn} />
              </span>
              <span class="tile-stats">
                <span class="stat" data-testid={`service-${x.service.id}-ahead`} data-value={x.peopleAhead} lang={lang}>
                  {t(lang, 'services.ahead', { n: x.peopleAhead })}
                </span>
                <TileWait tile={x} />
              </span>
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * What a new walk-in of this service faces: the live estimate, or while no counter is open for it,
 * when they open and the wait counted from then.
 */
function TileWait({ tile }: { tile: ServiceTile }) {
  const lang = useLang();
  const early = tile.estimatedWaitMin === null ? tile.beforeOpening : null;
  let lines: string[];
  if (!early) lines = [waitText(lang, tile.estimatedWaitMin)];
  else {
    const d = durationText(lang, early.waitAfterOpeningMin);
    const soon = early.waitAfterOpeningMin < 1;
    lines = early.opensAt
      ? [t(lang, 'services.opensAt', { time: early.opensAt }), soon ? t(lang, 'services.atOpening') : t(lang, 'services.afterOpening', { d })]
      : [t(lang, 'services.noneOpen'), soon ? t(lang, 'services.whenOneOpens') : t(lang, 'services.afterOneOpens', { d })];
  }
  return (
    <span class="stat stat-wait" data-testid={`service-${tile.service.id}-wait`} data-value={tile.estimatedWaitMin ?? ''}>
      <ClockIcon size="1.1em" />
      <span class="stat-lines" lang={lang}>
        {lines.map((line) => (
          <span key={line}>{line}</span>
        ))}
      </span>
    </span>
  );
}

/** A service's colour on its tile and icon, with the ink that reads on it. */
const serviceColour = (service: Service) => ({ '--svc': service.colour, '--svc-ink': inkOn(service.colour) });

/** The service as it is now (the live state's, so a rename shows here too). */
export function PriorityScreen({
  service,
  phone,
  onPhone,
  onPick,
  onBack,
  busy,
}: {
  service: Service;
  /** The mobile typed for SMS, or null. */
  phone: string | null;
  onPhone(): void;
  onPick(p: Priority): void;
  onBack?: (() => void) | undefined;
  busy: boolean;
}) {
  return (
    <section class="screen priority-screen">
      <ScreenTitle k="priority.title" onBack={onBack} />
      <div class="priority-service" style={serviceColour(service)}>
        <span class="tile-icon small">
          <ServiceIcon name={service.icon} size="100%" />
        </span>
        <span class="priority-service-name" data-testid="priority-service">
          <Pair ar={service.nameAr} en={service.nameEn} />
        </span>
      </div>
      <p class="lead">
        <Bi k="priority.hint" />
      </p>
      <div class="priorities">
        {PRIORITIES.map((p) => (
          <button type="button" key={p} class="priority" data-testid={`priority-${p}`} disabled={busy} onClick={() => onPick(p)}>
            <span class="priority-icon">
              <PriorityIcon name={p} size="100%" />
            </span>
            <span class="priority-label">
              <Bi k={`priority.${p}`} />
            </span>
          </button>
        ))}
      </div>
      <button type="button" class={`btn btn-ghost phone-add${phone ? ' has-phone' : ''}`} data-testid="phone-add" disabled={busy} onClick={onPhone}>
        <PhoneIcon size="1.6em" />
        <span>{phone ? <Bi k="phone.set" params={{ phone: spacedPhone(phone) }} /> : <Bi k="phone.add" />}</span>
      </button>
      <button type="button" class="btn btn-primary priority-none" data-testid="priority-none" disabled={busy} onClick={() => onPick('none')}>
        <Bi k="priority.none" />
      </button>
    </section>
  );
}

const PHONE_LENGTH = 8;
/** A Bahraini mobile: 8 digits starting with 3 or 6 (what the hub accepts, protocol/api.ts Phone). */
const isMobile = (v: string) => /^[36]\d{7}$/.test(v);
/** "36 12 34 56": read back in pairs, left to right in both languages. */
const spacedPhone = (v: string) => `\u2066${v.replace(/(\d{2})(?=\d)/g, '$1 ')}\u2069`;

/** The walk-in's optional mobile for "your turn is near" and "called" by SMS; never required. */
export function PhoneScreen({ initial, onDone, onBack }: { initial: string | null; onDone(phone: string | null): void; onBack?: (() => void) | undefined }) {
  const [phone, setPhone] = useState(initial ?? '');
  const valid = isMobile(phone);
  const add = (d: string) => phone.length < PHONE_LENGTH && /^\d$/.test(d) && setPhone(phone + d);
  return (
    <section class="screen appointment-screen phone-screen">
      <ScreenTitle k="phone.title" onBack={onBack} />
      <div class="appt-body">
        <div class="appt-entry">
          <p class="prompt">
            <Bi k="phone.prompt" />
          </p>
          <DigitBoxes value={phone} length={PHONE_LENGTH} testId="phone-display" groups={[2, 2, 2, 2]} />
          <p class="lead phone-why">
            <Bi k={phone.length === PHONE_LENGTH && !valid ? 'phone.invalid' : 'phone.why'} />
          </p>
          <button type="button" class="btn btn-primary submit" data-testid="phone-done" disabled={!valid} onClick={() => onDone(phone)}>
            <Bi k="phone.done" />
          </button>
          <button type="button" class="btn btn-ghost" data-testid="phone-skip" onClick={() => onDone(null)}>
            <Bi k="phone.skip" />
          </button>
        </div>
        <Keypad testPrefix="phone-key" onDigit={add} onClear={() => setPhone('')} onBack={() => setPhone((v) => v.slice(0, -1))} />
      </div>
    </section>
  );
}

// --- 4. ticket

export type TicketVia = 'walkin' | 'checked_in' | 'late_converted' | 'reprint';

export function TicketScreen({ receipt, via, onDone, timeoutMs }: { receipt: Receipt; via: TicketVia; onDone(): void; timeoutMs: number }) {
  const lang = useLang();
  const url = new URL(receipt.statusUrl, location.origin).href;
  const printFailed = receipt.print?.ok === false;
  const s = receipt.service;
  return (
    <section class={`screen ticket-screen${printFailed ? ' print-failed' : ''}`}>
      {via === 'checked_in' && (
        <p class="notice notice-ok" data-testid="ticket-note" data-kind="checked_in">
          <CheckCircleIcon size="1.8em" />
          <span>
            <Bi k="ticket.checkedIn" />
          </span>
        </p>
      )}
      {via === 'reprint' && (
        <p class="notice notice-ok" data-testid="ticket-note" data-kind="reprint">
          <PrinterIcon size="1.8em" />
          <span>
            <Bi k="ticket.reprinted" />
          </span>
        </p>
      )}
      {via === 'late_converted' && (
        <p class="notice notice-warn" data-testid="ticket-note" data-kind="late_converted">
          <InfoIcon size="1.8em" />
          <span>
            <Bi k="ticket.lateConverted" />
          </span>
        </p>
      )}
      <div class="ticket-body">
        <div class="ticket-card card accent-top">
          <p class="ticket-label">
            <Bi k="ticket.yourNumber" />
          </p>
          <p class="ticket-number ltr-num" data-testid="ticket-number" dir="ltr">
            {receipt.ticket.label}
          </p>
          <p class="ticket-service" data-testid="ticket-service" data-service-id={s?.id ?? receipt.ticket.serviceId}>
            {s ? <Pair ar={s.nameAr} en={s.nameEn} /> : receipt.ticket.serviceId}
          </p>
          {receipt.ticket.priority !== 'none' && (
            <p class="chip" data-testid="ticket-priority">
              <PriorityIcon name={receipt.ticket.priority} size="1.2em" />
              <span class="chip-text">
                <Bi k={`priority.${receipt.ticket.priority}`} />
              </span>
            </p>
          )}
          <div class="ticket-stats">
            <div class="ticket-stat">
              <span class="stat-label">
                <Bi k="ticket.ahead" />
              </span>
              <span class="stat-value" data-testid="ticket-ahead" data-value={receipt.peopleAhead}>
                {formatNumber(receipt.peopleAhead, lang)}
              </span>
            </div>
            <div class="ticket-stat">
              <span class="stat-label">
                <Bi k="ticket.wait" />
              </span>
              <span class="stat-value stat-value-text" data-testid="ticket-wait" data-value={receipt.estimatedWaitMin ?? ''} lang={lang}>
                {waitText(lang, receipt.estimatedWaitMin)}
              </span>
            </div>
          </div>
        </div>
        <div class="ticket-side">
          <div class="qr-card card">
            <QrCode url={url} testId="ticket-qr" label={t(lang, 'ticket.qr')} />
            <p class="qr-caption">
              <Bi k="ticket.qr" />
            </p>
          </div>
          {printFailed ? (
            <p class="notice notice-danger print-note" data-testid="print-failed" role="alert">
              <PrinterIcon size="1.8em" />
              <span>
                <Bi k="ticket.printFailed" />
              </span>
            </p>
          ) : receipt.print?.ok ? (
            <p class="notice notice-info print-note" data-testid="print-ok">
              <PrinterIcon size="1.8em" />
              <span>
                <Bi k="ticket.takePrinted" />
              </span>
            </p>
          ) : null}
          <div class="ticket-actions">
            <button type="button" class="btn btn-secondary done-btn" data-testid="ticket-done" onClick={onDone}>
              <Bi k="common.done" />
            </button>
            <div class="countdown" aria-hidden="true">
              <span style={{ animationDuration: `${timeoutMs}ms` }} />
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

// --- outcome messages

export type MessageKind =
  | 'tooEarly'
  | 'tooLate'
  | 'noAppointment'
  | 'alreadyCheckedIn'
  | 'haveTicket'
  | 'rateLimited'
  | 'badCode'
  | 'unavailable'
  | 'dayEnded'
  | 'offline'
  | 'error';

const MESSAGE_STYLE: Record<MessageKind, 'info' | 'warn' | 'danger'> = {
  tooEarly: 'info',
  tooLate: 'warn',
  noAppointment: 'warn',
  alreadyCheckedIn: 'info',
  haveTicket: 'info',
  rateLimited: 'info',
  badCode: 'warn',
  unavailable: 'warn',
  dayEnded: 'info',
  offline: 'danger',
  error: 'danger',
};

export function MessageScreen({
  kind,
  comeBackAt,
  reprint,
  timeZone,
  onWalkin,
  onDone,
}: {
  kind: MessageKind;
  comeBackAt?: number;
  /** The ticket the citizen already holds, offered to print again. */
  reprint?: { label: string; onPrint(): void } | undefined;
  timeZone: string;
  onWalkin(): void;
  onDone(): void;
}) {
  const lang = useLang();
  const style = MESSAGE_STYLE[kind];
  const offerWalkin = kind === 'noAppointment' || kind === 'tooLate';
  const params = comeBackAt !== undefined ? { time: formatTime(comeBackAt, lang, timeZone) } : undefined;
  const Icon = kind === 'tooEarly' || kind === 'dayEnded' ? ClockIcon : style === 'info' ? InfoIcon : AlertIcon;
  return (
    <section class={`screen message-screen message-${style}`}>
      <div class="message-card card accent-top" data-testid="message" data-kind={kind} role="alert">
        <span class="message-icon">
          <Icon size="100%" />
        </span>
        <h1 class="title">
          <Bi k={`msg.${kind}.title`} />
        </h1>
        {kind === 'tooEarly' && comeBackAt !== undefined && (
          <p class="come-back ltr-num" data-testid="come-back-at" data-value={formatTime(comeBackAt, 'en', timeZone)}>
            {formatTime(comeBackAt, lang, timeZone)}
          </p>
        )}
        {reprint && (
          <p class="come-back ltr-num" data-testid="held-ticket" dir="ltr">
            {reprint.label}
          </p>
        )}
        <p class="message-body">
          <Bi k={reprint ? 'msg.reprint.body' : `msg.${kind}.body`} params={params} />
        </p>
        <div class="message-actions">
          {reprint && (
            <button type="button" class="btn btn-primary" data-testid="message-reprint" onClick={reprint.onPrint}>
              <PrinterIcon size="1.4em" />
              <span>
                <Bi k="msg.reprint.action" />
              </span>
            </button>
          )}
          {offerWalkin && (
            <button type="button" class="btn btn-primary" data-testid="message-walkin" onClick={onWalkin}>
              <TicketIcon size="1.4em" />
              <span>
                <Bi k="msg.takeWalkin" />
              </span>
            </button>
          )}
          <button type="button" class={`btn ${offerWalkin || reprint ? 'btn-ghost' : 'btn-secondary'}`} data-testid="message-done" onClick={onDone}>
            <HomeIcon size="1.3em" />
            <span>
              <Bi k={offerWalkin || reprint ? 'common.toStart' : 'common.done'} />
            </span>
          </button>
        </div>
      </div>
    </section>
  );
}

/**
 * The kiosk guard asked this kiosk to wait (a burst of tickets just now): the citizen's choice is
 * kept and the ticket comes by itself when the countdown ends (app.tsx sends the request again).
 */
export function WaitScreen({ until, service, onCancel }: { until: number; service: Service | null; onCancel(): void }) {
  const lang = useLang();
  const seconds = useSecondsLeft(until);
  return (
    <section class="screen message-screen message-info wait-screen">
      <div class="message-card card accent-top" data-testid="wait" role="status">
        <span class="message-icon">
          <ClockIcon size="100%" />
        </span>
        <h1 class="title">
          <Bi k="wait.title" />
        </h1>
        {service && (
          <p class="priority-service" style={serviceColour(service)} data-testid="wait-service">
            <span class="tile-icon small">
              <ServiceIcon name={service.icon} size="100%" />
            </span>
            <span class="priority-service-name">
              <Pair ar={service.nameAr} en={service.nameEn} />
            </span>
          </p>
        )}
        <p class="wait-count ltr-num" data-testid="wait-seconds" data-value={seconds} aria-live="off">
          {formatNumber(seconds, lang)}
        </p>
        <p class="message-body">
          <Bi k="wait.body" params={{ n: seconds }} />
        </p>
        <div class="message-actions">
          <button type="button" class="btn btn-ghost" data-testid="wait-cancel" onClick={onCancel}>
            <CloseIcon size="1.3em" />
            <span>
              <Bi k="common.cancel" />
            </span>
          </button>
        </div>
      </div>
    </section>
  );
}

/** The day was ended early: the hall's words for it and where to book, and nothing to tap. */
export function ClosedScreen({ footer }: { footer: { ar: string; en: string } | null }) {
  return (
    <section class="screen message-screen message-info closed-screen">
      <div class="message-card card accent-top" data-testid="day-ended" role="status">
        <span class="message-icon">
          <ClockIcon size="100%" />
        </span>
        <h1 class="title">
          <Bi k="msg.dayEnded.title" />
        </h1>
        <p class="message-body">
          <Bi k="msg.dayEnded.body" />
        </p>
        {footer && (
          <p class="closed-footer" data-testid="day-ended-footer">
            <CalendarCheckIcon size="1.5em" />
            <span>
              <Pair ar={footer.ar} en={footer.en} />
            </span>
          </p>
        )}
      </div>
    </section>
  );
}

export function UnpairedScreen({ pairError }: { pairError: string | null }) {
  const lang = useLang();
  return (
    <section class="screen message-screen message-danger">
      <div class="message-card card accent-top" data-testid="unpaired" data-pair-error={pairError ?? undefined}>
        <span class="message-icon">
          <LockIcon size="100%" />
        </span>
        <h1 class="title">
          <Bi k="unpaired.title" />
        </h1>
        <p class="message-body">
          <Bi k="unpaired.body" />
        </p>
        {pairError && (
          <p class="pin-error" lang={lang}>
            {t(lang, 'unpaired.badCode')} ({pairError})
          </p>
        )}
        <p class="tech-hint" dir="ltr">
          /kiosk?pair=CODE
        </p>
      </div>
    </section>
  );
}

// --- staff: PIN, then a small panel

export function PinScreen({
  onSubmit,
  onCancel,
  error,
  waitUntil,
  busy,
}: {
  onSubmit(pin: string): void;
  onCancel(): void;
  error: MessageKey | null;
  /** Too many wrong PINs: the hub's throttle holds this kiosk until then (epoch ms). */
  waitUntil: number | null;
  busy: boolean;
}) {
  const lang = useLang();
  const [pin, setPin] = useState('');
  const waitLeft = useSecondsLeft(waitUntil);
  useEffect(() => {
    if (error || waitUntil) setPin('');
  }, [error, waitUntil]);
  return (
    <section class="screen pin-screen">
      <div class="pin-card card">
        <h1 class="title">
          <LockIcon size="1em" /> <Bi k="staff.pinTitle" />
        </h1>
        <p class="prompt">
          <Bi k="staff.pinPrompt" />
        </p>
        <div class="pin-display" data-testid="pin-display" data-length={pin.length} dir="ltr">
          {pin ? '•'.repeat(pin.length) : '\u00a0'}
        </div>
        <p class="pin-error" role="alert" lang={lang} data-testid="pin-error" data-wait={waitLeft}>
          {waitLeft > 0 ? t(lang, 'staff.pinWait', { time: formatWait(waitLeft, lang) }) : error ? t(lang, error) : '\u00a0'}
        </p>
        <Keypad
          testPrefix="pin"
          disabled={busy || waitLeft > 0}
          onDigit={(d) => setPin((v) => (v.length >= 8 ? v : v + d))}
          onClear={() => setPin('')}
          onBack={() => setPin((v) => v.slice(0, -1))}
        />
        <div class="pin-actions">
          <button type="button" class="btn btn-ghost" data-testid="pin-cancel" onClick={onCancel}>
            <span class="btn-text">
              <Bi k="common.cancel" />
            </span>
          </button>
          <button
            type="button"
            class="btn btn-primary"
            data-testid="pin-submit"
            disabled={pin.length < 4 || busy || waitLeft > 0}
            onClick={() => onSubmit(pin)}
          >
            <span class="btn-text">
              <Bi k="staff.enter" />
            </span>
          </button>
        </div>
      </div>
    </section>
  );
}

export function StaffPanel({
  connected,
  printerOk,
  printerText,
  onClose,
}: {
  connected: boolean;
  printerOk: boolean | null;
  printerText: string | null;
  onClose(): void;
}) {
  const lang = useLang();
  const row = (label: MessageKey, ok: boolean | null, detail?: string | null) => (
    <li class={`staff-row ${ok === false ? 'bad' : 'good'}`}>
      <span class="btn-text">
        <Bi k={label} />
      </span>
      <strong class="btn-text">
        {ok === null ? '—' : <Bi k={ok ? 'staff.ok' : 'staff.notOk'} />}
        {detail && <span lang={lang}>{detail}</span>}
      </strong>
    </li>
  );
  return (
    <section class="screen staff-screen">
      <div class="staff-card card" data-testid="staff-panel">
        <h1 class="title">
          <Bi k="staff.panel" />
        </h1>
        <ul class="staff-status">
          {row('staff.connection', connected)}
          {row('staff.printer', printerOk, printerText)}
        </ul>
        <div class="staff-actions">
          <button type="button" class="btn btn-secondary" data-testid="staff-reload" onClick={() => location.reload()}>
            <ReloadIcon size="1.3em" />
            <span class="btn-text">
              <Bi k="staff.reload" />
            </span>
          </button>
          <button type="button" class="btn btn-secondary" data-testid="staff-home" onClick={() => location.assign('/')}>
            <HomeIcon size="1.3em" />
            <span class="btn-text">
              <Bi k="staff.startPage" />
            </span>
          </button>
          <button type="button" class="btn btn-ghost" data-testid="staff-close" onClick={onClose}>
            <CloseIcon size="1.3em" />
            <span class="btn-text">
              <Bi k="staff.close" />
            </span>
          </button>
        </div>
      </div>
    </section>
  );
}
