// The hub's log never prints a full CPR or phone number (server/log.ts, the logger `npm start` uses):
// a hub that books, sends the confirmation SMS through the log sender, issues tickets for typed CPRs
// and checks a citizen in writes only the last 3 digits of each; and the masking reaches every part
// of a record (message, fields at any depth, an error's message and stack) without touching tokens,
// ids or times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubLogger, maskPersonalNumbers } from '../../server/log.ts';
import { call, DEMO, deviceToken, login, startTestHub, type TestHub } from '../helpers/hub.ts';

/** A hub logger writing its JSON lines into `lines`. */
function capture(lines: string[]) {
  return hubLogger('info', { write: (line: string) => void lines.push(line) });
}

describe('a hub at work', () => {
  const lines: string[] = [];
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ log: capture(lines) });
  });
  afterAll(() => hub.stop());

  it('logs the SMS, the bookings and the tickets with CPRs and phones masked to their last 3 digits', async () => {
    const agent = await login(hub, ...DEMO.agent);
    const kiosk = deviceToken(hub, 'kiosk');
    const slots = await call(hub, 'GET', '/api/slots?serviceId=update-details&from=2026-11-26&days=1', { cookie: agent });
    const slot = slots.body.days[0].slots.find((s: { slotStart: number; remaining: number }) => s.slotStart > hub.clock.now() + 3_600_000 && s.remaining > 0);
    const booked = await call(hub, 'POST', '/api/appointments', {
      cookie: agent,
      body: { serviceId: 'update-details', day: '2026-11-26', time: slot.time, cpr: '771000201', phone: '36004321', nameEn: 'Zainab Alqassim' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(await hub.outbox.deliverDue()).toBe(1);
    const walkIn = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'update-details', cpr: '771000202' } });
    expect(walkIn.status).toBe(201);
    hub.clock.set(slot.slotStart - 10 * 60_000); // within the booking's check-in window
    const checkIn = await call(hub, 'POST', '/api/kiosk/check-in', { token: kiosk, body: { cpr: '771000201' } });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);

    const log = lines.join('');
    // The confirmation went to the log, its number masked.
    const sms = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'sms (log sender)');
    expect(sms.to).toBe('+********321');
    expect(sms.text).toContain(booked.body.appointment.reference);
    for (const full of ['771000201', '771000202', '36004321', '97336004321']) expect(log).not.toContain(full);
    expect(lines.filter((l) => JSON.parse(l).msg === 'command').length).toBeGreaterThanOrEqual(3);
  });
});

describe('the masking', () => {
  it('keeps the last 3 digits of a CPR or a phone, the plus sign and the text around them', () => {
    expect(maskPersonalNumbers('CPR 900000123, phone 36001234 or +97336001234.')).toBe('CPR ******123, phone *****234 or +********234.');
    expect(maskPersonalNumbers('"771000201"')).toBe('"******201"');
  });

  it('leaves ids, tokens, times and short numbers whole', () => {
    for (const text of [
      'http://localhost:8080/setup?token=Ab_12345678901-Zx',
      'appt-20261126-12345678',
      '2026-11-26T06:00:00.000Z',
      '1764136800000',
      'B-001 at counter 1234567',
      'a1234567890b',
    ])
      expect(maskPersonalNumbers(text)).toBe(text);
  });

  it('masks the message, fields at any depth and an error’s message and stack', () => {
    const lines: string[] = [];
    const log = capture(lines);
    const err = new Error('no citizen 900000123');
    log.error({ err, body: { cpr: '900000123', contacts: [{ phone: '+97336001234' }] }, at: 1764136800000 }, 'lookup for %s failed', '36001234');
    const record = JSON.parse(lines[0]!);
    expect(record.msg).toBe('lookup for *****234 failed');
    expect(record.body).toEqual({ cpr: '******123', contacts: [{ phone: '+********234' }] });
    expect(record.err.message).toBe('no citizen ******123');
    expect(record.err.stack).toContain('Error: no citizen ******123');
    expect(record.at).toBe(1764136800000);
    expect(lines[0]).not.toMatch(/900000123|36001234/);
  });
});
