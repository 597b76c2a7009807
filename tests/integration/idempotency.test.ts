// Kiosk requests are idempotent: a kiosk that lost the reply sends the same `requestId` again and
// gets the ticket it already has — never a second ticket, event, broadcast or (after a good print)
// a second paper — also when the repeats arrive together, over the socket, or after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { TicketRequests } from '../../kiosk-ui/requests.ts';
import { REUSE_MS } from '../../ui-kit/requests.ts';
import { newToken, sha256 } from '../../server/auth.ts';
import { localInstant } from '../../engine/index.ts';
import { startFakePrinter, type FakePrinter } from '../helpers/fake-printer.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';

let hub: TestHub | null = null;
let printer: FakePrinter | null = null;
const clients: Client[] = [];
const dirs: string[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const c of clients.splice(0)) c.close();
  await printer?.close();
  printer = null;
  await hub?.stop();
  hub = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const count = (h: TestHub, sql: string) => (h.db.sqlite.prepare(sql).get() as { n: number }).n;
const ticketsIssued = (h: TestHub) => count(h, "select count(*) as n from events where type = 'ticket_issued'");
const ticketRows = (h: TestHub) => count(h, 'select count(*) as n from tickets');
/** Ticket jobs the fake printer has received (once its connections are closed; status polls leave no bytes). */
async function printed() {
  await printer!.idle();
  return printer!.jobs.filter((j) => j.length > 100).length;
}

/** A started hub whose demo kiosk prints on a fake network printer; counts the commits it broadcasts. */
async function hubWithPrinter(mode: 'online' | 'paperOut' = 'online') {
  const h = (hub = await startTestHub());
  printer = await startFakePrinter({ mode });
  repo.setDevicePrinter(h.db, repo.loadDemoDevices(h.db)!.kiosk, printer.target);
  const commits = { n: 0 };
  h.hub.onCommit(() => commits.n++);
  return { h, token: deviceToken(h, 'kiosk'), commits };
}

/** A second paired kiosk, as pairing would create it. */
function secondKiosk(h: TestHub): string {
  const id = repo.createDevice(h.db, 'kiosk', 'Second kiosk', h.clock.now(), { pairedAt: h.clock.now(), printer: 'virtual' });
  const token = newToken();
  repo.addDeviceToken(h.db, id, sha256(token), h.clock.now());
  return token;
}

async function book(h: TestHub, time: string, cpr: string) {
  const cookie = await login(h, ...DEMO.agent);
  const r = await call(h, 'POST', '/api/appointments', {
    cookie,
    body: { serviceId: 'update-details', day: '2026-11-26', time, cpr, phone: '36001234', nameAr: 'مريم علي', nameEn: 'Maryam Ali' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.appointment;
}

/** What must be identical between the first reply and a repeat. */
const sameTicket = (b: any) => ({ ticket: b.ticket, statusUrl: b.statusUrl, service: b.service, outcome: b.outcome });

describe('a repeated requestId', () => {
  it('walk-in: the same ticket, number and status link, one event, one broadcast, one print', async () => {
    const { h, token, commits } = await hubWithPrinter();
    const body = { serviceId: 'new-application', requestId: 'walkin-0001-abcdef' };
    const first = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(first.status).toBe(201);
    expect(first.body.print).toEqual({ ok: true });
    const state = { seq: h.hub.lastSeq, commits: commits.n, tickets: ticketRows(h) };
    const again = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(again.status).toBe(201);
    expect(sameTicket(again.body)).toEqual(sameTicket(first.body));
    expect(again.body.ticket.label).toBe('B-001');
    expect(again.body.print).toEqual({ ok: true });
    expect({ seq: h.hub.lastSeq, commits: commits.n, tickets: ticketRows(h) }).toEqual(state);
    expect(ticketsIssued(h)).toBe(1);
    expect(commits.n).toBe(1);
    expect(await printed()).toBe(1);
    // A new requestId (the next citizen) gets the next ticket.
    const next = await call(h, 'POST', '/api/kiosk/tickets', { token, body: { ...body, requestId: 'walkin-0002-abcdef' } });
    expect(next.body.ticket.label).toBe('B-002');
    expect(await printed()).toBe(2);
  });

  it('check-in: the same checked-in ticket instead of ALREADY_CHECKED_IN', async () => {
    const { h, token } = await hubWithPrinter();
    const a = await book(h, '09:15', '811111111');
    const body = { cpr: '811111111', requestId: 'checkin-0001-abcdef' };
    const first = await call(h, 'POST', '/api/kiosk/check-in', { token, body });
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('checked_in');
    const again = await call(h, 'POST', '/api/kiosk/check-in', { token, body });
    expect(again.status).toBe(200);
    expect(sameTicket(again.body)).toEqual(sameTicket(first.body));
    expect(again.body.print).toEqual({ ok: true });
    expect(ticketsIssued(h)).toBe(1);
    expect(await printed()).toBe(1);
    expect(repo.getAppointment(h.db, a.id)!.status).toBe('checked_in');
    // A new action of the same citizen is still told the truth.
    const other = await call(h, 'POST', '/api/kiosk/check-in', { token, body: { ...body, requestId: 'checkin-0002-abcdef' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('ALREADY_CHECKED_IN');
  });

  it('check-in converted to a walk-in: the repeat says late_converted with the same ticket', async () => {
    const { h, token } = await hubWithPrinter();
    const late = await book(h, '09:30', '833333333');
    h.clock.set(localInstant('2026-11-26', '09:46', 'Asia/Bahrain'));
    const body = { reference: late.reference, requestId: 'late-0001-abcdef' };
    const first = await call(h, 'POST', '/api/kiosk/check-in', { token, body });
    expect(first.body.outcome).toBe('late_converted');
    const again = await call(h, 'POST', '/api/kiosk/check-in', { token, body });
    expect(sameTicket(again.body)).toEqual(sameTicket(first.body));
    expect(ticketsIssued(h)).toBe(1);
  });

  it('is not stored for check-ins that issue no ticket (too early), so repeating them is harmless', async () => {
    const { h, token } = await hubWithPrinter();
    const early = await book(h, '11:30', '822222222');
    const body = { cpr: '822222222', requestId: 'early-0001-abcdef' };
    expect((await call(h, 'POST', '/api/kiosk/check-in', { token, body })).body.outcome).toBe('too_early');
    expect(count(h, 'select count(*) as n from kiosk_requests')).toBe(0);
    h.clock.set(early.slotStart - 10 * 60_000);
    const now = await call(h, 'POST', '/api/kiosk/check-in', { token, body });
    expect(now.body.outcome).toBe('checked_in');
    expect(ticketsIssued(h)).toBe(1);
  });

  it.each([
    ['walk-in', '/api/kiosk/tickets', 201],
    ['check-in', '/api/kiosk/check-in', 200],
  ] as const)('%s: 10 identical requests at the same time give exactly one ticket, one print', async (what, path, status) => {
    const { h, token, commits } = await hubWithPrinter();
    if (what === 'check-in') await book(h, '09:15', '811111111');
    const body = what === 'walk-in' ? { serviceId: 'family-members', requestId: 'burst-0001-abcdef' } : { cpr: '811111111', requestId: 'burst-0001-abcdef' };
    const commitsBefore = commits.n;
    const replies = await Promise.all(Array.from({ length: 10 }, () => call(h, 'POST', path, { token, body })));
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(status));
    expect(new Set(replies.map((r) => r.body.ticket.id)).size).toBe(1);
    expect(new Set(replies.map((r) => r.body.statusUrl)).size).toBe(1);
    // Repeats that arrived while the first print was running waited for it and report its outcome.
    expect(replies.every((r) => r.body.print.ok === true)).toBe(true);
    expect(ticketsIssued(h)).toBe(1);
    expect(ticketRows(h)).toBe(1);
    expect(commits.n - commitsBefore).toBe(1);
    expect(await printed()).toBe(1);
  });

  it('with another body is refused with 409 REQUEST_ID_REUSED and changes nothing', async () => {
    const { h, token, commits } = await hubWithPrinter();
    const requestId = 'reused-0001-abcdef';
    const first = await call(h, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId } });
    expect(first.status).toBe(201);
    const before = { seq: h.hub.lastSeq, commits: commits.n, tickets: ticketRows(h), prints: await printed(), state: JSON.stringify(h.hub.current) };
    for (const [path, body] of [
      ['/api/kiosk/tickets', { serviceId: 'family-members', requestId }],
      ['/api/kiosk/tickets', { serviceId: 'new-application', priority: 'elderly', requestId }],
      ['/api/kiosk/check-in', { cpr: '811111111', requestId }],
    ] as const) {
      const r = await call(h, 'POST', path, { token, body });
      expect(r.status, JSON.stringify(body)).toBe(409);
      expect(r.body.error.code).toBe('REQUEST_ID_REUSED');
      expect(r.body.error.message).toContain(requestId);
    }
    expect({ seq: h.hub.lastSeq, commits: commits.n, tickets: ticketRows(h), prints: await printed(), state: JSON.stringify(h.hub.current) }).toEqual(before);
    // The original body still gets its ticket back.
    const again = await call(h, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId } });
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
  });

  it('from two kiosks is two requests: each gets its own ticket', async () => {
    const { h, token } = await hubWithPrinter();
    const other = secondKiosk(h);
    const body = { serviceId: 'new-application', requestId: 'shared-0001-abcdef' };
    const a = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    const b = await call(h, 'POST', '/api/kiosk/tickets', { token: other, body });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.ticket.label).toBe('B-001');
    expect(b.body.ticket.label).toBe('B-002');
    // …and each kiosk's repeat gets its own one back.
    expect((await call(h, 'POST', '/api/kiosk/tickets', { token: other, body })).body.ticket.id).toBe(b.body.ticket.id);
    expect((await call(h, 'POST', '/api/kiosk/tickets', { token, body })).body.ticket.id).toBe(a.body.ticket.id);
    expect(ticketsIssued(h)).toBe(2);
  });

  it('is the same request over the socket and over REST', async () => {
    const { h, token } = await hubWithPrinter();
    const kiosk = await connectClient(h, { token });
    clients.push(kiosk);
    const body = { serviceId: 'letter-follow-up', requestId: 'socket-0001-abcdef' };
    const ack = await kiosk.emit('kiosk:walk-in', body);
    expect(ack.ok).toBe(true);
    const rest = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(rest.body.ticket.id).toBe(ack.data.ticket.id);
    const again = await kiosk.emit('kiosk:walk-in', body);
    expect(again.data.ticket.id).toBe(ack.data.ticket.id);
    expect(ticketsIssued(h)).toBe(1);
    expect(await printed()).toBe(1);
  });

  it('is answered even when the kiosk has used up its rate limit', async () => {
    hub = await startTestHub({ kioskTickets: { burst: 2, perMinute: 2 } });
    const token = deviceToken(hub, 'kiosk');
    const first = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'limit-0001-abcdef' } });
    await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'limit-0002-abcdef' } });
    expect((await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'limit-0003-abcdef' } })).status).toBe(429);
    const again = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'limit-0001-abcdef' } });
    expect(again.status).toBe(201);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
  });

  it('prints again only when the first print failed, and then only once', async () => {
    const { h, token } = await hubWithPrinter('paperOut');
    const body = { serviceId: 'new-application', requestId: 'paper-0001-abcdef' };
    const first = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(first.body.print).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' } });
    expect(await printed()).toBe(0);
    printer!.mode = 'online';
    // The kiosk never saw that reply, so the citizen has no paper: the repeat prints the same ticket.
    const second = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(second.body.ticket.id).toBe(first.body.ticket.id);
    expect(second.body.print).toEqual({ ok: true });
    expect(await printed()).toBe(1);
    const third = await call(h, 'POST', '/api/kiosk/tickets', { token, body });
    expect(third.body.print).toEqual({ ok: true });
    expect(await printed()).toBe(1);
    expect(ticketsIssued(h)).toBe(1);
  });

  it('survives a restart of the hub: the repeat after the restart gets the same ticket, not printed again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dor-idem-'));
    dirs.push(dir);
    const file = join(dir, 'dor.db');
    const body = { serviceId: 'update-details', requestId: 'restart-0001-abcdef' };
    hub = await startTestHub({ file });
    const token = deviceToken(hub, 'kiosk');
    const first = await call(hub, 'POST', '/api/kiosk/tickets', { token, body });
    expect(first.body.print).toEqual({ ok: true });
    await hub.stop();
    hub = null;

    hub = await startTestHub({ file });
    const again = await call(hub, 'POST', '/api/kiosk/tickets', { token, body });
    expect(again.status).toBe(201);
    expect(sameTicket(again.body)).toEqual(sameTicket(first.body));
    expect(again.body.print).toEqual({ ok: true });
    expect(ticketsIssued(hub)).toBe(1);
    // Nothing went to the (virtual) printer of the restarted hub.
    expect(hub.printing.statusFor(repo.loadDemoDevices(hub.db)!.kiosk)).toBeNull();
  });

  it('has the primary key as its last line: a second ticket for one key rolls its whole transaction back', async () => {
    hub = await startTestHub();
    const h = hub;
    const deviceId = repo.loadDemoDevices(h.db)!.kiosk;
    const issue = () =>
      h.hub.execute({ type: 'issue_walkin', serviceId: 'new-application', priority: 'none', cpr: null, statusToken: newToken() }, `device:${deviceId}`, {
        within: (d) =>
          repo.rememberKioskRequest(h.db, {
            deviceId,
            requestId: 'pk-0001-abcdef',
            bodyHash: 'same',
            ticketId: d.ticketId!,
            outcome: null,
            createdAt: h.clock.now(),
          }),
      });
    expect(issue().ok).toBe(true);
    expect(() => issue()).toThrow(/UNIQUE|PRIMARY/);
    expect(ticketsIssued(h)).toBe(1);
    expect(ticketRows(h)).toBe(1);
    expect(Object.keys(h.hub.current.tickets)).toHaveLength(1);
    // The live state was rebuilt from disk: the next ticket takes the next number, not a skipped one.
    const next = await call(h, 'POST', '/api/kiosk/tickets', { token: deviceToken(h, 'kiosk'), body: { serviceId: 'new-application' } });
    expect(next.body.ticket.label).toBe('B-002');
  });

  it('is forgotten after two days, so the table stays small', async () => {
    const { h, token } = await hubWithPrinter();
    await call(h, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'old-0001-abcdef' } });
    expect(count(h, 'select count(*) as n from kiosk_requests')).toBe(1);
    h.clock.advance(repo.REQUEST_KEEP_MS + 60_000);
    await call(h, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: 'new-0001-abcdef' } });
    expect(h.db.sqlite.prepare('select request_id as id from kiosk_requests').all()).toEqual([{ id: 'new-0001-abcdef' }]);
  });
});

describe('requestId validation', () => {
  it('refuses malformed requestIds with 400 and issues nothing; requests without one work as before', async () => {
    hub = await startTestHub();
    const token = deviceToken(hub, 'kiosk');
    for (const requestId of ['short', 'x'.repeat(65), 'has space 12', 'slash/123456', 12345678, null]) {
      const r = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId } });
      expect(r.status, String(requestId)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      const c = await call(hub, 'POST', '/api/kiosk/check-in', { token, body: { cpr: '811111111', requestId } });
      expect(c.status, String(requestId)).toBe(400);
    }
    expect(ticketsIssued(hub)).toBe(0);
    const a = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } });
    const b = await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } });
    expect([a.body.ticket.label, b.body.ticket.label]).toEqual(['B-001', 'B-002']);
    expect((await call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', requestId: crypto.randomUUID() } })).status).toBe(201);
  });
});

describe('the kiosk client (kiosk-ui/requests.ts) against a real hub', () => {
  /**
   * The kiosk's fetch, pointed at the test hub with the kiosk's token; the first `drop` replies are
   * lost after the hub handled the request (the citizen's ticket exists, the kiosk sees a network error).
   */
  function kioskNetwork(h: TestHub, token: string, drop: number) {
    const realFetch = globalThis.fetch;
    const sent: any[] = [];
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      const res = await realFetch(h.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
      if (drop > 0) {
        drop--;
        await res.text();
        throw new TypeError('fetch failed');
      }
      return res;
    });
    return {
      sent,
      dropNext: (n: number) => {
        drop = n;
      },
    };
  }

  it('retries a lost reply with the same requestId: one ticket, shown to the citizen', async () => {
    const { h, token } = await hubWithPrinter();
    const net = kioskNetwork(h, token, 1);
    const receipt = await new TicketRequests().send('kiosk.walkIn', { serviceId: 'new-application', priority: 'none' }, 'walk-in:new-application:none');
    expect(net.sent).toHaveLength(2);
    expect(net.sent[0].requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(net.sent[1].requestId).toBe(net.sent[0].requestId);
    expect(receipt.ticket.label).toBe('B-001');
    expect(ticketsIssued(h)).toBe(1);
    expect(await printed()).toBe(1);
  });

  it('after giving up, a tap on the same choice repeats the request; after a success, the next tap is new', async () => {
    const { h, token } = await hubWithPrinter();
    const net = kioskNetwork(h, token, 3);
    const kiosk = new TicketRequests();
    const walkin = () => kiosk.send('kiosk.walkIn', { serviceId: 'family-members', priority: 'elderly' }, 'walk-in:family-members:elderly');
    await expect(walkin()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    expect(net.sent).toHaveLength(3); // the first try and two retries, all with one requestId
    expect(new Set(net.sent.map((b) => b.requestId)).size).toBe(1);
    expect(ticketsIssued(h)).toBe(1);
    const tapAgain = await walkin();
    expect(net.sent.at(-1).requestId).toBe(net.sent[0].requestId);
    expect(tapAgain.ticket.label).toBe('E-001');
    expect(ticketsIssued(h)).toBe(1);
    expect(await printed()).toBe(1);
    const nextCitizen = await walkin();
    expect(net.sent.at(-1).requestId).not.toBe(net.sent[0].requestId);
    expect(nextCitizen.ticket.label).toBe('E-002');
  });

  it('does not retry a refusal, and a failed request is repeated only for the same choice within a minute', async () => {
    const { h, token } = await hubWithPrinter();
    const net = kioskNetwork(h, token, 0);
    let now = Date.now();
    const kiosk = new TicketRequests(() => now);
    await expect(kiosk.send('kiosk.checkIn', { cpr: '123456789' }, 'check-in:cpr:123456789')).rejects.toMatchObject({
      code: 'NO_APPOINTMENT_TODAY',
      status: 404,
    });
    expect(net.sent).toHaveLength(1);

    const walkin = (serviceId: string) => kiosk.send('kiosk.walkIn', { serviceId, priority: 'none' }, `walk-in:${serviceId}:none`);
    net.dropNext(3);
    await expect(walkin('new-application')).rejects.toMatchObject({ code: 'NETWORK' });
    const failedId = net.sent.at(-1).requestId;
    // Another choice is another request (and the failed one is not repeated later).
    const other = await walkin('letter-follow-up');
    expect(net.sent.at(-1).requestId).not.toBe(failedId);
    expect(other.ticket.label).toBe('F-001');
    // The same choice, but more than a minute after the failure: a new request.
    net.dropNext(3);
    await expect(walkin('new-application')).rejects.toMatchObject({ code: 'NETWORK' });
    const secondFailedId = net.sent.at(-1).requestId;
    now += REUSE_MS + 1000;
    const late = await walkin('new-application');
    expect(net.sent.at(-1).requestId).not.toBe(secondFailedId);
    expect(late.ticket.label).toBe('B-003');
  });
});
