// The Reports section's query as the address holds it (`#reports?from=…&to=…&serviceId=…`), so a
// reload or a shared link opens the same report; the range presets, counted back from the hall's day;
// and the CSV links, which carry the same query.
import type { ReportTable } from '../protocol/reports.ts';
import type { Lang } from '../ui-kit/i18n.ts';

/** The query's fields as the address and the filter bar hold them: text, '' for "not set". */
export interface ReportParams {
  from: string;
  to: string;
  serviceId: string;
  kind: string;
  counter: string;
  userId: string;
  pivot: string;
}
const FIELDS = ['from', 'to', 'serviceId', 'kind', 'counter', 'userId', 'pivot'] as const satisfies readonly (keyof ReportParams)[];

export const PRESETS = ['day', 'week', 'month'] as const;
export type Preset = (typeof PRESETS)[number];
const PRESET_DAYS: Record<Preset, number> = { day: 1, week: 7, month: 30 };
const DEFAULT_PRESET: Preset = 'month';

/** `day` (YYYY-MM-DD) moved by `n` days; a calendar day, so no time zone applies. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The preset's range, ending on the hall's day `today`. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  return { from: addDays(today, 1 - PRESET_DAYS[preset]), to: today };
}

/** The preset whose range the query has, if any (the filter bar marks it). */
export function presetOf(p: Pick<ReportParams, 'from' | 'to'>, today: string): Preset | null {
  return (
    PRESETS.find((preset) => {
      const r = presetRange(preset, today);
      return r.from === p.from && r.to === p.to;
    }) ?? null
  );
}

/** The query in the address (`#reports?…`); a missing range is the default preset's, ending on `today`. */
export function paramsFromHash(hash: string, today: string): ReportParams {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const params = Object.fromEntries(FIELDS.map((f) => [f, q.get(f) ?? ''])) as unknown as ReportParams;
  if (!params.from || !params.to) Object.assign(params, presetRange(DEFAULT_PRESET, today));
  return params;
}

/** The fields that are set, as a query string (the address, the API and the CSV links share it). */
export function queryString(p: ReportParams): string {
  const q = new URLSearchParams();
  for (const f of FIELDS) if (p[f]) q.set(f, p[f]);
  return q.toString();
}

export const reportsHash = (p: ReportParams) => `#reports?${queryString(p)}`;

/** The CSV download of one table of the report on show (the same query), headings in `lang`. */
export const csvHref = (p: ReportParams, table: ReportTable, lang: Lang) => `/api/reports/export.csv?${queryString(p)}&table=${table}&lang=${lang}`;
