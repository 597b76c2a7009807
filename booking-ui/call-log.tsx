// The two-click call log.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CallCategory, CallOutcome } from '../protocol/citizens.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { nameIn, stamp } from './format.ts';
import { tb } from './i18n.ts';

/** One logged call (`calls.list`). */
type LoggedCall = ReplyOf<'calls.list'>['calls'][number];

/** Two clicks: a category, then save (the outcome is "resolved" unless the agent says otherwise). */
export function CallLog({ lang, cpr, timeZone, onError }: { lang: Lang; cpr: string; timeZone: string; onError(e: unknown): void }) {
  const [category, setCategory] = useState<CallCategory | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome>('resolved');
  const [note, setNote] = useState('');
  const [calls, setCalls] = useState<LoggedCall[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => call('calls.list', { cpr }).then((r) => setCalls(r.calls), onError), [cpr, onError]);
  useEffect(() => void load(), [load]);
  const save = async () => {
    if (!category) return;
    setBusy(true);
    try {
      await call('calls.create', { cpr, category, note: note.trim(), outcome });
      setCategory(null);
      setOutcome('resolved');
      setNote('');
      setSaved(true);
      await load();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside class="card bk-card bk-calls bk-scroll" data-testid="call-log">
      <h3 class="bk-h3">{tb(lang, 'calls.title')}</h3>
      <div class="bk-cats">
        {CallCategory.options.map((c) => (
          <button
            key={c}
            type="button"
            class={`bk-pill${category === c ? ' is-on' : ''}`}
            aria-pressed={category === c}
            data-testid={`call-category-${c}`}
            onClick={() => {
              setCategory(c);
              setSaved(false);
            }}
          >
            {tb(lang, `cat.${c}`)}
          </button>
        ))}
      </div>
      <fieldset class="bk-outcomes" aria-label={tb(lang, 'calls.outcome')}>
        {CallOutcome.options.map((o) => (
          <label key={o} class={`bk-pill bk-pill-small${outcome === o ? ' is-on' : ''}`} data-testid={`call-outcome-${o}`}>
            <input type="radio" class="sr-only" name="call-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {tb(lang, `outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <input
        class="input"
        data-testid="call-note"
        placeholder={tb(lang, 'calls.note')}
        value={note}
        maxLength={500}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button type="button" class="btn btn-secondary" data-testid="call-save" disabled={!category || busy} onClick={save}>
        {tb(lang, 'calls.save')}
      </button>
      {saved && (
        <p class="notice notice-ok bk-small" role="status" data-testid="call-saved">
          {tb(lang, 'calls.saved')}
        </p>
      )}
      {calls.length > 0 && (
        <>
          <h4 class="bk-h4">{tb(lang, 'calls.today')}</h4>
          <ul class="bk-list bk-small">
            {calls.map((c) => (
              <li key={c.id} data-testid="call-entry" data-outcome={c.outcome}>
                <strong>{tb(lang, `cat.${c.category}` as 'cat.other')}</strong>{' '}
                <span class={`bk-chip out-${c.outcome}`}>{tb(lang, `outcome.${c.outcome}` as 'outcome.resolved')}</span>
                <div class="bk-muted">
                  <bdi>{stamp(c.at, lang, timeZone)}</bdi> · {nameIn(c.actor, lang)}
                </div>
                {c.note && <div dir="auto">{c.note}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
