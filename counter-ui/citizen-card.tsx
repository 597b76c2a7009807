// The citizen card at the counter: the record the hotline keeps for the ticket's CPR (from the
// booking, or typed at the kiosk), read-only — names, contact, family, housing applications and
// letters. Fetched when the current ticket changes; an unknown CPR shows a small "no record" note.
import { useEffect, useState } from 'preact/hooks';
import { api, isApiFailure } from '../ui-kit/api.ts';
import { word, type CitizenRecord } from '../ui-kit/citizen-words.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { T } from './components.tsx';
import { tc } from './i18n.ts';
import { UsersIcon } from './icons.tsx';

type Load = { state: 'loading' } | { state: 'missing' } | { state: 'failed' } | { state: 'ok'; citizen: CitizenRecord };

/** Loads `cpr`'s record again whenever the ticket (or its CPR) changes. */
function useCitizen(ticketId: string, cpr: string): Load {
  const [load, setLoad] = useState<{ key: string; load: Load }>({ key: '', load: { state: 'loading' } });
  const key = `${ticketId}:${cpr}`;
  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ key, load: { state: 'loading' } });
    api<{ citizen: CitizenRecord }>(`/api/citizens/${encodeURIComponent(cpr)}`, { signal: ctrl.signal }).then(
      (r) => setLoad({ key, load: { state: 'ok', citizen: r.citizen } }),
      (e: unknown) => {
        if (ctrl.signal.aborted) return;
        setLoad({ key, load: isApiFailure(e) && (e.code === 'CITIZEN_NOT_FOUND' || e.status === 404) ? { state: 'missing' } : { state: 'failed' } });
      },
    );
    return () => ctrl.abort();
  }, [key]);
  return load.key === key ? load.load : { state: 'loading' };
}

export function CitizenCard({ ticketId, cpr, lang }: { ticketId: string; cpr: string; lang: Lang }) {
  const load = useCitizen(ticketId, cpr);
  const none = tc(lang, 'common.none');
  return (
    <aside class="details citizen-card" data-testid="citizen-card" data-cpr={cpr} data-state={load.state}>
      <h3 class="details-title"><UsersIcon size="1.1em" /><T k="citizen.title" /></h3>
      {load.state === 'loading' && <p class="details-empty"><T k="citizen.loading" /></p>}
      {load.state === 'missing' && <p class="details-empty" data-testid="citizen-card-missing"><T k="citizen.notFound" /></p>}
      {load.state === 'failed' && <p class="details-empty"><T k="citizen.failed" /></p>}
      {load.state === 'ok' && (() => {
        const c = load.citizen;
        return (
          <>
            <div class="cc-name" data-testid="citizen-card-name">
              <span lang="ar" dir="rtl">{c.nameAr}</span>
              <span class="cc-name-en" lang="en" dir="ltr">{c.nameEn}</span>
            </div>
            <dl class="details-list cc-facts">
              <div class="row row-half"><dt><T k="citizen.phone" /></dt><dd class="ltr-num mono">{c.phone ?? none}</dd></div>
              <div class="row row-half"><dt><T k="citizen.iban" /></dt><dd class="ltr-num mono cc-iban">{c.iban ?? none}</dd></div>
              <div class="row row-wide"><dt><T k="citizen.address" /></dt><dd dir="auto">{c.address ?? none}</dd></div>
              <div class="row row-wide">
                <dt><T k="citizen.family" /></dt>
                <dd class="cc-family">
                  {c.family.length === 0 ? <span class="cc-muted"><T k="citizen.noFamily" /></span> : c.family.map((f) => (
                    <span key={f.id} class="cc-member"><span dir="auto">{f.name}</span> <span class="cc-chip">{word(lang, f.relation)}</span></span>
                  ))}
                </dd>
              </div>
            </dl>
            <section class="cc-section" data-testid="citizen-card-applications">
              <h4 class="cc-h4"><T k="citizen.applications" /></h4>
              {c.applications.length === 0 ? <p class="cc-muted"><T k="citizen.noApplications" /></p> : (
                <ul class="cc-list">{c.applications.map((a) => (
                  <li key={a.id} data-number={a.number} data-status={a.status}>
                    <span class="ltr-num mono">{a.number}</span> <span dir="auto">{a.type}</span>{' '}
                    <span class={`cc-chip st-${a.status}`}>{word(lang, a.status)}</span>
                    <span class="cc-muted"> {tc(lang, 'citizen.submitted', { day: a.submittedDay })}</span>
                  </li>
                ))}</ul>
              )}
            </section>
            <section class="cc-section" data-testid="citizen-card-letters">
              <h4 class="cc-h4"><T k="citizen.letters" /></h4>
              {c.letters.length === 0 ? <p class="cc-muted"><T k="citizen.noLetters" /></p> : (
                <ul class="cc-list">{c.letters.map((l) => (
                  <li key={l.id}>
                    <span dir="auto">{l.subject}</span> <span class={`cc-chip st-${l.status}`}>{word(lang, l.status)}</span>
                    <span class="cc-muted"> <span class="ltr-num">{l.reference}</span> · {tc(lang, 'citizen.received', { day: l.receivedDay })}</span>
                  </li>
                ))}</ul>
              )}
            </section>
          </>
        );
      })()}
    </aside>
  );
}
