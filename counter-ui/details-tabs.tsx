// The current ticket's details column as tabs: the booking (or the walk-in ticket), and — when the
// ticket carries a CPR — the citizen and their applications and letters. Only the open tab's panel
// is rendered; it takes the column's whole height and scrolls inside itself when longer. The record
// is fetched here once per ticket, so switching tabs is instant. Mounted per ticket (keyed by its
// id), so each new ticket opens on its first tab.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatNumber, type Lang } from '../ui-kit/i18n.ts';
import { CitizenCard, CitizenFiles, filesCount, useCitizen, type PanelProps } from './citizen-card.tsx';
import { T } from './components.tsx';
import { tc } from './i18n.ts';
import { CalendarCheckIcon, MailIcon, TicketIcon, UsersIcon } from '../ui-kit/icons.tsx';

type Tab = 'ticket' | 'citizen' | 'files';

export function DetailsTabs({
  ticketId,
  kind,
  cpr,
  lang,
  timeZone,
  children,
}: {
  ticketId: string;
  kind: 'appointment' | 'walkin';
  cpr: string | null;
  lang: Lang;
  timeZone: string;
  /** The first tab's panel content: the booking or the walk-in ticket's details. */
  children: ComponentChildren;
}) {
  const [chosen, setChosen] = useState<Tab>('ticket');
  const load = useCitizen(ticketId, cpr);
  const count = filesCount(load);
  // No CPR: the ticket tab only. A CPR without a record: no applications tab either.
  const tabs: Tab[] = !cpr ? ['ticket'] : load.state === 'missing' ? ['ticket', 'citizen'] : ['ticket', 'citizen', 'files'];
  const tab = tabs.includes(chosen) ? chosen : 'ticket';
  const id = (t: Tab, part: 'tab' | 'panel') => `details-${part}-${t}-${ticketId}`;
  const panel = (t: Tab): PanelProps => ({ id: id(t, 'panel'), role: 'tabpanel', 'aria-labelledby': id(t, 'tab'), tabIndex: 0 });

  const focusTab = (t: Tab) => {
    setChosen(t);
    document.getElementById(id(t, 'tab'))?.focus();
  };
  // Arrow keys move along the tabs as they are drawn (right-to-left in Arabic); Home and End jump.
  const onKeyDown = (from: Tab, e: KeyboardEvent) => {
    const i = tabs.indexOf(from);
    const forward = lang === 'ar' ? 'ArrowLeft' : 'ArrowRight';
    const back = lang === 'ar' ? 'ArrowRight' : 'ArrowLeft';
    const next =
      e.key === forward
        ? tabs[(i + 1) % tabs.length]
        : e.key === back
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === 'Home'
            ? tabs[0]
            : e.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    focusTab(next);
  };

  const label: Record<Tab, ComponentChildren> = {
    ticket: (
      <>
        {kind === 'appointment' ? <CalendarCheckIcon size="1.15em" /> : <TicketIcon size="1.15em" />}
        <T k={kind === 'appointment' ? 'appt.title' : 'walkin.title'} />
      </>
    ),
    citizen: (
      <>
        <UsersIcon size="1.15em" />
        <T k="citizen.title" />
      </>
    ),
    files: (
      <>
        <MailIcon size="1.15em" />
        <T k="citizen.files" />
        {count !== null && (
          <span class="dt-count ltr-num" data-testid="details-files-count" data-value={count}>
            {formatNumber(count, lang)}
          </span>
        )}
      </>
    ),
  };

  return (
    <div class="details-col" data-tab={tab}>
      <div class="dt-tabs" role="tablist" aria-label={tc(lang, 'details.tabs')}>
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            class="dt-tab"
            id={id(t, 'tab')}
            role="tab"
            aria-selected={t === tab ? 'true' : 'false'}
            aria-controls={t === tab ? id(t, 'panel') : undefined}
            tabIndex={t === tab ? 0 : -1}
            data-testid={`details-tab-${t}`}
            onClick={() => setChosen(t)}
            onKeyDown={(e) => onKeyDown(t, e)}
          >
            {label[t]}
          </button>
        ))}
      </div>
      {tab === 'ticket' && (
        <div class="dt-panel" {...panel('ticket')}>
          {children}
        </div>
      )}
      {tab === 'citizen' && cpr && <CitizenCard cpr={cpr} load={load} lang={lang} panel={panel('citizen')} />}
      {tab === 'files' && <CitizenFiles load={load} lang={lang} timeZone={timeZone} panel={panel('files')} />}
    </div>
  );
}
