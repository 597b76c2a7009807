// The users page: every staff account with its role and state (disabled, password change pending,
// still the demo password). Admins create accounts, edit names and roles, set a new password, and
// disable or enable an account; supervisors read. The hub enforces every rule (the last admin, one's
// own account, a taken username) and its refusals are shown in the person's language.
import { useState } from 'preact/hooks';
import { Role } from '../protocol/domain.ts';
import type { UserAccount } from '../protocol/users.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import type { Lang } from '../ui-kit/i18n.ts';
import { CheckCircleIcon, InfoIcon, KeyIcon, UserIcon, UsersIcon } from '../ui-kit/icons.tsx';
import type { Me } from '../ui-kit/login.tsx';
import { FormError, NewPasswordFields, NO_NEW_PASSWORD, newPasswordReady, type NewPassword } from '../ui-kit/password.tsx';
import { roleName, tk } from '../ui-kit/staff-words.ts';
import { fieldLabel as consoleFieldLabel, FormDialog, TextInput } from './admin-kit.tsx';
import type { Accounts } from './app.tsx';
import { tv } from './i18n.ts';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'disable'; user: UserAccount };

const nameOf = (u: UserAccount, lang: Lang) => (lang === 'ar' ? u.displayNameAr : u.displayNameEn);

/** A rejected field of a user form, named by its label (the password by the password form's). */
const fieldLabel = (lang: Lang) => (field: string) => (field === 'password' ? tk(lang, 'password.new') : consoleFieldLabel(lang)(field));

function RoleField({ value, onChange }: { value: Role; onChange(r: Role): void }) {
  const lang = useLang();
  return (
    <label class="field">
      <span class="field-label">{tv(lang, 'field.role')}</span>
      <select class="input" data-testid="user-role" value={value} onChange={(e) => onChange(Role.parse(e.currentTarget.value))}>
        {Role.options.map((r) => (
          <option key={r} value={r}>
            {roleName(lang, r)}
          </option>
        ))}
      </select>
    </label>
  );
}

type DialogProps = { onDone(text: string): Promise<void>; onClose(): void };

function CreateDialog(props: DialogProps) {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [nameAr, setNameAr] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [role, setRole] = useState<Role>('counter');
  const [password, setPassword] = useState<NewPassword>(NO_NEW_PASSWORD);
  const ready = username.trim() !== '' && nameAr.trim() !== '' && nameEn.trim() !== '' && newPasswordReady(password, username);
  return (
    <FormDialog
      {...props}
      icon={<UsersIcon size="1.3em" />}
      fieldLabel={fieldLabel(lang)}
      testId="create-dialog"
      title={tv(lang, 'create.title')}
      submitLabel={tv(lang, 'create.submit')}
      ready={ready}
      run={async () => {
        const { user } = await call('users.create', { username, displayNameAr: nameAr, displayNameEn: nameEn, role, password: password.password });
        return tv(lang, 'create.done', { name: nameOf(user, lang) });
      }}
    >
      <TextInput
        label={tv(lang, 'field.username')}
        testId="user-username"
        value={username}
        onInput={setUsername}
        dir="ltr"
        maxLength={32}
        hint={tv(lang, 'field.usernameHint')}
      />
      <div class="sv-pair">
        <TextInput label={tv(lang, 'field.displayNameAr')} testId="user-name-ar" value={nameAr} onInput={setNameAr} dir="rtl" maxLength={80} />
        <TextInput label={tv(lang, 'field.displayNameEn')} testId="user-name-en" value={nameEn} onInput={setNameEn} dir="ltr" maxLength={80} />
      </div>
      <RoleField value={role} onChange={setRole} />
      <NewPasswordFields value={password} onChange={setPassword} username={username} />
      <p class="dialog-note">
        <InfoIcon size="1.2em" />
        {tv(lang, 'create.hint')}
      </p>
    </FormDialog>
  );
}

function EditDialog({ user, ...props }: DialogProps & { user: UserAccount }) {
  const lang = useLang();
  const [nameAr, setNameAr] = useState(user.displayNameAr);
  const [nameEn, setNameEn] = useState(user.displayNameEn);
  const [role, setRole] = useState<Role>(user.role);
  // Only what changed is sent: an unchanged name or role is no change to audit.
  const change = {
    ...(nameAr.trim() !== user.displayNameAr ? { displayNameAr: nameAr } : {}),
    ...(nameEn.trim() !== user.displayNameEn ? { displayNameEn: nameEn } : {}),
    ...(role !== user.role ? { role } : {}),
  };
  const ready = nameAr.trim() !== '' && nameEn.trim() !== '' && Object.keys(change).length > 0;
  return (
    <FormDialog
      {...props}
      icon={<UsersIcon size="1.3em" />}
      fieldLabel={fieldLabel(lang)}
      testId="edit-dialog"
      title={tv(lang, 'edit.title', { name: nameOf(user, lang) })}
      submitLabel={tv(lang, 'common.save')}
      ready={ready}
      run={async () => {
        const { user: saved } = await call('users.update', { id: user.id, ...change });
        return tv(lang, 'edit.done', { name: nameOf(saved, lang) });
      }}
    >
      <p class="login-account" dir="ltr">
        {user.username}
      </p>
      <div class="sv-pair">
        <TextInput label={tv(lang, 'field.displayNameAr')} testId="user-name-ar" value={nameAr} onInput={setNameAr} dir="rtl" maxLength={80} />
        <TextInput label={tv(lang, 'field.displayNameEn')} testId="user-name-en" value={nameEn} onInput={setNameEn} dir="ltr" maxLength={80} />
      </div>
      <RoleField value={role} onChange={setRole} />
      <p class="dialog-note">
        <InfoIcon size="1.2em" />
        {tv(lang, 'edit.roleHint')}
      </p>
    </FormDialog>
  );
}

function ResetDialog({ user, ...props }: DialogProps & { user: UserAccount }) {
  const lang = useLang();
  const [password, setPassword] = useState<NewPassword>(NO_NEW_PASSWORD);
  const name = nameOf(user, lang);
  return (
    <FormDialog
      {...props}
      icon={<UsersIcon size="1.3em" />}
      fieldLabel={fieldLabel(lang)}
      testId="reset-dialog"
      title={tv(lang, 'reset.title', { name })}
      submitLabel={tv(lang, 'reset.submit')}
      ready={newPasswordReady(password, user.username)}
      run={async () => {
        await call('users.resetPassword', { id: user.id, password: password.password });
        return tv(lang, 'reset.done', { name });
      }}
    >
      <p class="dialog-note">
        <InfoIcon size="1.2em" />
        {tv(lang, 'reset.hint', { name })}
      </p>
      <NewPasswordFields value={password} onChange={setPassword} username={user.username} />
    </FormDialog>
  );
}

function DisableDialog({ user, ...props }: DialogProps & { user: UserAccount }) {
  const lang = useLang();
  const name = nameOf(user, lang);
  return (
    <FormDialog
      {...props}
      icon={<UserIcon size="1.3em" />}
      fieldLabel={fieldLabel(lang)}
      testId="disable-dialog"
      title={tv(lang, 'disable.title', { name })}
      submitLabel={tv(lang, 'disable.confirm')}
      ready
      danger
      run={async () => {
        await call('users.update', { id: user.id, disabled: true });
        return tv(lang, 'disable.done', { name });
      }}
    >
      <p class="dialog-note dialog-warn">{tv(lang, 'disable.body', { name })}</p>
    </FormDialog>
  );
}

function Marks({ user }: { user: UserAccount }) {
  const lang = useLang();
  return (
    <span class="sv-marks">
      {user.disabled ? (
        <span class="sv-mark sv-mark-off" data-mark="disabled">
          {tv(lang, 'users.disabled')}
        </span>
      ) : (
        <span class="sv-mark sv-mark-on">{tv(lang, 'users.active')}</span>
      )}
      {user.mustChangePassword && (
        <span class="sv-mark sv-mark-info" data-mark="must-change">
          <KeyIcon size="1em" />
          {tv(lang, 'users.mustChange')}
        </span>
      )}
      {user.demoPassword && (
        <span class="sv-mark sv-mark-warn" data-mark="demo">
          {tv(lang, 'users.demo')}
        </span>
      )}
    </span>
  );
}

export function UsersPage({
  me,
  accounts,
  accountsError,
  onChanged,
}: {
  me: Me;
  accounts: Accounts | null;
  accountsError: ApiFailure | null;
  onChanged(): Promise<void>;
}) {
  const lang = useLang();
  const admin = me.user.role === 'admin';
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const close = () => setDialog(null);
  const finish = async (text: string) => {
    await onChanged();
    setDialog(null);
    setError(null);
    setDone(text);
  };
  const open = (d: Dialog) => {
    setDone(null);
    setError(null);
    setDialog(d);
  };
  const enable = async (u: UserAccount) => {
    setDone(null);
    setError(null);
    try {
      await call('users.update', { id: u.id, disabled: false });
      await finish(tv(lang, 'enable.done', { name: nameOf(u, lang) }));
    } catch (e) {
      setError(toFailure(e));
    }
  };

  const users = accounts?.users ?? [];
  return (
    <section class="sv-page" data-testid="users-page" aria-labelledby="users-title">
      <div class="sv-page-head">
        <div>
          <h1 class="sv-page-title" id="users-title">
            {tv(lang, 'nav.users')}
            {accounts && <span class="sv-count">{tv(lang, 'users.count', { n: users.length })}</span>}
          </h1>
          <p class="sv-page-intro">{admin ? tv(lang, 'users.intro') : tv(lang, 'users.readOnly')}</p>
        </div>
        {admin && (
          <button type="button" class="btn btn-primary" data-testid="user-create" onClick={() => open({ kind: 'create' })}>
            <UsersIcon size="1.3em" />
            {tv(lang, 'users.create')}
          </button>
        )}
      </div>
      {done && (
        <p class="notice notice-ok sv-done" role="status" data-testid="users-done">
          <CheckCircleIcon size="1.3em" />
          {done}
        </p>
      )}
      <FormError error={error ?? accountsError} testId="users-error" />
      {!accounts && !accountsError && (
        <p class="sv-loading">
          <Spinner />
          {tv(lang, 'common.loading')}
        </p>
      )}
      {accounts && (
        <table class="sv-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{tv(lang, 'users.colUser')}</th>
              <th scope="col">{tv(lang, 'users.colRole')}</th>
              <th scope="col">{tv(lang, 'users.colState')}</th>
              {admin && <th scope="col">{tv(lang, 'users.colActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`} class={u.disabled ? 'sv-row-off' : undefined}>
                <td>
                  <span class="sv-user">
                    <span class="sv-user-name">
                      {nameOf(u, lang)}
                      {u.id === me.user.id && <span class="sv-you">{tv(lang, 'users.you')}</span>}
                    </span>
                    <bdi class="sv-username" dir="ltr">
                      {u.username}
                    </bdi>
                  </span>
                </td>
                <td>
                  <span class={`sv-role sv-role-${u.role}`}>{roleName(lang, u.role)}</span>
                </td>
                <td>
                  <Marks user={u} />
                </td>
                {admin && (
                  <td>
                    <span class="sv-actions">
                      <button type="button" class="btn btn-ghost btn-small" data-testid={`edit-${u.username}`} onClick={() => open({ kind: 'edit', user: u })}>
                        {tv(lang, 'users.edit')}
                      </button>
                      <button
                        type="button"
                        class="btn btn-ghost btn-small"
                        data-testid={`reset-${u.username}`}
                        onClick={() => open({ kind: 'reset', user: u })}
                      >
                        {tv(lang, 'users.reset')}
                      </button>
                      {u.disabled ? (
                        <button type="button" class="btn btn-ghost btn-small" data-testid={`enable-${u.username}`} onClick={() => void enable(u)}>
                          {tv(lang, 'users.enable')}
                        </button>
                      ) : (
                        <button
                          type="button"
                          class="btn btn-ghost btn-small sv-danger"
                          data-testid={`disable-${u.username}`}
                          onClick={() => open({ kind: 'disable', user: u })}
                        >
                          {tv(lang, 'users.disable')}
                        </button>
                      )}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'create' && <CreateDialog onDone={finish} onClose={close} />}
      {dialog?.kind === 'edit' && <EditDialog user={dialog.user} onDone={finish} onClose={close} />}
      {dialog?.kind === 'reset' && <ResetDialog user={dialog.user} onDone={finish} onClose={close} />}
      {dialog?.kind === 'disable' && <DisableDialog user={dialog.user} onDone={finish} onClose={close} />}
    </section>
  );
}
