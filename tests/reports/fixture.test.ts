// The report's numbers against a day worked out by hand: six tickets, two counters (one switches
// to appointments at 10:00), a ticket transferred twice, a pause, a recall, four bookings, and a
// second day for the before/after question. The events go into a real database and come back out
// through the same query the hub runs.
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.ts';
import * as repo from '../../db/repos/index.ts';
import { seedDefaults } from '../../db/seed.ts';
import { localInstant } from '../../engine/time.ts';
import type { Ticket } from '../../protocol/domain.ts';
import type { HallEvent } from '../../protocol/events.ts';
import { Report, ReportQuery } from '../../protocol/reports.ts';
import { buildReport, reportCsv } from '../../reports/index.ts';
import { ticket as fixtureTicket } from '../engine/fixtures.ts';

const TZ = 'Asia/Bahrain';
const DAY1 = '2026-11-26'; // a Thursday
const DAY2 = '2026-11-29'; // the Sunday after
const S1 = 'new-application';
const S2 = 'application-inquiry';
const at = (time: string, day = DAY1) => localInstant(day, time, TZ);

let db: Db;
let ali = 0;
let maryam = 0;

function ticket(id: string, kind: Ticket['kind'], serviceId: string, issued: string, extra: Partial<Ticket> = {}, day = DAY1): Ticket {
  const prefix = kind === 'appointment' ? 'A' : 'B';
  const number = Number(id.replace(/\D/g, ''));
  return fixtureTicket({ id, day, prefix, number, label: id, kind, serviceId, issuedAt: at(issued, day), statusToken: `token-${id}`, ...extra });
}

function store(day: string, events: HallEvent[]) {
  repo.appendEvents(db, day, 'test', events);
}

function book(id: string, serviceId: string, slot: string, status: string, bookedDaysAhead: number) {
  const slotStart = at(slot);
  repo.upsertAppointment(db, {
    id,
    reference: `REF${id}`,
    serviceId,
    day: DAY1,
    slotStart,
    slotEnd: slotStart + 15 * 60_000,
    status: status as 'booked',
    cpr: '900000001',
    phone: '33000000',
    nameAr: 'م',
    nameEn: 'M',
    notes: '',
    ticketId: null,
    pageToken: `page-${id}`,
    createdAt: at('12:00', DAY1) - bookedDaysAhead * 86_400_000,
    createdBy: 'test',
  });
}

beforeAll(() => {
  db = openDatabase(':memory:');
  seedDefaults(db);
  const settings = repo.loadSettings(db);
  repo.saveSettings(db, { ...settings, serviceLevel: { targetMinutes: 20, targetPercent: 80, perService: { [S2]: 15 } } });
  ali = repo.createUser(db, { username: 'ali', displayName: 'Ali', role: 'counter', passwordHash: 'x' });
  maryam = repo.createUser(db, { username: 'maryam', displayName: 'Maryam', role: 'counter', passwordHash: 'x' });
  book('a1', S2, '08:00', 'checked_in', 2);
  book('a2', S1, '10:00', 'checked_in', 0);
  book('a3', S1, '09:00', 'no_show', 10);
  book('a4', S2, '09:30', 'cancelled', 1);
  const e = (type: string, time: string, rest: Record<string, unknown>) => ({ type, at: at(time), ...rest }) as HallEvent;
  const issue = (t: Ticket, estimatedWaitMin: number | null) => ({ type: 'ticket_issued', at: t.issuedAt, ticket: t, estimatedWaitMin }) as HallEvent;
  store(DAY1, [
    e('counter_opened', '07:00', { counter: 1, userId: ali }),
    issue(ticket('B1', 'walkin', S1, '07:00'), 10),
    issue(ticket('B2', 'walkin', S1, '07:05'), 10),
    issue(ticket('B3', 'walkin', S2, '07:10'), 0),
    e('ticket_called', '07:10', { ticketId: 'B1', counter: 1 }),
    e('ticket_started', '07:11', { ticketId: 'B1', counter: 1 }),
    e('counter_opened', '07:30', { counter: 2, userId: maryam }),
    e('ticket_finished', '07:31', { ticketId: 'B1', counter: 1, outcome: 'served', note: null, durationMs: 20 * 60_000 }),
    e('ticket_called', '07:35', { ticketId: 'B2', counter: 1 }),
    e('ticket_started', '07:35', { ticketId: 'B2', counter: 1 }),
    e('ticket_recalled', '07:37', { ticketId: 'B2', counter: 1, recalls: 1 }),
    e('ticket_finished', '07:50', { ticketId: 'B2', counter: 1, outcome: 'served', note: null, durationMs: 15 * 60_000 }),
    issue(ticket('A1', 'appointment', S2, '07:50', { appointmentId: 'a1', slotStart: at('08:00') }), 5),
    e('appointment_checked_in', '07:50', { appointmentId: 'a1', ticketId: 'A1' }),
    e('ticket_called', '08:02', { ticketId: 'A1', counter: 2 }),
    e('ticket_started', '08:02', { ticketId: 'A1', counter: 2 }),
    e('ticket_finished', '08:12', { ticketId: 'A1', counter: 2, outcome: 'served', note: null, durationMs: 10 * 60_000 }),
    // B3: waits 70 minutes, then is transferred twice before it is finished.
    e('ticket_called', '08:20', { ticketId: 'B3', counter: 2 }),
    e('ticket_started', '08:20', { ticketId: 'B3', counter: 2 }),
    e('ticket_transferred', '08:25', { ticketId: 'B3', fromCounter: 2, toServiceId: S1, toCounter: null }),
    e('ticket_called', '08:30', { ticketId: 'B3', counter: 1 }),
    e('ticket_started', '08:30', { ticketId: 'B3', counter: 1 }),
    e('ticket_transferred', '08:40', { ticketId: 'B3', fromCounter: 1, toServiceId: S2, toCounter: 2 }),
    e('ticket_called', '08:45', { ticketId: 'B3', counter: 2 }),
    e('ticket_started', '08:45', { ticketId: 'B3', counter: 2 }),
    e('counter_paused', '09:00', { counter: 1, reason: 'break' }),
    e('ticket_finished', '09:00', { ticketId: 'B3', counter: 2, outcome: 'documents_missing', note: null, durationMs: 15 * 60_000 }),
    e('counter_resumed', '09:15', { counter: 1 }),
    e('counter_mode_changed', '10:00', { counter: 1, mode: 'appointment' }),
    issue(ticket('A2', 'appointment', S1, '10:05', { appointmentId: 'a2', slotStart: at('10:00') }), null),
    e('appointment_checked_in', '10:05', { appointmentId: 'a2', ticketId: 'A2' }),
    e('ticket_called', '10:06', { ticketId: 'A2', counter: 1 }),
    e('ticket_started', '10:06', { ticketId: 'A2', counter: 1 }),
    issue(ticket('B4', 'walkin', S2, '10:10'), 15),
    e('ticket_finished', '10:26', { ticketId: 'A2', counter: 1, outcome: 'served', note: null, durationMs: 20 * 60_000 }),
    e('counter_closed', '11:00', { counter: 1 }),
    e('counter_closed', '11:00', { counter: 2 }),
    // The midnight rollover cancels B4, still waiting: its wait ends with the hall's last activity (11:00), not at midnight.
    { type: 'ticket_cancelled', at: at('00:00', '2026-11-27'), ticketId: 'B4' },
    { type: 'day_closed', at: at('00:00', '2026-11-27'), day: DAY1 },
  ]);
  const b5 = ticket('B5', 'walkin', S1, '07:00', {}, DAY2);
  const e2 = (type: string, time: string, rest: Record<string, unknown>) => ({ type, at: at(time, DAY2), ...rest }) as HallEvent;
  store(DAY2, [
    e2('counter_opened', '07:00', { counter: 1, userId: ali }),
    { type: 'ticket_issued', at: b5.issuedAt, ticket: b5, estimatedWaitMin: 5 },
    e2('ticket_called', '07:04', { ticketId: 'B5', counter: 1 }),
    e2('ticket_started', '07:04', { ticketId: 'B5', counter: 1 }),
    e2('ticket_finished', '07:10', { ticketId: 'B5', counter: 1, outcome: 'served', note: null, durationMs: 6 * 60_000 }),
    e2('counter_closed', '07:30', { counter: 1 }),
  ]);
});

const report = (q: Record<string, unknown>): Report => Report.parse(buildReport(db, ReportQuery.parse(q)));

describe('a day worked out by hand', () => {
  it('waits: median, p90 and max per kind (issue → first call; a transfer does not restart it)', () => {
    const r = report({ from: DAY1, to: DAY1 });
    expect(r.days).toBe(1);
    // Waits: B1 10, B2 30, B3 70, A1 12, A2 1 (B4 was never called).
    expect(r.wait.all).toEqual({ count: 5, mean: 24.6, median: 12, p90: 54, max: 70 });
    expect(r.wait.walkin).toEqual({ count: 3, mean: 36.7, median: 30, p90: 62, max: 70 });
    expect(r.wait.appointment).toEqual({ count: 2, mean: 6.5, median: 6.5, p90: 10.9, max: 12 });
    // Service: B1 20, B2 15, A1 10, B3 5 + 10 + 15 = 30 over three counters, A2 20.
    expect(r.serviceTime.all).toMatchObject({ count: 5, median: 20, max: 30 });
  });

  it('service level against the target, per service where set', () => {
    const r = report({ from: DAY1, to: DAY1 });
    // Within 20 min (15 for the inquiry): B1, A1 (12 ≤ 15), A2; not B2 (30) nor B3 (70).
    expect(r.serviceLevel).toMatchObject({ targetMinutes: 20, targetPercent: 80, called: 5, within: 0.6, overHour: 0.2 });
    expect(r.serviceLevel.perService).toEqual([
      { serviceId: S1, targetMinutes: 20, called: 3, within: 0.6667, overHour: 0 },
      { serviceId: S2, targetMinutes: 15, called: 2, within: 0.5, overHour: 0.5 },
    ]);
  });

  it('crowding per 15 minutes, the peak and when, the heatmap', () => {
    const r = report({ from: DAY1, to: DAY1 });
    expect(r.peakWaiting).toEqual({ count: 2, day: DAY1, time: '07:05' });
    const slot = (time: string) => r.crowding.find((c) => c.time === time);
    expect(r.crowding[0]!.time).toBe('07:00');
    expect(slot('07:00')).toEqual({ time: '07:00', arrivals: 3, waiting: 2, peak: 2, backlog: 2 });
    expect(slot('07:30')).toEqual({ time: '07:30', arrivals: 0, waiting: 2, peak: 2, backlog: 1 });
    expect(slot('07:45')).toMatchObject({ arrivals: 1, waiting: 2, backlog: 2 });
    expect(slot('09:00')).toMatchObject({ arrivals: 0, waiting: 0, backlog: 0 });
    // B4 waits from 10:10 until the hall's last activity at 11:00, not until the rollover at midnight.
    expect(slot('10:45')).toMatchObject({ waiting: 1, backlog: 1 });
    expect(r.crowding.at(-1)!.time).toBe('11:00');
    expect(r.heatmap.filter((h) => h.weekday === 4).map((h) => [h.hour, h.arrivals, h.waiting])).toEqual([
      [7, 4, 2],
      [8, 0, 2],
      [9, 0, 0],
      [10, 2, 1],
      [11, 0, 1],
    ]);
  });

  it('appointments: kept, no-show and cancellation rates, lateness, lead time, punctuality', () => {
    const a = report({ from: DAY1, to: DAY1 }).appointments;
    expect(a).toMatchObject({ booked: 4, kept: 2, lateConverted: 0, noShow: 1, cancelled: 1, keptRate: 0.6667, noShowRate: 0.3333, cancelRate: 0.25 });
    expect(a.lateness).toMatchObject({ count: 2, median: -2.5, max: 5 });
    expect(a.leadDays.median).toBe(1.5);
    expect(a.leadDays.buckets.filter((b) => b.count > 0)).toEqual([
      { label: '0', count: 1 },
      { label: '1', count: 1 },
      { label: '2-3', count: 1 },
      { label: '8-14', count: 1 },
    ]);
    expect(a.punctuality).toMatchObject({ count: 2, median: 4, max: 6 });
  });

  it('counters and staff: served, times (a pause, a mode switch at 10:00), outcomes, transfers and recalls', () => {
    const r = report({ from: DAY1, to: DAY1 });
    expect(r.counters).toEqual([
      {
        counter: 1,
        served: 3,
        calls: 4,
        avgServiceMin: 16.3,
        openMin: 240,
        servingMin: 66,
        pausedMin: 15,
        idleMin: 159,
        recalls: 1,
        transfers: 1,
        noShows: 0,
        outcomes: { served: 3 },
      },
      {
        counter: 2,
        served: 2,
        calls: 3,
        avgServiceMin: 10,
        openMin: 210,
        servingMin: 30,
        pausedMin: 0,
        idleMin: 180,
        recalls: 0,
        transfers: 1,
        noShows: 0,
        outcomes: { served: 1, documents_missing: 1 },
      },
    ]);
    expect(r.staff.map((s) => [s.name, s.userId, s.served, s.openMin])).toEqual([
      ['Ali', ali, 3, 240],
      ['Maryam', maryam, 2, 210],
    ]);
  });

  it("the kiosk's estimate against the real wait", () => {
    const e = report({ from: DAY1, to: DAY1 }).estimateAccuracy;
    // Promised vs real: B1 10/10, B2 10/30, A1 5/12, B3 0/70; A2 had no estimate, B4 was never called.
    expect(e.all).toEqual({ count: 4, meanAbsError: 24.3, within5: 0.25, meanError: 24.3 });
    expect(e.perService).toEqual([
      { serviceId: S1, count: 2, meanAbsError: 10, within5: 0.5, meanError: 10 },
      { serviceId: S2, count: 2, meanAbsError: 38.5, within5: 0, meanError: 38.5 },
    ]);
  });

  it('the pilot question: appointments vs walk-ins, and before vs from the pivot', () => {
    const r = report({ from: DAY1, to: DAY2, pivot: '2026-11-27' });
    expect(r.days).toBe(2);
    expect(r.pilot.appointment).toMatchObject({ tickets: 2, served: 2, medianWait: 6.5, serviceLevel: 1, noShowRate: 0.3333, peakWaiting: 1 });
    expect(r.pilot.walkin).toMatchObject({ tickets: 5, served: 4, medianWait: 20, noShowRate: null });
    expect(r.pilot.before).toMatchObject({ days: 1, tickets: 6, medianWait: 12, serviceLevel: 0.6, overHour: 0.2, peakWaiting: 2 });
    expect(r.pilot.after).toMatchObject({ days: 1, tickets: 1, medianWait: 4, serviceLevel: 1, peakWaiting: 1, estimateError: 1 });
    expect(r.daily.map((d) => [d.day, d.tickets, d.served, d.medianWait])).toEqual([
      [DAY1, 6, 5, 12],
      [DAY2, 1, 1, 4],
    ]);
  });

  it('filters: by service, kind, counter and staff member', () => {
    expect(report({ from: DAY1, to: DAY1, serviceId: S2 }).wait.all).toMatchObject({ count: 2, median: 41 });
    expect(report({ from: DAY1, to: DAY1, kind: 'appointment' }).wait.all.count).toBe(2);
    const walkins = report({ from: DAY1, to: DAY1, kind: 'walkin' });
    expect(walkins.appointments.booked).toBe(0);
    // Counter 2 called A1 and B3 (B3 was also at counter 1).
    const two = report({ from: DAY1, to: DAY1, counter: 2 });
    expect(two.wait.all.count).toBe(2);
    expect(two.counters.map((c) => c.counter)).toEqual([2]);
    const byAli = report({ from: DAY1, to: DAY1, userId: ali });
    expect(byAli.staff.map((s) => s.name)).toEqual(['Ali']);
    expect(byAli.wait.all.count).toBe(4);
  });

  it('exports each table as CSV with a byte-order mark and both service names', () => {
    const r = report({ from: DAY1, to: DAY1 });
    const { filename, csv } = reportCsv(r, 'service-level', 'ar');
    expect(filename).toBe(`dor-service-level-${DAY1}-to-${DAY1}.csv`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('الخدمة (عربي),الخدمة (إنجليزي),الهدف (دقيقة),نودي عليهم,ضمن الهدف (٪),أكثر من ساعة (٪)');
    expect(lines[1]).toBe('كل الخدمات,All services,20,5,60,20');
    expect(lines[2]).toBe('طلب إسكاني جديد,New housing application,20,3,66.7,0');
    const crowding = reportCsv(r, 'crowding', 'en').csv.slice(1).split('\r\n');
    expect(crowding[0]).toBe('Time,Arrivals,Waiting,Peak,Backlog');
    expect(crowding[1]).toBe('07:00,3,2,2,2');
  });

  it('folds a closed day once: its stored facts give the same report as its events', () => {
    const first = report({ from: DAY1, to: DAY2, pivot: '2026-11-27' });
    expect(db.sqlite.prepare('SELECT day FROM report_days ORDER BY day').pluck().all()).toEqual([DAY1]);
    db.sqlite.prepare('DELETE FROM report_days').run();
    const folded = report({ from: DAY1, to: DAY2, pivot: '2026-11-27' });
    expect({ ...folded, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
    // A fold of another version is not trusted: the day is folded anew.
    db.sqlite.prepare("UPDATE report_days SET version = version + 1, facts = '{}'").run();
    expect({ ...report({ from: DAY1, to: DAY2, pivot: '2026-11-27' }), tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
  });

  it('refuses a backwards range, one over 366 days and a pivot outside it', () => {
    expect(ReportQuery.safeParse({ from: DAY2, to: DAY1 }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: '2025-01-01', to: '2026-01-02' }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: DAY1, to: DAY2, pivot: DAY1 }).success).toBe(false);
    expect(ReportQuery.safeParse({ from: DAY1, to: DAY2, pivot: '2026-11-27' }).success).toBe(true);
  });
});
