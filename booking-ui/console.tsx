// The console's one view: CPR search (in the header), the citizen card, the citizen's
// appointments with cancel/reschedule, the slot picker with booking, and the two-click call log.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiFailure } from '../ui-kit/api.ts';
import type { CitizenRecord } from '../ui-kit/citizen-words.ts';
import { formatTime, type Lang } from '../ui-kit/i18n.ts';
import { ErrorBox, toFailure } from './app.tsx';
import { tb, word } from './i18n.ts';

type Citizen = CitizenRecord;
interface ApptHistory { seq: number; at: number; actor: string; type: string; fromSlotStart?: number; toSlotStart?: number }
interface Appointment { id: string; reference: string; serviceId: string; day: string; slotStart: number; status: string; phone: string; outcome: string; history: ApptHistory[] }
interface Appointments { summary: Record<'kept' | 'no_show' | 'cancelled' | 'booked', number>; appointments: Appointment[] }
interface Service { id: string; nameAr: string; nameEn: string; bookable: boolean }
interface Slot { time: string; slotStart: number; capacity: number; booked: number; remaining: number }
interface SlotDay { day: string; closed: string | null; free: number; slots: Slot[] }
interface Call { id: number; category: string; note: string; actor: string; at: number }

const CATEGORIES = ['book', 'reschedule_cancel', 'application_status', 'letter', 'contact_bank_update', 'family_members', 'other'] as const;
const name2 = (lang: Lang, o: { nameAr: string; nameEn: string }) => (lang === 'ar' ? o.nameAr : o.nameEn);
const dayFmt = new Map<Lang, Intl.DateTimeFormat>();
/** "Thu 26 Nov" for a YYYY-MM-DD day. */
function shortDay(day: string, lang: Lang): string {
  let f = dayFmt.get(lang);
  if (!f) dayFmt.set(lang, (f = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-BH-u-nu-latn' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })));
  return f.format(Date.parse(`${day}T12:00:00Z`));
}
const stamp = (ms: number, lang: Lang) => `${new Date(ms + 3 * 3600_000).toISOString().slice(0, 10)} ${formatTime(ms, lang)}`;

function Section({ title, children, testId, actions }: { title: string; children: ComponentChildren; testId?: string; actions?: ComponentChildren }) {
  return (
    <section class="bk-section" data-testid={testId}>
      <h3 class="bk-h3">{title}{actions}</h3>
      {children}
    </section>
  );
}

export function Console({ lang, header, onUnauthenticated }: { lang: Lang; header(search: ComponentChildren): ComponentChildren; onUnauthenticated(): void }) {
  const [cprText, setCprText] = useState('');
  const [citizen, setCitizen] = useState<Citizen | null>(null);
  const [appts, setAppts] = useState<Appointments | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [notice, setNotice] = useState<'card.saved' | null>(null);

  const fail = useCallback((e: unknown) => {
    const f = toFailure(e);
    if (f.status === 401) onUnauthenticated();
    setError(f);
  }, [onUnauthenticated]);

  useEffect(() => {
    searchRef.current?.focus();
    api<{ services: { service: Service }[] }>('/api/services').then((r) => setServices(r.services.map((s) => s.service).filter((s) => s.bookable)), fail);
  }, [fail]);

  const load = useCallback(async (cpr: string) => {
    const [c, a] = await Promise.all([
      api<{ citizen: Citizen }>(`/api/citizens/${cpr}`),
      api<Appointments>(`/api/citizens/${cpr}/appointments`),
    ]);
    setCitizen(c.citizen);
    setAppts(a);
  }, []);

  const search = async (e?: Event) => {
    e?.preventDefault();
    const cpr = cprText.trim();
    setNotice(null);
    if (!/^\d{9}$/.test(cpr)) {
      setError({ code: 'VALIDATION_FAILED', message: tb(lang, 'search.bad'), status: 400 });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await load(cpr);
    } catch (err) {
      setCitizen(null);
      setAppts(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const searchBox = (
    <form class="bk-search" onSubmit={search} role="search">
      <label class="bk-search-label" for="cpr-search">{tb(lang, 'search.label')}</label>
      <input
        id="cpr-search" ref={searchRef} class="input bk-search-input ltr-num" data-testid="cpr-search" inputMode="numeric" autocomplete="off" dir="ltr"
        maxLength={9} placeholder={tb(lang, 'search.placeholder')} value={cprText}
        onInput={(e) => setCprText(e.currentTarget.value.replace(/\D/g, '').slice(0, 9))}
      />
      <button type="submit" class="btn btn-primary btn-small" disabled={busy}>{tb(lang, 'search.go')}</button>
    </form>
  );

  const [reschedule, setReschedule] = useState<Appointment | null>(null);
  const refresh = async () => {
    if (citizen) await load(citizen.cpr).catch(fail);
  };
  const cancel = async (a: Appointment) => {
    setError(null);
    try {
      await api(`/api/appointments/${encodeURIComponent(a.id)}/cancel`, { method: 'POST', body: {} });
      if (reschedule?.id === a.id) setReschedule(null);
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      {header(searchBox)}
      <main class="bk-main">
        {error && <div class="bk-errorbar"><ErrorBox lang={lang} error={error} onDismiss={() => setError(null)} /></div>}
        {notice && <div class="notice notice-ok bk-okbar" role="status">{tb(lang, notice)}</div>}
        {!citizen ? (
          <div class="bk-empty"><p>{tb(lang, 'search.empty')}</p></div>
        ) : (
          <div class="bk-grid">
            <CitizenCard key={citizen.cpr} lang={lang} citizen={citizen} onSaved={(c) => { setCitizen(c); setNotice('card.saved'); setError(null); }} onError={fail} />
            <div class="bk-col">
              <AppointmentsPanel lang={lang} appts={appts} services={services} rescheduling={reschedule?.id ?? null} onCancel={cancel} onReschedule={(a) => setReschedule(a)} />
              <SlotPicker key={citizen.cpr} lang={lang} citizen={citizen} services={services} reschedule={reschedule} onStopReschedule={() => setReschedule(null)} onDone={async () => { setReschedule(null); await refresh(); }} onError={fail} clearError={() => setError(null)} />
            </div>
            <CallLog key={citizen.cpr} lang={lang} cpr={citizen.cpr} onError={fail} />
          </div>
        )}
      </main>
    </>
  );
}

function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="bk-field"><span class="bk-label">{label}</span><span class="bk-value">{children}</span></div>;
}

function CitizenCard({ lang, citizen: c, onSaved, onError }: { lang: Lang; citizen: Citizen; onSaved(c: Citizen): void; onError(e: unknown): void }) {
  const [editing, setEditing] = useState<'contact' | 'iban' | null>(null);
  const [phone, setPhone] = useState(c.phone ?? '');
  const [address, setAddress] = useState(c.address ?? '');
  const [iban, setIban] = useState(c.iban ?? '');
  const [saving, setSaving] = useState(false);
  const open = (what: 'contact' | 'iban') => {
    setPhone(c.phone ?? '');
    setAddress(c.address ?? '');
    setIban(c.iban ?? '');
    setEditing(what);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      const body: Record<string, string> = {};
      if (editing === 'contact') {
        if (phone.trim() !== (c.phone ?? '')) body.phone = phone.trim();
        if (address.trim() !== (c.address ?? '')) body.address = address.trim();
        if (Object.keys(body).length === 0) {
          setEditing(null);
          return;
        }
      } else body.iban = iban;
      const r = await api<{ citizen: Citizen }>(`/api/citizens/${c.cpr}/${editing === 'contact' ? 'contact' : 'iban'}`, { method: 'PUT', body });
      setEditing(null);
      onSaved(r.citizen);
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <article class="card bk-card bk-scroll" data-testid="citizen-card">
      <h2 class="bk-name" data-testid="citizen-name">
        <span lang="ar" dir="rtl">{c.nameAr}</span>
        <span class="bk-name-en" lang="en" dir="ltr">{c.nameEn}</span>
      </h2>
      <Field label={tb(lang, 'card.cpr')}><span class="ltr-num">{c.cpr}</span></Field>
      {editing === 'contact' ? (
        <form class="bk-edit" onSubmit={save}>
          <label class="bk-field"><span class="bk-label">{tb(lang, 'card.phone')}</span>
            <input class="input ltr-num" dir="ltr" data-testid="phone-input" value={phone} maxLength={13} onInput={(e) => setPhone(e.currentTarget.value)} /></label>
          <label class="bk-field"><span class="bk-label">{tb(lang, 'card.address')}</span>
            <input class="input" data-testid="address-input" value={address} maxLength={200} onInput={(e) => setAddress(e.currentTarget.value)} /></label>
          <div class="bk-row">
            <button type="submit" class="btn btn-primary btn-small" data-testid="phone-save" disabled={saving}>{tb(lang, 'card.save')}</button>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(null)}>{tb(lang, 'card.cancel')}</button>
          </div>
        </form>
      ) : (
        <>
          <Field label={tb(lang, 'card.phone')}>
            <span class="ltr-num">{c.phone ?? tb(lang, 'card.none')}</span>
            <button type="button" class="btn btn-ghost btn-tiny" data-testid="edit-phone" onClick={() => open('contact')}>{tb(lang, 'card.edit')}</button>
          </Field>
          <Field label={tb(lang, 'card.address')}><span lang="en" dir="auto">{c.address ?? tb(lang, 'card.none')}</span></Field>
        </>
      )}
      {editing === 'iban' ? (
        <form class="bk-edit" onSubmit={save}>
          <label class="bk-field"><span class="bk-label">{tb(lang, 'card.iban')}</span>
            <input class="input ltr-num" dir="ltr" data-testid="iban-input" value={iban} maxLength={50} onInput={(e) => setIban(e.currentTarget.value)} /></label>
          <div class="bk-row">
            <button type="submit" class="btn btn-primary btn-small" data-testid="iban-save" disabled={saving}>{tb(lang, 'card.save')}</button>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(null)}>{tb(lang, 'card.cancel')}</button>
          </div>
        </form>
      ) : (
        <Field label={tb(lang, 'card.iban')}>
          <span class="ltr-num">{c.iban ?? tb(lang, 'card.none')}</span>
          <button type="button" class="btn btn-ghost btn-tiny" data-testid="edit-iban" onClick={() => open('iban')}>{tb(lang, 'card.edit')}</button>
        </Field>
      )}
      <Section title={tb(lang, 'card.family')} testId="family">
        {c.family.length === 0 ? <p class="bk-muted">{tb(lang, 'card.noFamily')}</p> : (
          <ul class="bk-list">{c.family.map((f) => (
            <li key={f.id}><span dir="auto">{f.name}</span> <span class="bk-chip">{word(lang, f.relation)}</span> <span class="ltr-num bk-muted">{f.dateOfBirth}{f.memberCpr ? ` · ${f.memberCpr}` : ''}</span></li>
          ))}</ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.applications')} testId="applications">
        {c.applications.length === 0 ? <p class="bk-muted">{tb(lang, 'card.noApplications')}</p> : (
          <ul class="bk-list">{c.applications.map((a) => (
            <li key={a.id}>
              <span class="ltr-num">{a.number}</span> <span dir="auto">{a.type}</span> <span class={`bk-chip st-${a.status}`}>{word(lang, a.status)}</span>
              <span class="bk-muted"> {tb(lang, 'card.submitted', { day: a.submittedDay })}</span>
              <div class="bk-muted bk-small">{a.history.map((h) => `${word(lang, h.status)} ${stamp(h.at, lang).slice(0, 10)}`).join(' ← ')}</div>
            </li>
          ))}</ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.letters')} testId="letters">
        {c.letters.length === 0 ? <p class="bk-muted">{tb(lang, 'card.noLetters')}</p> : (
          <ul class="bk-list">{c.letters.map((l) => (
            <li key={l.id}><span dir="auto">{l.subject}</span> <span class="bk-chip">{word(lang, l.status)}</span>
              <div class="bk-muted bk-small"><span class="ltr-num">{l.reference}</span> · {tb(lang, 'card.received', { day: l.receivedDay })}</div></li>
          ))}</ul>
        )}
      </Section>
      <Section title={tb(lang, 'card.history')} testId="history">
        {c.history.length === 0 ? <p class="bk-muted">{tb(lang, 'card.noHistory')}</p> : (
          <ul class="bk-list">{c.history.map((h) => (
            <li key={h.id}><strong>{word(lang, h.field)}</strong>: <span class="ltr-num">{h.oldValue ?? '—'} → {h.newValue ?? '—'}</span>
              <div class="bk-muted bk-small">{h.actor} · <span class="ltr-num">{stamp(h.at, lang)}</span></div></li>
          ))}</ul>
        )}
      </Section>
    </article>
  );
}

function AppointmentsPanel({ lang, appts, services, rescheduling, onCancel, onReschedule }: {
  lang: Lang; appts: Appointments | null; services: Service[]; rescheduling: string | null; onCancel(a: Appointment): void; onReschedule(a: Appointment): void;
}) {
  const svc = (id: string) => services.find((s) => s.id === id);
  return (
    <section class="card bk-card bk-appts bk-scroll" data-testid="appointments">
      <h3 class="bk-h3">{tb(lang, 'appts.title')}
        {appts && <span class="bk-muted bk-small"> {tb(lang, 'appts.summary', appts.summary)}</span>}</h3>
      {!appts || appts.appointments.length === 0 ? <p class="bk-muted">{tb(lang, 'appts.none')}</p> : (
        <ul class="bk-list">{appts.appointments.map((a) => {
          const s = svc(a.serviceId);
          return (
            <li key={a.id} data-testid={`appt-${a.id}`} data-status={a.status} class={rescheduling === a.id ? 'bk-appt-active' : undefined}>
              <div class="bk-appt-line">
                <span class="ltr-num bk-ref-small">{a.reference}</span>
                <span>{s ? name2(lang, s) : a.serviceId}</span>
                <span class="ltr-num">{shortDay(a.day, lang)} {formatTime(a.slotStart, lang)}</span>
                <span class={`bk-chip st-${a.status}`}>{word(lang, a.status)}</span>
                {a.status === 'booked' && (
                  <span class="bk-row bk-appt-actions">
                    <button type="button" class="btn btn-ghost btn-tiny" data-testid={`reschedule-${a.id}`} onClick={() => onReschedule(a)}>{tb(lang, 'appts.reschedule')}</button>
                    <button type="button" class="btn btn-ghost btn-tiny bk-danger" data-testid={`cancel-${a.id}`} onClick={() => onCancel(a)}>{tb(lang, 'appts.cancel')}</button>
                  </span>
                )}
              </div>
              {a.history.length > 0 && (
                <div class="bk-muted bk-small">{a.history.map((h) => `${word(lang, h.type)} ${stamp(h.at, lang)} (${h.actor.split(' / ')[lang === 'ar' ? 0 : 1] ?? h.actor})`).join(' · ')}</div>
              )}
            </li>
          );
        })}</ul>
      )}
    </section>
  );
}

function SlotPicker({ lang, citizen, services, reschedule, onStopReschedule, onDone, onError, clearError }: {
  lang: Lang; citizen: Citizen; services: Service[]; reschedule: Appointment | null; onStopReschedule(): void; onDone(): Promise<void>; onError(e: unknown): void; clearError(): void;
}) {
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [phone, setPhone] = useState(citizen.phone ?? '');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<{ reference: string; serviceId: string; day: string; slotStart: number; moved: boolean } | null>(null);

  const loadSlots = useCallback(async (id: string, keepDay: string | null) => {
    try {
      const r = await api<{ days: SlotDay[] }>(`/api/slots?serviceId=${encodeURIComponent(id)}&days=14`);
      const open = r.days.filter((d) => d.free > 0);
      setDays(open);
      setDay(keepDay && open.some((d) => d.day === keepDay) ? keepDay : open[0]?.day ?? null);
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  const pickService = (id: string) => {
    setServiceId(id);
    setDays(null);
    setTime(null);
    void loadSlots(id, null);
  };
  useEffect(() => {
    if (reschedule) {
      setBooked(null);
      pickService(reschedule.serviceId);
    }
  }, [reschedule?.id]);

  const confirm = async () => {
    if (!serviceId || !day || !time) return;
    setBusy(true);
    clearError();
    try {
      const r = reschedule
        ? await api<{ appointment: Appointment }>(`/api/appointments/${encodeURIComponent(reschedule.id)}/reschedule`, { method: 'POST', body: { day, time } })
        : await api<{ appointment: Appointment }>('/api/appointments', { body: { serviceId, day, time, cpr: citizen.cpr, phone: phone.trim(), nameAr: citizen.nameAr, nameEn: citizen.nameEn, notes } });
      setBooked({ reference: r.appointment.reference, serviceId, day: r.appointment.day, slotStart: r.appointment.slotStart, moved: !!reschedule });
      setTime(null);
      setNotes('');
      await onDone();
      void loadSlots(serviceId, day);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const slots = days?.find((d) => d.day === day)?.slots ?? [];
  const svc = services.find((s) => s.id === booked?.serviceId);
  return (
    <section class="card bk-card bk-picker" data-testid="picker">
      <h3 class="bk-h3">
        {reschedule ? tb(lang, 'slots.rescheduleTitle', { ref: reschedule.reference }) : tb(lang, 'slots.title')}
        {reschedule && <button type="button" class="btn btn-ghost btn-tiny" onClick={onStopReschedule}>{tb(lang, 'slots.stopReschedule')}</button>}
      </h3>
      {booked && (
        <div class="bk-booked notice-ok" role="status">
          <span class="bk-booked-label">{tb(lang, booked.moved ? 'booked.moved' : 'booked.title')}</span>
          <span class="bk-reference ltr-num" data-testid="booking-reference">{booked.reference}</span>
          <span class="bk-small">{tb(lang, 'booked.when', { service: svc ? name2(lang, svc) : booked.serviceId, day: shortDay(booked.day, lang), time: formatTime(booked.slotStart, lang) })}</span>
        </div>
      )}
      <div class="bk-chooser">
        {services.map((s) => (
          <button key={s.id} type="button" class={`bk-pill${serviceId === s.id ? ' is-on' : ''}`} aria-pressed={serviceId === s.id} data-testid={`service-${s.id}`}
            disabled={!!reschedule && reschedule.serviceId !== s.id} onClick={() => pickService(s.id)}>{name2(lang, s)}</button>
        ))}
      </div>
      {serviceId && days && (days.length === 0 ? <p class="bk-muted">{tb(lang, 'slots.noDays')}</p> : (
        <div class="bk-chooser bk-days">
          {days.map((d) => (
            <button key={d.day} type="button" class={`bk-pill${day === d.day ? ' is-on' : ''}`} aria-pressed={day === d.day} data-testid={`day-${d.day}`} onClick={() => { setDay(d.day); setTime(null); }}>
              <span>{shortDay(d.day, lang)}</span><span class="bk-small">{tb(lang, 'slots.free', { n: d.free })}</span>
            </button>
          ))}
        </div>
      ))}
      {day && slots.length > 0 && (
        <div class="bk-chooser bk-slots">
          {slots.map((s) => (
            <button key={s.time} type="button" class={`bk-pill bk-slot${time === s.time ? ' is-on' : ''}`} aria-pressed={time === s.time} data-testid={`slot-${s.time}`} data-remaining={s.remaining}
              disabled={s.remaining <= 0} onClick={() => setTime(s.time)}>
              <span class="ltr-num">{s.time}</span><span class="bk-small">{tb(lang, 'slots.free', { n: s.remaining })}/{s.capacity}</span>
            </button>
          ))}
        </div>
      )}
      {time && (
        <form class="bk-confirm" onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
          {!reschedule && (
            <>
              <label class="bk-field"><span class="bk-label">{tb(lang, 'slots.phone')}</span>
                <input class="input ltr-num" dir="ltr" data-testid="book-phone" value={phone} maxLength={13} onInput={(e) => setPhone(e.currentTarget.value)} /></label>
              <label class="bk-field"><span class="bk-label">{tb(lang, 'slots.notes')}</span>
                <input class="input" data-testid="book-notes" value={notes} maxLength={500} onInput={(e) => setNotes(e.currentTarget.value)} /></label>
            </>
          )}
          <button type="submit" class="btn btn-primary" data-testid="book-confirm" disabled={busy}>
            {tb(lang, reschedule ? 'slots.confirmReschedule' : 'slots.confirm')} — <span class="ltr-num">{day && shortDay(day, lang)} {time}</span>
          </button>
        </form>
      )}
    </section>
  );
}

function CallLog({ lang, cpr, onError }: { lang: Lang; cpr: string; onError(e: unknown): void }) {
  const [category, setCategory] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [calls, setCalls] = useState<Call[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api<{ calls: Call[] }>(`/api/calls?cpr=${cpr}`).then((r) => setCalls(r.calls), onError), [cpr, onError]);
  useEffect(() => void load(), [load]);
  const save = async () => {
    if (!category) return;
    setBusy(true);
    try {
      await api('/api/calls', { body: { cpr, category, note: note.trim() } });
      setCategory(null);
      setNote('');
      setSaved(true);
      await load();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside class="card bk-card bk-calls bk-scroll" data-testid="call-log">
      <h3 class="bk-h3">{tb(lang, 'calls.title')}</h3>
      <div class="bk-cats">
        {CATEGORIES.map((c) => (
          <button key={c} type="button" class={`bk-pill${category === c ? ' is-on' : ''}`} aria-pressed={category === c} data-testid={`call-category-${c}`} onClick={() => { setCategory(c); setSaved(false); }}>{tb(lang, `cat.${c}`)}</button>
        ))}
      </div>
      <input class="input" data-testid="call-note" placeholder={tb(lang, 'calls.note')} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="button" class="btn btn-secondary" data-testid="call-save" disabled={!category || busy} onClick={save}>{tb(lang, 'calls.save')}</button>
      {saved && <p class="notice notice-ok bk-small" role="status" data-testid="call-saved">{tb(lang, 'calls.saved')}</p>}
      {calls.length > 0 && (
        <>
          <h4 class="bk-h4">{tb(lang, 'calls.today')}</h4>
          <ul class="bk-list bk-small">{calls.map((c) => (
            <li key={c.id}><strong>{tb(lang, `cat.${c.category}` as 'cat.other')}</strong> <span class="ltr-num bk-muted">{stamp(c.at, lang)}</span>{c.note && <div dir="auto">{c.note}</div>}</li>
          ))}</ul>
        </>
      )}
    </aside>
  );
}
