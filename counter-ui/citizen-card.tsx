// The citizen's record at the counter, read-only: what the hotline keeps for the ticket's CPR (from
// the booking, or typed at the kiosk). Two tabs of the current ticket's details column show it —
// the citizen (names, contact, family) and their housing applications and letters. The record is
// fetched once when the current ticket changes (`useCitizen`, in the tab container), so switching
// tabs never waits; an unknown CPR shows a small "no record" note.
import { useEffect, useState } from 'preact/hooks';
import { isApiFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { word, type CitizenRecord } from '../ui-kit/citizen-words.ts';
import { formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { Pair } from '../ui-kit/components.tsx';
import { T } from './components.tsx';
import { tc } from './i18n.ts';

export type CitizenLoad = { state: 'loading' } | { state: 'missing' } | { state: 'failed' } | { state: 'ok'; citizen: CitizenRecord };

/** Loads `cpr`'s record again whenever the ticket (or its CPR) changes; nothing without a CPR. */
export function useCitizen(ticketId: string, cpr: string | null): CitizenLoad {
  const [load, setLoad] = useState<{ key: string; load: CitizenLoad }>({ key: '', load: { state: 'loading' } });
  const key = cpr ? `${ticketId}:${cpr}` : '';
  useEffect(() => {
    if (!cpr) return;
    const ctrl = new AbortController();
    setLoad({ key, load: { state: 'loading' } });
    call('citizens.get', { cpr }, { signal: ctrl.signal }).then(
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

/** How many applications and letters the record holds (the third tab's count), null until loaded. */
export function filesCount(load: CitizenLoad): number | null {
  return load.state === 'ok' ? load.citizen.applications.length + load.citizen.letters.length : null;
}

/** The tabpanel attributes the tab container hands to each panel's root. */
export interface PanelProps {
  id: string;
  role: 'tabpanel';
  'aria-labelledby': string;
  tabIndex: number;
}

/** While loading, when the record is missing or could not be loaded: one line instead of the panel's content. */
function LoadNote({ load }: { load: CitizenLoad }) {
  if (load.state === 'loading')
    return (
      <p class="details-empty">
        <T k="citizen.loading" />
      </p>
    );
  if (load.state === 'missing')
    return (
      <p class="details-empty" data-testid="citizen-card-missing">
        <T k="citizen.notFound" />
      </p>
    );
  if (load.state === 'failed')
    return (
      <p class="details-empty">
        <T k="citizen.failed" />
      </p>
    );
  return null;
}

/** "مريم حسن الدوسري / Mariam Hasan Al-Dosari" (how the import writes family names) → both halves. */
function splitName(name: string): { ar: string; en: string } | null {
  const parts = name.split(' / ');
  if (parts.length !== 2) return null;
  const arabic = (s: string) => /[\u0600-\u06ff]/.test(s);
  const [a, b] = parts as [string, string];
  if (arabic(a) && !arabic(b)) return { ar: a, en: b };
  if (arabic(b) && !arabic(a)) return { ar: b, en: a };
  return null;
}

function SectionTitle({ k, n, lang }: { k: 'citizen.family' | 'citizen.applications' | 'citizen.letters'; n: number; lang: Lang }) {
  return (
    <h4 class="cc-h4">
      <T k={k} />
      <span class="cc-count ltr-num">{formatNumber(n, lang)}</span>
    </h4>
  );
}

/** Tab 2: the citizen — names, CPR, phone, IBAN, address and family. */
export function CitizenCard({ cpr, load, lang, panel }: { cpr: string; load: CitizenLoad; lang: Lang; panel: PanelProps }) {
  const none = tc(lang, 'common.none');
  return (
    <div class="dt-panel citizen-card" data-testid="citizen-card" data-cpr={cpr} data-state={load.state} {...panel}>
      <LoadNote load={load} />
      {load.state === 'ok' &&
        (() => {
          const c = load.citizen;
          return (
            <>
              <div class="cc-name" data-testid="citizen-card-name">
                <Pair ar={c.nameAr} en={c.nameEn} box="pair" />
              </div>
              <dl class="details-list cc-facts">
                <div class="row row-half">
                  <dt>
                    <T k="citizen.cpr" />
                  </dt>
                  <dd class="ltr-num mono">{c.cpr}</dd>
                </div>
                <div class="row row-half">
                  <dt>
                    <T k="citizen.phone" />
                  </dt>
                  <dd class="ltr-num mono">{c.phone ?? none}</dd>
                </div>
                <div class="row">
                  <dt>
                    <T k="citizen.iban" />
                  </dt>
                  <dd class="ltr-num mono">{c.iban ?? none}</dd>
                </div>
                <div class="row">
                  <dt>
                    <T k="citizen.address" />
                  </dt>
                  <dd dir="auto" class={c.address ? undefined : 'cc-none'}>
                    {c.address ?? none}
                  </dd>
                </div>
              </dl>
              <section class="cc-section" data-testid="citizen-card-family">
                <SectionTitle k="citizen.family" n={c.family.length} lang={lang} />
                {c.family.length === 0 ? (
                  <p class="cc-muted">
                    <T k="citizen.noFamily" />
                  </p>
                ) : (
                  <ul class="cc-list">
                    {c.family.map((f) => {
                      const names = splitName(f.name);
                      return (
                        <li key={f.id} class="cc-item cc-member">
                          {names ? (
                            <Pair ar={names.ar} en={names.en} box="pair cc-member-name" />
                          ) : (
                            <span class="cc-member-name" dir="auto">
                              {f.name}
                            </span>
                          )}
                          <span class="cc-member-facts">
                            <span class="cc-chip">{word(lang, f.relation)}</span>
                            <span class="cc-muted">
                              {tc(lang, 'citizen.born')} <span class="ltr-num">{f.dateOfBirth}</span>
                            </span>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
            </>
          );
        })()}
    </div>
  );
}

/** A moment as the hall's calendar day, YYYY-MM-DD (the same form as the record's days). */
function dayOf(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/** Tab 3: the housing applications (with their status history) and the letters. */
export function CitizenFiles({ load, lang, timeZone, panel }: { load: CitizenLoad; lang: Lang; timeZone: string; panel: PanelProps }) {
  return (
    <div class="dt-panel cc-files" data-testid="citizen-files" data-state={load.state} {...panel}>
      <LoadNote load={load} />
      {load.state === 'ok' &&
        (() => {
          const c = load.citizen;
          return (
            <>
              <section class="cc-section" data-testid="citizen-card-applications">
                <SectionTitle k="citizen.applications" n={c.applications.length} lang={lang} />
                {c.applications.length === 0 ? (
                  <p class="cc-muted">
                    <T k="citizen.noApplications" />
                  </p>
                ) : (
                  <ul class="cc-list">
                    {c.applications.map((a) => (
                      <li key={a.id} class="cc-item" data-number={a.number} data-status={a.status}>
                        <div class="cc-item-head">
                          <span class="cc-item-title ltr-num mono">{a.number}</span>
                          <span class={`cc-chip st-${a.status}`}>{word(lang, a.status)}</span>
                        </div>
                        <div class="cc-item-sub">
                          <span dir="auto">{a.type}</span>
                          <span aria-hidden="true">·</span>
                          <span>
                            {tc(lang, 'citizen.submitted')} <span class="ltr-num">{a.submittedDay}</span>
                          </span>
                        </div>
                        {a.history.length > 1 && (
                          <ol class="cc-history" aria-label={tc(lang, 'citizen.history')}>
                            {a.history.map((h, i) => (
                              <li key={i}>
                                {word(lang, h.status)} <span class="ltr-num">{dayOf(h.at, timeZone)}</span>
                              </li>
                            ))}
                          </ol>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section class="cc-section" data-testid="citizen-card-letters">
                <SectionTitle k="citizen.letters" n={c.letters.length} lang={lang} />
                {c.letters.length === 0 ? (
                  <p class="cc-muted">
                    <T k="citizen.noLetters" />
                  </p>
                ) : (
                  <ul class="cc-list">
                    {c.letters.map((l) => (
                      <li key={l.id} class="cc-item" data-reference={l.reference} data-status={l.status}>
                        <div class="cc-item-head">
                          <span class="cc-item-title" dir="auto">
                            {l.subject}
                          </span>
                          <span class={`cc-chip st-${l.status}`}>{word(lang, l.status)}</span>
                        </div>
                        <div class="cc-item-sub">
                          <span class="ltr-num mono">{l.reference}</span>
                          <span aria-hidden="true">·</span>
                          <span>
                            {tc(lang, 'citizen.received')} <span class="ltr-num">{l.receivedDay}</span>
                          </span>
                        </div>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          );
        })()}
    </div>
  );
}
