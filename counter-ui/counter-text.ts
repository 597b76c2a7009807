// How the counter's screens write a counter: its title (with its name, when an admin gave it one),
// the services it takes and why "call next" holds it, in the screen's language.
import type { WalkinHold } from '../engine/select.ts';
import type { Counter, Settings, Ticket } from '../protocol/domain.ts';
import { counterName } from '../ui-kit/counter-name.ts';
import { formatTime, type Lang } from '../ui-kit/i18n.ts';
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

/** Why "call next" skips walk-ins, and until when: "Next booking 09:30 in 8 min; “Call next” takes walk-ins from 09:45." */
export function holdText(hold: WalkinHold, now: number, lang: Lang, timeZone: string): string {
  const slot = formatTime(hold.nextSlotAt, lang, timeZone);
  const from = formatTime(hold.walkinsFrom, lang, timeZone);
  if (hold.nextSlotAt <= now) return tc(lang, 'hold.started', { slot, from });
  return tc(lang, 'hold.next', { slot, from, mins: tc(lang, 'hold.mins', { n: Math.ceil((hold.nextSlotAt - now) / 60_000) }) });
}

/** What became of a ticket that left the counter (the hub's reply): finished with its outcome, or a no-show (gone, or back in the queue once). */
export function sentAwayText(t: Ticket, outcomes: Settings['outcomeCodes'], lang: Lang): string {
  if (t.status === 'done') {
    const o = outcomes.find((x) => x.code === t.outcome);
    return tc(lang, 'done.finished', { label: t.label, outcome: o ? o[lang] : (t.outcome ?? '') });
  }
  return tc(lang, t.status === 'waiting' ? 'done.requeued' : 'done.noShow', { label: t.label });
}
