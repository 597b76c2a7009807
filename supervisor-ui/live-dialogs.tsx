// The live hall's actions, each in a small dialog: close a counter, take it out of service or put
// it back, its mode and today's services, move or cancel a waiting ticket, a ticker message (add,
// take off), end the day early. Each is one operation over the console's socket; a refusal is
// worded from protocol/errors.ts, and success just closes the dialog: the screen follows the feed.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Socket } from 'socket.io-client';
import { nextDay, localInstant } from '../engine/time.ts';
import { CounterMode } from '../protocol/domain.ts';
import type { HallState } from '../protocol/state.ts';
import { callSocket } from '../ui-kit/client.ts';
import { useLang } from '../ui-kit/components.tsx';
import { formatTime, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, InfoIcon, TicketIcon } from '../ui-kit/icons.tsx';
import { tv } from './i18n.ts';
import { PulseIcon } from './icons.tsx';
import { counterName, formatWait, serviceName } from './live-words.ts';
import { FormDialog } from './admin-kit.tsx';

export type LiveDialog =
  | { kind: 'close' | 'outOfService' | 'restore' | 'setup'; counter: number }
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'tickerAdd' }
  | { kind: 'tickerRemove'; id: string }
  | { kind: 'smsAll' }
  | { kind: 'endDay' };

/** What every dialog is given: the hall as the feed has it now, the line to act on, the hub's clock. */
export interface DialogContext {
  state: HallState;
  socket: Socket;
  now: number;
  /** The name of the staff member with this id, in the screen's language. */
  staffName(userId: number): string;
  onClose(): void;
}

/** A rejected field, named by its label. */
function fieldLabel(lang: Lang) {
  return (field: string): string | null => {
    switch (field) {
      case 'reason':
        return tv(lang, 'live.reason');
      case 'ar':
        return tv(lang, 'live.tickerAr');
      case 'en':
        return tv(lang, 'live.tickerEn');
      default:
        return null;
    }
  };
}

/** One action: its form, the hub's refusal, cancel and the action (closing the dialog once the hub took it). */
function ActionDialog({
  testId,
  title,
  submitLabel,
  ready,
  danger = false,
  run,
  onClose,
  children,
}: {
  testId: string;
  title: string;
  submitLabel: string;
  ready: boolean;
  danger?: boolean;
  run(): Promise<unknown>;
  onClose(): void;
  children: ComponentChildren;
}) {
  const lang = useLang();
  return (
    <FormDialog
      testId={testId}
      title={title}
      icon={danger ? <AlertIcon size="1.3em" /> : <PulseIcon size="1.3em" />}
      submitLabel={submitLabel}
      ready={ready}
      danger={danger}
      run={run}
      onDone={onClose}
      onClose={onClose}
      fieldLabel={fieldLabel(lang)}
    >
      {children}
    </FormDialog>
  );
}

function Note({ warn = false, testId, children }: { warn?: boolean; testId?: string; children: ComponentChildren }) {
  return (
    <p class={warn ? 'dialog-note dialog-warn' : 'dialog-note'} data-testid={testId}>
      {!warn && <InfoIcon size="1.2em" />}
      {children}
    </p>
  );
}

function ReasonField({ value, onInput }: { value: string; onInput(v: string): void }) {
  const lang = useLang();
  return (
    <label class="field">
      <span class="field-label">{tv(lang, 'live.reason')}</span>
      <input class="input lv-input" type="text" data-testid="live-reason" maxLength={120} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
      <span class="field-hint">{tv(lang, 'live.reasonHint')}</span>
    </label>
  );
}

/** What closing does to a staffed counter: its ticket back to the queue, its terminal told. */
function StaffedWarning({ ctx, counter }: { ctx: DialogContext; counter: number }) {
  const lang = useLang();
  const c = ctx.state.counters[counter];
  if (!c?.open || c.userId === null) return null;
  const name = ctx.staffName(c.userId);
  const ticket = c.currentTicketId ? ctx.state.tickets[c.currentTicketId] : undefined;
  return (
    <Note warn testId="staffed-warning">
      {ticket ? tv(lang, 'live.staffedTicket', { name, label: ticket.label }) : tv(lang, 'live.staffed', { name })}
    </Note>
  );
}

function CloseDialog({ ctx, counter, outOfService }: { ctx: DialogContext; counter: number; outOfService: boolean }) {
  const lang = useLang();
  const [reason, setReason] = useState('');
  const name = counterName(lang, ctx.state, counter);
  return (
    <ActionDialog
      testId={outOfService ? 'out-of-service-dialog' : 'close-dialog'}
      title={tv(lang, outOfService ? 'live.oosTitle' : 'live.closeTitle', { counter: name })}
      submitLabel={tv(lang, outOfService ? 'live.oosConfirm' : 'live.closeConfirm')}
      ready={reason.trim() !== ''}
      danger
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, outOfService ? 'hall.counter.outOfService' : 'hall.counter.close', { counter, reason: reason.trim() })}
    >
      <StaffedWarning ctx={ctx} counter={counter} />
      {outOfService && <Note>{tv(lang, 'live.oosNote')}</Note>}
      <ReasonField value={reason} onInput={setReason} />
    </ActionDialog>
  );
}

function RestoreDialog({ ctx, counter }: { ctx: DialogContext; counter: number }) {
  const lang = useLang();
  return (
    <ActionDialog
      testId="restore-dialog"
      title={tv(lang, 'live.restoreTitle', { counter: counterName(lang, ctx.state, counter) })}
      submitLabel={tv(lang, 'live.restore')}
      ready
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, 'hall.counter.restore', { counter })}
    >
      <Note>{tv(lang, 'live.restoreNote')}</Note>
    </ActionDialog>
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function SetupDialog({ ctx, counter }: { ctx: DialogContext; counter: number }) {
  const lang = useLang();
  const c = ctx.state.counters[counter]!;
  const [mode, setMode] = useState<CounterMode>(c.mode);
  const [serviceIds, setServiceIds] = useState<string[]>(c.serviceIds);
  const services = Object.values(ctx.state.services).sort((a, b) => a.sortOrder - b.sortOrder);
  const modeChanged = mode !== c.mode;
  const servicesChanged = !sameSet(serviceIds, c.serviceIds);
  const toggle = (id: string, on: boolean) => setServiceIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  return (
    <ActionDialog
      testId="setup-dialog"
      title={tv(lang, 'live.setupTitle', { counter: counterName(lang, ctx.state, counter) })}
      submitLabel={tv(lang, 'common.save')}
      ready={modeChanged || servicesChanged}
      onClose={ctx.onClose}
      run={async () => {
        if (modeChanged) await callSocket(ctx.socket, 'counter.mode', { counter, mode });
        if (servicesChanged) await callSocket(ctx.socket, 'hall.counter.services', { counter, serviceIds });
      }}
    >
      <fieldset class="lv-choices">
        <legend class="field-label">{tv(lang, 'live.modeLabel')}</legend>
        {CounterMode.options.map((m) => (
          <label key={m} class="lv-choice">
            <input type="radio" name="mode" value={m} data-testid={`mode-${m}`} checked={mode === m} onChange={() => setMode(m)} />
            <span>{tv(lang, `live.mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="lv-choices lv-choices-column">
        <legend class="field-label">{tv(lang, 'live.servicesLabel')}</legend>
        {services.map((s) => (
          <label key={s.id} class="lv-choice">
            <input
              type="checkbox"
              data-testid={`service-${s.id}`}
              checked={serviceIds.includes(s.id)}
              onChange={(e) => toggle(s.id, e.currentTarget.checked)}
            />
            <span class="lv-prefix ltr-num">{s.prefix}</span>
            <span>{serviceName(lang, s)}</span>
          </label>
        ))}
        <span class="field-hint">{tv(lang, 'live.servicesHint')}</span>
      </fieldset>
    </ActionDialog>
  );
}

/** A waiting ticket, picked from its queue's list: moved to another service or counter, or cancelled with a reason. */
function TicketDialog({ ctx, ticketId }: { ctx: DialogContext; ticketId: string }) {
  const lang = useLang();
  const [action, setAction] = useState<'move' | 'cancel'>('move');
  const [toService, setToService] = useState('');
  const [toCounter, setToCounter] = useState('');
  const [reason, setReason] = useState('');
  const t = ctx.state.tickets[ticketId]!;
  const service = ctx.state.services[t.serviceId];
  const services = Object.values(ctx.state.services)
    .filter((s) => s.active && s.id !== t.serviceId)
    .sort((a, b) => a.sortOrder - b.sortOrder);
  const counters = Object.values(ctx.state.counters).sort((a, b) => a.number - b.number);
  const ready = action === 'move' ? toService !== '' || toCounter !== '' : reason.trim() !== '';
  return (
    <ActionDialog
      testId="ticket-dialog"
      title={tv(lang, 'live.ticketTitle', { label: t.label })}
      submitLabel={tv(lang, action === 'move' ? 'live.moveConfirm' : 'live.cancelConfirm')}
      ready={ready}
      danger={action === 'cancel'}
      onClose={ctx.onClose}
      run={() =>
        action === 'move'
          ? callSocket(ctx.socket, 'hall.ticket.move', {
              id: t.id,
              toServiceId: toService || null,
              toCounter: toCounter ? Number(toCounter) : null,
            })
          : callSocket(ctx.socket, 'hall.ticket.cancel', { id: t.id, reason: reason.trim() })
      }
    >
      <p class="lv-ticket-info" data-testid="ticket-info">
        <TicketIcon size="1.2em" />
        <span class="lv-label ltr-num">{t.label}</span>
        <span>
          {tv(lang, 'live.ticketInfo', { service: service ? serviceName(lang, service) : t.serviceId, wait: formatWait(lang, ctx.now - t.issuedAt) })}
        </span>
      </p>
      <fieldset class="lv-choices">
        <label class="lv-choice">
          <input type="radio" name="ticket-action" data-testid="ticket-move" checked={action === 'move'} onChange={() => setAction('move')} />
          <span>{tv(lang, 'live.move')}</span>
        </label>
        <label class="lv-choice">
          <input type="radio" name="ticket-action" data-testid="ticket-cancel" checked={action === 'cancel'} onChange={() => setAction('cancel')} />
          <span>{tv(lang, 'live.cancelTicket')}</span>
        </label>
      </fieldset>
      {action === 'move' ? (
        <>
          <div class="sv-pair">
            <label class="field">
              <span class="field-label">{tv(lang, 'live.toService')}</span>
              <select class="input" data-testid="move-service" value={toService} onChange={(e) => setToService(e.currentTarget.value)}>
                <option value="">{tv(lang, 'live.sameService')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {serviceName(lang, s)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="field-label">{tv(lang, 'live.toCounter')}</span>
              <select class="input" data-testid="move-counter" value={toCounter} onChange={(e) => setToCounter(e.currentTarget.value)}>
                <option value="">{tv(lang, 'live.anyCounter')}</option>
                {counters.map((c) => (
                  <option key={c.number} value={String(c.number)}>
                    {counterName(lang, ctx.state, c.number)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Note>{tv(lang, 'live.moveNote')}</Note>
        </>
      ) : (
        <>
          <ReasonField value={reason} onInput={setReason} />
          <Note>{tv(lang, 'live.cancelNote')}</Note>
        </>
      )}
    </ActionDialog>
  );
}

const EXPIRIES = ['30', '60', '120', 'day'] as const;
type Expiry = (typeof EXPIRIES)[number];

function TickerAddDialog({ ctx }: { ctx: DialogContext }) {
  const lang = useLang();
  const [ar, setAr] = useState('');
  const [en, setEn] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('60');
  const { timeZone } = ctx.state.settings;
  // The end of the hall's day: its next local midnight. The hub's clock is measured to a fraction of a millisecond; the hub takes whole ones.
  const expiresAt = expiry === 'day' ? localInstant(nextDay(ctx.state.day), '00:00', timeZone) : Math.round(ctx.now) + Number(expiry) * 60_000;
  return (
    <ActionDialog
      testId="ticker-dialog"
      title={tv(lang, 'live.tickerTitle')}
      submitLabel={tv(lang, 'live.tickerSend')}
      ready={ar.trim() !== '' && en.trim() !== ''}
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, 'hall.ticker.add', { ar: ar.trim(), en: en.trim(), expiresAt })}
    >
      <BilingualText testId="ticker" max={200} ar={ar} en={en} onAr={setAr} onEn={setEn} />
      <label class="field">
        <span class="field-label">{tv(lang, 'live.expiry')}</span>
        <select class="input" data-testid="ticker-expiry" value={expiry} onChange={(e) => setExpiry(e.currentTarget.value as Expiry)}>
          {EXPIRIES.map((x) => (
            <option key={x} value={x}>
              {tv(lang, `live.for.${x}`)}
            </option>
          ))}
        </select>
        <span class="field-hint">{tv(lang, 'live.until', { time: formatTime(expiresAt, lang, timeZone) })}</span>
      </label>
    </ActionDialog>
  );
}

/** The Arabic and the English text of a message, each typed in its own direction. */
function BilingualText(p: { testId: string; max: number; ar: string; en: string; onAr(v: string): void; onEn(v: string): void }) {
  const lang = useLang();
  return (
    <>
      <label class="field">
        <span class="field-label">{tv(lang, 'live.tickerAr')}</span>
        <textarea
          class="input lv-textarea"
          data-testid={`${p.testId}-ar`}
          dir="rtl"
          lang="ar"
          maxLength={p.max}
          value={p.ar}
          onInput={(e) => p.onAr(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{tv(lang, 'live.tickerEn')}</span>
        <textarea
          class="input lv-textarea"
          data-testid={`${p.testId}-en`}
          dir="ltr"
          lang="en"
          maxLength={p.max}
          value={p.en}
          onInput={(e) => p.onEn(e.currentTarget.value)}
        />
      </label>
    </>
  );
}

/** A supervisor's SMS to everyone waiting today (e.g. a system outage). */
function SmsAllDialog({ ctx }: { ctx: DialogContext }) {
  const lang = useLang();
  const [ar, setAr] = useState('');
  const [en, setEn] = useState('');
  return (
    <ActionDialog
      testId="sms-dialog"
      title={tv(lang, 'live.smsTitle')}
      submitLabel={tv(lang, 'live.smsSend')}
      ready={ar.trim() !== '' && en.trim() !== ''}
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, 'hall.sms.broadcast', { ar: ar.trim(), en: en.trim() })}
    >
      <BilingualText testId="sms" max={300} ar={ar} en={en} onAr={setAr} onEn={setEn} />
      <Note>{tv(lang, 'live.smsNote')}</Note>
    </ActionDialog>
  );
}

function TickerRemoveDialog({ ctx, id }: { ctx: DialogContext; id: string }) {
  const lang = useLang();
  const m = ctx.state.ticker[id];
  return (
    <ActionDialog
      testId="ticker-remove-dialog"
      title={tv(lang, 'live.tickerRemoveTitle')}
      submitLabel={tv(lang, 'live.tickerRemove')}
      ready
      danger
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, 'hall.ticker.remove', { id })}
    >
      {m && <Note>{m[lang]}</Note>}
    </ActionDialog>
  );
}

function EndDayDialog({ ctx }: { ctx: DialogContext }) {
  const lang = useLang();
  const [typed, setTyped] = useState('');
  const word = tv(lang, 'live.endDayWord');
  return (
    <ActionDialog
      testId="end-day-dialog"
      title={tv(lang, 'live.endDayTitle')}
      submitLabel={tv(lang, 'live.endDayConfirm')}
      ready={typed.trim() === word}
      danger
      onClose={ctx.onClose}
      run={() => callSocket(ctx.socket, 'hall.endDay', {})}
    >
      <Note warn>{tv(lang, 'live.endDayBody', { n: Object.keys(ctx.state.waiting).length })}</Note>
      <label class="field">
        <span class="field-label">{tv(lang, 'live.endDayType', { word })}</span>
        <input class="input" type="text" data-testid="end-day-word" autocomplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      </label>
    </ActionDialog>
  );
}

/** The dialog on show; none for a counter or ticket that has gone meanwhile (a new day's snapshot). */
export function LiveDialogs({ dialog, ctx }: { dialog: LiveDialog; ctx: DialogContext }) {
  switch (dialog.kind) {
    case 'close':
    case 'outOfService':
      return <CloseDialog ctx={ctx} counter={dialog.counter} outOfService={dialog.kind === 'outOfService'} />;
    case 'restore':
      return <RestoreDialog ctx={ctx} counter={dialog.counter} />;
    case 'setup':
      return ctx.state.counters[dialog.counter] ? <SetupDialog ctx={ctx} counter={dialog.counter} /> : null;
    case 'ticket':
      return ctx.state.tickets[dialog.ticketId] ? <TicketDialog ctx={ctx} ticketId={dialog.ticketId} /> : null;
    case 'tickerAdd':
      return <TickerAddDialog ctx={ctx} />;
    case 'tickerRemove':
      return <TickerRemoveDialog ctx={ctx} id={dialog.id} />;
    case 'smsAll':
      return <SmsAllDialog ctx={ctx} />;
    case 'endDay':
      return <EndDayDialog ctx={ctx} />;
  }
}
