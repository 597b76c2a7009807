// The footer ticker's messages and their rotation. Pure: the board calls it on every tick (the
// hub's clock), so an expired broadcast drops out within a second and a new one shows at once.
import { activeTicker } from '../engine/hall-stats.ts';
import type { PublicHallState } from '../protocol/state.ts';

export interface TickerItem {
  /** Stable while the message runs: `live:<id>` for a supervisor's broadcast, `hall:<n>` for the hall's standing messages. */
  key: string;
  ar: string;
  en: string;
  /** A supervisor's broadcast (it has an expiry), not one of the hall's standing messages. */
  live: boolean;
}

/** What the ticker runs now: the supervisor's unexpired broadcasts (oldest first), then the hall's standing messages. */
export function tickerItems(state: Pick<PublicHallState, 'ticker' | 'settings'>, now: number): TickerItem[] {
  return [
    ...activeTicker(state, now).map((m) => ({ key: `live:${m.id}`, ar: m.ar, en: m.en, live: true })),
    ...state.settings.tickerMessages.map((m, i) => ({ key: `hall:${i}`, ar: m.ar, en: m.en, live: false })),
  ];
}

export interface TickerPosition {
  /** The message on screen, or null when there is none. */
  key: string | null;
  /** Its place in the list (where the next one is looked for when it is gone). */
  index: number;
  /** Every key the ticker knew at this step: a broadcast not among them is new. */
  known: readonly string[];
}

export const TICKER_START: TickerPosition = { key: null, index: 0, known: [] };

/**
 * The message to show after `prev`, for the messages now: a broadcast that just arrived goes on
 * screen at once; otherwise the one shown stays (or, with `advance`, the next one follows it);
 * when the one shown is gone, the message that took its place follows.
 */
export function tickerStep(items: readonly TickerItem[], prev: TickerPosition, advance: boolean): TickerPosition {
  const known = items.map((m) => m.key);
  if (items.length === 0) return { key: null, index: 0, known };
  const arrived = items.findIndex((m) => m.live && !prev.known.includes(m.key));
  const shown = items.findIndex((m) => m.key === prev.key);
  let index: number;
  if (arrived >= 0 && prev.known.length > 0) index = arrived;
  else if (shown >= 0) index = advance ? shown + 1 : shown;
  else index = prev.index;
  index %= items.length;
  return { key: items[index]!.key, index, known };
}
