// The first run of a real hall: the hall's name and time zone and the first admin, sent with the
// one-time token of the link in the hub's log; on success the new admin is logged in and goes on to
// the supervisor console. The password rules are checked as the admin types (protocol/password-rules.ts,
// the same module the hub enforces).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS } from '../protocol/domain.ts';
import { errorWords } from '../protocol/errors.ts';
import { passwordProblem } from '../protocol/password-rules.ts';
import { type ApiFailure, isApiFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { applyDocumentLang, type Lang, otherLang, saveLang, savedLang } from '../ui-kit/i18n.ts';
import { isKey, type SKey, ts } from './i18n.ts';

const LANG_KEY = 'dor.setup.lang';
const NEXT_PAGE = '/supervisor';

type Form = Record<'hallNameAr' | 'hallNameEn' | 'timeZone' | 'username' | 'displayNameAr' | 'displayNameEn' | 'password' | 'confirm', string>;

const EMPTY: Form = {
  hallNameAr: DEFAULT_SETTINGS.hallName.ar,
  hallNameEn: DEFAULT_SETTINGS.hallName.en,
  timeZone: DEFAULT_SETTINGS.timeZone,
  username: '',
  displayNameAr: '',
  displayNameEn: '',
  password: '',
  confirm: '',
};

/** The IANA zones this browser knows, with the form's default among them. */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(DEFAULT_SETTINGS.timeZone) ? zones : [DEFAULT_SETTINGS.timeZone, ...zones];
}

/** The words for a refusal: the hub's code in the page's language, a rejected field by its label. */
function failureText(lang: Lang, f: ApiFailure): string {
  const path = Array.isArray(f.details) ? ((f.details[0] as { path?: unknown[] } | undefined)?.path ?? []) : [];
  if (f.code === 'VALIDATION_FAILED' && path.length > 0) {
    const field = path[0] === 'hallName' ? `hallName${String(path[1] ?? '').replace(/^./, (c) => c.toUpperCase())}` : String(path[0]);
    if (isKey(field)) return ts(lang, 'checkField', { field: ts(lang, field) });
  }
  return errorWords(lang, f.code) ?? `${f.code}: ${f.message}`;
}

function Field(props: {
  lang: Lang;
  name: keyof Form;
  label: SKey;
  form: Form;
  set(name: keyof Form, value: string): void;
  dir: 'rtl' | 'ltr';
  secret?: boolean;
  autocomplete?: string;
  hint?: preact.ComponentChildren;
  maxLength?: number;
}) {
  const { lang, name, form, set } = props;
  const input = {
    id: `setup-${name}`,
    class: 'input',
    'data-testid': `setup-${name}`,
    name,
    dir: props.dir,
    autocomplete: props.autocomplete ?? 'off',
    autocapitalize: 'off' as const,
    spellcheck: false,
    maxLength: props.maxLength ?? 80,
    value: form[name],
    onInput: (e: preact.TargetedEvent<HTMLInputElement>) => set(name, e.currentTarget.value),
  };
  return (
    <div class="field">
      <label class="field-label" for={input.id}>
        {ts(lang, props.label)}
      </label>
      {props.secret ? <input type="password" {...input} /> : <input type="text" {...input} />}
      {props.hint}
    </div>
  );
}

function SetupForm({ lang, token }: { lang: Lang; token: string }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const zones = useMemo(timeZones, []);
  const set = (name: keyof Form, value: string) => setForm((f) => ({ ...f, [name]: value }));

  const problem = form.password ? passwordProblem(form.password, form.username) : null;
  const mismatch = form.confirm !== '' && form.confirm !== form.password;
  const filled = Object.values(form).every((v) => v.trim() !== '');
  const ready = filled && !problem && !mismatch && !busy;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await call('setup.complete', {
        token,
        hallName: { ar: form.hallNameAr.trim(), en: form.hallNameEn.trim() },
        timeZone: form.timeZone,
        username: form.username,
        displayNameAr: form.displayNameAr,
        displayNameEn: form.displayNameEn,
        password: form.password,
      });
      location.assign(NEXT_PAGE);
    } catch (err) {
      setError(isApiFailure(err) ? err : { code: 'INTERNAL', message: String(err), status: 0 });
      setBusy(false);
    }
  };

  const passwordHint = (
    <span class={`field-hint${problem ? ' field-bad' : form.password ? ' field-good' : ''}`} data-testid="password-rule" lang={lang}>
      {problem ? errorWords(lang, problem) : form.password ? ts(lang, 'passwordOk') : ts(lang, 'passwordHint')}
    </span>
  );
  return (
    <form class="card setup-card accent-top" onSubmit={submit} noValidate data-testid="setup-form">
      <h1 class="setup-title">{ts(lang, 'title')}</h1>
      <p class="setup-intro">{ts(lang, 'intro')}</p>
      <div class="setup-columns">
        <fieldset class="setup-group">
          <legend>{ts(lang, 'hall')}</legend>
          <Field lang={lang} name="hallNameAr" label="hallNameAr" form={form} set={set} dir="rtl" maxLength={200} />
          <Field lang={lang} name="hallNameEn" label="hallNameEn" form={form} set={set} dir="ltr" maxLength={200} />
          <label class="field">
            <span class="field-label">{ts(lang, 'timeZone')}</span>
            <select class="input" data-testid="setup-timeZone" dir="ltr" value={form.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset class="setup-group">
          <legend>{ts(lang, 'admin')}</legend>
          <Field
            lang={lang}
            name="username"
            label="username"
            form={form}
            set={set}
            dir="ltr"
            autocomplete="username"
            maxLength={32}
            hint={<span class="field-hint">{ts(lang, 'usernameHint')}</span>}
          />
          <div class="setup-pair">
            <Field lang={lang} name="displayNameAr" label="displayNameAr" form={form} set={set} dir="rtl" />
            <Field lang={lang} name="displayNameEn" label="displayNameEn" form={form} set={set} dir="ltr" />
          </div>
          <div class="setup-pair">
            <Field lang={lang} name="password" label="password" form={form} set={set} dir="ltr" secret autocomplete="new-password" maxLength={200} />
            <Field
              lang={lang}
              name="confirm"
              label="confirm"
              form={form}
              set={set}
              dir="ltr"
              secret
              autocomplete="new-password"
              maxLength={200}
              hint={mismatch ? <span class="field-hint field-bad">{ts(lang, 'mismatch')}</span> : undefined}
            />
          </div>
          {passwordHint}
        </fieldset>
      </div>
      {error && (
        <div class="notice notice-danger" role="alert" data-testid="setup-error" data-code={error.code}>
          {failureText(lang, error)}
        </div>
      )}
      <button type="submit" class="btn btn-primary setup-submit" data-testid="setup-submit" disabled={!ready}>
        {busy ? ts(lang, 'busy') : ts(lang, 'submit')}
      </button>
    </form>
  );
}

function Message({ lang, title, body, link }: { lang: Lang; title?: SKey; body: SKey; link?: boolean }) {
  return (
    <div class="card setup-card setup-message accent-top" data-testid="setup-message">
      {title && <h1 class="setup-title">{ts(lang, title)}</h1>}
      <p class="setup-intro">{ts(lang, body)}</p>
      {link && (
        <a class="btn btn-primary" href={NEXT_PAGE}>
          {ts(lang, 'toConsole')}
        </a>
      )}
    </div>
  );
}

export function SetupApp() {
  const [lang, setLangState] = useState<Lang>(() => savedLang(LANG_KEY));
  const [needed, setNeeded] = useState<boolean | null>(null);
  const token = useMemo(() => new URLSearchParams(location.search).get('token') ?? '', []);
  const setLang = (l: Lang) => {
    setLangState(l);
    saveLang(LANG_KEY, l);
  };
  useEffect(() => applyDocumentLang(lang), [lang]);
  useEffect(() => {
    call('setup.status', {}).then(
      (s) => setNeeded(s.needed),
      () => setNeeded(true), // the form will say what the hub answers
    );
  }, []);
  return (
    <div class="setup-app" lang={lang}>
      <header class="setup-header">
        <span class="logo" aria-hidden="true">
          <span class="logo-mark" lang="ar">
            دور
          </span>
        </span>
        <span class="setup-brand" lang={lang}>
          {ts(lang, 'brand')}
        </span>
        <button type="button" class="btn btn-ghost setup-lang" data-testid="lang-toggle" lang={otherLang(lang)} onClick={() => setLang(otherLang(lang))}>
          {ts(lang, 'langToggle')}
        </button>
      </header>
      <main class="setup-main">
        {needed === null ? (
          <Message lang={lang} body="loading" />
        ) : !needed ? (
          <Message lang={lang} title="doneTitle" body="doneBody" link />
        ) : !token ? (
          <Message lang={lang} title="title" body="noToken" />
        ) : (
          <SetupForm lang={lang} token={token} />
        )}
      </main>
    </div>
  );
}
