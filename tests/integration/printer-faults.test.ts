// Printer faults on the fake network printer: it refuses the connection, hangs in the middle of the
// ticket, drops the connection in the middle of the ticket, reports paper out before the ticket, or
// runs out of paper during it. Each time the kiosk's
// reply says the ticket is valid but not printed, the printer status reaches the kiosk and the
// supervisors, the ticket stays in its queue and can be called, and once the fault clears the
// kiosk's retry prints that same ticket. A hung printer holds only its own kiosk's reply: the hub
// answers everyone else meanwhile (measured).
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { decodeEscPos, rasterToPng } from '../../printer/index.ts';
import { sha256, newToken } from '../../server/auth.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, until, type Client, type TestHub } from '../helpers/hub.ts';
import { startFakePrinter, type FakeMode, type FakePrinter } from '../helpers/fake-printer.ts';
import { readPng, readQr } from '../printer/raster-helpers.ts';

let hub: TestHub;
let printer: FakePrinter;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await printer.close();
  await hub.stop();
});

type Fault = 'refuse' | Extract<FakeMode, 'hang' | 'drop' | 'paperOut' | 'runsOut'>;

/** A hub whose demo kiosk prints on a fake printer, with the kiosk's and a supervisor's live printer events. */
async function setUp() {
  hub = await startTestHub();
  printer = await startFakePrinter({ mode: 'online' });
  const kioskId = repo.loadDemoDevices(hub.db)!.kiosk;
  repo.setDevicePrinter(hub.db, kioskId, printer.target);
  const token = deviceToken(hub, 'kiosk');
  const kiosk = await connectClient(hub, { token });
  const supervisor = await connectClient(hub, { cookie: await login(hub, ...DEMO.supervisor) });
  clients.push(kiosk, supervisor);
  const events = { kiosk: [] as any[], supervisor: [] as any[] };
  kiosk.socket.on('printer:status', (m) => events.kiosk.push(m));
  supervisor.socket.on('printer:status', (m) => events.supervisor.push(m));
  return { token, events };
}

function startFault(fault: Fault) {
  if (fault === 'refuse') return printer.refuse();
  printer.mode = fault;
}

function clearFault(fault: Fault) {
  printer.mode = 'online';
  if (fault === 'refuse') return printer.listen();
}

const EXPECTED: Record<Fault, string> = { refuse: 'OFFLINE', hang: 'TIMEOUT', drop: 'OFFLINE', paperOut: 'PAPER_OUT', runsOut: 'PAPER_OUT' };

/** A second paired kiosk without a printer of its own. */
function otherKiosk(): string {
  const id = repo.createDevice(hub.db, 'kiosk', 'Second kiosk', hub.clock.now(), { pairedAt: hub.clock.now() });
  const token = newToken();
  repo.addDeviceToken(hub.db, id, sha256(token), hub.clock.now());
  return token;
}

const qrOf = (job: Uint8Array) => {
  const image = decodeEscPos(job).images[0]!;
  return readQr(readPng(rasterToPng(image)), 25)?.text ?? null;
};

describe('printer faults at the kiosk', () => {
  it.each(['refuse', 'hang', 'drop', 'paperOut', 'runsOut'] as const)(
    '%s: the kiosk is told, the ticket stays valid, and the retry prints it once the fault clears',
    async (fault) => {
      const { token, events } = await setUp();
      await startFault(fault);
      const body = { serviceId: 'family-members', requestId: `fault-${fault}-0001` };
      const started = Date.now();
      const first = await call(hub, 'POST', '/api/kiosk/tickets', { token, body });
      // Bounded: connection attempts and the printer's answers have their timeouts (server/printing.ts).
      expect(Date.now() - started).toBeLessThan(6_500);
      expect(first.status).toBe(201);
      expect(first.body.print).toMatchObject({ ok: false, error: { code: EXPECTED[fault] } });
      expect(printer.jobs).toHaveLength(0);
      await until(() => events.kiosk.length === 1 && events.supervisor.length === 1, 5000, 'printer status events');
      expect(events.kiosk[0]).toMatchObject({ ok: false, message: expect.any(String) });
      expect(events.supervisor[0]).toMatchObject({ deviceName: 'Demo kiosk', ok: false, error: { code: EXPECTED[fault] } });

      // The ticket is in its queue and a counter calls it.
      const ticket = first.body.ticket;
      expect(hub.hub.current.waiting[ticket.id]).toBeDefined();
      const counter = await login(hub, ...DEMO.counter1);
      expect((await call(hub, 'POST', '/api/counters/3/open', { cookie: counter })).status).toBe(200);

      // The fault clears; the kiosk's retry of the same request prints the same ticket, once.
      await clearFault(fault);
      const retry = await call(hub, 'POST', '/api/kiosk/tickets', { token, body });
      expect(retry.body.ticket.id).toBe(ticket.id);
      expect(retry.body.print).toEqual({ ok: true });
      expect(qrOf(await printer.nextJob())).toBe(`${hub.url}${first.body.statusUrl}`);
      await until(() => events.kiosk.length === 2 && events.supervisor.length === 2, 5000, 'printer back');
      expect(events.kiosk[1]).toMatchObject({ ok: true });
      expect(events.supervisor[1]).toMatchObject({ ok: true, error: null });
      const again = await call(hub, 'POST', '/api/kiosk/tickets', { token, body });
      expect(again.body.print).toEqual({ ok: true });
      // A citizen who lost the paper gets it reprinted from the status link.
      const reprint = await call(hub, 'POST', '/api/kiosk/reprint', { token, body: { statusToken: first.body.statusUrl.slice(3) } });
      expect(reprint.body).toMatchObject({ ticket: { id: ticket.id, label: ticket.label }, print: { ok: true } });
      await printer.nextJob();
      expect(printer.jobs).toHaveLength(2);

      const called = await call(hub, 'POST', '/api/counters/3/call-next', { cookie: counter });
      expect(called.body.ticket.id).toBe(ticket.id);
    },
  );

  it('a hung printer holds only its own kiosk: other kiosks and counters are answered at once meanwhile', async () => {
    const { token } = await setUp();
    const second = otherKiosk();
    const counter = await login(hub, ...DEMO.counter1);
    expect((await call(hub, 'POST', '/api/counters/4/open', { cookie: counter })).status).toBe(200);
    printer.mode = 'hang';
    let settled = false;
    const hung = call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application' } }).finally(() => (settled = true));
    // The printer answered the status and has started taking the ticket when it hangs.
    await until(() => printer.statusQueries.length >= 3, 5000, 'the print to start');

    const latencies: number[] = [];
    const timed = async <T>(request: () => Promise<T>) => {
      const t0 = performance.now();
      const r = await request();
      latencies.push(performance.now() - t0);
      return r;
    };
    for (let i = 0; i < 5; i++) {
      const walkIn = await timed(() => call(hub, 'POST', '/api/kiosk/tickets', { token: second, body: { serviceId: 'update-details' } }));
      expect(walkIn.status).toBe(201);
      expect(walkIn.body.print).toMatchObject({ ok: false, error: { code: 'NO_PRINTER' } });
      const next = await timed(() => call(hub, 'POST', '/api/counters/4/call-next', { cookie: counter }));
      expect(next.status).toBe(200);
      expect((await timed(() => call(hub, 'POST', '/api/counters/4/no-show', { cookie: counter }))).status).toBe(200);
      expect((await timed(() => call(hub, 'GET', '/api/snapshot', { cookie: counter }))).status).toBe(200);
    }
    expect(settled).toBe(false); // every request above was answered while the print hung
    expect(Math.max(...latencies)).toBeLessThan(500);

    const r = await hung;
    expect(r.status).toBe(201);
    expect(r.body.print).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    // Issued first, the ticket was the first one counter 4 called, while its paper was still hanging.
    expect(hub.hub.current.tickets[r.body.ticket.id]?.calledAt).not.toBeNull();
  });
});
