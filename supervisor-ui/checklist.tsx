// The start page: what a hall needs before it takes citizens, each item's state worked out from what
// the hub already answers (services, counters, the appointment schedule, accounts, paired devices and
// their printers), with a link to the section where it is set and, for the kiosks' printers, a test
// print. Where the hub cannot be asked, the item says so instead of guessing.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorWords } from '../protocol/errors.ts';
import { type ApiFailure, toFailure } from '../ui-kit/api.ts';
import { call, type ReplyOf } from '../ui-kit/client.ts';
import { Spinner, useLang } from '../ui-kit/components.tsx';
import { formatShortDate, type Lang } from '../ui-kit/i18n.ts';
import { AlertIcon, CheckCircleIcon, InfoIcon } from '../ui-kit/icons.tsx';
import { FormError } from '../ui-kit/password.tsx';
import type { Accounts } from './app.tsx';
import { tv } from './i18n.ts';
import { PrinterIcon } from './icons.tsx';
import { type Section, sectionHref, sectionName } from './sections.tsx';

type Device = ReplyOf<'devices.list'>['devices'][number];
type State = 'done' | 'todo' | 'warn' | 'unknown';

interface Hub {
  services: PromiseSettledResult<ReplyOf<'services.list'>>;
  counters: PromiseSettledResult<ReplyOf<'counters.list'>>;
  devices: PromiseSettledResult<ReplyOf<'devices.list'>>;
  schedule: PromiseSettledResult<ReplyOf<'schedule.get'>>;
}

interface Item {
  id: string;
  title: string;
  state: State;
  detail: string;
  section: Section;
  extra?: ComponentChildren;
}

const count = <T,>(xs: readonly T[], test: (x: T) => boolean) => xs.filter(test).length;
/** A paired device still in use (not waiting for its code, not revoked). */
const inUse = (d: Device) => d.pairedAt !== null && !d.revoked;

/** Prints the sample ticket on a kiosk's printer and says how it went. */
export function TestPrint({ kiosk }: { kiosk: Device }) {
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReplyOf<'printers.test'> | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await call('printers.test', { deviceId: kiosk.id }));
    } catch (e) {
      setError(toFailure(e));
    }
    setBusy(false);
  };
  // A printer that does not answer in time is, to the person, not reachable.
  const failed = result && !result.ok ? (errorWords(lang, result.error.code === 'TIMEOUT' ? 'OFFLINE' : result.error.code) ?? result.error.message) : null;
  return (
    <div class="sv-print" data-testid={`test-print-${kiosk.id}`}>
      <button type="button" class="btn btn-ghost btn-small" data-testid="test-print" disabled={busy} onClick={() => void run()}>
        {busy ? <Spinner /> : <PrinterIcon size="1.2em" />}
        {tv(lang, 'print.test', { name: kiosk.name })}
      </button>
      {result?.ok && (
        <span class="sv-print-ok" role="status" data-testid="test-print-ok">
          {tv(lang, 'print.ok', { target: result.target })}
        </span>
      )}
      {failed && (
        <span class="sv-print-bad" role="alert" data-testid="test-print-failed">
          {failed}
        </span>
      )}
      <FormError error={error} testId="test-print-error" />
    </div>
  );
}

function items(lang: Lang, hub: Hub, accounts: Accounts | null, today: string): Item[] {
  const unknown = (id: string, title: string, section: Section): Item => ({ id, title, state: 'unknown', detail: tv(lang, 'state.unknown'), section });
  const list: Item[] = [];

  const servicesTitle = tv(lang, 'item.services');
  if (hub.services.status === 'fulfilled') {
    const services = hub.services.value.services.map((t) => t.service);
    list.push({
      id: 'services',
      title: servicesTitle,
      section: 'settings',
      state: services.length > 0 ? 'done' : 'todo',
      detail:
        services.length > 0
          ? tv(lang, 'item.servicesState', {
              n: services.length,
              kiosk: count(services, (s) => s.kioskVisible),
              bookable: count(services, (s) => s.bookable),
            })
          : tv(lang, 'item.servicesNone'),
    });
  } else list.push(unknown('services', servicesTitle, 'settings'));

  const countersTitle = tv(lang, 'item.counters');
  if (hub.counters.status === 'fulfilled') {
    const counters = hub.counters.value.counters;
    list.push({
      id: 'counters',
      title: countersTitle,
      section: 'settings',
      state: counters.length > 0 ? 'done' : 'todo',
      detail:
        counters.length > 0
          ? tv(lang, 'item.countersState', {
              n: counters.length,
              appointment: count(counters, (c) => c.mode === 'appointment'),
              general: count(counters, (c) => c.mode === 'general'),
              mixed: count(counters, (c) => c.mode === 'mixed'),
            })
          : tv(lang, 'item.countersNone'),
    });
  } else list.push(unknown('counters', countersTitle, 'settings'));

  const scheduleTitle = tv(lang, 'item.schedule');
  if (hub.schedule.status === 'fulfilled') {
    const { schedule, holidays } = hub.schedule.value;
    // The weekly schedule in force today: the one with the latest start on or before today.
    const started = schedule.filter((p) => today === '' || p.validFrom <= today);
    const from =
      started
        .map((p) => p.validFrom)
        .sort()
        .at(-1) ?? '';
    const current = started.filter((p) => p.validFrom === from);
    list.push({
      id: 'schedule',
      title: scheduleTitle,
      section: 'settings',
      state: current.length > 0 ? 'done' : 'todo',
      detail:
        current.length > 0
          ? tv(lang, 'item.scheduleState', {
              n: current.length,
              from: formatShortDate(Date.parse(`${from}T12:00:00Z`), lang, 'UTC'),
              holidays: count(holidays, (h) => h.day >= today),
            })
          : tv(lang, 'item.scheduleNone'),
    });
  } else list.push(unknown('schedule', scheduleTitle, 'settings'));

  const usersTitle = tv(lang, 'item.users');
  if (accounts) {
    const enabled = accounts.users.filter((u) => !u.disabled);
    const byRole = (role: string) => count(enabled, (u) => u.role === role);
    const demo = count(enabled, (u) => u.demoPassword);
    const counterStaff = byRole('counter');
    const state: State = counterStaff === 0 ? 'todo' : demo > 0 ? 'warn' : 'done';
    const roles = tv(lang, 'item.usersState', {
      counter: counterStaff,
      callcenter: byRole('callcenter'),
      supervisor: byRole('supervisor'),
      admin: byRole('admin'),
    });
    const warning = counterStaff === 0 ? tv(lang, 'item.usersNoCounter') : demo > 0 ? tv(lang, 'item.usersDemo', { n: demo }) : null;
    list.push({ id: 'users', title: usersTitle, section: 'users', state, detail: warning ? `${roles}. ${warning}` : roles });
  } else list.push(unknown('users', usersTitle, 'users'));

  const devicesTitle = tv(lang, 'item.devices');
  const printersTitle = tv(lang, 'item.printers');
  if (hub.devices.status === 'fulfilled') {
    const paired = hub.devices.value.devices.filter(inUse);
    const kiosks = paired.filter((d) => d.kind === 'kiosk');
    const displays = count(paired, (d) => d.kind === 'display');
    list.push({
      id: 'devices',
      title: devicesTitle,
      section: 'devices',
      state: kiosks.length > 0 && displays > 0 ? 'done' : 'todo',
      detail: tv(lang, 'item.devicesState', { kiosks: kiosks.length, displays }),
    });
    const withPrinter = kiosks.filter((k) => k.printer !== null);
    list.push({
      id: 'printers',
      title: printersTitle,
      section: 'devices',
      state: kiosks.length > 0 && withPrinter.length === kiosks.length ? 'done' : 'todo',
      detail: kiosks.length > 0 ? tv(lang, 'item.printersState', { bound: withPrinter.length, kiosks: kiosks.length }) : tv(lang, 'item.printersNone'),
      extra:
        withPrinter.length > 0 ? (
          <div class="sv-prints">
            {withPrinter.map((k) => (
              <TestPrint key={k.id} kiosk={k} />
            ))}
          </div>
        ) : undefined,
    });
  } else {
    list.push(unknown('devices', devicesTitle, 'devices'));
    list.push(unknown('printers', printersTitle, 'devices'));
  }
  return list;
}

function StateIcon({ state }: { state: State }) {
  if (state === 'done') return <CheckCircleIcon size="100%" />;
  if (state === 'todo') return <InfoIcon size="100%" />;
  return <AlertIcon size="100%" />;
}

export function Checklist({
  accounts,
  accountsError,
  today,
  onReloadAccounts,
}: {
  accounts: Accounts | null;
  accountsError: ApiFailure | null;
  /** The hall's service day, '' until the feed's first snapshot. */
  today: string;
  onReloadAccounts(): Promise<void>;
}) {
  const lang = useLang();
  const [hub, setHub] = useState<Hub | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    setBusy(true);
    const [services, counters, devices, schedule] = await Promise.allSettled([
      call('services.list', {}),
      call('counters.list', {}),
      call('devices.list', {}),
      call('schedule.get', {}),
    ]);
    setHub({ services, counters, devices, schedule });
    setBusy(false);
  }, []);
  useEffect(() => void load(), [load]);

  // The accounts come from the console (they feed its banner too); the page waits for them as well.
  const ready = hub !== null && (accounts !== null || accountsError !== null);
  const list = ready ? items(lang, hub, accounts, today) : [];
  const done = count(list, (i) => i.state === 'done');
  return (
    <section class="sv-page" data-testid="checklist" aria-labelledby="checklist-title">
      <div class="sv-page-head">
        <div>
          <h1 class="sv-page-title" id="checklist-title">
            {tv(lang, 'start.title')}
            {ready && (
              <span class="sv-count" data-testid="checklist-progress">
                {tv(lang, 'start.progress', { done, total: list.length })}
              </span>
            )}
          </h1>
          <p class="sv-page-intro">{tv(lang, 'start.intro')}</p>
        </div>
        <button
          type="button"
          class="btn btn-ghost btn-small"
          data-testid="checklist-refresh"
          disabled={busy}
          onClick={() => void Promise.all([load(), onReloadAccounts()])}
        >
          {busy && <Spinner />}
          {tv(lang, 'common.refresh')}
        </button>
      </div>
      {!ready ? (
        <p class="sv-loading">
          <Spinner />
          {tv(lang, 'common.loading')}
        </p>
      ) : (
        <ol class="sv-checks">
          {list.map((item) => (
            <li key={item.id} class={`sv-check sv-check-${item.state}`} data-testid={`check-${item.id}`} data-state={item.state}>
              <span class="sv-check-icon">
                <StateIcon state={item.state} />
              </span>
              <div class="sv-check-body">
                <h2 class="sv-check-title">
                  {item.title}
                  <span class="sv-check-state">{tv(lang, `state.${item.state}`)}</span>
                </h2>
                <p class="sv-check-detail">{item.detail}</p>
                {item.extra}
              </div>
              <a class="btn btn-ghost btn-small sv-check-link" href={sectionHref(item.section)} data-testid={`check-${item.id}-link`}>
                {tv(lang, 'item.open', { section: sectionName(lang, item.section) })}
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
