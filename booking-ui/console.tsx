// The console's one view: CPR search (in the header), the citizen card — or, for a valid CPR the
// registry does not know, the new-caller form (new-caller.tsx) —, the citizen's appointments with
// cancel/reschedule (appointments.tsx), the slot picker with booking (slot-picker.tsx), and the
// two-click call log (call-log.tsx).
// It follows the hall live: a booking by another agent refreshes the free seats on screen, a
// change to this citizen's appointments (check-in, another agent's cancel) refreshes the list.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { REFERENCE_PATTERN } from '../protocol/reference.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { AppointmentsPanel } from './appointments.tsx';
import { CallLog } from './call-log.tsx';
import { CitizenCard, type Saved } from './citizen-card.tsx';
import type { Appointment, Appointments, Citizen, Service } from './console-types.ts';
import { ErrorBox, fieldFailure } from './errors.tsx';
import { tb } from './i18n.ts';
import { useLive, type AppointmentEvent } from './live.ts';
import { NewCaller } from './new-caller.tsx';
import { type Booker, SlotPicker } from './slot-picker.tsx';

const SEAT_EVENTS = new Set(['appointment_booked', 'appointment_rescheduled', 'appointment_cancelled']);

export function Console({ lang, header, onUnauthenticated }: { lang: Lang; header(search: ComponentChildren): ComponentChildren; onUnauthenticated(): void }) {
  const [cprText, setCprText] = useState('');
  const [citizen, setCitizen] = useState<Citizen | null>(null);
  /** A searched CPR with no record (a first-time caller), and their details once the agent has taken them. */
  const [unknownCpr, setUnknownCpr] = useState<string | null>(null);
  const [newCaller, setNewCaller] = useState<Booker | null>(null);
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
  const [phoneCall, setPhoneCall] = useState(0);
  /** Bumped whenever a booking, move or cancel anywhere may have changed the free seats. */
  const [seatsVersion, setSeatsVersion] = useState(0);

  const fail = useCallback(
    (e: unknown) => {
      const f = toFailure(e);
      if (f.status === 401) onUnauthenticated();
      setError(f);
    },
    [onUnauthenticated],
  );

  useEffect(() => {
    searchRef.current?.focus();
    call('services.list', {}).then((r) => setServices(r.services.map((s) => s.service).filter((s) => s.bookable)), fail);
  }, []); // once, when the console opens

  const loadAppointments = useCallback(async (cpr: string) => {
    const a = await call('citizens.appointments', { cpr });
    setAppts(a);
    // Another agent may have cancelled or moved the appointment being rescheduled here.
    setReschedule((r) => (r && a.appointments.some((x) => x.id === r.id && x.status === 'booked') ? r : null));
  }, []);
  /** Opens the CPR's record, or the new-caller form when the hub has none (after a first booking it has). */
  const load = useCallback(
    async (cpr: string) => {
      const noRecord = (e: unknown) => {
        if (toFailure(e).code === 'CITIZEN_NOT_FOUND') return null;
        throw e;
      };
      const [c] = await Promise.all([call('citizens.get', { cpr }).catch(noRecord), loadAppointments(cpr)]);
      setCitizen(c?.citizen ?? null);
      setUnknownCpr(c ? null : cpr);
      if (c) setNewCaller(null);
    },
    [loadAppointments],
  );

  // Live: whatever another agent or the kiosk does to appointments shows here without a search.
  const current = useRef<{ cpr: string | null; ids: Set<string> }>({ cpr: null, ids: new Set() });
  current.current = { cpr: citizen?.cpr ?? unknownCpr, ids: new Set(appts?.appointments.map((a) => a.id)) };
  const onAppointments = useCallback(
    (events: AppointmentEvent[]) => {
      if (events.some((e) => SEAT_EVENTS.has(e.type))) setSeatsVersion((v) => v + 1);
      const { cpr, ids } = current.current;
      const mine = (e: AppointmentEvent) => ('appointment' in e ? e.appointment.cpr === cpr : ids.has(e.appointmentId));
      if (cpr && events.some(mine)) loadAppointments(cpr).catch(fail);
    },
    [loadAppointments, fail],
  );
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
    if (!byCpr && !REFERENCE_PATTERN.test(text)) return setError(fieldFailure('cpr'));
    setBusy(true);
    setError(null);
    try {
      const hit = byCpr ? null : (await call('appointments.byReference', { reference: text })).appointment;
      setNewCaller(null);
      await load(hit?.cpr ?? text);
      setPhoneCall((n) => n + 1);
      setReschedule(null);
      setFound(hit?.id ?? null);
      if (hit?.status === 'booked') setTimeout(() => document.querySelector<HTMLElement>(`[data-testid="reschedule-${hit.id}"]`)?.focus(), 0);
      else setFocusServices((n) => n + 1);
    } catch (err) {
      setCitizen(null);
      setUnknownCpr(null);
      setAppts(null);
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const searchBox = (
    <search>
      <form class="bk-search" onSubmit={search}>
        <label class="bk-search-label" for="cpr-search">
          {tb(lang, 'search.label')}
        </label>
        <input
          id="cpr-search"
          ref={searchRef}
          class="input bk-search-input"
          data-testid="cpr-search"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={12}
          placeholder={tb(lang, 'search.placeholder')}
          // Typed digits run left to right; the empty field's placeholder reads in the page's direction.
          dir={cprText === '' && lang === 'ar' ? 'rtl' : 'ltr'}
          value={cprText}
          onInput={(e) =>
            setCprText(
              e.currentTarget.value
                .toUpperCase()
                .replace(/[^0-9A-Z\s-]/g, '')
                .slice(0, 12),
            )
          }
        />
        <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
          {tb(lang, 'search.go')}
        </button>
      </form>
    </search>
  );

  const refresh = async () => {
    const cpr = citizen?.cpr ?? unknownCpr;
    if (cpr) await load(cpr).catch(fail);
  };
  const cancel = async (a: Appointment) => {
    setError(null);
    try {
      await call('appointments.cancel', { id: a.id });
      if (reschedule?.id === a.id) setReschedule(null);
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  const cpr = citizen?.cpr ?? unknownCpr;
  /** Who the slot picker books for: the citizen on record, or the new caller once their details are taken. */
  const booker = citizen ?? newCaller;
  return (
    <>
      {header(searchBox)}
      <main class="bk-main">
        {!live.connected && (
          <div class="notice notice-warn bk-okbar" role="status" data-testid="offline">
            {tb(lang, 'common.reconnecting')}
          </div>
        )}
        {error && (
          <div class="bk-errorbar">
            <ErrorBox lang={lang} error={error} onDismiss={() => setError(null)} />
          </div>
        )}
        {notice && (
          <div class="notice notice-ok bk-okbar" role="status">
            {tb(lang, notice)}
          </div>
        )}
        {!cpr ? (
          <div class="bk-empty">
            <p>{tb(lang, 'search.empty')}</p>
          </div>
        ) : (
          <div class="bk-grid">
            {citizen ? (
              <CitizenCard
                key={`${cpr}:${phoneCall}`}
                lang={lang}
                citizen={citizen}
                timeZone={live.timeZone}
                today={live.today}
                onSaved={(c, what) => {
                  setCitizen(c);
                  setNotice(what);
                  setError(null);
                }}
                onError={fail}
              />
            ) : (
              <NewCaller
                key={`${cpr}:${phoneCall}`}
                lang={lang}
                cpr={cpr}
                taken={newCaller}
                onTaken={(c) => {
                  setError(null);
                  setNewCaller(c);
                  if (c) setFocusServices((n) => n + 1);
                }}
                onError={fail}
              />
            )}
            <div class="bk-col">
              <AppointmentsPanel
                lang={lang}
                appts={appts}
                services={services}
                timeZone={live.timeZone}
                found={found}
                rescheduling={reschedule?.id ?? null}
                onCancel={cancel}
                onReschedule={(a) => setReschedule(a)}
              />
              {booker && (
                <SlotPicker
                  key={`${cpr}:${phoneCall}`}
                  lang={lang}
                  citizen={booker}
                  services={services}
                  held={appts?.held ?? []}
                  timeZone={live.timeZone}
                  seatsVersion={seatsVersion}
                  reschedule={reschedule}
                  onStopReschedule={() => setReschedule(null)}
                  onDone={async () => {
                    setReschedule(null);
                    await refresh();
                  }}
                  onError={fail}
                  clearError={() => setError(null)}
                />
              )}
            </div>
            <CallLog key={`${cpr}:${phoneCall}`} lang={lang} cpr={cpr} timeZone={live.timeZone} onError={fail} />
          </div>
        )}
      </main>
    </>
  );
}
