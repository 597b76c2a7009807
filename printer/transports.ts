// Where the bytes go: a network printer (raw TCP, port 9100 by convention), a USB printer when the
// optional `usb` package is present, or the virtual printer that files the bytes and a PNG preview.
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { decodeEscPos, rasterToPng } from './decode.ts';
import { previewPng } from './preview.ts';

export type PrinterTarget = { kind: 'virtual' } | { kind: 'tcp'; host: string; port: number } | { kind: 'usb'; vendorId?: number; productId?: number };

export interface PrinterStatus {
  online: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Why the status is not a clean "online" (unreadable, printer error, …). */
  error?: string;
}

export type PrintErrorCode = 'OFFLINE' | 'TIMEOUT' | 'PAPER_OUT' | 'COVER_OPEN' | 'NOT_AVAILABLE' | 'BAD_TARGET';

export type PrintResult =
  | { ok: true; target: string; status: PrinterStatus; files?: { bin: string; png: string } }
  | { ok: false; target: string; error: { code: PrintErrorCode; message: string }; status?: PrinterStatus };

export interface SendOptions {
  /** Per connection attempt. Default 2,000 ms. */
  connectTimeoutMs?: number;
  /** For everything after the connection: the status answers, the whole job and its confirmation. Default 5,000 ms. */
  writeTimeoutMs?: number;
  /** Extra connection attempts after a refused/unreachable/timed-out connect. Default 2. */
  retries?: number;
  /** Virtual printer folder. Default `data/prints`. */
  outDir?: string;
  /** Virtual printer file name, without extension. Default a timestamp. */
  name?: string;
  /**
   * Ask the printer for its status (DLE EOT) before printing and refuse on paper out / cover open /
   * offline. Default true. False is for printers that never answer status queries.
   */
  checkStatus?: boolean;
}

export class PrinterTargetError extends Error {}

/** `virtual` | `tcp://HOST:PORT` (also `HOST:PORT`, port 9100 if left out) | `usb` | `usb:VID:PID` (hex). */
export function parsePrinterTarget(s: string): PrinterTarget {
  const v = s.trim();
  if (v === 'virtual') return { kind: 'virtual' };
  const usb = /^usb(?::([0-9a-f]{4}):([0-9a-f]{4}))?$/i.exec(v);
  if (usb) return usb[1] && usb[2] ? { kind: 'usb', vendorId: parseInt(usb[1], 16), productId: parseInt(usb[2], 16) } : { kind: 'usb' };
  const withScheme = /^[a-z]+:\/\//i.test(v) ? v : `tcp://${v}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PrinterTargetError(`not a printer target: "${s}" (expected virtual, tcp://HOST:PORT or usb)`);
  }
  if (url.protocol !== 'tcp:' || !url.hostname || (url.pathname && url.pathname !== '/') || url.search || url.username) {
    throw new PrinterTargetError(`not a printer target: "${s}" (expected virtual, tcp://HOST:PORT or usb)`);
  }
  const port = url.port ? Number(url.port) : 9100;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { kind: 'tcp', host, port };
}

export function formatTarget(t: PrinterTarget): string {
  if (t.kind === 'virtual') return 'virtual';
  if (t.kind === 'usb') return t.vendorId !== undefined ? `usb:${hex4(t.vendorId)}:${hex4(t.productId ?? 0)}` : 'usb';
  return `tcp://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

// ---------------------------------------------------------------------------------------------
// Real-time status (Epson ESC/POS DLE EOT n). Each answer is one byte with bit 1 and bit 4 set and
// bits 0 and 7 clear (0x12 under mask 0x93) — that is how an answer is told apart from noise.
//   n = 1 printer status:  bit 3 offline
//   n = 2 offline cause:   bit 2 cover open, bit 3 paper being fed by the button, bit 5 stopped at
//                          paper end, bit 6 error
//   n = 4 roll paper:      bits 2–3 near end, bits 5–6 paper end

export const DLE_EOT = (n: 1 | 2 | 4) => Uint8Array.of(0x10, 0x04, n);
const isStatusByte = (b: number) => (b & 0x93) === 0x12;

export function decodeStatus(printer: number, offline: number, paper: number): PrinterStatus {
  const status: PrinterStatus = {
    online: (printer & 0x08) === 0,
    coverOpen: (offline & 0x04) !== 0,
    paperOut: (paper & 0x60) !== 0 || (offline & 0x20) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
  };
  if (offline & 0x40) status.error = 'the printer reports an error (e.g. cutter jam or head overheated)';
  return status;
}

const UNKNOWN: PrinterStatus = { online: false, paperOut: false, paperNearEnd: false, coverOpen: false };

class TransportError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EPIPE', 'EAI_AGAIN']);

function connect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransportError('OFFLINE', `no connection to ${host}:${port} within ${timeoutMs} ms`, true));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => {
        /* reported by whoever is reading or writing; never an uncaught event */
      });
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      const code = err.code ?? 'ERROR';
      const why =
        code === 'ECONNREFUSED'
          ? 'connection refused (nothing listening — printer off or wrong port?)'
          : code === 'ENOTFOUND'
            ? 'unknown host name'
            : `${code} ${err.message}`;
      reject(new TransportError('OFFLINE', `cannot reach ${host}:${port}: ${why}`, RETRYABLE.has(code)));
    });
  });
}

/** Reads status bytes from a connected socket; one pending request at a time. */
class StatusReader {
  private buf: number[] = [];
  private wake: (() => void) | null = null;
  private closed: Error | null = null;
  constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      for (const b of d) this.buf.push(b);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed ??= new TransportError('OFFLINE', 'the printer closed the connection');
      this.wake?.();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.closed = new TransportError('OFFLINE', `connection error: ${e.code ?? e.message}`);
      this.wake?.();
    });
  }

  async ask(n: 1 | 2 | 4, deadline: number): Promise<number> {
    this.socket.write(DLE_EOT(n));
    for (;;) {
      while (this.buf.length) {
        const b = this.buf.shift()!;
        if (isStatusByte(b)) return b;
      }
      if (this.closed) throw this.closed;
      const left = deadline - Date.now();
      if (left <= 0) throw new TransportError('TIMEOUT', `the printer did not answer the status query (DLE EOT ${n}) in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  async status(deadline: number): Promise<PrinterStatus> {
    const printer = await this.ask(1, deadline);
    const offline = await this.ask(2, deadline);
    const paper = await this.ask(4, deadline);
    return decodeStatus(printer, offline, paper);
  }
}

function writeAll(socket: net.Socket, bytes: Uint8Array, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        socket.destroy();
        reject(new TransportError('TIMEOUT', `the printer did not take the ticket in time (${bytes.length} bytes)`));
      },
      Math.max(0, deadline - Date.now()),
    );
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new TransportError('OFFLINE', `connection lost while printing: ${e.code ?? e.message}`));
    });
    // The callback runs once every byte has been handed to the kernel (not yet to the printer).
    socket.write(bytes, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects with bounded retries and a small growing backoff; only connection failures are retried. */
async function connectWithRetry(host: string, port: number, opts: SendOptions): Promise<net.Socket> {
  const attempts = 1 + Math.max(0, opts.retries ?? 2);
  let last: unknown;
  for (let k = 0; k < attempts; k++) {
    if (k > 0) await sleep(100 * k);
    try {
      return await connect(host, port, opts.connectTimeoutMs ?? 2_000);
    } catch (err) {
      last = err;
      if (!(err instanceof TransportError && err.retryable)) break;
    }
  }
  if (last instanceof TransportError) throw new TransportError(last.code, attempts > 1 ? `${last.message} (tried ${attempts} times)` : last.message);
  throw last;
}

/**
 * The failed result for a status that cannot print, or null. Paper and cover first: a printer out of
 * paper also sets ESC/POS's offline bit, yet it answered and only needs a roll.
 */
export function statusProblem(target: string, status: PrinterStatus): PrintResult | null {
  if (status.paperOut) return { ok: false, target, status, error: { code: 'PAPER_OUT', message: 'the printer is out of paper: load a new roll' } };
  if (status.coverOpen) return { ok: false, target, status, error: { code: 'COVER_OPEN', message: 'the printer cover is open: close it' } };
  if (!status.online)
    return { ok: false, target, status, error: { code: 'OFFLINE', message: `the printer reports it is offline${status.error ? `: ${status.error}` : ''}` } };
  return null;
}

async function sendTcp(t: Extract<PrinterTarget, { kind: 'tcp' }>, bytes: Uint8Array, opts: SendOptions): Promise<PrintResult> {
  const target = formatTarget(t);
  let socket: net.Socket | null = null;
  let status: PrinterStatus | undefined;
  try {
    socket = await connectWithRetry(t.host, t.port, opts);
    const writeTimeout = opts.writeTimeoutMs ?? 5_000;
    const deadline = Date.now() + writeTimeout;
    const reader = opts.checkStatus === false ? null : new StatusReader(socket);
    if (reader) {
      status = await reader.status(deadline);
      const refused = statusProblem(target, status);
      if (refused) return refused;
    }
    await writeAll(socket, bytes, deadline);
    if (reader) {
      // The kernel's buffers swallow a whole ticket even when the printer reads nothing (hung) or has
      // dropped the line: only an answer to a status query sent after the job proves the printer
      // received all of it, and says whether the paper ran out on the way.
      status = undefined; // a failure from here on must not report the status read before the job
      status = await reader.status(deadline);
      const failed = statusProblem(target, status);
      if (failed) return failed;
    }
    // Let the connection close gracefully: destroying it now could reset it (RST) while the last
    // bytes are still in the kernel's send buffer. Keep reading whatever the printer says meanwhile.
    const done = socket;
    socket = null;
    done.end();
    done.resume();
    done.unref();
    const timer = setTimeout(() => done.destroy(), writeTimeout);
    timer.unref();
    done.once('close', () => clearTimeout(timer));
    return { ok: true, target, status: status ?? { ...UNKNOWN, online: true, error: 'status not checked' } };
  } catch (err) {
    if (err instanceof TransportError) return { ok: false, target, error: { code: err.code, message: err.message }, ...(status ? { status } : {}) };
    throw err;
  } finally {
    socket?.destroy();
  }
}

async function sendVirtual(bytes: Uint8Array, opts: SendOptions): Promise<PrintResult> {
  const dir = opts.outDir ?? path.join('data', 'prints');
  const name = (opts.name ?? new Date().toISOString().replace(/[:.]/g, '-')).replace(/[^\w.-]/g, '_');
  await mkdir(dir, { recursive: true });
  const bin = path.join(dir, `${name}.bin`);
  const png = path.join(dir, `${name}.png`);
  const decoded = decodeEscPos(bytes);
  const onlyRaster = decoded.images.length === 1 && decoded.text.length === 0 && decoded.qr.length === 0;
  await writeFile(bin, bytes);
  await writeFile(png, onlyRaster ? rasterToPng(decoded.images[0]!) : previewPng(decoded));
  return { ok: true, target: 'virtual', status: { online: true, paperOut: false, paperNearEnd: false, coverOpen: false }, files: { bin, png } };
}

// ---------------------------------------------------------------------------------------------
// USB: only when the optional `usb` package (libusb bindings) is installed; it is not a dependency,
// so installs never break on machines without libusb. Looks for a printer-class interface (class 7)
// and writes to its bulk OUT endpoint. Status over USB is not read (it needs the device's IN pipe).

interface UsbModule {
  getDeviceList(): UsbDevice[];
}
interface UsbDevice {
  deviceDescriptor: { idVendor: number; idProduct: number };
  open(): void;
  close(): void;
  interfaces?: UsbInterface[];
}
interface UsbInterface {
  descriptor: { bInterfaceClass: number };
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  claim(): void;
  release(cb: (err?: unknown) => void): void;
  endpoints: { direction: 'in' | 'out'; transferType: number; timeout?: number; transfer(data: Buffer, cb: (err?: unknown) => void): void }[];
}

async function loadUsb(): Promise<UsbModule | null> {
  const name = 'usb'; // a variable, so neither TypeScript nor bundlers insist on the package
  try {
    const mod = (await import(name)) as { usb?: UsbModule; default?: { usb?: UsbModule } };
    return mod.usb ?? mod.default?.usb ?? null;
  } catch {
    return null;
  }
}

async function sendUsb(t: Extract<PrinterTarget, { kind: 'usb' }>, bytes: Uint8Array, opts: SendOptions): Promise<PrintResult> {
  const target = formatTarget(t);
  const usb = await loadUsb();
  if (!usb)
    return {
      ok: false,
      target,
      error: {
        code: 'NOT_AVAILABLE',
        message:
          'USB printing is not available on this machine (the optional "usb" package is not installed); ' +
          'use a network printer (tcp://HOST:9100) or the virtual printer',
      },
    };
  const device = usb.getDeviceList().find(
    (d) =>
      (t.vendorId === undefined || (d.deviceDescriptor.idVendor === t.vendorId && d.deviceDescriptor.idProduct === t.productId)) &&
      (() => {
        try {
          d.open();
          return (d.interfaces ?? []).some((i) => i.descriptor.bInterfaceClass === 7);
        } catch {
          return false;
        } finally {
          try {
            d.close();
          } catch {
            /* not open */
          }
        }
      })(),
  );
  if (!device) return { ok: false, target, error: { code: 'OFFLINE', message: 'no USB printer found (is it plugged in and switched on?)' } };
  device.open();
  try {
    const iface = (device.interfaces ?? []).find((i) => i.descriptor.bInterfaceClass === 7)!;
    if (iface.isKernelDriverActive()) iface.detachKernelDriver();
    iface.claim();
    const out = iface.endpoints.find((e) => e.direction === 'out' && e.transferType === 2);
    if (!out) return { ok: false, target, error: { code: 'NOT_AVAILABLE', message: 'the USB printer has no bulk OUT endpoint' } };
    out.timeout = opts.writeTimeoutMs ?? 5_000;
    await new Promise<void>((resolve, reject) => out.transfer(Buffer.from(bytes), (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => iface.release(() => resolve()));
    return { ok: true, target, status: { ...UNKNOWN, online: true, error: 'status not read over USB' } };
  } catch (err) {
    return { ok: false, target, error: { code: 'OFFLINE', message: `USB write failed: ${err instanceof Error ? err.message : String(err)}` } };
  } finally {
    try {
      device.close();
    } catch {
      /* already closed */
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Sends a print job. Never throws for printer trouble: the result says what happened. */
export async function sendToPrinter(target: PrinterTarget | string, bytes: Uint8Array, opts: SendOptions = {}): Promise<PrintResult> {
  let t: PrinterTarget;
  try {
    t = typeof target === 'string' ? parsePrinterTarget(target) : target;
  } catch (err) {
    return { ok: false, target: String(target), error: { code: 'BAD_TARGET', message: (err as Error).message } };
  }
  if (t.kind === 'virtual') return sendVirtual(bytes, opts);
  if (t.kind === 'usb') return sendUsb(t, bytes, opts);
  return sendTcp(t, bytes, opts);
}

/** Real-time status of a printer. Never throws: an unreachable printer is `online: false` with an `error`. */
export async function queryStatus(target: PrinterTarget | string, timeoutMs = 2_000): Promise<PrinterStatus> {
  let t: PrinterTarget;
  try {
    t = typeof target === 'string' ? parsePrinterTarget(target) : target;
  } catch (err) {
    return { ...UNKNOWN, error: (err as Error).message };
  }
  if (t.kind === 'virtual') return { online: true, paperOut: false, paperNearEnd: false, coverOpen: false };
  if (t.kind === 'usb') {
    return (await loadUsb())
      ? { ...UNKNOWN, error: 'status is not read over USB' }
      : { ...UNKNOWN, error: 'USB printing is not available on this machine (the optional "usb" package is not installed)' };
  }
  let socket: net.Socket | null = null;
  try {
    socket = await connect(t.host, t.port, timeoutMs);
    return await new StatusReader(socket).status(Date.now() + timeoutMs);
  } catch (err) {
    return { ...UNKNOWN, error: err instanceof Error ? err.message : String(err) };
  } finally {
    socket?.destroy();
  }
}
