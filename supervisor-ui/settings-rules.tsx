// The settings pages that edit the hall's settings record: queue rules, kiosk and tickets, outcome
// codes and the standing ticker messages. Each page edits a draft of its own fields; saving checks
// them with the protocol's patch schema and sends only the fields that differ (`settings.patch`: one
// field changes one field). A draft nobody touched follows changes made elsewhere. Only an admin
// saves; a supervisor reads (the kiosk's staff PIN, which supervisors may set, has its own form).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { KioskPinBody, SettingsPatchBody } from '../protocol/api.ts';
import type { Priority, Service, Settings } from '../protocol/domain.ts';
import { call } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { KeyIcon } from '../ui-kit/icons.tsx';
import { ActionResult, CheckInput, changed, NumberInput, PageHead, TextInput, useAction, validated } from './admin-kit.tsx';
import { tv } from './i18n.ts';

type Key = keyof Settings;
type Draft<K extends Key> = Pick<Settings, K>;
type SetField<K extends Key> = <F extends K>(key: F, value: Settings[F]) => void;

const pick = <K extends Key>(s: Settings, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, s[k]])) as Draft<K>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A page's draft of its settings: it follows the hall's settings until someone edits it. */
function useSettingsDraft<K extends Key>(settings: Settings, keys: readonly K[]) {
  const current = pick(settings, keys);
  const [base, setBase] = useState(current);
  const [draft, setDraft] = useState(current);
  const dirty = !same(draft, base);
  // Follows the hall's settings when THEY change (another admin, the live feed), not whenever they
  // differ from the form: right after a save the reply can come before the feed's change, and the
  // form must not fall back to the old values meanwhile.
  const seen = useRef(current);
  useEffect(() => {
    if (same(current, seen.current)) return;
    seen.current = current;
    if (!dirty) {
      setBase(current);
      setDraft(current);
    }
  });
  const set: SetField<K> = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const restart = (s: Settings) => {
    const fresh = pick(s, keys);
    setBase(fresh);
    setDraft(fresh);
  };
  return { draft, set, changes: changed(current, draft), restart };
}

export interface SettingsPageProps {
  settings: Settings;
  /** Only an admin changes settings; a supervisor sees them read-only. */
  admin: boolean;
}

/** One settings page: its fields (drawn by `children` from the draft), and Save for an admin. */
function SettingsForm<K extends Key>({
  page,
  keys,
  settings,
  admin,
  children,
}: SettingsPageProps & {
  page: 'rules' | 'kiosk' | 'outcomes' | 'ticker' | 'messages';
  keys: readonly K[];
  children(draft: Draft<K>, set: SetField<K>, readOnly: boolean): ComponentChildren;
}) {
  const lang = useLang();
  const { draft, set, changes, restart } = useSettingsDraft(settings, keys);
  const action = useAction();
  const count = Object.keys(changes).length;
  const save = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      const reply = await call('settings.patch', validated(SettingsPatchBody, changes));
      restart(reply.settings);
      return tv(lang, 'settings.saved', { n: count });
    });
  };
  return (
    <form class="sv-page" data-testid={`settings-${page}`} aria-labelledby={`settings-${page}-title`} onSubmit={save} noValidate>
      <PageHead
        id={`settings-${page}-title`}
        title={tv(lang, `settings.${page}`)}
        intro={tv(lang, `settings.${page}Intro`)}
        readOnly={admin ? null : tv(lang, 'settings.readOnly')}
      />
      {children(draft, set, !admin)}
      <ActionResult action={action} testId="settings" />
      {admin && (
        <div class="sv-save sv-save-sticky">
          <span class="sv-save-count" data-testid="settings-changes" data-value={count}>
            {count > 0 ? tv(lang, 'settings.changes', { n: count }) : tv(lang, 'settings.noChanges')}
          </span>
          <button type="submit" class="btn btn-primary" data-testid="settings-save" disabled={count === 0 || action.busy}>
            {action.busy && <Spinner />}
            {tv(lang, 'common.save')}
          </button>
        </div>
      )}
    </form>
  );
}

function Group({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="sv-group">
      <legend class="sv-group-title">{title}</legend>
      <div class="sv-group-body">{children}</div>
    </fieldset>
  );
}

const RULE_KEYS = [
  'checkInEarlyMinutes',
  'checkInLateMinutes',
  'lateConvertsToWalkin',
  'priorityWeights',
  'walkinGuardMinutes',
  'appointmentCountersServeEarly',
  'maxRecalls',
  'noShowRequeueOnce',
  'serviceLevel',
  'bookingHorizonDays',
  'serviceTimeWindow',
  'appointmentPrefix',
  'sessionIdleMinutes',
] as const satisfies readonly Key[];
const PRIORITIES: readonly Priority[] = ['none', 'elderly', 'disability', 'pregnancy'];

export function QueueRulesPage({ services, ...props }: SettingsPageProps & { services: Service[] }) {
  const lang = useLang();
  const min = tv(lang, 'unit.minutes');
  return (
    <SettingsForm {...props} page="rules" keys={RULE_KEYS}>
      {(d, set, ro) => {
        const level = d.serviceLevel;
        // Services with their own target: the active ones, and any inactive one that still has a target.
        const targeted = services.filter((s) => s.active || level.perService[s.id] !== undefined);
        const setTarget = (id: string, minutes: number) => {
          const { [id]: _old, ...others } = level.perService;
          set('serviceLevel', { ...level, perService: Number.isNaN(minutes) ? others : { ...others, [id]: minutes } });
        };
        return (
          <>
            <Group title={tv(lang, 'rules.checkIn')}>
              <NumberInput
                label={tv(lang, 'f.checkInEarlyMinutes')}
                testId="set-checkInEarlyMinutes"
                min={0}
                max={240}
                unit={min}
                value={d.checkInEarlyMinutes}
                onInput={(v) => set('checkInEarlyMinutes', v)}
                disabled={ro}
              />
              <NumberInput
                label={tv(lang, 'f.checkInLateMinutes')}
                testId="set-checkInLateMinutes"
                min={0}
                max={240}
                unit={min}
                value={d.checkInLateMinutes}
                onInput={(v) => set('checkInLateMinutes', v)}
                disabled={ro}
              />
              <CheckInput
                label={tv(lang, 'f.lateConvertsToWalkin')}
                hint={tv(lang, 'rules.lateHint')}
                testId="set-lateConvertsToWalkin"
                value={d.lateConvertsToWalkin}
                onInput={(v) => set('lateConvertsToWalkin', v)}
                disabled={ro}
              />
            </Group>
            <Group title={tv(lang, 'f.priorityWeights')}>
              <p class="sv-group-note">{tv(lang, 'rules.weightsHint')}</p>
              {PRIORITIES.map((p) => (
                <NumberInput
                  key={p}
                  label={tv(lang, `f.${p}`)}
                  testId={`set-priorityWeights-${p}`}
                  min={0.1}
                  max={10}
                  step={0.1}
                  value={d.priorityWeights[p]}
                  onInput={(v) => set('priorityWeights', { ...d.priorityWeights, [p]: v })}
                  disabled={ro}
                />
              ))}
            </Group>
            <Group title={tv(lang, 'rules.appointmentCounters')}>
              <NumberInput
                label={tv(lang, 'f.walkinGuardMinutes')}
                hint={tv(lang, 'rules.guardHint')}
                testId="set-walkinGuardMinutes"
                min={0}
                max={240}
                unit={min}
                value={d.walkinGuardMinutes}
                onInput={(v) => set('walkinGuardMinutes', v)}
                disabled={ro}
              />
              <CheckInput
                label={tv(lang, 'f.appointmentCountersServeEarly')}
                testId="set-appointmentCountersServeEarly"
                value={d.appointmentCountersServeEarly}
                onInput={(v) => set('appointmentCountersServeEarly', v)}
                disabled={ro}
              />
            </Group>
            <Group title={tv(lang, 'rules.noShow')}>
              <NumberInput
                label={tv(lang, 'f.maxRecalls')}
                hint={tv(lang, 'rules.recallsHint')}
                testId="set-maxRecalls"
                min={0}
                max={10}
                value={d.maxRecalls}
                onInput={(v) => set('maxRecalls', v)}
                disabled={ro}
              />
              <CheckInput
                label={tv(lang, 'f.noShowRequeueOnce')}
                testId="set-noShowRequeueOnce"
                value={d.noShowRequeueOnce}
                onInput={(v) => set('noShowRequeueOnce', v)}
                disabled={ro}
              />
            </Group>
            <Group title={tv(lang, 'f.serviceLevel')}>
              <NumberInput
                label={tv(lang, 'f.targetMinutes')}
                testId="set-serviceLevel-targetMinutes"
                min={1}
                max={240}
                unit={min}
                value={level.targetMinutes}
                onInput={(v) => set('serviceLevel', { ...level, targetMinutes: v })}
                disabled={ro}
              />
              <NumberInput
                label={tv(lang, 'f.targetPercent')}
                testId="set-serviceLevel-targetPercent"
                min={1}
                max={100}
                unit="%"
                value={level.targetPercent}
                onInput={(v) => set('serviceLevel', { ...level, targetPercent: v })}
                disabled={ro}
              />
              <p class="sv-group-note">{tv(lang, 'rules.perServiceHint')}</p>
              {targeted.map((s) => (
                <NumberInput
                  key={s.id}
                  label={lang === 'ar' ? s.nameAr : s.nameEn}
                  testId={`set-perService-${s.id}`}
                  min={1}
                  max={240}
                  unit={min}
                  value={level.perService[s.id] ?? Number.NaN}
                  onInput={(v) => setTarget(s.id, v)}
                  disabled={ro}
                />
              ))}
            </Group>
            <Group title={tv(lang, 'rules.booking')}>
              <NumberInput
                label={tv(lang, 'f.bookingHorizonDays')}
                testId="set-bookingHorizonDays"
                min={0}
                max={365}
                unit={tv(lang, 'unit.days')}
                value={d.bookingHorizonDays}
                onInput={(v) => set('bookingHorizonDays', v)}
                disabled={ro}
              />
              <NumberInput
                label={tv(lang, 'f.serviceTimeWindow')}
                hint={tv(lang, 'rules.windowHint')}
                testId="set-serviceTimeWindow"
                min={1}
                max={200}
                value={d.serviceTimeWindow}
                onInput={(v) => set('serviceTimeWindow', v)}
                disabled={ro}
              />
              <TextInput
                label={tv(lang, 'f.appointmentPrefix')}
                hint={tv(lang, 'rules.prefixHint')}
                testId="set-appointmentPrefix"
                class="sv-short"
                dir="ltr"
                maxLength={1}
                value={d.appointmentPrefix}
                onInput={(v) => set('appointmentPrefix', v.toUpperCase())}
                disabled={ro}
              />
            </Group>
            <Group title={tv(lang, 'rules.sessions')}>
              <NumberInput
                label={tv(lang, 'f.sessionIdleMinutes')}
                hint={tv(lang, 'rules.sessionHint')}
                testId="set-sessionIdleMinutes"
                min={5}
                max={720}
                unit={tv(lang, 'unit.minutes')}
                value={d.sessionIdleMinutes}
                onInput={(v) => set('sessionIdleMinutes', v)}
                disabled={ro}
              />
            </Group>
          </>
        );
      }}
    </SettingsForm>
  );
}

const KIOSK_KEYS = [
  'hallName',
  'hallAddress',
  'kioskIdleSeconds',
  'kioskTicketsBurst',
  'kioskTicketsPerMinute',
  'ticketFooter',
  'printerWidth',
] as const satisfies readonly Key[];

/** The staff PIN that leaves kiosk mode (supervisors too): typed twice, stored hashed by the hub. */
function KioskPinForm() {
  const lang = useLang();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const action = useAction();
  const mismatch = repeat !== '' && repeat !== pin;
  const save = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      await call('kiosk.setPin', validated(KioskPinBody, { pin }));
      return tv(lang, 'kiosk.pinDone');
    });
    if (ok) {
      setPin('');
      setRepeat('');
    }
  };
  return (
    <form class="sv-group sv-pin" data-testid="kiosk-pin" onSubmit={save} noValidate>
      <h2 class="sv-group-title">{tv(lang, 'kiosk.pinTitle')}</h2>
      <p class="sv-group-note">{tv(lang, 'kiosk.pinHint')}</p>
      <div class="sv-group-body">
        <TextInput label={tv(lang, 'f.pin')} testId="pin-new" dir="ltr" maxLength={8} value={pin} onInput={(v) => setPin(v.replace(/\D/g, ''))} />
        <TextInput
          label={tv(lang, 'kiosk.pinRepeat')}
          testId="pin-repeat"
          dir="ltr"
          maxLength={8}
          value={repeat}
          onInput={(v) => setRepeat(v.replace(/\D/g, ''))}
          hint={mismatch ? tv(lang, 'kiosk.pinMismatch') : undefined}
        />
      </div>
      <ActionResult action={action} testId="pin" />
      <div class="sv-save">
        <button type="submit" class="btn btn-primary" data-testid="pin-save" disabled={pin === '' || pin !== repeat || action.busy}>
          {action.busy ? <Spinner /> : <KeyIcon size="1.2em" />}
          {tv(lang, 'kiosk.pinSave')}
        </button>
      </div>
    </form>
  );
}

export function KioskPage(props: SettingsPageProps) {
  const lang = useLang();
  return (
    <div class="sv-stack">
      <SettingsForm {...props} page="kiosk" keys={KIOSK_KEYS}>
        {(d, set, ro) => (
          <>
            <Group title={tv(lang, 'f.hallName')}>
              <BilingualFields prefix="set-hallName" value={d.hallName} onInput={(v) => set('hallName', v)} disabled={ro} max={200} />
            </Group>
            <Group title={tv(lang, 'f.hallAddress')}>
              <BilingualFields prefix="set-hallAddress" value={d.hallAddress} onInput={(v) => set('hallAddress', v)} disabled={ro} max={200} />
            </Group>
            <Group title={tv(lang, 'kiosk.screen')}>
              <NumberInput
                label={tv(lang, 'f.kioskIdleSeconds')}
                hint={tv(lang, 'kiosk.idleHint')}
                testId="set-kioskIdleSeconds"
                min={10}
                max={600}
                unit={tv(lang, 'unit.seconds')}
                value={d.kioskIdleSeconds}
                onInput={(v) => set('kioskIdleSeconds', v)}
                disabled={ro}
              />
              <NumberInput
                label={tv(lang, 'f.kioskTicketsBurst')}
                testId="set-kioskTicketsBurst"
                min={1}
                max={1000}
                value={d.kioskTicketsBurst}
                onInput={(v) => set('kioskTicketsBurst', v)}
                disabled={ro}
              />
              <NumberInput
                label={tv(lang, 'f.kioskTicketsPerMinute')}
                hint={tv(lang, 'kiosk.rateHint')}
                testId="set-kioskTicketsPerMinute"
                min={1}
                max={1000}
                value={d.kioskTicketsPerMinute}
                onInput={(v) => set('kioskTicketsPerMinute', v)}
                disabled={ro}
              />
            </Group>
            <Group title={tv(lang, 'kiosk.ticket')}>
              <BilingualFields prefix="set-ticketFooter" value={d.ticketFooter} onInput={(v) => set('ticketFooter', v)} disabled={ro} max={200} />
              <fieldset class="sv-radios" disabled={ro}>
                <legend class="field-label">{tv(lang, 'f.printerWidth')}</legend>
                {([80, 58] as const).map((w) => (
                  <label key={w} class="sv-radio">
                    <input
                      type="radio"
                      name="printerWidth"
                      data-testid={`set-printerWidth-${w}`}
                      checked={d.printerWidth === w}
                      onChange={() => set('printerWidth', w)}
                    />
                    {tv(lang, 'kiosk.paper', { mm: w })}
                  </label>
                ))}
              </fieldset>
            </Group>
          </>
        )}
      </SettingsForm>
      <KioskPinForm />
    </div>
  );
}

/** Arabic and English text side by side, each in its own direction. */
function BilingualFields({
  prefix,
  value,
  onInput,
  disabled,
  max,
}: {
  prefix: string;
  value: { ar: string; en: string };
  onInput(v: { ar: string; en: string }): void;
  disabled: boolean;
  max: number;
}) {
  const lang = useLang();
  return (
    <div class="sv-pair sv-wide">
      <TextInput
        label={tv(lang, 'f.ar')}
        testId={`${prefix}-ar`}
        dir="rtl"
        maxLength={max}
        value={value.ar}
        onInput={(ar) => onInput({ ...value, ar })}
        disabled={disabled}
      />
      <TextInput
        label={tv(lang, 'f.en')}
        testId={`${prefix}-en`}
        dir="ltr"
        maxLength={max}
        value={value.en}
        onInput={(en) => onInput({ ...value, en })}
        disabled={disabled}
      />
    </div>
  );
}

/** A list of rows edited in place: each row's fields, remove, and add at the end. */
function RowList<T>({
  rows,
  onChange,
  blank,
  max,
  testId,
  addLabel,
  readOnly,
  row,
}: {
  rows: T[];
  onChange(rows: T[]): void;
  blank: T;
  max: number;
  testId: string;
  addLabel: string;
  readOnly: boolean;
  row(item: T, i: number, update: (item: T) => void): ComponentChildren;
}) {
  const lang = useLang();
  return (
    <div class="sv-rows" data-testid={testId}>
      {rows.map((item, i) => (
        <div class="sv-row" key={i} data-testid={`${testId}-${i}`}>
          {row(item, i, (next) => onChange(rows.map((r, j) => (j === i ? next : r))))}
          {!readOnly && (
            <button
              type="button"
              class="btn btn-ghost btn-small sv-danger sv-row-remove"
              data-testid={`${testId}-${i}-remove`}
              onClick={() => onChange(rows.filter((_r, j) => j !== i))}
            >
              {tv(lang, 'common.remove')}
            </button>
          )}
        </div>
      ))}
      {!readOnly && rows.length < max && (
        <button type="button" class="btn btn-ghost btn-small sv-row-add" data-testid={`${testId}-add`} onClick={() => onChange([...rows, blank])}>
          {addLabel}
        </button>
      )}
    </div>
  );
}

export function OutcomesPage(props: SettingsPageProps) {
  const lang = useLang();
  return (
    <SettingsForm {...props} page="outcomes" keys={['outcomeCodes']}>
      {(d, set, ro) => (
        <>
          <p class="sv-group-note">{tv(lang, 'outcomes.codeHint')}</p>
          <RowList
            rows={d.outcomeCodes}
            onChange={(rows) => set('outcomeCodes', rows)}
            blank={{ code: '', ar: '', en: '' }}
            max={30}
            testId="outcome"
            addLabel={tv(lang, 'outcomes.add')}
            readOnly={ro}
            row={(o, i, update) => (
              <>
                <TextInput
                  label={tv(lang, 'f.code')}
                  testId={`outcome-${i}-code`}
                  class="sv-code"
                  dir="ltr"
                  maxLength={40}
                  value={o.code}
                  onInput={(code) => update({ ...o, code })}
                  disabled={ro}
                />
                <TextInput
                  label={tv(lang, 'f.ar')}
                  testId={`outcome-${i}-ar`}
                  dir="rtl"
                  maxLength={80}
                  value={o.ar}
                  onInput={(ar) => update({ ...o, ar })}
                  disabled={ro}
                />
                <TextInput
                  label={tv(lang, 'f.en')}
                  testId={`outcome-${i}-en`}
                  dir="ltr"
                  maxLength={80}
                  value={o.en}
                  onInput={(en) => update({ ...o, en })}
                  disabled={ro}
                />
              </>
            )}
          />
        </>
      )}
    </SettingsForm>
  );
}

export function TickerPage(props: SettingsPageProps) {
  const lang = useLang();
  return (
    <SettingsForm {...props} page="ticker" keys={['tickerMessages']}>
      {(d, set, ro) => (
        <RowList
          rows={d.tickerMessages}
          onChange={(rows) => set('tickerMessages', rows)}
          blank={{ ar: '', en: '' }}
          max={20}
          testId="ticker"
          addLabel={tv(lang, 'ticker.add')}
          readOnly={ro}
          row={(m, i, update) => (
            <>
              <TextInput
                label={tv(lang, 'f.ar')}
                testId={`ticker-${i}-ar`}
                dir="rtl"
                maxLength={200}
                value={m.ar}
                onInput={(ar) => update({ ...m, ar })}
                disabled={ro}
              />
              <TextInput
                label={tv(lang, 'f.en')}
                testId={`ticker-${i}-en`}
                dir="ltr"
                maxLength={200}
                value={m.en}
                onInput={(en) => update({ ...m, en })}
                disabled={ro}
              />
            </>
          )}
        />
      )}
    </SettingsForm>
  );
}

const MESSAGE_KEYS = ['reminderDayBeforeAt', 'reminderBeforeMinutes', 'nearTurnPosition', 'quietHours', 'smsSignature'] as const satisfies readonly Key[];

/** The SMS messages to citizens (server/messages.ts): when reminders go, "your turn is near", quiet hours, the signature. */
export function MessagesPage(props: SettingsPageProps) {
  const lang = useLang();
  return (
    <SettingsForm {...props} page="messages" keys={MESSAGE_KEYS}>
      {(d, set, ro) => (
        <>
          <Group title={tv(lang, 'msg.reminders')}>
            <TextInput
              label={tv(lang, 'f.reminderDayBeforeAt')}
              hint={tv(lang, 'msg.timeHint')}
              testId="set-reminderDayBeforeAt"
              dir="ltr"
              maxLength={5}
              value={d.reminderDayBeforeAt}
              onInput={(v) => set('reminderDayBeforeAt', v)}
              disabled={ro}
            />
            <NumberInput
              label={tv(lang, 'f.reminderBeforeMinutes')}
              hint={tv(lang, 'msg.beforeHint')}
              testId="set-reminderBeforeMinutes"
              min={0}
              max={720}
              unit={tv(lang, 'unit.minutes')}
              value={d.reminderBeforeMinutes}
              onInput={(v) => set('reminderBeforeMinutes', v)}
              disabled={ro}
            />
          </Group>
          <Group title={tv(lang, 'msg.hall')}>
            <NumberInput
              label={tv(lang, 'f.nearTurnPosition')}
              hint={tv(lang, 'msg.nearHint')}
              testId="set-nearTurnPosition"
              min={1}
              max={50}
              value={d.nearTurnPosition}
              onInput={(v) => set('nearTurnPosition', v)}
              disabled={ro}
            />
            <TextInput
              label={tv(lang, 'f.quietFrom')}
              testId="set-quietHours-from"
              dir="ltr"
              maxLength={5}
              value={d.quietHours.from}
              onInput={(from) => set('quietHours', { ...d.quietHours, from })}
              disabled={ro}
            />
            <TextInput
              label={tv(lang, 'f.quietTo')}
              hint={tv(lang, 'msg.quietHint')}
              testId="set-quietHours-to"
              dir="ltr"
              maxLength={5}
              value={d.quietHours.to}
              onInput={(to) => set('quietHours', { ...d.quietHours, to })}
              disabled={ro}
            />
          </Group>
          <Group title={tv(lang, 'f.smsSignature')}>
            <BilingualFields prefix="set-smsSignature" value={d.smsSignature} onInput={(v) => set('smsSignature', v)} disabled={ro} max={200} />
          </Group>
        </>
      )}
    </SettingsForm>
  );
}
