// The console's Settings section: its pages as tabs (`#settings/services`, … — the address keeps
// the page, so a reload stays there), each fed by the live hall state so a change made anywhere
// shows at once. Admins edit; supervisors read, except where the hub lets them act (the appointment
// schedule, holidays, the kiosk's staff PIN).
import { useEffect, useState } from 'preact/hooks';
import { useLang } from '../ui-kit/components.tsx';
import type { Me } from '../ui-kit/login.tsx';
import './settings.css';
import { Loading, useHallState } from './admin-kit.tsx';
import type { Hall } from './app.tsx';
import { tv } from './i18n.ts';
import { CountersPage } from './settings-counters.tsx';
import { HoursPage } from './settings-hours.tsx';
import { KioskPage, MessagesPage, OutcomesPage, QueueRulesPage, TickerPage } from './settings-rules.tsx';
import { ServicesPage } from './settings-services.tsx';

export const SETTINGS_PAGES = ['services', 'counters', 'hours', 'rules', 'kiosk', 'outcomes', 'ticker', 'messages'] as const;
export type SettingsPage = (typeof SETTINGS_PAGES)[number];

/** The page the address names after `#settings/`, or the first. */
function pageOf(hash: string): SettingsPage {
  const name = hash.replace(/^#settings\/?/, '');
  return (SETTINGS_PAGES as readonly string[]).includes(name) ? (name as SettingsPage) : 'services';
}

function usePage(): SettingsPage {
  const [page, setPage] = useState<SettingsPage>(() => pageOf(location.hash));
  useEffect(() => {
    const follow = () => setPage(pageOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return page;
}

export function SettingsSection({ me, hall }: { me: Me; hall: Hall }) {
  const lang = useLang();
  const page = usePage();
  const state = useHallState();
  const admin = me.user.role === 'admin';
  const services = state ? Object.values(state.services).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)) : [];
  const counters = state ? Object.values(state.counters).sort((a, b) => a.number - b.number) : [];
  return (
    <div class="sv-settings">
      <nav class="sv-tabs" aria-label={tv(lang, 'nav.settings')}>
        {SETTINGS_PAGES.map((p) => (
          <a key={p} class="sv-tab" href={`#settings/${p}`} data-testid={`tab-${p}`} aria-current={p === page ? 'page' : undefined}>
            {tv(lang, `settings.${p}`)}
          </a>
        ))}
      </nav>
      {page === 'hours' ? (
        <HoursPage admin={admin} today={hall.day} />
      ) : !state ? (
        <Loading />
      ) : page === 'services' ? (
        <ServicesPage services={services} admin={admin} />
      ) : page === 'counters' ? (
        <CountersPage counters={counters} services={services} admin={admin} />
      ) : page === 'rules' ? (
        <QueueRulesPage settings={state.settings} services={services} admin={admin} />
      ) : page === 'kiosk' ? (
        <KioskPage settings={state.settings} admin={admin} />
      ) : page === 'outcomes' ? (
        <OutcomesPage settings={state.settings} admin={admin} />
      ) : page === 'messages' ? (
        <MessagesPage settings={state.settings} admin={admin} />
      ) : (
        <TickerPage settings={state.settings} admin={admin} />
      )}
    </div>
  );
}
