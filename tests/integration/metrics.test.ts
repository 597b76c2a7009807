// /metrics on a real hub: the scrape parses line by line; commands are counted by type and result
// in their latency histogram, each call is timed to its broadcast to the displays, and the queues,
// screens, printers, storage and outbox read at scrape time match the hub. Each hub has its own
// registry (several run in this process), and no line carries a citizen's data.
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import * as repo from '../../db/repos/index.ts';
import { waitingByQueue } from '../../engine/index.ts';
import { call, connectClient, DEMO, deviceToken, login, startTestHub, type Client, type TestHub } from '../helpers/hub.ts';
import { closedPort, startFakePrinter, type FakePrinter } from '../helpers/fake-printer.ts';

let hub: TestHub;
const sockets: (Client | Socket)[] = [];
let printer: FakePrinter | null = null;
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await printer?.close();
  printer = null;
  await hub.stop();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, one sample a line; a line that does not parse fails the test. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k!, v!.replace(/\\(.)/g, '$1')]));
    const value = Number(m[3]);
    // prom-client writes NaN as "Nan" (an event-loop mean with no sample yet); Prometheus reads it either way.
    if (Number.isNaN(value) && !/^nan$/i.test(m[3]!)) throw new Error(`not a value: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

async function scrape() {
  const r = await fetch(`${hub.url}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const text = await r.text();
  const samples = parse(text);
  /** The value of the one sample with this name and (at least) these labels. */
  const one = (name: string, labels: Record<string, string> = {}) => {
    const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (found.length !== 1) throw new Error(`${found.length} samples ${name} ${JSON.stringify(labels)}`);
    return found[0]!.value;
  };
  const all = (name: string) => samples.filter((s) => s.name === name);
  return { text, one, all };
}

const walkIn = (token: string, body: Record<string, unknown> = {}) =>
  call(hub, 'POST', '/api/kiosk/tickets', { token, body: { serviceId: 'new-application', ...body } });

async function statusPhone(statusUrl: string): Promise<Socket> {
  const socket = connect(hub.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { statusToken: statusUrl.split('/').at(-1)! } });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('/metrics', () => {
  it('counts commands by type and result, times each call to the displays, reads queues, screens and the outbox from the hub', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const display = await connectClient(hub, { token: deviceToken(hub, 'display') });
    const counterCookie = await login(hub, ...DEMO.counter1);
    const counter = await connectClient(hub, { cookie: counterCookie });
    sockets.push(display, counter);

    const before = await scrape();
    expect(before.one('dor_screens_connected', { kind: 'display' })).toBe(1);
    expect(before.one('dor_screens_connected', { kind: 'counter' })).toBe(1);
    for (const kind of ['kiosk', 'booking', 'supervisor', 'status']) expect(before.one('dor_screens_connected', { kind })).toBe(0);
    expect(before.one('dor_socket_clients')).toBe(2);
    expect(before.all('dor_command_duration_seconds_count')).toEqual([]);
    // The process's own figures, prefixed like the hub's.
    expect(before.one('dor_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(before.all('dor_nodejs_heap_size_used_bytes')).toHaveLength(1);

    const phone = '36001234';
    const first = await walkIn(kiosk, { phone });
    const second = await walkIn(kiosk);
    const third = await walkIn(kiosk, { serviceId: 'application-inquiry' });
    for (const r of [first, second, third]) expect(r.status, JSON.stringify(r.body)).toBe(201);
    await statusPhone(first.body.statusUrl);
    const post = (action: string, body: Record<string, unknown> = {}) => call(hub, 'POST', `/api/counters/3/${action}`, { cookie: counterCookie, body });
    expect((await post('open')).status).toBe(200);
    expect((await post('call-next')).status).toBe(200); // the first walk-in: its "called" SMS is queued
    expect((await post('start')).status).toBe(200);
    expect((await post('finish', { outcome: 'served' })).status).toBe(200);
    expect((await post('finish', { outcome: 'served' })).body.error.code).toBe('NO_CURRENT_TICKET');
    expect((await post('call-next')).status).toBe(200);
    const agent = await login(hub, ...DEMO.agent);
    const booked = await call(hub, 'POST', '/api/appointments', {
      cookie: agent,
      body: { serviceId: 'update-details', day: '2026-11-29', time: '10:00', cpr: '700012345', phone: '36005555', nameAr: 'سارة', nameEn: 'Sara' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    hub.clock.advance(90_000);

    const m = await scrape();
    expect(m.one('dor_command_duration_seconds_count', { command: 'issue_walkin', result: 'ok' })).toBe(3);
    expect(m.one('dor_command_duration_seconds_count', { command: 'open_counter', result: 'ok' })).toBe(1);
    expect(m.one('dor_command_duration_seconds_count', { command: 'call_next', result: 'ok' })).toBe(2);
    expect(m.one('dor_command_duration_seconds_count', { command: 'start', result: 'ok' })).toBe(1);
    expect(m.one('dor_command_duration_seconds_count', { command: 'finish', result: 'ok' })).toBe(1);
    expect(m.one('dor_command_duration_seconds_count', { command: 'finish', result: 'rejected' })).toBe(1);
    expect(m.one('dor_command_duration_seconds_count', { command: 'book_appointment', result: 'ok' })).toBe(1);
    expect(m.all('dor_command_duration_seconds_count').filter((s) => s.labels.result === 'failed')).toEqual([]);
    expect(m.one('dor_command_duration_seconds_bucket', { command: 'issue_walkin', result: 'ok', le: '+Inf' })).toBe(3);
    expect(m.one('dor_command_duration_seconds_sum', { command: 'issue_walkin', result: 'ok' })).toBeGreaterThan(0);
    // The old names go on.
    expect(m.one('dor_commands_total')).toBe(hub.hub.stats.commands);
    expect(m.one('dor_commands_rejected_total')).toBe(1);
    expect(m.one('dor_events_total')).toBe(hub.hub.stats.events);
    expect(m.one('dor_event_seq')).toBe(hub.hub.lastSeq);
    expect(m.one('dor_counters_open')).toBe(1);

    // Each call reached the displays' room once, after its command began.
    expect(m.one('dor_call_broadcast_seconds_count')).toBe(2);
    expect(m.one('dor_call_broadcast_seconds_sum')).toBeGreaterThan(0);
    expect(display.deltas.filter((d) => d.events.some((e) => e.type === 'ticket_called'))).toHaveLength(2);

    // Queues as the hub holds them: one walk-in is being called, the other has waited 90 s; every queue is listed.
    const waiting = waitingByQueue(hub.hub.current);
    const [waitingQueue, ...others] = Object.keys(waiting);
    expect([others, waiting[waitingQueue!]]).toEqual([[], 1]);
    for (const s of m.all('dor_waiting')) expect(s.value, s.labels.queue).toBe(waiting[s.labels.queue!] ?? 0);
    expect(m.all('dor_waiting').map((s) => s.labels.queue)).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E', 'F']));
    for (const s of m.all('dor_longest_wait_seconds')) {
      if (s.labels.queue === waitingQueue) expect(s.value).toBeGreaterThanOrEqual(90);
      else expect(s.value, s.labels.queue).toBe(0);
    }
    expect(m.one('dor_tickets_today')).toBe(3);
    expect(m.one('dor_tickets', { kind: 'walkin', status: 'done' })).toBe(1);
    expect(m.one('dor_tickets', { kind: 'walkin', status: 'called' })).toBe(1);
    expect(m.one('dor_tickets', { kind: 'walkin', status: 'waiting' })).toBe(1);

    expect(m.one('dor_screens_connected', { kind: 'status' })).toBe(1);
    expect(m.one('dor_storage_available')).toBe(1);
    expect(m.one('dor_storage_errors_total', { reason: 'full' })).toBe(0);

    // The outbox: the booking's confirmation and the walk-in's SMS wait for the job, the oldest for 90 s.
    const inOutbox = (status: repo.OutboxStatus) => repo.listMessages(hub.db, { status }).length;
    expect(inOutbox('queued')).toBeGreaterThanOrEqual(2);
    for (const status of ['queued', 'sent', 'failed', 'dropped'] as const) expect(m.one('dor_outbox_messages', { status }), status).toBe(inOutbox(status));
    expect(m.one('dor_outbox_oldest_queued_seconds')).toBeGreaterThanOrEqual(90);
    await hub.outbox.deliverDue();
    const delivered = await scrape();
    expect(inOutbox('sent')).toBeGreaterThanOrEqual(2);
    for (const status of ['queued', 'sent', 'failed', 'dropped'] as const)
      expect(delivered.one('dor_outbox_messages', { status }), status).toBe(inOutbox(status));
    expect(delivered.one('dor_outbox_messages', { status: 'queued' })).toBe(0);
    expect(delivered.one('dor_outbox_oldest_queued_seconds')).toBe(0);

    // Open on the LAN like /healthz, so nothing of a citizen: no number, phone, CPR, name, reference or status token.
    const tickets = Object.values(hub.hub.current.tickets);
    const appointment = booked.body.appointment;
    for (const secret of [phone, '36005555', '700012345', 'Sara', 'سارة', appointment.reference, ...tickets.flatMap((t) => [t.label, t.statusToken])]) {
      expect(m.text).not.toContain(secret);
    }
  });

  it('reports a storage fault by reason and as unavailable, times the failed command, and recovers', async () => {
    hub = await startTestHub();
    const kiosk = deviceToken(hub, 'kiosk');
    const { sqlite } = hub.db;
    const max = sqlite.pragma('max_page_count', { simple: true }) as number;
    // A database as full as its current pages (as on a full disk): the first write needing a page fails with SQLITE_FULL.
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    let issued = 0;
    let r = await walkIn(kiosk);
    for (; r.status === 201 && issued < 100; issued++) r = await walkIn(kiosk);
    expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect((await walkIn(kiosk)).status).toBe(503); // refused before the database: not a second fault

    const down = await scrape();
    expect(down.one('dor_storage_available')).toBe(0);
    expect(down.one('dor_storage_errors_total', { reason: 'full' })).toBe(1);
    expect(down.one('dor_storage_errors_total', { reason: 'locked' })).toBe(0);
    expect(down.one('dor_command_duration_seconds_count', { command: 'issue_walkin', result: 'failed' })).toBe(1);
    // This hub's own registry: the commands of the previous test's hub are not here.
    expect(down.one('dor_command_duration_seconds_count', { command: 'issue_walkin', result: 'ok' })).toBe(issued);

    sqlite.pragma(`max_page_count = ${max}`);
    expect((await walkIn(kiosk)).status).toBe(201);
    const up = await scrape();
    expect(up.one('dor_storage_available')).toBe(1);
    expect(up.one('dor_storage_errors_total', { reason: 'full' })).toBe(1);
  });

  it("reports each kiosk's printer up, or down with its state, from its last poll", async () => {
    hub = await startTestHub();
    printer = await startFakePrinter({ mode: 'online' });
    const devices = repo.loadDemoDevices(hub.db)!;
    repo.setDevicePrinter(hub.db, devices.kiosk, printer.target);
    const second = repo.createDevice(hub.db, 'kiosk', 'Second kiosk', hub.clock.now(), { pairedAt: hub.clock.now() });
    const nowhere = `tcp://127.0.0.1:${await closedPort()}`;
    repo.setDevicePrinter(hub.db, second, nowhere);

    expect((await scrape()).all('dor_printer_up')).toEqual([]); // nothing known before the first poll
    await hub.printing.pollAll();
    const first = await scrape();
    const kioskName = repo.getDevice(hub.db, devices.kiosk)!.name;
    expect(first.one('dor_printer_up', { device: String(devices.kiosk), kiosk: kioskName, printer: printer.target, state: 'ok' })).toBe(1);
    expect(first.one('dor_printer_up', { device: String(second), kiosk: 'Second kiosk', printer: nowhere, state: 'offline' })).toBe(0);

    // The printer is switched off: its kiosk's one series says so, the "ok" one is gone.
    await printer.refuse();
    await hub.printing.pollAll();
    const off = await scrape();
    expect(off.all('dor_printer_up').filter((s) => s.labels.device === String(devices.kiosk))).toEqual([
      { name: 'dor_printer_up', labels: { device: String(devices.kiosk), kiosk: kioskName, printer: printer.target, state: 'offline' }, value: 0 },
    ]);
  });
});
