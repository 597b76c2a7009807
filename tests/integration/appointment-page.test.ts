// The citizen's appointment page (/a/<token>) end to end: a real hub on port 0 with a temp SQLite file and a manual clock at
// Thursday 2026-11-26 09:00 Bahrain (demo schedule Sun–Thu 07:30–13:30, 2 appointment counters). The citizen sees the booking,
// moves it under the console's rules, cancels it; each refusal has its words in both languages; guessing and hammering are limited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { localInstant } from '../../engine/index.ts';
import { ERRORS } from '../../protocol/errors.ts';
import { PAGE_LIMITS } from '../../server/ops/appointment-page.ts';
import { call, connectClient, DEMO, login, startTestHub, until, type TestHub } from '../helpers/hub.ts';

const at = (day: string, time: string) => localInstant(day, time, 'Asia/Bahrain');
let hub: TestHub;
let agent: string;
let cprSeq = 650000000;

beforeEach(async () => {
  hub = await startTestHub();
  agent = await login(hub, ...DEMO.agent);
});
afterEach(async () => {
  await hub.stop();
});

async function booked(day: string, time: string) {
  const r = await call(hub, 'POST', '/api/appointments', {
    cookie: agent,
    body: { serviceId: 'update-details', day, time, cpr: String(++cprSeq), phone: '36001234', nameAr: 'سارة أحمد علي', nameEn: 'Sara Ahmed Ali' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment as { id: string; pageToken: string; reference: string; cpr: string };
}
const page = (token: string) => call(hub, 'GET', `/api/appointment-page/${token}`);
const move = (token: string, day: string, time: string) => call(hub, 'POST', `/api/appointment-page/${token}/move`, { body: { day, time } });
const cancel = (token: string) => call(hub, 'POST', `/api/appointment-page/${token}/cancel`, { body: {} });
const kinds = (id: string) => repo.listMessages(hub.db, { appointmentId: id }).map((m) => m.kind);

/** A refusal carries its code, and the errors table has its words in Arabic and English. */
function refusedWith(r: { status: number; body: any }, code: keyof typeof ERRORS, status: number) {
  expect(r.body.error?.code, JSON.stringify(r.body)).toBe(code);
  expect(r.status).toBe(status);
  expect(ERRORS[code].ar).toMatch(/[\u0600-\u06ff]/);
  expect(ERRORS[code].en).toMatch(/[a-z]/);
}

describe("the citizen's appointment page", () => {
  it('shows the booking with the first name only, what to bring, and the hall — no CPR, phone or full name', async () => {
    const a = await booked('2026-11-29', '10:00');
    expect(a.pageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const r = await page(a.pageToken);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.appointment).toEqual({
      reference: a.reference,
      status: 'booked',
      day: '2026-11-29',
      slotStart: at('2026-11-29', '10:00'),
      slotEnd: at('2026-11-29', '10:15'),
      firstNameAr: 'سارة',
      firstNameEn: 'Sara',
    });
    expect(r.body.service).toMatchObject({
      id: 'update-details',
      bringEn: expect.stringContaining('smart ID card'),
      bringAr: expect.stringContaining('البطاقة'),
    });
    expect(r.body.hall.timeZone).toBe('Asia/Bahrain');
    expect(r.body.hall.hours.length).toBeGreaterThan(0);
    const text = JSON.stringify(r.body);
    for (const secret of [a.cpr, '36001234', 'Ahmed', 'أحمد', a.pageToken]) expect(text).not.toContain(secret);
  });

  it('moves the booking under the console’s rules: by the citizen, audited, the SMS queued, the console told live', async () => {
    const a = await booked('2026-11-29', '10:00');
    const console = await connectClient(hub, { cookie: agent });
    try {
      const r = await move(a.pageToken, '2026-11-30', '11:15');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.appointment).toMatchObject({ day: '2026-11-30', slotStart: at('2026-11-30', '11:15'), status: 'booked' });
      const stored = repo.getAppointment(hub.db, a.id)!;
      expect(stored).toMatchObject({ day: '2026-11-30', slotStart: at('2026-11-30', '11:15'), reference: a.reference, pageToken: a.pageToken });
      expect(kinds(a.id)).toContain('rescheduled');
      const entry = repo.listAudit(hub.db, {}).find((e) => e.kind === 'appointment.move');
      expect(entry).toMatchObject({ actor: 'citizen', target: `appointment:${a.id}`, after: { day: '2026-11-30', time: '11:15' } });
      await until(() => console.deltas.some((d) => d.events.some((e) => e.type === 'appointment_rescheduled')), 5000, 'the move on the console');
      const history = await call(hub, 'GET', `/api/citizens/${a.cpr}/appointments`, { cookie: agent });
      const moved = history.body.appointments[0].history.find((h: any) => h.type === 'appointment_rescheduled');
      expect(moved).toMatchObject({ actor: 'citizen', by: 'المواطن / The citizen' });
    } finally {
      console.close();
    }
  });

  it('cancels the booking: by the citizen, audited, the SMS queued; then nothing more can change', async () => {
    const a = await booked('2026-11-29', '10:00');
    const r = await cancel(a.pageToken);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.appointment.status).toBe('cancelled');
    expect(repo.getAppointment(hub.db, a.id)!.status).toBe('cancelled');
    expect(kinds(a.id)).toContain('cancelled');
    expect(repo.listAudit(hub.db, {}).find((e) => e.kind === 'appointment.cancel')).toMatchObject({ actor: 'citizen', target: `appointment:${a.id}` });
    // The page still opens (it says the booking is cancelled) but refuses every change.
    expect((await page(a.pageToken)).body.appointment.status).toBe('cancelled');
    refusedWith(await cancel(a.pageToken), 'APPOINTMENT_NOT_ACTIVE', 409);
    refusedWith(await move(a.pageToken, '2026-11-30', '10:00'), 'APPOINTMENT_NOT_ACTIVE', 409);
  });

  it('refuses a move the console would refuse, each with its words in both languages', async () => {
    const a = await booked('2026-11-29', '10:00');
    await booked('2026-11-30', '09:00');
    await booked('2026-11-30', '09:00');
    refusedWith(await move(a.pageToken, '2026-11-30', '09:00'), 'SLOT_FULL', 409);
    refusedWith(await move(a.pageToken, '2026-11-29', '10:00'), 'SAME_SLOT', 409);
    refusedWith(await move(a.pageToken, '2026-11-26', '08:00'), 'SLOT_IN_PAST', 409);
    refusedWith(await move(a.pageToken, '2026-11-27', '10:00'), 'SLOT_CLOSED', 409);
    refusedWith(await move(a.pageToken, '2026-11-30', '10:05'), 'NOT_ON_GRID', 400);
    refusedWith(await move(a.pageToken, '2027-03-01', '10:00'), 'BEYOND_HORIZON', 409);
    expect(repo.getAppointment(hub.db, a.id)).toMatchObject({ day: '2026-11-29', slotStart: at('2026-11-29', '10:00') });
    expect(repo.listAudit(hub.db, {}).some((e) => e.kind === 'appointment.move')).toBe(false);
  });

  it('offers the free slots of its own service, less the seats taken', async () => {
    const a = await booked('2026-11-29', '10:00');
    await booked('2026-11-30', '09:00');
    await booked('2026-11-30', '09:00');
    const r = await call(hub, 'GET', `/api/appointment-page/${a.pageToken}/slots?from=2026-11-30&days=1`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.serviceId).toBe('update-details');
    const nine = r.body.days[0].slots.find((s: any) => s.time === '09:00');
    expect(nine).toMatchObject({ capacity: 2, remaining: 0 });
  });

  it('two citizens taking the last seat at once: exactly one wins', async () => {
    const first = await booked('2026-11-29', '10:00');
    const second = await booked('2026-11-29', '10:30');
    await booked('2026-11-30', '09:00');
    const replies = await Promise.all([move(first.pageToken, '2026-11-30', '09:00'), move(second.pageToken, '2026-11-30', '09:00')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    refusedWith(replies.find((r) => r.status === 409)!, 'SLOT_FULL', 409);
    expect(repo.countOverlapping(hub.db, at('2026-11-30', '09:00'), at('2026-11-30', '09:15'))).toBe(2);
  });

  it('knows nothing of a token that is not one of its appointments, and never mixes two appointments', async () => {
    const mine = await booked('2026-11-29', '10:00');
    const other = await booked('2026-11-29', '11:00');
    refusedWith(await page('A'.repeat(43)), 'APPOINTMENT_LINK_INVALID', 404);
    refusedWith(await cancel('A'.repeat(43)), 'APPOINTMENT_LINK_INVALID', 404);
    refusedWith(await page('short'), 'VALIDATION_FAILED', 400);
    // Each token opens its own booking only: cancelling through one leaves the other as it was.
    expect((await page(other.pageToken)).body.appointment.reference).toBe(other.reference);
    expect((await cancel(mine.pageToken)).status).toBe(200);
    expect(repo.getAppointment(hub.db, other.id)!.status).toBe('booked');
  });

  it('is rate-limited per token and per address', async () => {
    const a = await booked('2026-11-29', '10:00');
    for (let i = 0; i < PAGE_LIMITS.perToken.burst; i++) expect((await page(a.pageToken)).status).toBe(200);
    const held = await page(a.pageToken);
    refusedWith(held, 'RATE_LIMITED', 429);
    expect(held.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another link from the same address still opens until the address has used its own burst (guessing tokens).
    const b = await booked('2026-11-29', '11:00');
    expect((await page(b.pageToken)).status).toBe(200);
    const left = PAGE_LIMITS.perAddress.burst - PAGE_LIMITS.perToken.burst - 2;
    for (let i = 0; i < left; i++) expect((await page(`guess${String(i).padStart(20, '0')}`)).status).toBe(404);
    refusedWith(await page(b.pageToken), 'RATE_LIMITED', 429);
    // The buckets refill with time (the hub's clock).
    hub.clock.advance(60_000);
    expect((await page(a.pageToken)).status).toBe(200);
  });
});
