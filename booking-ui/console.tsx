// The console's one view: CPR search (in the header), the citizen card, the citizen's
// appointments with cancel/reschedule, the slot picker with booking, and the two-click call log.
// It follows the hall live: a booking by another agent refreshes the free seats on screen, a
// change to this citizen's appointments (check-in, another agent's cancel) refreshes the list.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CallOutcome } from '../protocol/citizens.ts';
import { api, type ApiFailure } from '../ui-kit/api.ts';
import type { CitizenRecord } from '../ui-kit/citizen-words.ts';
import { formatDay, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { CitizenCard, type Saved } from './citizen-card.tsx';
import { ErrorBox, fieldFailure, phoneFailure, toFailure } from './errors.tsx';
import { nameIn, stamp } from './format.ts';
import { tb, word } from './i18n.ts';
import { useLive, type AppointmentEvent } from './live.ts';

type Citizen = CitizenRecord;
interface ApptHistory { seq: number; at: number; actor: string; by: string | null; type: string }
interface Appointment {
  id: string; reference: string; serviceId: string; cpr: string; day: string; slotStart: number; status: string; phone: string; outcome: string;
  history: ApptHistory[]; message: { status: 'queued' | 'sent' | 'failed'; attempts: number; at: number } | null;
}
interface Appointments { summary: Record<'kept' | 'no_show' | 'cancelled' | 'booked', number>; appointments: Appointment[] }
interface Service { id: string; nameAr: string; nameEn: string; bookable: boolean }
interface Slot { time: string; slotStart: number; capacity: number; booked: number; remaining: number }
interface SlotDay { day: string; closed: string | null; free: number; slots: Slot[] }
interface Call { id: number; category: string; note: string; outcome: string; actor: string; at: number }

const CATEGORIES = ['book', 'reschedule_cancel', 'application_status', 'letter', 'contact_bank_update', 'family_members', 'other'] as const;
/** What a booking reference looks like (the hub checks its check character). */
const REFERENCE_SHAPE = /^[2-9A-HJ-NP-Z]{7}$/;
const SEAT_EVENTS = new Set(['appointment_booked', 'appointment_rescheduled', 'appointment_cancelled']);
const name2 = (lang: Lang, o: { nameAr: string; nameEn: string }) => (lang === 'ar' ? o.nameAr : o.nameEn);

export function Console({ lang, header, onUnauthenticated }: { lang: Lang; header(search: ComponentChildren): ComponentChildren; onUnauthenticated(): void }) {
  const [cprText, setCprText] = useState('');
  const [citizen, setCitizen] = useState<Citizen | null>(null);
  const [appts, setAppts] = useState<Appointments | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [notice, setNotice] = useState<Saved | null>(null);
  const [reschedule, setReschedule] = useState<Appointment | null>(null);
  /** The appointment a reference search picked out. */
  const [found, setFound] = useState<string | null>(null);
  /** One per search: a new call starts with a fresh card, picker and call log, even for the same citizen. */
  const [call, setCall] = useState(0);
  /** Bumped whenever a booking, move or cancel anywhere may have changed the free seats. */
  const [seatsVersion, setSeatsVersion] = useState(0);

  const fail = useCallback((e: unknown) => {
    const f = toFailure(e);
    if (f.status === 401) onUnauthenticated();
    setError(f);
  }, [onUnauthenticated]);

  useEffect(() => {
    searchRef.current?.focus();
    api<{ services: { service: Service }[] }>('/api/services').then((r) => setServices(r.services.map((s) => s.service).filter((s) => s.bookable)), fail);
  }, []); // once, when the console opens

  const loadAppointments = useCallback(async (cpr: string) => {
    const a = await api<Appointments>(`/api/citizens/${cpr}/appointments`);
    setAppts(a);
    // Another agent may have cancelled or moved the appointment being rescheduled here.
    setReschedule((r) => (r && a.appointments.some((x) => x.id === r.id && x.status === 'booked') ? r : null));
  }, []);
  const load = useCallback(async (cpr: string) => {
    const [c] = await Promise.all([api<{ citizen: Citizen }>(`/api/citizens/${cpr}`), loadAppointments(cpr)]);
    setCitizen(c.citizen);
  }, [loadAppointments]);

  // Live: whatever another agent or the kiosk does to appointments shows here without a search.
  const current = useRef<{ cpr: string | null; ids: Set<string> }>({ cpr: null, ids: new Set() });
  current.current = { cpr: citizen?.cpr ?? null, ids: new Set(appts?.appointments.map((a) => a.id)) };
  const onAppointments = useCallback((events: AppointmentEvent[]) => {
    if (events.some((e) => SEAT_EVENTS.has(e.type))) setSeatsVersion((v) => v + 1);
    const { cpr, ids } = current.current;
    const mine = (e: AppointmentEvent) => ('appointment' in e ? e.appointment.cpr === cpr : ids.has(e.appointmentId));
    if (cpr && events.some(mine)) loadAppointments(cpr).catch(fail);
  }, [loadAppointments, fail]);
  const live = useLive(onAppointments, onUnauthenticated);

  // Keyboard first: after a search the service choice has the focus (arrows, Enter); F2 goes back to the CPR.
  const [focusServices, setFocusServices] = useState(0);
  useEffect(() => {
    if (focusServices) document.querySelector<HTMLElement>('[data-testid="picker"] .bk-chooser button:not([disabled])')?.focus();
  }, [focusServices]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** A CPR (9 digits) opens the citizen; a booking reference (7 characters) opens its citizen with that appointment picked out. */
  const search = async (e?: Event) => {
    e?.preventDefault();
    const text = cprText.replace(/[\s-]+/g, '');
    setNotice(null);
    const byCpr = /^\d{9}$/.test(text);
    if (!byCpr && !REFERENCE_SHAPE.test(text)) return setError(fieldFailure('cpr'));
    setBusy(true);
    setError(null);
    try {
      const hit = byCpr ? null : (await api<{ appointment: Appointment }>(`/api/appointments/by-reference/${encodeURIComponent(text)}`)).appointment;
      await load(hit?.cpr ?? text);
      setCall((n) => n + 1);
      setReschedule(null);
      setFound(hit?.id ?? null);
      if (hit?.status === 'booked') setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="reschedule-${hit.id}"]`)?.focus(), 0);
      else setFocusServices((n) => n + 1);
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
        id="cpr-search" ref={searchRef} class="input bk-search-input ltr-num" data-testid="cpr-search" autocomplete="off" autocapitalize="characters" spellcheck={false} dir="ltr"
        maxLength={12} placeholder={tb(lang, 'search.placeholder')} value={cprText}
        onInput={(e) => setCprText(e.currentTarget.value.toUpperCase().replace(/[^0-9A-Z\s-]/g, '').slice(0, 12))}
      />
      <button type="submit" class="btn btn-primary btn-small" disabled={busy}>{tb(lang, 'search.go')}</button>
    </form>
  );

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
        {!live.connected && <div class="notice notice-warn bk-okbar" role="status" data-testid="offline">{tb(lang, 'common.reconnecting')}</div>}
        {error && <div class="bk-errorbar"><ErrorBox lang={lang} error={error} onDismiss={() => setError(null)} /></div>}
        {notice && <div class="notice notice-ok bk-okbar" role="status">{tb(lang, notice)}</div>}
        {!citizen ? (
          <div class="bk-empty"><p>{tb(lang, 'search.empty')}</p></div>
        ) : (
          <div class="bk-grid">
            <CitizenCard key={`${citizen.cpr}:${call}`} lang={lang} citizen={citizen} timeZone={live.timeZone} today={live.today}
              onSaved={(c, what) => { setCitizen(c); setNotice(what); setError(null); }} onError={fail} />
            <div class="bk-col">
              <AppointmentsPanel lang={lang} appts={appts} services={services} timeZone={live.timeZone} found={found} rescheduling={reschedule?.id ?? null} onCancel={cancel} onReschedule={(a) => setReschedule(a)} />
              <SlotPicker key={`${citizen.cpr}:${call}`} lang={lang} citizen={citizen} services={services} timeZone={live.timeZone} seatsVersion={seatsVersion} reschedule={reschedule}
                onStopReschedule={() => setReschedule(null)} onDone={async () => { setReschedule(null); await refresh(); }} onError={fail} clearError={() => setError(null)} />
            </div>
            <CallLog key={`${citizen.cpr}:${call}`} lang={lang} cpr={citizen.cpr} timeZone={live.timeZone} onError={fail} />
          </div>
        )}
      </main>
    </>
  );
}

function AppointmentsPanel({ lang, appts, services, timeZone, found, rescheduling, onCancel, onReschedule }: {
  lang: Lang; appts: Appointments | null; services: Service[]; timeZone: string; found: string | null; rescheduling: string | null; onCancel(a: Appointment): void; onReschedule(a: Appointment): void;
}) {
  const svc = (id: string) => services.find((s) => s.id === id);
  useEffect(() => {
    if (found) document.querySelector('[data-found="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [found, appts]);
  return (
    <section class="card bk-card bk-appts bk-scroll" data-testid="appointments">
      <h3 class="bk-h3">{tb(lang, 'appts.title')}
        {appts && <span class="bk-muted bk-small"> {tb(lang, 'appts.summary', appts.summary)}</span>}</h3>
      {!appts || appts.appointments.length === 0 ? <p class="bk-muted">{tb(lang, 'appts.none')}</p> : (
        <ul class="bk-list">{appts.appointments.map((a) => {
          const s = svc(a.serviceId);
          return (
            <li key={a.id} data-testid={`appt-${a.id}`} data-status={a.status} data-found={found === a.id ? 'true' : undefined}
              class={rescheduling === a.id ? 'bk-appt-active' : found === a.id ? 'bk-appt-found' : undefined}>
              <div class="bk-appt-line">
                <span class="ltr-num bk-ref-small">{a.reference}</span>
                <span>{s ? name2(lang, s) : a.serviceId}</span>
                <span class="ltr-num">{formatDay(a.day, lang)} {formatTime(a.slotStart, lang, timeZone)}</span>
                <span class={`bk-chip st-${a.status}`}>{word(lang, a.status)}</span>
                {a.status === 'booked' && (
                  <span class="bk-row bk-appt-actions">
                    <button type="button" class="btn btn-ghost btn-tiny" data-testid={`reschedule-${a.id}`} onClick={() => onReschedule(a)}>{tb(lang, 'appts.reschedule')}</button>
                    <button type="button" class="btn btn-ghost btn-tiny bk-danger" data-testid={`cancel-${a.id}`} onClick={() => onCancel(a)}>{tb(lang, 'appts.cancel')}</button>
                  </span>
                )}
              </div>
              {a.history.length > 0 && (
                <div class="bk-muted bk-small" data-testid="booking-history">{a.history.map((h) => (
                  `${word(lang, h.type)} ${stamp(h.at, lang, timeZone)} ${tb(lang, 'appts.by', { name: h.by ? nameIn(h.by, lang) : tb(lang, 'appts.system') })}`
                )).join(' · ')}</div>
              )}
              {a.message && a.status === 'booked' && (
                <div class={`bk-small bk-sms sms-${a.message.status}`} data-testid="booking-sms" data-status={a.message.status}>{tb(lang, `sms.${a.message.status}`)}</div>
              )}
            </li>
          );
        })}</ul>
      )}
    </section>
  );
}

/**
 * Keys in a row of choices: left/right arrows move the focus in reading order (reversed in Arabic);
 * Enter picks the focused choice, and only it — the key's own default action is stopped, so it
 * cannot also press the choice the focus moves on to.
 */
function choiceKeys(e: KeyboardEvent) {
  const focused = document.activeElement as HTMLButtonElement;
  if (e.key === 'Enter' && focused.tagName === 'BUTTON') {
    e.preventDefault();
    focused.click();
    return;
  }
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const buttons = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
  const i = buttons.indexOf(focused);
  if (i < 0) return;
  const forward = (e.key === 'ArrowRight') === (document.documentElement.dir !== 'rtl');
  buttons[(i + (forward ? 1 : -1) + buttons.length) % buttons.length]!.focus();
  e.preventDefault();
}

function SlotPicker({ lang, citizen, services, timeZone, seatsVersion, reschedule, onStopReschedule, onDone, onError, clearError }: {
  lang: Lang; citizen: Citizen; services: Service[]; timeZone: string; seatsVersion: number; reschedule: Appointment | null; onStopReschedule(): void; onDone(): Promise<void>; onError(e: unknown): void; clearError(): void;
}) {
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [phone, setPhone] = useState(citizen.phone ?? '');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [booked, setBooked] = useState<{ reference: string; serviceId: string; day: string; slotStart: number; moved: boolean } | null>(null);

  const [seatGone, setSeatGone] = useState(false);
  // Where the focus goes once it exists: service → its first day → its first free slot → confirm.
  const root = useRef<HTMLElement>(null);
  const [focusTo, setFocusTo] = useState<string | null>(null);
  useEffect(() => {
    const el = focusTo ? root.current?.querySelector<HTMLElement>(focusTo) : null;
    if (!el) return;
    setFocusTo(null);
    el.focus();
  });

  const loadSlots = useCallback(async (id: string, keepDay: string | null): Promise<SlotDay[] | null> => {
    try {
      const r = await api<{ days: SlotDay[] }>(`/api/slots?serviceId=${encodeURIComponent(id)}&days=14`);
      const open = r.days.filter((d) => d.free > 0);
      setDays(open);
      setDay(keepDay && open.some((d) => d.day === keepDay) ? keepDay : open[0]?.day ?? null);
      return open;
    } catch (e) {
      onError(e);
      return null;
    }
  }, [onError]);

  // Seats changed somewhere in the hall: show the new counts; if the seat still chosen when they
  // arrive is gone, say so (read through a ref: our own booking may have completed meanwhile).
  const chosen = useRef({ day, time });
  chosen.current = { day, time };
  useEffect(() => {
    if (seatsVersion === 0 || !serviceId) return;
    void loadSlots(serviceId, day).then((open) => {
      const now = chosen.current;
      const seat = open?.find((d) => d.day === now.day)?.slots.find((s) => s.time === now.time);
      if (open && now.time && !(seat && seat.remaining > 0)) {
        setTime(null);
        setSeatGone(true);
      }
    });
  }, [seatsVersion]);

  const pickService = (id: string) => {
    setSeatGone(false);
    setFocusTo('.bk-days .is-on');
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
    const badPhone = reschedule ? null : phoneFailure(phone.trim());
    if (badPhone) return onError(badPhone);
    setBusy(true);
    clearError();
    try {
      const r = reschedule
        ? await api<{ appointment: Appointment }>(`/api/appointments/${encodeURIComponent(reschedule.id)}/reschedule`, { method: 'POST', body: { day, time } })
        : await api<{ appointment: Appointment }>('/api/appointments', { body: { serviceId, day, time, cpr: citizen.cpr, phone: phone.trim(), nameAr: citizen.nameAr, nameEn: citizen.nameEn, notes } });
      setBooked({ reference: r.appointment.reference, serviceId, day: r.appointment.day, slotStart: r.appointment.slotStart, moved: !!reschedule });
      setTime(null);
      setSeatGone(false); // the hub's delta of this very booking may have come first: it was ours
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
    <section class="card bk-card bk-picker" data-testid="picker" ref={root}>
      <h3 class="bk-h3">
        {reschedule ? tb(lang, 'slots.rescheduleTitle', { ref: reschedule.reference }) : tb(lang, 'slots.title')}
        {reschedule && <button type="button" class="btn btn-ghost btn-tiny" onClick={onStopReschedule}>{tb(lang, 'slots.stopReschedule')}</button>}
      </h3>
      {booked && (
        <div class="bk-booked notice-ok" role="status">
          <span class="bk-booked-label">{tb(lang, booked.moved ? 'booked.moved' : 'booked.title')}</span>
          <span class="bk-reference ltr-num" data-testid="booking-reference">{booked.reference}</span>
          <span class="bk-small">{tb(lang, 'booked.when', { service: svc ? name2(lang, svc) : booked.serviceId, day: formatDay(booked.day, lang), time: formatTime(booked.slotStart, lang, timeZone) })}</span>
        </div>
      )}
      <div class="bk-chooser" onKeyDown={choiceKeys}>
        {services.map((s) => (
          <button key={s.id} type="button" class={`bk-pill${serviceId === s.id ? ' is-on' : ''}`} aria-pressed={serviceId === s.id} data-testid={`service-${s.id}`}
            disabled={!!reschedule && reschedule.serviceId !== s.id} onClick={() => pickService(s.id)}>{name2(lang, s)}</button>
        ))}
      </div>
      {serviceId && days && (days.length === 0 ? <p class="bk-muted">{tb(lang, 'slots.noDays')}</p> : (
        <div class="bk-chooser bk-days" onKeyDown={choiceKeys}>
          {days.map((d) => (
            <button key={d.day} type="button" class={`bk-pill${day === d.day ? ' is-on' : ''}`} aria-pressed={day === d.day} data-testid={`day-${d.day}`} onClick={() => { setDay(d.day); setTime(null); setSeatGone(false); setFocusTo('.bk-slots button:not([disabled])'); }}>
              <span>{formatDay(d.day, lang)}</span><span class="bk-small">{tb(lang, 'slots.free', { n: d.free })}</span>
            </button>
          ))}
        </div>
      ))}
      {seatGone && <p class="notice notice-warn bk-small" role="status" data-testid="seat-gone">{tb(lang, 'live.changed')}</p>}
      {day && slots.length > 0 && (
        <div class="bk-chooser bk-slots" onKeyDown={choiceKeys}>
          {slots.map((s) => (
            <button key={s.time} type="button" class={`bk-pill bk-slot${time === s.time ? ' is-on' : ''}`} aria-pressed={time === s.time} data-testid={`slot-${s.time}`} data-remaining={s.remaining}
              disabled={s.remaining <= 0} onClick={() => { setTime(s.time); setSeatGone(false); setFocusTo('[data-testid="book-confirm"]'); }}>
              <span class="ltr-num">{s.time}</span>
              <span class="bk-small" title={tb(lang, 'slots.free', { n: s.remaining })}>{s.remaining > 0 ? tb(lang, 'slots.seats', { n: s.remaining, capacity: s.capacity }) : tb(lang, 'slots.full')}</span>
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
            {tb(lang, reschedule ? 'slots.confirmReschedule' : 'slots.confirm')} — <span class="ltr-num">{day && formatDay(day, lang)} {time}</span>
          </button>
        </form>
      )}
    </section>
  );
}

/** Two clicks: a category, then save (the outcome is "resolved" unless the agent says otherwise). */
function CallLog({ lang, cpr, timeZone, onError }: { lang: Lang; cpr: string; timeZone: string; onError(e: unknown): void }) {
  const [category, setCategory] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome>('resolved');
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
      await api('/api/calls', { body: { cpr, category, note: note.trim(), outcome } });
      setCategory(null);
      setOutcome('resolved');
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
      <div class="bk-outcomes" role="radiogroup" aria-label={tb(lang, 'calls.outcome')}>
        {CallOutcome.options.map((o) => (
          <button key={o} type="button" role="radio" aria-checked={outcome === o} class={`bk-pill bk-pill-small${outcome === o ? ' is-on' : ''}`} data-testid={`call-outcome-${o}`} onClick={() => setOutcome(o)}>{tb(lang, `outcome.${o}`)}</button>
        ))}
      </div>
      <input class="input" data-testid="call-note" placeholder={tb(lang, 'calls.note')} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="button" class="btn btn-secondary" data-testid="call-save" disabled={!category || busy} onClick={save}>{tb(lang, 'calls.save')}</button>
      {saved && <p class="notice notice-ok bk-small" role="status" data-testid="call-saved">{tb(lang, 'calls.saved')}</p>}
      {calls.length > 0 && (
        <>
          <h4 class="bk-h4">{tb(lang, 'calls.today')}</h4>
          <ul class="bk-list bk-small">{calls.map((c) => (
            <li key={c.id} data-testid="call-entry" data-outcome={c.outcome}>
              <strong>{tb(lang, `cat.${c.category}` as 'cat.other')}</strong> <span class={`bk-chip out-${c.outcome}`}>{tb(lang, `outcome.${c.outcome}` as 'outcome.resolved')}</span>
              <div class="bk-muted"><bdi>{stamp(c.at, lang, timeZone)}</bdi> · {nameIn(c.actor, lang)}</div>
              {c.note && <div dir="auto">{c.note}</div>}
            </li>
          ))}</ul>
        </>
      )}
    </aside>
  );
}
