// The citizen's appointment page (/a/<token>): the booking (service, day and time in the hall's zone, what to bring, the hall's
// address and hours), and what the citizen may do without calling: move it to a free slot, add it to a calendar, cancel it.
// Every refusal is shown in the errors table's words (protocol/errors.ts) in the page's language.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { isApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner } from '../ui-kit/components.tsx';
import { PhonePage, usePhoneLang } from '../ui-kit/phone-page.tsx';
import { formatDate, formatDay, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, CalendarCheckIcon, CheckCircleIcon, ClockIcon, InfoIcon } from '../ui-kit/icons.tsx';
import { errorWords } from '../protocol/errors.ts';
import { icsOf } from './ics.ts';
import { t } from './i18n.ts';

type Page = ReplyOf<'appointmentPage.get'>;
type Slots = ReplyOf<'appointmentPage.slots'>;

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

export function tokenFromPath(pathname: string = location.pathname): string | null {
  const raw = /^\/a\/([^/?#]+)/.exec(pathname)?.[1];
  const token = raw ? decodeURIComponent(raw) : null;
  return token && TOKEN.test(token) ? token : null;
}

type Load = { kind: 'loading' } | { kind: 'ready'; page: Page } | { kind: 'notFound' } | { kind: 'error' };

/** A refusal's words in `lang`, from its code (kept, not the text, so the language toggle re-words it). */
const failureText = (lang: Lang, code: string) => errorWords(lang, code) ?? t(lang, 'failed');

export function AppointmentApp() {
  const token = tokenFromPath();
  const [lang, setLang] = usePhoneLang();
  const [load, setLoad] = useState<Load>(token ? { kind: 'loading' } : { kind: 'notFound' });
  useEffect(() => {
    if (!token) return;
    call('appointmentPage.get', { token }, { timeoutMs: 15_000 }).then(
      (page) => setLoad({ kind: 'ready', page }),
      (e) => setLoad(isApiFailure(e) && (e.status === 404 || e.status === 400) ? { kind: 'notFound' } : { kind: 'error' }),
    );
  }, [token]);

  return (
    <PhonePage lang={lang} onLang={setLang} title={t(lang, 'title')} switchTo={t(lang, 'lang.switchTo')} class="appt-page" testId="appt-page">
      {load.kind === 'loading' && (
        <div class="status-loading">
          <Spinner />
          <span>{t(lang, 'loading')}</span>
        </div>
      )}
      {load.kind === 'notFound' && (
        <section class="state-card state-warn" data-testid="appt-not-found" role="alert">
          <span class="state-icon">
            <AlertIcon size="100%" />
          </span>
          <h2 class="state-title">{t(lang, 'notFound')}</h2>
          <p class="state-body">{t(lang, 'notFoundBody')}</p>
        </section>
      )}
      {load.kind === 'error' && (
        <p class="appt-error" role="alert">
          {t(lang, 'offline')}
        </p>
      )}
      {load.kind === 'ready' && token && <Booking lang={lang} token={token} page={load.page} onChange={(page) => setLoad({ kind: 'ready', page })} />}
    </PhonePage>
  );
}

function weekdayName(weekday: number, lang: Lang): string {
  // 2026-11-29 is a Sunday (weekday 0).
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-BH' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 29 + weekday));
}

type Mode = { kind: 'view' } | { kind: 'move' } | { kind: 'confirmCancel' };

function Booking({ lang, token, page, onChange }: { lang: Lang; token: string; page: Page; onChange(p: Page): void }) {
  const { appointment: a, service, hall } = page;
  const tz = hall.timeZone;
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [notice, setNotice] = useState<{ ok: true; done: 'moved' | 'cancelled' } | { ok: false; code: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(
    async (run: () => Promise<Page>, done: 'moved' | 'cancelled') => {
      setBusy(true);
      setNotice(null);
      try {
        onChange(await run());
        setMode({ kind: 'view' });
        setNotice({ ok: true, done });
      } catch (e) {
        setNotice({ ok: false, code: toFailure(e).code });
      } finally {
        setBusy(false);
      }
    },
    [onChange],
  );
  const name = lang === 'ar' ? a.firstNameAr : a.firstNameEn;
  const serviceName = lang === 'ar' ? service.nameAr : service.nameEn;
  const bring = lang === 'ar' ? service.bringAr : service.bringEn;
  const address = lang === 'ar' ? hall.addressAr : hall.addressEn;
  const booked = a.status === 'booked';
  const download = () => {
    const ics = icsOf({
      uid: a.reference,
      start: a.slotStart,
      end: a.slotEnd,
      summary: `${serviceName} — ${a.reference}`,
      location: [lang === 'ar' ? hall.nameAr : hall.nameEn, address].filter(Boolean).join(', '),
      description: bring,
      now: Date.now(),
    });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    link.download = `appointment-${a.reference}.ics`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <>
      <section class="number-card accent-top appt-card">
        {name && <p class="appt-hello">{t(lang, 'hello', { name })}</p>}
        <p class="number-service" data-testid="appt-service">
          {serviceName}
        </p>
        <p class="appt-when">
          <CalendarCheckIcon size="1.2em" />
          <span data-testid="appt-day">{formatDate(a.slotStart, lang, tz)}</span>
        </p>
        <p class="appt-when">
          <ClockIcon size="1.2em" />
          <bdi class="ltr-num" data-testid="appt-time" dir="ltr">
            {formatTime(a.slotStart, lang, tz)} – {formatTime(a.slotEnd, lang, tz)}
          </bdi>
        </p>
        <p class="appt-ref">
          {t(lang, 'reference')}:{' '}
          <bdi class="ltr-num" dir="ltr" data-testid="appt-reference">
            {a.reference}
          </bdi>
        </p>
        <p class={`appt-status appt-status-${a.status}`} data-testid="appt-status" data-status={a.status}>
          {t(lang, `status.${a.status}`)}
        </p>
      </section>

      {notice && (
        <p class={notice.ok ? 'appt-notice' : 'appt-error'} data-testid={notice.ok ? 'appt-notice' : 'appt-error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.ok ? <CheckCircleIcon size="1.2em" /> : <AlertIcon size="1.2em" />}
          <span>{notice.ok ? t(lang, notice.done) : failureText(lang, notice.code)}</span>
        </p>
      )}

      {booked && mode.kind === 'view' && (
        <div class="appt-actions">
          <button type="button" class="btn btn-primary" data-testid="appt-move" onClick={() => setMode({ kind: 'move' })}>
            {t(lang, 'move')}
          </button>
          <button type="button" class="btn" data-testid="appt-ics" onClick={download}>
            {t(lang, 'calendar')}
          </button>
          <button type="button" class="btn btn-danger" data-testid="appt-cancel" onClick={() => setMode({ kind: 'confirmCancel' })}>
            {t(lang, 'cancel')}
          </button>
        </div>
      )}
      {booked && mode.kind === 'confirmCancel' && (
        <section class="appt-panel" data-testid="appt-cancel-panel">
          <p>{t(lang, 'cancelSure')}</p>
          <div class="appt-actions">
            <button
              type="button"
              class="btn btn-danger"
              data-testid="appt-cancel-yes"
              disabled={busy}
              onClick={() => act(() => call('appointmentPage.cancel', { token }), 'cancelled')}
            >
              {t(lang, 'cancelYes')}
            </button>
            <button type="button" class="btn" data-testid="appt-cancel-no" onClick={() => setMode({ kind: 'view' })}>
              {t(lang, 'cancelNo')}
            </button>
          </div>
        </section>
      )}
      {booked && mode.kind === 'move' && (
        <MovePanel
          lang={lang}
          token={token}
          timeZone={tz}
          busy={busy}
          onPick={(day, time) => act(() => call('appointmentPage.move', { token, day, time }), 'moved')}
          onBack={() => setMode({ kind: 'view' })}
        />
      )}

      {bring && (
        <section class="appt-panel" data-testid="appt-bring">
          <h2 class="appt-h">
            <InfoIcon size="1.1em" /> {t(lang, 'bring')}
          </h2>
          <p>{bring}</p>
        </section>
      )}
      <section class="appt-panel" data-testid="appt-hall">
        <h2 class="appt-h">{t(lang, 'hall')}</h2>
        <p>{lang === 'ar' ? hall.nameAr : hall.nameEn}</p>
        {address && <p data-testid="appt-address">{address}</p>}
        <h3 class="appt-h small">{t(lang, 'hours')}</h3>
        <dl class="appt-hours">
          {[0, 1, 2, 3, 4, 5, 6].map((wd) => {
            const h = hall.hours.find((x) => x.weekday === wd);
            return (
              <div key={wd}>
                <dt>{weekdayName(wd, lang)}</dt>
                <dd>
                  {h ? (
                    <bdi class="ltr-num" dir="ltr">
                      {h.opens} – {h.closes}
                    </bdi>
                  ) : (
                    t(lang, 'closedDay')
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
    </>
  );
}

function MovePanel(props: { lang: Lang; token: string; timeZone: string; busy: boolean; onPick(day: string, time: string): void; onBack(): void }) {
  const { lang, token, timeZone } = props;
  const [slots, setSlots] = useState<Slots | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  useEffect(() => {
    call('appointmentPage.slots', { token, days: 14 }).then(setSlots, (e) => setFailure(toFailure(e).code));
  }, [token]);
  const open = slots?.days.filter((d) => d.free > 0) ?? [];
  const chosen = open.find((d) => d.day === day) ?? open[0];
  return (
    <section class="appt-panel" data-testid="appt-move-panel">
      <h2 class="appt-h">{t(lang, 'moveTitle')}</h2>
      {failure && <p class="appt-error">{failureText(lang, failure)}</p>}
      {!slots && !failure && <Spinner />}
      {slots && open.length === 0 && <p>{t(lang, 'noFreeDays')}</p>}
      {chosen && (
        <>
          <div class="appt-days" role="tablist">
            {open.map((d) => (
              <button
                type="button"
                role="tab"
                key={d.day}
                aria-selected={d.day === chosen.day}
                class={`btn appt-day${d.day === chosen.day ? ' on' : ''}`}
                data-testid="appt-slot-day"
                data-day={d.day}
                onClick={() => {
                  setDay(d.day);
                  setTime(null);
                }}
              >
                {formatDay(d.day, lang)}
              </button>
            ))}
          </div>
          <div class="appt-slots">
            {chosen.slots
              .filter((s) => s.remaining > 0)
              .map((s) => (
                <button
                  type="button"
                  key={s.time}
                  class={`btn appt-slot${s.time === time ? ' on' : ''}`}
                  aria-pressed={s.time === time}
                  data-testid="appt-slot"
                  data-time={s.time}
                  title={t(lang, 'seats', { n: s.remaining })}
                  onClick={() => setTime(s.time)}
                >
                  <bdi class="ltr-num" dir="ltr">
                    {formatTime(s.slotStart, lang, timeZone)}
                  </bdi>
                </button>
              ))}
          </div>
        </>
      )}
      <div class="appt-actions">
        {chosen && time && (
          <button type="button" class="btn btn-primary" data-testid="appt-move-confirm" disabled={props.busy} onClick={() => props.onPick(chosen.day, time)}>
            {t(lang, 'moveTo', { day: formatDay(chosen.day, lang), time: formatTime(chosen.slots.find((s) => s.time === time)!.slotStart, lang, timeZone) })}
          </button>
        )}
        <button type="button" class="btn" data-testid="appt-move-back" onClick={props.onBack}>
          {t(lang, 'back')}
        </button>
      </div>
    </section>
  );
}
