// The console's Audit section: who changed what and when, newest first, filtered by staff member,
// area or kind and hall days, a page at a time ("more"). Each entry reads as a sentence's parts —
// when (hall time), who, what — and its changes as a short field: old → new list, never raw JSON.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { AuditQuery } from '../protocol/api.ts';
import { CounterMode, DeviceKind, Role } from '../protocol/domain.ts';
import { splitDisplayName } from '../protocol/users.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type InputOf, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { formatShortDate, formatTime, type Lang } from '../ui-kit/i18n.ts';
import { FormError } from '../ui-kit/password.tsx';
import { roleName } from '../ui-kit/staff-words.ts';
import { fieldLabel, Loading, PageHead, validated } from './admin-kit.tsx';
import type { Accounts, Hall } from './app.tsx';
import { type AuditArea, AUDIT_AREAS, type AuditKind, AUDIT_KINDS, tv } from './i18n.ts';
import { modeName } from './settings-counters.tsx';
import { weekdayName } from './settings-hours.tsx';

type Entry = ReplyOf<'audit.list'>['entries'][number];
type Filters = { userId: string; kind: string; from: string; to: string };
const NO_FILTERS: Filters = { userId: '', kind: '', from: '', to: '' };
const PAGE = 50;

const isKind = (k: string): k is AuditKind => (AUDIT_KINDS as readonly string[]).includes(k);
const isArea = (a: string): a is AuditArea => (AUDIT_AREAS as readonly string[]).includes(a);

/** What an entry did, in words: its kind's name, or the kind itself for one the console does not know yet. */
export const kindName = (lang: Lang, kind: string) => (isKind(kind) ? tv(lang, `kind.${kind}`) : kind);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value in words where its field says what it is (a device's kind, a counter's mode, a role); else as `plain`. */
function valueText(field: string | undefined, v: unknown, lang: Lang): string {
  if (field === 'kind' && DeviceKind.safeParse(v).success) return tv(lang, `device.${v as DeviceKind}`);
  if (field === 'mode' && CounterMode.safeParse(v).success) return modeName(lang, v as CounterMode);
  if (field === 'role' && Role.safeParse(v).success) return roleName(lang, v as Role);
  return plain(v, lang);
}

/** One value as a person reads it. */
function plain(v: unknown, lang: Lang): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return tv(lang, v ? 'common.yes' : 'common.no');
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? tv(lang, 'audit.empty') : v.map((x) => plain(x, lang)).join(' · ');
  if (!isRecord(v)) return String(v);
  // A period of the appointment schedule: "Sunday 08:00–12:00 ×2".
  if (typeof v.weekday === 'number' && typeof v.startTime === 'string')
    return `${weekdayName(lang, v.weekday)} ${v.startTime}–${String(v.endTime)} ×${String(v.counters)}`;
  // Bilingual text (names, footer, a ticker message): both languages, the page's first.
  if (typeof v.ar === 'string' && typeof v.en === 'string') {
    const code = typeof v.code === 'string' ? `${v.code}: ` : '';
    return `${code}${lang === 'ar' ? `${v.ar} / ${v.en}` : `${v.en} / ${v.ar}`}`;
  }
  const label = fieldLabel(lang);
  return Object.entries(v)
    .map(([k, x]) => `${label(k) ?? k}: ${valueText(k, x, lang)}`)
    .join('، ');
}

export interface ChangeLine {
  field: string[];
  before: unknown;
  after: unknown;
}

/**
 * The changed fields of an entry, one line each: the fields of `before` and `after` (one level of
 * nested objects opened, e.g. priority weights), leaving out fields whose value stayed the same.
 */
export function changeLines(before: unknown, after: unknown, path: string[] = []): ChangeLine[] {
  const bilingual = (v: unknown) => isRecord(v) && 'ar' in v && 'en' in v;
  const open = (v: unknown) => isRecord(v) && !bilingual(v);
  if (!open(before) && !open(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: path, before, after }];
  }
  const b = open(before) ? (before as Record<string, unknown>) : {};
  const a = open(after) ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.flatMap((k) =>
    path.length < 2
      ? changeLines(b[k], a[k], [...path, k])
      : JSON.stringify(b[k]) === JSON.stringify(a[k])
        ? []
        : [{ field: [...path, k], before: b[k], after: a[k] }],
  );
}

function Changes({ entry }: { entry: Entry }) {
  const lang = useLang();
  const label = fieldLabel(lang);
  const lines = changeLines(entry.before ?? undefined, entry.after ?? undefined);
  if (lines.length === 0) return null;
  return (
    <ul class="sv-changes" data-testid="audit-changes">
      {lines.map((l) => (
        <li key={l.field.join('.')} data-field={l.field.join('.')}>
          {l.field.length > 0 && <span class="sv-change-field">{l.field.map((f) => label(f) ?? f).join(' › ')}</span>}
          {entry.before !== null && entry.before !== undefined && (
            <>
              <span class="sv-change-old" data-testid="audit-old">
                {valueText(l.field.at(-1), l.before, lang)}
              </span>
              <span class="sv-change-arrow" aria-hidden="true">
                {lang === 'ar' ? '←' : '→'}
              </span>
            </>
          )}
          <span class="sv-change-new" data-testid="audit-new">
            {valueText(l.field.at(-1), l.after, lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Who did it: a staff member by their name in the page's language, a device by its name, the hub's own jobs as "the system". */
function who(entry: Entry, lang: Lang): string {
  if (entry.actorName === null) return tv(lang, 'audit.system');
  return entry.actor.startsWith('user:') ? splitDisplayName(entry.actorName)[lang] : entry.actorName;
}

export function AuditSection({ hall, accounts }: { hall: Hall; accounts: Accounts | null }) {
  const lang = useLang();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  /** The first page for the filters (`before` unset), or the next one appended. */
  const load = useCallback(async (f: Filters, before?: number) => {
    setBusy(true);
    setError(null);
    try {
      const query: InputOf<'audit.list'> = validated(AuditQuery, {
        limit: PAGE,
        ...(f.userId ? { userId: Number(f.userId) } : {}),
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
        ...(before ? { before } : {}),
      });
      const page = await call('audit.list', query);
      setEntries((old) => (before && old ? [...old, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
    } catch (e) {
      setError(toFailure(e));
    }
    setBusy(false);
  }, []);
  useEffect(() => void load(filters), [load, filters]);
  const set = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const staff = [...(accounts?.users ?? [])].sort((a, b) => a.username.localeCompare(b.username));

  return (
    <section class="sv-page" data-testid="audit-page" aria-labelledby="audit-title">
      <PageHead id="audit-title" title={tv(lang, 'nav.audit')} intro={tv(lang, 'audit.intro')} />
      <div class="sv-filters" data-testid="audit-filters">
        <label class="field">
          <span class="field-label">{tv(lang, 'audit.who')}</span>
          <select class="input" data-testid="audit-user" value={filters.userId} onChange={(e) => set('userId', e.currentTarget.value)}>
            <option value="">{tv(lang, 'audit.everyone')}</option>
            {staff.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {lang === 'ar' ? u.displayNameAr : u.displayNameEn} ({u.username})
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tv(lang, 'audit.what')}</span>
          <select class="input" data-testid="audit-kind" value={filters.kind} onChange={(e) => set('kind', e.currentTarget.value)}>
            <option value="">{tv(lang, 'audit.everything')}</option>
            {AUDIT_AREAS.map((area) => (
              <optgroup key={area} label={tv(lang, `area.${area}`)}>
                <option value={`${area}.`}>{tv(lang, 'audit.allOf', { area: tv(lang, `area.${area}`) })}</option>
                {AUDIT_KINDS.filter((k) => k.startsWith(`${area}.`)).map((k) => (
                  <option key={k} value={k}>
                    {kindName(lang, k)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{tv(lang, 'audit.from')}</span>
          <input
            class="input ltr-num"
            type="date"
            dir="ltr"
            data-testid="audit-from"
            value={filters.from}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field-label">{tv(lang, 'audit.to')}</span>
          <input class="input ltr-num" type="date" dir="ltr" data-testid="audit-to" value={filters.to} onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
        <button
          type="button"
          class="btn btn-ghost btn-small"
          data-testid="audit-clear"
          disabled={filters === NO_FILTERS}
          onClick={() => setFilters(NO_FILTERS)}
        >
          {tv(lang, 'audit.clear')}
        </button>
      </div>
      <FormError error={error} testId="audit-error" fieldLabel={fieldLabel(lang)} />
      {entries === null ? (
        !error && <Loading />
      ) : entries.length === 0 ? (
        <p class="sv-muted" data-testid="audit-none">
          {tv(lang, 'audit.none')}
        </p>
      ) : (
        <ol class="sv-audit" data-testid="audit-list">
          {entries.map((e) => {
            const [area = ''] = e.kind.split('.');
            return (
              <li key={e.id} class="sv-audit-entry" data-testid="audit-entry" data-kind={e.kind} data-target={e.target}>
                <div class="sv-audit-head">
                  <time class="sv-audit-when" dateTime={new Date(e.at).toISOString()}>
                    {formatShortDate(e.at, lang, hall.timeZone)} <span class="ltr-num">{formatTime(e.at, lang, hall.timeZone)}</span>
                  </time>
                  <span class="sv-audit-who" data-testid="audit-who">
                    {who(e, lang)}
                  </span>
                  <span class={`sv-role sv-area-${isArea(area) ? area : 'other'}`} data-testid="audit-kind-name">
                    {kindName(lang, e.kind)}
                  </span>
                  <bdi class="sv-username" dir="ltr">
                    {e.target}
                  </bdi>
                </div>
                <Changes entry={e} />
              </li>
            );
          })}
        </ol>
      )}
      {nextBefore !== null && entries && (
        <button type="button" class="btn btn-ghost sv-more" data-testid="audit-more" disabled={busy} onClick={() => void load(filters, nextBefore)}>
          {busy && <Spinner />}
          {tv(lang, 'audit.more')}
        </button>
      )}
    </section>
  );
}
