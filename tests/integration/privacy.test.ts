// Public channels carry no citizen's name, CPR, phone or booking reference: a day that makes every
// hall event type (protocol/events.ts) runs through a real hub while a display, a kiosk and the
// citizens' phones listen, and every message they get (snapshots, deltas, ticket statuses, anything
// else) and every reply of a public REST route is searched for the values the staff channel shows.
// The status link's token is unguessable: at least 128 random bits.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Appointment, Ticket } from '../../protocol/domain.ts';
import { HallEvent } from '../../protocol/events.ts';
import type { HallState } from '../../protocol/state.ts';
import { localInstant } from '../../engine/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub;
const sockets: { close(): void }[] = [];
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await hub.stop();
});

/** Everything a public channel received or answered, with where it came from. */
const heard: { where: string; data: unknown }[] = [];

/** The public screens' sockets: their snapshots (recorded from the first one) join what was heard at the end. */
const screens: { where: string; client: Client }[] = [];
async function publicClient(where: string, auth: { token: string }): Promise<Client> {
  const client = await connectClient(hub, auth);
  sockets.push(client);
  screens.push({ where, client });
  client.socket.onAny((event: string, ...args: unknown[]) => event !== 'snapshot' && heard.push({ where: `${where} ${event}`, data: args }));
  return client;
}

/** A citizen's phone on the status page of the ticket behind `statusUrl`. */
async function phone(statusUrl: string): Promise<Socket> {
  const statusToken = statusUrl.split('/').at(-1)!;
  const socket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken } });
  sockets.push(socket);
  socket.onAny((event: string, ...args: unknown[]) => heard.push({ where: `phone ${event}`, data: args }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A REST call; a public one's reply joins what the public heard. */
async function rest(method: string, path: string, opts: { body?: unknown; cookie?: string; token?: string }, isPublic = false) {
  const r = await call(hub, method, path, opts);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  if (isPublic) heard.push({ where: `${method} ${path}`, data: r.body });
  return r.body;
}

/** Every string in a value, at any depth. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const TODAY = '2026-11-26';
const SUNDAY = '2026-11-29';
const at = (day: string, time: string) => localInstant(day, time, 'Asia/Bahrain');

it('keeps names, CPRs, phones and references off the display, the kiosk and the status page through every event type', async () => {
  const kioskToken = deviceToken(hub, 'kiosk');
  const displayToken = deviceToken(hub, 'display');
  const [agent, supervisor, admin, counter1] = await Promise.all([
    login(hub, ...DEMO.agent),
    login(hub, ...DEMO.supervisor),
    login(hub, ...DEMO.admin),
    login(hub, ...DEMO.counter1),
  ]);
  // The staff channel shows what is secret; the public ones listen.
  const staff = await connectClient(hub, { cookie: supervisor });
  sockets.push(staff);
  const display = await publicClient('display', { token: displayToken });
  await publicClient('kiosk', { token: kioskToken });
  const kiosk = { token: kioskToken };

  const freeSlot = async (day: string, after: number) => {
    const r = await rest('GET', `/api/slots?serviceId=update-details&from=${day}&days=1`, { cookie: agent });
    const slot = r.days[0].slots.find((s: { slotStart: number; remaining: number }) => s.slotStart > after && s.remaining > 0);
    expect(slot, `a free slot on ${day}`).toBeDefined();
    return slot.time as string;
  };
  const book = (day: string, time: string, cpr: string, phone: string, name: string) =>
    rest('POST', '/api/appointments', {
      cookie: agent,
      body: { serviceId: 'update-details', day, time, cpr, phone, nameAr: `${name} العربي`, nameEn: `${name} English`, notes: `Called about ${name}` },
    });

  // --- bookings: booked, rescheduled, cancelled, checked in, late converted
  const now = hub.clock.now();
  const checkInNow = (await book(TODAY, await freeSlot(TODAY, now), '771000101', '36001101', 'Zainab Alqassim')).appointment as Appointment;
  const moved = (await book(TODAY, await freeSlot(TODAY, now + 3_600_000), '771000102', '+97336001102', 'Hamad Almoosawi')).appointment as Appointment;
  await rest('POST', `/api/appointments/${moved.id}/reschedule`, { cookie: agent, body: { day: TODAY, time: await freeSlot(TODAY, moved.slotStart) } });
  await rest('POST', `/api/appointments/${moved.id}/cancel`, { cookie: agent, body: {} });
  const checkedIn = await rest('POST', '/api/kiosk/check-in', { ...kiosk, body: { cpr: checkInNow.cpr } }, true);
  expect(checkedIn.outcome).toBe('checked_in');
  await phone(checkedIn.statusUrl);
  // A demo booking whose window closed before 09:00 turns into a walk-in ticket, found by its reference.
  const staffState = staff.snapshots[0]!.state as HallState;
  const staffEvents = () => staff.deltas.flatMap((d) => d.events) as HallEvent[];
  const late = Object.values(staffState.appointments).find((a) => a.status === 'booked' && a.slotStart + 15 * 60_000 < now)!;
  expect(late, 'a demo booking already late').toBeDefined();
  const converted = await rest('POST', '/api/kiosk/check-in', { ...kiosk, body: { reference: late.reference } }, true);
  expect(converted.outcome).toBe('late_converted');
  await rest('POST', '/api/kiosk/reprint', { ...kiosk, body: { reference: late.reference } }, true);

  // --- walk-ins, one with the CPR typed at the kiosk, and their phones
  for (const cpr of ['771000103', null, null, null, null]) {
    const w = await rest('POST', '/api/kiosk/tickets', { ...kiosk, body: { serviceId: 'update-details', cpr } }, true);
    await phone(w.statusUrl);
    await rest('GET', `/api/tickets/status/${w.statusUrl.split('/').at(-1)}`, {}, true);
  }
  await rest('POST', '/api/kiosk/reprint', { ...kiosk, body: { cpr: '771000103' } }, true);

  // --- a counter's day: every counter command, a note naming the citizen
  const cmd = (slug: string, body: object = {}) => rest('POST', `/api/counters/3/${slug}`, { cookie: counter1, body });
  await cmd('open');
  for (const mode of ['appointment', 'general']) await rest('PUT', '/api/counters/3/mode', { cookie: supervisor, body: { mode } });
  await cmd('call-next');
  await cmd('recall');
  await cmd('no-show');
  await cmd('call-next');
  await cmd('start');
  await cmd('finish', { outcome: 'served', note: 'Zainab Alqassim 771000101 36001101 wants a call back' });
  const waiting = async () => {
    const { state } = (await rest('GET', '/api/snapshot', { cookie: supervisor })) as { state: HallState };
    return Object.values(state.tickets).filter((t) => t.status === 'waiting' && t.targetCounter === null) as Ticket[];
  };
  await cmd('call', { ticketId: (await waiting())[0]!.id });
  await cmd('transfer', { toServiceId: 'application-inquiry' });
  await cmd('pause', { reason: 'break' });
  await cmd('resume');
  await cmd('close');

  // --- the supervisor's live hall and the admin's set-up
  const hall = (path: string, body: object) => rest('POST', `/api/hall/${path}`, { cookie: supervisor, body });
  await hall('counters/4/out-of-service', { reason: 'screen broken' });
  await hall('counters/4/restore', {});
  await rest('PUT', '/api/hall/counters/5/services', { cookie: supervisor, body: { serviceIds: ['update-details'] } });
  await cmd('open');
  await hall('counters/3/close', { reason: 'covering the front desk' });
  const [toMove, toCancel] = await waiting();
  await hall(`tickets/${toMove!.id}/move`, { toServiceId: 'family-members' });
  await hall(`tickets/${toCancel!.id}/cancel`, { reason: 'Hamad Almoosawi 771000102 left, says 36001102' });
  const ticker = await hall('ticker', { ar: 'رسالة', en: 'A message', expiresAt: now + 3_600_000 });
  await hall(`ticker/${ticker.message.id}/remove`, {});
  await rest('PATCH', '/api/settings', { cookie: admin, body: { checkInLateMinutes: 20 } });
  await rest('PUT', '/api/services/update-details', { cookie: admin, body: { nameEn: 'Update of details' } });
  await rest('PUT', '/api/counters/6', { cookie: admin, body: { nameEn: 'Corner' } });
  await hall('end-day', {});

  // --- the next working day: yesterday closes (its open tickets and bookings with it), Sunday opens with its bookings
  await book(SUNDAY, '09:00', '771000104', '36001104', 'Maryam Alhaddad');
  hub.clock.set(at(SUNDAY, '08:00'));
  hub.hub.tick();

  // Fresh screens get the new day's snapshot; the REST reads the public screens use.
  await publicClient('display (new)', { token: displayToken });
  await publicClient('kiosk (new)', { token: kioskToken });
  for (const token of [kioskToken, displayToken]) {
    await rest('GET', '/api/snapshot', { token }, true);
    await rest('GET', '/api/services', { token }, true);
  }
  await rest('GET', '/api/opening-hours', kiosk, true);
  await rest('GET', '/api/setup', {}, true);

  // Every event type went by.
  const types = HallEvent.def.options.map((o) => o.shape.type.def.values[0]);
  const missing = (events: { type: string }[]) => types.filter((t) => !events.some((e) => e.type === t));
  await expect.poll(() => missing(display.deltas.flatMap((d) => d.events)), { timeout: 5000 }).toEqual([]);
  expect(missing(staffEvents())).toEqual([]);

  // What the staff channel shows of citizens: every booking's name, CPR, phone (both forms), reference and
  // notes, every ticket's CPR, every finish note and cancel reason.
  const appointments = [
    ...Object.values(staffState.appointments),
    ...staffEvents().flatMap((e) =>
      e.type === 'day_opened' ? e.appointments : e.type === 'appointment_booked' || e.type === 'appointment_rescheduled' ? [e.appointment] : [],
    ),
  ];
  const secrets = new Set<string>();
  for (const a of appointments) {
    for (const s of [a.nameAr, a.nameEn, a.cpr, a.phone, a.phone.replace(/^\+973/, ''), `+973${a.phone.replace(/^\+973/, '')}`, a.reference, a.notes]) {
      if (s) secrets.add(s);
    }
  }
  for (const e of staffEvents()) {
    if (e.type === 'ticket_issued' && e.ticket.cpr) secrets.add(e.ticket.cpr);
    if (e.type === 'ticket_finished' && e.note) secrets.add(e.note);
    // `day_ended` is the hub's own reason for the tickets an ended day cancels, not a supervisor's words.
    if (e.type === 'ticket_cancelled' && e.reason && e.reason !== 'day_ended') secrets.add(e.reason);
  }
  for (const known of ['Zainab Alqassim English', '771000101', '771000103', '+97336001102', 'Maryam Alhaddad العربي', late.reference])
    expect(secrets).toContain(known);
  expect(secrets.size).toBeGreaterThan(50);

  for (const { where, client } of screens) heard.push(...client.snapshots.map((data) => ({ where: `${where} snapshot`, data })));
  // The public heard a lot (so the search means something) and none of it.
  expect(heard.filter((h) => h.where.endsWith(' delta')).length).toBeGreaterThan(30);
  expect(heard.filter((h) => h.where.endsWith(' snapshot')).length).toBe(4);
  expect(heard.filter((h) => h.where === 'phone ticket:status').length).toBeGreaterThan(5);
  const leaks: string[] = [];
  for (const h of heard) {
    for (const text of strings(h.data)) {
      for (const secret of secrets) {
        // Short names are checked whole (a four-letter name may sit inside a service's name).
        if (text === secret || (secret.length >= 6 && text.includes(secret))) leaks.push(`${h.where}: "${secret}" in "${text.slice(0, 80)}"`);
      }
    }
  }
  expect(leaks).toEqual([]);
});

it('makes status-link tokens of at least 128 random bits', async () => {
  const kiosk = deviceToken(hub, 'kiosk');
  hub.clock.set(at('2026-11-30', '09:00'));
  hub.hub.tick();
  const tokens = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'update-details' } });
    expect(r.status).toBe(201);
    tokens.add((r.body.statusUrl as string).replace(/^\/t\//, ''));
  }
  expect(tokens.size).toBe(50);
  for (const t of tokens) {
    // base64url: 6 bits a character, so 22 characters hold 132 bits.
    expect(t).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(t.length * 6).toBeGreaterThanOrEqual(128);
  }
  // Random, not a counter or a clock: every character position takes many values over 50 tokens.
  const positions = [...tokens][0]!.length;
  for (let i = 0; i < positions; i++) expect(new Set([...tokens].map((t) => t[i])).size, `position ${i}`).toBeGreaterThan(15);
});
