// The supervisor's live-hall commands in the pure engine: what each does, and that each refusal
// leaves the state exactly as it was.
import { describe, expect, it } from 'vitest';
import { activeTicker, canCall, decide, nextDay } from '../../engine/index.ts';
import type { Command } from '../../engine/index.ts';
import { MAX_ACTIVE_TICKER } from '../../protocol/domain.ts';
import { publicEvent } from '../../protocol/public.ts';
import { appointment, at, B, C, D, DAY, dayOpened, Hall } from './fixtures.ts';

/** Decides a command that must be refused, checks the state is untouched, and returns the code. */
function refused(h: Hall, cmd: Command, now: number): string {
  const before = JSON.stringify(h.state);
  const d = decide(h.state, cmd, now);
  expect(JSON.stringify(h.state)).toBe(before);
  if (d.ok) throw new Error(`expected a refusal of ${cmd.type}, got ${JSON.stringify(d.events.map((e) => e.type))}`);
  return d.error.code;
}

const walkin = (serviceId: string): Command => ({ type: 'issue_walkin', serviceId, priority: 'none', statusToken: 'tok', cpr: null });
const tickerCmd = (expiresAt: number, en = 'Notice'): Command => ({ type: 'set_ticker', ar: 'تنبيه', en, expiresAt });

describe('supervisor: close a counter', () => {
  it('closes a staffed counter: its ticket and the tickets handed to it go back to their queue, keeping number and place', () => {
    const h = new Hall();
    const first = h.walkin(B, at('08:00'));
    const handed = h.walkin(C, at('08:01'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    expect(h.callNext(4, at('08:02'))).toBe(first);
    h.run({ type: 'transfer', counter: 4, toServiceId: null, toCounter: 3 }, at('08:03'));
    expect(h.callNext(4, at('08:04'))).toBe(handed);
    h.run({ type: 'transfer', counter: 4, toServiceId: null, toCounter: 3 }, at('08:05'));
    // Counter 3 now serves `first`, and `handed` waits for it alone.
    expect(h.callNext(3, at('08:06'))).toBe(first);
    h.run({ type: 'start', counter: 3 }, at('08:07'));

    const d = h.run({ type: 'force_close_counter', counter: 3, reason: 'Staff called away' }, at('08:10'));
    expect(d.ticketId).toBe(first);
    expect(d.events).toEqual([
      { type: 'ticket_transferred', at: at('08:10'), ticketId: first, fromCounter: 3, toServiceId: B, toCounter: null },
      { type: 'ticket_transferred', at: at('08:10'), ticketId: handed, fromCounter: 3, toServiceId: C, toCounter: null },
      { type: 'counter_closed', at: at('08:10'), counter: 3, by: 'supervisor', reason: 'Staff called away' },
    ]);
    expect(h.state.counters[3]).toMatchObject({ open: false, userId: null, currentTicketId: null });
    expect(h.ticket(first)).toMatchObject({ status: 'waiting', label: 'B-001', issuedAt: at('08:00'), counter: null, startedAt: null, targetCounter: null });
    expect(h.ticket(handed)).toMatchObject({ status: 'waiting', targetCounter: null, issuedAt: at('08:01') });
    // The oldest ticket is called first again, by any counter.
    expect(h.callNext(4, at('08:11'))).toBe(first);
    expect(h.fold()).toStrictEqual(h.state);
  });

  it('closes an idle counter with nothing to hand back', () => {
    const h = new Hall();
    h.open(5, at('08:00'));
    expect(h.run({ type: 'force_close_counter', counter: 5, reason: 'Quiet hall' }, at('09:00')).events).toEqual([
      { type: 'counter_closed', at: at('09:00'), counter: 5, by: 'supervisor', reason: 'Quiet hall' },
    ]);
  });

  it('refuses an unknown or closed counter and changes nothing', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    expect(refused(h, { type: 'force_close_counter', counter: 42, reason: 'x' }, at('08:01'))).toBe('UNKNOWN_COUNTER');
    expect(refused(h, { type: 'force_close_counter', counter: 3, reason: 'x' }, at('08:01'))).toBe('COUNTER_CLOSED');
  });
});

describe('supervisor: out of service for the day', () => {
  it('closes an open counter (its ticket back to the queue), keeps it shut until restored', () => {
    const h = new Hall();
    const t = h.walkin(B, at('08:00'));
    h.open(3, at('08:00'), 7);
    h.callNext(3, at('08:01'));
    const d = h.run({ type: 'set_out_of_service', counter: 3, reason: 'Screen broken' }, at('08:05'));
    expect(d.events.map((e) => e.type)).toEqual(['ticket_transferred', 'counter_closed', 'counter_out_of_service']);
    expect(h.state.outOfService).toEqual({ 3: { reason: 'Screen broken', at: at('08:05') } });
    expect(h.ticket(t).status).toBe('waiting');
    expect(refused(h, { type: 'open_counter', counter: 3, userId: 7 }, at('08:06'))).toBe('COUNTER_OUT_OF_SERVICE');
    expect(refused(h, { type: 'set_out_of_service', counter: 3, reason: 'again' }, at('08:06'))).toBe('COUNTER_OUT_OF_SERVICE');
    expect(refused(h, { type: 'move_ticket', ticketId: t, toServiceId: null, toCounter: 3 }, at('08:06'))).toBe('COUNTER_OUT_OF_SERVICE');

    h.run({ type: 'restore_counter', counter: 3 }, at('10:00'));
    expect(h.state.outOfService).toEqual({});
    expect(refused(h, { type: 'restore_counter', counter: 3 }, at('10:01'))).toBe('COUNTER_IN_SERVICE');
    h.open(3, at('10:02'), 7);
    expect(h.state.counters[3]!.open).toBe(true);
    expect(h.fold()).toStrictEqual(h.state);
  });

  it('a closed counter goes out of service with one event; unknown counters are refused', () => {
    const h = new Hall();
    expect(h.run({ type: 'set_out_of_service', counter: 6, reason: 'No PC' }, at('07:00')).events).toEqual([
      { type: 'counter_out_of_service', at: at('07:00'), counter: 6, reason: 'No PC' },
    ]);
    expect(refused(h, { type: 'set_out_of_service', counter: 9, reason: 'x' }, at('07:01'))).toBe('UNKNOWN_COUNTER');
    expect(refused(h, { type: 'restore_counter', counter: 9 }, at('07:01'))).toBe('UNKNOWN_COUNTER');
  });

  it('lasts only for the day: the next day opens with every counter in service', () => {
    const h = new Hall();
    h.run({ type: 'set_out_of_service', counter: 2, reason: 'Broken chair' }, at('07:00'));
    const tomorrow = nextDay(DAY);
    h.run({ type: 'rollover', day: tomorrow, appointments: [] }, at('00:01', tomorrow));
    expect(h.state.outOfService).toEqual({});
    h.open(2, at('07:00', tomorrow));
    expect(h.state.counters[2]!.open).toBe(true);
  });
});

describe("supervisor: a counter's services for today", () => {
  it('limits what the counter calls; the same set again changes nothing', () => {
    const h = new Hall();
    const b = h.walkin(B, at('08:00'));
    const c = h.walkin(C, at('08:01'));
    h.open(3, at('08:00'));
    expect(h.run({ type: 'set_counter_services', counter: 3, serviceIds: [C, C] }, at('08:02')).events).toEqual([
      { type: 'counter_services_changed', at: at('08:02'), counter: 3, serviceIds: [C] },
    ]);
    expect(h.state.counters[3]!.serviceIds).toEqual([C]);
    expect(h.callNext(3, at('08:03'))).toBe(c);
    expect(h.ticket(b).status).toBe('waiting');
    expect(h.run({ type: 'set_counter_services', counter: 3, serviceIds: [C] }, at('08:04')).events).toEqual([]);
    h.run({ type: 'set_counter_services', counter: 3, serviceIds: [] }, at('08:05'));
    expect(h.state.counters[3]!.serviceIds).toEqual([]);
  });

  it('refuses unknown services and counters', () => {
    const h = new Hall();
    expect(refused(h, { type: 'set_counter_services', counter: 3, serviceIds: [B, 'nope'] }, at('08:00'))).toBe('UNKNOWN_SERVICE');
    expect(refused(h, { type: 'set_counter_services', counter: 30, serviceIds: [B] }, at('08:00'))).toBe('UNKNOWN_COUNTER');
  });
});

describe('supervisor: move a waiting ticket', () => {
  it('to another service: same number and issue time, counted as a transfer', () => {
    const h = new Hall();
    const older = h.walkin(B, at('08:00'));
    const newer = h.walkin(C, at('08:05'));
    const d = h.run({ type: 'move_ticket', ticketId: older, toServiceId: C, toCounter: null }, at('08:10'));
    expect(d.events).toEqual([{ type: 'ticket_moved', at: at('08:10'), ticketId: older, toServiceId: C, toCounter: null }]);
    expect(h.ticket(older)).toMatchObject({ status: 'waiting', serviceId: C, label: 'B-001', issuedAt: at('08:00'), transfers: 1 });
    // A counter serving only C now takes it, ahead of the newer C ticket.
    h.open(3, at('08:10'));
    h.run({ type: 'set_counter_services', counter: 3, serviceIds: [C] }, at('08:10'));
    expect(h.callNext(3, at('08:11'))).toBe(older);
    expect(h.ticket(newer).status).toBe('waiting');
    expect(h.fold()).toStrictEqual(h.state);
  });

  it('to a counter: only that counter may call it', () => {
    const h = new Hall();
    const t = h.walkin(D, at('08:00'));
    h.run({ type: 'move_ticket', ticketId: t, toServiceId: null, toCounter: 5 }, at('08:01'));
    expect(h.ticket(t)).toMatchObject({ serviceId: D, targetCounter: 5 });
    expect(canCall(h.state, h.state.counters[4]!, h.ticket(t), at('08:02'))).toBe(false);
    expect(canCall(h.state, h.state.counters[5]!, h.ticket(t), at('08:02'))).toBe(true);
    // Asking for where it already is changes nothing.
    expect(h.run({ type: 'move_ticket', ticketId: t, toServiceId: D, toCounter: 5 }, at('08:03')).events).toEqual([]);
  });

  it('refuses a called ticket, an unknown one, no target and unknown targets', () => {
    const h = new Hall();
    const called = h.walkin(B, at('08:00'));
    const waiting = h.walkin(B, at('08:01'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:02'));
    expect(refused(h, { type: 'move_ticket', ticketId: called, toServiceId: C, toCounter: null }, at('08:03'))).toBe('TICKET_NOT_WAITING');
    expect(refused(h, { type: 'move_ticket', ticketId: 'nope', toServiceId: C, toCounter: null }, at('08:03'))).toBe('UNKNOWN_TICKET');
    expect(refused(h, { type: 'move_ticket', ticketId: waiting, toServiceId: null, toCounter: null }, at('08:03'))).toBe('TRANSFER_TARGET_MISSING');
    expect(refused(h, { type: 'move_ticket', ticketId: waiting, toServiceId: 'nope', toCounter: null }, at('08:03'))).toBe('UNKNOWN_SERVICE');
    expect(refused(h, { type: 'move_ticket', ticketId: waiting, toServiceId: null, toCounter: 77 }, at('08:03'))).toBe('UNKNOWN_COUNTER');
  });
});

describe('supervisor: cancel a waiting ticket', () => {
  it('cancels it with a reason that only staff see', () => {
    const h = new Hall();
    const t = h.walkin(B, at('08:00'));
    const d = h.run({ type: 'cancel_ticket', ticketId: t, reason: 'Left the hall' }, at('08:30'));
    expect(d.events).toEqual([{ type: 'ticket_cancelled', at: at('08:30'), ticketId: t, reason: 'Left the hall' }]);
    expect(h.ticket(t).status).toBe('cancelled');
    expect(h.state.waiting).toEqual({});
    expect(publicEvent(d.events[0]!)).toEqual({ type: 'ticket_cancelled', at: at('08:30'), ticketId: t });
  });

  it('refuses a called ticket (it is at a counter) and an unknown one', () => {
    const h = new Hall();
    const t = h.walkin(B, at('08:00'));
    h.open(3, at('08:00'));
    h.callNext(3, at('08:01'));
    expect(refused(h, { type: 'cancel_ticket', ticketId: t, reason: 'x' }, at('08:02'))).toBe('TICKET_NOT_WAITING');
    expect(refused(h, { type: 'cancel_ticket', ticketId: `${DAY}_B9`, reason: 'x' }, at('08:02'))).toBe('UNKNOWN_TICKET');
  });
});

describe('supervisor: ticker messages', () => {
  it('runs several messages, each with its own id and expiry; removes one', () => {
    const h = new Hall();
    const d1 = h.run(tickerCmd(at('12:00'), 'System slow'), at('09:00'));
    const d2 = h.run(tickerCmd(at('10:00'), 'Counter 2 closed'), at('09:00'));
    const ids = [d1, d2].map((d) => (d.events[0] as { message: { id: string } }).message.id);
    expect(new Set(ids).size).toBe(2);
    expect(h.state.ticker[ids[0]!]).toEqual({ id: ids[0], ar: 'تنبيه', en: 'System slow', expiresAt: at('12:00'), at: at('09:00') });
    expect(Object.keys(h.state.ticker).sort()).toEqual([...ids].sort());
    // What a display shows: the running ones, oldest first; at 11:00 the 10:00 one has expired.
    expect(activeTicker(h.state, at('09:05')).map((m) => m.en)).toEqual(['System slow', 'Counter 2 closed']);
    expect(activeTicker(h.state, at('11:00')).map((m) => m.en)).toEqual(['System slow']);
    h.run({ type: 'remove_ticker', id: ids[0]! }, at('09:30'));
    expect(Object.keys(h.state.ticker)).toEqual([ids[1]]);
    expect(refused(h, { type: 'remove_ticker', id: ids[0]! }, at('09:31'))).toBe('TICKER_NOT_FOUND');
    expect(h.fold()).toStrictEqual(h.state);
  });

  it('drops expired messages when a new one arrives; refuses a past expiry and a full ticker', () => {
    const h = new Hall();
    const old = h.run(tickerCmd(at('09:10')), at('09:00')).events[0] as { message: { id: string } };
    const d = h.run(tickerCmd(at('11:00')), at('09:20'));
    expect(d.events.map((e) => e.type)).toEqual(['ticker_removed', 'ticker_set']);
    expect(h.state.ticker[old.message.id]).toBeUndefined();
    expect(refused(h, tickerCmd(at('09:20')), at('09:20'))).toBe('TICKER_EXPIRY_PAST');
    for (let i = 1; i < MAX_ACTIVE_TICKER; i++) h.run(tickerCmd(at('11:00'), `n${i}`), at('09:21'));
    expect(Object.keys(h.state.ticker)).toHaveLength(MAX_ACTIVE_TICKER);
    expect(refused(h, tickerCmd(at('11:00')), at('09:22'))).toBe('TICKER_FULL');
  });

  it('a new day keeps the messages that have not expired', () => {
    const h = new Hall();
    h.run(tickerCmd(at('23:00')), at('09:00'));
    const lasting = h.run(tickerCmd(at('12:00', nextDay(DAY)), 'Closed tomorrow afternoon'), at('09:00')).events[0] as { message: { id: string } };
    const tomorrow = nextDay(DAY);
    const d = h.run({ type: 'rollover', day: tomorrow, appointments: [] }, at('00:01', tomorrow));
    expect(d.events.map((e) => e.type).slice(-3)).toEqual(['day_closed', 'day_opened', 'ticker_set']);
    expect(Object.keys(h.state.ticker)).toEqual([lasting.message.id]);
    expect(h.fold()).toStrictEqual(h.state);
  });
});

describe('supervisor: end the day early', () => {
  it('cancels every open ticket with day_ended, closes the counters and refuses new tickets until the next day', () => {
    const late = appointment('14:00', { cpr: '300000001' });
    const h = new Hall(dayOpened({ appointments: [late] }));
    const done = h.walkin(C, at('08:00'));
    h.open(3, at('08:00'));
    h.open(4, at('08:00'));
    h.open(5, at('08:00'));
    expect(h.serveNext(3, at('08:30'))).toBe(done);
    const serving = h.walkin(B, at('09:00'));
    const called = h.walkin(B, at('09:01'));
    const waiting = h.walkin(C, at('09:02'));
    expect(h.callNext(3, at('09:10'))).toBe(serving);
    h.run({ type: 'start', counter: 3 }, at('09:11'));
    expect(h.callNext(4, at('09:12'))).toBe(called);

    const now = at('11:00');
    const d = h.run({ type: 'end_day' }, now);
    expect(d.events).toEqual([
      { type: 'ticket_cancelled', at: now, ticketId: serving, reason: 'day_ended' },
      { type: 'ticket_cancelled', at: now, ticketId: called, reason: 'day_ended' },
      { type: 'ticket_cancelled', at: now, ticketId: waiting, reason: 'day_ended' },
      { type: 'counter_closed', at: now, counter: 3, by: 'supervisor', reason: 'day_ended' },
      { type: 'counter_closed', at: now, counter: 4, by: 'supervisor', reason: 'day_ended' },
      { type: 'counter_closed', at: now, counter: 5, by: 'supervisor', reason: 'day_ended' },
      { type: 'day_ended', at: now, day: DAY },
    ]);
    expect(h.state.endedAt).toBe(now);
    expect(h.ticket(done).status).toBe('done');
    expect(Object.values(h.state.counters).filter((c) => c.open)).toEqual([]);
    expect(refused(h, walkin(B), at('11:01'))).toBe('DAY_ENDED');
    expect(refused(h, { type: 'check_in', by: { cpr: '300000001' }, statusToken: 's' }, at('13:50'))).toBe('DAY_ENDED');
    expect(refused(h, { type: 'open_counter', counter: 3, userId: 1 }, at('11:01'))).toBe('DAY_ENDED');
    expect(refused(h, { type: 'end_day' }, at('11:02'))).toBe('DAY_ENDED');
    // Bookings for later days go on.
    const nextWeek = appointment('10:00', { cpr: '300000002', id: 'next-week' }, '2026-12-03');
    h.run({ type: 'book_appointment', appointment: nextWeek }, at('11:05'));
    expect(h.fold()).toStrictEqual(h.state);

    const tomorrow = nextDay(DAY);
    h.run({ type: 'rollover', day: tomorrow, appointments: [] }, at('00:01', tomorrow));
    expect(h.state.endedAt).toBeNull();
    expect(h.walkin(B, at('07:00', tomorrow))).toBe(`${tomorrow}_B1`);
  });

  it('an empty hall ends with just day_ended', () => {
    const h = new Hall();
    expect(h.run({ type: 'end_day' }, at('07:00')).events).toEqual([{ type: 'day_ended', at: at('07:00'), day: DAY }]);
  });
});

describe('times the live hall needs', () => {
  it('keeps the first call of a ticket through a requeue, and when each counter last changed', () => {
    const h = new Hall(dayOpened({ settings: { noShowRequeueOnce: true } }));
    const t = h.walkin(B, at('08:00'));
    h.open(3, at('08:01'));
    h.callNext(3, at('08:10'));
    h.run({ type: 'no_show', counter: 3 }, at('08:12'));
    expect(h.ticket(t).status).toBe('waiting');
    h.callNext(3, at('08:20'));
    expect(h.ticket(t).calledAt).toBe(at('08:20'));
    expect(h.state.firstCalledAt).toEqual({ [t]: at('08:10') });
    expect(h.state.counterChangedAt[3]).toBe(at('08:20'));
    h.run({ type: 'transfer', counter: 3, toServiceId: C, toCounter: null }, at('08:25'));
    expect(h.state.counterChangedAt[3]).toBe(at('08:25'));
    expect(h.state.counterChangedAt[4]).toBeUndefined();
    expect(h.fold()).toStrictEqual(h.state);
  });
});
