// Settings → Hours & schedule: the hall's weekly opening hours (an admin changes them), the weekly
// appointment schedules — each in force from its date until the next one starts — with an editor for
// the schedule from a date, and the holidays and one-off closures (no appointments that day).
// Supervisors plan schedules and holidays too.
import { useEffect, useState } from 'preact/hooks';
import { HolidayBody, OpeningHoursBody, ScheduleBody } from '../protocol/api.ts';
import { nextDay } from '../engine/time.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { formatDay, type Lang } from '../ui-kit/i18n.ts';
import { CalendarCheckIcon, ClockIcon } from '../ui-kit/icons.tsx';
import { FormError } from '../ui-kit/password.tsx';
import { type Action, ActionResult, CheckInput, Loading, PageHead, TextInput, useAction, validated } from './admin-kit.tsx';
import { tk } from '../ui-kit/staff-words.ts';
import { tv } from './i18n.ts';

type Day = ReplyOf<'hours.get'>['days'][number];
type Period = InputOf<'schedule.put'>['periods'][number];
type Holiday = ReplyOf<'schedule.get'>['holidays'][number];
type Schedules = ReplyOf<'schedule.get'>;

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** The weekday's name (0 = Sunday): 2026-11-22 was a Sunday. */
export const weekdayName = (lang: Lang, weekday: number) =>
  new Intl.DateTimeFormat(lang === 'ar' ? 'ar-BH' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 22 + weekday));

/** A time of day in a table whose header names it (the label is for screen readers). */
function TimeInput({
  label,
  testId,
  value,
  onInput,
  disabled,
}: {
  label: string;
  testId: string;
  value: string;
  onInput(v: string): void;
  disabled?: boolean;
}) {
  return (
    <input
      class="input ltr-num sv-time-input"
      type="time"
      dir="ltr"
      data-testid={testId}
      aria-label={label}
      value={value}
      disabled={disabled}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

function SaveButton({ action, testId, label, disabled }: { action: Action; testId: string; label: string; disabled?: boolean }) {
  return (
    <button type="submit" class="btn btn-primary" data-testid={testId} disabled={disabled || action.busy}>
      {action.busy && <Spinner />}
      {label}
    </button>
  );
}

function OpeningHours({ days, admin, onSaved }: { days: Day[]; admin: boolean; onSaved(days: Day[]): void }) {
  const lang = useLang();
  const [draft, setDraft] = useState<(Day | null)[]>(() => WEEKDAYS.map((w) => days.find((d) => d.weekday === w) ?? null));
  const action = useAction();
  const next = draft.filter((d): d is Day => d !== null);
  const dirty = JSON.stringify(next) !== JSON.stringify(days);
  const setDay = (w: number, d: Day | null) => setDraft((all) => all.map((x, i) => (i === w ? d : x)));
  const save = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      const reply = await call('hours.put', validated(OpeningHoursBody, { days: next }));
      onSaved(reply.days);
      return tv(lang, 'hours.saved');
    });
  };
  return (
    <form class="sv-group" data-testid="opening-hours" onSubmit={save} noValidate>
      <h2 class="sv-group-title">
        <ClockIcon size="1.2em" />
        {tv(lang, 'hours.title')}
      </h2>
      <p class="sv-group-note">{admin ? tv(lang, 'hours.intro') : tv(lang, 'hours.readOnly')}</p>
      <table class="sv-table sv-table-compact sv-hours">
        <thead>
          <tr>
            <th scope="col">{tv(lang, 'f.weekday')}</th>
            <th scope="col">{tv(lang, 'f.opens')}</th>
            <th scope="col">{tv(lang, 'f.closes')}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((w) => {
            const d = draft[w] ?? null;
            const name = weekdayName(lang, w);
            return (
              <tr key={w} data-testid={`hours-${w}`} class={d ? undefined : 'sv-row-off'}>
                <th scope="row">
                  <CheckInput
                    label={name}
                    testId={`hours-${w}-open`}
                    value={d !== null}
                    disabled={!admin}
                    onInput={(on) => setDay(w, on ? { weekday: w, opens: '07:30', closes: '14:00' } : null)}
                  />
                </th>
                {d ? (
                  <>
                    <td>
                      <TimeInput
                        label={`${name}: ${tv(lang, 'f.opens')}`}
                        testId={`hours-${w}-opens`}
                        value={d.opens}
                        disabled={!admin}
                        onInput={(opens) => setDay(w, { ...d, opens })}
                      />
                    </td>
                    <td>
                      <TimeInput
                        label={`${name}: ${tv(lang, 'f.closes')}`}
                        testId={`hours-${w}-closes`}
                        value={d.closes}
                        disabled={!admin}
                        onInput={(closes) => setDay(w, { ...d, closes })}
                      />
                    </td>
                  </>
                ) : (
                  <td colSpan={2}>{tv(lang, 'hours.closed')}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ActionResult action={action} testId="hours" />
      {admin && (
        <div class="sv-save">
          <SaveButton action={action} testId="hours-save" label={tv(lang, 'common.save')} disabled={!dirty} />
        </div>
      )}
    </form>
  );
}

/** The schedules by start date, and which one is in force on `today` (the latest start on or before it). */
function schedulesByDate(schedule: Schedules['schedule'], today: string) {
  const dates = [...new Set(schedule.map((p) => p.validFrom))].sort();
  const inForce = dates.filter((d) => d <= today).at(-1) ?? null;
  const periodsFrom = (date: string): Period[] =>
    schedule
      .filter((p) => p.validFrom === date)
      .map(({ weekday, startTime, endTime, counters }) => ({ weekday, startTime, endTime, counters }))
      .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
  return { dates: dates.filter((d) => inForce === null || d >= inForce), inForce, periodsFrom };
}

function PeriodsTable({ periods }: { periods: Period[] }) {
  const lang = useLang();
  if (periods.length === 0) return <p class="sv-muted">{tv(lang, 'schedule.none')}</p>;
  return (
    <ul class="sv-periods">
      {periods.map((p) => (
        <li key={`${p.weekday}-${p.startTime}`}>
          <strong>{weekdayName(lang, p.weekday)}</strong>{' '}
          <span class="ltr-num" dir="ltr">
            {p.startTime}–{p.endTime}
          </span>{' '}
          {tv(lang, 'schedule.counters', { n: p.counters })}
        </li>
      ))}
    </ul>
  );
}

function ScheduleEditor({
  start,
  onSaved,
  onCancel,
}: {
  start: { validFrom: string; periods: Period[] };
  onSaved(s: Schedules['schedule']): void;
  onCancel(): void;
}) {
  const lang = useLang();
  const [validFrom, setValidFrom] = useState(start.validFrom);
  const [periods, setPeriods] = useState<Period[]>(start.periods);
  const action = useAction();
  const setPeriod = (i: number, p: Period) => setPeriods((all) => all.map((x, j) => (j === i ? p : x)));
  const save = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      const reply = await call('schedule.put', validated(ScheduleBody, { validFrom, periods }));
      onSaved(reply.schedule);
      return tv(lang, 'schedule.saved', { day: formatDay(validFrom, lang) });
    });
  };
  return (
    <form class="sv-editor" data-testid="schedule-editor" onSubmit={save} noValidate>
      <label class="field sv-date">
        <span class="field-label">{tv(lang, 'f.validFrom')}</span>
        <input class="input ltr-num" type="date" dir="ltr" data-testid="schedule-from" value={validFrom} onInput={(e) => setValidFrom(e.currentTarget.value)} />
      </label>
      <table class="sv-table sv-table-compact sv-periods-edit" data-testid="schedule-periods">
        <thead>
          <tr>
            <th scope="col">{tv(lang, 'f.weekday')}</th>
            <th scope="col">{tv(lang, 'f.startTime')}</th>
            <th scope="col">{tv(lang, 'f.endTime')}</th>
            <th scope="col">{tv(lang, 'f.counters')}</th>
            <th scope="col" aria-label={tv(lang, 'common.remove')} />
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={i} data-testid={`period-${i}`}>
              <td>
                <select
                  class="input"
                  data-testid={`period-${i}-weekday`}
                  aria-label={tv(lang, 'f.weekday')}
                  value={p.weekday}
                  onChange={(e) => setPeriod(i, { ...p, weekday: Number(e.currentTarget.value) })}
                >
                  {WEEKDAYS.map((w) => (
                    <option key={w} value={w}>
                      {weekdayName(lang, w)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <TimeInput
                  label={tv(lang, 'f.startTime')}
                  testId={`period-${i}-start`}
                  value={p.startTime}
                  onInput={(startTime) => setPeriod(i, { ...p, startTime })}
                />
              </td>
              <td>
                <TimeInput label={tv(lang, 'f.endTime')} testId={`period-${i}-end`} value={p.endTime} onInput={(endTime) => setPeriod(i, { ...p, endTime })} />
              </td>
              <td>
                <input
                  class="input ltr-num sv-counters-input"
                  type="number"
                  dir="ltr"
                  min={0}
                  max={999}
                  aria-label={tv(lang, 'f.counters')}
                  data-testid={`period-${i}-counters`}
                  value={Number.isNaN(p.counters) ? '' : String(p.counters)}
                  onInput={(e) => setPeriod(i, { ...p, counters: e.currentTarget.value.trim() === '' ? Number.NaN : Number(e.currentTarget.value) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  class="btn btn-ghost btn-small sv-danger"
                  data-testid={`period-${i}-remove`}
                  onClick={() => setPeriods((all) => all.filter((_x, j) => j !== i))}
                >
                  {tv(lang, 'common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        class="btn btn-ghost btn-small sv-row-add"
        data-testid="period-add"
        onClick={() => setPeriods((all) => [...all, { weekday: 0, startTime: '08:00', endTime: '12:00', counters: 1, ...all.at(-1) }])}
      >
        {tv(lang, 'schedule.addPeriod')}
      </button>
      <p class="sv-group-note">{tv(lang, 'schedule.editorHint')}</p>
      <ActionResult action={action} testId="schedule" />
      <div class="sv-save">
        <button type="button" class="btn btn-ghost" data-testid="schedule-cancel" onClick={onCancel}>
          {tk(lang, 'common.cancel')}
        </button>
        <SaveButton action={action} testId="schedule-save" label={tv(lang, 'schedule.save')} />
      </div>
    </form>
  );
}

function AppointmentSchedule({ data, today, onSaved }: { data: Schedules; today: string; onSaved(s: Schedules['schedule']): void }) {
  const lang = useLang();
  const { dates, inForce, periodsFrom } = schedulesByDate(data.schedule, today);
  const [editing, setEditing] = useState<{ validFrom: string; periods: Period[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section class="sv-group" data-testid="schedule">
      <h2 class="sv-group-title">
        <CalendarCheckIcon size="1.2em" />
        {tv(lang, 'schedule.title')}
      </h2>
      <p class="sv-group-note">{tv(lang, 'schedule.intro')}</p>
      {done && (
        <p class="notice notice-ok sv-done" role="status" data-testid="schedule-done">
          {done}
        </p>
      )}
      <div class="sv-schedules">
        {dates.map((date) => (
          <article key={date} class="sv-schedule" data-testid={`schedule-${date}`}>
            <h3 class="sv-schedule-title">
              {tv(lang, 'schedule.from', { day: formatDay(date, lang) })}
              <span class={`sv-mark${date === inForce ? ' sv-mark-on' : ' sv-mark-info'}`}>
                {tv(lang, date === inForce ? 'schedule.inForce' : 'schedule.planned')}
              </span>
            </h3>
            <PeriodsTable periods={periodsFrom(date)} />
            {!editing && (
              <button
                type="button"
                class="btn btn-ghost btn-small"
                data-testid={`schedule-edit-${date}`}
                // Today's schedule starts again from tomorrow: a change never rewrites a day already begun.
                onClick={() => {
                  setDone(null);
                  setEditing({ validFrom: date > today ? date : nextDay(today), periods: periodsFrom(date) });
                }}
              >
                {tv(lang, date > today ? 'schedule.edit' : 'schedule.change')}
              </button>
            )}
          </article>
        ))}
        {dates.length === 0 && <p class="sv-muted">{tv(lang, 'schedule.noneYet')}</p>}
      </div>
      {editing ? (
        <ScheduleEditor
          start={editing}
          onCancel={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setDone(tv(lang, 'schedule.savedShort'));
            onSaved(s);
          }}
        />
      ) : (
        dates.length === 0 && (
          <button
            type="button"
            class="btn btn-ghost btn-small"
            data-testid="schedule-new"
            onClick={() => setEditing({ validFrom: nextDay(today), periods: [] })}
          >
            {tv(lang, 'schedule.new')}
          </button>
        )
      )}
    </section>
  );
}

function Holidays({ holidays, today, onSaved }: { holidays: Holiday[]; today: string; onSaved(h: Holiday[]): void }) {
  const lang = useLang();
  const blank: Holiday = { day: nextDay(today), nameAr: '', nameEn: '', closure: false };
  const [form, setForm] = useState<Holiday>(blank);
  const action = useAction();
  const upcoming = holidays.filter((h) => h.day >= today).sort((a, b) => a.day.localeCompare(b.day));
  const save = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      const reply = await call('holidays.put', validated(HolidayBody, form));
      onSaved(reply.holidays);
      return tv(lang, 'holidays.saved', { day: formatDay(form.day, lang) });
    });
    if (ok) setForm(blank);
  };
  const remove = (h: Holiday) =>
    action.run(async () => {
      const reply = await call('holidays.delete', { day: h.day });
      onSaved(reply.holidays);
      return tv(lang, 'holidays.removed', { day: formatDay(h.day, lang) });
    });
  return (
    <section class="sv-group" data-testid="holidays">
      <h2 class="sv-group-title">
        <CalendarCheckIcon size="1.2em" />
        {tv(lang, 'holidays.title')}
      </h2>
      <p class="sv-group-note">{tv(lang, 'holidays.intro')}</p>
      {upcoming.length === 0 ? (
        <p class="sv-muted">{tv(lang, 'holidays.none')}</p>
      ) : (
        <table class="sv-table sv-table-compact" data-testid="holidays-table">
          <tbody>
            {upcoming.map((h) => (
              <tr key={h.day} data-testid={`holiday-${h.day}`}>
                <th scope="row" class="sv-nowrap">
                  {formatDay(h.day, lang)}
                </th>
                <td>{lang === 'ar' ? h.nameAr : h.nameEn}</td>
                <td>
                  <span class={`sv-mark${h.closure ? ' sv-mark-warn' : ' sv-mark-info'}`}>{tv(lang, h.closure ? 'holidays.closure' : 'holidays.holiday')}</span>
                </td>
                <td>
                  <button type="button" class="btn btn-ghost btn-small" data-testid={`holiday-edit-${h.day}`} onClick={() => setForm(h)}>
                    {tv(lang, 'users.edit')}
                  </button>
                  <button
                    type="button"
                    class="btn btn-ghost btn-small"
                    data-testid={`holiday-remove-${h.day}`}
                    disabled={action.busy}
                    onClick={() => void remove(h)}
                  >
                    {tv(lang, 'holidays.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="sv-editor sv-holiday-form" data-testid="holiday-form" onSubmit={save} noValidate>
        <label class="field sv-date">
          <span class="field-label">{tv(lang, 'f.day')}</span>
          <input
            class="input ltr-num"
            type="date"
            dir="ltr"
            data-testid="holiday-day"
            value={form.day}
            onInput={(e) => setForm({ ...form, day: e.currentTarget.value })}
          />
        </label>
        <TextInput
          label={tv(lang, 'f.nameAr')}
          testId="holiday-name-ar"
          dir="rtl"
          maxLength={120}
          value={form.nameAr}
          onInput={(nameAr) => setForm({ ...form, nameAr })}
        />
        <TextInput
          label={tv(lang, 'f.nameEn')}
          testId="holiday-name-en"
          dir="ltr"
          maxLength={120}
          value={form.nameEn}
          onInput={(nameEn) => setForm({ ...form, nameEn })}
        />
        <CheckInput
          label={tv(lang, 'holidays.closureLabel')}
          testId="holiday-closure"
          value={form.closure}
          onInput={(closure) => setForm({ ...form, closure })}
        />
        <SaveButton action={action} testId="holiday-save" label={tv(lang, 'holidays.save')} />
      </form>
      <ActionResult action={action} testId="holiday" />
    </section>
  );
}

export function HoursPage({ admin, today }: { admin: boolean; today: string }) {
  const lang = useLang();
  const [hours, setHours] = useState<Day[] | null>(null);
  const [schedules, setSchedules] = useState<Schedules | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  useEffect(() => {
    Promise.all([call('hours.get', {}), call('schedule.get', {})]).then(
      ([h, s]) => {
        setHours(h.days);
        setSchedules(s);
      },
      (e) => setError(toFailure(e)),
    );
  }, []);
  return (
    <section class="sv-page" data-testid="settings-hours" aria-labelledby="hours-title">
      <PageHead id="hours-title" title={tv(lang, 'settings.hours')} intro={tv(lang, 'settings.hoursIntro')} />
      <FormError error={error} testId="hours-load-error" />
      {!hours || !schedules || today === '' ? (
        !error && <Loading />
      ) : (
        <>
          <OpeningHours days={hours} admin={admin} onSaved={setHours} />
          <AppointmentSchedule data={schedules} today={today} onSaved={(schedule) => setSchedules({ ...schedules, schedule })} />
          <Holidays holidays={schedules.holidays} today={today} onSaved={(holidays) => setSchedules({ ...schedules, holidays })} />
        </>
      )}
    </section>
  );
}
