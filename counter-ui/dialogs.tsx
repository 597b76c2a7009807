// The dialogs of the counter: finish (outcome + note), transfer (service or counter), pause
// (reason) and the no-show confirmation. Keyboard: digits pick an outcome, Enter confirms, Escape cancels.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Counter, Settings, Ticket } from '../protocol/domain.ts';
import { formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { Pair, Spinner, useLang } from '../ui-kit/components.tsx';
import { Modal } from '../ui-kit/modal.tsx';
import { Kbd, T } from './components.tsx';
import { ErrorBanner, type ActionError } from './error-banner.tsx';
import { PAUSE_REASONS, tc } from './i18n.ts';
import { CheckCircleIcon, ServiceIcon } from '../ui-kit/icons.tsx';
import { PauseIcon, TransferIcon, UserOffIcon } from './icons.tsx';
import type { Hall } from './model.ts';

function DialogButtons({
  confirmId,
  confirmKey,
  canConfirm,
  busy,
  onCancel,
  onConfirm,
}: {
  confirmId: string;
  confirmKey: Parameters<typeof tc>[1];
  canConfirm: boolean;
  busy: boolean;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <div class="dialog-buttons">
      <button type="button" class="btn btn-ghost" data-testid="dialog-cancel" onClick={onCancel} disabled={busy}>
        <T k="common.cancel" />
        <Kbd keys={['Esc']} />
      </button>
      <button type="button" class="btn btn-primary" data-testid={confirmId} disabled={!canConfirm || busy} onClick={onConfirm}>
        {busy && <Spinner />}
        <T k={confirmKey} />
        <Kbd keys={['Enter']} />
      </button>
    </div>
  );
}

/**
 * Enter confirms — also on a focused option (Space picks an option), but not inside a textarea or
 * on the dialog's own buttons (Cancel must stay Cancel).
 */
function enterConfirms(e: KeyboardEvent, confirm: () => void) {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.isComposing) return;
  const target = e.target as HTMLElement;
  // Enter on a choice (a pressed-or-not option) confirms the dialog; on Cancel or Confirm it presses that button.
  if (target.tagName === 'TEXTAREA' || (target.tagName === 'BUTTON' && !target.hasAttribute('aria-pressed'))) return;
  e.preventDefault();
  confirm();
}

// --- finish

export function FinishDialog({
  ticket,
  outcomes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  ticket: Ticket;
  outcomes: Settings['outcomeCodes'];
  busy: boolean;
  error: ActionError | null;
  onCancel(): void;
  onConfirm(outcome: string, note: string | null): void;
}) {
  const lang = useLang();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState('');
  // Finishing without an outcome says what is missing instead of doing nothing.
  const [missing, setMissing] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const confirm = () => {
    if (busy) return;
    if (!outcome) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    onConfirm(outcome, note.trim() ? note.trim() : null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName !== 'TEXTAREA' && !e.ctrlKey && !e.altKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
      const o = outcomes[Number(e.code.slice(5)) - 1];
      if (o) {
        e.preventDefault();
        setOutcome(o.code);
      }
      return;
    }
    if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      confirm();
      return;
    }
    enterConfirms(e, confirm);
  };
  return (
    <Modal onClose={onCancel} labelId="finish-title" testId="finish-dialog" class="dialog-finish" onKeyDown={onKeyDown}>
      <div class="dialog-body">
        <h2 class="dialog-title" id="finish-title">
          <CheckCircleIcon size="1.2em" />
          <span lang={lang}>{tc(lang, 'finish.title')}</span>
          <span class="ltr-num dialog-label">{ticket.label}</span>
        </h2>
        <fieldset class="dialog-group">
          <legend class="dialog-legend">
            <T k="finish.outcome" />
          </legend>
          <div class="outcomes">
            {outcomes.map((o, i) => (
              <button
                type="button"
                key={o.code}
                aria-pressed={outcome === o.code}
                class={`option outcome${outcome === o.code ? ' selected' : ''}`}
                data-testid={`outcome-${o.code}`}
                disabled={busy}
                autofocus={i === 0}
                ref={i === 0 ? first : undefined}
                onClick={() => setOutcome(o.code)}
              >
                <Kbd keys={[String(i + 1)]} />
                <Pair ar={o.ar} en={o.en} box="pair" />
              </button>
            ))}
          </div>
        </fieldset>
        <label class="field">
          <span class="field-label">
            <T k="finish.note" />
          </span>
          <textarea
            class="input textarea"
            data-testid="finish-note"
            rows={2}
            maxLength={500}
            dir="auto"
            placeholder={tc(lang, 'finish.notePlaceholder')}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        {missing && !outcome && (
          <p class="notice notice-warn dialog-missing" role="alert" data-testid="finish-pick-outcome">
            <T k="finish.pickOutcome" params={{ n: Math.min(outcomes.length, 9) }} />
          </p>
        )}
        {error && <ErrorBanner error={error} />}
        <DialogButtons confirmId="finish-confirm" confirmKey="finish.confirm" canConfirm busy={busy} onCancel={onCancel} onConfirm={confirm} />
      </div>
    </Modal>
  );
}

// --- transfer

export function TransferDialog({
  hall,
  ticket,
  counter,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  hall: Hall;
  ticket: Ticket;
  counter: Counter;
  busy: boolean;
  error: ActionError | null;
  onCancel(): void;
  onConfirm(target: { toServiceId: string | null; toCounter: number | null }): void;
}) {
  const lang = useLang();
  const [service, setService] = useState<string | null>(null);
  const [toCounter, setToCounter] = useState<number | null>(null);
  const services = Object.values(hall.services).sort((a, b) => a.sortOrder - b.sortOrder);
  const counters = Object.values(hall.counters)
    .filter((c) => c.number !== counter.number)
    .sort((a, b) => a.number - b.number);
  const canConfirm = service !== null || toCounter !== null;
  const confirm = () => {
    if (!canConfirm || busy) return;
    onConfirm({ toServiceId: service, toCounter });
  };
  return (
    <Modal onClose={onCancel} labelId="transfer-title" testId="transfer-dialog" class="dialog-transfer" onKeyDown={(e) => enterConfirms(e, confirm)}>
      <div class="dialog-body">
        <h2 class="dialog-title" id="transfer-title">
          <TransferIcon size="1.2em" />
          <span lang={lang}>{tc(lang, 'transfer.title')}</span>
          <span class="ltr-num dialog-label">{ticket.label}</span>
        </h2>
        <p class="dialog-hint">
          <T k="transfer.keepsPlace" />
        </p>
        <div class="transfer-columns">
          <fieldset class="dialog-group">
            <legend class="dialog-legend">
              <T k="transfer.toService" />
            </legend>
            <div class="options">
              {services.map((s, i) => {
                const current = s.id === ticket.serviceId;
                return (
                  <button
                    type="button"
                    key={s.id}
                    aria-pressed={service === s.id}
                    class={`option option-service${service === s.id ? ' selected' : ''}${current ? ' is-current' : ''}`}
                    data-testid={`transfer-service-${s.id}`}
                    disabled={busy || current}
                    autofocus={i === 0}
                    onClick={() => setService(service === s.id ? null : s.id)}
                  >
                    <span class="option-icon">
                      <ServiceIcon name={s.icon} size="1.3em" />
                    </span>
                    <span class="option-text">
                      <span class="option-name" lang={lang}>
                        {lang === 'ar' ? s.nameAr : s.nameEn}
                      </span>
                      {current && (
                        <span class="option-sub" lang={lang}>
                          {tc(lang, 'transfer.current')}
                        </span>
                      )}
                    </span>
                  </button>
                );
              })}
            </div>
          </fieldset>
          <fieldset class="dialog-group">
            <legend class="dialog-legend">
              <T k="transfer.toCounter" />
            </legend>
            {counters.length === 0 ? (
              <p class="dialog-hint">
                <T k="transfer.none" />
              </p>
            ) : (
              <div class="options options-counters">
                {counters.map((c) => (
                  <button
                    type="button"
                    key={c.number}
                    aria-pressed={toCounter === c.number}
                    class={`option option-counter${toCounter === c.number ? ' selected' : ''}${c.open ? '' : ' is-closed'}`}
                    data-testid={`transfer-counter-${c.number}`}
                    data-open={c.open ? 'true' : 'false'}
                    disabled={busy || !c.open}
                    onClick={() => setToCounter(toCounter === c.number ? null : c.number)}
                  >
                    <span class="option-number ltr-num">{formatNumber(c.number, lang)}</span>
                    <span class="option-text">
                      <span class="option-name" lang={lang}>
                        {tc(lang, 'pick.counter', { n: c.number })}
                      </span>
                      <span class="option-sub" lang={lang}>
                        {counterState(c, lang)}
                      </span>
                    </span>
                  </button>
                ))}
              </div>
            )}
          </fieldset>
        </div>
        {error && <ErrorBanner error={error} />}
        <DialogButtons confirmId="transfer-confirm" confirmKey="transfer.confirm" canConfirm={canConfirm} busy={busy} onCancel={onCancel} onConfirm={confirm} />
      </div>
    </Modal>
  );
}

function counterState(c: Counter, lang: Lang): string {
  const mode = tc(lang, `mode.${c.mode}`);
  if (!c.open) return `${tc(lang, 'transfer.closed')} · ${mode}`;
  return `${tc(lang, c.paused ? 'transfer.paused' : 'transfer.open')} · ${mode}`;
}

// --- pause

export function PauseDialog({
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  busy: boolean;
  error: ActionError | null;
  onCancel(): void;
  onConfirm(reason: string): void;
}) {
  const lang = useLang();
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const confirm = () => {
    const r = reason.trim();
    if (!r || busy) return;
    onConfirm(r.slice(0, 120));
  };
  return (
    <Modal onClose={onCancel} labelId="pause-title" testId="pause-dialog" class="dialog-pause" onKeyDown={(e) => enterConfirms(e, confirm)}>
      <div class="dialog-body">
        <h2 class="dialog-title" id="pause-title">
          <PauseIcon size="1.2em" />
          <T k="pause.title" />
        </h2>
        <label class="field">
          <span class="field-label">
            <T k="pause.reason" />
          </span>
          <input
            ref={input}
            class="input"
            data-testid="pause-reason"
            maxLength={120}
            dir="auto"
            placeholder={tc(lang, 'pause.placeholder')}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
        <div class="reason-chips">
          {PAUSE_REASONS.map((r, i) => {
            const text = `${r.ar} / ${r.en}`;
            return (
              <button
                type="button"
                key={r.en}
                class={`chip-btn${reason === text ? ' selected' : ''}`}
                data-testid={`pause-preset-${i}`}
                disabled={busy}
                onClick={() => setReason(text)}
              >
                <span lang={lang}>{lang === 'ar' ? r.ar : r.en}</span>
              </button>
            );
          })}
        </div>
        {error && <ErrorBanner error={error} />}
        <DialogButtons
          confirmId="pause-confirm"
          confirmKey="pause.confirm"
          canConfirm={reason.trim().length > 0}
          busy={busy}
          onCancel={onCancel}
          onConfirm={confirm}
        />
      </div>
    </Modal>
  );
}

// --- no-show

/** Confirms a no-show (or a recall past the limit, which is one), saying what it does to the ticket. */
export function NoShowDialog({
  ticket,
  lastRecall,
  requeues,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  ticket: Ticket;
  lastRecall: boolean;
  /** The hall sends a first no-show back to the queue once (settings `noShowRequeueOnce`). */
  requeues: boolean;
  busy: boolean;
  error: ActionError | null;
  onCancel(): void;
  onConfirm(): void;
}) {
  const lang = useLang();
  const confirm = () => {
    if (!busy) onConfirm();
  };
  return (
    <Modal onClose={onCancel} labelId="no-show-title" testId="no-show-dialog" class="dialog-no-show" onKeyDown={(e) => enterConfirms(e, confirm)}>
      {/* Focus starts on the dialog itself, not on Cancel, so Enter confirms as the buttons say (X, then Enter). */}
      <div class="dialog-body" tabIndex={-1} autofocus>
        <h2 class="dialog-title" id="no-show-title">
          <UserOffIcon size="1.2em" />
          <span lang={lang}>{tc(lang, 'noShow.title')}</span>
          <span class="ltr-num dialog-label">{ticket.label}</span>
        </h2>
        <p class="dialog-question">
          <T k="noShow.question" params={{ label: ticket.label }} />
        </p>
        {lastRecall && (
          <p class="dialog-hint" data-testid="no-show-last-recall">
            <T k="noShow.lastRecall" />
          </p>
        )}
        <p class="dialog-hint" data-testid="no-show-effect" data-requeues={requeues ? 'true' : 'false'}>
          <T k={requeues ? 'noShow.requeues' : 'noShow.leaves'} />
        </p>
        {error && <ErrorBanner error={error} />}
        <DialogButtons confirmId="no-show-confirm" confirmKey="noShow.confirm" canConfirm busy={busy} onCancel={onCancel} onConfirm={confirm} />
      </div>
    </Modal>
  );
}
