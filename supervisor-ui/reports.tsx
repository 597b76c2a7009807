// The console's Reports section (/supervisor#reports, supervisors and admins): the hall's report for
// a range of days, filtered by service, ticket kind, counter and staff member, with the pilot date
// that splits it into before and after. The query lives in the address, so a reload or a shared link
// opens the same report. The blocks (reports-blocks.tsx) each draw a chart with its table and CSV
// links; the page prints on A4 as a report (reports.css), headed by the hall, the range and filters.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ReportQuery } from '../protocol/reports.ts';
import type { HallState } from '../protocol/state.ts';
import { splitDisplayName } from '../protocol/users.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { formatDay, type Lang } from '../ui-kit/i18n.ts';
import { FormError } from '../ui-kit/password.tsx';
import { fieldLabel, Loading, PageHead, useHallState, validated } from './admin-kit.tsx';
import type { Accounts, Hall } from './app.tsx';
import { tv } from './i18n.ts';
import { PrinterIcon } from './icons.tsx';
import { BLOCKS } from './reports-blocks.tsx';
import type { Report } from './reports-format.ts';
import { type Preset, PRESETS, paramsFromHash, presetOf, presetRange, queryString, type ReportParams, reportsHash } from './reports-query.ts';
import './reports.css';

type Shown = { kind: 'loading' } | { kind: 'error'; error: ApiFailure } | { kind: 'ready'; report: Report; query: string };

/** The report's query, kept in the address; follows a link pasted into this tab too. */
function useReportParams(today: string): [ReportParams, (p: ReportParams) => void] {
  const [params, setParams] = useState(() => paramsFromHash(location.hash, today));
  useEffect(() => {
    const follow = () => {
      if (location.hash.startsWith('#reports')) setParams(paramsFromHash(location.hash, today));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [today]);
  // The address always shows the report on screen (replaced, not pushed: the back button leaves the section).
  useEffect(() => history.replaceState(null, '', reportsHash(params)), [params]);
  return [params, setParams];
}

/** The people the staff filter offers: the accounts when this role may list them, else those the report names. */
function staffChoices(accounts: Accounts | null, report: Report | null, lang: Lang): { id: number; name: string }[] {
  if (accounts)
    return accounts.users
      .filter((u) => u.role === 'counter' || u.role === 'supervisor')
      .map((u) => ({ id: u.id, name: lang === 'ar' ? u.displayNameAr : u.displayNameEn }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
  return (report?.staff ?? []).map((s) => ({ id: s.userId, name: splitDisplayName(s.name)[lang] }));
}

function Filters({
  params,
  set,
  today,
  staff,
  hall,
}: {
  params: ReportParams;
  set(p: ReportParams): void;
  today: string;
  staff: { id: number; name: string }[];
  hall: HallState | null;
}) {
  const lang = useLang();
  const preset = presetOf(params, today);
  const change = (k: keyof ReportParams, v: string) => set({ ...params, [k]: v });
  const services = Object.values(hall?.services ?? {}).sort((a, b) => a.sortOrder - b.sortOrder);
  const counters = Object.values(hall?.counters ?? {}).sort((a, b) => a.number - b.number);
  return (
    <div class="sv-filters rp-filters" data-testid="rp-filters">
      <div class="field rp-presets">
        <span class="field-label">{tv(lang, 'rp.range')}</span>
        <span class="rp-preset-buttons">
          {PRESETS.map((p: Preset) => (
            <button
              key={p}
              type="button"
              class={`btn btn-small ${preset === p ? 'btn-primary' : 'btn-ghost'}`}
              aria-pressed={preset === p}
              data-testid={`rp-preset-${p}`}
              onClick={() => set({ ...params, ...presetRange(p, today), pivot: '' })}
            >
              {tv(lang, `rp.preset.${p}`)}
            </button>
          ))}
        </span>
      </div>
      <label class="field rp-date">
        <span class="field-label">{tv(lang, 'f.from')}</span>
        <input
          class="input ltr-num"
          type="date"
          dir="ltr"
          data-testid="rp-from"
          value={params.from}
          max={today}
          onChange={(e) => change('from', e.currentTarget.value)}
        />
      </label>
      <label class="field rp-date">
        <span class="field-label">{tv(lang, 'f.to')}</span>
        <input
          class="input ltr-num"
          type="date"
          dir="ltr"
          data-testid="rp-to"
          value={params.to}
          max={today}
          onChange={(e) => change('to', e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{tv(lang, 'rp.service')}</span>
        {/* Keyed by its options: a value from the address is applied once the options it names have come (after a reload). */}
        <select
          key={services.length}
          class="input"
          data-testid="rp-service"
          value={params.serviceId}
          onChange={(e) => change('serviceId', e.currentTarget.value)}
        >
          <option value="">{tv(lang, 'rp.allServices')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {lang === 'ar' ? s.nameAr : s.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{tv(lang, 'f.kind')}</span>
        <select class="input" data-testid="rp-kind" value={params.kind} onChange={(e) => change('kind', e.currentTarget.value)}>
          <option value="">{tv(lang, 'rp.kind.all')}</option>
          <option value="appointment">{tv(lang, 'rp.kind.appointment')}</option>
          <option value="walkin">{tv(lang, 'rp.kind.walkin')}</option>
        </select>
      </label>
      <label class="field">
        <span class="field-label">{tv(lang, 'rp.counter')}</span>
        <select key={counters.length} class="input" data-testid="rp-counter" value={params.counter} onChange={(e) => change('counter', e.currentTarget.value)}>
          <option value="">{tv(lang, 'rp.allCounters')}</option>
          {counters.map((c) => (
            <option key={c.number} value={String(c.number)}>
              {tv(lang, 'live.counter', { n: c.number })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{tv(lang, 'rp.staffMember')}</span>
        <select key={staff.length} class="input" data-testid="rp-user" value={params.userId} onChange={(e) => change('userId', e.currentTarget.value)}>
          <option value="">{tv(lang, 'rp.allStaff')}</option>
          {staff.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field rp-date">
        <span class="field-label">{tv(lang, 'f.pivot')}</span>
        <input
          class="input ltr-num"
          type="date"
          dir="ltr"
          data-testid="rp-pivot"
          value={params.pivot}
          min={params.from}
          max={params.to}
          onChange={(e) => change('pivot', e.currentTarget.value)}
        />
      </label>
    </div>
  );
}

/** What the printed report says it covers: the range and each filter that is set, in words. */
function filterWords(params: ReportParams, report: Report | null, staff: { id: number; name: string }[], lang: Lang): string[] {
  const words = [tv(lang, 'rp.printRange', { from: formatDay(params.from, lang), to: formatDay(params.to, lang) })];
  if (params.serviceId) {
    const s = report?.services.find((x) => x.id === params.serviceId);
    words.push(`${tv(lang, 'rp.service')}: ${s ? (lang === 'ar' ? s.nameAr : s.nameEn) : params.serviceId}`);
  }
  if (params.kind === 'appointment' || params.kind === 'walkin') words.push(`${tv(lang, 'f.kind')}: ${tv(lang, `rp.kind.${params.kind}`)}`);
  if (params.counter) words.push(tv(lang, 'live.counter', { n: Number(params.counter) }));
  if (params.userId) words.push(`${tv(lang, 'rp.staffMember')}: ${staff.find((u) => String(u.id) === params.userId)?.name ?? params.userId}`);
  if (params.pivot) words.push(`${tv(lang, 'f.pivot')}: ${formatDay(params.pivot, lang)}`);
  return words;
}

function ReportView({ hall, accounts, today }: { hall: Hall; accounts: Accounts | null; today: string }) {
  const lang = useLang();
  const [params, setParams] = useReportParams(today);
  // Every service and counter for the filters (the report names only those it saw), and the outcomes' names.
  const hallState = useHallState();
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const asked = useRef('');
  const query = queryString(params);

  useEffect(() => {
    asked.current = query;
    setBusy(true);
    const load = async () => {
      try {
        const input = validated(ReportQuery, {
          from: params.from,
          to: params.to,
          ...(params.serviceId ? { serviceId: params.serviceId } : {}),
          ...(params.kind ? { kind: params.kind } : {}),
          ...(params.counter ? { counter: params.counter } : {}),
          ...(params.userId ? { userId: params.userId } : {}),
          ...(params.pivot ? { pivot: params.pivot } : {}),
        });
        const report = await call('reports.get', input, { timeoutMs: 60_000 });
        if (asked.current === query) setShown({ kind: 'ready', report, query });
      } catch (e) {
        if (asked.current === query) setShown({ kind: 'error', error: toFailure(e) });
      }
      if (asked.current === query) setBusy(false);
    };
    void load();
  }, [query]);

  const report = shown.kind === 'ready' ? shown.report : null;
  const staff = staffChoices(accounts, report, lang);
  const empty = report?.daily.every((d) => d.tickets === 0) ?? false;
  const state = busy ? 'loading' : shown.kind === 'ready' ? (empty ? 'empty' : 'ready') : shown.kind;
  return (
    <section
      class="sv-page rp-page"
      data-testid="reports-page"
      data-state={state}
      data-query={shown.kind === 'ready' ? shown.query : ''}
      aria-busy={busy}
      aria-labelledby="rp-title"
    >
      <div class="rp-print-head" data-testid="rp-print-head">
        <p class="rp-print-hall">{hall.name?.[lang] ?? ''}</p>
        <p class="rp-print-title">{tv(lang, 'rp.printTitle')}</p>
        <p class="rp-print-filters">{filterWords(params, report, staff, lang).join(' · ')}</p>
      </div>
      <PageHead id="rp-title" title={tv(lang, 'nav.reports')} intro={tv(lang, 'rp.intro')}>
        <span class="rp-head-actions">
          {busy && <Spinner />}
          <button type="button" class="btn btn-ghost btn-small" data-testid="rp-print" onClick={() => window.print()}>
            <PrinterIcon size="1.2em" />
            {tv(lang, 'rp.print')}
          </button>
        </span>
      </PageHead>
      <Filters params={params} set={setParams} today={today} staff={staff} hall={hallState} />
      {shown.kind === 'error' && <FormError error={shown.error} testId="rp-error" fieldLabel={fieldLabel(lang)} />}
      {shown.kind === 'loading' ? (
        <Loading />
      ) : report === null ? null : empty ? (
        <p class="notice notice-info rp-empty" data-testid="rp-empty">
          {tv(lang, 'rp.empty')}
        </p>
      ) : (
        <div class="rp-blocks" data-testid="rp-blocks">
          {BLOCKS.map((B, i) => (
            <B key={i} report={report} params={params} outcomes={hallState?.settings.outcomeCodes ?? []} />
          ))}
        </div>
      )}
    </section>
  );
}

export function ReportsPage({ hall, accounts }: { hall: Hall; accounts: Accounts | null }) {
  // The presets count back from the hall's day, which the staff feed brings.
  if (!hall.day) return <Loading />;
  return <ReportView hall={hall} accounts={accounts} today={hall.day} />;
}
