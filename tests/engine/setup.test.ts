// The hall's set-up changed while it runs: services and counters created and edited by an admin
// (save_service / save_counter → service_saved / counter_saved), and what every screen folds from them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, foldEvents, serviceTiles, stateFromCheckpoint, type Command } from '../../engine/index.ts';
import type { CounterSetup } from '../../protocol/domain.ts';
import { publicEvent } from '../../protocol/public.ts';
import type { PublicHallState } from '../../protocol/state.ts';
import { appointment, at, B, C, COUNTERS, D, DAY, dayOpened, Hall, SERVICES, service } from './fixtures.ts';

const saveService = (over: Partial<(typeof SERVICES)[number]> & { id: string }, create = false): Command => {
  const base = SERVICES.find((s) => s.id === over.id) ?? service(over.id, over.prefix ?? 'Z');
  return { type: 'save_service', service: { ...base, ...over }, create };
};
const setupOf = (h: Hall, n: number): CounterSetup => {
  const { number, nameAr, nameEn, mode, serviceIds, active } = h.state.counters[n]!;
  return { number, nameAr, nameEn, mode, serviceIds, active };
};
const saveCounter = (h: Hall, n: number, over: Partial<CounterSetup>): Command => ({
  type: 'save_counter',
  counter: { ...setupOf(h, n), ...over },
  create: false,
});
const newCounter = (number: number, over: Partial<CounterSetup> = {}, create = true): Command => ({
  type: 'save_counter',
  counter: { number, nameAr: '', nameEn: '', mode: 'general', serviceIds: [], active: true, ...over },
  create,
});

/** What a kiosk or display holds: the hall's events redacted and folded by the engine's reducer. */
function publicFold(h: Hall): PublicHallState {
  const [opened, ...rest] = h.events.map(publicEvent);
  if (opened?.type !== 'day_opened') throw new Error('a hall starts with day_opened');
  let state = stateFromCheckpoint(opened);
  for (const e of rest) state = applyEvent(state, e);
  return state;
}

describe('services', () => {
  it('a new service gets a queue of its own at once: tiles, walk-ins, numbering', () => {
    const h = new Hall();
    const d = h.run(saveService({ id: 'passports', prefix: 'P', nameEn: 'Passports', colour: '#123456' }, true), at('08:00'));
    expect(d.events).toEqual([
      { type: 'service_saved', at: at('08:00'), service: expect.objectContaining({ id: 'passports', prefix: 'P', colour: '#123456' }) },
    ]);
    expect(serviceTiles(h.state, at('08:00'), null).services.map((t) => t.service.id)).toContain('passports');
    expect(h.walkin('passports', at('08:01'))).toBe(`${DAY}_P1`);
    expect(h.ticket(`${DAY}_P1`).label).toBe('P-001');
  });

  it('a rename reaches the public state (kiosk tiles) and the fold of the events equals the live state', () => {
    const h = new Hall();
    h.run(saveService({ id: B, nameAr: 'اسم جديد', nameEn: 'New name' }), at('08:00'));
    const tile = serviceTiles(publicFold(h), at('08:00'), null).services.find((t) => t.service.id === B)!;
    expect(tile.service).toMatchObject({ nameAr: 'اسم جديد', nameEn: 'New name' });
    expect(h.fold()).toEqual(h.state);
  });

  it('refuses a prefix another service has, the appointment prefix, a second service with the same id, and an unknown one', () => {
    const h = new Hall();
    expect(h.refuse(saveService({ id: B, prefix: 'C' }), at('08:00'))).toBe('PREFIX_IN_USE');
    expect(h.refuse(saveService({ id: 'passports', prefix: 'C' }, true), at('08:00'))).toBe('PREFIX_IN_USE');
    expect(h.refuse(saveService({ id: 'passports', prefix: 'A' }, true), at('08:00'))).toBe('PREFIX_IN_USE');
    expect(h.refuse(saveService({ id: B, prefix: 'P' }, true), at('08:00'))).toBe('SERVICE_EXISTS');
    expect(h.refuse(saveService({ id: 'nope', prefix: 'P' }), at('08:00'))).toBe('UNKNOWN_SERVICE');
    // Its own prefix is no clash.
    expect(h.run(saveService({ id: B, prefix: 'B', nameEn: 'Same queue' }), at('08:00')).events).toHaveLength(1);
  });

  it('a deactivated service takes no walk-ins, bookings or transfers and leaves the tiles; its waiting tickets are still served', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    const waiting = h.walkin(B, at('08:01'));
    h.walkin(C, at('08:02'));
    h.run(saveService({ id: B, active: false }), at('08:05'));
    expect(h.refuse({ type: 'issue_walkin', serviceId: B, priority: 'none', statusToken: 't', cpr: null }, at('08:06'))).toBe('SERVICE_NOT_AVAILABLE');
    expect(h.refuse({ type: 'book_appointment', appointment: appointment('11:00', { serviceId: B }) }, at('08:06'))).toBe('SERVICE_NOT_BOOKABLE');
    expect(serviceTiles(h.state, at('08:06'), null).services.map((t) => t.service.id)).not.toContain(B);
    expect(h.state.services[B]!.active).toBe(false);
    expect(h.callNext(3, at('08:07'))).toBe(waiting);
    expect(h.refuse({ type: 'transfer', counter: 3, toServiceId: B, toCounter: null }, at('08:08'))).toBe('SERVICE_NOT_AVAILABLE');
    // Active again: walk-ins resume and the numbering goes on.
    h.run(saveService({ id: B, active: true }), at('09:00'));
    expect(h.walkin(B, at('09:01'))).toBe(`${DAY}_B2`);
  });

  it('carries services and counters as saved into the next day', () => {
    const h = new Hall();
    h.run(saveService({ id: C, nameEn: 'Renamed', active: false }), at('08:00'));
    h.run(newCounter(9, { nameEn: 'Annex', mode: 'mixed' }), at('08:00'));
    h.run({ type: 'rollover', day: '2026-11-27', appointments: [] }, at('00:01', '2026-11-27'));
    expect(h.state.services[C]).toMatchObject({ nameEn: 'Renamed', active: false });
    expect(h.state.counters[9]).toMatchObject({ nameEn: 'Annex', mode: 'mixed', open: false });
  });
});

describe('counters', () => {
  it('a new counter starts closed, can be opened and call at once', () => {
    const h = new Hall();
    h.walkin(B, at('08:00'));
    h.run(newCounter(7, { nameAr: 'الشباك السابع', nameEn: 'Seven' }), at('08:01'));
    expect(h.state.counters[7]).toEqual({
      number: 7,
      nameAr: 'الشباك السابع',
      nameEn: 'Seven',
      mode: 'general',
      serviceIds: [],
      active: true,
      open: false,
      userId: null,
      paused: false,
      pauseReason: null,
      currentTicketId: null,
    });
    h.open(7, at('08:02'));
    expect(h.callNext(7, at('08:03'))).toBe(`${DAY}_B1`);
    expect(h.fold()).toEqual(h.state);
  });

  it('refuses a second counter with the same number, an unknown counter and unknown services', () => {
    const h = new Hall();
    expect(h.refuse(newCounter(3), at('08:00'))).toBe('COUNTER_EXISTS');
    expect(h.refuse(newCounter(8, {}, false), at('08:00'))).toBe('UNKNOWN_COUNTER');
    expect(h.refuse(saveCounter(h, 3, { serviceIds: [B, 'nope'] }), at('08:00'))).toBe('UNKNOWN_SERVICE');
  });

  it("editing an open counter's services and mode applies to its very next call, keeping its live state", () => {
    const h = new Hall();
    h.open(3, at('08:00'), 42);
    h.walkin(B, at('08:01'));
    const c1 = h.walkin(C, at('08:02'));
    h.run(saveCounter(h, 3, { serviceIds: [C], mode: 'mixed' }), at('08:05'));
    expect(h.state.counters[3]).toMatchObject({ open: true, userId: 42, mode: 'mixed', serviceIds: [C] });
    expect(h.callNext(3, at('08:06'))).toBe(c1);
    expect(publicFold(h).counters[3]).toMatchObject({ mode: 'mixed', serviceIds: [C], currentTicketId: c1 });
  });

  it('a counter in use cannot be taken out; a closed one can, and then cannot be opened or sent tickets', () => {
    const h = new Hall();
    h.open(4, at('08:00'));
    expect(h.refuse(saveCounter(h, 4, { active: false }), at('08:01'))).toBe('COUNTER_IN_USE');
    h.run(saveCounter(h, 5, { active: false }), at('08:01'));
    expect(h.refuse({ type: 'open_counter', counter: 5, userId: 7 }, at('08:02'))).toBe('COUNTER_INACTIVE');
    h.walkin(D, at('08:03'));
    h.callNext(4, at('08:04'));
    expect(h.refuse({ type: 'transfer', counter: 4, toServiceId: null, toCounter: 5 }, at('08:05'))).toBe('COUNTER_INACTIVE');
  });

  it('tickets handed to a closed counter go back to their queue when it is taken out of the hall', () => {
    const h = new Hall();
    h.open(3, at('08:00'));
    const t = h.walkin(B, at('08:01'));
    h.callNext(3, at('08:02'));
    h.run({ type: 'transfer', counter: 3, toServiceId: null, toCounter: 6 }, at('08:03'));
    expect(h.ticket(t).targetCounter).toBe(6);
    const d = h.run(saveCounter(h, 6, { active: false }), at('08:04'));
    expect(d.events.map((e) => e.type)).toEqual(['ticket_transferred', 'counter_saved']);
    expect(h.ticket(t)).toMatchObject({ status: 'waiting', targetCounter: null, serviceId: B });
    expect(h.callNext(3, at('08:05'))).toBe(t);
  });
});

describe('set-up changes in the middle of a busy day (property)', () => {
  type Step =
    | { k: 'walkin'; svc: number }
    | { k: 'open'; c: number }
    | { k: 'close'; c: number }
    | { k: 'call'; c: number }
    | { k: 'finish'; c: number }
    | { k: 'service'; svc: number; prefix: string; active: boolean; rename: boolean }
    | { k: 'counter'; c: number; mode: number; only: number | null; active: boolean }
    | { k: 'newCounter'; c: number };
  const MODES = ['appointment', 'general', 'mixed'] as const;
  const svc = fc.nat(SERVICES.length - 1);
  const ctr = fc.integer({ min: 1, max: 9 });
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant('walkin' as const), svc }), weight: 6 },
    { arbitrary: fc.record({ k: fc.constant('open' as const), c: ctr }), weight: 4 },
    { arbitrary: fc.record({ k: fc.constant('close' as const), c: ctr }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant('call' as const), c: ctr }), weight: 5 },
    { arbitrary: fc.record({ k: fc.constant('finish' as const), c: ctr }), weight: 3 },
    {
      arbitrary: fc.record({
        k: fc.constant('service' as const),
        svc,
        prefix: fc.constantFrom('A', 'B', 'C', 'P', 'Q'),
        active: fc.boolean(),
        rename: fc.boolean(),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ k: fc.constant('counter' as const), c: ctr, mode: fc.nat(2), only: fc.option(svc, { nil: null }), active: fc.boolean() }),
      weight: 2,
    },
    { arbitrary: fc.record({ k: fc.constant('newCounter' as const), c: ctr }), weight: 1 },
  );

  function command(h: Hall, s: Step, i: number): Command {
    switch (s.k) {
      case 'walkin':
        return { type: 'issue_walkin', serviceId: SERVICES[s.svc]!.id, priority: 'none', statusToken: `t${i}`, cpr: null };
      case 'open':
        return { type: 'open_counter', counter: s.c, userId: 100 + s.c };
      case 'close':
        return { type: 'close_counter', counter: s.c };
      case 'call':
        return { type: 'call_next', counter: s.c };
      case 'finish':
        return h.state.counters[s.c]?.currentTicketId && h.state.tickets[h.state.counters[s.c]!.currentTicketId!]!.status === 'called'
          ? { type: 'start', counter: s.c }
          : { type: 'finish', counter: s.c, outcome: 'served', note: null };
      case 'service': {
        const id = SERVICES[s.svc]!.id;
        const name = s.rename ? `Renamed ${i}` : h.state.services[id]!.nameEn;
        return saveService({ ...h.state.services[id]!, prefix: s.prefix, active: s.active, nameEn: name });
      }
      case 'counter':
        return h.state.counters[s.c]
          ? saveCounter(h, s.c, { mode: MODES[s.mode]!, serviceIds: s.only === null ? [] : [SERVICES[s.only]!.id], active: s.active })
          : newCounter(s.c);
      case 'newCounter':
        return newCounter(s.c);
    }
  }

  it('keeps the live state equal to the fold of its events, the public fold equal to it without citizen data, and no inactive counter open', () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        const h = new Hall(dayOpened({ counters: COUNTERS.slice(0, 6) }));
        let now = at('08:00');
        steps.forEach((s, i) => {
          now += 20_000;
          const cmd = command(h, s, i);
          const before = JSON.stringify(h.state);
          const d = h.attempt(cmd, now);
          seen[`${cmd.type}:${d.ok ? 'ok' : d.error.code}`] = (seen[`${cmd.type}:${d.ok ? 'ok' : d.error.code}`] ?? 0) + 1;
          if (!d.ok) expect(JSON.stringify(h.state)).toBe(before);
          for (const c of Object.values(h.state.counters)) if (!c.active) expect(c.open).toBe(false);
          const prefixes = Object.values(h.state.services).map((x) => x.prefix);
          expect(new Set(prefixes).size).toBe(prefixes.length);
          expect(prefixes).not.toContain(h.state.settings.appointmentPrefix);
        });
        expect(foldEvents(h.events)).toEqual(h.state);
        const pub = publicFold(h);
        expect(pub.services).toEqual(h.state.services);
        expect(pub.counters).toEqual(h.state.counters);
        expect(serviceTiles(pub, now, null)).toEqual(serviceTiles(h.state, now, null));
      }),
      { numRuns: 150, seed: 7 },
    );
    for (const outcome of [
      'save_service:ok',
      'save_service:PREFIX_IN_USE',
      'save_counter:ok',
      'save_counter:COUNTER_IN_USE',
      'save_counter:COUNTER_EXISTS',
      'open_counter:COUNTER_INACTIVE',
      'issue_walkin:SERVICE_NOT_AVAILABLE',
    ]) {
      expect(seen[outcome] ?? 0, outcome).toBeGreaterThan(0);
    }
  });
});
