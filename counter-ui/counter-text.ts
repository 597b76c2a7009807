// How the counter's screens write a counter: its title (with its name, when an admin gave it one)
// and the services it takes, in the screen's language.
import type { Counter } from '../protocol/domain.ts';
import { counterName } from '../ui-kit/counter-name.ts';
import type { Lang } from '../ui-kit/i18n.ts';
import { tc } from './i18n.ts';
import type { Hall } from './model.ts';

/** "Counter 3", with its name when it has one ("Counter 3 · Appointments"). */
export function counterTitle(c: Counter, lang: Lang): string {
  const name = counterName(c);
  return name ? `${tc(lang, 'pick.counter', { n: c.number })} · ${name[lang]}` : tc(lang, 'pick.counter', { n: c.number });
}

/** The services a counter takes, by name in `lang`, or "All services". */
export function servicesText(hall: Hall, c: Counter, lang: Lang): string {
  if (c.serviceIds.length === 0) return tc(lang, 'pick.allServices');
  return c.serviceIds.map((id) => (lang === 'ar' ? hall.services[id]?.nameAr : hall.services[id]?.nameEn) ?? id).join(lang === 'ar' ? '، ' : ', ');
}
