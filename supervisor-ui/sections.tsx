// The console's sections, in the side navigation's order, and where they live: `/supervisor#users`
// (a section's own pages after a slash, `#settings/services`, or its query after a question mark,
// `#reports?from=…`).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLang } from '../ui-kit/components.tsx';
import type { Lang } from '../ui-kit/i18n.ts';
import { UsersIcon } from '../ui-kit/icons.tsx';
import { tv, type SvKey } from './i18n.ts';
import { AuditIcon, ChartIcon, ChecklistIcon, DevicesIcon, GearIcon, PulseIcon, RolloutIcon } from './icons.tsx';

export const SECTIONS = ['start', 'live', 'users', 'settings', 'devices', 'rollout', 'audit', 'reports'] as const;
export type Section = (typeof SECTIONS)[number];

const ICONS: Record<Section, (p: { size: string }) => ComponentChildren> = {
  start: ChecklistIcon,
  live: PulseIcon,
  users: UsersIcon,
  settings: GearIcon,
  devices: DevicesIcon,
  rollout: RolloutIcon,
  audit: AuditIcon,
  reports: ChartIcon,
};

const navKey = (s: Section): SvKey => `nav.${s}`;
export const sectionName = (lang: Lang, s: Section) => tv(lang, navKey(s));

/** The link to a section (the address bar keeps it, so a reload stays there). */
export const sectionHref = (s: Section) => `#${s}`;

function sectionOf(hash: string): Section {
  const name = hash.replace(/^#/, '').split(/[/?]/)[0] ?? '';
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'start';
}

/** The section the address names, following the links and the browser's back button. */
export function useSection(): Section {
  const [section, setSection] = useState<Section>(() => sectionOf(location.hash));
  useEffect(() => {
    const follow = () => setSection(sectionOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return section;
}

export function SideNav({ current }: { current: Section }) {
  const lang = useLang();
  return (
    <nav class="sv-nav" aria-label={tv(lang, 'nav.label')}>
      <ul>
        {SECTIONS.map((s) => {
          const Icon = ICONS[s];
          return (
            <li key={s}>
              <a class="sv-nav-link" href={sectionHref(s)} data-testid={`nav-${s}`} aria-current={s === current ? 'page' : undefined}>
                <Icon size="1.35em" />
                <span class="sv-nav-name">{sectionName(lang, s)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
