// What the hall display board shows (display-ui/board.ts), from public states built the way the
// board builds them: real engine operations, their events redacted for the public audience and
// folded with the engine's reducer.
import { describe, expect, it } from 'vitest';
import { applyEvent, stateFromCheckpoint } from '../../engine/index.ts';
import { publicEvent } from '../../protocol/public.ts';
import type { PublicHallState } from '../../protocol/state.ts';
import { currentCalls, queueTiles, recentCalls } from '../../display-ui/board.ts';
import { appointment, at, B, C, dayOpened, F, Hall, SECOND, service, SERVICES } from '../engine/fixtures.ts';

/** The board's copy of the hall: every event the hall recorded, as the public feed delivers it. */
function board(h: Hall): PublicHallState {
  const [opened, ...rest] = h.events.map(publicEvent);
  if (opened?.type !== 'day_opened') throw new Error('a hall starts with day_opened');
  let state = stateFromCheckpoint(opened);
  for (const e of rest) state = applyEvent(state, e);
  return state;
}

const NO_RECALLS = new Map<string, number>();
const labels = (items: { label: string }[]) => items.map((c) => c.label);

/** Counters 3, 4 and 5 open; B-001, B-002, C-001 called at 09:00, 09:01, 09:02 (to 3, 4, 5). */
function threeCalls() {
  const h = new Hall();
  for (const n of [3, 4, 5]) h.open(n, at('08:00'));
  const b1 = h.walkin(B, at('08:10'));
  const b2 = h.walkin(B, at('08:11'));
  const c1 = h.walkin(C, at('08:12'));
  h.callNext(3, at('09:00'));
  h.callNext(4, at('09:01'));
  h.callNext(5, at('09:02'));
  return { h, b1, b2, c1 };
}

describe('recent calls', () => {
  it('lists the calls newest first, with counter, time and kind', () => {
    const { h, b1, c1 } = threeCalls();
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    expect(labels(recent)).toEqual(['C-001', 'B-002', 'B-001']);
    expect(recent[0]).toEqual({ ticketId: c1, label: 'C-001', counter: 5, at: at('09:02'), status: 'called', kind: 'walkin', recalls: 0, counterName: null });
    expect(recent.at(-1)).toMatchObject({ ticketId: b1, counter: 3, at: at('09:00') });
  });

  it('keeps only the latest `limit` calls', () => {
    const { h } = threeCalls();
    expect(labels(recentCalls(board(h), NO_RECALLS, 2))).toEqual(['C-001', 'B-002']);
  });

  it('leaves out tickets never called, and calls sent back to a queue (requeued no-show, transfer)', () => {
    const h = new Hall(dayOpened({ settings: { noShowRequeueOnce: true } }));
    for (const n of [3, 4]) h.open(n, at('08:00'));
    const b1 = h.walkin(B, at('08:10'));
    const c1 = h.walkin(C, at('08:11'));
    h.walkin(F, at('08:12')); // never called
    expect([h.callNext(3, at('09:00')), h.callNext(4, at('09:01'))]).toEqual([b1, c1]);
    expect(labels(recentCalls(board(h), NO_RECALLS, 10))).toEqual(['C-001', 'B-001']);
    h.run({ type: 'no_show', counter: 3 }, at('09:02')); // back in line once
    h.run({ type: 'transfer', counter: 4, toServiceId: F, toCounter: null }, at('09:03')); // waits for another service
    expect(recentCalls(board(h), NO_RECALLS, 10)).toEqual([]);
  });

  it('keeps finished and no-show calls, with their final status', () => {
    const { h, b1, b2, c1 } = threeCalls();
    h.run({ type: 'start', counter: 3 }, at('09:03'));
    h.run({ type: 'finish', counter: 3, outcome: 'served', note: 'private' }, at('09:08'));
    h.run({ type: 'no_show', counter: 4 }, at('09:09'));
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    expect(recent.map((c) => [c.ticketId, c.status])).toEqual([
      [c1, 'called'],
      [b2, 'no_show'],
      [b1, 'done'],
    ]);
  });

  it('puts a recalled ticket back on top, with its recall count, from the recall times seen live', () => {
    const { h, b1 } = threeCalls();
    h.run({ type: 'recall', counter: 3 }, at('09:05'));
    const state = board(h);
    const recalled = new Map([[b1, at('09:05')]]);
    const recent = recentCalls(state, recalled, 10);
    expect(labels(recent)).toEqual(['B-001', 'C-001', 'B-002']);
    expect(recent[0]).toMatchObject({ at: at('09:05'), recalls: 1, status: 'called' });
    // After a fresh snapshot the recall times are gone: the call keeps its place by its first call,
    // still flagged as recalled.
    const afterSnapshot = recentCalls(state, NO_RECALLS, 10);
    expect(labels(afterSnapshot)).toEqual(['C-001', 'B-002', 'B-001']);
    expect(afterSnapshot[2]).toMatchObject({ at: at('09:00'), recalls: 1 });
  });

  it('orders calls made in the same instant by label, highest first', () => {
    const h = new Hall();
    for (const n of [3, 4]) h.open(n, at('08:00'));
    h.walkin(B, at('08:10'));
    h.walkin(B, at('08:11'));
    h.callNext(3, at('09:00'));
    h.callNext(4, at('09:00'));
    expect(labels(recentCalls(board(h), NO_RECALLS, 10))).toEqual(['B-002', 'B-001']);
  });

  it('shows appointment calls as such', () => {
    const a = appointment('09:00', { cpr: '900000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.open(1, at('08:30'));
    h.checkInCpr('900000001', at('08:45'));
    h.callNext(1, at('09:00'));
    expect(recentCalls(board(h), NO_RECALLS, 10)).toEqual([expect.objectContaining({ label: 'A-001', kind: 'appointment', counter: 1 })]);
  });
});

describe('the "now calling" panel', () => {
  const NOW = at('09:02') + 2 * SECOND;

  it('shows the calls still highlighted, newest first, up to `max`', () => {
    const { h, b1, b2, c1 } = threeCalls();
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    const fresh = new Map([
      [b1, NOW - 1], // its highlight just ended
      [b2, NOW + 5 * SECOND],
      [c1, NOW + 8 * SECOND],
    ]);
    const all = currentCalls(recent, fresh, NOW, 4);
    expect(labels(all.items)).toEqual(['C-001', 'B-002']);
    expect(all.fresh).toEqual(new Set([b2, c1]));
    expect(labels(currentCalls(recent, fresh, NOW, 1).items)).toEqual(['C-001']);
  });

  it('drops a highlighted call at once when it ends early (a quick no-show)', () => {
    const { h, b2, c1 } = threeCalls();
    h.run({ type: 'no_show', counter: 5 }, at('09:02') + SECOND);
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    const current = currentCalls(
      recent,
      new Map([
        [b2, NOW + SECOND],
        [c1, NOW + 8 * SECOND],
      ]),
      NOW,
      4,
    );
    expect(labels(current.items)).toEqual(['B-002']);
    expect(current.fresh.has(c1)).toBe(false);
  });

  it('always shows the call being announced, first, even when its highlight has run out (the voice lags)', () => {
    const { h, b1, b2, c1 } = threeCalls();
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    const fresh = new Map([
      [b2, NOW + 5 * SECOND],
      [c1, NOW + 8 * SECOND],
    ]);
    expect(labels(currentCalls(recent, fresh, NOW, 2, b1).items)).toEqual(['B-001', 'C-001']);
    expect(labels(currentCalls(recent, fresh, NOW, 2, c1).items)).toEqual(['C-001', 'B-002']);
    expect(labels(currentCalls(recent, new Map(), NOW, 3, b1).items)).toEqual(['B-001', 'C-001']);
  });

  it('keeps a highlighted call while its citizen is being served', () => {
    const { h, c1 } = threeCalls();
    h.run({ type: 'start', counter: 5 }, at('09:02') + SECOND);
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    expect(labels(currentCalls(recent, new Map([[c1, NOW + SECOND]]), NOW, 4).items)).toEqual(['C-001']);
  });

  it('with nothing highlighted, shows the latest call while its citizen has not come yet', () => {
    const { h } = threeCalls();
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    expect(currentCalls(recent, new Map(), NOW, 4)).toEqual({ items: [recent[0]], fresh: new Set() });
  });

  it('with nothing highlighted and the latest citizen already at the counter, shows nothing', () => {
    const { h } = threeCalls();
    h.run({ type: 'start', counter: 5 }, at('09:03'));
    const recent = recentCalls(board(h), NO_RECALLS, 10);
    expect(currentCalls(recent, new Map(), NOW, 4).items).toEqual([]);
    expect(currentCalls([], new Map(), NOW, 4).items).toEqual([]);
  });

  it('highlights a recalled ticket again', () => {
    const { h, b1 } = threeCalls();
    h.run({ type: 'recall', counter: 3 }, at('09:05'));
    const later = at('09:05') + SECOND;
    const recent = recentCalls(board(h), new Map([[b1, at('09:05')]]), 10);
    const current = currentCalls(recent, new Map([[b1, later + 5 * SECOND]]), later, 4);
    expect(current.items).toEqual([expect.objectContaining({ ticketId: b1, recalls: 1 })]);
  });
});

describe('waiting per queue', () => {
  const APPOINTMENTS = { ar: 'المواعيد', en: 'Appointments' };

  it('shows the appointments queue first, then every kiosk service in kiosk order, with its count', () => {
    const h = new Hall();
    h.walkin(C, at('08:10'));
    h.walkin(C, at('08:11'));
    h.walkin(F, at('08:12'));
    const tiles = queueTiles(board(h), APPOINTMENTS);
    expect(tiles.map((t) => [t.prefix, t.waiting, t.appointments])).toEqual([
      ['A', 0, true],
      ['B', 0, false],
      ['C', 2, false],
      ['D', 0, false],
      ['E', 0, false],
      ['F', 1, false],
    ]);
    expect(tiles[0]).toMatchObject({ nameAr: 'المواعيد', nameEn: 'Appointments' });
    expect(tiles[2]).toMatchObject({ nameAr: SERVICES[1]!.nameAr, nameEn: 'Letters' });
  });

  it('counts checked-in appointments in the appointments queue, and stops counting called tickets', () => {
    const a = appointment('09:00', { cpr: '900000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.open(3, at('08:00'));
    h.checkInCpr('900000001', at('08:45'));
    h.walkin(B, at('08:46'));
    h.walkin(B, at('08:47'));
    h.callNext(3, at('08:50'));
    const tiles = queueTiles(board(h), APPOINTMENTS);
    expect(tiles.find((t) => t.prefix === 'A')!.waiting).toBe(1);
    expect(tiles.find((t) => t.prefix === 'B')!.waiting).toBe(1);
  });

  it('hides a service the kiosk does not offer, also when a ticket is transferred to it', () => {
    const services = [...SERVICES, service('back-office', 'G', { kioskVisible: false, sortOrder: 0 })];
    const h = new Hall(dayOpened({ services }));
    expect(queueTiles(board(h), APPOINTMENTS).map((t) => t.prefix)).not.toContain('G');
    h.open(3, at('08:00'));
    h.walkin(B, at('08:10'));
    h.callNext(3, at('08:20'));
    h.run({ type: 'transfer', counter: 3, toServiceId: 'back-office', toCounter: null }, at('08:25'));
    // The transferred ticket keeps its B number: it waits in B's queue, so G still shows nothing.
    expect(queueTiles(board(h), APPOINTMENTS).map((t) => t.prefix)).not.toContain('G');
  });

  it('shows a queue shared by two services once, and never a service on the appointments prefix', () => {
    const services = [...SERVICES, service('letters-2', 'C', { sortOrder: 999 }), service('odd', 'A', { sortOrder: 1 })];
    const h = new Hall(dayOpened({ services }));
    h.walkin('letters-2', at('08:10'));
    h.walkin(C, at('08:11'));
    const tiles = queueTiles(board(h), APPOINTMENTS);
    expect(tiles.map((t) => t.prefix)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(tiles.find((t) => t.prefix === 'C')).toMatchObject({ waiting: 2, nameEn: 'Letters' });
    expect(tiles[0]).toMatchObject({ appointments: true, nameEn: 'Appointments' });
  });

  it("follows an admin's changes at once: a renamed or recoloured service, and an inactive one while someone still waits for it", () => {
    const h = new Hall();
    const tiles = () => queueTiles(board(h), APPOINTMENTS);
    expect(tiles().find((t) => t.prefix === 'B')).toMatchObject({ nameEn: 'Application status', colour: '#1f6f8b' });
    expect(tiles()[0]!.colour).toBeNull();
    const b = SERVICES[0]!;
    h.run({ type: 'save_service', service: { ...b, nameAr: 'حالة الطلب', nameEn: 'Where is my application', colour: '#f2c14e' }, create: false }, at('08:00'));
    expect(tiles().find((t) => t.prefix === 'B')).toMatchObject({ nameAr: 'حالة الطلب', nameEn: 'Where is my application', colour: '#f2c14e' });
    h.walkin(C, at('08:05'));
    h.run({ type: 'save_service', service: { ...SERVICES[1]!, active: false }, create: false }, at('08:10'));
    h.run({ type: 'save_service', service: { ...SERVICES[2]!, active: false }, create: false }, at('08:10'));
    // C's ticket is still served, so its queue stays on the board; D has nobody and leaves.
    expect(tiles().map((t) => t.prefix)).toEqual(['A', 'B', 'C', 'E', 'F']);
  });
});

describe("a counter's name", () => {
  it('stands under its number in the calls, from the moment an admin gives it one', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    h.walkin(B, at('08:10'));
    h.callNext(3, at('08:20'));
    expect(recentCalls(board(h), NO_RECALLS, 5)[0]!.counterName).toBeNull();
    const c = h.state.counters[3]!;
    const setup = { number: 3, mode: c.mode, serviceIds: c.serviceIds, active: true };
    h.run({ type: 'save_counter', counter: { ...setup, nameAr: 'الاستقبال', nameEn: 'Reception' }, create: false }, at('08:21'));
    expect(recentCalls(board(h), NO_RECALLS, 5)[0]!.counterName).toEqual({ ar: 'الاستقبال', en: 'Reception' });
    // A name in one language stands for both.
    h.run({ type: 'save_counter', counter: { ...setup, nameAr: 'الاستقبال', nameEn: '' }, create: false }, at('08:22'));
    expect(recentCalls(board(h), NO_RECALLS, 5)[0]!.counterName).toEqual({ ar: 'الاستقبال', en: 'الاستقبال' });
  });
});
