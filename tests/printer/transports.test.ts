// Printer targets, the virtual printer, and a fake network printer that answers DLE EOT like a real
// one: normal print, paper out, cover open, nothing listening, a silent printer, a slow printer.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeEscPos,
  encodeTicket,
  parsePrinterTarget,
  printTicket,
  queryStatus,
  renderTicket,
  sampleTicket,
  sendToPrinter,
  decodeStatus,
} from '../../printer/index.ts';
import { closedPort, startFakePrinter, type FakePrinter } from '../helpers/fake-printer.ts';
import { readPng } from './raster-helpers.ts';

const raster = renderTicket(sampleTicket(), 58);
const bytes = encodeTicket(raster);

describe('printer targets', () => {
  it('parses virtual, tcp://HOST:PORT (9100 by default), IPv6 and usb', () => {
    expect(parsePrinterTarget('virtual')).toEqual({ kind: 'virtual' });
    expect(parsePrinterTarget('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterTarget('printer-1.hall.local')).toEqual({ kind: 'tcp', host: 'printer-1.hall.local', port: 9100 });
    expect(parsePrinterTarget('tcp://[fe80::1]:9101')).toEqual({ kind: 'tcp', host: 'fe80::1', port: 9101 });
    expect(parsePrinterTarget('usb')).toEqual({ kind: 'usb' });
    expect(parsePrinterTarget('usb:04b8:0e15')).toEqual({ kind: 'usb', vendorId: 0x04b8, productId: 0x0e15 });
  });

  it('rejects anything else with a clear message, and sendToPrinter reports it as BAD_TARGET', async () => {
    for (const bad of ['', 'http://printer:80', 'tcp://', 'tcp://host:99999', 'tcp://host/path', 'usb:xyz']) {
      expect(() => parsePrinterTarget(bad), bad).toThrow(/not a printer target/);
    }
    const r = await sendToPrinter('ftp://x', bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_TARGET' } });
  });

  it('decodes Epson real-time status bytes', () => {
    expect(decodeStatus(0x12, 0x12, 0x12)).toEqual({ online: true, paperOut: false, paperNearEnd: false, coverOpen: false });
    expect(decodeStatus(0x1a, 0x32, 0x72)).toMatchObject({ online: false, paperOut: true });
    expect(decodeStatus(0x1a, 0x16, 0x12)).toMatchObject({ online: false, coverOpen: true, paperOut: false });
    expect(decodeStatus(0x12, 0x12, 0x1e)).toMatchObject({ online: true, paperNearEnd: true, paperOut: false });
  });
});

describe('virtual printer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dor-prints-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('files the exact bytes and a PNG preview of the paper, and reports online', async () => {
    const r = await sendToPrinter('virtual', bytes, { outDir: dir, name: 'B-007' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.status).toEqual({ online: true, paperOut: false, paperNearEnd: false, coverOpen: false });
    expect(r.files).toEqual({ bin: path.join(dir, 'B-007.bin'), png: path.join(dir, 'B-007.png') });
    expect(Buffer.compare(await readFile(r.files!.bin), Buffer.from(bytes))).toBe(0);
    const png = readPng(await readFile(r.files!.png));
    expect([png.width, png.height]).toEqual([raster.width, raster.height]);
  });

  it('previews a text-mode ticket too', async () => {
    const r = await printTicket(sampleTicket(), 'virtual', { width: 80, mode: 'text', outDir: dir, name: 'text' });
    expect(r.ok).toBe(true);
    const png = readPng(await readFile(path.join(dir, 'text.png')));
    expect(png.width).toBe(576);
  });
});

describe('USB', () => {
  it('says clearly that USB is not available when the optional package is absent', async () => {
    const r = await sendToPrinter('usb', bytes);
    expect(r).toMatchObject({ ok: false, target: 'usb', error: { code: 'NOT_AVAILABLE' } });
    if (!r.ok) expect(r.error.message).toMatch(/not available on this machine/);
    expect((await queryStatus('usb')).online).toBe(false);
  });
});

describe('network printer (fake, on 127.0.0.1)', () => {
  let fake: FakePrinter | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it('prints: asks the status first, then the printer receives exactly the bytes sent and confirms them with its status', async () => {
    fake = await startFakePrinter({ mode: 'online' });
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 3_000 });
    expect(r).toMatchObject({ ok: true, target: fake.target, status: { online: true, paperOut: false, coverOpen: false } });
    const job = await fake.nextJob();
    expect(fake.statusQueries).toEqual([1, 2, 4, 1, 2, 4]);
    expect(Buffer.compare(Buffer.from(job), Buffer.from(bytes))).toBe(0);
    const d = decodeEscPos(job);
    expect(Buffer.compare(Buffer.from(d.images[0]!.bits), Buffer.from(raster.bits))).toBe(0);
    expect(d.cut).toBe(true);
  });

  it('printTicket renders, encodes and sends; the result carries the bytes', async () => {
    fake = await startFakePrinter({ mode: 'online' });
    const r = await printTicket(sampleTicket({ ticketLabel: 'A-001', kind: 'appointment' }), fake.target, { width: 80 });
    expect(r.ok).toBe(true);
    const job = await fake.nextJob();
    expect(Buffer.compare(Buffer.from(job), Buffer.from(r.bytes))).toBe(0);
    expect(decodeEscPos(job).images[0]!.width).toBe(576);
  });

  it('prints when the paper is only near its end, and says so', async () => {
    fake = await startFakePrinter({ mode: 'nearEnd' });
    const r = await sendToPrinter(fake.target, bytes);
    expect(r).toMatchObject({ ok: true, status: { online: true, paperNearEnd: true, paperOut: false } });
    await fake.nextJob();
  });

  it('refuses to print on paper out: PAPER_OUT, nothing reaches the printer', async () => {
    fake = await startFakePrinter({ mode: 'paperOut' });
    const r = await sendToPrinter(fake.target, bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' }, status: { paperOut: true } });
    await fake.idle();
    expect(fake.jobs).toEqual([]);
  });

  it('refuses to print with the cover open: COVER_OPEN, nothing printed', async () => {
    fake = await startFakePrinter({ mode: 'coverOpen' });
    const r = await sendToPrinter(fake.target, bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'COVER_OPEN' }, status: { coverOpen: true } });
    await fake.idle();
    expect(fake.jobs).toEqual([]);
  });

  it('nothing listening: OFFLINE after a bounded number of attempts with backoff', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await sendToPrinter(`tcp://127.0.0.1:${port}`, bytes, { retries: 2, connectTimeoutMs: 500 });
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    if (!r.ok) expect(r.error.message).toMatch(/refused.*tried 3 times/);
    expect(elapsed).toBeGreaterThanOrEqual(280); // backoff 100 + 200 ms
    expect(elapsed).toBeLessThan(3_000);
  });

  it('a silent printer (never answers the status): TIMEOUT within the timeout, nothing printed', async () => {
    fake = await startFakePrinter({ mode: 'silent' });
    const started = Date.now();
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 400 });
    const elapsed = Date.now() - started;
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(1_500);
    await fake.idle();
    expect(fake.jobs).toEqual([]);
  });

  it('a printer that hangs in the middle of the ticket: TIMEOUT within the timeout, though the kernel took every byte', async () => {
    fake = await startFakePrinter({ mode: 'hang' });
    const started = Date.now();
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 400 });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(r).not.toHaveProperty('status');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(fake.jobs).toEqual([]);
  });

  it('a printer that drops the connection in the middle of the ticket: OFFLINE, not printed', async () => {
    fake = await startFakePrinter({ mode: 'drop' });
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 2_000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    await fake.idle();
    expect(fake.jobs).toEqual([]);
  });

  it('a printer that runs out of paper during the ticket: PAPER_OUT from its answer after the ticket', async () => {
    fake = await startFakePrinter({ mode: 'runsOut' });
    const r = await sendToPrinter(fake.target, bytes);
    expect(r).toMatchObject({ ok: false, error: { code: 'PAPER_OUT' }, status: { paperOut: true } });
    expect(fake.statusQueries).toEqual([1, 2, 4, 1, 2, 4]);
  });

  it('a printer that never answers status can still be used with checkStatus: false', async () => {
    fake = await startFakePrinter({ mode: 'silent' });
    const r = await sendToPrinter(fake.target, bytes, { checkStatus: false });
    expect(r.ok).toBe(true);
    expect(Buffer.compare(Buffer.from(await fake.nextJob()), Buffer.from(bytes))).toBe(0);
  });

  it('a slow printer (late answers, takes the job in sips) still prints, whole', async () => {
    fake = await startFakePrinter({ mode: 'slow', slowMs: 150 });
    const started = Date.now();
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 5_000 });
    expect(r).toMatchObject({ ok: true, status: { online: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
    expect(Buffer.compare(Buffer.from(await fake.nextJob()), Buffer.from(bytes))).toBe(0);
  });

  it('a printer slower than the timeout: TIMEOUT, not a hang', async () => {
    fake = await startFakePrinter({ mode: 'slow', slowMs: 400 });
    const r = await sendToPrinter(fake.target, bytes, { writeTimeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('queryStatus reads the status without printing, and never throws', async () => {
    fake = await startFakePrinter({ mode: 'coverOpen' });
    expect(await queryStatus(fake.target, 1_000)).toEqual({ online: false, paperOut: false, paperNearEnd: false, coverOpen: true });
    fake.mode = 'online';
    expect(await queryStatus(fake.target, 1_000)).toEqual({ online: true, paperOut: false, paperNearEnd: false, coverOpen: false });
    await fake.idle();
    expect(fake.jobs).toEqual([]);
    const down = await queryStatus(`tcp://127.0.0.1:${await closedPort()}`, 500);
    expect(down.online).toBe(false);
    expect(down.error).toMatch(/refused/);
    expect(await queryStatus('virtual')).toMatchObject({ online: true });
  });
});
