// One chart of the Reports section, drawn by uPlot on a canvas: bars, lines or points over a numeric
// x (days, times of day) or over categories (services, counters, KPIs). Right-to-left aware: in
// Arabic the x axis runs from right to left and the first y axis stands on the right. The legend is
// plain HTML under the chart (the page's language and direction; the table under each chart gives
// the values). The chart follows its box's width, and takes the A4 page's width when printed.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useLang } from '../ui-kit/components.tsx';

export interface ChartSeries {
  label: string;
  colour: string;
  kind: 'bars' | 'line' | 'points';
  /** The y scale it is drawn on (one of the chart's axes). */
  scale: string;
  values: (number | null)[];
  /** Bars sharing an x: -1 and 1 put two series side by side. */
  align?: -1 | 1;
  /** Left out of the legend (e.g. the lower layers of a stacked bar repeat a label). */
  unlisted?: boolean;
}

export interface ChartAxis {
  scale: string;
  /** The axis title (its unit). */
  label: string;
  format(v: number): string;
  /** The first axis stands at the reading start (right in Arabic), a second at the end. */
  side: 'start' | 'end';
  /** A fixed range, e.g. 0…100 for percentages; by default from 0 to the data's top. */
  range?: [number, number];
}

export interface ChartProps {
  testId: string;
  /** Numeric x, or 0…n-1 with `categories` naming each. */
  x: number[];
  categories?: string[];
  /** The x values' text (numeric x only). */
  xFormat?(v: number): string;
  /** The x steps the axis may label (numeric x only). */
  xIncrs?: number[];
  series: ChartSeries[];
  axes: ChartAxis[];
  height?: number;
  /** A short description for screen readers (the table under the chart has the figures). */
  caption: string;
}

/** The printed chart's width: A4's 210 mm less the print margins, in CSS px. */
const PRINT_WIDTH = 680;
// 14 px: at 13 the three dots of an Arabic shīn run together on a 1× screen.
const FONT = '14px "Noto Sans", "Noto Naskh Arabic", system-ui, sans-serif';
const LABEL_FONT = 'bold 14px "Noto Sans", "Noto Naskh Arabic", system-ui, sans-serif';

const SIDES = { rtl: { start: 1, end: 3 }, ltr: { start: 3, end: 1 } } as const;

/** A category's name on two lines when it is long (service names, KPI names), split at the space nearest its middle. */
export function twoLines(label: string): string {
  if (label.length <= 12) return label;
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return label;
  const at = spaces.reduce((best, i) => (Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2) ? i : best));
  return `${label.slice(0, at)}\n${label.slice(at + 1)}`;
}

function seriesOptions(s: ChartSeries): uPlot.Series {
  const base = { label: s.label, scale: s.scale, stroke: s.colour, spanGaps: false };
  if (s.kind === 'bars')
    return { ...base, fill: s.colour, width: 0, points: { show: false }, paths: uPlot.paths.bars!({ size: [s.align ? 0.4 : 0.7, 60], align: s.align ?? 0 }) };
  if (s.kind === 'points') return { ...base, width: 0, paths: () => null, points: { show: true, size: 11, fill: s.colour, stroke: '#ffffff', width: 2 } };
  return { ...base, width: 2.5, points: { show: false } };
}

export function Chart(props: ChartProps) {
  const { testId, series, caption } = props;
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  // Drawn anew when the figures or the language change, not on every render of the page.
  const drawn = JSON.stringify([lang, props.x, props.categories, props.series, props.axes.map((a) => [a.scale, a.label, a.side, a.range]), props.height]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { x, categories, xFormat, xIncrs, axes, height = 240 } = latest.current;
    const rtl = lang === 'ar';
    const sides = SIDES[rtl ? 'rtl' : 'ltr'];
    const xAxis: uPlot.Axis = categories
      ? {
          font: FONT,
          size: 64,
          splits: () => categories.map((_c, i) => i),
          values: (_u, splits) => splits.map((i) => twoLines(categories[i] ?? '')),
          grid: { show: false },
        }
      : {
          font: FONT,
          ...(xIncrs ? { incrs: xIncrs } : {}),
          values: (_u, splits) => splits.map((v) => (xFormat ? xFormat(v) : String(v))),
          grid: { show: false },
        };
    const { series } = latest.current;
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, dir: rtl ? -1 : 1, ...(categories ? { range: [-0.5, categories.length - 0.5] as [number, number] } : {}) },
        ...Object.fromEntries(
          axes.map((a) => [a.scale, { range: a.range ?? ((_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] as [number, number]) }]),
        ),
      },
      axes: [
        xAxis,
        ...axes.map(
          (a): uPlot.Axis => ({
            scale: a.scale,
            side: sides[a.side],
            label: a.label,
            labelFont: LABEL_FONT,
            font: FONT,
            size: 56,
            values: (_u, splits) => splits.map(a.format),
            grid: { show: a.side === 'start', stroke: '#e3e8ee' },
          }),
        ),
      ],
      series: [{}, ...series.map(seriesOptions)],
    };
    const chart = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const fit = () => chart.setSize({ width: el.clientWidth, height });
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    // The print dialog lays the page out for A4 without telling the observer.
    const toPrint = () => chart.setSize({ width: Math.min(PRINT_WIDTH, el.clientWidth || PRINT_WIDTH), height });
    window.addEventListener('beforeprint', toPrint);
    window.addEventListener('afterprint', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', toPrint);
      window.removeEventListener('afterprint', fit);
      chart.destroy();
    };
  }, [drawn]);

  return (
    <figure class="rp-chart" data-testid={testId}>
      <div class="rp-plot" ref={box} role="img" aria-label={caption} />
      <figcaption>
        <ul class="rp-legend">
          {series
            .filter((s) => !s.unlisted)
            .map((s) => (
              <li key={s.label}>
                <span class={`rp-key rp-key-${s.kind}`} style={{ background: s.colour }} />
                {s.label}
              </li>
            ))}
        </ul>
      </figcaption>
    </figure>
  );
}
