// Passwords on the staff screens: a new password with its repeat, checked as the person types
// against the cheap rules (protocol/password-basics.ts; the hub alone knows the common-password
// list and answers PASSWORD_TOO_COMMON), and the change of one's own password (`auth.password`),
// in the login's forced step and in the account menu's dialog.
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { basicPasswordProblem } from '../protocol/password-basics.ts';
import { errorWords } from '../protocol/errors.ts';
import { MAX_PASSWORD_LENGTH } from '../protocol/users.ts';
import { type ApiFailure, toFailure } from './api.ts';
import { call, type ReplyOf } from './client.ts';
import { Spinner, useLang } from './components.tsx';
import { CheckCircleIcon, KeyIcon } from './icons.tsx';
import { Modal } from './modal.tsx';
import { failureText, tk } from './staff-words.ts';

export interface NewPassword {
  password: string;
  repeat: string;
}
export const NO_NEW_PASSWORD: NewPassword = { password: '', repeat: '' };

/** Ready to send: the cheap rules hold and the repeat matches. */
export const newPasswordReady = (v: NewPassword, username: string) =>
  v.password !== '' && basicPasswordProblem(v.password, username) === null && v.password === v.repeat;

/** A labelled password field: left-to-right whatever the page's direction; hints under it as children. */
function PasswordField(props: {
  label: string;
  testId: string;
  value: string;
  onInput(v: string): void;
  autocomplete: string;
  inputRef?: Ref<HTMLInputElement>;
  children?: ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <input
        ref={props.inputRef}
        id={id}
        class="input"
        type="password"
        data-testid={props.testId}
        dir="ltr"
        autocomplete={props.autocomplete}
        maxLength={MAX_PASSWORD_LENGTH}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.children}
    </div>
  );
}

/** The new password and its repeat, with the rules answering as the person types. */
export function NewPasswordFields({ value, onChange, username }: { value: NewPassword; onChange(v: NewPassword): void; username: string }) {
  const lang = useLang();
  const problem = value.password ? basicPasswordProblem(value.password, username) : null;
  const mismatch = value.repeat !== '' && value.repeat !== value.password;
  return (
    <>
      <PasswordField
        label={tk(lang, 'password.new')}
        testId="password-new"
        autocomplete="new-password"
        value={value.password}
        onInput={(password) => onChange({ ...value, password })}
      >
        <span class="field-hint">{tk(lang, 'password.rules')}</span>
        {value.password && (
          <span class={`field-hint${problem ? ' field-bad' : ' field-good'}`} data-testid="password-rule" data-code={problem ?? undefined} role="status">
            {problem ? errorWords(lang, problem) : tk(lang, 'password.ok')}
          </span>
        )}
      </PasswordField>
      <PasswordField
        label={tk(lang, 'password.repeat')}
        testId="password-repeat"
        autocomplete="new-password"
        value={value.repeat}
        onInput={(repeat) => onChange({ ...value, repeat })}
      >
        {mismatch && (
          <span class="field-hint field-bad" data-testid="password-mismatch">
            {tk(lang, 'password.mismatch')}
          </span>
        )}
      </PasswordField>
    </>
  );
}

/** A refusal under a form, in the screen's language. */
export function FormError({ error, testId, fieldLabel }: { error: ApiFailure | null; testId: string; fieldLabel?: (field: string) => string | null }) {
  const lang = useLang();
  if (!error) return null;
  return (
    <p class="notice notice-danger form-error" role="alert" data-testid={testId} data-code={error.code}>
      {failureText(lang, error, fieldLabel)}
    </p>
  );
}

/**
 * Changes the logged-in person's own password: the current one, the new one twice. Other sessions
 * of the account end; this one stays. `onChanged` gets the account as it is now.
 */
export function ChangePasswordForm({
  username,
  onChanged,
  onCancel,
  cancelLabel,
}: {
  username: string;
  onChanged(user: ReplyOf<'auth.password'>['user']): void;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const lang = useLang();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>(NO_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  useEffect(() => currentRef.current?.focus(), []);
  const ready = current !== '' && newPasswordReady(next, username) && !busy;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const { user } = await call('auth.password', { currentPassword: current, newPassword: next.password });
      onChanged(user);
    } catch (err) {
      const f = toFailure(err);
      setError(f);
      if (f.code === 'WRONG_PASSWORD') {
        setCurrent('');
        currentRef.current?.focus();
      }
      setBusy(false);
    }
  };

  return (
    <form class="password-form" onSubmit={submit} noValidate data-testid="password-form">
      <PasswordField
        label={tk(lang, 'password.current')}
        testId="password-current"
        autocomplete="current-password"
        value={current}
        onInput={setCurrent}
        inputRef={currentRef}
      />
      <NewPasswordFields value={next} onChange={setNext} username={username} />
      <FormError error={error} testId="password-error" />
      <div class="dialog-buttons">
        {onCancel && (
          <button type="button" class="btn btn-ghost" data-testid="password-cancel" onClick={onCancel}>
            {cancelLabel ?? tk(lang, 'common.cancel')}
          </button>
        )}
        <button type="submit" class="btn btn-primary" data-testid="password-submit" disabled={!ready}>
          {busy ? <Spinner /> : <KeyIcon size="1.2em" />}
          {tk(lang, 'password.submit')}
        </button>
      </div>
    </form>
  );
}

/** The account menu's dialog: the change, then a word that it is done. */
export function PasswordDialog({ username, onClose, onChanged }: { username: string; onClose(): void; onChanged(): void }) {
  const lang = useLang();
  const [done, setDone] = useState(false);
  return (
    <Modal onClose={onClose} labelId="password-dialog-title" testId="password-dialog" class="dialog-password">
      <div class="dialog-body">
        <h2 class="dialog-title" id="password-dialog-title">
          <KeyIcon size="1.3em" />
          {tk(lang, 'password.title')}
        </h2>
        {done ? (
          <>
            <p class="notice notice-ok" role="status" data-testid="password-done">
              <CheckCircleIcon size="1.4em" />
              {tk(lang, 'password.done')}
            </p>
            <div class="dialog-buttons">
              <button type="button" class="btn btn-primary" data-testid="password-close" onClick={onClose}>
                {tk(lang, 'common.close')}
              </button>
            </div>
          </>
        ) : (
          <ChangePasswordForm
            username={username}
            onCancel={onClose}
            onChanged={() => {
              setDone(true);
              onChanged();
            }}
          />
        )}
      </div>
    </Modal>
  );
}
