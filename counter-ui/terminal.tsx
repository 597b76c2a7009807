// The counter at work: the current ticket (large), the actions with their keyboard shortcuts, and
// the live side panel. Everything shown is derived from the live hall state; actions go to the hub
// one at a time (a pending action disables them all, so a double press never sends two).
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Appointment, Counter, Ticket } from '../protocol/domain.ts';
import { isApiFailure } from '../ui-kit/api.ts';
import { formatNumber, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { nameIn, type Me } from './app.tsx';
import { Pair, Spinner, useLang } from '../ui-kit/components.tsx';
import { Kbd, T } from './components.tsx';
import { counterTitle, sentAwayText } from './counter-text.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import type { Connection, CounterCommand } from './connection.ts';
import { FinishDialog, NoShowDialog, PauseDialog, TransferDialog } from './dialogs.tsx';
import { AppHeader, useShell } from './header.tsx';
import { PAUSE_REASONS, tc, type CKey } from './i18n.ts';
import { CalendarCheckIcon, CheckCircleIcon, ClockIcon, LogoutIcon, PriorityIcon, TicketIcon } from '../ui-kit/icons.tsx';
import { DoorIcon, MegaphoneIcon, PauseIcon, PlayIcon, RepeatIcon, TransferIcon, UserOffIcon } from './icons.tsx';
import { allowed, clockDuration, counterOf, currentTicket, queuesFor, statusOf, waitingFor, type CounterStatus, type Hall } from './model.ts';
import { SidePanel } from './side-panel.tsx';
import { DoneBanner, ErrorBanner, type ActionError } from './error-banner.tsx';
import { DetailsTabs } from './details-tabs.tsx';
import { SetupChangedNotice, useSetupChanged } from './setup-notice.tsx';

/** `noShow`: confirm a no-show; `lastRecall`: confirm a recall past the limit, which is a no-show too. */
type Dialog = 'finish' | 'transfer' | 'pause' | 'noShow' | 'lastRecall' | null;
type Action = 'callNext' | 'call' | 'recall' | 'noShow' | 'start' | 'finish' | 'transfer' | 'pause' | 'resume' | 'close' | 'logout';

const ERROR_SHOWN_MS = 12_000;
/** The actions after which the terminal says what became of the ticket (a misclick is seen at once). */
const SAYS_WHAT_HAPPENED: readonly Action[] = ['finish', 'noShow', 'recall'];

export function Terminal({
  me,
  counter: n,
  hall,
  version,
  now,
  conn,
  onClose,
  onLogout,
}: {
  me: Me;
  counter: number;
  hall: Hall | null;
  version: number;
  now: number;
  conn: Connection | null;
  onClose(n: number): Promise<void>;
  onLogout(): Promise<void>;
}) {
  const lang = useLang();
  const [pending, setPending] = useState<Action | null>(null);
  const pendingRef = useRef<Action | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** The ticket the last action sent away (finished, no-show), as the hub replied: the terminal says what happened. */
  const [sentAway, setSentAway] = useState<Ticket | null>(null);
  // "My day" is the hub's count for this person at every counter today; it changes when they finish a ticket.
  const [myDay, setMyDay] = useState<ReplyOf<'counter.myDay'> | null>(null);
  const refreshMyDay = useCallback(() => {
    call('counter.myDay', {}).then(setMyDay, () => setMyDay(null));
  }, []);
  // …and starts again with the day.
  useEffect(refreshMyDay, [refreshMyDay, hall?.day]);

  const c = hall ? counterOf(hall, n) : null;
  const mine = !!c && c.open && c.userId === me.user.id;
  const ticket = hall && mine ? currentTicket(hall, c) : null;
  const status: CounterStatus = statusOf(c, ticket);
  // Until the feed shows the counter as ours (or after someone else closed it), nothing is pressable.
  const can = allowed(mine ? status : 'closed', ticket !== null);
  // Waiting order moves with time (wait × weight): recomputed on every change and every few seconds.
  const slice = Math.floor(now / 5000);
  const waiting = useMemo(() => (hall && c ? waitingFor(hall, c, now) : null), [hall, c, version, slice]);
  const queues = useMemo(() => (hall && c ? queuesFor(hall, c, now) : []), [hall, c, version, slice]);

  const setupChanged = useSetupChanged(c, ERROR_SHOWN_MS);

  // The tab says which counter this is (and its state), for staff with several windows.
  useEffect(() => {
    const before = document.title;
    document.title = `${tc(lang, 'pick.counter', { n })} · ${tc(lang, `state.${status}`)} — ${lang === 'ar' ? 'دور' : 'Dor'}`;
    return () => {
      document.title = before;
    };
  }, [lang, n, status]);

  // --- one action at a time
  const run = useCallback(async (action: Action, work: () => Promise<unknown>): Promise<boolean> => {
    if (pendingRef.current) return false;
    pendingRef.current = action;
    setPending(action);
    setError(null);
    setSentAway(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(isApiFailure(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String(e) });
      return false;
    } finally {
      pendingRef.current = null;
      setPending(null);
    }
  }, []);

  const send = useCallback(
    <N extends CounterCommand>(action: Action, name: N, input: InputOf<N>) =>
      run(action, async () => {
        if (!conn) throw { code: 'NETWORK', message: 'Not connected to the hub.', status: 0 };
        const reply = await conn.command(name, input);
        // A ticket that left this counter by a finish, a no-show or a last recall (not a transfer): say what became of it.
        const left = 'ticket' in reply && reply.ticket && SAYS_WHAT_HAPPENED.includes(action) ? reply.ticket : null;
        if (left && left.status !== 'called' && left.status !== 'serving') setSentAway(left);
      }),
    [run, conn],
  );

  const act = {
    callNext: () => can.callNext && send('callNext', 'counter.call-next', { counter: n }),
    call: (ticketId: string) => can.call && send('call', 'counter.call', { counter: n, ticketId }),
    // A recall past the limit is a no-show: it is confirmed like one.
    recall: () =>
      can.recall &&
      (ticket && ticket.recalls >= (hall?.settings.maxRecalls ?? 0) ? openDialog('lastRecall') : send('recall', 'counter.recall', { counter: n })),
    noShow: () => can.noShow && openDialog('noShow'),
    confirmNoShow: async () => {
      const done = dialog === 'lastRecall' ? await send('recall', 'counter.recall', { counter: n }) : await send('noShow', 'counter.no-show', { counter: n });
      if (done) setDialog(null);
    },
    start: () => can.start && send('start', 'counter.start', { counter: n }),
    resume: () => can.resume && send('resume', 'counter.resume', { counter: n }),
    finish: async (outcome: string, note: string | null) => {
      if (await send('finish', 'counter.finish', { counter: n, outcome, note })) {
        setDialog(null);
        refreshMyDay();
      }
    },
    transfer: async (target: { toServiceId: string | null; toCounter: number | null }) => {
      if (await send('transfer', 'counter.transfer', { counter: n, ...target })) setDialog(null);
    },
    pause: async (reason: string) => {
      if (await send('pause', 'counter.pause', { counter: n, reason })) setDialog(null);
    },
    close: () => can.close && run('close', () => onClose(n)),
    logout: () => can.logout && run('logout', () => onLogout()),
  };

  const openDialog = (d: Exclude<Dialog, null>) => {
    if (pendingRef.current) return;
    setError(null);
    setDialog(d);
  };

  // A dialog whose action no longer fits (the hub moved on) closes by itself.
  useEffect(() => {
    const fits = { finish: can.finish, transfer: can.transfer, pause: can.pause, noShow: can.noShow, lastRecall: can.recall };
    if (dialog && !fits[dialog]) setDialog(null);
  }, [dialog, can.finish, can.transfer, can.pause, can.noShow, can.recall]);

  // Errors and what-happened notes fade after a while (and on the next action).
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(null), ERROR_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [error]);
  useEffect(() => {
    if (!sentAway) return;
    const timer = setTimeout(() => setSentAway(null), ERROR_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [sentAway]);

  // --- keyboard shortcuts (by physical key, so they work with an Arabic keyboard layout too)
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => {});
  keyRef.current = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.altKey || e.metaKey || dialog) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    // A dialog the terminal does not own (the account menu's password change) keeps its keys too, also
    // in the moment between its drawing and its opening (Modal calls showModal in an effect).
    if (document.querySelector('dialog')) return;
    if (e.code === 'Escape') {
      setError(null);
      setSentAway(null);
      return;
    }
    const handlers: Record<string, () => unknown> = {
      KeyN: act.callNext,
      Space: act.callNext,
      KeyR: act.recall,
      KeyX: act.noShow,
      KeyS: act.start,
      KeyF: () => can.finish && openDialog('finish'),
      KeyT: () => can.transfer && openDialog('transfer'),
      KeyP: () => (can.resume ? act.resume() : can.pause && openDialog('pause')),
    };
    const h = handlers[e.code];
    if (!h) return;
    e.preventDefault();
    // Space must not also press the button that has focus.
    if (e.code === 'Space' && document.activeElement instanceof HTMLButtonElement) document.activeElement.blur();
    if (e.repeat) return;
    void h();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!hall || !c) {
    return (
      <>
        <AppHeader />
        <main class="app-main loading" data-testid="loading">
          <Spinner />
          <T k="common.loading" />
        </main>
      </>
    );
  }

  const busy = pending !== null;
  const appointment = ticket?.appointmentId ? (hall.appointments[ticket.appointmentId] ?? null) : null;

  const headerMiddle = (
    <div class="counter-title">
      <span class="counter-name" data-testid="counter-name" data-value={n} lang={lang}>
        {counterTitle(c, lang)}
      </span>
      <span class={`mode-chip mode-${c.mode}`} lang={lang}>
        {tc(lang, `mode.${c.mode}`)}
      </span>
      <span class={`state-pill state-${status}`} data-testid="counter-state" data-value={status} role="status" lang={lang}>
        <span class="state-dot" aria-hidden="true" />
        {tc(lang, `state.${status}`)}
      </span>
      <span class="staff-name" lang={lang}>
        {nameIn(me.user.displayName, lang)}
      </span>
    </div>
  );
  const headerActions = (
    <>
      <button type="button" class="btn btn-ghost btn-small" data-testid="btn-close-counter" disabled={busy || !can.close} onClick={() => void act.close()}>
        {pending === 'close' ? <Spinner /> : <DoorIcon size="1.2em" />}
        <T k="act.closeCounter" />
      </button>
      <button
        type="button"
        class="btn btn-ghost btn-small"
        data-testid="btn-logout"
        disabled={busy || !can.logout}
        title={can.logout ? undefined : tc(lang, 'act.logoutHint')}
        onClick={() => void act.logout()}
      >
        {pending === 'logout' ? <Spinner /> : <LogoutIcon size="1.2em" />}
        <T k="act.logout" />
      </button>
    </>
  );

  return (
    <>
      <AppHeader middle={headerMiddle} actions={headerActions} />
      <main class="app-main terminal" data-counter={n} data-busy={busy ? 'true' : 'false'}>
        <section class="work" aria-label={tc(lang, 'pick.counter', { n })}>
          {error && !dialog && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
          {sentAway && !error && !dialog && <DoneBanner text={sentAwayText(sentAway, hall.settings.outcomeCodes, lang)} onDismiss={() => setSentAway(null)} />}
          {setupChanged && !error && <SetupChangedNotice hall={hall} counter={c} />}
          <CurrentCard
            hall={hall}
            counter={c}
            ticket={ticket}
            appointment={appointment}
            status={status}
            now={now}
            nextLabel={waiting?.nextId ? (hall.tickets[waiting.nextId]?.label ?? null) : null}
          />
          <div class="actions" role="toolbar" aria-label="actions">
            <ActionButton
              id="call-next"
              k="act.callNext"
              keys={['N', '␣']}
              icon={<MegaphoneIcon size="1.5em" />}
              enabled={can.callNext}
              suggested={status === 'idle'}
              busy={busy}
              spinning={pending === 'callNext'}
              onClick={act.callNext}
            />
            <ActionButton
              id="start"
              k="act.start"
              keys={['S']}
              icon={<PlayIcon size="1.5em" />}
              enabled={can.start}
              suggested={status === 'called'}
              busy={busy}
              spinning={pending === 'start'}
              onClick={act.start}
            />
            <ActionButton
              id="finish"
              k="act.finish"
              keys={['F']}
              icon={<CheckCircleIcon size="1.5em" />}
              enabled={can.finish}
              suggested={status === 'serving'}
              busy={busy}
              spinning={pending === 'finish'}
              onClick={() => openDialog('finish')}
            />
            <ActionButton
              id="transfer"
              k="act.transfer"
              keys={['T']}
              icon={<TransferIcon size="1.5em" />}
              enabled={can.transfer}
              busy={busy}
              spinning={pending === 'transfer'}
              onClick={() => openDialog('transfer')}
            />
            <ActionButton
              id="recall"
              k="act.recall"
              keys={['R']}
              icon={<RepeatIcon size="1.5em" />}
              enabled={can.recall}
              busy={busy}
              spinning={pending === 'recall'}
              onClick={act.recall}
            />
            <ActionButton
              id="no-show"
              k="act.noShow"
              keys={['X']}
              icon={<UserOffIcon size="1.5em" />}
              enabled={can.noShow}
              busy={busy}
              spinning={pending === 'noShow'}
              tone="danger"
              onClick={act.noShow}
            />
            <ActionButton
              id="pause"
              k="act.pause"
              keys={['P']}
              icon={<PauseIcon size="1.5em" />}
              enabled={can.pause}
              busy={busy}
              spinning={pending === 'pause'}
              onClick={() => openDialog('pause')}
            />
            <ActionButton
              id="resume"
              k="act.resume"
              keys={['P']}
              icon={<PlayIcon size="1.5em" />}
              enabled={can.resume}
              suggested={status === 'paused'}
              busy={busy}
              spinning={pending === 'resume'}
              onClick={act.resume}
            />
          </div>
        </section>
        <SidePanel
          hall={hall}
          counter={c}
          waiting={waiting}
          queues={queues}
          stats={myDay}
          now={now}
          canCall={can.call && !busy}
          calling={pending === 'call'}
          onCall={(id) => void act.call(id)}
        />
      </main>
      {dialog === 'finish' && ticket && (
        <FinishDialog
          ticket={ticket}
          outcomes={hall.settings.outcomeCodes}
          busy={busy}
          error={error}
          onCancel={() => setDialog(null)}
          onConfirm={(o, note) => void act.finish(o, note)}
        />
      )}
      {dialog === 'transfer' && ticket && (
        <TransferDialog
          hall={hall}
          ticket={ticket}
          counter={c}
          busy={busy}
          error={error}
          onCancel={() => setDialog(null)}
          onConfirm={(target) => void act.transfer(target)}
        />
      )}
      {(dialog === 'noShow' || dialog === 'lastRecall') && ticket && (
        <NoShowDialog
          ticket={ticket}
          lastRecall={dialog === 'lastRecall'}
          requeues={hall.settings.noShowRequeueOnce && !ticket.requeued}
          busy={busy}
          error={error}
          onCancel={() => setDialog(null)}
          onConfirm={() => void act.confirmNoShow()}
        />
      )}
      {dialog === 'pause' && <PauseDialog busy={busy} error={error} onCancel={() => setDialog(null)} onConfirm={(reason) => void act.pause(reason)} />}
    </>
  );
}

function ActionButton({
  id,
  k,
  keys,
  icon,
  enabled,
  suggested,
  busy,
  spinning,
  tone,
  onClick,
}: {
  id: string;
  k: CKey;
  keys: string[];
  icon: ComponentChildren;
  enabled: boolean;
  suggested?: boolean;
  busy: boolean;
  spinning: boolean;
  tone?: 'danger';
  onClick(): unknown;
}) {
  const lang = useLang();
  const cls = `btn action ${enabled && suggested ? 'btn-primary suggested' : 'btn-ghost'}${tone ? ` tone-${tone}` : ''}`;
  return (
    <button type="button" class={cls} data-testid={`btn-${id}`} disabled={!enabled || busy} aria-keyshortcuts={keys[0]} onClick={() => void onClick()}>
      <span class="action-icon">{spinning ? <Spinner /> : icon}</span>
      <span class="action-label" lang={lang}>
        {tc(lang, k)}
      </span>
      <Kbd keys={keys} />
    </button>
  );
}

/** A preset pause reason is stored in both languages ("استراحة / Break"): show the screen's one. */
function reasonIn(reason: string, lang: Lang): string {
  const preset = PAUSE_REASONS.find((r) => reason === `${r.ar} / ${r.en}`);
  return preset ? preset[lang] : reason;
}

function serviceOf(hall: Hall, id: string) {
  const s = hall.services[id];
  return s ? { ar: s.nameAr, en: s.nameEn } : { ar: id, en: id };
}

function CurrentCard({
  hall,
  counter,
  ticket,
  appointment,
  status,
  now,
  nextLabel,
}: {
  hall: Hall;
  counter: Counter;
  ticket: Ticket | null;
  appointment: Appointment | null;
  status: CounterStatus;
  now: number;
  nextLabel: string | null;
}) {
  const lang = useLang();
  const { timeZone } = useShell();

  if (!ticket) {
    const paused = status === 'paused';
    return (
      <article
        class={`card current current-empty${paused ? ' current-paused' : ''}`}
        data-testid="current-ticket"
        data-ticket-id=""
        data-status={paused ? 'paused' : 'none'}
      >
        <span class="empty-icon">{paused ? <PauseIcon size="100%" /> : <TicketIcon size="100%" />}</span>
        {paused ? (
          <>
            <h2 class="empty-title">
              <T k="current.paused" />
            </h2>
            {counter.pauseReason && (
              <p class="empty-reason" data-testid="pause-reason-shown">
                <T k="current.pausedReason" params={{ reason: reasonIn(counter.pauseReason, lang) }} />
              </p>
            )}
            <p class="empty-hint">
              <T k="current.pausedHint" />
            </p>
          </>
        ) : (
          <>
            <h2 class="empty-title">
              <T k="current.none" />
            </h2>
            <p class="empty-hint">
              <T k="current.noneHint" />
            </p>
            {nextLabel && (
              <p class="empty-next">
                <T k="side.nextBadge" /> <span class="ltr-num next-label">{nextLabel}</span>
              </p>
            )}
          </>
        )}
      </article>
    );
  }

  const service = serviceOf(hall, ticket.serviceId);
  const isAppt = ticket.kind === 'appointment';
  const max = hall.settings.maxRecalls;
  // The citizen's record (tabs 2 and 3): the booking's CPR for an appointment, the kiosk's for a walk-in (if typed).
  const citizenCpr = (isAppt ? (appointment?.cpr ?? ticket.cpr) : ticket.cpr) ?? null;
  return (
    <article
      class={`card current current-${ticket.status} kind-${ticket.kind}`}
      data-testid="current-ticket"
      data-ticket-id={ticket.id}
      data-status={ticket.status}
    >
      <div class="current-main">
        <div class="chips">
          <span class={`chip chip-status status-${ticket.status}`} lang={lang}>
            {tc(lang, `state.${ticket.status === 'serving' ? 'serving' : 'called'}`)}
          </span>
          <span class={`chip chip-kind kind-${ticket.kind}`} data-testid="current-kind" data-value={ticket.kind} lang={lang}>
            {isAppt ? <CalendarCheckIcon size="1.1em" /> : <TicketIcon size="1.1em" />}
            {tc(lang, `kind.${ticket.kind}`)}
          </span>
          {ticket.priority !== 'none' && (
            <span class="chip chip-priority" data-testid="current-priority" data-value={ticket.priority} lang={lang}>
              <PriorityIcon name={ticket.priority} size="1.1em" />
              {tc(lang, `priority.${ticket.priority}`)}
            </span>
          )}
        </div>
        <div class="current-label ltr-num" data-testid="current-label">
          {ticket.label}
        </div>
        <div class="current-service" data-testid="current-service" data-value={ticket.serviceId}>
          <Pair ar={service.ar} en={service.en} box="pair" />
        </div>
        <div class="timers">
          <div class="timer" data-testid="current-waited">
            <span class="timer-label">
              <ClockIcon size="1em" />
              <T k="current.waited" />
            </span>
            <span class="timer-value ltr-num">{clockDuration(now - ticket.issuedAt)}</span>
            <span class="timer-sub" lang={lang}>
              {tc(lang, 'current.issuedAt', { time: formatTime(ticket.issuedAt, lang, timeZone) })}
            </span>
          </div>
          <div class={`timer timer-service${ticket.startedAt ? ' running' : ''}`} data-testid="current-service-time">
            <span class="timer-label">
              <PlayIcon size="1em" />
              <T k="current.serviceTime" />
            </span>
            {ticket.startedAt ? (
              <span class="timer-value ltr-num">{clockDuration(now - ticket.startedAt)}</span>
            ) : (
              <span class="timer-value timer-idle" lang={lang}>
                {tc(lang, 'current.notStarted')}
              </span>
            )}
            <span class="timer-sub" lang={lang}>
              {ticket.calledAt ? tc(lang, 'current.calledAt', { time: formatTime(ticket.calledAt, lang, timeZone) }) : ''}
            </span>
          </div>
        </div>
        <div class="current-notes">
          {ticket.status === 'called' && (
            <span class="note" lang={lang}>
              <RepeatIcon size="1em" />
              {tc(lang, 'current.recalls', { n: ticket.recalls, max })}
            </span>
          )}
          {ticket.transfers > 0 && (
            <span class="note" lang={lang}>
              <TransferIcon size="1em" />
              {tc(lang, 'current.transferred', { n: ticket.transfers })}
            </span>
          )}
          {ticket.requeued && (
            <span class="note" lang={lang}>
              {tc(lang, 'current.requeued')}
            </span>
          )}
        </div>
      </div>
      <DetailsTabs key={ticket.id} ticketId={ticket.id} kind={ticket.kind} cpr={citizenCpr} lang={lang} timeZone={timeZone}>
        {isAppt ? (
          <AppointmentDetails appointment={appointment} hall={hall} lang={lang} timeZone={timeZone} />
        ) : (
          <WalkinDetails ticket={ticket} lang={lang} timeZone={timeZone} />
        )}
      </DetailsTabs>
    </article>
  );
}

function AppointmentDetails({ appointment: a, hall, lang, timeZone }: { appointment: Appointment | null; hall: Hall; lang: Lang; timeZone: string }) {
  if (!a) {
    return (
      <aside class="details" data-testid="appointment-details" data-missing="true">
        <p class="details-empty">
          <T k="appt.missing" />
        </p>
      </aside>
    );
  }
  const service = serviceOf(hall, a.serviceId);
  return (
    <aside class="details" data-testid="appointment-details" data-appointment-id={a.id}>
      <dl class="details-list">
        <div class="row row-name">
          <dt>
            <T k="appt.name" />
          </dt>
          <dd data-testid="appt-name">
            <Pair ar={a.nameAr} en={a.nameEn} box="pair" />
          </dd>
        </div>
        <div class="row row-half">
          <dt>
            <T k="appt.cpr" />
          </dt>
          <dd class="ltr-num mono" data-testid="appt-cpr">
            {a.cpr}
          </dd>
        </div>
        <div class="row row-half">
          <dt>
            <T k="appt.slot" />
          </dt>
          <dd class="ltr-num" data-testid="appt-slot">
            {formatTime(a.slotStart, lang, timeZone)} – {formatTime(a.slotEnd, lang, timeZone)}
          </dd>
        </div>
        <div class="row row-half">
          <dt>
            <T k="appt.phone" />
          </dt>
          <dd class="ltr-num mono">{a.phone}</dd>
        </div>
        <div class="row row-half">
          <dt>
            <T k="appt.reference" />
          </dt>
          <dd class="ltr-num mono">{a.reference}</dd>
        </div>
        <div class="row">
          <dt>
            <T k="appt.service" />
          </dt>
          <dd>
            <Pair ar={service.ar} en={service.en} box="pair pair-inline" />
          </dd>
        </div>
        <div class="row row-notes">
          <dt>
            <T k="appt.notes" />
          </dt>
          <dd data-testid="appt-notes" class={a.notes ? 'has-notes' : 'no-notes'} dir="auto">
            {a.notes || tc(lang, 'appt.noNotes')}
          </dd>
        </div>
      </dl>
    </aside>
  );
}

function WalkinDetails({ ticket, lang, timeZone }: { ticket: Ticket; lang: Lang; timeZone: string }) {
  return (
    <aside class="details details-walkin" data-testid="walkin-details">
      <dl class="details-list">
        <div class="row row-half">
          <dt>
            <T k="walkin.issued" />
          </dt>
          <dd class="ltr-num">{formatTime(ticket.issuedAt, lang, timeZone)}</dd>
        </div>
        <div class="row row-half">
          <dt>
            <T k="walkin.number" />
          </dt>
          <dd class="ltr-num">{formatNumber(ticket.number, lang)}</dd>
        </div>
        <div class="row">
          <dt>
            <T k="walkin.priority" />
          </dt>
          <dd lang={lang}>{tc(lang, `priority.${ticket.priority}`)}</dd>
        </div>
        <div class="row">
          <dt>
            <T k="current.walkinCpr" />
          </dt>
          <dd class="ltr-num mono">{ticket.cpr ?? tc(lang, 'common.none')}</dd>
        </div>
      </dl>
      <p class="details-hint">
        <T k="walkin.hint" />
      </p>
    </aside>
  );
}
