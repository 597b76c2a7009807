// The rollout section (/supervisor#rollout, supervisors and admins): the planner — "from day D these
// counters take appointments in these hours on these weekdays" — with its preview (per day and
// service the seats before → after and what is booked, and the bookings left without a seat) and
// its what-if (rollout-whatif.tsx: the waits it would bring), confirmed or kept as a draft; and the
// plans with who did what when, where a draft is confirmed and a plan not yet applied is cancelled.
// After a plan is confirmed or cancelled (or asked from the list), the bookings its schedule left
// without a seat, with the hall's move to the nearest free time (rollout-reseat.tsx).
// The hub checks every plan and words its refusals (rollout.* in protocol/operations.ts); the
// counters come live from the staff feed.
import './rollout.css';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { nextDay, weekdayOf } from '../engine/time.ts';
import type { CounterMode, RolloutCounter, RolloutStatus } from '../protocol/domain.ts';
import type { HallState } from '../protocol/state.ts';
import { splitDisplayName } from '../protocol/users.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { DEFAULT_TIME_ZONE, digits, formatDay, formatShortDate, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, ArrowForwardIcon, CheckCircleIcon, InfoIcon } from '../ui-kit/icons.tsx';
import { FormError } from '../ui-kit/password.tsx';
import { tk } from '../ui-kit/staff-words.ts';
import { tv } from './i18n.ts';
import { RolloutIcon } from './icons.tsx';
import { FormDialog, useHallState } from './admin-kit.tsx';
import { serviceName, type Unfit, UnfitTable, UnseatedBookings } from './rollout-reseat.tsx';
import { useWhatIf, WhatIfPanel } from './rollout-whatif.tsx';

type Plan = ReplyOf<'rollout.list'>['plans'][number];
type Preview = ReplyOf<'rollout.preview'>;
type PreviewDay = Preview['days'][number];
type OpeningDay = ReplyOf<'hours.get'>['days'][number];
type PlanFields = Pick<InputOf<'rollout.create'>, 'fromDay' | 'counters' | 'weekdays' | 'startTime' | 'endTime'>;
type PlanMode = RolloutCounter['mode'];
type Services = HallState['services'];

const PLAN_MODES: readonly PlanMode[] = ['appointment', 'mixed'];
const WEEK = [0, 1, 2, 3, 4, 5, 6];
/** How many days from D the preview covers: two working weeks. */
const PREVIEW_DAYS = 14;
/** The step of the hour pickers, in minutes. */
const TIME_STEP = 15;

// --- words

/** Keeps a time or a time range left-to-right inside Arabic (a dash between numbers would flip it). */
const ltr = (text: string) => `\u2066${text}\u2069`;
/** "07:00–14:00", never broken across lines (word joiners around the dash). */
const timeRange = (lang: Lang, from: string, to: string) => ltr(`${digits(from, lang)}\u2060–\u2060${digits(to, lang)}`);
const modeName = (lang: Lang, mode: CounterMode) => tv(lang, `ro.mode.${mode}`);
const listOf = (lang: Lang, items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
const commas = (lang: Lang, items: string[]) => items.join(lang === 'ar' ? '، ' : ', ');
const stampOf = (lang: Lang, at: number, timeZone: string) => `${formatShortDate(at, lang, timeZone)} ${ltr(formatTime(at, lang, timeZone))}`;

/** 2026-11-29 is a Sunday: weekday w is w days later. */
const A_SUNDAY = Date.UTC(2026, 10, 29, 12);
function weekdayName(lang: Lang, weekday: number, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-BH' : 'en-GB', { weekday: width, timeZone: 'UTC' }).format(A_SUNDAY + weekday * 86_400_000);
}

/** What an action did, in whichever language the console is in when it is read. */
type Words = (lang: Lang) => string;
const confirmedWords =
  (plan: Pick<Plan, 'id' | 'fromDay'>): Words =>
  (lang) =>
    tv(lang, 'ro.confirmed', { id: plan.id, day: formatDay(plan.fromDay, lang) });

/** "Counter 3 (Mixed)" for each counter of a plan. */
const planCounters = (lang: Lang, plan: Pick<PlanFields, 'counters'>) =>
  plan.counters.map((c) => `${tv(lang, 'ro.counterName', { n: c.counter })} (${modeName(lang, c.mode)})`);

// --- the plan being drawn

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The hours the hall is open on every one of `weekdays`: the latest opening to the earliest closing ('' when none). */
function openOnAll(hours: OpeningDay[], weekdays: number[]): { startTime: string; endTime: string } {
  const days = hours.filter((h) => weekdays.includes(h.weekday));
  if (days.length === 0) return { startTime: '', endTime: '' };
  return {
    startTime: days
      .map((d) => d.opens)
      .sort()
      .at(-1)!,
    endTime: days.map((d) => d.closes).sort()[0]!,
  };
}

const activeCounters = (hall: HallState) =>
  Object.values(hall.counters)
    .filter((c) => c.active)
    .sort((a, b) => a.number - b.number);

/** The planner's start: the next day the hall opens, the counters taking appointments now (in their modes), every open weekday, the opening hours. */
function startingPlan(hall: HallState, hours: OpeningDay[]): PlanFields {
  const open = hours.map((h) => h.weekday).sort();
  let fromDay = nextDay(hall.day);
  for (let i = 0; i < 7 && open.length > 0 && !open.includes(weekdayOf(fromDay)); i++) fromDay = nextDay(fromDay);
  const counters = activeCounters(hall).flatMap((c) => (c.mode === 'general' ? [] : [{ counter: c.number, mode: c.mode }]));
  return { fromDay, counters, weekdays: open, ...openOnAll(hours, open) };
}

const planReady = (p: PlanFields) => p.fromDay !== '' && p.counters.length > 0 && p.weekdays.length > 0 && p.startTime !== '' && p.startTime < p.endTime;

/** The times the hour pickers offer: every step from the earliest opening to the latest closing. */
function timeChoices(hours: OpeningDay[]): string[] {
  if (hours.length === 0) return [];
  const [from, to] = [Math.min(...hours.map((h) => minutes(h.opens))), Math.max(...hours.map((h) => minutes(h.closes)))];
  const times: string[] = [];
  for (let m = Math.ceil(from / TIME_STEP) * TIME_STEP; m <= to; m += TIME_STEP) times.push(timeOf(m));
  return times;
}

function CounterPicker({ hall, plan, onChange }: { hall: HallState; plan: PlanFields; onChange(counters: PlanFields['counters']): void }) {
  const lang = useLang();
  const counters = activeCounters(hall);
  if (counters.length === 0) return <p class="ro-muted">{tv(lang, 'ro.noCounters')}</p>;
  const chosen = new Map(plan.counters.map((c) => [c.counter, c.mode]));
  const set = (counter: number, mode: PlanMode | null) => {
    const next = new Map(chosen);
    if (mode) next.set(counter, mode);
    else next.delete(counter);
    onChange([...next].sort((a, b) => a[0] - b[0]).map(([n, m]) => ({ counter: n, mode: m })));
  };
  return (
    <ul class="ro-counters">
      {counters.map((c) => {
        const mode = chosen.get(c.number) ?? null;
        const name = lang === 'ar' ? c.nameAr : c.nameEn;
        return (
          <li key={c.number} class={`ro-counter${mode ? ' is-on' : ''}`} data-testid={`ro-counter-${c.number}`}>
            <label class="ro-counter-pick">
              <input
                type="checkbox"
                data-testid={`ro-pick-${c.number}`}
                checked={mode !== null}
                onChange={(e) => set(c.number, e.currentTarget.checked ? (c.mode === 'general' ? 'mixed' : c.mode) : null)}
              />
              <span class="ro-counter-name">
                {tv(lang, 'ro.counterName', { n: c.number })}
                {name && <span class="ro-counter-label">{name}</span>}
              </span>
            </label>
            <span class="ro-counter-now">{tv(lang, 'ro.nowMode', { mode: modeName(lang, c.mode) })}</span>
            <select
              class="input ro-select"
              data-testid={`ro-mode-${c.number}`}
              aria-label={tv(lang, 'ro.modeLabel', { n: c.number })}
              disabled={mode === null}
              value={mode ?? ''}
              onChange={(e) => set(c.number, e.currentTarget.value as PlanMode)}
            >
              {mode === null && <option value="" />}
              {PLAN_MODES.map((m) => (
                <option key={m} value={m}>
                  {modeName(lang, m)}
                </option>
              ))}
            </select>
          </li>
        );
      })}
    </ul>
  );
}

function TimeSelect({
  label,
  testId,
  value,
  choices,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  choices: string[];
  onChange(t: string): void;
}) {
  const lang = useLang();
  return (
    <label class="field ro-time">
      <span class="field-label">{label}</span>
      <select class="input ro-select ltr-num" data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {!choices.includes(value) && <option value={value}>{digits(value, lang)}</option>}
        {choices.map((t) => (
          <option key={t} value={t}>
            {digits(t, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Planner({ hall, hours, onStored }: { hall: HallState; hours: OpeningDay[]; onStored(words: Words, confirmed?: number): Promise<void> }) {
  const lang = useLang();
  const [plan, setPlan] = useState<PlanFields>(() => startingPlan(hall, hours));
  const [preview, setPreview] = useState<{ of: string; reply: Preview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'draft' | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [confirming, setConfirming] = useState(false);
  const whatIf = useWhatIf();
  const change = (p: Partial<PlanFields>) => setPlan((was) => ({ ...was, ...p }));
  const key = JSON.stringify(plan);
  const fresh = preview !== null && preview.of === key;
  const ready = planReady(plan);
  const open = new Map(hours.map((h) => [h.weekday, h]));
  const chosenHours = openOnAll(hours, plan.weekdays);

  const run = async (what: 'preview' | 'draft') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'preview') setPreview({ of: key, reply: await call('rollout.preview', { ...plan, days: PREVIEW_DAYS }) });
      else {
        const { plan: stored } = await call('rollout.create', { ...plan, draft: true });
        await onStored((l) => tv(l, 'ro.drafted', { id: stored.id }));
      }
    } catch (e) {
      setError(toFailure(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card ro-card" data-testid="rollout-planner" aria-labelledby="ro-planner-title">
      <h2 class="ro-card-title" id="ro-planner-title">
        <RolloutIcon size="1.3em" />
        {tv(lang, 'ro.plannerTitle')}
      </h2>
      <div class="ro-form">
        <label class="field ro-day">
          <span class="field-label">{tv(lang, 'ro.fromDay')}</span>
          <input
            class="input ltr-num"
            type="date"
            data-testid="ro-day"
            min={hall.day}
            value={plan.fromDay}
            onInput={(e) => change({ fromDay: e.currentTarget.value })}
          />
          {plan.fromDay && <span class="field-hint">{formatDay(plan.fromDay, lang)}</span>}
        </label>
        <fieldset class="field ro-weekdays">
          <legend class="field-label">{tv(lang, 'ro.weekdays')}</legend>
          <span class="ro-chips">
            {WEEK.map((w) => {
              const on = plan.weekdays.includes(w);
              return (
                <button
                  key={w}
                  type="button"
                  class={`ro-chip${on ? ' is-on' : ''}`}
                  data-testid={`ro-weekday-${w}`}
                  aria-pressed={on}
                  disabled={!open.has(w)}
                  title={open.has(w) ? undefined : tv(lang, 'ro.closedWeekday')}
                  onClick={() => change({ weekdays: on ? plan.weekdays.filter((x) => x !== w) : [...plan.weekdays, w].sort() })}
                >
                  {weekdayName(lang, w, 'short')}
                </button>
              );
            })}
          </span>
        </fieldset>
        <div class="ro-hours">
          <TimeSelect
            label={tv(lang, 'ro.start')}
            testId="ro-start"
            value={plan.startTime}
            choices={timeChoices(hours)}
            onChange={(t) => change({ startTime: t })}
          />
          <TimeSelect label={tv(lang, 'ro.end')} testId="ro-end" value={plan.endTime} choices={timeChoices(hours)} onChange={(t) => change({ endTime: t })} />
          {chosenHours.startTime && (
            <span class="field-hint ro-hours-hint">{tv(lang, 'ro.hoursHint', { hours: timeRange(lang, chosenHours.startTime, chosenHours.endTime) })}</span>
          )}
        </div>
      </div>
      <div class="field">
        <span class="field-label">{tv(lang, 'ro.counters')}</span>
        <CounterPicker hall={hall} plan={plan} onChange={(counters) => change({ counters })} />
        <span class="field-hint">{tv(lang, 'ro.countersHint')}</span>
      </div>
      <FormError error={error} testId="ro-error" />
      <div class="ro-buttons">
        <button type="button" class="btn btn-primary" data-testid="ro-preview" disabled={!ready || busy !== null} onClick={() => void run('preview')}>
          {busy === 'preview' && <Spinner />}
          {tv(lang, 'ro.preview')}
        </button>
        <button type="button" class="btn btn-ghost" data-testid="ro-whatif" disabled={!ready || whatIf.running} onClick={() => void whatIf.run(plan)}>
          {whatIf.running && <Spinner />}
          {tv(lang, 'ro.whatIf')}
        </button>
        <button type="button" class="btn btn-ghost" data-testid="ro-draft" disabled={!ready || busy !== null} onClick={() => void run('draft')}>
          {busy === 'draft' && <Spinner />}
          {tv(lang, 'ro.draft')}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          data-testid="ro-confirm"
          disabled={!ready || !fresh || busy !== null}
          onClick={() => setConfirming(true)}
        >
          {tv(lang, 'ro.confirm')}
        </button>
        {ready && !fresh && <span class="field-hint">{tv(lang, preview ? 'ro.previewStale' : 'ro.previewNeeded')}</span>}
      </div>
      <WhatIfPanel state={whatIf} planKey={key} />
      {preview && <PreviewResult preview={preview.reply} services={hall.services} stale={!fresh} />}
      {confirming && preview && (
        <PlanDialog
          plan={plan}
          unfit={preview.reply.days.reduce((n, d) => n + d.unfit.length, 0)}
          onClose={() => setConfirming(false)}
          run={async () => {
            const { plan: stored } = await call('rollout.create', { ...plan, draft: false });
            setConfirming(false);
            setPreview(null);
            await onStored(confirmedWords(stored), stored.id);
          }}
        />
      )}
    </section>
  );
}

// --- the preview

const periodsText = (lang: Lang, periods: PreviewDay['periods']['before']) =>
  periods.length === 0
    ? tv(lang, 'ro.noAppointments')
    : commas(
        lang,
        periods.map((p) => `${timeRange(lang, p.startTime, p.endTime)} · ${tv(lang, 'ro.periodCounters', { n: p.counters })}`),
      );

function PreviewResult({ preview, services, stale }: { preview: Preview; services: Services; stale: boolean }) {
  const lang = useLang();
  const columns = preview.days[0]?.services.map((s) => s.serviceId) ?? [];
  // Each service's bars are drawn against its busiest day, so the days compare at a glance.
  const most = new Map(
    columns.map((id) => [
      id,
      Math.max(1, ...preview.days.flatMap((d) => d.services.filter((s) => s.serviceId === id).map((s) => Math.max(s.seats.before, s.seats.after)))),
    ]),
  );
  const unfit = preview.days.flatMap((d) => d.unfit);
  const bookings = preview.days.reduce((n, d) => n + d.bookings, 0);
  const last = preview.days.at(-1)?.day ?? preview.fromDay;
  return (
    <div class={`ro-preview${stale ? ' is-stale' : ''}`} data-testid="ro-preview-result" data-stale={stale ? 'true' : 'false'}>
      <div class="ro-preview-head">
        <h3 class="ro-h3">{tv(lang, 'ro.previewTitle')}</h3>
        <p class="ro-muted">{tv(lang, 'ro.previewRange', { from: formatDay(preview.fromDay, lang), to: formatDay(last, lang) })}</p>
        <span class="ro-legend" aria-hidden="true">
          <span class="ro-key ro-key-before" />
          {tv(lang, 'ro.legendBefore')}
          <span class="ro-key ro-key-after" />
          {tv(lang, 'ro.legendAfter')}
        </span>
      </div>
      <p class="ro-muted">{tv(lang, 'ro.bookingsTotal', { n: bookings })}</p>
      {unfit.length > 0 ? (
        <div class="ro-unfit" data-testid="ro-unfit">
          <h4 class="ro-h4">
            <AlertIcon size="1.2em" />
            {tv(lang, 'ro.unfitTitle')}
          </h4>
          <p>{tv(lang, 'ro.unfitHint')}</p>
          <UnfitTable unfit={unfit} services={services} />
        </div>
      ) : (
        <p class="ro-fits" data-testid="ro-all-fit">
          <CheckCircleIcon size="1.2em" />
          {tv(lang, 'ro.unfitNone')}
        </p>
      )}
      <div class="ro-scroll">
        <table class="sv-table ro-table" data-testid="ro-preview-table">
          <thead>
            <tr>
              <th scope="col">{tv(lang, 'ro.colDay')}</th>
              {columns.map((id) => (
                <th key={id} scope="col">
                  {serviceName(lang, services, id)}
                </th>
              ))}
              <th scope="col">{tv(lang, 'ro.colNoSeat')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.days.map((d) => (
              <PreviewRow key={d.day} day={d} columns={columns} most={most} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function PreviewRow({ day, columns, most }: { day: PreviewDay; columns: string[]; most: Map<string, number> }) {
  const lang = useLang();
  const before = periodsText(lang, day.periods.before);
  const after = periodsText(lang, day.periods.after);
  const quiet = day.services.every((s) => s.seats.before === 0 && s.seats.after === 0);
  return (
    <tr data-testid={`ro-day-${day.day}`} data-unfit={day.unfit.length} class={quiet ? 'ro-quiet' : undefined}>
      <th scope="row" class="ro-daycell">
        <span class="ro-dayname">{formatDay(day.day, lang)}</span>
        {!day.closed && !quiet && (
          <span class="ro-periods">
            {before === after ? (
              after
            ) : (
              <>
                <span>{before}</span>
                <ArrowForwardIcon size="0.9em" flipRtl />
                <strong>{after}</strong>
              </>
            )}
          </span>
        )}
      </th>
      {day.closed || quiet ? (
        <td colSpan={columns.length + 1} class="ro-muted">
          {day.closed ? tv(lang, 'ro.closedDay', { name: lang === 'ar' ? day.closed.nameAr : day.closed.nameEn }) : tv(lang, 'ro.quietDay')}
        </td>
      ) : (
        <>
          {columns.map((id) => {
            const s = day.services.find((x) => x.serviceId === id);
            return s ? <SeatsCell key={id} day={day.day} service={s} most={most.get(id) ?? 1} /> : <td key={id} />;
          })}
          <td class={day.unfit.length > 0 ? 'ro-nofit' : 'ro-muted'} data-testid={`ro-nofit-${day.day}`}>
            {digits(day.unfit.length, lang)}
          </td>
        </>
      )}
    </tr>
  );
}

function SeatsCell({ day, service, most }: { day: string; service: PreviewDay['services'][number]; most: number }) {
  const lang = useLang();
  const { before, after } = service.seats;
  const trend = after > before ? ' is-up' : after < before ? ' is-down' : '';
  const width = (n: number) => `${Math.round((n / most) * 100)}%`;
  return (
    <td class={`ro-seats${trend}`} data-testid={`ro-seats-${day}-${service.serviceId}`} data-before={before} data-after={after} data-booked={service.bookings}>
      <span class="ro-seat-figures">
        <span>{digits(before, lang)}</span>
        <ArrowForwardIcon size="0.85em" flipRtl />
        <strong>{digits(after, lang)}</strong>
      </span>
      <span class="ro-bars" aria-hidden="true">
        <span class="ro-bar ro-bar-before" style={{ inlineSize: width(before) }} />
        <span class="ro-bar ro-bar-after" style={{ inlineSize: width(after) }} />
      </span>
      <span class="ro-booked">{tv(lang, 'ro.booked', { n: service.bookings })}</span>
    </td>
  );
}

// --- dialogs

/** A dialog that asks before an action: its words, the hub's refusal, "back" and the action. */
function AskDialog({
  testId,
  title,
  submitLabel,
  backLabel,
  danger = false,
  run,
  onClose,
  children,
}: {
  testId: string;
  title: string;
  submitLabel: string;
  backLabel: string;
  danger?: boolean;
  run(): Promise<void>;
  onClose(): void;
  children: ComponentChildren;
}) {
  return (
    <FormDialog
      testId={testId}
      title={title}
      icon={<RolloutIcon size="1.3em" />}
      submitLabel={submitLabel}
      cancelLabel={backLabel}
      danger={danger}
      run={run}
      onClose={onClose}
    >
      {children}
    </FormDialog>
  );
}

function PlanDialog({ plan, unfit, run, onClose }: { plan: PlanFields; unfit?: number; run(): Promise<void>; onClose(): void }) {
  const lang = useLang();
  const day = formatDay(plan.fromDay, lang);
  return (
    <AskDialog
      testId="ro-confirm-dialog"
      title={tv(lang, 'ro.confirmTitle', { day })}
      submitLabel={tv(lang, 'ro.confirmSubmit')}
      backLabel={tk(lang, 'common.cancel')}
      run={run}
      onClose={onClose}
    >
      <p>
        {tv(lang, 'ro.confirmBody', {
          day,
          hours: timeRange(lang, plan.startTime, plan.endTime),
          weekdays: listOf(
            lang,
            plan.weekdays.map((w) => weekdayName(lang, w)),
          ),
        })}
      </p>
      <ul class="ro-dialog-counters" data-testid="ro-confirm-counters">
        {planCounters(lang, plan).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p class="dialog-note">
        <InfoIcon size="1.2em" />
        {tv(lang, 'ro.confirmEffect', { day })}
      </p>
      {unfit !== undefined && unfit > 0 && <p class="dialog-note dialog-warn">{tv(lang, 'ro.confirmUnfit', { n: unfit })}</p>}
    </AskDialog>
  );
}

function CancelDialog({ plan, run, onClose }: { plan: Plan; run(): Promise<void>; onClose(): void }) {
  const lang = useLang();
  const day = formatDay(plan.fromDay, lang);
  return (
    <AskDialog
      testId="ro-cancel-dialog"
      title={tv(lang, 'ro.cancelTitle', { id: plan.id, day })}
      submitLabel={tv(lang, 'ro.cancelSubmit')}
      backLabel={tv(lang, 'ro.keep')}
      danger
      run={run}
      onClose={onClose}
    >
      <ul class="ro-dialog-counters">
        {planCounters(lang, plan).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p class="dialog-note dialog-warn">{plan.status === 'scheduled' ? tv(lang, 'ro.cancelScheduled', { day }) : tv(lang, 'ro.cancelDraft')}</p>
    </AskDialog>
  );
}

// --- the plans

const actorOf = (lang: Lang, name: string | null, actor: string) => (name ? splitDisplayName(name)[lang] : actor);

function History({ plan, timeZone }: { plan: Plan; timeZone: string }) {
  const lang = useLang();
  const at = (ms: number) => stampOf(lang, ms, timeZone);
  const steps = [
    tv(lang, 'ro.step.created', { name: actorOf(lang, plan.created.name, plan.created.actor), at: at(plan.created.at) }),
    plan.confirmed && tv(lang, 'ro.step.confirmed', { name: actorOf(lang, plan.confirmed.name, plan.confirmed.actor), at: at(plan.confirmed.at) }),
    plan.applied && tv(lang, 'ro.step.applied', { at: at(plan.applied.at) }),
    plan.cancelled && tv(lang, 'ro.step.cancelled', { name: actorOf(lang, plan.cancelled.name, plan.cancelled.actor), at: at(plan.cancelled.at) }),
  ];
  return <ul class="ro-history">{steps.flatMap((s) => (s ? [<li key={s}>{s}</li>] : []))}</ul>;
}

const cancellable = (s: RolloutStatus) => s === 'draft' || s === 'scheduled';

function PlansTable({ plans, timeZone, onAsk, onUnseated }: { plans: Plan[]; timeZone: string; onAsk(d: Dialog): void; onUnseated(p: Plan): void }) {
  const lang = useLang();
  if (plans.length === 0) return <p class="ro-muted">{tv(lang, 'ro.plansNone')}</p>;
  return (
    <table class="sv-table ro-plans" data-testid="ro-plans">
      <thead>
        <tr>
          <th scope="col">{tv(lang, 'ro.colPlan')}</th>
          <th scope="col">{tv(lang, 'ro.colCounters')}</th>
          <th scope="col">{tv(lang, 'ro.colWhen')}</th>
          <th scope="col">{tv(lang, 'ro.colStatus')}</th>
          <th scope="col">{tv(lang, 'ro.colHistory')}</th>
          <th scope="col">{tv(lang, 'ro.colActions')}</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((p) => (
          <tr
            key={p.id}
            data-testid={`ro-plan-${p.id}`}
            data-status={p.status}
            data-day={p.fromDay}
            class={p.status === 'cancelled' ? 'ro-row-off' : undefined}
          >
            <td>
              <span class="ro-plan-id">{tv(lang, 'ro.planId', { id: p.id })}</span>
              <span class="ro-plan-day">{tv(lang, 'ro.planFrom', { day: formatDay(p.fromDay, lang) })}</span>
            </td>
            <td>
              <ul class="ro-plan-counters">
                {p.counters.map((c) => (
                  <li key={c.counter} class={`ro-mode ro-mode-${c.mode}`}>
                    {tv(lang, 'ro.counterName', { n: c.counter })} · {modeName(lang, c.mode)}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <span class="ltr-num">{timeRange(lang, p.startTime, p.endTime)}</span>
              <span class="ro-plan-weekdays">
                {commas(
                  lang,
                  p.weekdays.map((w) => weekdayName(lang, w, 'short')),
                )}
              </span>
            </td>
            <td>
              <span class={`ro-status ro-status-${p.status}`}>{tv(lang, `ro.status.${p.status}`)}</span>
            </td>
            <td>
              <History plan={p} timeZone={timeZone} />
            </td>
            <td>
              <span class="sv-actions">
                {p.status === 'draft' && (
                  <button type="button" class="btn btn-ghost btn-small" data-testid={`ro-confirm-${p.id}`} onClick={() => onAsk({ kind: 'confirm', plan: p })}>
                    {tv(lang, 'ro.confirmDraft')}
                  </button>
                )}
                {cancellable(p.status) && (
                  <button
                    type="button"
                    class="btn btn-ghost btn-small sv-danger"
                    data-testid={`ro-cancel-${p.id}`}
                    onClick={() => onAsk({ kind: 'cancel', plan: p })}
                  >
                    {tv(lang, 'ro.cancelPlan')}
                  </button>
                )}
                {p.confirmed && (
                  <button type="button" class="btn btn-ghost btn-small" data-testid={`ro-unseated-${p.id}`} onClick={() => onUnseated(p)}>
                    {tv(lang, 'ro.showUnseated')}
                  </button>
                )}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// --- the section

type Dialog = { kind: 'confirm' | 'cancel'; plan: Plan };
/** What the last action did: its words, and for a confirmed plan (confirmed, cancelled or asked about) the bookings it left without a seat. */
type Outcome = { words: Words; unseated: { planId: number; unfit: Unfit[] } | null; seq: number };

export function RolloutPage() {
  const lang = useLang();
  const hall = useHallState();
  const [hours, setHours] = useState<OpeningDay[] | null>(null);
  const [plans, setPlans] = useState<Plan[] | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The outcome shows at the top of the section, while the action may have been far down the list.
  const outcomeBox = useRef<HTMLDivElement>(null);
  // Each outcome counts: a new list of the same plan (confirmed, then cancelled) starts its moves afresh.
  const outcomes = useRef(0);
  useEffect(() => outcomeBox.current?.scrollIntoView({ block: 'nearest' }), [outcome]);

  const reload = useCallback(async () => {
    try {
      const [h, p] = await Promise.all([call('hours.get', {}), call('rollout.list', {})]);
      setHours(h.days);
      setPlans(p.plans);
      setError(null);
    } catch (e) {
      setError(toFailure(e));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  /** Shows an action's words and, for a plan that was confirmed, the bookings without a seat the hub lists now. */
  const finish = async (words: Words, confirmedPlan?: number) => {
    const [, unseated] = await Promise.all([
      reload(),
      confirmedPlan === undefined ? null : call('rollout.unfit', { id: confirmedPlan }).then(({ unfit }) => ({ planId: confirmedPlan, unfit })),
    ]);
    setDialog(null);
    setOutcome({ words, unseated, seq: ++outcomes.current });
  };
  const showUnseated = async (plan: Plan) => {
    try {
      await finish((l) => tv(l, 'ro.unseatedOf', { id: plan.id, day: formatDay(plan.fromDay, l) }), plan.id);
    } catch (e) {
      setError(toFailure(e));
    }
  };

  return (
    <section class="sv-page ro-page" data-testid="rollout-page" aria-labelledby="ro-title">
      <div class="sv-page-head">
        <div>
          <h1 class="sv-page-title" id="ro-title">
            {tv(lang, 'nav.rollout')}
          </h1>
          <p class="sv-page-intro">{tv(lang, 'ro.intro')}</p>
        </div>
      </div>
      {outcome && (
        <div
          class={`notice ${outcome.unseated?.unfit.length ? 'notice-warn' : 'notice-ok'} sv-done ro-outcome`}
          role="status"
          data-testid="ro-done"
          ref={outcomeBox}
        >
          <CheckCircleIcon size="1.3em" />
          <div>
            <p>{outcome.words(lang)}</p>
            {outcome.unseated && (
              <UnseatedBookings key={outcome.seq} planId={outcome.unseated.planId} unfit={outcome.unseated.unfit} services={hall?.services ?? {}} />
            )}
          </div>
        </div>
      )}
      <FormError error={error} testId="ro-load-error" />
      {hall && hours ? (
        <Planner hall={hall} hours={hours} onStored={finish} />
      ) : (
        !error && (
          <p class="sv-loading">
            <Spinner />
            {tv(lang, 'common.loading')}
          </p>
        )
      )}
      <section class="card ro-card" aria-labelledby="ro-plans-title">
        <div class="ro-card-head">
          <h2 class="ro-card-title" id="ro-plans-title">
            {tv(lang, 'ro.plansTitle')}
          </h2>
          <button type="button" class="btn btn-ghost btn-small" data-testid="ro-refresh" onClick={() => void reload()}>
            {tv(lang, 'common.refresh')}
          </button>
        </div>
        {plans && (
          <PlansTable plans={plans} timeZone={hall?.settings.timeZone ?? DEFAULT_TIME_ZONE} onAsk={setDialog} onUnseated={(p) => void showUnseated(p)} />
        )}
      </section>
      {dialog?.kind === 'confirm' && (
        <PlanDialog
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          run={async () => {
            const { plan } = await call('rollout.confirm', { id: dialog.plan.id });
            await finish(confirmedWords(plan), plan.id);
          }}
        />
      )}
      {dialog?.kind === 'cancel' && (
        <CancelDialog
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          run={async () => {
            const { plan } = await call('rollout.cancel', { id: dialog.plan.id });
            await finish((l) => tv(l, plan.confirmed ? 'ro.cancelledUnseated' : 'ro.cancelled', { id: plan.id }), plan.confirmed ? plan.id : undefined);
          }}
        />
      )}
    </section>
  );
}
