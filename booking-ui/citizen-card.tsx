// The citizen's card on the console: the record with its editable parts (phone and address, IBAN,
// family members — by role, each change audited by the hub) and the read-only parts that come from
// the ministry's system (applications, letters), then the history of changes with who and when.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Relation } from '../protocol/citizens.ts';
import { call, type InputOf } from '../ui-kit/client.ts';
import type { CitizenRecord } from '../ui-kit/citizen-words.ts';
import { formatShortDate, type Lang } from '../ui-kit/i18n.ts';
import { fieldFailure, ibanFailure, phoneFailure } from './errors.tsx';
import { nameIn, stamp } from './format.ts';
import { tb, word, type BKey } from './i18n.ts';

export type Saved = 'card.saved' | 'family.added';
/** The operations that change a citizen's record; each replies with the whole record. */
type CitizenChange = 'citizens.contact' | 'citizens.iban' | 'citizens.family.add';

export function Section({ title, children, testId, actions }: { title: string; children: ComponentChildren; testId?: string; actions?: ComponentChildren }) {
  return (
    <section class="bk-section" data-testid={testId}>
      <h3 class="bk-h3">
        {title}
        {actions}
      </h3>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="bk-field">
      <span class="bk-label">{label}</span>
      <span class="bk-value">{children}</span>
    </div>
  );
}

function SaveRow({ lang, saving, testId, label = 'card.save', onCancel }: { lang: Lang; saving: boolean; testId: string; label?: BKey; onCancel(): void }) {
  return (
    <div class="bk-row">
      <button type="submit" class="btn btn-primary btn-small" data-testid={testId} disabled={saving}>
        {tb(lang, label)}
      </button>
      <button type="button" class="btn btn-ghost btn-small" onClick={onCancel}>
        {tb(lang, 'card.cancel')}
      </button>
    </div>
  );
}

interface CardProps {
  lang: Lang;
  citizen: CitizenRecord;
  timeZone: string;
  today: string;
  onSaved(c: CitizenRecord, what: Saved): void;
  onError(e: unknown): void;
}

export function CitizenCard({ lang, citizen: c, timeZone, today, onSaved, onError }: CardProps) {
  const [editing, setEditing] = useState<'contact' | 'iban' | 'family' | null>(null);
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  const [iban, setIban] = useState('');
  const [saving, setSaving] = useState(false);
  const open = (what: 'contact' | 'iban' | 'family') => {
    setPhone(c.phone ?? '');
    setAddress(c.address ?? '');
    setIban(c.iban ?? '');
    setEditing(what);
  };
  /** Sends one change; the hub answers with the whole record. */
  const send = async <N extends CitizenChange>(name: N, input: InputOf<N>, what: Saved) => {
    setSaving(true);
    try {
      const r = await call(name, input);
      setEditing(null);
      onSaved(r.citizen, what);
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };
  const saveContact = (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    if (phone.trim() !== (c.phone ?? '')) body.phone = phone.trim();
    if (address.trim() !== (c.address ?? '')) body.address = address.trim();
    if (Object.keys(body).length === 0) return setEditing(null);
    const bad = (body.phone !== undefined && phoneFailure(body.phone)) || (body.address === '' && fieldFailure('address'));
    if (bad) return onError(bad);
    void send('citizens.contact', { cpr: c.cpr, ...body }, 'card.saved');
  };
  const saveIban = (e: Event) => {
    e.preventDefault();
    const bad = ibanFailure(iban);
    if (bad) return onError(bad);
    void send('citizens.iban', { cpr: c.cpr, iban }, 'card.saved');
  };
  return (
    <article class="card bk-card bk-scroll" data-testid="citizen-card">
      <h2 class="bk-name" data-testid="citizen-name">
        <span lang="ar" dir="rtl">
          {c.nameAr}
        </span>
        <span class="bk-name-en" lang="en" dir="ltr">
          {c.nameEn}
        </span>
      </h2>
      {c.registry === 'provisional' && (
        <p class="bk-provisional" data-testid="provisional-mark">
          {tb(lang, 'card.provisional')}
        </p>
      )}
      <Field label={tb(lang, 'card.cpr')}>
        <span class="ltr-num">{c.cpr}</span>
      </Field>
      {editing === 'contact' ? (
        <form class="bk-edit" onSubmit={saveContact} noValidate>
          <label class="bk-field">
            <span class="bk-label">{tb(lang, 'card.phone')}</span>
            <input class="input ltr-num" dir="ltr" data-testid="phone-input" value={phone} maxLength={13} onInput={(e) => setPhone(e.currentTarget.value)} />
          </label>
          <label class="bk-field">
            <span class="bk-label">{tb(lang, 'card.address')}</span>
            <input class="input" data-testid="address-input" value={address} maxLength={200} onInput={(e) => setAddress(e.currentTarget.value)} />
          </label>
          <SaveRow lang={lang} saving={saving} testId="phone-save" onCancel={() => setEditing(null)} />
        </form>
      ) : (
        <>
          <Field label={tb(lang, 'card.phone')}>
            <span class="ltr-num">{c.phone ?? tb(lang, 'card.none')}</span>
            <button type="button" class="btn btn-ghost btn-tiny" data-testid="edit-phone" onClick={() => open('contact')}>
              {tb(lang, 'card.edit')}
            </button>
          </Field>
          <Field label={tb(lang, 'card.address')}>
            <span dir="auto">{c.address ?? tb(lang, 'card.none')}</span>
          </Field>
        </>
      )}
      {editing === 'iban' ? (
        <form class="bk-edit" onSubmit={saveIban} noValidate>
          <label class="bk-field">
            <span class="bk-label">{tb(lang, 'card.iban')}</span>
            <input class="input ltr-num" dir="ltr" data-testid="iban-input" value={iban} maxLength={50} onInput={(e) => setIban(e.currentTarget.value)} />
          </label>
          <SaveRow lang={lang} saving={saving} testId="iban-save" onCancel={() => setEditing(null)} />
        </form>
      ) : (
        <Field label={tb(lang, 'card.iban')}>
          <span class="ltr-num">{c.iban ?? tb(lang, 'card.none')}</span>
          <button type="button" class="btn btn-ghost btn-tiny" data-testid="edit-iban" onClick={() => open('iban')}>
            {tb(lang, 'card.edit')}
          </button>
        </Field>
      )}
      <Section
        title={tb(lang, 'card.family')}
        testId="family"
        actions={
          editing !== 'family' && (
            <button type="button" class="btn btn-ghost btn-tiny" data-testid="family-add" onClick={() => open('family')}>
              {tb(lang, 'family.add')}
            </button>
          )
        }
      >
        {editing === 'family' && (
          <FamilyForm
            lang={lang}
            cpr={c.cpr}
            today={today}
            saving={saving}
            onError={onError}
            onCancel={() => setEditing(null)}
            onSubmit={(member) => void send('citizens.family.add', { cpr: c.cpr, ...member }, 'family.added')}
          />
        )}
        {c.family.length === 0 ? (
          <p class="bk-muted">{tb(lang, 'card.noFamily')}</p>
        ) : (
          <ul class="bk-list">
            {c.family.map((f) => (
              <li key={f.id} data-testid="family-member">
                <span dir="auto">{f.name}</span> <span class="bk-chip">{word(lang, f.relation)}</span>{' '}
                <span class="ltr-num bk-muted">
                  {f.dateOfBirth}
                  {f.memberCpr ? ` · ${f.memberCpr}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.applications')} testId="applications">
        {c.applications.length === 0 ? (
          <p class="bk-muted">{tb(lang, 'card.noApplications')}</p>
        ) : (
          <ul class="bk-list">
            {c.applications.map((a) => (
              <li key={a.id}>
                <span class="ltr-num">{a.number}</span> <span dir="auto">{a.type}</span> <span class={`bk-chip st-${a.status}`}>{word(lang, a.status)}</span>
                <span class="bk-muted"> {tb(lang, 'card.submitted', { day: a.submittedDay })}</span>
                <div class="bk-muted bk-small">
                  {a.history.map((h) => `${word(lang, h.status)} ${formatShortDate(h.at, lang, timeZone)}`).join(lang === 'ar' ? ' ← ' : ' → ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.letters')} testId="letters">
        {c.letters.length === 0 ? (
          <p class="bk-muted">{tb(lang, 'card.noLetters')}</p>
        ) : (
          <ul class="bk-list">
            {c.letters.map((l) => (
              <li key={l.id}>
                <span dir="auto">{l.subject}</span> <span class="bk-chip">{word(lang, l.status)}</span>
                <div class="bk-muted bk-small">
                  <span class="ltr-num">{l.reference}</span> · {tb(lang, 'card.received', { day: l.receivedDay })}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.history')} testId="history">
        {c.history.length === 0 ? (
          <p class="bk-muted">{tb(lang, 'card.noHistory')}</p>
        ) : (
          <ul class="bk-list">
            {c.history.map((h) => (
              <li key={h.id}>
                <strong>{word(lang, h.field)}</strong>: <bdi>{h.oldValue ?? '—'}</bdi> {lang === 'ar' ? '←' : '→'} <bdi>{h.newValue ?? '—'}</bdi>
                <div class="bk-muted bk-small">
                  {nameIn(h.actor, lang)} · <bdi>{stamp(h.at, lang, timeZone)}</bdi>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}

/** A new family member as the hub takes it (without the citizen's CPR). */
type Member = Omit<InputOf<'citizens.family.add'>, 'cpr'>;

/** A new family member: name, relation, date of birth (not after today), CPR if they have one. */
function FamilyForm({
  lang,
  cpr,
  today,
  saving,
  onSubmit,
  onCancel,
  onError,
}: {
  lang: Lang;
  cpr: string;
  today: string;
  saving: boolean;
  onSubmit(m: Member): void;
  onCancel(): void;
  onError(e: unknown): void;
}) {
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<Relation>('son');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [memberCpr, setMemberCpr] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const m = { name: name.trim(), relation, dateOfBirth, memberCpr: memberCpr.trim() || null };
    const bad =
      (!m.name && fieldFailure('name')) ||
      (!/^\d{4}-\d{2}-\d{2}$/.test(m.dateOfBirth) && fieldFailure('dateOfBirth')) ||
      (m.memberCpr !== null && (!/^\d{9}$/.test(m.memberCpr) || m.memberCpr === cpr) && fieldFailure('memberCpr'));
    if (bad) return onError(bad);
    onSubmit(m);
  };
  return (
    <form class="bk-edit" data-testid="family-form" onSubmit={submit} noValidate>
      <label class="bk-field">
        <span class="bk-label">{tb(lang, 'family.name')}</span>
        <input class="input" dir="auto" data-testid="family-name" value={name} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <div class="bk-pair">
        <label class="bk-field">
          <span class="bk-label">{tb(lang, 'family.relation')}</span>
          <select class="input" data-testid="family-relation" value={relation} onChange={(e) => setRelation(Relation.parse(e.currentTarget.value))}>
            {Relation.options.map((r) => (
              <option key={r} value={r}>
                {word(lang, r)}
              </option>
            ))}
          </select>
        </label>
        <label class="bk-field">
          <span class="bk-label">{tb(lang, 'family.dateOfBirth')}</span>
          <input
            class="input ltr-num"
            type="date"
            dir="ltr"
            data-testid="family-dob"
            max={today}
            value={dateOfBirth}
            onInput={(e) => setDateOfBirth(e.currentTarget.value)}
          />
        </label>
      </div>
      <label class="bk-field">
        <span class="bk-label">{tb(lang, 'family.memberCpr')}</span>
        <input
          class="input ltr-num"
          dir="ltr"
          inputMode="numeric"
          data-testid="family-cpr"
          value={memberCpr}
          maxLength={9}
          onInput={(e) => setMemberCpr(e.currentTarget.value.replace(/\D/g, ''))}
        />
      </label>
      <SaveRow lang={lang} saving={saving} testId="family-save" label="family.save" onCancel={onCancel} />
    </form>
  );
}
