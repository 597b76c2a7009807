// What the counter terminal shows (counter-ui/model.ts), from staff states built by real engine
// operations: its state and buttons through a ticket's life, the tickets it may call in the
// engine's order, its queues, its timers, and how it words a hold and a ticket sent away.
import { describe, expect, it } from 'vitest';
import { allowed, clockDuration, counterOf, currentTicket, openability, queuesFor, statusOf, supervisorClose, waitingFor } from '../../counter-ui/model.ts';
import { holdText, sentAwayText } from '../../counter-ui/counter-text.ts';
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import { appointment, at, B, C, counter, COUNTERS, D, dayOpened, F, Hall, MINUTE, SECOND, TZ } from '../engine/fixtures.ts';

/** The buttons that are on, by name. */
const on = (buttons: ReturnType<typeof allowed>) =>
  Object.entries(buttons)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

/** What counter `n` shows: its status, its ticket and the buttons that are on (as the terminal derives them). */
function shown(h: Hall, n: number, mine = true) {
  const c = counterOf(h.state, n);
  const ticket = mine ? currentTicket(h.state, c) : null;
  const status = statusOf(c, ticket);
  return { status, ticket: ticket?.label ?? null, buttons: on(allowed(mine ? status : 'closed', ticket !== null)) };
}

describe("the counter through a ticket's life", () => {
  it('shows the right state, ticket and buttons at every step', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    expect(shown(h, 3, false).buttons).toEqual(['logout']); // not open under this login
    h.open(3, at('08:01'));
    expect(shown(h, 3)).toEqual({ status: 'idle', ticket: null, buttons: ['call', 'callNext', 'close', 'logout', 'pause'] });
    h.callNext(3, at('08:02'));
    const called = { status: 'called', ticket: 'B-001', buttons: ['noShow', 'recall', 'start', 'transfer'] };
    expect(shown(h, 3)).toEqual(called);
    h.run({ type: 'recall', counter: 3 }, at('08:03'));
    expect(shown(h, 3)).toEqual(called);
    h.run({ type: 'start', counter: 3 }, at('08:04'));
    expect(shown(h, 3)).toEqual({ status: 'serving', ticket: 'B-001', buttons: ['finish', 'transfer'] });
    h.run({ type: 'finish', counter: 3, outcome: 'served', note: null }, at('08:09'));
    expect(shown(h, 3)).toEqual({ status: 'idle', ticket: null, buttons: ['call', 'callNext', 'close', 'logout', 'pause'] });
    h.run({ type: 'pause', counter: 3, reason: 'prayer' }, at('08:10'));
    expect(shown(h, 3)).toEqual({ status: 'paused', ticket: null, buttons: ['close', 'logout', 'resume'] });
    h.run({ type: 'resume', counter: 3 }, at('08:20'));
    expect(shown(h, 3).status).toBe('idle');
  });

  it('lets go of the ticket after a no-show and after a transfer', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.walkin(B, at('08:01'));
    h.open(3, at('08:02'));
    h.callNext(3, at('08:03'));
    h.run({ type: 'no_show', counter: 3 }, at('08:05'));
    expect(shown(h, 3)).toMatchObject({ status: 'idle', ticket: null });
    h.callNext(3, at('08:06'));
    expect(shown(h, 3).ticket).toBe('B-002');
    h.run({ type: 'transfer', counter: 3, toServiceId: C, toCounter: null }, at('08:07'));
    expect(shown(h, 3)).toMatchObject({ status: 'idle', ticket: null });
  });

  it('knows no counter that the hall does not have', () => {
    const h = new Hall();
    expect(counterOf(h.state, 99)).toBeNull();
    expect(currentTicket(h.state, null)).toBeNull();
    expect(statusOf(null, null)).toBe('idle');
  });
});

describe('the tickets it may call', () => {
  it('lists walk-ins by wait × priority weight, with the one "call next" takes first', () => {
    const h = new Hall();
    const b = h.walkin(B, at('08:00'));
    const c = h.walkin(C, at('08:05'), 'elderly'); // 15 min × 1.5 beats 20 min × 1 at 08:20
    const d = h.walkin(D, at('08:10'));
    h.open(3, at('08:00'));
    const list = waitingFor(h.state, counterOf(h.state, 3)!, at('08:20'));
    expect(list.items.map((x) => [x.ticket.id, x.group])).toEqual([
      [c, 'walkin'],
      [b, 'walkin'],
      [d, 'walkin'],
    ]);
    expect(list).toMatchObject({ total: 3, nextId: c, hold: null });
    expect(h.next(3, at('08:20'))).toBe(c);
    // Earlier, the plain ticket still leads: 10 min × 1 against 5 min × 1.5.
    expect(waitingFor(h.state, counterOf(h.state, 3)!, at('08:10')).nextId).toBe(b);
  });

  it('shows the first `limit` tickets and counts them all', () => {
    const h = new Hall();
    for (let i = 0; i < 5; i++) h.walkin(B, at('08:00') + i * MINUTE);
    h.open(3, at('08:00'));
    const list = waitingFor(h.state, counterOf(h.state, 3)!, at('08:30'), 2);
    expect(list.items.map((x) => x.ticket.label)).toEqual(['B-001', 'B-002']);
    expect(list.total).toBe(5);
  });

  it('puts a ticket sent to this counter first, then due appointments, before walk-ins', () => {
    const a = appointment('09:00', { cpr: '900000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const walkin = h.walkin(B, at('08:00'));
    const sent = h.walkin(C, at('08:30'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    expect(h.callNext(4, at('08:31'))).toBe(walkin);
    h.run({ type: 'transfer', counter: 4, toServiceId: null, toCounter: 3 }, at('08:32'));
    const appt = h.checkInCpr('900000001', at('08:45')).ticketId!;
    // No appointment counter is open, so the general counter takes the due appointment.
    const list = waitingFor(h.state, counterOf(h.state, 3)!, at('09:01'));
    expect(list.items.map((x) => [x.ticket.id, x.group])).toEqual([
      [walkin, 'forYou'],
      [appt, 'due'],
      [sent, 'walkin'],
    ]);
    expect(list.nextId).toBe(walkin);
  });

  it('at an appointment counter holding for a booked slot: walk-ins listed, "call next" holds', () => {
    const a = appointment('10:00', { cpr: '900000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const w = h.walkin(B, at('09:00'));
    h.open(1, at('09:00'));
    const c1 = () => counterOf(h.state, 1)!;
    expect(waitingFor(h.state, c1(), at('09:45'))).toMatchObject({ nextId: w, hold: null, total: 1 });
    const held = waitingFor(h.state, c1(), at('09:55'));
    expect(held).toMatchObject({ nextId: null, hold: { nextSlotAt: at('10:00'), walkinsFrom: at('10:15') }, total: 1 });
    expect(held.items.map((x) => [x.ticket.id, x.group])).toEqual([[w, 'walkin']]);
    // The booked citizen checks in: "call next" takes the appointment, early, ahead of the walk-in.
    const appt = h.checkInCpr('900000001', at('09:56')).ticketId!;
    const ready = waitingFor(h.state, c1(), at('09:57'));
    expect(ready).toMatchObject({ nextId: appt, hold: null, total: 2 });
    expect(ready.items.map((x) => x.group)).toEqual(['early', 'walkin']);
  });

  it('has nothing to call on an empty queue, and is then not holding', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    expect(waitingFor(h.state, counterOf(h.state, 3)!, at('08:00'))).toEqual({ items: [], total: 0, nextId: null, hold: null });
  });
});

describe('its queues', () => {
  const prefixes = (qs: { prefix: string; count: number; appointments: boolean }[]) => qs.map((q) => [q.prefix, q.count, q.appointments]);

  it('at an appointment counter: the appointments queue first, then its services in kiosk order', () => {
    const a = appointment('09:00', { cpr: '900000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.checkInCpr('900000001', at('08:45'));
    h.walkin(C, at('08:46'));
    h.walkin(C, at('08:47'));
    const qs = queuesFor(h.state, counterOf(h.state, 1)!, at('08:50'));
    expect(prefixes(qs)).toEqual([
      ['A', 1, true],
      ['B', 0, false],
      ['C', 2, false],
      ['D', 0, false],
      ['E', 0, false],
      ['F', 0, false],
    ]);
    expect(qs[0]).toMatchObject({ nameAr: 'المواعيد', nameEn: 'Appointments' });
    expect(qs[2]).toMatchObject({ nameEn: 'Letters' });
  });

  it('at a general counter: the appointments queue only while appointments fall back to it', () => {
    const a = appointment('09:00', { cpr: '900000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.open(3, at('08:30'));
    const general = () => queuesFor(h.state, counterOf(h.state, 3)!, at('09:01'));
    expect(general()[0]!.prefix).toBe('B'); // no appointment waiting
    h.checkInCpr('900000001', at('08:45'));
    expect(general()[0]).toMatchObject({ prefix: 'A', count: 1, appointments: true }); // no appointment counter open
    h.open(1, at('08:50'));
    expect(general().map((q) => q.prefix)).not.toContain('A');
  });

  it('only the services a restricted counter handles', () => {
    const counters = [...COUNTERS.slice(0, 2), counter(3, 'general', [F, D]), ...COUNTERS.slice(3)];
    const h = new Hall(dayOpened({ counters }));
    h.walkin(F, at('08:00'));
    expect(prefixes(queuesFor(h.state, counterOf(h.state, 3)!, at('08:10')))).toEqual([
      ['D', 0, false],
      ['F', 1, false],
    ]);
  });
});

describe('timers', () => {
  it('show m:ss, then h:mm:ss from an hour on', () => {
    expect(clockDuration(0)).toBe('0:00');
    expect(clockDuration(59_999)).toBe('0:59');
    expect(clockDuration(65 * SECOND)).toBe('1:05');
    expect(clockDuration(59 * MINUTE + 59 * SECOND)).toBe('59:59');
    expect(clockDuration(60 * MINUTE)).toBe('1:00:00');
    expect(clockDuration(2 * 60 * MINUTE + 5 * MINUTE + 9 * SECOND)).toBe('2:05:09');
  });

  it('never run backwards (a hub clock slightly behind the ticket times)', () => {
    expect(clockDuration(-1500)).toBe('0:00');
  });
});

describe("a supervisor's hand on the counter", () => {
  it("tells a supervisor's close (with its reason) from the holder's own, and ending the day from both", () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    h.callNext(3, at('08:05'));
    const forced = h.run({ type: 'force_close_counter', counter: 3, reason: 'الموظف في اجتماع' }, at('08:10')).events;
    expect(supervisorClose(forced, 3)).toEqual({ kind: 'closed', reason: 'الموظف في اجتماع' });
    expect(supervisorClose(forced, 4)).toBeNull();
    // Its ticket went back to the queue, keeping its place.
    expect(h.state.tickets[Object.keys(h.state.tickets)[0]!]).toMatchObject({ status: 'waiting', counter: null });
    expect(supervisorClose(h.run({ type: 'close_counter', counter: 4 }, at('08:11')).events, 4)).toBeNull();
    h.open(4, at('08:12'));
    const ended = h.run({ type: 'end_day' }, at('12:00')).events;
    expect(supervisorClose(ended, 4)).toEqual({ kind: 'dayEnded' });
    expect(supervisorClose([], 4)).toBeNull();
  });

  it('shows which counters cannot be opened, and why: out of service (with the reason), or every one after the day was ended', () => {
    const h = new Hall();
    const c = (n: number) => counterOf(h.state, n)!;
    expect(openability(h.state, c(3))).toEqual({ ok: true });
    h.run({ type: 'set_out_of_service', counter: 3, reason: 'Screen broken' }, at('08:00'));
    expect(openability(h.state, c(3))).toEqual({ ok: false, why: 'outOfService', reason: 'Screen broken' });
    expect(h.refuse({ type: 'open_counter', counter: 3, userId: 103 }, at('08:01'))).toBe('COUNTER_OUT_OF_SERVICE');
    h.run({ type: 'restore_counter', counter: 3 }, at('08:30'));
    expect(openability(h.state, c(3))).toEqual({ ok: true });
    h.run({ type: 'end_day' }, at('12:00'));
    for (const n of [1, 3, 4]) expect(openability(h.state, c(n))).toEqual({ ok: false, why: 'dayEnded' });
    expect(h.refuse({ type: 'open_counter', counter: 4, userId: 104 }, at('12:01'))).toBe('DAY_ENDED');
  });
});

describe('its words', () => {
  it('says which booking holds "call next" and until when, in both languages', () => {
    const hold = { nextSlotAt: at('09:30'), walkinsFrom: at('09:45') };
    expect(holdText(hold, at('09:22'), 'en', TZ)).toBe('Next booking 09:30 in 8 min; “Call next” takes walk-ins from 09:45.');
    expect(holdText(hold, at('09:22'), 'ar', TZ)).toBe('الموعد التالي الساعة 09:30 بعد 8 دقائق؛ ينادي «نداء التالي» المراجعين بدون موعد من الساعة 09:45.');
    expect(holdText(hold, at('09:28'), 'ar', TZ)).toContain('بعد دقيقتين');
    expect(holdText(hold, at('09:31'), 'en', TZ)).toBe('The 09:30 booking may still arrive; “Call next” takes walk-ins from 09:45.');
  });

  it('says what became of a ticket that left the counter', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.walkin(B, at('08:01'));
    h.open(3, at('08:00'));
    const served = h.serveNext(3, at('08:10'));
    const gone = h.callNext(3, at('08:20'));
    h.run({ type: 'no_show', counter: 3 }, at('08:22'));
    const outcomes = DEFAULT_SETTINGS.outcomeCodes;
    expect(sentAwayText(h.ticket(served), outcomes, 'en')).toBe('B-001 finished: Served.');
    expect(sentAwayText(h.ticket(served), outcomes, 'ar')).toBe('انتهت خدمة التذكرة B-001: تمت الخدمة.');
    expect(sentAwayText(h.ticket(gone), outcomes, 'en')).toBe('B-002 was marked a no-show and left the queue.');
    expect(sentAwayText({ ...h.ticket(gone), status: 'waiting', requeued: true }, outcomes, 'en')).toBe(
      'B-002 was marked a no-show and went back to the queue in its place, once.',
    );
  });
});
