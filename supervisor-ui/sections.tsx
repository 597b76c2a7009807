// The console's sections, in the side navigation's order, and where they live: `/supervisor#users`
// (a section's own pages after a slash: `#settings/services`). The sections not built yet show
// what they will hold until their screens come.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLang } from '../ui-kit/components.tsx';
import { dir, type Lang, otherLang } from '../ui-kit/i18n.ts';
import { UsersIcon } from '../ui-kit/icons.tsx';
import { tv, type SvKey } from './i18n.ts';
import { AuditIcon, ChartIcon, ChecklistIcon, DevicesIcon, GearIcon, PulseIcon, RolloutIcon } from './icons.tsx';

export const SECTIONS = ['start', 'live', 'users', 'settings', 'devices', 'rollout', 'audit', 'reports'] as const;
export type Section = (typeof SECTIONS)[number];
const BUILT = ['start', 'live', 'users', 'settings', 'devices', 'audit', 'rollout'] as const;
export type SoonSection = Exclude<Section, (typeof BUILT)[number]>;

const isSoon = (s: Section): s is SoonSection => !(BUILT as readonly Section[]).includes(s);

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
  const name = hash.replace(/^#/, '').split('/')[0] ?? '';
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
                {isSoon(s) && <span class="sv-nav-soon">{tv(lang, 'nav.soon')}</span>}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A section not built yet: what it will hold, in both languages (no made-up figures). */
export function SoonPanel({ section }: { section: SoonSection }) {
  const lang = useLang();
  const other = otherLang(lang);
  const Icon = ICONS[section];
  return (
    <section class="card sv-soon" data-testid={`soon-${section}`} aria-labelledby="sv-soon-title">
      <span class="sv-soon-icon">
        <Icon size="100%" />
      </span>
      <h1 class="sv-page-title" id="sv-soon-title">
        {sectionName(lang, section)}
      </h1>
      <p class="sv-soon-lead">{tv(lang, 'soon.title')}</p>
      <p>{tv(lang, `soon.${section}`)}</p>
      <div class="sv-soon-other" lang={other} dir={dir(other)}>
        <p class="sv-soon-lead">{tv(other, 'soon.title')}</p>
        <p>{tv(other, `soon.${section}`)}</p>
      </div>
    </section>
  );
}
