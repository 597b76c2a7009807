// The Reports section's blocks, each a chart (reports-chart.tsx) with its table under it and the
// CSV links of that table: the headline KPIs, the daily trend, the crowding curve, the weekday × hour
// heatmap, waits and service times per kind, appointments, counters and staff, the pilot question and
// the kiosk estimate's accuracy. Every figure comes from the hub's report as it is.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Settings } from '../protocol/domain.ts';
import type { ReportTable } from '../protocol/reports.ts';
import { splitDisplayName } from '../protocol/users.ts';
import { useLang } from '../ui-kit/components.tsx';
import { digits, formatDay, formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { tv } from './i18n.ts';
import { Chart, type ChartAxis, type ChartSeries } from './reports-chart.tsx';
import { axisDay, clockOf, fixed, hoursOf, minutesText, NONE, percent, type Report, serviceName, signed } from './reports-format.ts';
import { csvHref, type ReportParams } from './reports-query.ts';
import { weekdayName } from './settings-hours.tsx';

/** Chart colours (a canvas does not read the CSS tokens): the hall's teal and gold, and calm companions. */
const C = {
  teal: '#0a4d68',
  tealSoft: '#8fbfd2',
  gold: '#b8892d',
  green: '#1b6b3a',
  red: '#9b1c23',
  grey: '#8795a5',
  amber: '#e9c46a',
  navy: '#1e3a5f',
};
const KIND_COLOUR = { appointment: C.teal, walkin: C.gold } as const;

export interface BlockProps {
  report: Report;
  params: ReportParams;
  /** The hall's outcome codes with their names (the counters table names the outcomes by them). */
  outcomes: Settings['outcomeCodes'];
}

type Lower = 'better' | 'worse' | null;

function Block({
  id,
  title,
  note,
  tables,
  params,
  wide = true,
  children,
}: {
  id: string;
  title: string;
  note?: ComponentChildren;
  tables: { table: ReportTable; label?: string }[];
  params: ReportParams;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const lang = useLang();
  return (
    <section class={`card rp-block${wide ? ' rp-wide' : ''}`} data-testid={`rp-${id}`} aria-labelledby={`rp-${id}-title`}>
      <header class="rp-block-head">
        <h2 id={`rp-${id}-title`}>{title}</h2>
        <span class="rp-csv">
          {tables.map((t) => (
            <a key={t.table} class="btn btn-ghost btn-small" href={csvHref(params, t.table, lang)} download data-testid={`rp-csv-${t.table}`}>
              {t.label ? tv(lang, 'rp.csvOf', { table: t.label }) : tv(lang, 'rp.csv')}
            </a>
          ))}
        </span>
      </header>
      {note && <p class="rp-note">{note}</p>}
      {children}
    </section>
  );
}

/** A table under a chart: headings, then rows of cells (already in words). */
function Table({
  testId,
  head,
  rows,
  scroll = false,
}: {
  testId: string;
  head: string[];
  rows: { key: string; cells: ComponentChildren[] }[];
  scroll?: boolean;
}) {
  return (
    <div class={`rp-table-box${scroll ? ' rp-scroll' : ''}`}>
      <table class="sv-table rp-table" data-testid={testId}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              {r.cells.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const minutesAxis = (lang: Lang, side: ChartAxis['side'] = 'start'): ChartAxis => ({
  scale: 'min',
  label: tv(lang, 'rp.axisMinutes'),
  side,
  format: (v) => formatNumber(v, lang),
});
const countAxis = (lang: Lang, label: string, side: ChartAxis['side'] = 'start'): ChartAxis => ({
  scale: 'n',
  label,
  side,
  format: (v) => formatNumber(v, lang),
});
const percentAxis = (lang: Lang, side: ChartAxis['side'] = 'end'): ChartAxis => ({
  scale: 'pct',
  label: tv(lang, 'rp.axisPercent'),
  side,
  range: [0, 100],
  format: (v) => formatNumber(v, lang),
});
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

// ---------- 1. the headline KPIs

function Kpi({ testId, label, value, sub, verdict }: { testId: string; label: string; value: string; sub?: string; verdict?: 'good' | 'bad' }) {
  return (
    <div class={`rp-kpi${verdict ? ` rp-${verdict}` : ''}`} data-testid={testId}>
      <span class="rp-kpi-label">{label}</span>
      <span class="rp-kpi-value">{value}</span>
      {sub && <span class="rp-kpi-sub">{sub}</span>}
    </div>
  );
}

export function HeadlineBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const sl = report.serviceLevel;
  const tickets = report.daily.reduce((n, d) => n + d.tickets, 0);
  const acc = report.estimateAccuracy.all;
  const chart = useMemo(() => {
    const rows = sl.perService;
    return {
      categories: rows.map((r) => serviceName(report, r.serviceId, lang)),
      series: [
        { label: tv(lang, 'rp.withinTarget'), colour: C.teal, kind: 'bars', scale: 'pct', values: rows.map((r) => pct(r.within)) },
        { label: tv(lang, 'rp.targetShare', { p: sl.targetPercent }), colour: C.red, kind: 'line', scale: 'pct', values: rows.map(() => sl.targetPercent) },
      ] satisfies ChartSeries[],
      axes: [percentAxis(lang, 'start')],
    };
  }, [report, lang, sl]);
  return (
    <Block id="kpis" title={tv(lang, 'rp.kpisTitle')} tables={[{ table: 'service-level' }]} params={params}>
      <div class="rp-kpis">
        <Kpi
          testId="rp-kpi-service-level"
          label={tv(lang, 'rp.serviceLevel')}
          value={percent(sl.within, lang)}
          sub={tv(lang, 'rp.serviceLevelTarget', { p: sl.targetPercent, m: sl.targetMinutes })}
          verdict={sl.within === null ? undefined : sl.within * 100 >= sl.targetPercent ? 'good' : 'bad'}
        />
        {(['appointment', 'walkin'] as const).map((k) => (
          <Kpi
            key={k}
            testId={`rp-kpi-wait-${k}`}
            label={tv(lang, `rp.medianWait.${k}`)}
            value={minutesText(report.wait[k].median, lang)}
            sub={report.wait[k].p90 === null ? undefined : tv(lang, 'rp.p90Is', { v: minutesText(report.wait[k].p90, lang) })}
          />
        ))}
        <Kpi testId="rp-kpi-no-show" label={tv(lang, 'rp.noShowRate')} value={percent(report.noShowRate, lang)} />
        <Kpi
          testId="rp-kpi-peak"
          label={tv(lang, 'rp.peakWaiting')}
          value={report.peakWaiting ? formatNumber(report.peakWaiting.count, lang) : NONE}
          sub={report.peakWaiting ? `${formatDay(report.peakWaiting.day, lang)} ${clockOf(hoursOf(report.peakWaiting.time), lang)}` : undefined}
        />
        <Kpi
          testId="rp-kpi-estimate"
          label={tv(lang, 'rp.estimateError')}
          value={minutesText(acc.meanAbsError, lang)}
          sub={acc.within5 === null ? undefined : tv(lang, 'rp.within5Is', { v: percent(acc.within5, lang) })}
        />
        <Kpi
          testId="rp-kpi-tickets"
          label={tv(lang, 'rp.tickets')}
          value={formatNumber(tickets, lang)}
          sub={tv(lang, 'rp.perDay', { v: fixed(report.days ? tickets / report.days : null, lang, 0), n: report.days })}
        />
        <Kpi testId="rp-kpi-over-hour" label={tv(lang, 'rp.overHour')} value={percent(sl.overHour, lang)} />
      </div>
      <Chart testId="rp-chart-service-level" caption={tv(lang, 'rp.kpisTitle')} x={chart.categories.map((_c, i) => i)} height={200} {...chart} />
      <Table
        testId="rp-table-service-level"
        head={[tv(lang, 'rp.service'), tv(lang, 'rp.target'), tv(lang, 'rp.called'), tv(lang, 'rp.withinTarget'), tv(lang, 'rp.overHour')]}
        rows={[
          ...sl.perService.map((r) => ({
            key: r.serviceId,
            cells: [
              serviceName(report, r.serviceId, lang),
              minutesText(r.targetMinutes, lang),
              formatNumber(r.called, lang),
              percent(r.within, lang),
              percent(r.overHour, lang),
            ],
          })),
          {
            key: 'all',
            cells: [
              tv(lang, 'rp.allServices'),
              minutesText(sl.targetMinutes, lang),
              formatNumber(sl.called, lang),
              percent(sl.within, lang),
              percent(sl.overHour, lang),
            ],
          },
        ]}
      />
    </Block>
  );
}

// ---------- 2. the daily trend

export function DailyBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const chart = useMemo(() => {
    const days = report.daily;
    return {
      x: days.map((_d, i) => i),
      xFormat: (v: number) => (Number.isInteger(v) && days[v] ? axisDay(days[v].day, lang) : ''),
      series: [
        { label: tv(lang, 'rp.tickets'), colour: C.tealSoft, kind: 'bars', scale: 'n', values: days.map((d) => d.tickets) },
        { label: tv(lang, 'rp.medianWaitAll'), colour: C.gold, kind: 'line', scale: 'min', values: days.map((d) => d.medianWait) },
        { label: tv(lang, 'rp.serviceLevel'), colour: C.teal, kind: 'line', scale: 'pct', values: days.map((d) => pct(d.serviceLevel)) },
      ] satisfies ChartSeries[],
      axes: [countAxis(lang, tv(lang, 'rp.axisTickets')), minutesAxis(lang, 'end'), percentAxis(lang)],
    };
  }, [report, lang]);
  return (
    <Block id="daily" title={tv(lang, 'rp.dailyTitle')} tables={[{ table: 'daily' }]} params={params}>
      <Chart testId="rp-chart-daily" caption={tv(lang, 'rp.dailyTitle')} xIncrs={[1, 2, 5, 7, 14, 28]} {...chart} />
      <Table
        testId="rp-table-daily"
        scroll
        head={[
          tv(lang, 'rp.day'),
          tv(lang, 'rp.tickets'),
          tv(lang, 'rp.served'),
          tv(lang, 'rp.medianWaitAll'),
          tv(lang, 'rp.p90'),
          tv(lang, 'rp.serviceLevel'),
          tv(lang, 'rp.peakWaiting'),
        ]}
        rows={report.daily.map((d) => ({
          key: d.day,
          cells: [
            formatDay(d.day, lang),
            formatNumber(d.tickets, lang),
            formatNumber(d.served, lang),
            minutesText(d.medianWait, lang),
            minutesText(d.p90Wait, lang),
            percent(d.serviceLevel, lang),
            formatNumber(d.peakWaiting, lang),
          ],
        }))}
      />
    </Block>
  );
}

// ---------- 3. the crowding curve

export function CrowdingBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const slots = report.crowding;
  const top = slots.reduce<(typeof slots)[number] | null>((best, s) => (best === null || s.waiting > best.waiting ? s : best), null);
  const chart = useMemo(
    () => ({
      x: slots.map((s) => hoursOf(s.time)),
      xFormat: (v: number) => clockOf(v, lang),
      series: [
        { label: tv(lang, 'rp.arrivals'), colour: C.tealSoft, kind: 'bars', scale: 'n', values: slots.map((s) => s.arrivals) },
        { label: tv(lang, 'rp.waiting'), colour: C.teal, kind: 'line', scale: 'n', values: slots.map((s) => s.waiting) },
        { label: tv(lang, 'rp.backlog'), colour: C.gold, kind: 'line', scale: 'n', values: slots.map((s) => s.backlog) },
        {
          label: tv(lang, 'rp.peakMark'),
          colour: C.red,
          kind: 'points',
          scale: 'n',
          values: slots.map((s) => (s === top && s.waiting > 0 ? s.waiting : null)),
        },
      ] satisfies ChartSeries[],
      axes: [countAxis(lang, tv(lang, 'rp.axisPeople'))],
    }),
    [slots, top, lang],
  );
  const busy = slots.filter((s) => s.arrivals > 0 || s.waiting > 0 || s.peak > 0);
  const worst = report.peakWaiting;
  return (
    <Block
      id="crowding"
      title={tv(lang, 'rp.crowdingTitle')}
      tables={[{ table: 'crowding' }]}
      params={params}
      note={
        top && top.waiting > 0 ? (
          <span data-testid="rp-crowding-peak">
            {tv(lang, 'rp.crowdingPeak', { n: fixed(top.waiting, lang), time: clockOf(hoursOf(top.time), lang) })}
            {worst && ` ${tv(lang, 'rp.crowdingWorst', { n: worst.count, day: formatDay(worst.day, lang), time: clockOf(hoursOf(worst.time), lang) })}`}
          </span>
        ) : undefined
      }
    >
      <Chart testId="rp-chart-crowding" caption={tv(lang, 'rp.crowdingTitle')} xIncrs={[0.25, 0.5, 1, 2, 3]} {...chart} />
      <Table
        testId="rp-table-crowding"
        scroll
        head={[tv(lang, 'rp.time'), tv(lang, 'rp.arrivals'), tv(lang, 'rp.waiting'), tv(lang, 'rp.worstDay'), tv(lang, 'rp.backlog')]}
        rows={busy.map((s) => ({
          key: s.time,
          cells: [clockOf(hoursOf(s.time), lang), fixed(s.arrivals, lang), fixed(s.waiting, lang), formatNumber(s.peak, lang), fixed(s.backlog, lang)],
        }))}
      />
    </Block>
  );
}

// ---------- 4. the weekday × hour heatmap

export function HeatmapBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const [measure, setMeasure] = useState<'arrivals' | 'waiting'>('arrivals');
  const cells = report.heatmap;
  const weekdays = [...new Set(cells.map((c) => c.weekday))].sort((a, b) => a - b);
  const hoursSeen = cells.map((c) => c.hour);
  const hours = hoursSeen.length ? Array.from({ length: Math.max(...hoursSeen) - Math.min(...hoursSeen) + 1 }, (_h, i) => Math.min(...hoursSeen) + i) : [];
  const top = Math.max(0, ...cells.map((c) => c[measure]));
  const at = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour);
  return (
    <Block id="heatmap" title={tv(lang, 'rp.heatmapTitle')} tables={[{ table: 'heatmap' }]} params={params} wide={false}>
      <fieldset class="rp-switch" aria-label={tv(lang, 'rp.heatmapMeasure')}>
        {(['arrivals', 'waiting'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={measure === m}
            class={`btn btn-small ${measure === m ? 'btn-primary' : 'btn-ghost'}`}
            data-testid={`rp-heatmap-${m}`}
            onClick={() => setMeasure(m)}
          >
            {tv(lang, m === 'arrivals' ? 'rp.arrivalsPerDay' : 'rp.waiting')}
          </button>
        ))}
      </fieldset>
      <div class="rp-heatmap" data-testid="rp-heatmap-grid" style={{ gridTemplateColumns: `auto repeat(${hours.length}, minmax(0, 1fr))` }}>
        <span />
        {hours.map((h) => (
          <span key={h} class="rp-heat-hour">
            {clockOf(h, lang)}
          </span>
        ))}
        {weekdays.map((w) => [
          <span key={`w${w}`} class="rp-heat-day">
            {weekdayName(lang, w)}
          </span>,
          ...hours.map((h) => {
            const v = at(w, h)?.[measure] ?? 0;
            const strength = top > 0 ? v / top : 0;
            return (
              <span
                key={`${w}-${h}`}
                class={`rp-heat-cell${strength > 0.55 ? ' rp-heat-dark' : ''}`}
                style={{ background: `color-mix(in srgb, ${C.teal} ${Math.round(strength * 100)}%, #ffffff)` }}
                title={`${weekdayName(lang, w)} ${clockOf(h, lang)}`}
                data-value={v}
              >
                {v > 0 ? fixed(v, lang, v < 10 ? 1 : 0) : ''}
              </span>
            );
          }),
        ])}
      </div>
    </Block>
  );
}

// ---------- 5. waiting and service times per kind

const STAT_KEYS = ['count', 'mean', 'median', 'p90', 'max'] as const;

/** Grouped bars: two series side by side over a few categories. */
function pairChart(lang: Lang, categories: string[], a: { label: string; colour: string; values: (number | null)[] }, b: typeof a) {
  return {
    x: categories.map((_c, i) => i),
    categories,
    series: [
      { ...a, kind: 'bars', scale: 'min', align: -1 },
      { ...b, kind: 'bars', scale: 'min', align: 1 },
    ] satisfies ChartSeries[],
    axes: [minutesAxis(lang)],
  };
}

export function WaitBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const chart = useMemo(() => {
    const pick = (k: 'appointment' | 'walkin') => [report.wait[k].median, report.wait[k].p90, report.serviceTime[k].median, report.serviceTime[k].p90];
    return pairChart(
      lang,
      [tv(lang, 'rp.medianWaitAll'), tv(lang, 'rp.p90Wait'), tv(lang, 'rp.medianService'), tv(lang, 'rp.p90Service')],
      { label: tv(lang, 'rp.kind.appointment'), colour: KIND_COLOUR.appointment, values: pick('appointment') },
      { label: tv(lang, 'rp.kind.walkin'), colour: KIND_COLOUR.walkin, values: pick('walkin') },
    );
  }, [report, lang]);
  const rows = (['wait', 'serviceTime'] as const).flatMap((what) =>
    (['appointment', 'walkin', 'all'] as const).map((k) => {
      const s = report[what][k];
      return {
        key: `${what}-${k}`,
        cells: [
          `${tv(lang, what === 'wait' ? 'rp.waitTime' : 'rp.serviceTime')} · ${tv(lang, `rp.kind.${k}`)}`,
          ...STAT_KEYS.map((stat) => (stat === 'count' ? formatNumber(s.count, lang) : minutesText(s[stat], lang))),
        ],
      };
    }),
  );
  return (
    <Block id="wait" title={tv(lang, 'rp.waitTitle')} tables={[{ table: 'wait' }]} params={params} wide={false}>
      <Chart testId="rp-chart-wait" caption={tv(lang, 'rp.waitTitle')} {...chart} />
      <Table testId="rp-table-wait" head={['', ...STAT_KEYS.map((k) => tv(lang, `rp.stat.${k}`))]} rows={rows} />
    </Block>
  );
}

// ---------- 6. appointments

export function AppointmentsBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const a = report.appointments;
  const outcomes = useMemo(() => {
    const parts = [
      ['kept', a.kept, C.green],
      ['lateConverted', a.lateConverted, C.amber],
      ['noShow', a.noShow, C.red],
      ['cancelled', a.cancelled, C.grey],
    ] as const;
    return {
      x: parts.map((_p, i) => i),
      categories: parts.map(([k]) => tv(lang, `rp.appt.${k}`)),
      series: [{ label: tv(lang, 'rp.appointmentsCount'), colour: C.teal, kind: 'bars', scale: 'n', values: parts.map(([, n]) => n) }] satisfies ChartSeries[],
      axes: [countAxis(lang, tv(lang, 'rp.axisAppointments'))],
    };
  }, [a, lang]);
  const lead = useMemo(
    () => ({
      x: a.leadDays.buckets.map((_b, i) => i),
      // Isolated left to right: in an Arabic canvas "31+" would turn into "+31".
      categories: a.leadDays.buckets.map((b) => `\u2066${digits(b.label, lang)}\u2069`),
      series: [
        { label: tv(lang, 'rp.bookedAhead'), colour: C.navy, kind: 'bars', scale: 'n', values: a.leadDays.buckets.map((b) => b.count) },
      ] satisfies ChartSeries[],
      axes: [countAxis(lang, tv(lang, 'rp.axisAppointments'))],
    }),
    [a, lang],
  );
  const stats = (label: string, s: Report['appointments']['lateness']) => ({
    key: label,
    cells: [label, formatNumber(s.count, lang), minutesText(s.mean, lang), minutesText(s.median, lang), minutesText(s.p90, lang), minutesText(s.max, lang)],
  });
  return (
    <Block id="appointments" title={tv(lang, 'rp.appointmentsTitle')} tables={[{ table: 'appointments' }]} params={params}>
      <div class="rp-pair">
        <Chart testId="rp-chart-appointments" caption={tv(lang, 'rp.appointmentsTitle')} height={200} {...outcomes} />
        <Chart testId="rp-chart-lead" caption={tv(lang, 'rp.bookedAhead')} height={200} {...lead} />
      </div>
      <div class="rp-pair">
        <Table
          testId="rp-table-appointments"
          head={[tv(lang, 'rp.appointmentsCount'), tv(lang, 'rp.number'), tv(lang, 'rp.share')]}
          rows={[
            { key: 'booked', cells: [tv(lang, 'rp.appt.booked'), formatNumber(a.booked, lang), ''] },
            { key: 'kept', cells: [tv(lang, 'rp.appt.kept'), formatNumber(a.kept, lang), percent(a.keptRate, lang)] },
            { key: 'lateConverted', cells: [tv(lang, 'rp.appt.lateConverted'), formatNumber(a.lateConverted, lang), ''] },
            { key: 'noShow', cells: [tv(lang, 'rp.appt.noShow'), formatNumber(a.noShow, lang), percent(a.noShowRate, lang)] },
            { key: 'cancelled', cells: [tv(lang, 'rp.appt.cancelled'), formatNumber(a.cancelled, lang), percent(a.cancelRate, lang)] },
            { key: 'lead', cells: [tv(lang, 'rp.leadMedian'), tv(lang, 'rp.days', { n: a.leadDays.median ?? 0 }), ''] },
          ]}
        />
        <Table
          testId="rp-table-lateness"
          head={['', ...STAT_KEYS.map((k) => tv(lang, `rp.stat.${k}`))]}
          rows={[stats(tv(lang, 'rp.lateness'), a.lateness), stats(tv(lang, 'rp.punctuality'), a.punctuality)]}
        />
      </div>
      <p class="rp-note">{tv(lang, 'rp.latenessNote')}</p>
    </Block>
  );
}

// ---------- 7. counters and staff

type CounterRow = Report['counters'][number];

/** A counter's or staff member's figures in words, one column per outcome code in `codes`. */
function rowCells(lang: Lang, codes: string[]) {
  const hours = (min: number) => tv(lang, 'rp.hours', { v: fixed(min / 60, lang) });
  return (r: Omit<CounterRow, 'counter'>) => [
    formatNumber(r.served, lang),
    minutesText(r.avgServiceMin, lang),
    hours(r.openMin),
    hours(r.servingMin),
    hours(r.idleMin),
    hours(r.pausedMin),
    formatNumber(r.recalls, lang),
    formatNumber(r.transfers, lang),
    formatNumber(r.noShows, lang),
    ...codes.map((c) => formatNumber(r.outcomes[c] ?? 0, lang)),
  ];
}

export function CountersBlock({ report, params, outcomes }: BlockProps) {
  const lang = useLang();
  // The outcomes met in the range, in the settings' order (a code since removed from the settings after them).
  const seen = new Set([...report.counters, ...report.staff].flatMap((r) => Object.keys(r.outcomes)));
  const codes = [...outcomes.map((o) => o.code).filter((c) => seen.has(c)), ...[...seen].filter((c) => !outcomes.some((o) => o.code === c))];
  const outcomeName = (code: string) => outcomes.find((o) => o.code === code)?.[lang] ?? code;
  const cells = rowCells(lang, codes);
  const chart = useMemo(() => {
    const rows = report.counters;
    // Stacked: each layer's bar reaches the sum of the layers under it, drawn tallest first.
    const serving = rows.map((r) => r.servingMin / 60);
    const idle = rows.map((r, i) => serving[i]! + r.idleMin / 60);
    const paused = rows.map((r, i) => idle[i]! + r.pausedMin / 60);
    return {
      x: rows.map((_r, i) => i),
      categories: rows.map((r) => tv(lang, 'live.counter', { n: r.counter })),
      series: [
        { label: tv(lang, 'rp.paused'), colour: C.grey, kind: 'bars', scale: 'h', values: paused },
        { label: tv(lang, 'rp.idle'), colour: C.amber, kind: 'bars', scale: 'h', values: idle },
        { label: tv(lang, 'rp.serving'), colour: C.teal, kind: 'bars', scale: 'h', values: serving },
      ] satisfies ChartSeries[],
      axes: [{ scale: 'h', label: tv(lang, 'rp.axisHours'), side: 'start', format: (v: number) => formatNumber(v, lang) } satisfies ChartAxis],
    };
  }, [report, lang]);
  const head = [
    tv(lang, 'rp.served'),
    tv(lang, 'rp.avgService'),
    tv(lang, 'rp.open'),
    tv(lang, 'rp.serving'),
    tv(lang, 'rp.idle'),
    tv(lang, 'rp.paused'),
    tv(lang, 'rp.recalls'),
    tv(lang, 'rp.transfers'),
    tv(lang, 'rp.noShows'),
    ...codes.map(outcomeName),
  ];
  return (
    <Block
      id="counters"
      title={tv(lang, 'rp.countersTitle')}
      tables={[
        { table: 'counters', label: tv(lang, 'rp.countersTable') },
        { table: 'staff', label: tv(lang, 'rp.staffTable') },
      ]}
      params={params}
    >
      <Chart testId="rp-chart-counters" caption={tv(lang, 'rp.countersTitle')} height={220} {...chart} />
      <Table
        testId="rp-table-counters"
        head={[tv(lang, 'rp.counter'), ...head]}
        rows={report.counters.map((r) => ({ key: String(r.counter), cells: [tv(lang, 'live.counter', { n: r.counter }), ...cells(r)] }))}
      />
      <Table
        testId="rp-table-staff"
        head={[tv(lang, 'rp.staffMember'), ...head]}
        rows={report.staff.map((r) => ({ key: String(r.userId), cells: [splitDisplayName(r.name)[lang], ...cells(r)] }))}
      />
    </Block>
  );
}

// ---------- 8. the pilot question

type Kpis = Report['pilot']['appointment'];
const PILOT_KPIS = [
  'tickets',
  'ticketsPerDay',
  'served',
  'medianWait',
  'p90Wait',
  'serviceLevel',
  'overHour',
  'medianServiceTime',
  'peakWaiting',
  'noShowRate',
  'estimateError',
] as const;
type PilotKpi = (typeof PILOT_KPIS)[number];
const MINUTE_KPIS: readonly PilotKpi[] = ['medianWait', 'p90Wait', 'medianServiceTime', 'estimateError'];
const SHARE_KPIS: readonly PilotKpi[] = ['serviceLevel', 'overHour', 'noShowRate'];
/** Which way is better: lower waits, higher service level; counts of people are neither. */
const LOWER_IS_BETTER: Partial<Record<PilotKpi, boolean>> = {
  medianWait: true,
  p90Wait: true,
  overHour: true,
  peakWaiting: true,
  noShowRate: true,
  estimateError: true,
  serviceLevel: false,
};

function kpiText(k: PilotKpi, v: number | null, lang: Lang): string {
  if (MINUTE_KPIS.includes(k)) return minutesText(v, lang);
  if (SHARE_KPIS.includes(k)) return percent(v, lang);
  return fixed(v, lang);
}

/** The second number minus the first, in the KPI's unit (shares in percentage points), and whether that is better. */
function Difference({ k, first, second }: { k: PilotKpi; first: number | null; second: number | null }) {
  const lang = useLang();
  if (first === null || second === null) return <>{NONE}</>;
  const share = SHARE_KPIS.includes(k);
  const d = share ? (second - first) * 100 : second - first;
  const lower = LOWER_IS_BETTER[k];
  const verdict: Lower = lower === undefined || Math.abs(d) < 0.05 ? null : d < 0 === lower ? 'better' : 'worse';
  const text = signed(d, (abs) =>
    share ? tv(lang, 'rp.points', { v: fixed(abs, lang, 0) }) : MINUTE_KPIS.includes(k) ? minutesText(abs, lang) : fixed(abs, lang),
  );
  return (
    <bdi class={`rp-diff${verdict ? ` rp-${verdict}` : ''}`} dir="ltr" data-verdict={verdict ?? 'same'}>
      {text}
    </bdi>
  );
}

function PilotTable({ testId, first, second, labels }: { testId: string; first: Kpis; second: Kpis; labels: [string, string] }) {
  const lang = useLang();
  return (
    <Table
      testId={testId}
      head={[tv(lang, 'rp.kpi'), ...labels, tv(lang, 'rp.difference')]}
      rows={PILOT_KPIS.map((k) => ({
        key: k,
        cells: [
          tv(lang, `rp.kpi.${k}`),
          kpiText(k, first[k], lang),
          kpiText(k, second[k], lang),
          <Difference key="d" k={k} first={first[k]} second={second[k]} />,
        ],
      }))}
    />
  );
}

export function PilotBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const p = report.pilot;
  const cats = [tv(lang, 'rp.medianWaitAll'), tv(lang, 'rp.p90Wait'), tv(lang, 'rp.medianService')];
  const pick = (k: Kpis) => [k.medianWait, k.p90Wait, k.medianServiceTime];
  const kinds = useMemo(
    () =>
      pairChart(
        lang,
        cats,
        // Walk-ins first, as in the table: the difference reads as what an appointment changes.
        { label: tv(lang, 'rp.kind.walkin'), colour: KIND_COLOUR.walkin, values: pick(p.walkin) },
        { label: tv(lang, 'rp.kind.appointment'), colour: KIND_COLOUR.appointment, values: pick(p.appointment) },
      ),
    [p, lang],
  );
  const before = p.before;
  const after = p.after;
  const beforeLabel = p.pivot ? tv(lang, 'rp.before', { day: formatDay(p.pivot, lang) }) : '';
  const afterLabel = p.pivot ? tv(lang, 'rp.after', { day: formatDay(p.pivot, lang) }) : '';
  const times = useMemo(
    () =>
      before && after
        ? pairChart(lang, cats, { label: beforeLabel, colour: C.grey, values: pick(before) }, { label: afterLabel, colour: C.green, values: pick(after) })
        : null,
    [before, after, lang],
  );
  return (
    <Block id="pilot" title={tv(lang, 'rp.pilotTitle')} tables={[{ table: 'pilot' }]} params={params} note={tv(lang, 'rp.pilotNote')}>
      <div class="rp-pair">
        <div class="rp-half">
          <h3>{tv(lang, 'rp.pilotKinds')}</h3>
          <Chart testId="rp-chart-pilot-kinds" caption={tv(lang, 'rp.pilotKinds')} height={200} {...kinds} />
          <PilotTable
            testId="rp-table-pilot-kinds"
            first={p.walkin}
            second={p.appointment}
            labels={[tv(lang, 'rp.kind.walkin'), tv(lang, 'rp.kind.appointment')]}
          />
        </div>
        <div class="rp-half">
          <h3>{tv(lang, 'rp.pilotDates')}</h3>
          {before && after && times ? (
            <>
              <Chart testId="rp-chart-pilot-dates" caption={tv(lang, 'rp.pilotDates')} height={200} {...times} />
              <PilotTable testId="rp-table-pilot-dates" first={before} second={after} labels={[beforeLabel, afterLabel]} />
            </>
          ) : (
            <p class="rp-note" data-testid="rp-pilot-no-pivot">
              {tv(lang, 'rp.pilotNoPivot')}
            </p>
          )}
        </div>
      </div>
    </Block>
  );
}

// ---------- 9. the kiosk estimate's accuracy

export function AccuracyBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const acc = report.estimateAccuracy;
  const chart = useMemo(
    () => ({
      x: acc.perService.map((_r, i) => i),
      categories: acc.perService.map((r) => serviceName(report, r.serviceId, lang)),
      series: [
        { label: tv(lang, 'rp.meanAbsError'), colour: C.gold, kind: 'bars', scale: 'min', values: acc.perService.map((r) => r.meanAbsError) },
        { label: tv(lang, 'rp.within5'), colour: C.teal, kind: 'points', scale: 'pct', values: acc.perService.map((r) => pct(r.within5)) },
      ] satisfies ChartSeries[],
      axes: [minutesAxis(lang), percentAxis(lang)],
    }),
    [report, acc, lang],
  );
  const row = (key: string, name: string, r: Report['estimateAccuracy']['all']) => ({
    key,
    cells: [
      name,
      formatNumber(r.count, lang),
      minutesText(r.meanAbsError, lang),
      percent(r.within5, lang),
      r.meanError === null ? NONE : <bdi dir="ltr">{signed(r.meanError, (abs) => minutesText(abs, lang))}</bdi>,
    ],
  });
  return (
    <Block id="accuracy" title={tv(lang, 'rp.accuracyTitle')} tables={[{ table: 'estimate-accuracy' }]} params={params} note={tv(lang, 'rp.accuracyNote')}>
      <Chart testId="rp-chart-accuracy" caption={tv(lang, 'rp.accuracyTitle')} height={220} {...chart} />
      <Table
        testId="rp-table-accuracy"
        head={[tv(lang, 'rp.service'), tv(lang, 'rp.tickets'), tv(lang, 'rp.meanAbsError'), tv(lang, 'rp.within5'), tv(lang, 'rp.meanError')]}
        rows={[...acc.perService.map((r) => row(r.serviceId, serviceName(report, r.serviceId, lang), r)), row('all', tv(lang, 'rp.allServices'), acc.all)]}
      />
    </Block>
  );
}

// ---------- 10. the citizens' satisfaction after service

export function SatisfactionBlock({ report, params }: BlockProps) {
  const lang = useLang();
  const s = report.satisfaction;
  // Kinds first (appointments against walk-ins), then each service.
  const groups = useMemo(
    () => [
      { key: 'kind:appointment', group: tv(lang, 'rp.kind'), name: tv(lang, 'rp.kind.appointment'), row: s.byKind.appointment },
      { key: 'kind:walkin', group: tv(lang, 'rp.kind'), name: tv(lang, 'rp.kind.walkin'), row: s.byKind.walkin },
      ...s.perService.map((r) => ({ key: `service:${r.serviceId}`, group: tv(lang, 'rp.service'), name: serviceName(report, r.serviceId, lang), row: r })),
    ],
    [report, s, lang],
  );
  const chart = useMemo(
    () => ({
      x: groups.map((_g, i) => i),
      categories: groups.map((g) => g.name),
      series: [
        { label: tv(lang, 'rp.meanRating'), colour: C.teal, kind: 'bars', scale: 'rating', values: groups.map((g) => g.row.mean) },
        { label: tv(lang, 'rp.satisfied'), colour: C.gold, kind: 'points', scale: 'pct', values: groups.map((g) => pct(g.row.satisfied)) },
      ] satisfies ChartSeries[],
      axes: [
        { scale: 'rating', label: tv(lang, 'rp.axisRating'), side: 'start', range: [0, 5], format: (v: number) => formatNumber(v, lang) } satisfies ChartAxis,
        percentAxis(lang),
      ],
    }),
    [groups, lang],
  );
  const row = (key: string, group: string, name: string, r: Report['satisfaction']['all']) => ({
    key,
    cells: [group, name, formatNumber(r.answers, lang), fixed(r.mean, lang, 2), percent(r.satisfied, lang)],
  });
  return (
    <Block
      id="satisfaction"
      title={tv(lang, 'rp.satisfactionTitle')}
      tables={[{ table: 'satisfaction' }]}
      params={params}
      note={tv(lang, 'rp.satisfactionNote')}
    >
      {s.all.answers === 0 ? (
        <p class="rp-note" data-testid="rp-satisfaction-none">
          {tv(lang, 'rp.noAnswers')}
        </p>
      ) : (
        <Chart testId="rp-chart-satisfaction" caption={tv(lang, 'rp.satisfactionTitle')} height={220} {...chart} />
      )}
      <Table
        testId="rp-table-satisfaction"
        head={[tv(lang, 'rp.group'), tv(lang, 'rp.name'), tv(lang, 'rp.answers'), tv(lang, 'rp.meanRating'), tv(lang, 'rp.satisfied')]}
        rows={[
          row('all', tv(lang, 'rp.kind.all'), tv(lang, 'rp.allServices'), s.all),
          ...groups.map((g) => row(g.key, g.group, g.name, g.row)),
          ...s.perCounter.map((r) => row(`counter:${r.counter}`, tv(lang, 'rp.counter'), tv(lang, 'live.counter', { n: r.counter }), r)),
          ...s.perStaff.map((r) =>
            row(`staff:${r.userId ?? 'none'}`, tv(lang, 'rp.staffMember'), r.userId === null ? NONE : splitDisplayName(r.name)[lang], r),
          ),
        ]}
      />
      {s.comments.length > 0 && (
        <>
          <h3>{tv(lang, 'rp.comments')}</h3>
          <ul class="rp-comments" data-testid="rp-satisfaction-comments">
            {s.comments.map((c) => (
              <li key={`${c.at}:${c.serviceId}`}>
                <span class="rp-comment-meta">
                  {formatNumber(c.rating, lang)}/{formatNumber(5, lang)} · {serviceName(report, c.serviceId, lang)}
                </span>{' '}
                <bdi>{c.comment}</bdi>
              </li>
            ))}
          </ul>
        </>
      )}
    </Block>
  );
}

/** The blocks in the page's (and the printed report's) order. */
export const BLOCKS = [
  HeadlineBlock,
  DailyBlock,
  CrowdingBlock,
  HeatmapBlock,
  WaitBlock,
  AppointmentsBlock,
  CountersBlock,
  PilotBlock,
  AccuracyBlock,
  SatisfactionBlock,
];
