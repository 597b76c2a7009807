// The supervisor's live-hall figures and alerts on an engine-built day, against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { counterFigures, hallAlerts, hallFigures, percentile, storageAlerts } from '../../engine/index.ts';
import type { DevicesStatus } from '../../protocol/messages.ts';
import { appointment, at, B, C, D, dayOpened, Hall, MINUTE } from './fixtures.ts';

describe('percentile (nearest rank)', () => {
  it('p90 of 1..10 is 9; of a single value that value; of nothing null', () => {
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNull();
    expect(percentile([30, 10, 20], 90)).toBe(30);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([4, 1, 3], 0)).toBe(1);
  });
});

/**
 * 08:00 B-001, 08:05 B-002, 08:10 C-001, 08:20 D-001 walk in; A-001 checks in at 08:40 for 09:00.
 * Counter 3 serves B-001 (called 08:30, wait 30 min), calls B-002 at 08:45 (wait 40 min), who does
 * not come (08:50). Counter 1 calls A-001 at 09:00 (wait 20 min) and starts at 09:02. Counter 4 is
 * paused, 5 out of service. The 08:00 booking never checks in.
 */
function morning() {
  const kept = appointment('09:00', { cpr: '200000001' });
  const missed = appointment('08:00', { cpr: '200000002' });
  const h = new Hall(dayOpened({ appointments: [kept, missed] }));
  h.open(1, at('08:00'));
  h.open(3, at('08:00'));
  h.open(4, at('08:00'));
  h.run({ type: 'pause', counter: 4, reason: 'Prayer' }, at('08:05'));
  h.run({ type: 'set_out_of_service', counter: 5, reason: 'Printer jam' }, at('07:30'));
  const b1 = h.walkin(B, at('08:00'));
  const b2 = h.walkin(B, at('08:05'));
  const c1 = h.walkin(C, at('08:10'));
  const d1 = h.walkin(D, at('08:20'));
  h.run({ type: 'sweep_no_shows' }, at('08:20'));
  const a1 = h.checkInCpr('200000001', at('08:40')).ticketId!;
  expect(h.callNext(3, at('08:30'))).toBe(b1);
  h.run({ type: 'start', counter: 3 }, at('08:31'));
  h.run({ type: 'finish', counter: 3, outcome: 'served', note: null }, at('08:35'));
  expect(h.callNext(3, at('08:45'))).toBe(b2);
  h.run({ type: 'no_show', counter: 3 }, at('08:50'));
  expect(h.callNext(1, at('09:00'))).toBe(a1);
  h.run({ type: 'start', counter: 1 }, at('09:02'));
  return { h, a1, c1, d1 };
}

const devices = (over: Partial<DevicesStatus> = {}): DevicesStatus => ({
  since: at('06:00'),
  devices: [
    {
      id: 1,
      kind: 'kiosk',
      name: 'Entrance kiosk',
      online: true,
      connections: 1,
      lastSeenAt: at('09:10'),
      printer: {
        target: 'tcp://10.0.0.5:9100',
        ok: false,
        status: { online: true, paperOut: true, paperNearEnd: true, coverOpen: false },
        error: { code: 'PAPER_OUT', message: 'The ticket printer is out of paper.' },
        checkedAt: at('09:05'),
      },
    },
    { id: 2, kind: 'display', name: 'Hall TV', online: false, connections: 0, lastSeenAt: at('09:00'), printer: null },
    { id: 3, kind: 'display', name: 'Corridor TV', online: true, connections: 1, lastSeenAt: at('09:10'), printer: null },
  ],
  ...over,
});

describe('hall figures', () => {
  it('counts the waiting per queue, the longest wait, the waits so far by kind, served and no-shows', () => {
    const { h } = morning();
    const f = hallFigures(h.state, at('09:10'));
    expect(f.waitingTotal).toBe(2);
    expect(f.queues).toEqual([
      { prefix: 'A', serviceId: null, waiting: 0, longestWaitMs: null },
      { prefix: 'B', serviceId: B, waiting: 0, longestWaitMs: null },
      { prefix: 'C', serviceId: C, waiting: 1, longestWaitMs: 60 * MINUTE },
      { prefix: 'D', serviceId: D, waiting: 1, longestWaitMs: 50 * MINUTE },
      { prefix: 'E', serviceId: 'iban-update', waiting: 0, longestWaitMs: null },
      { prefix: 'F', serviceId: 'family-update', waiting: 0, longestWaitMs: null },
    ]);
    expect(f.longestWaitMs).toBe(60 * MINUTE);
    // Walk-ins waited 30 and 40 minutes for their first call; the appointment 20 from check-in.
    expect(f.waits).toEqual({
      walkin: { count: 2, averageMs: 35 * MINUTE, p90Ms: 40 * MINUTE },
      appointment: { count: 1, averageMs: 20 * MINUTE, p90Ms: 20 * MINUTE },
    });
    expect(f.servedToday).toBe(1);
    expect(f.noShowsToday).toEqual({ tickets: 1, appointments: 1 });
  });

  it('an empty day has no waits yet', () => {
    const f = hallFigures(new Hall().state, at('07:00'));
    expect(f.waitingTotal).toBe(0);
    expect(f.longestWaitMs).toBeNull();
    expect(f.waits.walkin).toEqual({ count: 0, averageMs: null, p90Ms: null });
  });
});

describe('counter figures', () => {
  it('status, staff, ticket with its service time, idle time and what each could call', () => {
    const { h, a1 } = morning();
    const byNumber = Object.fromEntries(counterFigures(h.state, at('09:10')).map((c) => [c.number, c]));
    expect(byNumber[1]).toMatchObject({ status: 'open', mode: 'appointment', userId: 101, serviceMs: 8 * MINUTE, idleMs: null });
    expect(byNumber[1]!.ticket).toEqual({
      id: a1,
      label: 'A-001',
      kind: 'appointment',
      serviceId: B,
      status: 'serving',
      calledAt: at('09:00'),
      startedAt: at('09:02'),
    });
    // Idle since the no-show at 08:50; C-001 and D-001 are waiting for any general counter.
    expect(byNumber[3]).toMatchObject({ status: 'open', mode: 'general', ticket: null, serviceMs: null, idleMs: 20 * MINUTE, callable: 2 });
    expect(byNumber[4]).toMatchObject({ status: 'paused', pauseReason: 'Prayer', idleMs: null, callable: 2 });
    expect(byNumber[5]).toMatchObject({ status: 'out_of_service', outOfService: { reason: 'Printer jam', at: at('07:30') }, userId: null });
    expect(byNumber[6]).toMatchObject({ status: 'closed', userId: null, ticket: null });
  });
});

describe('alerts', () => {
  it('printer fault, device offline, waits over the 20-minute default target, an idle counter; critical first, stable ids', () => {
    const { h } = morning();
    const alerts = hallAlerts(h.state, devices(), at('09:10'));
    expect(alerts.map((a) => a.id)).toEqual(['printer:1:PAPER_OUT', 'offline:2', 'wait:C', 'wait:D', 'idle:3']);
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'critical', 'warning', 'warning', 'warning']);
    expect(alerts[0]).toMatchObject({ kind: 'printer_fault', deviceName: 'Entrance kiosk', code: 'PAPER_OUT', since: at('09:05') });
    expect(alerts[1]).toMatchObject({ kind: 'device_offline', deviceKind: 'display', deviceName: 'Hall TV', lastSeenAt: at('09:00') });
    expect(alerts[2]).toMatchObject({ kind: 'wait_over_target', prefix: 'C', serviceId: C, over: 1, longestWaitMs: 60 * MINUTE, targetMin: 20 });
    expect(alerts[4]).toMatchObject({ kind: 'counter_idle', counter: 3, idleMs: 20 * MINUTE, callable: 2 });
    // A minute later the same conditions carry the same ids.
    expect(hallAlerts(h.state, devices(), at('09:11')).map((a) => a.id)).toEqual(alerts.map((a) => a.id));
  });

  it("uses the hall's service-level target, and leaves short idles and brief disconnects alone", () => {
    const { h } = morning();
    const state = { ...h.state, settings: { ...h.state.settings, serviceLevelTargetMin: 55 } };
    expect(
      hallAlerts(state, devices(), at('09:10'))
        .filter((a) => a.kind === 'wait_over_target')
        .map((a) => a.id),
    ).toEqual(['wait:C']);
    const quiet = hallAlerts(h.state, devices({ devices: devices().devices.slice(1, 2) }), at('09:00') + 30_000, { idleGraceMs: 15 * MINUTE });
    // The TV left 30 s ago; counter 3 has been idle 10 min.
    expect(quiet.map((a) => a.kind)).not.toContain('device_offline');
    expect(quiet.map((a) => a.kind)).not.toContain('counter_idle');
  });

  it('a device never seen since the hub started is offline from then on', () => {
    const never = devices({ since: at('09:00'), devices: [{ ...devices().devices[2]!, online: false, lastSeenAt: null }] });
    expect(hallAlerts(new Hall().state, never, at('09:00') + 10_000)).toEqual([]);
    expect(hallAlerts(new Hall().state, never, at('09:02')).map((a) => a.id)).toEqual(['offline:3']);
  });

  it('an appointment nobody open can serve, until a counter for its service opens', () => {
    const appt = appointment('10:00', { serviceId: C, cpr: '200000003' });
    const h = new Hall(dayOpened({ appointments: [appt] }));
    h.open(3, at('09:00'));
    h.run({ type: 'set_counter_services', counter: 3, serviceIds: [B] }, at('09:00'));
    const t = h.checkInCpr('200000003', at('09:40')).ticketId!;
    const alerts = hallAlerts(h.state, devices({ devices: [] }), at('09:50'));
    expect(alerts).toEqual([
      { id: `unserved:${C}`, severity: 'critical', kind: 'appointments_unserved', serviceId: C, waiting: 1, longestWaitMs: 10 * MINUTE },
    ]);
    // Early (its slot is at 10:00) does not matter: no open counter would take it even when due.
    h.open(4, at('09:55'));
    expect(hallAlerts(h.state, devices({ devices: [] }), at('09:56'))).toEqual([]);
    expect(h.ticket(t).status).toBe('waiting');
  });

  it('no alert while general counters are open for the service, even serving, when the appointment counters are closed', () => {
    const appts = [appointment('09:10', { serviceId: B, cpr: '200000011' }), appointment('10:00', { serviceId: B, cpr: '200000012' })];
    const h = new Hall(dayOpened({ appointments: appts }));
    h.walkin(B, at('08:50'));
    h.walkin(B, at('08:51'));
    h.open(3, at('08:55'));
    h.open(4, at('08:55'));
    h.callNext(3, at('08:56'));
    h.callNext(4, at('08:56'));
    h.checkInCpr('200000011', at('09:00'));
    h.checkInCpr('200000012', at('09:01'));
    expect(hallAlerts(h.state, devices({ devices: [] }), at('09:02')).map((a) => a.kind)).not.toContain('appointments_unserved');
  });
});

describe('storage alert', () => {
  it('is one critical alert per fault while the database takes no writes, none when it does', () => {
    expect(storageAlerts({ available: true })).toEqual([]);
    const since = at('09:05');
    expect(storageAlerts({ available: false, reason: 'full', code: 'SQLITE_FULL', since })).toEqual([
      { id: 'storage:full', severity: 'critical', kind: 'storage_unavailable', reason: 'full', code: 'SQLITE_FULL', since },
    ]);
  });
});
