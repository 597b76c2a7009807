// The rollout planner's what-if (rollout.whatif): "what would this plan do?" — a day like the hall's
// last four weeks, simulated on the hub's own engine with the counters as they are now and as the
// plan has them (the same citizens in both), side by side: the waits of walk-ins and appointment
// holders, the service level, the crowd and the counters' idle time, each difference marked better
// or worse, and the sentence a supervisor can read out.
import './rollout-whatif.css';
import { useState } from 'preact/hooks';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { WHATIF_TIMEOUT_MS } from '../protocol/reports.ts';
import { digits, formatDay, type Lang } from '../ui-kit/i18n.ts';
import { FormError } from '../ui-kit/password.tsx';
import { tv } from './i18n.ts';

type WhatIf = ReplyOf<'rollout.whatif'>;
type Kpis = WhatIf['current'];
type PlanFields = Omit<InputOf<'rollout.whatif'>, 'days'>;

/**
 * Open days simulated, the most the hub allows: near capacity one day's waits swing with its crowd,
 * and five days of the demo's history gave walk-ins a median of 12 min where its four weeks had 18
 * (ten days: 21; twenty: 19). Some seconds more buys numbers that agree with the Reports page.
 */
const WHATIF_DAYS = 10;

/** The what-if of the plan being drawn: the last answer and the plan it answers (as JSON), while one runs, a refusal. */
export interface WhatIfState {
  result: { of: string; reply: WhatIf } | null;
  running: boolean;
  error: ApiFailure | null;
  run(plan: PlanFields): Promise<void>;
}

export function useWhatIf(): WhatIfState {
  const [result, setResult] = useState<WhatIfState['result']>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = async (plan: PlanFields) => {
    setRunning(true);
    setError(null);
    try {
      setResult({ of: JSON.stringify(plan), reply: await call('rollout.whatif', { ...plan, days: WHATIF_DAYS }, { timeoutMs: WHATIF_TIMEOUT_MS + 5_000 }) });
    } catch (e) {
      setError(toFailure(e));
    } finally {
      setRunning(false);
    }
  };
  return { result, running, error, run };
}

// --- words and numbers

const percent = (lang: Lang, share: number) => `${digits(Math.round(share * 100), lang)}\u00a0%`;
/** "3 دقائق", "22 min" (grammatical in Arabic); a difference shows its unit after the signed number instead. */
const waitWords = (lang: Lang, min: number | null) => (min === null ? '–' : tv(lang, 'live.minutes', { n: Math.round(min) }));

/** How a figure reads, how its difference reads, and which way is better. */
interface Figure {
  key: string;
  label(lang: Lang, r: WhatIf): string;
  value(k: Kpis): number | null;
  show(lang: Lang, v: number): string;
  /** The difference (plan − now), rounded as shown; its unit. */
  step(d: number): number;
  unit(lang: Lang): string;
  better: 'lower' | 'higher';
}

const minutesFigure = (key: string, label: Figure['label'], value: Figure['value']): Figure => ({
  key,
  label,
  value,
  show: waitWords,
  step: Math.round,
  unit: (lang) => tv(lang, 'unit.minutes'),
  better: 'lower',
});

const GROUPS: { title: (lang: Lang) => string; figures: Figure[] }[] = [
  {
    title: (lang) => tv(lang, 'ro.wi.walkins'),
    figures: [
      minutesFigure(
        'walkin-median',
        (lang) => tv(lang, 'ro.wi.median'),
        (k) => k.medianWait.walkin,
      ),
      minutesFigure(
        'walkin-p90',
        (lang) => tv(lang, 'ro.wi.p90'),
        (k) => k.p90Wait.walkin,
      ),
    ],
  },
  {
    title: (lang) => tv(lang, 'ro.wi.appointments'),
    figures: [
      minutesFigure(
        'appointment-median',
        (lang) => tv(lang, 'ro.wi.median'),
        (k) => k.medianWait.appointment,
      ),
      minutesFigure(
        'appointment-p90',
        (lang) => tv(lang, 'ro.wi.p90'),
        (k) => k.p90Wait.appointment,
      ),
    ],
  },
  {
    title: (lang) => tv(lang, 'ro.wi.hall'),
    figures: [
      {
        key: 'service-level',
        label: (lang, r) => tv(lang, 'ro.wi.level', { n: r.current.targetMinutes }),
        value: (k) => k.serviceLevel,
        show: percent,
        step: (d) => Math.round(d * 100),
        unit: (lang) => tv(lang, 'ro.wi.points'),
        better: 'higher',
      },
      {
        key: 'peak',
        label: (lang) => tv(lang, 'ro.wi.peak'),
        value: (k) => k.meanDailyPeak,
        show: (lang, v) => digits(Math.round(v), lang),
        step: Math.round,
        unit: () => '',
        better: 'lower',
      },
      {
        key: 'idle',
        label: (lang) => tv(lang, 'ro.wi.idle'),
        value: (k) => (k.idleMinPerDay === null ? null : k.idleMinPerDay / 60),
        show: (lang, v) => `${digits(v.toFixed(1), lang)} ${tv(lang, 'ro.wi.hours')}`,
        step: (d) => Math.round(d * 10) / 10,
        unit: (lang) => tv(lang, 'ro.wi.hours'),
        better: 'lower',
      },
    ],
  },
];

/** The difference cell: signed, in the figure's unit, and better / worse / the same. */
function Change({ figure, now, plan }: { figure: Figure; now: number | null; plan: number | null }) {
  const lang = useLang();
  if (now === null || plan === null) return <td class="ro-wi-change">–</td>;
  const d = figure.step(plan - now);
  const tone = d === 0 ? 'same' : d < 0 === (figure.better === 'lower') ? 'better' : 'worse';
  const signed = d === 0 ? '0' : `${d > 0 ? '+' : '\u2212'}${digits(Math.abs(d), lang)}`;
  return (
    <td class={`ro-wi-change is-${tone}`} data-testid={`ro-wi-change-${figure.key}`} data-tone={tone}>
      <span>
        {/* Left-to-right inside Arabic too: a leading sign would otherwise flip to the number's end. */}
        <bdi dir="ltr">{signed}</bdi> {figure.unit(lang)}
      </span>
      {tone !== 'same' && <span class="ro-wi-tone">{tv(lang, `ro.wi.${tone}`)}</span>}
    </td>
  );
}

/** "With this plan, on a day like the last four weeks, walk-ins would wait 27 min (now 18 min) …" */
function sentence(lang: Lang, r: WhatIf): string {
  const { current: now, plan } = r;
  const level = (k: Kpis) => (k.serviceLevel === null ? '–' : percent(lang, k.serviceLevel));
  return tv(lang, 'ro.wi.sentence', {
    day: tv(lang, r.basis.source === 'history' ? 'ro.wi.dayHistory' : 'ro.wi.dayDefault'),
    walkin: waitWords(lang, plan.medianWait.walkin),
    walkinNow: waitWords(lang, now.medianWait.walkin),
    appointment: waitWords(lang, plan.medianWait.appointment),
    appointmentNow: waitWords(lang, now.medianWait.appointment),
    level: level(plan),
    levelNow: level(now),
    target: now.targetMinutes,
  });
}

function basisWords(lang: Lang, r: WhatIf): string {
  const demand = { citizens: Math.round(r.citizensPerDay), booked: percent(lang, r.bookedShare) };
  return r.basis.source === 'history'
    ? tv(lang, 'ro.wi.basisHistory', { from: formatDay(r.basis.from, lang), to: formatDay(r.basis.to, lang), n: r.basis.openDays, ...demand })
    : tv(lang, 'ro.wi.basisDefault', demand);
}

/** The what-if's answer under the planner's buttons: while it runs, a spinner; then both columns. */
export function WhatIfPanel({ state, planKey }: { state: WhatIfState; planKey: string }) {
  const lang = useLang();
  const { result, running, error } = state;
  if (!result && !running && !error) return null;
  const stale = result !== null && result.of !== planKey;
  return (
    <section class={`ro-whatif${stale ? ' is-stale' : ''}`} data-testid="ro-whatif-result" data-stale={stale ? 'true' : 'false'} aria-busy={running}>
      <h3 class="ro-h3">{tv(lang, 'ro.wi.title')}</h3>
      {running && (
        <p class="ro-muted ro-wi-running" data-testid="ro-whatif-running">
          <Spinner />
          {tv(lang, 'ro.wi.running')}
        </p>
      )}
      <FormError error={error} testId="ro-whatif-error" />
      {result && <WhatIfResult reply={result.reply} stale={stale} />}
    </section>
  );
}

function WhatIfResult({ reply, stale }: { reply: WhatIf; stale: boolean }) {
  const lang = useLang();
  return (
    <>
      {stale && <p class="field-hint">{tv(lang, 'ro.wi.stale')}</p>}
      <p class="ro-wi-sentence" data-testid="ro-whatif-sentence">
        {sentence(lang, reply)}
      </p>
      <p class="ro-muted" data-testid="ro-whatif-basis" data-source={reply.basis.source}>
        {basisWords(lang, reply)}
      </p>
      <table class="sv-table ro-wi-table" data-testid="ro-whatif-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" data-testid="ro-wi-col-now">
              {tv(lang, 'ro.wi.now')}
            </th>
            <th scope="col" data-testid="ro-wi-col-plan">
              {tv(lang, 'ro.wi.plan')}
            </th>
            <th scope="col">{tv(lang, 'ro.wi.change')}</th>
          </tr>
        </thead>
        <tbody>
          {GROUPS.flatMap((g) => [
            <tr key={`group-${g.figures[0]!.key}`} class="ro-wi-group">
              <th scope="rowgroup" colSpan={4}>
                {g.title(lang)}
              </th>
            </tr>,
            ...g.figures.map((f) => {
              const [now, plan] = [f.value(reply.current), f.value(reply.plan)];
              return (
                <tr key={f.key} data-testid={`ro-wi-${f.key}`}>
                  <th scope="row">{f.label(lang, reply)}</th>
                  <td class="ro-wi-now">{now === null ? '–' : f.show(lang, now)}</td>
                  <td class="ro-wi-plan">{plan === null ? '–' : f.show(lang, plan)}</td>
                  <Change figure={f} now={now} plan={plan} />
                </tr>
              );
            }),
          ])}
        </tbody>
      </table>
      <p class="ro-muted">{tv(lang, 'ro.wi.note', { n: reply.simulatedDays, seconds: digits((reply.tookMs / 1000).toFixed(1), lang) })}</p>
    </>
  );
}
