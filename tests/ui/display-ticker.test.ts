// The display's footer ticker (display-ui/ticker.ts): which messages run now on the hub's clock (a
// supervisor's broadcasts from real engine commands, then the hall's standing messages), and how
// the board steps through them while broadcasts come, expire and are removed.
import { describe, expect, it } from 'vitest';
import { TICKER_START, tickerItems, tickerStep, type TickerItem, type TickerPosition } from '../../display-ui/ticker.ts';
import { at, dayOpened, Hall, MINUTE } from '../engine/fixtures.ts';

const HOTLINE = { ar: 'للحجز اتصل على 80008000', en: 'To book call 80008000' };
const KEEP = { ar: 'احتفظ بتذكرتك', en: 'Keep your ticket' };

function hall() {
  return new Hall(dayOpened({ settings: { tickerMessages: [HOTLINE, KEEP] } }));
}

function broadcast(h: Hall, en: string, now: number, minutes: number): string {
  const d = h.run({ type: 'set_ticker', ar: `عربي: ${en}`, en, expiresAt: now + minutes * MINUTE }, now);
  const e = d.events.find((x) => x.type === 'ticker_set');
  if (e?.type !== 'ticker_set') throw new Error('no ticker_set');
  return e.message.id;
}

const texts = (items: TickerItem[]) => items.map((m) => m.en);

describe('the messages on the ticker', () => {
  it("runs the supervisor's broadcasts first (oldest first), then the hall's standing ones, and drops a broadcast when it expires", () => {
    const h = hall();
    expect(texts(tickerItems(h.state, at('09:00')))).toEqual(['To book call 80008000', 'Keep your ticket']);
    broadcast(h, 'Counter 3 is closed for maintenance', at('09:00'), 30);
    broadcast(h, 'The hall closes at 13:00 today', at('09:05'), 60);
    const now = tickerItems(h.state, at('09:10'));
    expect(texts(now)).toEqual(['Counter 3 is closed for maintenance', 'The hall closes at 13:00 today', 'To book call 80008000', 'Keep your ticket']);
    expect(now.map((m) => m.live)).toEqual([true, true, false, false]);
    expect(now[0]!.ar).toBe('عربي: Counter 3 is closed for maintenance');
    // 09:30 is the first one's expiry: gone from that instant, on the hub's clock.
    expect(texts(tickerItems(h.state, at('09:29')))).toContain('Counter 3 is closed for maintenance');
    expect(texts(tickerItems(h.state, at('09:30')))).toEqual(['The hall closes at 13:00 today', 'To book call 80008000', 'Keep your ticket']);
  });

  it('drops a removed broadcast, and keys each message so that it keeps its place while others come and go', () => {
    const h = hall();
    const id = broadcast(h, 'Printer fixed', at('09:00'), 30);
    expect(tickerItems(h.state, at('09:01')).map((m) => m.key)).toEqual([`live:${id}`, 'hall:0', 'hall:1']);
    h.run({ type: 'remove_ticker', id }, at('09:02'));
    expect(tickerItems(h.state, at('09:02')).map((m) => m.key)).toEqual(['hall:0', 'hall:1']);
  });
});

describe('stepping through them', () => {
  const item = (key: string, live = false): TickerItem => ({ key, ar: key, en: key, live });
  const hallOnly = [item('hall:0'), item('hall:1'), item('hall:2')];
  /** Steps through `list` n times with `advance`, from `from`. */
  const walk = (list: TickerItem[], from: TickerPosition, n: number) => {
    const keys: (string | null)[] = [];
    let p = from;
    for (let i = 0; i < n; i++) {
      p = tickerStep(list, p, true);
      keys.push(p.key);
    }
    return { keys, p };
  };

  it('starts with the first message and goes round', () => {
    const first = tickerStep(hallOnly, TICKER_START, false);
    expect(first.key).toBe('hall:0');
    expect(walk(hallOnly, first, 4).keys).toEqual(['hall:1', 'hall:2', 'hall:0', 'hall:1']);
  });

  it('shows a broadcast the moment it arrives, then carries on after it', () => {
    const shown = tickerStep(hallOnly, tickerStep(hallOnly, TICKER_START, false), true); // hall:1 on screen
    const withNews = [item('live:T1', true), ...hallOnly];
    const now = tickerStep(withNews, shown, false);
    expect(now.key).toBe('live:T1');
    // Not again on the next change of the list: it is known now.
    expect(tickerStep(withNews, now, false).key).toBe('live:T1');
    expect(walk(withNews, now, 3).keys).toEqual(['hall:0', 'hall:1', 'hall:2']);
  });

  it('keeps the message on screen when another one leaves', () => {
    const withNews = [item('live:T1', true), ...hallOnly];
    let p = tickerStep(withNews, TICKER_START, false);
    p = walk(withNews, p, 2).p; // hall:1
    expect(p.key).toBe('hall:1');
    const after = tickerStep(hallOnly, p, false); // T1 expired
    expect(after).toMatchObject({ key: 'hall:1', index: 1 });
  });

  it('moves on to the message that took its place when the one on screen leaves', () => {
    const list = [item('live:T1', true), item('live:T2', true), item('hall:0')];
    let p = tickerStep(list, TICKER_START, false);
    expect(p.key).toBe('live:T1');
    p = tickerStep([list[1]!, list[2]!], p, false); // T1 removed while shown
    expect(p.key).toBe('live:T2');
    p = tickerStep([list[2]!], p, false); // T2 expired too
    expect(p.key).toBe('hall:0');
    // The last of a list that shrank: back to the start.
    const q = tickerStep([item('hall:0'), item('hall:1')], { key: 'hall:2', index: 2, known: ['hall:0', 'hall:1', 'hall:2'] }, false);
    expect(q.key).toBe('hall:0');
  });

  it('shows nothing when nothing runs, and the first message once there is one', () => {
    const empty = tickerStep([], TICKER_START, true);
    expect(empty.key).toBeNull();
    expect(tickerStep([item('live:T9', true)], empty, false).key).toBe('live:T9');
  });
});
