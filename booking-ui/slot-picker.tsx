// The slot picker with booking (and rescheduling).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { formatDay, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { name2, type Appointment, type Appointments, type Citizen, type Service } from './console-types.ts';
import { phoneFailure } from './errors.tsx';
import { tb } from './i18n.ts';

/** One day of the picker with its slots (`slots.list`). */
type SlotDay = ReplyOf<'slots.list'>['days'][number];
/** Who the booking is for: a citizen on record, or a first-time caller's names and phone as the agent took them. */
export type Booker = Pick<Citizen, 'cpr' | 'phone' | 'nameAr' | 'nameEn'>;

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

export function SlotPicker({
  lang,
  citizen,
  services,
  held,
  timeZone,
  seatsVersion,
  reschedule,
  onStopReschedule,
  onDone,
  onError,
  clearError,
}: {
  lang: Lang;
  citizen: Booker;
  services: Service[];
  /** The services the citizen already holds a booking for (`citizens.appointments`): greyed out with the booking, except while moving it. */
  held: Appointments['held'];
  timeZone: string;
  seatsVersion: number;
  reschedule: Appointment | null;
  onStopReschedule(): void;
  onDone(): Promise<void>;
  onError(e: unknown): void;
  clearError(): void;
}) {
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [days, setDays] = useState<SlotDay[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [phone, setPhone] = useState(citizen.phone ?? '');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  /** The booking just made or moved here, shown with its reference to read out. */
  const [booked, setBooked] = useState<{ appointment: ReplyOf<'appointments.create'>['appointment']; moved: boolean } | null>(null);

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

  const loadSlots = useCallback(
    async (id: string, keepDay: string | null): Promise<SlotDay[] | null> => {
      try {
        const r = await call('slots.list', { serviceId: id, days: 14 });
        const open = r.days.filter((d) => d.free > 0);
        setDays(open);
        setDay(keepDay && open.some((d) => d.day === keepDay) ? keepDay : (open[0]?.day ?? null));
        return open;
      } catch (e) {
        onError(e);
        return null;
      }
    },
    [onError],
  );

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

  // A service the citizen has just come to hold (this booking, or another agent's) cannot be booked again: close its days.
  useEffect(() => {
    if (!reschedule && serviceId && held.some((h) => h.serviceId === serviceId)) {
      setServiceId(null);
      setDays(null);
      setDay(null);
      setTime(null);
    }
  }, [held]);

  const pickService = (id: string) => {
    // The next booking starts: the last one's reference has been read out (the appointments list keeps it).
    setBooked(null);
    setSeatGone(false);
    setFocusTo('.bk-days .is-on');
    setServiceId(id);
    setDays(null);
    setTime(null);
    void loadSlots(id, null);
  };
  useEffect(() => {
    if (reschedule) pickService(reschedule.serviceId);
  }, [reschedule?.id]);

  const confirm = async () => {
    if (!serviceId || !day || !time) return;
    const badPhone = reschedule ? null : phoneFailure(phone.trim());
    if (badPhone) return onError(badPhone);
    setBusy(true);
    clearError();
    try {
      const r = reschedule
        ? await call('appointments.reschedule', { id: reschedule.id, day, time })
        : await call('appointments.create', {
            serviceId,
            day,
            time,
            cpr: citizen.cpr,
            phone: phone.trim(),
            nameAr: citizen.nameAr,
            nameEn: citizen.nameEn,
            notes,
          });
      setBooked({ appointment: r.appointment, moved: !!reschedule });
      setTime(null);
      setSeatGone(false); // the hub's delta of this very booking may have come first: it was ours
      setNotes('');
      await onDone(); // the service is held now: the effect on `held` closes its days
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const slots = days?.find((d) => d.day === day)?.slots ?? [];
  const svc = services.find((s) => s.id === booked?.appointment.serviceId);
  return (
    <section class="card bk-card bk-picker" data-testid="picker" ref={root}>
      <h3 class="bk-h3">
        {reschedule ? tb(lang, 'slots.rescheduleTitle', { ref: reschedule.reference }) : tb(lang, 'slots.title')}
        {reschedule && (
          <button type="button" class="btn btn-ghost btn-tiny" onClick={onStopReschedule}>
            {tb(lang, 'slots.stopReschedule')}
          </button>
        )}
      </h3>
      {booked && (
        <div class="bk-booked notice-ok" role="status">
          <span class="bk-booked-label">{tb(lang, booked.moved ? 'booked.moved' : 'booked.title')}</span>
          <span class="bk-reference ltr-num" data-testid="booking-reference">
            {booked.appointment.reference}
          </span>
          <span class="bk-small bk-booked-when">
            {tb(lang, 'booked.when', {
              service: svc ? name2(lang, svc) : booked.appointment.serviceId,
              day: formatDay(booked.appointment.day, lang),
              time: formatTime(booked.appointment.slotStart, lang, timeZone),
            })}
          </span>
        </div>
      )}
      <fieldset class="bk-chooser" onKeyDown={choiceKeys}>
        {services.map((s) => {
          const holding = reschedule ? null : held.find((h) => h.serviceId === s.id);
          return (
            <button
              key={s.id}
              type="button"
              class={`bk-pill${serviceId === s.id ? ' is-on' : ''}`}
              aria-pressed={serviceId === s.id}
              data-testid={`service-${s.id}`}
              disabled={reschedule ? reschedule.serviceId !== s.id : !!holding}
              onClick={() => pickService(s.id)}
            >
              {name2(lang, s)}
              {holding && (
                <span class="bk-small bk-held" data-testid={`held-${s.id}`}>
                  {tb(lang, 'slots.held', { reference: `\u2068${holding.reference}\u2069`, day: formatDay(holding.day, lang) })}
                </span>
              )}
            </button>
          );
        })}
      </fieldset>
      {serviceId &&
        days &&
        (days.length === 0 ? (
          <p class="bk-muted">{tb(lang, 'slots.noDays')}</p>
        ) : (
          <fieldset class="bk-chooser bk-days" onKeyDown={choiceKeys}>
            {days.map((d) => (
              <button
                key={d.day}
                type="button"
                class={`bk-pill${day === d.day ? ' is-on' : ''}`}
                aria-pressed={day === d.day}
                data-testid={`day-${d.day}`}
                onClick={() => {
                  setDay(d.day);
                  setTime(null);
                  setSeatGone(false);
                  setFocusTo('.bk-slots button:not([disabled])');
                }}
              >
                <span>{formatDay(d.day, lang)}</span>
                <span class="bk-small">{tb(lang, 'slots.free', { n: d.free })}</span>
              </button>
            ))}
          </fieldset>
        ))}
      {seatGone && (
        <p class="notice notice-warn bk-small" role="status" data-testid="seat-gone">
          {tb(lang, 'live.changed')}
        </p>
      )}
      {day && slots.length > 0 && (
        <fieldset class="bk-chooser bk-slots" onKeyDown={choiceKeys}>
          {slots.map((s) => (
            <button
              key={s.time}
              type="button"
              class={`bk-pill bk-slot${time === s.time ? ' is-on' : ''}`}
              aria-pressed={time === s.time}
              data-testid={`slot-${s.time}`}
              data-remaining={s.remaining}
              disabled={s.remaining <= 0}
              onClick={() => {
                setTime(s.time);
                setSeatGone(false);
                setFocusTo('[data-testid="book-confirm"]');
              }}
            >
              <span class="ltr-num">{s.time}</span>
              <span class="bk-small" title={tb(lang, 'slots.free', { n: s.remaining })}>
                {s.remaining > 0 ? tb(lang, 'slots.seats', { n: s.remaining, capacity: s.capacity }) : tb(lang, 'slots.full')}
              </span>
            </button>
          ))}
        </fieldset>
      )}
      {time && (
        <form
          class="bk-confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {!reschedule && (
            <>
              <label class="bk-field">
                <span class="bk-label">{tb(lang, 'slots.phone')}</span>
                <input class="input ltr-num" dir="ltr" data-testid="book-phone" value={phone} maxLength={13} onInput={(e) => setPhone(e.currentTarget.value)} />
              </label>
              <label class="bk-field">
                <span class="bk-label">{tb(lang, 'slots.notes')}</span>
                <input class="input" data-testid="book-notes" value={notes} maxLength={500} onInput={(e) => setNotes(e.currentTarget.value)} />
              </label>
            </>
          )}
          <button type="submit" class="btn btn-primary" data-testid="book-confirm" disabled={busy}>
            {tb(lang, reschedule ? 'slots.confirmReschedule' : 'slots.confirm')} —{' '}
            <span class="ltr-num">
              {day && formatDay(day, lang)} {time}
            </span>
          </button>
        </form>
      )}
    </section>
  );
}
