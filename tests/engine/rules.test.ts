// Unit tests of every rule of DESIGN.md "Core rules" as the pure engine implements them, with edges.
import { describe, expect, it } from 'vitest';
import {
  decide,
  estimateBeforeOpening,
  estimateNewWalkin,
  estimateWait,
  foldEvents,
  localDay,
  localInstant,
  localTime,
  nextDay,
  openingOn,
  serviceTiles,
  ticketId,
  ticketLabel,
  walkinHold,
  weekdayOf,
} from '../../engine/index.ts';
import type { Command } from '../../engine/index.ts';
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import { appointment, at, B, C, counter, COUNTERS, D, DAY, dayOpened, F, Hall, MINUTE, run, SECOND, service, SERVICES, TZ } from './fixtures.ts';

const walkinCmd = (serviceId: string, priority: 'none' | 'elderly' | 'disability' | 'pregnancy' = 'none'): Command => ({
  type: 'issue_walkin',
  serviceId,
  priority,
  statusToken: 'tok',
  cpr: null,
});

describe('ticket numbering', () => {
  it('numbers per queue per day, label B-001, id day_B1, starting at 1', () => {
    const h = new Hall();
    const b1 = h.walkin(B, at('07:00'));
    const b2 = h.walkin(B, at('07:01'));
    const c1 = h.walkin(C, at('07:02'));
    const b3 = h.walkin(B, at('07:03'));
    expect([b1, b2, c1, b3]).toEqual([`${DAY}_B1`, `${DAY}_B2`, `${DAY}_C1`, `${DAY}_B3`]);
    expect([h.ticket(b1).label, h.ticket(b2).label, h.ticket(c1).label, h.ticket(b3).label]).toEqual(['B-001', 'B-002', 'C-001', 'B-003']);
    const t = h.ticket(b2);
    expect(t).toMatchObject({
      day: DAY,
      prefix: 'B',
      number: 2,
      kind: 'walkin',
      serviceId: B,
      priority: 'none',
      status: 'waiting',
      issuedAt: at('07:01'),
      counter: null,
      recalls: 0,
      transfers: 0,
      requeued: false,
    });
    expect(h.state.lastNumber).toEqual({ B: 3, C: 1 });
    expect(h.waitingIds()).toEqual([b1, b2, b3, c1].sort());
  });

  it('formats labels with at least three digits and ids without padding', () => {
    expect(ticketLabel('B', 1)).toBe('B-001');
    expect(ticketLabel('A', 12)).toBe('A-012');
    expect(ticketLabel('C', 999)).toBe('C-999');
    expect(ticketLabel('C', 1000)).toBe('C-1000');
    expect(ticketId('2026-11-26', 'D', 7)).toBe('2026-11-26_D7');
  });

  it('keeps the walk-in priority, status token and CPR typed at the kiosk', () => {
    const h = new Hall();
    const id = h.run({ type: 'issue_walkin', serviceId: C, priority: 'pregnancy', statusToken: 'secret-1', cpr: '880101234' }, at('08:00')).ticketId!;
    expect(h.ticket(id)).toMatchObject({ priority: 'pregnancy', statusToken: 'secret-1', cpr: '880101234', appointmentId: null, slotStart: null });
  });

  it('refuses unknown and kiosk-hidden services without consuming a number', () => {
    const hidden = service('back-office', 'G', { kioskVisible: false });
    const h = new Hall(dayOpened({ services: [...SERVICES, hidden] }));
    expect(h.refuse(walkinCmd('nope'), at('08:00'))).toBe('UNKNOWN_SERVICE');
    expect(h.refuse(walkinCmd('back-office'), at('08:00'))).toBe('SERVICE_NOT_AVAILABLE');
    expect(h.state.lastNumber).toEqual({});
    expect(h.walkin(B, at('08:01'))).toBe(`${DAY}_B1`);
  });

  it('appointment tickets are numbered in the appointment queue A, separately from walk-ins', () => {
    const a1 = appointment('09:00', { cpr: '111111111' });
    const a2 = appointment('09:00', { cpr: '222222222' });
    const h = new Hall(dayOpened({ appointments: [a1, a2] }));
    h.walkin(B, at('08:30'));
    const t1 = h.checkInCpr('111111111', at('08:40')).ticketId!;
    const t2 = h.checkInCpr('222222222', at('08:41')).ticketId!;
    expect([h.ticket(t1).label, h.ticket(t2).label]).toEqual(['A-001', 'A-002']);
    expect(t1).toBe(`${DAY}_A1`);
  });
});

describe('check-in window (30 min early / 15 min late by default)', () => {
  const cpr = '850101001';
  const make = (settings = {}) => {
    const a = appointment('09:00', { cpr, reference: 'K7PQ3X', serviceId: C });
    return { a, h: new Hall(dayOpened({ appointments: [a], settings })) };
  };

  it('checks in exactly at slot − early minutes', () => {
    const { a, h } = make();
    const d = h.checkInCpr(cpr, at('08:30'));
    expect(d.checkIn).toEqual({ outcome: 'checked_in', ticketId: d.ticketId });
    expect(d.events.map((e) => e.type)).toEqual(['ticket_issued', 'appointment_checked_in']);
    const t = h.ticket(d.ticketId!);
    expect(t).toMatchObject({
      kind: 'appointment',
      prefix: 'A',
      label: 'A-001',
      serviceId: C,
      appointmentId: a.id,
      slotStart: a.slotStart,
      status: 'waiting',
      cpr,
      issuedAt: at('08:30'),
    });
    expect(h.state.appointments[a.id]).toMatchObject({ status: 'checked_in', ticketId: t.id });
  });

  it('one millisecond earlier is too early, with the time to come back, and changes nothing', () => {
    const { a, h } = make();
    const d = h.checkInCpr(cpr, at('08:30') - 1);
    expect(d.checkIn).toEqual({ outcome: 'too_early', comeBackAt: at('08:30') });
    expect(d.events).toEqual([]);
    expect(d.ticketId).toBeUndefined();
    expect(h.state.appointments[a.id]!.status).toBe('booked');
    expect(h.state.tickets).toEqual({});
  });

  it('is still on time exactly at slot + late minutes', () => {
    const { h } = make();
    const d = h.checkInCpr(cpr, at('09:15'));
    expect(d.checkIn?.outcome).toBe('checked_in');
    expect(h.ticket(d.ticketId!).kind).toBe('appointment');
  });

  it('after the window converts to a walk-in of the same service when lateConvertsToWalkin', () => {
    const { a, h } = make();
    const d = h.checkInCpr(cpr, at('09:15') + 1);
    expect(d.checkIn).toEqual({ outcome: 'late_converted', ticketId: d.ticketId });
    expect(d.events.map((e) => e.type)).toEqual(['ticket_issued', 'appointment_late_converted']);
    const t = h.ticket(d.ticketId!);
    expect(t).toMatchObject({
      kind: 'walkin',
      serviceId: C,
      prefix: 'C',
      label: 'C-001',
      appointmentId: a.id,
      slotStart: null,
      issuedAt: at('09:15') + 1,
      priority: 'none',
    });
    expect(h.state.appointments[a.id]).toMatchObject({ status: 'late_converted', ticketId: t.id });
    expect(h.state.lastNumber.A).toBeUndefined();
  });

  it('after the window is too_late, with no ticket, when late conversion is off', () => {
    const { a, h } = make({ lateConvertsToWalkin: false });
    const d = h.checkInCpr(cpr, at('09:15') + 1);
    expect(d.checkIn).toEqual({ outcome: 'too_late' });
    expect(d.events).toEqual([]);
    expect(h.state.appointments[a.id]!.status).toBe('booked');
    expect(h.state.tickets).toEqual({});
  });

  it('honours other window settings', () => {
    const { h } = make({ checkInEarlyMinutes: 5, checkInLateMinutes: 0 });
    expect(h.checkInCpr(cpr, at('08:55') - 1).checkIn).toEqual({ outcome: 'too_early', comeBackAt: at('08:55') });
    expect(h.checkInCpr(cpr, at('09:00')).checkIn?.outcome).toBe('checked_in');
    const late = make({ checkInLateMinutes: 0 }).h;
    expect(late.checkInCpr(cpr, at('09:00') + 1).checkIn?.outcome).toBe('late_converted');
  });

  it('finds the booking by reference, case-insensitively', () => {
    const { a, h } = make();
    const d = h.run({ type: 'check_in', by: { reference: 'k7pq3x' }, statusToken: 't' }, at('08:50'));
    expect(d.checkIn?.outcome).toBe('checked_in');
    expect(h.state.appointments[a.id]!.status).toBe('checked_in');
  });

  it('unknown CPR or reference, or a cancelled booking → NO_APPOINTMENT_TODAY', () => {
    const { a, h } = make();
    expect(h.refuse({ type: 'check_in', by: { cpr: '999999999' }, statusToken: 't' }, at('08:50'))).toBe('NO_APPOINTMENT_TODAY');
    expect(h.refuse({ type: 'check_in', by: { reference: 'ZZZZZZ' }, statusToken: 't' }, at('08:50'))).toBe('NO_APPOINTMENT_TODAY');
    h.run({ type: 'cancel_appointment', appointmentId: a.id }, at('08:00'));
    expect(h.refuse({ type: 'check_in', by: { cpr }, statusToken: 't' }, at('08:50'))).toBe('NO_APPOINTMENT_TODAY');
  });

  it("only knows today's bookings", () => {
    const tomorrow = appointment('09:00', { cpr: '777777777' }, nextDay(DAY));
    const h = new Hall(dayOpened({ appointments: [tomorrow] }));
    expect(h.state.appointments).toEqual({});
    expect(h.refuse({ type: 'check_in', by: { cpr: '777777777' }, statusToken: 't' }, at('08:50'))).toBe('NO_APPOINTMENT_TODAY');
  });

  it('a second check-in is ALREADY_CHECKED_IN (also after a late conversion) and issues nothing', () => {
    const { h } = make();
    h.checkInCpr(cpr, at('08:45'));
    expect(h.refuse({ type: 'check_in', by: { cpr }, statusToken: 't' }, at('08:46'))).toBe('ALREADY_CHECKED_IN');
    expect(h.refuse({ type: 'check_in', by: { reference: 'K7PQ3X' }, statusToken: 't' }, at('08:46'))).toBe('ALREADY_CHECKED_IN');
    const late = make().h;
    late.checkInCpr(cpr, at('09:30'));
    expect(late.refuse({ type: 'check_in', by: { cpr }, statusToken: 't' }, at('09:31'))).toBe('ALREADY_CHECKED_IN');
    expect(Object.keys(late.state.tickets)).toHaveLength(1);
  });

  it('a booking already swept as no-show is still converted to a walk-in when the citizen turns up', () => {
    const { a, h } = make();
    h.run({ type: 'sweep_no_shows' }, at('09:20'));
    expect(h.state.appointments[a.id]!.status).toBe('no_show');
    const d = h.checkInCpr(cpr, at('09:25'));
    expect(d.checkIn?.outcome).toBe('late_converted');
    expect(h.state.appointments[a.id]!.status).toBe('late_converted');
  });

  it('with two bookings today, checks in the first one whose window is still open', () => {
    const first = appointment('09:00', { cpr, serviceId: B });
    const second = appointment('11:00', { cpr, serviceId: F });
    const h = new Hall(dayOpened({ appointments: [first, second] }));
    const d1 = h.checkInCpr(cpr, at('08:45'));
    expect(h.ticket(d1.ticketId!).appointmentId).toBe(first.id);
    // The second one is still too early; it says when to come back for it.
    expect(h.checkInCpr(cpr, at('09:30')).checkIn).toEqual({ outcome: 'too_early', comeBackAt: at('10:30') });
    const d2 = h.checkInCpr(cpr, at('10:40'));
    expect(h.ticket(d2.ticketId!)).toMatchObject({ appointmentId: second.id, serviceId: F, slotStart: second.slotStart });
    expect(h.refuse({ type: 'check_in', by: { cpr }, statusToken: 't' }, at('10:41'))).toBe('ALREADY_CHECKED_IN');
  });
});

describe('call next: appointments', () => {
  it('due appointments first at appointment counters, earliest slot first, before older walk-ins', () => {
    const early = appointment('09:00', { cpr: '100000001' });
    const later = appointment('09:10', { cpr: '100000002' });
    const h = new Hall(dayOpened({ appointments: [early, later] }));
    const w = h.walkin(B, at('07:00'));
    const tLater = h.checkInCpr('100000002', at('08:45')).ticketId!;
    const tEarly = h.checkInCpr('100000001', at('08:50')).ticketId!;
    h.open(1, at('07:00'));
    h.open(2, at('07:00'));
    // At 09:05 only the 09:00 slot is due; the 09:10 arrival is early.
    expect(h.callNext(1, at('09:05'))).toBe(tEarly);
    // Counter 2: the next booked slot is 5 min away (guard), so no walk-in; the early arrival goes.
    expect(h.callNext(2, at('09:05'))).toBe(tLater);
    expect(h.ticket(w).status).toBe('waiting');
  });

  it('orders due appointments by slot, not by check-in time', () => {
    const a9 = appointment('09:00', { cpr: '100000001' });
    const a930 = appointment('09:30', { cpr: '100000002' });
    const a915 = appointment('09:15', { cpr: '100000003' });
    const h = new Hall(dayOpened({ appointments: [a9, a930, a915] }));
    const t930 = h.checkInCpr('100000002', at('09:01')).ticketId!;
    const t915 = h.checkInCpr('100000003', at('09:02')).ticketId!;
    const t9 = h.checkInCpr('100000001', at('09:03')).ticketId!;
    h.open(1, at('09:00'));
    const order = [h.serveNext(1, at('09:40')), h.serveNext(1, at('09:50')), h.serveNext(1, at('10:00'))];
    expect(order).toEqual([t9, t915, t930]);
  });

  it('a general counter does not call appointment tickets while an appointment counter serving the service is open', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const t = h.checkInCpr('100000001', at('08:50')).ticketId!;
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.next(3, at('09:05'))).toBe('QUEUE_EMPTY');
    expect(h.refuse({ type: 'call_ticket', counter: 3, ticketId: t }, at('09:05'))).toBe('TICKET_NOT_CALLABLE');
    // A mixed counter counts as appointment-capable too.
    h.run({ type: 'set_counter_mode', counter: 1, mode: 'mixed' }, at('09:05'));
    expect(h.next(3, at('09:05'))).toBe('QUEUE_EMPTY');
    expect(h.next(1, at('09:05'))).toBe(t);
  });

  it('falls back to general counters when no appointment-capable counter is open', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const t = h.checkInCpr('100000001', at('08:50')).ticketId!;
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.next(3, at('09:05'))).toBe('QUEUE_EMPTY');
    h.run({ type: 'close_counter', counter: 1 }, at('09:05'));
    expect(h.callNext(3, at('09:06'))).toBe(t);
  });

  it('falls back when the open appointment counters do not serve that service', () => {
    const counters = [counter(1, 'appointment', [C]), counter(2, 'appointment', [C]), counter(3, 'general')];
    const a = appointment('09:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ counters, appointments: [a] }));
    const t = h.checkInCpr('100000001', at('08:50')).ticketId!;
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.next(1, at('09:05'))).toBe('QUEUE_EMPTY');
    expect(h.callNext(3, at('09:05'))).toBe(t);
  });

  it('at a general counter (fallback), due appointments go before walk-ins and early arrivals after them', () => {
    const due = appointment('09:00', { cpr: '100000001' });
    const soon = appointment('10:00', { cpr: '100000002' });
    const h = new Hall(dayOpened({ appointments: [due, soon] }));
    const w = h.walkin(B, at('07:00'));
    const tSoon = h.checkInCpr('100000002', at('09:31')).ticketId!;
    const tDue = h.checkInCpr('100000001', at('09:05')).ticketId!;
    h.open(3, at('09:00'));
    expect(h.serveNext(3, at('09:40'))).toBe(tDue);
    expect(h.serveNext(3, at('09:50'))).toBe(w);
    expect(h.serveNext(3, at('09:55'))).toBe(tSoon);
  });
});

describe('call next: walk-ins by wait × priority weight', () => {
  it('serves equal priorities first come, first served across services', () => {
    const h = new Hall();
    const c1 = h.walkin(C, at('08:00'));
    const b1 = h.walkin(B, at('08:01'));
    const d1 = h.walkin(D, at('08:02'));
    h.open(3, at('08:00'));
    expect([h.serveNext(3, at('08:10')), h.serveNext(3, at('08:20')), h.serveNext(3, at('08:30'))]).toEqual([c1, b1, d1]);
  });

  it('an elderly ticket overtakes a slightly older normal one', () => {
    const h = new Hall();
    const normal = h.walkin(B, at('08:00'));
    const elderly = h.walkin(B, at('08:01'), 'elderly');
    h.open(3, at('08:00'));
    // 10 min × 1 vs 9 min × 1.5
    expect(h.callNext(3, at('08:10'))).toBe(elderly);
    expect(h.ticket(normal).status).toBe('waiting');
  });

  it('but not a much older one (anti-starvation)', () => {
    const h = new Hall();
    const normal = h.walkin(B, at('08:00'));
    h.walkin(C, at('08:10'), 'disability');
    h.open(3, at('08:00'));
    // 12 min × 1 vs 2 min × 1.5
    expect(h.callNext(3, at('08:12'))).toBe(normal);
  });

  it('uses the configured weights', () => {
    const h = new Hall(dayOpened({ settings: { priorityWeights: { none: 1, elderly: 1, disability: 1, pregnancy: 3 } } }));
    const normal = h.walkin(B, at('08:00'));
    h.walkin(B, at('08:01'), 'elderly');
    const pregnant = h.walkin(B, at('08:05'), 'pregnancy');
    h.open(3, at('08:00'));
    expect(h.serveNext(3, at('08:10'))).toBe(pregnant); // 15 vs 10 vs 9
    expect(h.callNext(3, at('08:20'))).toBe(normal); // equal weights: older first
  });

  it('only offers a counter the services it handles', () => {
    const counters = [counter(3, 'general', [C]), counter(4, 'general', [B, D])];
    const h = new Hall(dayOpened({ counters }));
    const b = h.walkin(B, at('08:00'));
    const c = h.walkin(C, at('08:05'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    expect(h.next(3, at('08:10'))).toBe(c);
    expect(h.next(4, at('08:10'))).toBe(b);
    expect(h.refuse({ type: 'call_ticket', counter: 3, ticketId: b }, at('08:10'))).toBe('TICKET_NOT_CALLABLE');
  });

  it('QUEUE_EMPTY when nothing waits', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    expect(h.refuse({ type: 'call_next', counter: 3 }, at('08:00'))).toBe('QUEUE_EMPTY');
  });
});

describe('appointment counters without a due appointment', () => {
  const cpr = '100000001';
  const setup = (settings = {}) => {
    const a = appointment('10:00', { cpr });
    const h = new Hall(dayOpened({ appointments: [a], settings }));
    const w = h.walkin(B, at('09:00'));
    const early = h.checkInCpr(cpr, at('09:35')).ticketId!;
    h.open(1, at('09:00'));
    h.open(3, at('09:00'));
    return { h, w, early };
  };

  it('serve early arrivals before walk-ins when appointmentCountersServeEarly', () => {
    const { h, w, early } = setup();
    expect(h.next(1, at('09:40'))).toBe(early);
    expect(h.next(3, at('09:40'))).toBe(w); // general counters never take it while counter 1 is open
  });

  it('do not serve early arrivals when the setting is off (walk-ins outside the guard instead)', () => {
    const { h, w, early } = setup({ appointmentCountersServeEarly: false });
    expect(h.next(1, at('09:40'))).toBe(w);
    expect(h.refuse({ type: 'call_ticket', counter: 1, ticketId: early }, at('09:40'))).toBe('TICKET_NOT_CALLABLE');
    // Inside the guard nothing is callable there; at the slot the arrival is due.
    expect(h.next(1, at('09:55'))).toBe('WALKINS_HELD');
    expect(h.next(1, at('10:00'))).toBe(early);
  });

  it('a mixed counter takes early arrivals only after walk-ins', () => {
    const { h, w, early } = setup();
    h.run({ type: 'set_counter_mode', counter: 1, mode: 'mixed' }, at('09:40'));
    expect(h.serveNext(1, at('09:40'))).toBe(w);
    expect(h.next(1, at('09:50'))).toBe(early);
  });
});

describe('walk-in guard at appointment counters', () => {
  const setup = (settings = {}, counters = COUNTERS) => {
    const a = appointment('10:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a], settings, counters }));
    const w = h.walkin(B, at('09:00'));
    h.open(1, at('09:00'));
    return { h, w, a };
  };

  it('helps walk-ins only when the next booked slot is further away than walkinGuardMinutes', () => {
    const { h, w } = setup();
    expect(h.next(1, at('09:50') - 1)).toBe(w);
    expect(h.next(1, at('09:50'))).toBe('WALKINS_HELD');
    expect(h.next(1, at('09:59'))).toBe('WALKINS_HELD');
  });

  it('a cancelled booking no longer holds the counter back', () => {
    const { h, w, a } = setup();
    h.run({ type: 'cancel_appointment', appointmentId: a.id }, at('09:00'));
    expect(h.next(1, at('09:55'))).toBe(w);
  });

  it('a guard of 0 minutes lets walk-ins in until the slot', () => {
    const { h, w } = setup({ walkinGuardMinutes: 0 });
    expect(h.next(1, at('09:59'))).toBe(w);
  });

  it('considers only bookings of services the counter handles', () => {
    const counters = [counter(1, 'appointment', [C]), ...COUNTERS.slice(1)];
    const a = appointment('10:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a], counters }));
    const wc = h.walkin(C, at('09:00'));
    h.open(1, at('09:00'));
    expect(h.next(1, at('09:55'))).toBe(wc);
  });

  it('does not apply to general counters, and the counter may still pick the walk-in by hand', () => {
    const { h, w } = setup();
    h.open(3, at('09:00'));
    expect(h.next(3, at('09:55'))).toBe(w);
    expect(h.run({ type: 'call_ticket', counter: 1, ticketId: w }, at('09:55')).ticketId).toBe(w);
  });

  it('counts only bookings that can still arrive: a slot whose check-in window is not open yet does not hold', () => {
    // Check-in opens 5 min before the slot, the guard is 10 min: from 09:50 to 09:55 the citizen cannot be here.
    const { h, w } = setup({ checkInEarlyMinutes: 5 });
    expect(h.next(1, at('09:52'))).toBe(w);
    expect(h.next(1, at('09:55'))).toBe('WALKINS_HELD');
  });

  it('a checked-in citizen holds the counter up to the slot even when check-in opened long before', () => {
    const a = appointment('10:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a], settings: { checkInEarlyMinutes: 5, appointmentCountersServeEarly: false } }));
    const w = h.walkin(B, at('09:00'));
    const t = h.checkInCpr('100000001', at('09:55')).ticketId!;
    h.open(1, at('09:00'));
    expect(h.next(1, at('09:50') - 1)).toBe(w);
    expect(h.next(1, at('09:56'))).toBe('WALKINS_HELD');
    expect(h.next(1, at('10:00'))).toBe(t);
  });

  it('the refusal says which booking holds the counter and when walk-ins are called again (its check-in window closes)', () => {
    const { h } = setup();
    const d = decide(h.state, { type: 'call_next', counter: 1 }, at('09:52'));
    expect(d).toEqual({
      ok: false,
      error: { code: 'WALKINS_HELD', message: expect.any(String), details: { nextSlotAt: at('10:00'), walkinsFrom: at('10:15') } },
    });
  });

  it('holds that meet are one: walk-ins come back when the last of them ends', () => {
    const first = appointment('10:00', { cpr: '100000001', serviceId: B });
    const second = appointment('10:20', { cpr: '100000002', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [first, second] }));
    h.walkin(B, at('09:00'));
    h.open(1, at('09:00'));
    // The first holds until 10:15; the second from 10:10 (its guard) to 10:35.
    expect(walkinHold(h.state, h.state.counters[1]!, at('09:52'))).toEqual({ nextSlotAt: at('10:00'), walkinsFrom: at('10:35') });
    expect(walkinHold(h.state, h.state.counters[1]!, at('10:12'))).toEqual({ nextSlotAt: at('10:00'), walkinsFrom: at('10:35') });
    expect(walkinHold(h.state, h.state.counters[1]!, at('10:36'))).toBeNull();
  });

  it('says QUEUE_EMPTY, not held, when no walk-in waits', () => {
    const a = appointment('10:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.open(1, at('09:00'));
    expect(h.next(1, at('09:55'))).toBe('QUEUE_EMPTY');
  });
});

describe('call a specific ticket', () => {
  it('calls a newer ticket out of order', () => {
    const h = new Hall();
    const old = h.walkin(B, at('08:00'));
    const young = h.walkin(C, at('08:05'));
    h.open(3, at('08:00'));
    const d = h.run({ type: 'call_ticket', counter: 3, ticketId: young }, at('08:10'));
    expect(d.events).toEqual([{ type: 'ticket_called', at: at('08:10'), ticketId: young, counter: 3 }]);
    expect(h.ticket(young)).toMatchObject({ status: 'called', counter: 3, calledAt: at('08:10') });
    expect(h.state.counters[3]!.currentTicketId).toBe(young);
    expect(h.ticket(old).status).toBe('waiting');
    expect(h.waitingIds()).toEqual([old]);
  });

  it('refuses tickets that are not waiting for that counter', () => {
    const h = new Hall();
    const t1 = h.walkin(B, at('08:00'));
    const t2 = h.walkin(B, at('08:01'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    h.run({ type: 'call_ticket', counter: 3, ticketId: t1 }, at('08:02'));
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: t1 }, at('08:02'))).toBe('TICKET_NOT_CALLABLE'); // already called
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: 'no-such' }, at('08:02'))).toBe('TICKET_NOT_CALLABLE');
    h.run({ type: 'start', counter: 3 }, at('08:03'));
    h.run({ type: 'finish', counter: 3, outcome: 'ok', note: null }, at('08:04'));
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: t1 }, at('08:05'))).toBe('TICKET_NOT_CALLABLE'); // done
    expect(h.run({ type: 'call_ticket', counter: 4, ticketId: t2 }, at('08:05')).ticketId).toBe(t2);
    expect(h.ticket(t2)).toMatchObject({ status: 'called', counter: 4 });
  });
});

describe('recall and no-show', () => {
  const setup = (settings = {}) => {
    const h = new Hall(dayOpened({ settings }));
    const t1 = h.walkin(B, at('08:00'));
    const t2 = h.walkin(B, at('08:05'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:10'));
    return { h, t1, t2 };
  };

  it('recall increments; after maxRecalls the next recall is a no-show', () => {
    const { h, t1 } = setup(); // maxRecalls 2
    const r1 = h.run({ type: 'recall', counter: 3 }, at('08:11'));
    expect(r1.events).toEqual([{ type: 'ticket_recalled', at: at('08:11'), ticketId: t1, counter: 3, recalls: 1 }]);
    h.run({ type: 'recall', counter: 3 }, at('08:12'));
    expect(h.ticket(t1)).toMatchObject({ recalls: 2, status: 'called' });
    const r3 = h.run({ type: 'recall', counter: 3 }, at('08:13'));
    expect(r3.events).toEqual([{ type: 'ticket_no_show', at: at('08:13'), ticketId: t1, counter: 3, requeued: false }]);
    expect(h.ticket(t1).status).toBe('no_show');
    expect(h.state.counters[3]!.currentTicketId).toBeNull();
    expect(h.state.waiting[t1]).toBeUndefined();
  });

  it('maxRecalls 0 turns the first recall into a no-show', () => {
    const { h, t1 } = setup({ maxRecalls: 0 });
    expect(h.run({ type: 'recall', counter: 3 }, at('08:11')).events[0]!.type).toBe('ticket_no_show');
    expect(h.ticket(t1).status).toBe('no_show');
  });

  it('recall and no-show need a called ticket', () => {
    const { h } = setup();
    h.run({ type: 'start', counter: 3 }, at('08:11'));
    expect(h.refuse({ type: 'recall', counter: 3 }, at('08:12'))).toBe('INVALID_TICKET_STATE');
    expect(h.refuse({ type: 'no_show', counter: 3 }, at('08:12'))).toBe('INVALID_TICKET_STATE');
    h.open(4, at('08:12'));
    expect(h.refuse({ type: 'recall', counter: 4 }, at('08:12'))).toBe('NO_CURRENT_TICKET');
    expect(h.refuse({ type: 'recall', counter: 5 }, at('08:12'))).toBe('COUNTER_CLOSED');
  });

  it('a no-show leaves the queue for good when requeue is off', () => {
    const { h, t1, t2 } = setup();
    h.run({ type: 'no_show', counter: 3 }, at('08:15'));
    expect(h.ticket(t1).status).toBe('no_show');
    expect(h.callNext(3, at('08:16'))).toBe(t2);
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: t1 }, at('08:16'))).toBe('COUNTER_CLOSED');
    h.open(4, at('08:16'));
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: t1 }, at('08:16'))).toBe('TICKET_NOT_CALLABLE');
  });

  it('with noShowRequeueOnce a no-show goes back once keeping its place, the second time it leaves', () => {
    const { h, t1, t2 } = setup({ noShowRequeueOnce: true });
    h.run({ type: 'recall', counter: 3 }, at('08:11'));
    const d = h.run({ type: 'no_show', counter: 3 }, at('08:15'));
    expect(d.events).toEqual([{ type: 'ticket_no_show', at: at('08:15'), ticketId: t1, counter: 3, requeued: true }]);
    expect(h.ticket(t1)).toMatchObject({ status: 'waiting', requeued: true, recalls: 0, counter: null, calledAt: null, issuedAt: at('08:00') });
    expect(h.state.waiting[t1]).toBe(true);
    expect(h.state.counters[3]!.currentTicketId).toBeNull();
    // Still older than t2, so it is called first again.
    expect(h.callNext(3, at('08:16'))).toBe(t1);
    const d2 = h.run({ type: 'no_show', counter: 3 }, at('08:20'));
    expect(d2.events).toEqual([{ type: 'ticket_no_show', at: at('08:20'), ticketId: t1, counter: 3, requeued: false }]);
    expect(h.ticket(t1).status).toBe('no_show');
    expect(h.callNext(3, at('08:21'))).toBe(t2);
  });

  it('the requeue applies to recalls running out as well', () => {
    const { h, t1 } = setup({ noShowRequeueOnce: true, maxRecalls: 1 });
    h.run({ type: 'recall', counter: 3 }, at('08:11'));
    h.run({ type: 'recall', counter: 3 }, at('08:12'));
    expect(h.ticket(t1)).toMatchObject({ status: 'waiting', requeued: true });
  });
});

describe('start and finish', () => {
  it('finish only from serving; records the duration from start, outcome and note', () => {
    const h = new Hall();
    const t = h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.refuse({ type: 'start', counter: 3 }, at('08:00'))).toBe('NO_CURRENT_TICKET');
    h.callNext(3, at('08:01'));
    expect(h.refuse({ type: 'finish', counter: 3, outcome: 'x', note: null }, at('08:02'))).toBe('INVALID_TICKET_STATE');
    h.run({ type: 'start', counter: 3 }, at('08:03'));
    expect(h.ticket(t)).toMatchObject({ status: 'serving', startedAt: at('08:03'), counter: 3 });
    expect(h.refuse({ type: 'start', counter: 3 }, at('08:04'))).toBe('INVALID_TICKET_STATE');
    const d = h.run({ type: 'finish', counter: 3, outcome: 'advised', note: 'explained housing loan' }, at('08:10') + 30 * SECOND);
    expect(d.events).toEqual([
      {
        type: 'ticket_finished',
        at: at('08:10') + 30 * SECOND,
        ticketId: t,
        counter: 3,
        outcome: 'advised',
        note: 'explained housing loan',
        durationMs: 7.5 * MINUTE,
      },
    ]);
    expect(h.ticket(t)).toMatchObject({ status: 'done', finishedAt: at('08:10') + 30 * SECOND, outcome: 'advised', note: 'explained housing loan' });
    expect(h.state.counters[3]!.currentTicketId).toBeNull();
    expect(h.state.recentDurations[B]).toEqual([7.5 * MINUTE]);
    expect(h.refuse({ type: 'finish', counter: 3, outcome: 'x', note: null }, at('08:11'))).toBe('NO_CURRENT_TICKET');
  });

  it('keeps only the last serviceTimeWindow durations per service, newest last', () => {
    const h = new Hall(dayOpened({ settings: { serviceTimeWindow: 3 }, recentDurations: { [B]: [1 * MINUTE, 2 * MINUTE] } }));
    h.open(3, at('08:00'));
    for (let i = 0; i < 3; i++) h.walkin(B, at('08:00') + i);
    h.serveNext(3, at('08:10'), 3 * MINUTE);
    expect(h.state.recentDurations[B]).toEqual([1, 2, 3].map((m) => m * MINUTE));
    h.serveNext(3, at('08:20'), 4 * MINUTE);
    h.serveNext(3, at('08:30'), 5 * MINUTE);
    expect(h.state.recentDurations[B]).toEqual([3, 4, 5].map((m) => m * MINUTE));
    expect(h.state.recentDurations[C]).toBeUndefined();
  });
});

describe('transfer', () => {
  it('to a service keeps number, label and issuedAt and goes before newer tickets of that service', () => {
    const h = new Hall();
    const cOld = h.walkin(C, at('07:50'));
    const b = h.walkin(B, at('08:00'));
    const cNew1 = h.walkin(C, at('08:05'));
    const cNew2 = h.walkin(C, at('08:20'));
    const counters = [3, 4];
    counters.forEach((n) => h.open(n, at('07:00')));
    expect(h.run({ type: 'call_ticket', counter: 3, ticketId: b }, at('08:25')).ticketId).toBe(b);
    h.run({ type: 'start', counter: 3 }, at('08:26'));
    const d = h.run({ type: 'transfer', counter: 3, toServiceId: C, toCounter: null }, at('08:30'));
    expect(d.events).toEqual([{ type: 'ticket_transferred', at: at('08:30'), ticketId: b, fromCounter: 3, toServiceId: C, toCounter: null }]);
    expect(h.ticket(b)).toMatchObject({
      id: b,
      number: 1,
      label: 'B-001',
      prefix: 'B',
      issuedAt: at('08:00'),
      serviceId: C,
      status: 'waiting',
      transfers: 1,
      counter: null,
      calledAt: null,
      startedAt: null,
      targetCounter: null,
    });
    expect(h.state.counters[3]!.currentTicketId).toBeNull();
    expect(h.state.waiting[b]).toBe(true);
    expect([h.serveNext(4, at('08:31')), h.serveNext(4, at('08:40')), h.serveNext(4, at('08:50')), h.serveNext(4, at('09:00'))]).toEqual([
      cOld,
      b,
      cNew1,
      cNew2,
    ]);
    expect(h.state.recentDurations[C]).toHaveLength(4);
  });

  it('to a service served only by some counters makes it callable only there', () => {
    const counters = [counter(3, 'general', [B]), counter(4, 'general', [C])];
    const h = new Hall(dayOpened({ counters }));
    const b = h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    h.callNext(3, at('08:01'));
    h.run({ type: 'transfer', counter: 3, toServiceId: C, toCounter: null }, at('08:02'));
    expect(h.next(3, at('08:03'))).toBe('QUEUE_EMPTY');
    expect(h.next(4, at('08:03'))).toBe(b);
  });

  it('to a counter is callable only there, and first there', () => {
    const h = new Hall();
    const old = h.walkin(B, at('07:30'));
    const t = h.walkin(C, at('08:00'));
    [3, 4, 5].forEach((n) => h.open(n, at('07:00')));
    h.run({ type: 'call_ticket', counter: 3, ticketId: t }, at('08:01'));
    h.run({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 5 }, at('08:02'));
    expect(h.ticket(t)).toMatchObject({ status: 'waiting', targetCounter: 5, serviceId: C, transfers: 1 });
    expect(h.next(4, at('08:03'))).toBe(old);
    expect(h.next(3, at('08:03'))).toBe(old);
    expect(h.refuse({ type: 'call_ticket', counter: 4, ticketId: t }, at('08:03'))).toBe('TICKET_NOT_CALLABLE');
    expect(h.callNext(5, at('08:03'))).toBe(t); // before the older walk-in
    expect(h.ticket(t).targetCounter).toBeNull();
  });

  it('to a counter goes first there even before a due appointment', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const appt = h.checkInCpr('100000001', at('08:50')).ticketId!;
    const w = h.walkin(B, at('08:55'));
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:56'));
    h.run({ type: 'transfer', counter: 3, toServiceId: F, toCounter: 1 }, at('09:05'));
    expect(h.ticket(w)).toMatchObject({ serviceId: F, targetCounter: 1 });
    expect(h.callNext(1, at('09:06'))).toBe(w);
    h.run({ type: 'start', counter: 1 }, at('09:06'));
    h.run({ type: 'finish', counter: 1, outcome: 'ok', note: null }, at('09:07'));
    expect(h.callNext(1, at('09:07'))).toBe(appt);
  });

  it('refuses a transfer to the same counter, without a target, or to unknown targets', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:01'));
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 3 }, at('08:02'))).toBe('TRANSFER_TO_SELF');
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: C, toCounter: 3 }, at('08:02'))).toBe('TRANSFER_TO_SELF');
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: null, toCounter: null }, at('08:02'))).toBe('TRANSFER_TARGET_MISSING');
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: 'nope', toCounter: null }, at('08:02'))).toBe('UNKNOWN_SERVICE');
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 42 }, at('08:02'))).toBe('UNKNOWN_COUNTER');
    h.open(4, at('08:00'));
    expect(h.refuse({ type: 'transfer', counter: 4, toServiceId: C, toCounter: null }, at('08:02'))).toBe('NO_CURRENT_TICKET');
  });
});

describe('counters: open, close, pause, busy, modes', () => {
  it('a double click on call next calls one ticket', () => {
    const h = new Hall();
    const t1 = h.walkin(B, at('08:00'));
    const t2 = h.walkin(B, at('08:01'));
    h.open(3, at('08:00'));
    expect(h.callNext(3, at('08:05'))).toBe(t1);
    expect(h.refuse({ type: 'call_next', counter: 3 }, at('08:05'))).toBe('COUNTER_BUSY');
    expect(h.refuse({ type: 'call_ticket', counter: 3, ticketId: t2 }, at('08:05'))).toBe('COUNTER_BUSY');
    expect(h.ticket(t2).status).toBe('waiting');
    expect(Object.values(h.state.tickets).filter((t) => t.status === 'called')).toHaveLength(1);
  });

  it('two counters calling at the same instant get different tickets', () => {
    const h = new Hall();
    const t1 = h.walkin(B, at('08:00'));
    const t2 = h.walkin(B, at('08:01'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    const now = at('08:05');
    expect(h.callNext(3, now)).toBe(t1);
    expect(h.callNext(4, now)).toBe(t2);
    expect(h.refuse({ type: 'call_next', counter: 5 }, now)).toBe('COUNTER_CLOSED');
  });

  it('open: taken by another user, idempotent for the same user, one counter per user', () => {
    const h = new Hall();
    expect(h.run({ type: 'open_counter', counter: 3, userId: 7 }, at('07:00')).events).toEqual([
      { type: 'counter_opened', at: at('07:00'), counter: 3, userId: 7 },
    ]);
    expect(h.state.counters[3]).toMatchObject({ open: true, userId: 7, paused: false });
    expect(h.refuse({ type: 'open_counter', counter: 3, userId: 8 }, at('07:01'))).toBe('COUNTER_TAKEN');
    expect(h.run({ type: 'open_counter', counter: 3, userId: 7 }, at('07:02')).events).toEqual([]);
    expect(h.refuse({ type: 'open_counter', counter: 4, userId: 7 }, at('07:03'))).toBe('USER_AT_OTHER_COUNTER');
    expect(h.refuse({ type: 'open_counter', counter: 99, userId: 9 }, at('07:03'))).toBe('UNKNOWN_COUNTER');
    h.run({ type: 'close_counter', counter: 3 }, at('07:04'));
    expect(h.state.counters[3]).toMatchObject({ open: false, userId: null });
    expect(h.refuse({ type: 'close_counter', counter: 3 }, at('07:05'))).toBe('COUNTER_CLOSED');
    h.open(3, at('07:05'), 8);
    h.open(4, at('07:05'), 7);
    expect(h.state.counters[3]!.userId).toBe(8);
    expect(h.state.counters[4]!.userId).toBe(7);
  });

  it('cannot close a counter that holds a ticket', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:01'));
    expect(h.refuse({ type: 'close_counter', counter: 3 }, at('08:02'))).toBe('COUNTER_BUSY');
  });

  it('pause is refused while holding a ticket; a paused counter calls nothing until resumed', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.refuse({ type: 'pause', counter: 4, reason: 'break' }, at('08:00'))).toBe('COUNTER_CLOSED');
    h.callNext(3, at('08:01'));
    expect(h.refuse({ type: 'pause', counter: 3, reason: 'break' }, at('08:02'))).toBe('COUNTER_BUSY');
    h.run({ type: 'start', counter: 3 }, at('08:02'));
    h.run({ type: 'finish', counter: 3, outcome: 'ok', note: null }, at('08:03'));
    const t2 = h.walkin(B, at('08:04'));
    expect(h.run({ type: 'pause', counter: 3, reason: 'prayer' }, at('08:05')).events).toEqual([
      { type: 'counter_paused', at: at('08:05'), counter: 3, reason: 'prayer' },
    ]);
    expect(h.state.counters[3]).toMatchObject({ paused: true, pauseReason: 'prayer', open: true });
    expect(h.refuse({ type: 'pause', counter: 3, reason: 'again' }, at('08:06'))).toBe('COUNTER_PAUSED');
    expect(h.refuse({ type: 'call_next', counter: 3 }, at('08:06'))).toBe('COUNTER_PAUSED');
    h.run({ type: 'resume', counter: 3 }, at('08:10'));
    expect(h.state.counters[3]).toMatchObject({ paused: false, pauseReason: null });
    expect(h.refuse({ type: 'resume', counter: 3 }, at('08:11'))).toBe('COUNTER_NOT_PAUSED');
    expect(h.callNext(3, at('08:11'))).toBe(t2);
  });

  it('closing a paused counter clears the pause', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    h.run({ type: 'pause', counter: 3, reason: 'break' }, at('08:01'));
    h.run({ type: 'close_counter', counter: 3 }, at('08:02'));
    expect(h.state.counters[3]).toMatchObject({ open: false, paused: false, pauseReason: null });
  });

  it('a mode change takes effect on the next call', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const appt = h.checkInCpr('100000001', at('08:50')).ticketId!;
    const w = h.walkin(B, at('08:00'));
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    expect(h.next(3, at('09:05'))).toBe(w);
    expect(h.run({ type: 'set_counter_mode', counter: 3, mode: 'appointment' }, at('09:05')).events).toEqual([
      { type: 'counter_mode_changed', at: at('09:05'), counter: 3, mode: 'appointment' },
    ]);
    expect(h.state.counters[3]!.mode).toBe('appointment');
    expect(h.next(3, at('09:05'))).toBe(appt);
    expect(h.run({ type: 'set_counter_mode', counter: 3, mode: 'appointment' }, at('09:06')).events).toEqual([]);
    // Counter 1 turned general: the walk-in guard no longer holds it back.
    const later = appointment('10:00', { cpr: '100000002' });
    h.run({ type: 'book_appointment', appointment: later }, at('09:06'));
    expect(h.next(1, at('09:55'))).toBe(appt);
    h.run({ type: 'call_ticket', counter: 3, ticketId: appt }, at('09:55'));
    expect(h.next(1, at('09:55'))).toBe('WALKINS_HELD');
    h.run({ type: 'set_counter_mode', counter: 1, mode: 'general' }, at('09:55'));
    expect(h.next(1, at('09:55'))).toBe(w);
    expect(h.refuse({ type: 'set_counter_mode', counter: 77, mode: 'general' }, at('09:55'))).toBe('UNKNOWN_COUNTER');
  });
});

describe('appointments: booking, cancelling and the no-show sweep', () => {
  it('books a future slot of a bookable service for today', () => {
    const h = new Hall();
    const a = { ...appointment('11:00', { serviceId: F }), status: 'checked_in' as const, ticketId: 'bogus' };
    const d = h.run({ type: 'book_appointment', appointment: a }, at('09:00'));
    expect(d.events).toEqual([{ type: 'appointment_booked', at: at('09:00'), appointment: { ...a, status: 'booked', ticketId: null } }]);
    expect(h.state.appointments[a.id]).toMatchObject({ status: 'booked', ticketId: null });
  });

  it('refuses past slots, non-bookable or unknown services and a wrong day', () => {
    const h = new Hall();
    expect(h.refuse({ type: 'book_appointment', appointment: appointment('09:00') }, at('09:00'))).toBe('SLOT_IN_PAST');
    expect(h.refuse({ type: 'book_appointment', appointment: appointment('11:00', { serviceId: D }) }, at('09:00'))).toBe('SERVICE_NOT_BOOKABLE');
    expect(h.refuse({ type: 'book_appointment', appointment: appointment('11:00', { serviceId: 'nope' }) }, at('09:00'))).toBe('UNKNOWN_SERVICE');
    const wrongDay = { ...appointment('11:00'), day: nextDay(DAY) };
    expect(h.refuse({ type: 'book_appointment', appointment: wrongDay }, at('09:00'))).toBe('SLOT_DAY_MISMATCH');
  });

  it("a booking for another day is accepted (for the record) but is not part of today's state", () => {
    const h = new Hall();
    const tomorrow = appointment('09:00', {}, nextDay(DAY));
    h.run({ type: 'book_appointment', appointment: tomorrow }, at('09:00'));
    expect(h.state.appointments).toEqual({});
  });

  it('only a booked appointment can be cancelled', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const b = appointment('10:00', { cpr: '100000002' });
    const h = new Hall(dayOpened({ appointments: [a, b] }));
    h.checkInCpr('100000001', at('08:50'));
    expect(h.refuse({ type: 'cancel_appointment', appointmentId: a.id }, at('08:51'))).toBe('APPOINTMENT_NOT_ACTIVE');
    h.run({ type: 'cancel_appointment', appointmentId: b.id }, at('08:51'));
    expect(h.state.appointments[b.id]!.status).toBe('cancelled');
    expect(h.refuse({ type: 'cancel_appointment', appointmentId: b.id }, at('08:52'))).toBe('APPOINTMENT_NOT_ACTIVE');
  });

  it('the sweep marks booked appointments past slot + late as no_show and leaves the others', () => {
    const missed = appointment('09:00', { cpr: '100000001' });
    const kept = appointment('09:00', { cpr: '100000002' });
    const cancelled = appointment('09:00', { cpr: '100000003' });
    const future = appointment('09:30', { cpr: '100000004' });
    const h = new Hall(dayOpened({ appointments: [missed, kept, cancelled, future] }));
    h.checkInCpr('100000002', at('08:55'));
    h.run({ type: 'cancel_appointment', appointmentId: cancelled.id }, at('08:00'));
    expect(h.run({ type: 'sweep_no_shows' }, at('09:15')).events).toEqual([]); // the window closes at 09:15 inclusive
    const d = h.run({ type: 'sweep_no_shows' }, at('09:15') + 1);
    expect(d.events).toEqual([{ type: 'appointment_no_show', at: at('09:15') + 1, appointmentId: missed.id }]);
    expect(Object.fromEntries(Object.values(h.state.appointments).map((a) => [a.id, a.status]))).toEqual({
      [missed.id]: 'no_show',
      [kept.id]: 'checked_in',
      [cancelled.id]: 'cancelled',
      [future.id]: 'booked',
    });
    expect(h.run({ type: 'sweep_no_shows' }, at('09:20')).events).toEqual([]);
    expect(h.run({ type: 'sweep_no_shows' }, at('09:46')).events).toEqual([{ type: 'appointment_no_show', at: at('09:46'), appointmentId: future.id }]);
  });
});

describe('day boundaries and rollover', () => {
  it('local day, time and instant follow a zone with daylight saving across its clock changes', () => {
    const NY = 'America/New_York'; // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST
    expect(localTime(Date.parse('2026-03-08T06:59:00Z'), NY)).toBe('01:59');
    expect(localTime(Date.parse('2026-03-08T07:00:00Z'), NY)).toBe('03:00');
    expect(localDay(Date.parse('2026-11-02T04:59:00Z'), NY)).toBe('2026-11-01');
    expect(localDay(Date.parse('2026-11-02T05:00:00Z'), NY)).toBe('2026-11-02');
    expect(localInstant('2026-03-08', '09:00', NY)).toBe(Date.parse('2026-03-08T13:00:00Z'));
    expect(localInstant('2026-03-07', '09:00', NY)).toBe(Date.parse('2026-03-07T14:00:00Z'));
    // 02:30 never shows on the clock that night: the instant the clock reads 03:30 EDT.
    expect(localInstant('2026-03-08', '02:30', NY)).toBe(Date.parse('2026-03-08T07:30:00Z'));
    // 01:30 shows twice: the first time, still in EDT.
    expect(localInstant('2026-11-01', '01:30', NY)).toBe(Date.parse('2026-11-01T05:30:00Z'));
  });

  it('localDay follows Asia/Bahrain (UTC+3), not UTC', () => {
    expect(localDay(Date.parse('2026-11-26T21:30:00Z'), TZ)).toBe('2026-11-27');
    expect(localDay(Date.parse('2026-11-26T20:59:59.999Z'), TZ)).toBe('2026-11-26');
    expect(localDay(Date.parse('2026-11-26T21:00:00Z'), TZ)).toBe('2026-11-27');
    expect(localDay(Date.parse('2026-11-25T21:00:00Z'), TZ)).toBe('2026-11-26');
    expect(localTime(Date.parse('2026-11-26T21:30:00Z'), TZ)).toBe('00:30');
    expect(localInstant('2026-11-27', '00:00', TZ)).toBe(Date.parse('2026-11-26T21:00:00Z'));
    expect(localInstant('2026-11-26', '09:15', TZ)).toBe(Date.parse('2026-11-26T06:15:00Z'));
    expect(weekdayOf('2026-11-26')).toBe(4);
    expect(nextDay('2026-11-26')).toBe('2026-11-27');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });

  it('commands are DAY_CLOSED once it is a later local day, even though the UTC date is the same', () => {
    const h = new Hall();
    h.walkin(B, Date.parse('2026-11-26T20:59:59.999Z')); // 23:59:59.999 local
    expect(h.refuse(walkinCmd(B), Date.parse('2026-11-26T21:30:00Z'))).toBe('DAY_CLOSED');
    expect(h.refuse({ type: 'open_counter', counter: 3, userId: 1 }, Date.parse('2026-11-26T21:00:00Z'))).toBe('DAY_CLOSED');
    expect(h.refuse({ type: 'sweep_no_shows' }, Date.parse('2026-11-27T08:00:00Z'))).toBe('DAY_CLOSED');
  });

  it('a day whose UTC date is the previous one starts at local midnight', () => {
    const h = new Hall();
    expect(h.refuse(walkinCmd(B), Date.parse('2026-11-25T20:59:59.999Z'))).toBe('DAY_CLOSED');
    expect(h.walkin(B, Date.parse('2026-11-25T21:00:00Z'))).toBe(`${DAY}_B1`);
  });

  const busyDay = () => {
    const booked = appointment('13:00', { cpr: '100000001' });
    const kept = appointment('09:00', { cpr: '100000002' });
    const h = new Hall(dayOpened({ appointments: [booked, kept], recentDurations: { [C]: [4 * MINUTE] } }));
    const keptTicket = h.checkInCpr('100000002', at('08:55')).ticketId!;
    const done = h.walkin(B, at('08:00'));
    const serving = h.walkin(B, at('08:01'));
    const called = h.walkin(B, at('08:02'));
    const waiting = h.walkin(C, at('08:03'));
    h.open(1, at('08:00'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    h.open(5, at('08:00'));
    h.run({ type: 'set_counter_mode', counter: 6, mode: 'mixed' }, at('08:00'));
    h.serveNext(3, at('08:10'), 3 * MINUTE);
    expect(h.callNext(3, at('08:20'))).toBe(serving);
    h.run({ type: 'start', counter: 3 }, at('08:21'));
    expect(h.callNext(4, at('08:22'))).toBe(called);
    h.run({ type: 'pause', counter: 5, reason: 'break' }, at('08:23'));
    return { h, booked, kept, keptTicket, done, serving, called, waiting };
  };

  it('rollover cancels open tickets, no-shows unkept bookings, closes counters and opens the new day', () => {
    const { h, booked, keptTicket, serving, called, waiting } = busyDay();
    const tomorrow = nextDay(DAY);
    const nextAppt = appointment('10:00', { cpr: '100000009' }, tomorrow);
    const otherDay = appointment('10:00', { cpr: '100000008' }, nextDay(tomorrow));
    const now = Date.parse('2026-11-26T21:00:05Z');
    const d = h.run({ type: 'rollover', day: tomorrow, appointments: [nextAppt, otherDay] }, now);
    const types = d.events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['day_closed', 'day_opened']);
    const cancelled = d.events
      .filter((e) => e.type === 'ticket_cancelled')
      .map((e) => (e as { ticketId: string }).ticketId)
      .sort();
    expect(cancelled).toEqual([keptTicket, serving, called, waiting].sort());
    expect(d.events.filter((e) => e.type === 'appointment_no_show')).toEqual([{ type: 'appointment_no_show', at: now, appointmentId: booked.id }]);
    expect(d.events).toContainEqual({ type: 'day_closed', at: now, day: DAY });

    const s = h.state;
    expect(s.day).toBe(tomorrow);
    expect(s.tickets).toEqual({});
    expect(s.waiting).toEqual({});
    expect(s.lastNumber).toEqual({});
    expect(Object.keys(s.appointments)).toEqual([nextAppt.id]);
    expect(s.recentDurations).toEqual({ [C]: [4 * MINUTE], [B]: [3 * MINUTE] });
    for (const c of Object.values(s.counters)) {
      expect(c).toMatchObject({ open: false, userId: null, paused: false, pauseReason: null, currentTicketId: null });
    }
    expect(s.counters[6]!.mode).toBe('mixed');
    expect(s.counters[1]!.mode).toBe('appointment');
  });

  it('after rollover numbers restart at 1 and nothing of yesterday is callable', () => {
    const { h, waiting } = busyDay();
    const tomorrow = nextDay(DAY);
    h.run({ type: 'rollover', day: tomorrow, appointments: [] }, Date.parse('2026-11-26T21:00:05Z'));
    const t = h.walkin(B, at('07:00', tomorrow));
    expect(t).toBe(`${tomorrow}_B1`);
    expect(h.ticket(t).label).toBe('B-001');
    h.open(3, at('07:00', tomorrow));
    expect(h.refuse({ type: 'call_ticket', counter: 3, ticketId: waiting }, at('07:01', tomorrow))).toBe('TICKET_NOT_CALLABLE');
    expect(h.callNext(3, at('07:01', tomorrow))).toBe(t);
    expect(h.refuse({ type: 'call_next', counter: 4 }, at('07:01', tomorrow))).toBe('COUNTER_CLOSED');
    // And yesterday is closed for good.
    expect(h.refuse(walkinCmd(B), at('23:00'))).toBe('DAY_CLOSED');
  });

  it('refuses to roll over to the same or an earlier day', () => {
    const h = new Hall();
    expect(h.refuse({ type: 'rollover', day: DAY, appointments: [] }, at('23:00'))).toBe('NOT_A_NEW_DAY');
    expect(h.refuse({ type: 'rollover', day: '2026-11-25', appointments: [] }, at('23:00'))).toBe('NOT_A_NEW_DAY');
  });

  it('folding the whole history across a rollover gives the live state', () => {
    const { h } = busyDay();
    const tomorrow = nextDay(DAY);
    h.run({ type: 'rollover', day: tomorrow, appointments: [appointment('10:00', { cpr: '100000009' }, tomorrow)] }, Date.parse('2026-11-26T21:00:05Z'));
    h.walkin(D, at('07:00', tomorrow));
    h.open(4, at('07:00', tomorrow));
    h.callNext(4, at('07:05', tomorrow));
    expect(h.fold()).toStrictEqual(h.state);
    expect(h.fold().day).toBe(tomorrow);
  });
});

describe('estimated wait', () => {
  it('is null minutes when no counter is open (or only paused ones)', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    expect(estimateNewWalkin(h.state, B, at('08:01')).estimatedWaitMin).toBeNull();
    h.open(3, at('08:00'));
    h.run({ type: 'pause', counter: 3, reason: 'break' }, at('08:00'));
    expect(estimateNewWalkin(h.state, B, at('08:01')).estimatedWaitMin).toBeNull();
    h.run({ type: 'resume', counter: 3 }, at('08:01'));
    expect(estimateNewWalkin(h.state, B, at('08:01'))).toEqual({ peopleAhead: 1, estimatedWaitMin: 10 });
  });

  it('counts the people ahead with default durations and divides by the open counters', () => {
    const h = new Hall();
    h.open(3, at('07:00'));
    expect(estimateNewWalkin(h.state, B, at('08:00'))).toEqual({ peopleAhead: 0, estimatedWaitMin: 0 });
    h.walkin(B, at('08:00'));
    h.walkin(B, at('08:01'));
    h.walkin(C, at('08:02')); // 6 min
    const now = at('08:05');
    expect(estimateNewWalkin(h.state, B, now)).toEqual({ peopleAhead: 3, estimatedWaitMin: 26 });
    h.open(4, at('08:05'));
    expect(estimateNewWalkin(h.state, B, now)).toEqual({ peopleAhead: 3, estimatedWaitMin: 13 });
    h.open(5, at('08:05'));
    expect(estimateNewWalkin(h.state, B, now)).toEqual({ peopleAhead: 3, estimatedWaitMin: 9 }); // ceil(26 / 3)
  });

  it('uses the median of recent service times once there are some', () => {
    const h = new Hall(dayOpened({ recentDurations: { [B]: [2 * MINUTE, 9 * MINUTE, 4 * MINUTE], [C]: [1 * MINUTE, 3 * MINUTE] } }));
    h.open(3, at('07:00'));
    h.walkin(B, at('08:00'));
    h.walkin(B, at('08:01'));
    expect(estimateNewWalkin(h.state, B, at('08:05'))).toEqual({ peopleAhead: 2, estimatedWaitMin: 8 });
    h.walkin(C, at('08:02')); // median of 1 and 3 = 2
    expect(estimateNewWalkin(h.state, D, at('08:05'))).toEqual({ peopleAhead: 3, estimatedWaitMin: 10 });
  });

  it('finished services feed the median', () => {
    const h = new Hall();
    h.open(3, at('07:00'));
    h.walkin(B, at('08:00'));
    h.serveNext(3, at('08:01'), 2 * MINUTE);
    h.walkin(B, at('08:10'));
    expect(estimateNewWalkin(h.state, B, at('08:11'))).toEqual({ peopleAhead: 1, estimatedWaitMin: 2 });
  });

  it('counts only tickets that the same counters serve, and ahead of the ticket itself', () => {
    const counters = [counter(3, 'general', [B]), counter(4, 'general', [C])];
    const h = new Hall(dayOpened({ counters }));
    h.open(3, at('07:00'));
    const b1 = h.walkin(B, at('08:00'));
    const b2 = h.walkin(B, at('08:01'));
    const b3 = h.walkin(B, at('08:02'));
    h.walkin(C, at('07:59'));
    const now = at('08:05');
    expect(estimateWait(h.state, h.ticket(b1), now)).toEqual({ peopleAhead: 0, estimatedWaitMin: 0 });
    expect(estimateWait(h.state, h.ticket(b2), now)).toEqual({ peopleAhead: 1, estimatedWaitMin: 10 });
    expect(estimateWait(h.state, h.ticket(b3), now)).toEqual({ peopleAhead: 2, estimatedWaitMin: 20 });
    expect(estimateNewWalkin(h.state, C, now).estimatedWaitMin).toBeNull(); // counter 4 is closed
  });

  it('counts a ticket transferred to a counter as ahead at that counter', () => {
    const counters = [counter(3, 'general'), counter(4, 'general')];
    const h = new Hall(dayOpened({ counters }));
    h.open(3, at('07:00'));
    h.open(4, at('07:00'));
    h.walkin(B, at('08:00'));
    h.callNext(3, at('08:01'));
    h.run({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 4 }, at('08:02'));
    h.run({ type: 'close_counter', counter: 3 }, at('08:02'));
    expect(estimateNewWalkin(h.state, B, at('08:10'))).toEqual({ peopleAhead: 1, estimatedWaitMin: 10 });
  });
});

describe('settings', () => {
  it('refuses an appointment prefix that a service uses', () => {
    const h = new Hall();
    expect(h.refuse({ type: 'change_settings', settings: { ...DEFAULT_SETTINGS, appointmentPrefix: 'B' } }, at('08:00'))).toBe('PREFIX_IN_USE');
    expect(h.refuse({ type: 'change_settings', settings: { ...DEFAULT_SETTINGS, appointmentPrefix: 'F' } }, at('08:00'))).toBe('PREFIX_IN_USE');
  });

  it('a new appointment prefix and rules apply from the next command on', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const b = appointment('09:00', { cpr: '100000002' });
    const h = new Hall(dayOpened({ appointments: [a, b] }));
    h.checkInCpr('100000001', at('08:50'));
    h.run({ type: 'change_settings', settings: { ...DEFAULT_SETTINGS, appointmentPrefix: 'G', lateConvertsToWalkin: false } }, at('08:55'));
    expect(h.state.settings.appointmentPrefix).toBe('G');
    const t = h.checkInCpr('100000002', at('08:56')).ticketId!;
    expect(h.ticket(t).label).toBe('G-001');
    h.run({ type: 'book_appointment', appointment: appointment('10:00', { cpr: '100000003' }) }, at('08:57'));
    expect(h.checkInCpr('100000003', at('10:16')).checkIn).toEqual({ outcome: 'too_late' });
  });
});

describe('purity and replay', () => {
  it('decide never changes the state it is given and is deterministic', () => {
    const a = appointment('09:00', { cpr: '100000001' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:01'));
    const before = structuredClone(h.state);
    const cmds: Command[] = [
      walkinCmd(C),
      { type: 'check_in', by: { cpr: '100000001' }, statusToken: 'x' },
      { type: 'start', counter: 3 },
      { type: 'transfer', counter: 3, toServiceId: C, toCounter: null },
      { type: 'sweep_no_shows' },
      { type: 'rollover', day: nextDay(DAY), appointments: [] },
      { type: 'recall', counter: 3 },
    ];
    for (const cmd of cmds) {
      const d1 = decide(h.state, cmd, at('09:30'));
      const d2 = decide(h.state, cmd, at('09:30'));
      expect(d1.ok).toBe(true);
      expect(d2).toStrictEqual(d1);
      expect(h.state).toStrictEqual(before);
    }
  });

  it('the plain run() driver mutates the state it is given and rejects with the code', () => {
    const h = new Hall();
    const s = h.state;
    const d = run(s, walkinCmd(B), at('08:00'));
    expect(s.tickets[d.ticketId!]!.label).toBe('B-001');
    expect(() => run(s, walkinCmd('nope'), at('08:00'))).toThrow(/UNKNOWN_SERVICE/);
  });

  it('foldEvents needs a day_opened first and rebuilds the live state', () => {
    expect(() => foldEvents([])).toThrow();
    expect(() => foldEvents([{ type: 'day_closed', at: 0, day: DAY }])).toThrow();
    const h = new Hall(dayOpened({ appointments: [appointment('09:00', { cpr: '100000001' })] }));
    h.walkin(B, at('08:00'));
    h.checkInCpr('100000001', at('08:40'));
    h.open(1, at('08:00'));
    h.serveNext(1, at('09:00'));
    h.run({ type: 'sweep_no_shows' }, at('10:00'));
    expect(h.fold()).toStrictEqual(h.state);
  });
});

describe('edges tightened after review', () => {
  it('a booking whose slot started still holds an idle appointment counter while its citizen may check in', () => {
    const a = appointment('10:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a] }));
    const w = h.walkin(B, at('09:00'));
    h.open(1, at('09:00'));
    expect(h.next(1, at('10:05'))).toBe('WALKINS_HELD');
    expect(h.next(1, at('10:15'))).toBe('WALKINS_HELD');
    expect(h.next(1, at('10:15') + 1)).toBe(w);
  });

  it('a paused appointment counter does not keep appointment tickets from general counters', () => {
    const a = appointment('09:00', { cpr: '100000001', serviceId: B });
    const h = new Hall(dayOpened({ appointments: [a] }));
    h.open(1, at('08:50'));
    h.open(3, at('08:50'));
    const t = h.checkInCpr('100000001', at('09:00')).ticketId!;
    expect(h.next(3, at('09:01'))).toBe('QUEUE_EMPTY');
    h.run({ type: 'pause', counter: 1, reason: 'prayer' }, at('09:01'));
    expect(h.next(3, at('09:02'))).toBe(t);
  });

  it('a citizen holding a ticket from one booking gets no second ticket from a swept one', () => {
    const early = appointment('08:00', { cpr: '100000001', serviceId: B, id: 'a1', reference: 'AAAAAA' });
    const later = appointment('10:00', { cpr: '100000001', serviceId: C, id: 'a2', reference: 'BBBBBB' });
    const h = new Hall(dayOpened({ appointments: [early, later] }));
    h.run({ type: 'sweep_no_shows' }, at('09:45'));
    expect(h.state.appointments.a1!.status).toBe('no_show');
    h.checkInCpr('100000001', at('09:45'));
    expect(h.state.appointments.a2!.status).toBe('checked_in');
    expect(h.refuse({ type: 'check_in', by: { cpr: '100000001' }, statusToken: 't2' }, at('09:50'))).toBe('ALREADY_CHECKED_IN');
    expect(Object.keys(h.state.tickets)).toHaveLength(1);
  });

  it('refuses a booking whose id already exists today', () => {
    const a = appointment('10:00', { cpr: '100000001', serviceId: B, id: 'dup' });
    const h = new Hall(dayOpened({ appointments: [a] }));
    expect(h.refuse({ type: 'book_appointment', appointment: { ...a, slotStart: at('11:00') } }, at('09:00'))).toBe('DUPLICATE_APPOINTMENT');
  });

  it('closing a counter sends the tickets transferred to it back to their service queue, keeping their place', () => {
    const h = new Hall();
    h.open(3, at('09:00'));
    h.open(4, at('09:00'));
    const t = h.walkin(C, at('09:00'));
    expect(h.callNext(3, at('09:01'))).toBe(t);
    h.run({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 4 }, at('09:02'));
    const newer = h.walkin(C, at('09:03'));
    h.run({ type: 'close_counter', counter: 4 }, at('09:04'));
    expect(h.ticket(t)).toMatchObject({ status: 'waiting', targetCounter: null, issuedAt: at('09:00') });
    expect(h.callNext(3, at('09:05'))).toBe(t);
    expect(h.waitingIds()).toEqual([newer]);
    expect(h.fold()).toEqual(h.state);
  });

  it('says the clock is behind when a command comes from an earlier local day', () => {
    const h = new Hall();
    const d = decide(h.state, walkinCmd(B), at('23:00', '2026-11-25'));
    expect(d.ok ? null : d.error).toMatchObject({ code: 'DAY_CLOSED', message: expect.stringContaining('behind') });
  });
});

describe('estimated wait before the counters open', () => {
  // Thursday (weekday 4) opens at 07:00, as the hall's opening hours say.
  const hours = [
    { weekday: 0, opens: '07:00', closes: '14:00' },
    { weekday: 4, opens: '07:00', closes: '14:00' },
  ];
  const opening = openingOn(DAY, hours, TZ);

  it("finds today's opening in the weekly hours (none on a closed weekday)", () => {
    expect(opening).toEqual({ opens: '07:00', at: at('07:00') });
    expect(openingOn('2026-11-27', hours, TZ)).toBeNull(); // a Friday
  });

  it('counts the work ahead over the counters that will open, at the default service times', () => {
    const h = new Hall();
    // Six counters serve B; five walk-ins of B (10 min) and one of C (6 min) wait before 07:00.
    for (let i = 0; i < 5; i++) h.walkin(B, at('06:40'));
    h.walkin(C, at('06:41'));
    const now = at('06:50');
    expect(estimateNewWalkin(h.state, B, now)).toEqual({ peopleAhead: 6, estimatedWaitMin: null });
    expect(estimateBeforeOpening(h.state, B, now, opening)).toEqual({ opensAt: '07:00', waitAfterOpeningMin: 10 }); // ceil(56 / 6)
    // A counter out of service today will not open: five counters share the work.
    h.run({ type: 'set_out_of_service', counter: 6, reason: 'repair' }, now);
    expect(estimateBeforeOpening(h.state, B, now, opening)).toEqual({ opensAt: '07:00', waitAfterOpeningMin: 12 }); // ceil(56 / 5)
    const tile = serviceTiles(h.state, now, opening).services.find((x) => x.service.id === B)!;
    expect(tile).toMatchObject({ peopleAhead: 6, estimatedWaitMin: null, beforeOpening: { opensAt: '07:00', waitAfterOpeningMin: 12 } });
  });

  it('says no opening time once it has passed, and gives way to the live estimate when a counter opens', () => {
    const h = new Hall();
    h.walkin(B, at('06:40'));
    expect(estimateBeforeOpening(h.state, B, at('07:10'), opening)).toEqual({ opensAt: null, waitAfterOpeningMin: 2 }); // ceil(10 / 6)
    expect(estimateBeforeOpening(h.state, B, at('06:50'), null)).toEqual({ opensAt: null, waitAfterOpeningMin: 2 });
    h.open(3, at('07:10'));
    expect(estimateBeforeOpening(h.state, B, at('07:10'), opening)).toBeNull();
    expect(estimateNewWalkin(h.state, B, at('07:10'))).toEqual({ peopleAhead: 1, estimatedWaitMin: 10 });
  });

  it('is null when no counter will serve the service today', () => {
    const counters = [counter(3, 'general', [B])];
    const h = new Hall(dayOpened({ counters }));
    expect(estimateBeforeOpening(h.state, C, at('06:50'), opening)).toBeNull();
    h.run({ type: 'set_out_of_service', counter: 3, reason: 'repair' }, at('06:50'));
    expect(estimateBeforeOpening(h.state, B, at('06:50'), opening)).toBeNull();
  });
});
