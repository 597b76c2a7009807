// The live hall (/supervisor#live): one screen that follows the hall over its own staff line to the
// hub. The figures, counters and alerts are computed here from the feed's state on the hub's clock
// (engine/hall-stats.ts), every second and after every delta; devices come from the hub's
// `devices:status` push, staff names from `hall.staff`. Actions open the dialogs of
// ./live-dialogs.tsx, and what they change comes back through the feed.
import './live.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import {
  activeTicker,
  type Alert,
  type CounterFigures,
  counterFigures,
  hallAlerts,
  type HallFigures,
  hallFigures,
  storageAlerts,
} from '../engine/hall-stats.ts';
import type { DeviceStatus, DevicesStatus as DevicesStatusType, StorageStatus as StorageStatusType } from '../protocol/messages.ts';
import { DevicesStatus, StorageStatus } from '../protocol/messages.ts';
import type { HallState } from '../protocol/state.ts';
import { splitDisplayName } from '../protocol/users.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { staffFeed } from '../ui-kit/hall-feed.ts';
import { staffSocket } from '../ui-kit/hub-socket.ts';
import { useHubClock } from '../ui-kit/hub-time.ts';
import { formatNumber, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, CheckCircleIcon, ClockIcon, TicketIcon, UserIcon, UsersIcon } from '../ui-kit/icons.tsx';
import { tv } from './i18n.ts';
import { DevicesIcon, PrinterIcon } from './icons.tsx';
import { armTone, useAlertList } from './live-alerts.ts';
import { type LiveDialog, LiveDialogs } from './live-dialogs.tsx';
import { alertText, counterName, formatClock, formatWait, printerProblem, queueName } from './live-words.ts';

type StaffMember = ReplyOf<'hall.staff'>['staff'][number];

interface LiveLine {
  /** The feed's state, folded in place: `seq` tells one version from the next. */
  state: HallState | null;
  seq: number;
  devices: DevicesStatusType | null;
  /** Whether the hub's database takes writes (assumed until the hub says otherwise). */
  storage: StorageStatusType;
  socket: Socket | null;
}

/** The section's own line to the hub (closed when the section is left): the staff feed, the devices' and the storage's status. */
function useLiveLine(): LiveLine {
  const [line, setLine] = useState<LiveLine>({ state: null, seq: -1, devices: null, storage: { available: true }, socket: null });
  useEffect(() => {
    // The console's own line reports the connection and a refused session; this one only follows.
    const hub = staffSocket({ connection: () => undefined, unauthenticated: () => undefined });
    const follow = (state: HallState, seq: number) => setLine((l) => ({ ...l, state, seq }));
    staffFeed(hub.socket, { snapshot: follow, events: (_events, state, seq) => follow(state, seq) });
    hub.socket.on('devices:status', (raw: unknown) => {
      const m = DevicesStatus.safeParse(raw);
      if (m.success) setLine((l) => ({ ...l, devices: m.data }));
    });
    hub.socket.on('storage:status', (raw: unknown) => {
      const m = StorageStatus.safeParse(raw);
      if (m.success) setLine((l) => ({ ...l, storage: m.data }));
    });
    setLine((l) => ({ ...l, socket: hub.socket }));
    return hub.close;
  }, []);
  return line;
}

/** The staff by id, asked again when a counter is held by someone not known yet. */
function useStaff(state: HallState | null): ReadonlyMap<number, StaffMember> {
  const [staff, setStaff] = useState<ReadonlyMap<number, StaffMember> | null>(null);
  const holders = state ? Object.values(state.counters).flatMap((c) => (c.userId === null ? [] : [c.userId])) : [];
  const unknown = staff === null ? 'all' : holders.filter((id) => !staff.has(id)).join(',');
  useEffect(() => {
    if (unknown === '') return;
    call('hall.staff', {}).then(
      (r) => setStaff(new Map(r.staff.map((s) => [s.id, s]))),
      () => undefined, // the names stay as they were; the next unknown holder asks again
    );
  }, [unknown]);
  return staff ?? new Map();
}

export function LiveHall() {
  const lang = useLang();
  const { state, seq, devices, storage, socket } = useLiveLine();
  const { now, synced } = useHubClock();
  const staff = useStaff(state);
  const [dialog, setDialog] = useState<LiveDialog | null>(null);
  const [sound, setSound] = useState(false);
  // Not before the hub's clock is known: this browser's own clock could make every alert look ended (and drop its acknowledgement).
  // `seq` stands for the state's changes: the feed folds them into the same object.
  const alerts = useMemo(
    () => (state && devices && synced ? [...storageAlerts(storage), ...hallAlerts(state, devices, now)] : null),
    [state, seq, devices, storage, now, synced],
  );
  const alertList = useAlertList(alerts, sound);

  if (!state || !socket) {
    return (
      <section class="sv-page" data-testid="live-page">
        <h1 class="sv-page-title">{tv(lang, 'nav.live')}</h1>
        <p class="sv-loading">
          <Spinner />
          {tv(lang, 'common.loading')}
        </p>
      </section>
    );
  }

  const staffName = (userId: number) => {
    const s = staff.get(userId);
    return s ? splitDisplayName(s.displayName)[lang] : `#${userId}`;
  };
  const figures = hallFigures(state, now);
  const counters = counterFigures(state, now);
  const open = (d: LiveDialog) => setDialog(d);
  return (
    <section class="sv-page lv-page" data-testid="live-page" aria-labelledby="live-title">
      <div class="sv-page-head">
        <h1 class="sv-page-title" id="live-title">
          {tv(lang, 'nav.live')}
          <span class="sv-count">{tv(lang, 'live.intro')}</span>
        </h1>
        <button
          type="button"
          class="btn btn-ghost btn-small sv-danger"
          data-testid="end-day"
          disabled={state.endedAt !== null}
          onClick={() => open({ kind: 'endDay' })}
        >
          {tv(lang, 'live.endDay')}
        </button>
      </div>
      {state.endedAt !== null && (
        <p class="notice notice-warn sv-done" role="status" data-testid="day-ended">
          <AlertIcon size="1.3em" />
          {tv(lang, 'live.dayEnded', { time: formatTime(state.endedAt, lang, state.settings.timeZone) })}
        </p>
      )}
      <Figures figures={figures} />
      <div class="lv-columns">
        <Counters state={state} now={now} counters={counters} staffName={staffName} onAction={open} />
        <Queues state={state} figures={figures} now={now} onPick={(ticketId) => open({ kind: 'ticket', ticketId })} />
        <div class="lv-column">
          <Alerts
            state={state}
            list={alertList}
            sound={sound}
            onSound={(on) => {
              if (on) armTone();
              setSound(on);
            }}
          />
          <Devices state={state} devices={devices} />
          <Ticker
            state={state}
            now={now}
            onAdd={() => open({ kind: 'tickerAdd' })}
            onSms={() => open({ kind: 'smsAll' })}
            onRemove={(id) => open({ kind: 'tickerRemove', id })}
          />
        </div>
      </div>
      {dialog && <LiveDialogs dialog={dialog} ctx={{ state, socket, now, staffName, onClose: () => setDialog(null) }} />}
    </section>
  );
}

function Panel({
  title,
  icon,
  testId,
  end,
  children,
}: {
  title: string;
  icon: ComponentChildren;
  testId: string;
  end?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="card lv-panel" data-testid={testId} aria-label={title}>
      <div class="lv-panel-head">
        <h2 class="lv-panel-title">
          {icon}
          {title}
        </h2>
        {end}
      </div>
      {children}
    </section>
  );
}

const waitOrDash = (lang: Lang, ms: number | null) => (ms === null ? '—' : formatWait(lang, ms));

function Figures({ figures }: { figures: HallFigures }) {
  const lang = useLang();
  const { waits } = figures;
  return (
    <div class="lv-figures">
      <div class="card lv-figure lv-crowd" data-testid="figure-waiting" data-value={figures.waitingTotal}>
        <span class="lv-figure-name">{tv(lang, 'live.waitingNow')}</span>
        <span class="lv-big ltr-num">{formatNumber(figures.waitingTotal, lang)}</span>
      </div>
      <div class="card lv-figure" data-testid="figure-longest">
        <span class="lv-figure-name">{tv(lang, 'live.longestWait')}</span>
        <span class="lv-mid">{waitOrDash(lang, figures.longestWaitMs)}</span>
      </div>
      <div class="card lv-figure lv-waits" data-testid="figure-waits">
        <span class="lv-figure-name">{tv(lang, 'live.waitsToday')}</span>
        <table class="lv-waits-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{tv(lang, 'live.appointmentsCalled', { n: waits.appointment.count })}</th>
              <th scope="col">{tv(lang, 'live.walkinsCalled', { n: waits.walkin.count })}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{tv(lang, 'live.average')}</th>
              <td data-testid="wait-average-appointment">{waitOrDash(lang, waits.appointment.averageMs)}</td>
              <td data-testid="wait-average-walkin">{waitOrDash(lang, waits.walkin.averageMs)}</td>
            </tr>
            <tr>
              <th scope="row">{tv(lang, 'live.p90')}</th>
              <td>{waitOrDash(lang, waits.appointment.p90Ms)}</td>
              <td>{waitOrDash(lang, waits.walkin.p90Ms)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div class="card lv-figure" data-testid="figure-served" data-value={figures.servedToday}>
        <span class="lv-figure-name">{tv(lang, 'live.servedToday')}</span>
        <span class="lv-mid ltr-num">{formatNumber(figures.servedToday, lang)}</span>
      </div>
      <div class="card lv-figure" data-testid="figure-no-shows">
        <span class="lv-figure-name">{tv(lang, 'live.noShows')}</span>
        <span class="lv-mid ltr-num">{formatNumber(figures.noShowsToday.tickets + figures.noShowsToday.appointments, lang)}</span>
        <span class="lv-figure-detail">{tv(lang, 'live.noShowTickets', { n: figures.noShowsToday.tickets })}</span>
        <span class="lv-figure-detail">{tv(lang, 'live.noShowAppointments', { n: figures.noShowsToday.appointments })}</span>
      </div>
    </div>
  );
}

/** A counter's actions, under one button so that a row stays one glance wide; choosing one opens its dialog. */
function CounterActions({ c, onAction }: { c: CounterFigures; onAction(d: LiveDialog): void }) {
  const lang = useLang();
  const menu = useRef<HTMLDetailsElement>(null);
  // The items exist only while the menu is open: a closed one holds nothing to lay out or to find.
  const [open, setOpen] = useState(false);
  const item = (testId: string, dialog: LiveDialog, label: string) => (
    <button
      type="button"
      role="menuitem"
      class="user-menu-item"
      data-testid={`${testId}-${c.number}`}
      onClick={() => {
        menu.current!.open = false;
        onAction(dialog);
      }}
    >
      {label}
    </button>
  );
  return (
    // `name`: opening one counter's actions closes another's.
    <details class="lv-menu" name="counter-actions" ref={menu} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary class="btn btn-ghost btn-small" data-testid={`counter-menu-${c.number}`}>
        {tv(lang, 'live.actions')}
      </summary>
      {open && (
        <div class="user-menu-list lv-menu-list" role="menu">
          {(c.status === 'open' || c.status === 'paused') && item('close', { kind: 'close', counter: c.number }, tv(lang, 'live.close'))}
          {c.status === 'out_of_service'
            ? item('restore', { kind: 'restore', counter: c.number }, tv(lang, 'live.restore'))
            : item('out-of-service', { kind: 'outOfService', counter: c.number }, tv(lang, 'live.outOfService'))}
          {item('setup', { kind: 'setup', counter: c.number }, tv(lang, 'live.setup'))}
        </div>
      )}
    </details>
  );
}

function CounterRow({
  state,
  now,
  c,
  staffName,
  onAction,
}: {
  state: HallState;
  now: number;
  c: CounterFigures;
  staffName(id: number): string;
  onAction(d: LiveDialog): void;
}) {
  const lang = useLang();
  const services = c.serviceIds.length ? c.serviceIds.map((id) => state.services[id]?.prefix ?? id).join(' ') : tv(lang, 'live.allServices');
  const reason = c.outOfService?.reason ?? (c.status === 'paused' ? c.pauseReason : null);
  return (
    <li class={`lv-counter lv-counter-${c.status}`} data-testid={`counter-${c.number}`} data-status={c.status} data-mode={c.mode}>
      <span class="lv-counter-main">
        <span class="lv-counter-line">
          <span class="lv-counter-name">{counterName(lang, state, c.number)}</span>
          <span class={`lv-status lv-status-${c.status}`}>{tv(lang, `live.status.${c.status}`)}</span>
          <span class="lv-mode">{tv(lang, `live.mode.${c.mode}`)}</span>
          <span class="lv-services ltr-num" title={services}>
            {services}
          </span>
        </span>
        {(reason || c.userId !== null || c.ticket || c.idleMs !== null) && (
          <span class="lv-counter-line">
            {reason && (
              <span class="lv-counter-reason" data-testid={`counter-${c.number}-reason`}>
                {tv(lang, 'live.reasonIs', { reason: splitDisplayName(reason)[lang] })}
              </span>
            )}
            {c.userId !== null && (
              <span class="lv-staff" data-testid={`counter-${c.number}-staff`}>
                <UserIcon size="1.1em" />
                {staffName(c.userId)}
              </span>
            )}
            {c.ticket ? (
              <span class="lv-counter-ticket" data-testid={`counter-${c.number}-ticket`} data-ticket={c.ticket.label}>
                <TicketIcon size="1.1em" />
                <span class="lv-label ltr-num">{c.ticket.label}</span>
                <span>{tv(lang, c.ticket.status === 'serving' ? 'live.serving' : 'live.calledNow')}</span>
                {/* The service time once the citizen came; before that, how long since the call. */}
                <span class="lv-clock ltr-num" data-testid={`counter-${c.number}-clock`}>
                  {formatClock(lang, c.serviceMs ?? now - (c.ticket.calledAt ?? now))}
                </span>
              </span>
            ) : (
              c.idleMs !== null && (
                <span class="lv-idle">
                  <ClockIcon size="1.1em" />
                  {tv(lang, 'live.idle', { time: formatWait(lang, c.idleMs) })}
                </span>
              )
            )}
          </span>
        )}
      </span>
      <CounterActions c={c} onAction={onAction} />
    </li>
  );
}

function Counters(props: { state: HallState; now: number; counters: CounterFigures[]; staffName(id: number): string; onAction(d: LiveDialog): void }) {
  const lang = useLang();
  return (
    <Panel title={tv(lang, 'live.counters')} icon={<UsersIcon size="1.2em" />} testId="live-counters">
      <ul class="lv-counters">
        {props.counters.map((c) => (
          <CounterRow key={c.number} {...props} c={c} />
        ))}
      </ul>
    </Panel>
  );
}

/** How many of a queue's waiting tickets show until the supervisor asks for the rest: the panel stays on screen in a busy hall. */
const TICKETS_SHOWN = 8;

function Queues({ state, figures, now, onPick }: { state: HallState; figures: HallFigures; now: number; onPick(ticketId: string): void }) {
  const lang = useLang();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // In line order: the earliest issued (or checked in) first, ties by number.
  const waiting = Object.keys(state.waiting)
    .map((id) => state.tickets[id]!)
    .sort((a, b) => a.issuedAt - b.issuedAt || a.number - b.number);
  return (
    <Panel title={tv(lang, 'live.queues')} icon={<TicketIcon size="1.2em" />} testId="live-queues">
      <ul class="lv-queues" title={tv(lang, 'live.pickTicket')}>
        {figures.queues.map((q) => {
          const name = queueName(lang, state, q.serviceId);
          const tickets = waiting.filter((t) => t.prefix === q.prefix);
          const shown = expanded.has(q.prefix) ? tickets : tickets.slice(0, TICKETS_SHOWN);
          return (
            <li key={q.prefix} class="lv-queue" data-testid={`queue-${q.prefix}`}>
              <span class="lv-queue-head">
                <span class="lv-prefix ltr-num">{q.prefix}</span>
                <span class="lv-queue-name" title={name}>
                  {name}
                </span>
                {q.longestWaitMs !== null && (
                  <span class="lv-queue-wait" title={tv(lang, 'live.longestIs', { wait: formatWait(lang, q.longestWaitMs) })}>
                    <ClockIcon size="1em" />
                    {formatWait(lang, q.longestWaitMs)}
                  </span>
                )}
                <span
                  class="lv-queue-count ltr-num"
                  data-testid={`queue-count-${q.prefix}`}
                  data-value={q.waiting}
                  title={tv(lang, 'live.waitingCount', { n: q.waiting })}
                >
                  {formatNumber(q.waiting, lang)}
                </span>
              </span>
              {tickets.length > 0 && (
                <span class="lv-tickets">
                  {shown.map((t) => (
                    <button
                      type="button"
                      key={t.id}
                      class="lv-ticket ltr-num"
                      data-testid={`waiting-${t.label}`}
                      title={formatWait(lang, now - t.issuedAt)}
                      onClick={() => onPick(t.id)}
                    >
                      {t.label}
                    </button>
                  ))}
                  {shown.length < tickets.length && (
                    <button
                      type="button"
                      class="lv-ticket lv-more"
                      data-testid={`queue-more-${q.prefix}`}
                      onClick={() => setExpanded((e) => new Set(e).add(q.prefix))}
                    >
                      {tv(lang, 'live.more', { n: tickets.length - shown.length })}
                    </button>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

/** Alerts shown until the supervisor asks for the rest (the unacknowledged come first). */
const ALERTS_SHOWN = 3;

function Alerts({ state, list, sound, onSound }: { state: HallState; list: ReturnType<typeof useAlertList>; sound: boolean; onSound(on: boolean): void }) {
  const lang = useLang();
  const [all, setAll] = useState(false);
  const alerts = all ? list.alerts : list.alerts.slice(0, ALERTS_SHOWN);
  const hidden = list.alerts.length - alerts.length;
  return (
    <Panel
      title={tv(lang, 'live.alerts')}
      icon={<AlertIcon size="1.2em" />}
      testId="live-alerts"
      end={
        <label class="lv-sound" data-tones={list.tones} data-testid="alert-sound">
          <input type="checkbox" checked={sound} onChange={(e) => onSound(e.currentTarget.checked)} />
          <span>{tv(lang, 'live.sound')}</span>
        </label>
      }
    >
      {list.alerts.length === 0 ? (
        <p class="lv-hint" data-testid="no-alerts">
          <CheckCircleIcon size="1.1em" />
          {tv(lang, 'live.noAlerts')}
        </p>
      ) : (
        <ul class="lv-alerts">
          {alerts.map(({ alert, acknowledged }) => (
            <AlertItem key={alert.id} state={state} alert={alert} acknowledged={acknowledged} onAcknowledge={() => list.acknowledge(alert.id)} />
          ))}
          {hidden > 0 && (
            <li>
              <button type="button" class="lv-ticket lv-more" data-testid="alerts-more" onClick={() => setAll(true)}>
                {tv(lang, 'live.more', { n: hidden })}
              </button>
            </li>
          )}
        </ul>
      )}
    </Panel>
  );
}

function AlertItem({ state, alert, acknowledged, onAcknowledge }: { state: HallState; alert: Alert; acknowledged: boolean; onAcknowledge(): void }) {
  const lang = useLang();
  return (
    <li
      class={`lv-alert lv-alert-${alert.severity}${acknowledged ? ' lv-alert-acked' : ''}`}
      data-testid={`alert-${alert.id}`}
      data-kind={alert.kind}
      data-acknowledged={acknowledged}
    >
      <span class={`lv-severity lv-severity-${alert.severity}`}>{tv(lang, `live.severity.${alert.severity}`)}</span>
      <span class="lv-alert-text">{alertText(lang, state, alert)}</span>
      {acknowledged ? (
        <span class="lv-acked">
          <CheckCircleIcon size="1em" />
          {tv(lang, 'live.acknowledged')}
        </span>
      ) : (
        <button type="button" class="btn btn-ghost btn-small" data-testid={`ack-${alert.id}`} onClick={onAcknowledge}>
          {tv(lang, 'live.acknowledge')}
        </button>
      )}
    </li>
  );
}

function PrinterLine({ printer }: { printer: NonNullable<DeviceStatus['printer']> }) {
  const lang = useLang();
  const st = printer.status;
  const words =
    printer.ok === null
      ? [tv(lang, 'live.printerUnchecked')]
      : !st
        ? [printer.ok ? tv(lang, 'live.printerOk') : printerProblem(lang, printer.error?.code ?? 'OFFLINE')]
        : [
            !st.online ? tv(lang, 'live.printerOffline') : null,
            st.paperOut ? tv(lang, 'live.paperOut') : st.paperNearEnd ? tv(lang, 'live.paperLow') : tv(lang, 'live.paperOk'),
            st.coverOpen ? tv(lang, 'live.coverOpen') : tv(lang, 'live.coverClosed'),
          ].filter((w): w is string => w !== null);
  return (
    <span class={`lv-device-printer${printer.ok === false ? ' lv-bad' : ''}`} data-testid="device-printer" data-ok={String(printer.ok)}>
      <PrinterIcon size="1.1em" />
      {words.join(' · ')}
    </span>
  );
}

function Devices({ state, devices }: { state: HallState; devices: DevicesStatusType | null }) {
  const lang = useLang();
  return (
    <Panel title={tv(lang, 'live.devices')} icon={<DevicesIcon size="1.2em" />} testId="live-devices">
      {!devices ? (
        <p class="sv-loading">
          <Spinner />
          {tv(lang, 'common.loading')}
        </p>
      ) : devices.devices.length === 0 ? (
        <p class="lv-hint">{tv(lang, 'live.noDevices')}</p>
      ) : (
        <ul class="lv-devices">
          {devices.devices.map((d) => (
            <li key={d.id} class="lv-device" data-testid={`device-${d.id}`} data-online={String(d.online)}>
              <span class="lv-device-head">
                <span class="lv-device-name">{d.name}</span>
                <span class="lv-device-kind">
                  {tv(lang, `live.kind.${d.kind}`)}
                  {!d.online &&
                    ` · ${
                      d.lastSeenAt === null
                        ? tv(lang, 'live.neverSeen')
                        : tv(lang, 'live.lastSeen', { time: formatTime(d.lastSeenAt, lang, state.settings.timeZone) })
                    }`}
                </span>
                <span class={`lv-status ${d.online ? 'lv-status-open' : 'lv-status-closed'}`}>{tv(lang, d.online ? 'live.online' : 'live.offline')}</span>
              </span>
              {d.printer && <PrinterLine printer={d.printer} />}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Ticker({ state, now, onAdd, onSms, onRemove }: { state: HallState; now: number; onAdd(): void; onSms(): void; onRemove(id: string): void }) {
  const lang = useLang();
  const messages = activeTicker(state, now);
  return (
    <Panel
      title={tv(lang, 'live.ticker')}
      icon={<TicketIcon size="1.2em" />}
      testId="live-ticker"
      end={
        <span class="lv-actions">
          <button type="button" class="btn btn-ghost btn-small" data-testid="sms-all" onClick={onSms}>
            {tv(lang, 'live.smsAll')}
          </button>
          <button type="button" class="btn btn-ghost btn-small" data-testid="ticker-add" onClick={onAdd}>
            {tv(lang, 'live.tickerAdd')}
          </button>
        </span>
      }
    >
      {messages.length === 0 ? (
        <p class="lv-hint">{tv(lang, 'live.tickerNone')}</p>
      ) : (
        <ul class="lv-messages">
          {messages.map((m) => (
            <li key={m.id} class="lv-message" data-testid={`ticker-${m.id}`}>
              <span class="lv-message-text">
                <span lang="ar" dir="rtl">
                  {m.ar}
                </span>
                <span lang="en" dir="ltr">
                  {m.en}
                </span>
                <span class="lv-message-until">{tv(lang, 'live.until', { time: formatTime(m.expiresAt, lang, state.settings.timeZone) })}</span>
              </span>
              <button type="button" class="btn btn-ghost btn-small" data-testid={`ticker-remove-${m.id}`} onClick={() => onRemove(m.id)}>
                {tv(lang, 'live.tickerRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
