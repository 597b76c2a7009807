// The kiosk's hub side: printing on the bound printer (fake network printer), printer trouble
// reported to kiosk and supervisors, the rate limit, the staff PIN, and the citizen's live status.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { DEFAULT_SETTINGS } from '../../protocol/domain.ts';
import { decodeEscPos, rasterToPng } from '../../printer/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.ts';
import { readPng, readQr } from '../printer/raster-helpers.ts';

let hub: TestHub;
let printer: FakePrinter | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await printer?.close();
  printer = null;
  await hub.stop();
});

function bindKioskPrinter(target: string | null) {
  repo.setDevicePrinter(hub.db, repo.loadDemoDevices(hub.db)!.kiosk, target);
}

/** Reads the QR code off the printed raster as a phone camera would. */
const qrOf = (img: { width: number; height: number; bits: Uint8Array }) => readQr(readPng(rasterToPng(img)), 25)?.text ?? null;

describe('printing on the kiosk printer', () => {
  it('prints a walk-in ticket on a network printer: the paper carries the QR of that ticket', async () => {
    hub = await startTestHub();
    printer = await startFakePrinter({ mode: 'online' });
    bindKioskPrinter(printer.target);
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'family-members' } });
    expect(r.status).toBe(201);
    expect(r.body.print).toEqual({ ok: true });
    const job = await printer.nextJob();
    const decoded = decodeEscPos(job);
    expect(decoded.cut).toBe(true);
    expect(decoded.images).toHaveLength(1);
    expect(decoded.images[0]!.width).toBe(576);
    const url = qrOf(decoded.images[0]!);
    expect(url).toBe(`${hub.url}${r.body.statusUrl}`);
    const status = await call(hub, 'GET', `/api/tickets/status/${r.body.statusUrl.slice(3)}`);
    expect(status.body.ticket.label).toBe(r.body.ticket.label);
  });

  it('keeps the ticket when the printer is out of paper, and tells the kiosk and the supervisors', async () => {
    hub = await startTestHub();
    printer = await startFakePrinter({ mode: 'paperOut' });
    bindKioskPrinter(printer.target);
    const kioskToken = deviceToken(hub, 'kiosk');
    const kiosk = await connectClient(hub, { token: kioskToken });
    const supervisor = await connectClient(hub, { cookie: await login(hub, ...DEMO.supervisor) });
    clients.push(kiosk, supervisor);
    const kioskStatus: any[] = [];
    const supStatus: any[] = [];
    kiosk.socket.on('printer:status', (m) => kioskStatus.push(m));
    supervisor.socket.on('printer:status', (m) => supStatus.push(m));
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: kioskToken, body: { serviceId: 'family-members' } });
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' } });
    expect(repo.getTicket(hub.db, r.body.ticket.id)?.status).toBe('waiting');
    expect(printer.jobs).toHaveLength(0);
    await until(() => kioskStatus.length === 1 && supStatus.length === 1, 5000, 'printer status');
    expect(kioskStatus[0]).toMatchObject({ ok: false, status: { paperOut: true }, message: expect.stringContaining('paper') });
    expect(supStatus[0]).toMatchObject({ deviceName: 'Demo kiosk', ok: false, error: { code: 'PAPER_OUT' } });
    // Paper loaded again: the monitor notices and clears the banner.
    printer.mode = 'online';
    await hub.printing.pollAll();
    await until(() => kioskStatus.length === 2, 5000, 'back online');
    expect(kioskStatus[1]).toMatchObject({ ok: true });
  });

  it("the printer monitor says 'out of paper', not 'offline', for a printer that answers without paper", async () => {
    hub = await startTestHub();
    printer = await startFakePrinter({ mode: 'online' });
    bindKioskPrinter(printer.target);
    const supervisor = await connectClient(hub, { cookie: await login(hub, ...DEMO.supervisor) });
    clients.push(supervisor);
    const seen: any[] = [];
    supervisor.socket.on('printer:status', (m) => seen.push(m));
    // The roll ends between two citizens: ESC/POS then sets its offline bit too, but the printer answers.
    printer.mode = 'paperOut';
    await hub.printing.pollAll();
    await until(() => seen.length === 1, 5000, 'printer status');
    expect(seen[0]).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' }, status: { paperOut: true } });
  });

  it('reports an unreachable printer as offline without losing the ticket', async () => {
    hub = await startTestHub();
    bindKioskPrinter('tcp://127.0.0.1:9');
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'new-application' } });
    expect(r.status).toBe(201);
    expect(r.body.print.ok).toBe(false);
    expect(['OFFLINE', 'TIMEOUT']).toContain(r.body.print.error.code);
    expect(hub.hub.current.tickets[r.body.ticket.id]?.status).toBe('waiting');
  });

  it('waits for a slow printer and still prints the whole ticket', async () => {
    hub = await startTestHub();
    printer = await startFakePrinter({ mode: 'slow', slowMs: 150 });
    bindKioskPrinter(printer.target);
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'letter-follow-up' } });
    expect(r.status).toBe(201);
    expect(r.body.print).toEqual({ ok: true });
    const decoded = decodeEscPos(await printer.nextJob());
    expect(qrOf(decoded.images[0]!)).toBe(`${hub.url}${r.body.statusUrl}`);
    expect(hub.hub.current.tickets[r.body.ticket.id]?.status).toBe('waiting');
  });

  it('the virtual printer files the bytes and a PNG preview; a supervisor can test-print', async () => {
    hub = await startTestHub();
    const r = await call(hub, 'POST', '/api/kiosk/tickets', { token: deviceToken(hub, 'kiosk'), body: { serviceId: 'new-application' } });
    expect(r.body.print).toEqual({ ok: true });
    expect(existsSync(join(hub.dir, 'prints', `${r.body.ticket.label}-${repo.loadDemoDevices(hub.db)!.kiosk}.png`))).toBe(true);
    const sup = await login(hub, ...DEMO.supervisor);
    const test = await call(hub, 'POST', '/api/printers/test', { cookie: sup, body: { printer: 'virtual', width: 58 } });
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(true);
    expect(existsSync(test.body.files.png)).toBe(true);
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/printers/test', { cookie: counter, body: { printer: 'virtual' } })).status).toBe(403);
    const bind = await call(hub, 'PUT', `/api/devices/${repo.loadDemoDevices(hub.db)!.kiosk}/printer`, { cookie: sup, body: { printer: 'not a printer' } });
    expect(bind.status).toBe(400);
  });
});

describe('kiosk lock-down', () => {
  it('lets a rush through and stops a stuck button: a burst of 10, then 30 a minute, with the seconds to wait', async () => {
    hub = await startTestHub();
    const admin = await login(hub, ...DEMO.admin);
    // The defaults (the test hub lifts them): a burst of 10, then 30 a minute.
    const { kioskTicketsBurst, kioskTicketsPerMinute } = DEFAULT_SETTINGS;
    expect({ kioskTicketsBurst, kioskTicketsPerMinute }).toEqual({ kioskTicketsBurst: 10, kioskTicketsPerMinute: 30 });
    expect((await call(hub, 'PATCH', '/api/settings', { cookie: admin, body: { kioskTicketsBurst, kioskTicketsPerMinute } })).status).toBe(200);
    const token = deviceToken(hub, 'kiosk');
    const walkIn = () => call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await walkIn()).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    const limited = await call(hub, 'POST', '/api/kiosk/check-in', { token, body: { cpr: '900000001' } });
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 2 } });
    expect(Object.keys(hub.hub.current.tickets)).toHaveLength(10);
    // 30 a minute: one more every 2 s, however long the rush lasts.
    hub.clock.advance(2000);
    expect((await walkIn()).status).toBe(201);
    expect((await walkIn()).status).toBe(429);
    hub.clock.advance(60_000);
    for (let i = 0; i < 10; i++) expect((await walkIn()).status).toBe(201);
  });

  it('lets staff out of kiosk mode only with the PIN, which a supervisor can change', async () => {
    hub = await startTestHub();
    const token = deviceToken(hub, 'kiosk');
    expect((await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '9999' } })).body.error.code).toBe('WRONG_PIN');
    expect((await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '1234' } })).body).toEqual({ ok: true });
    const sup = await login(hub, ...DEMO.supervisor);
    expect((await call(hub, 'PUT', '/api/kiosk/pin', { cookie: sup, body: { pin: '86420' } })).status).toBe(200);
    expect((await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '1234' } })).body.error.code).toBe('WRONG_PIN');
    expect((await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '86420' } })).status).toBe(200);
    // The right PIN cleared the count; five wrong ones lock this kiosk (tests/integration/throttle.test.ts has the rest).
    for (let i = 0; i < 5; i++) await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '0000' } });
    expect((await call(hub, 'POST', '/api/kiosk/exit', { token, body: { pin: '86420' } })).body.error.code).toBe('LOGIN_THROTTLED');
  });
});

describe("the citizen's status link", () => {
  it('follows one ticket live and says which counter calls it', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const first = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
    const mine = await call(hub, 'POST', '/api/kiosk/tickets', { token: kiosk, body: { serviceId: 'new-application' } });
    const token = mine.body.statusUrl.slice('/t/'.length);
    const phone = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken: token } });
    const updates: any[] = [];
    phone.on('ticket:status', (m) => updates.push(m));
    try {
      await until(() => updates.length === 1, 5000, 'first status');
      expect(updates[0]).toMatchObject({ ticket: { label: 'B-002', status: 'waiting' }, peopleAhead: 1 });
      expect(JSON.stringify(updates[0])).not.toContain('cpr');
      const c = await login(hub, ...DEMO.counter1);
      await call(hub, 'POST', '/api/counters/3/open', { cookie: c });
      await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c });
      await until(() => updates.some((u) => u.peopleAhead === 0), 5000, 'moved up');
      await call(hub, 'POST', '/api/counters/3/start', { cookie: c });
      await call(hub, 'POST', '/api/counters/3/finish', { cookie: c, body: { outcome: 'served' } });
      await call(hub, 'POST', '/api/counters/3/call-next', { cookie: c });
      await until(() => updates.at(-1)?.ticket.status === 'called', 5000, 'called');
      expect(updates.at(-1)).toMatchObject({ ticket: { label: 'B-002', status: 'called', counter: 3 } });
      expect(first.body.ticket.label).toBe('B-001');
    } finally {
      phone.close();
    }
    // A made-up token gets nothing.
    const stranger = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken: 'x'.repeat(24) } });
    const err = await new Promise<Error>((resolve) => stranger.once('connect_error', resolve));
    stranger.close();
    expect(err.message).toMatch(/No ticket/);
  });
});

describe('printing a lost ticket again', () => {
  it('gives the same ticket, never a new number, by CPR, reference or status link, and refuses a stranger', async () => {
    hub = await startTestHub();
    const token = deviceToken(hub, 'kiosk');
    const now = hub.clock.now();
    const booked = repo
      .listAppointmentsOfDay(hub.db, hub.hub.current.day)
      .find((a) => a.status === 'booked' && a.slotStart - 30 * 60_000 <= now && a.slotStart + 15 * 60_000 >= now)!;
    const checkedIn = await call(hub, 'POST', '/api/kiosk/check-in', { token, body: { cpr: booked.cpr } });
    expect(checkedIn.body.outcome).toBe('checked_in');
    const mine = checkedIn.body.ticket;
    // The paper is lost: checking in again names the ticket held.
    const again = await call(hub, 'POST', '/api/kiosk/check-in', { token, body: { cpr: booked.cpr } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_CHECKED_IN', details: { label: mine.label } });
    const walkIn = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } });
    const numbersBefore = { ...hub.hub.current.lastNumber };
    const ticketsBefore = Object.keys(hub.hub.current.tickets).length;

    const byCpr = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { cpr: booked.cpr } });
    expect(byCpr.status).toBe(200);
    expect(byCpr.body.ticket).toMatchObject({ id: mine.id, label: mine.label });
    expect(byCpr.body.print).toEqual({ ok: true });
    const byRef = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { reference: booked.reference.toLowerCase() } });
    expect(byRef.body.ticket.id).toBe(mine.id);
    const byLink = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { statusToken: walkIn.body.statusUrl.slice('/t/'.length) } });
    expect(byLink.body.ticket).toMatchObject({ id: walkIn.body.ticket.id, label: walkIn.body.ticket.label });
    expect(hub.hub.current.lastNumber).toEqual(numbersBefore);
    expect(Object.keys(hub.hub.current.tickets)).toHaveLength(ticketsBefore);
    expect(repo.listAudit(hub.db, { kind: 'ticket.reprint' }).map((a) => a.target)).toEqual(
      expect.arrayContaining([`ticket:${mine.id}`, `ticket:${walkIn.body.ticket.id}`]),
    );
    // A fourth within the minute: refused (a lost paper, not a script).
    expect((await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { cpr: booked.cpr } })).body.error.code).toBe('RATE_LIMITED');
    hub.clock.advance(61_000);

    // A stranger: a CPR with no ticket today, a made-up link; nor a ticket already served.
    const stranger = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { cpr: '900000016' === booked.cpr ? '900000015' : '900000016' } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NO_TICKET_TO_REPRINT');
    expect((await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { statusToken: 'A'.repeat(24) } })).body.error.code).toBe('NO_TICKET_TO_REPRINT');
    const sup = await login(hub, ...DEMO.supervisor);
    expect((await call(hub, 'POST', `/api/hall/tickets/${walkIn.body.ticket.id}/cancel`, { cookie: sup, body: { reason: 'left' } })).status).toBe(200);
    const cancelled = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { statusToken: walkIn.body.statusUrl.slice('/t/'.length) } });
    expect(cancelled.body.error.code).toBe('NO_TICKET_TO_REPRINT');
    // Staff cannot use it: it prints on a kiosk's printer.
    expect((await call(hub, 'POST', '/api/kiosk/reprint', { cookie: sup, body: { cpr: booked.cpr } })).status).toBe(403);
    expect(Object.keys(hub.hub.current.tickets)).toHaveLength(ticketsBefore);
  });
});
