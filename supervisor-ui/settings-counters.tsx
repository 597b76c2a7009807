// Settings → Counters: every counter with its standing set-up (number, name, default mode, the
// services it takes — none ticked = all, active) and whether it is open now; an admin adds one or
// edits one in a dialog. A counter is opened by the person who serves at it, at its terminal.
import { useState } from 'preact/hooks';
import { CreateCounterBody, UpdateCounterBody } from '../protocol/api.ts';
import { type Counter, CounterMode, type CounterSetup, type Service } from '../protocol/domain.ts';
import { call } from '../ui-kit/client.ts';
import { useLang } from '../ui-kit/components.tsx';
import type { Lang } from '../ui-kit/i18n.ts';
import { ActionResult, CheckInput, changed, FormDialog, NumberInput, PageHead, TextInput, useAction, validated } from './admin-kit.tsx';
import { tv } from './i18n.ts';
import { DevicesIcon } from './icons.tsx';

const setupOf = ({ number, nameAr, nameEn, mode, serviceIds, active }: Counter): CounterSetup => ({ number, nameAr, nameEn, mode, serviceIds, active });
const serviceName = (lang: Lang, s: Service) => (lang === 'ar' ? s.nameAr : s.nameEn);
export const modeName = (lang: Lang, mode: CounterMode) => tv(lang, `mode.${mode}`);

function CounterDialog({
  counter,
  services,
  nextNumber,
  onDone,
  onClose,
}: {
  counter: Counter | null;
  services: Service[];
  nextNumber: number;
  onDone(text: string): void;
  onClose(): void;
}) {
  const lang = useLang();
  const start: CounterSetup = counter ? setupOf(counter) : { number: nextNumber, nameAr: '', nameEn: '', mode: 'general', serviceIds: [], active: true };
  const [f, setF] = useState<CounterSetup>(start);
  const set = <K extends keyof CounterSetup>(k: K, v: CounterSetup[K]) => setF((x) => ({ ...x, [k]: v }));
  const { number: _number, ...changes } = changed(start, f);
  const toggle = (id: string, on: boolean) =>
    // Kept in the services' own order, so ticking and unticking again is no change.
    set(
      'serviceIds',
      services.map((s) => s.id).filter((x) => (x === id ? on : f.serviceIds.includes(x))),
    );
  return (
    <FormDialog
      testId="counter-dialog"
      title={counter ? tv(lang, 'counters.editTitle', { n: counter.number }) : tv(lang, 'counters.create')}
      icon={<DevicesIcon size="1.3em" />}
      submitLabel={counter ? tv(lang, 'common.save') : tv(lang, 'counters.createSubmit')}
      ready={counter ? Object.keys(changes).length > 0 : true}
      wide
      run={async () => {
        const reply = counter
          ? await call('counters.update', validated(UpdateCounterBody, { counter: counter.number, ...changes }))
          : await call('counters.create', validated(CreateCounterBody, f));
        return tv(lang, counter ? 'counters.saved' : 'counters.created', { n: reply.counter.number });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <div class="sv-grid">
        <NumberInput
          label={tv(lang, 'f.number')}
          testId="counter-number"
          min={1}
          max={999}
          value={f.number}
          onInput={(v) => set('number', v)}
          disabled={counter !== null}
        />
        <label class="field">
          <span class="field-label">{tv(lang, 'f.mode')}</span>
          <select class="input" data-testid="counter-mode" value={f.mode} onChange={(e) => set('mode', CounterMode.parse(e.currentTarget.value))}>
            {CounterMode.options.map((m) => (
              <option key={m} value={m}>
                {modeName(lang, m)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="sv-pair">
        <TextInput
          label={tv(lang, 'f.nameAr')}
          hint={tv(lang, 'counters.nameHint')}
          testId="counter-name-ar"
          dir="rtl"
          maxLength={60}
          value={f.nameAr}
          onInput={(v) => set('nameAr', v)}
        />
        <TextInput label={tv(lang, 'f.nameEn')} testId="counter-name-en" dir="ltr" maxLength={60} value={f.nameEn} onInput={(v) => set('nameEn', v)} />
      </div>
      <fieldset class="sv-service-picks">
        <legend class="field-label">{tv(lang, 'f.serviceIds')}</legend>
        <span class="field-hint">{tv(lang, 'counters.servicesHint')}</span>
        <div class="sv-checks-row">
          {services.map((s) => (
            <CheckInput
              key={s.id}
              label={serviceName(lang, s)}
              testId={`counter-service-${s.id}`}
              value={f.serviceIds.includes(s.id)}
              onInput={(on) => toggle(s.id, on)}
            />
          ))}
        </div>
      </fieldset>
      <CheckInput
        label={tv(lang, 'f.active')}
        hint={tv(lang, 'counters.activeHint')}
        testId="counter-active"
        value={f.active}
        onInput={(v) => set('active', v)}
      />
    </FormDialog>
  );
}

export function CountersPage({ counters, services, admin }: { counters: Counter[]; services: Service[]; admin: boolean }) {
  const lang = useLang();
  const [dialog, setDialog] = useState<{ counter: Counter | null } | null>(null);
  const action = useAction();
  const byId = new Map(services.map((s) => [s.id, s]));
  const open = (counter: Counter | null) => {
    action.clear();
    setDialog({ counter });
  };
  return (
    <section class="sv-page" data-testid="settings-counters" aria-labelledby="counters-title">
      <PageHead
        id="counters-title"
        title={tv(lang, 'settings.counters')}
        intro={tv(lang, 'settings.countersIntro')}
        readOnly={admin ? null : tv(lang, 'settings.readOnly')}
      >
        {admin && (
          <button type="button" class="btn btn-primary" data-testid="counter-create" onClick={() => open(null)}>
            <DevicesIcon size="1.3em" />
            {tv(lang, 'counters.create')}
          </button>
        )}
      </PageHead>
      <ActionResult action={action} testId="counters" />
      <table class="sv-table" data-testid="counters-table">
        <thead>
          <tr>
            <th scope="col">{tv(lang, 'f.number')}</th>
            <th scope="col">{tv(lang, 'counters.colName')}</th>
            <th scope="col">{tv(lang, 'f.mode')}</th>
            <th scope="col">{tv(lang, 'f.serviceIds')}</th>
            <th scope="col">{tv(lang, 'users.colState')}</th>
            {admin && <th scope="col">{tv(lang, 'users.colActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {counters.map((c) => (
            <tr key={c.number} data-testid={`counter-${c.number}`} class={c.active ? undefined : 'sv-row-off'}>
              <td>
                <span class="sv-prefix ltr-num">{c.number}</span>
              </td>
              <td>{(lang === 'ar' ? c.nameAr : c.nameEn) || '—'}</td>
              <td>
                <span class={`sv-role sv-mode-${c.mode}`} data-testid="mode" data-value={c.mode}>
                  {modeName(lang, c.mode)}
                </span>
              </td>
              <td class="sv-services-cell">
                {c.serviceIds.length === 0
                  ? tv(lang, 'counters.allServices')
                  : c.serviceIds.map((id) => (byId.get(id) ? serviceName(lang, byId.get(id)!) : id)).join(lang === 'ar' ? '، ' : ', ')}
              </td>
              <td>
                <span class="sv-marks">
                  {!c.active ? (
                    <span class="sv-mark sv-mark-off" data-mark="inactive">
                      {tv(lang, 'common.inactive')}
                    </span>
                  ) : c.open ? (
                    <span class="sv-mark sv-mark-on">{tv(lang, 'counters.open')}</span>
                  ) : (
                    <span class="sv-mark">{tv(lang, 'counters.closed')}</span>
                  )}
                </span>
              </td>
              {admin && (
                <td>
                  <button type="button" class="btn btn-ghost btn-small" data-testid={`counter-edit-${c.number}`} onClick={() => open(c)}>
                    {tv(lang, 'users.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {dialog && (
        <CounterDialog
          counter={dialog.counter}
          services={services}
          nextNumber={Math.max(0, ...counters.map((c) => c.number)) + 1}
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setDialog(null);
            action.setDone(text);
          }}
        />
      )}
    </section>
  );
}
