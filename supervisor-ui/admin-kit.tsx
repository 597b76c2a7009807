// The pieces the console's settings, devices and audit sections share: the live hall state (its
// own staff feed, so services and counters include inactive ones and follow every change at once),
// checking a form with the protocol's zod schema before it is sent, the form fields, a form dialog,
// and an action's busy/refusal/done state. The hub still checks everything; its refusals are worded
// by protocol/errors.ts, a rejected field named by its label.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { HallState } from '../protocol/state.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { staffFeed } from '../ui-kit/hall-feed.ts';
import { staffSocket } from '../ui-kit/hub-socket.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { CheckCircleIcon, InfoIcon } from '../ui-kit/icons.tsx';
import { Modal } from '../ui-kit/modal.tsx';
import { FormError } from '../ui-kit/password.tsx';
import { tk } from '../ui-kit/staff-words.ts';
import { FIELD_NAMES, type FieldName, tv } from './i18n.ts';

/** The hall as the staff feed carries it (null until the first snapshot). The console's own line ends a refused session. */
export function useHallState(): HallState | null {
  const [state, setState] = useState<HallState | null>(null);
  // The feed folds events into the same state object: setting it again would not re-render, so each change bumps a count.
  const [, setChanges] = useState(0);
  useEffect(() => {
    const line = staffSocket({ connection: () => undefined, unauthenticated: () => undefined });
    staffFeed(line.socket, {
      snapshot: setState,
      events: (_events, s) => {
        setState(s);
        setChanges((n) => n + 1);
      },
    });
    return line.close;
  }, []);
  return state;
}

/** `input` parsed by the operation's schema, or the refusal the hub would give (VALIDATION_FAILED naming the field), thrown. */
export function validated<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw {
    code: 'VALIDATION_FAILED',
    message: r.error.issues[0]?.message ?? 'invalid input',
    status: 0,
    details: r.error.issues.map((i) => ({ path: i.path, message: i.message })),
  } satisfies ApiFailure;
}

const isFieldName = (f: string): f is FieldName => (FIELD_NAMES as readonly string[]).includes(f);
/** The users page's fields, labelled there. */
const ACCOUNT_FIELDS = ['username', 'displayName', 'displayNameAr', 'displayNameEn', 'role'] as const;
const isAccountField = (f: string): f is (typeof ACCOUNT_FIELDS)[number] => (ACCOUNT_FIELDS as readonly string[]).includes(f);

/** A field named by its label (for a refusal, the last step of its path: `priorityWeights.elderly` → elderly); null for one without. */
export const fieldLabel = (lang: Lang) => (field: string) =>
  isFieldName(field) ? tv(lang, `f.${field}`) : isAccountField(field) ? tv(lang, `field.${field}`) : null;

/** An action's state: busy, the refusal, and the words of what was done. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Runs `work` (which resolves with the words of what it did); true when it succeeded. */
  const run = async (work: () => Promise<string>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      return true;
    } catch (e) {
      setError(toFailure(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setError(null);
    setDone(null);
  };
  return { busy, error, done, run, clear, setDone };
}
export type Action = ReturnType<typeof useAction>;

/** What an action did, or its refusal. */
export function ActionResult({ action, testId }: { action: Action; testId: string }) {
  const lang = useLang();
  return (
    <>
      {action.done && (
        <p class="notice notice-ok sv-done" role="status" data-testid={`${testId}-done`}>
          <CheckCircleIcon size="1.3em" />
          {action.done}
        </p>
      )}
      <FormError error={action.error} testId={`${testId}-error`} fieldLabel={fieldLabel(lang)} />
    </>
  );
}

/** A page's title, what it is for (or that it is read-only for this person), and its main button. */
export function PageHead({
  id,
  title,
  intro,
  readOnly,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  readOnly?: string | null;
  children?: ComponentChildren;
}) {
  return (
    <div class="sv-page-head">
      <div>
        <h1 class="sv-page-title" id={id}>
          {title}
        </h1>
        <p class="sv-page-intro">{intro}</p>
        {readOnly && (
          <p class="sv-read-only" data-testid="read-only">
            <InfoIcon size="1.1em" />
            {readOnly}
          </p>
        )}
      </div>
      {children}
    </div>
  );
}

export function Loading() {
  const lang = useLang();
  return (
    <p class="sv-loading">
      <Spinner />
      {tv(lang, 'common.loading')}
    </p>
  );
}

interface FieldProps<T> {
  label: string;
  testId: string;
  value: T;
  onInput(v: T): void;
  disabled?: boolean;
  hint?: string;
}

export function TextInput(props: FieldProps<string> & { dir: 'rtl' | 'ltr'; maxLength: number; class?: string; rows?: number }) {
  const common = {
    class: 'input',
    'data-testid': props.testId,
    dir: props.dir,
    maxLength: props.maxLength,
    autocomplete: 'off',
    autocapitalize: 'off' as const,
    spellcheck: false,
    disabled: props.disabled,
    value: props.value,
  };
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control inside is the textarea or the input below, chosen by `rows`
    <label class={`field${props.class ? ` ${props.class}` : ''}`}>
      <span class="field-label">{props.label}</span>
      {/* A longer text (`rows`): a box that wraps, so the whole text can be read and edited. */}
      {props.rows ? (
        <textarea {...common} rows={props.rows} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type="text" onInput={(e) => props.onInput(e.currentTarget.value)} />
      )}
      {props.hint && <span class="field-hint">{props.hint}</span>}
    </label>
  );
}

/** A whole number; an empty or unreadable field is NaN, which the schema refuses by name. */
export function NumberInput(props: FieldProps<number> & { min: number; max: number; unit?: string; step?: number }) {
  return (
    <label class="field sv-number">
      <span class="field-label">{props.label}</span>
      <span class="sv-number-row">
        <input
          class="input ltr-num"
          type="number"
          dir="ltr"
          data-testid={props.testId}
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          disabled={props.disabled}
          value={Number.isNaN(props.value) ? '' : String(props.value)}
          onInput={(e) => props.onInput(e.currentTarget.value.trim() === '' ? Number.NaN : Number(e.currentTarget.value))}
        />
        {props.unit && <span class="sv-unit">{props.unit}</span>}
      </span>
      {props.hint && <span class="field-hint">{props.hint}</span>}
    </label>
  );
}

export function CheckInput(props: FieldProps<boolean>) {
  return (
    <label class="sv-check-field">
      <input
        type="checkbox"
        data-testid={props.testId}
        checked={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onInput(e.currentTarget.checked)}
      />
      <span class="sv-check-text">
        <span>{props.label}</span>
        {props.hint && <span class="field-hint">{props.hint}</span>}
      </span>
    </label>
  );
}

/**
 * A dialog holding one form: its fields, the refusal, cancel and the action. `run` does the action and
 * `onDone` gets what it resolved with (e.g. the words of what was done, or nothing when the dialog just closes).
 */
export function FormDialog<T>({
  testId,
  title,
  icon,
  submitLabel,
  ready = true,
  danger = false,
  wide = false,
  cancelLabel,
  run,
  onDone,
  onClose,
  fieldLabel: labelOf,
  children,
}: {
  testId: string;
  title: string;
  icon: ComponentChildren;
  submitLabel: string;
  ready?: boolean;
  danger?: boolean;
  wide?: boolean;
  /** The cancel button's words (default: Cancel). */
  cancelLabel?: string;
  run(): Promise<T>;
  onDone?(result: T): void | Promise<void>;
  onClose(): void;
  /** How a refused field is named (default: the console's field labels). */
  fieldLabel?: (field: string) => string | null;
  children: ComponentChildren;
}) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await run();
      await onDone?.(result);
    } catch (err) {
      setError(toFailure(err));
      setBusy(false);
    }
  };
  return (
    <Modal onClose={onClose} labelId={`${testId}-title`} testId={testId} class={`sv-dialog${wide ? ' sv-dialog-wide' : ''}`}>
      <form class="dialog-body" onSubmit={submit} noValidate>
        <h2 class="dialog-title" id={`${testId}-title`}>
          {icon}
          {title}
        </h2>
        {children}
        <FormError error={error} testId="dialog-error" fieldLabel={labelOf ?? fieldLabel(lang)} />
        <div class="dialog-buttons">
          <button type="button" class="btn btn-ghost" data-testid="dialog-cancel" onClick={onClose}>
            {cancelLabel ?? tk(lang, 'common.cancel')}
          </button>
          <button type="submit" class={`btn ${danger ? 'sv-btn-danger' : 'btn-primary'}`} data-testid="dialog-submit" disabled={!ready || busy}>
            {busy && <Spinner />}
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The fields of `next` whose value differs from `before` (compared as JSON): what an update sends. */
export function changed<T extends object>(before: T, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) if (JSON.stringify(before[k]) !== JSON.stringify(next[k])) out[k] = next[k];
  return out;
}
