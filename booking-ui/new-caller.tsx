// A first-time caller (a valid CPR the ministry's registry does not know yet): the agent takes the
// names — Arabic and/or English — and a mobile, then books with the normal slot picker. Nothing is
// stored here: the booking makes the provisional contact record (the hub, appointments.create).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../ui-kit/i18n.ts';
import { fieldFailure, phoneFailure } from './errors.tsx';
import { tb } from './i18n.ts';
import type { Booker } from './slot-picker.tsx';

export function NewCaller({
  lang,
  cpr,
  taken,
  onTaken,
  onError,
}: {
  lang: Lang;
  cpr: string;
  /** The details once taken (the slot picker is open for them), or null while the form is shown. */
  taken: Booker | null;
  onTaken(caller: Booker | null): void;
  onError(e: unknown): void;
}) {
  const [nameAr, setNameAr] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [phone, setPhone] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!taken) first.current?.focus();
  }, [taken]);

  const submit = (e: Event) => {
    e.preventDefault();
    const caller = { cpr, nameAr: nameAr.trim(), nameEn: nameEn.trim(), phone: phone.trim() };
    const bad = (!caller.nameAr && !caller.nameEn && fieldFailure('nameAr')) || phoneFailure(caller.phone);
    if (bad) return onError(bad);
    onTaken(caller);
  };

  return (
    <article class="card bk-card bk-scroll" data-testid="new-caller">
      <h2 class="bk-name">
        {taken ? (
          <span data-testid="citizen-name">
            {taken.nameAr && (
              <span lang="ar" dir="rtl">
                {taken.nameAr}
              </span>
            )}{' '}
            {taken.nameEn && (
              <span class="bk-name-en" lang="en" dir="ltr">
                {taken.nameEn}
              </span>
            )}
          </span>
        ) : (
          tb(lang, 'caller.title')
        )}
      </h2>
      <p class="bk-provisional" data-testid="provisional-mark">
        {tb(lang, 'card.provisional')}
      </p>
      {taken ? (
        <>
          <div class="bk-field">
            <span class="bk-label">{tb(lang, 'card.cpr')}</span>
            <span class="bk-value ltr-num">{cpr}</span>
          </div>
          <div class="bk-field">
            <span class="bk-label">{tb(lang, 'caller.phone')}</span>
            <span class="bk-value ltr-num">{taken.phone}</span>
          </div>
          <p class="bk-muted bk-small">{tb(lang, 'caller.pending')}</p>
          <button type="button" class="btn btn-ghost btn-tiny" data-testid="new-caller-edit" onClick={() => onTaken(null)}>
            {tb(lang, 'caller.edit')}
          </button>
        </>
      ) : (
        <form class="bk-edit" onSubmit={submit} noValidate>
          <p class="bk-small">{tb(lang, 'caller.unknown', { cpr: `\u2068${cpr}\u2069` })}</p>
          <label class="bk-field">
            <span class="bk-label">{tb(lang, 'caller.nameAr')}</span>
            <input
              ref={first}
              class="input"
              lang="ar"
              dir="rtl"
              data-testid="new-caller-name-ar"
              value={nameAr}
              maxLength={120}
              onInput={(e) => setNameAr(e.currentTarget.value)}
            />
          </label>
          <label class="bk-field">
            <span class="bk-label">
              {tb(lang, 'caller.nameEn')} <span class="bk-muted">({tb(lang, 'caller.nameHint')})</span>
            </span>
            <input
              class="input"
              lang="en"
              dir="ltr"
              data-testid="new-caller-name-en"
              value={nameEn}
              maxLength={120}
              onInput={(e) => setNameEn(e.currentTarget.value)}
            />
          </label>
          <label class="bk-field">
            <span class="bk-label">{tb(lang, 'caller.phone')}</span>
            <input
              class="input ltr-num"
              dir="ltr"
              inputMode="tel"
              data-testid="new-caller-phone"
              value={phone}
              maxLength={13}
              onInput={(e) => setPhone(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="btn btn-primary btn-small" data-testid="new-caller-next">
            {tb(lang, 'caller.next')}
          </button>
        </form>
      )}
    </article>
  );
}
