// Kiosk printers seen from the hub: print a ticket on the kiosk's bound printer, keep each
// printer's last status, poll network printers, and tell the kiosk and the supervisors when
// something changes (paper out, cover open, offline, back online).
import type { Logger } from 'pino';
import type { Ticket } from '../protocol/domain.ts';
import type { KioskPrinterStatus, PrinterStatusEvent } from '../protocol/messages.ts';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { PrintResult, TicketPrint } from '../printer/index.ts';
import { sampleTicket } from '../printer/ticket.ts';
import type { Clock } from './clock.ts';
import type { Hub } from './hub.ts';

export type PrintOutcome = { ok: true } | { ok: false; error: { code: string; message: string } };

export interface PrintingDeps {
  db: Db;
  hub: Hub;
  clock: Clock;
  log: Logger;
  /** Where the virtual printer writes its .bin and .png files. */
  outDir: string;
  toKiosk(deviceId: number, msg: KioskPrinterStatus): void;
  toSupervisors(msg: PrinterStatusEvent): void;
}

// A kiosk's reply waits for its print, so a dead or hung printer must not hold it long: at worst two
// connection attempts (1.5 s each, 0.1 s apart), then 3 s for the status, the ticket and its
// confirmation — about 6 s, well inside the kiosk's 15 s. Nothing else waits for a printer.
const TIMEOUTS = { connectTimeoutMs: 1500, writeTimeoutMs: 3000, retries: 1 };

const MESSAGES: Record<string, string> = {
  PAPER_OUT: 'The ticket printer is out of paper.',
  COVER_OPEN: 'The ticket printer cover is open.',
  OFFLINE: 'The ticket printer is not reachable.',
  TIMEOUT: 'The ticket printer does not answer.',
  NO_PRINTER: 'This kiosk has no printer bound to it.',
};

/** The printer stack (Skia, its fonts, the QR and PNG encoders: ~0.2 s and ~40 MB to load), loaded once the hub serves. */
let printerStack: Promise<typeof import('../printer/index.ts')> | null = null;
const printer = () => (printerStack ??= import('../printer/index.ts'));

export class Printing {
  private last = new Map<number, PrinterStatusEvent>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private deps: PrintingDeps) {}

  /** Loads the printer stack and renders a throw-away ticket, so the first citizen's ticket pays for neither. */
  async warmUp(): Promise<void> {
    (await printer()).warmUpRenderer();
  }

  /** The ticket as printed: hall name, number, service, people ahead, wait, QR of the status page. */
  ticketPrint(t: Ticket, origin: string, estimate: { peopleAhead: number; estimatedWaitMin: number | null }): TicketPrint {
    const s = this.deps.hub.current;
    const service = s.services[t.serviceId];
    return {
      hallName: s.settings.hallName,
      ticketLabel: t.label,
      kind: t.kind,
      priority: t.priority,
      slotStart: t.slotStart,
      serviceNameAr: service?.nameAr ?? t.serviceId,
      serviceNameEn: service?.nameEn ?? t.serviceId,
      issuedAt: t.issuedAt,
      timeZone: s.settings.timeZone,
      peopleAhead: estimate.peopleAhead,
      estimatedWaitMin: estimate.estimatedWaitMin,
      statusUrl: `${origin}/t/${t.statusToken}`,
      footer: s.settings.ticketFooter,
    };
  }

  /** Prints on the kiosk's bound printer. The ticket exists whatever happens here. */
  async forKiosk(deviceId: number, print: TicketPrint): Promise<PrintOutcome> {
    const device = repo.getDevice(this.deps.db, deviceId);
    if (!device?.printer) {
      const error = { code: 'NO_PRINTER', message: MESSAGES.NO_PRINTER! };
      return { ok: false, error };
    }
    const result = await this.send(device.printer, print, `${print.ticketLabel}-${deviceId}`);
    this.record(deviceId, device.name, device.printer, result);
    return result.ok ? { ok: true } : { ok: false, error: { code: result.error.code, message: MESSAGES[result.error.code] ?? result.error.message } };
  }

  /** The installer's test print, on a given printer or on a kiosk's bound one. */
  async testPrint(target: string, width?: 58 | 80): Promise<PrintResult> {
    const print = sampleTicket();
    const { bytes: _bytes, ...result } = await (await printer()).printTicket(print, target, {
      ...TIMEOUTS,
      width: width ?? this.deps.hub.current.settings.printerWidth,
      outDir: this.deps.outDir,
      name: `test-${this.deps.clock.now()}`,
    });
    return result;
  }

  /** The last known status of a kiosk's printer, for a kiosk that (re)connects. */
  statusFor(deviceId: number): KioskPrinterStatus | null {
    const e = this.last.get(deviceId);
    return e ? toKiosk(e) : null;
  }

  /** The last print or poll of a kiosk's printer, for the supervisor's device panel. */
  lastStatus(deviceId: number): PrinterStatusEvent | null {
    return this.last.get(deviceId) ?? null;
  }

  /** Polls the network printers bound to kiosks, so a problem shows before a citizen's ticket fails. */
  startMonitor(intervalMs: number) {
    this.timer = setInterval(() => void this.pollAll(), intervalMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  async pollAll() {
    const kiosks = repo.listDevices(this.deps.db).filter((d) => d.kind === 'kiosk' && !d.revoked && d.printer?.startsWith('tcp://'));
    await Promise.all(
      kiosks.map(async (d) => {
        const stack = await printer();
        const status = await stack.queryStatus(d.printer!, TIMEOUTS.connectTimeoutMs);
        const problem = stack.statusProblem(d.printer!, status);
        const result: PrintResult =
          problem && !problem.ok
            ? { ...problem, error: { code: problem.error.code, message: MESSAGES[problem.error.code] ?? problem.error.message } }
            : { ok: true, target: d.printer!, status };
        this.record(d.id, d.name, d.printer!, result);
      }),
    );
  }

  private async send(target: string, print: TicketPrint, name: string): Promise<PrintResult> {
    try {
      const { bytes: _bytes, ...result } = await (await printer()).printTicket(print, target, {
        ...TIMEOUTS,
        width: this.deps.hub.current.settings.printerWidth,
        outDir: this.deps.outDir,
        name,
      });
      return result;
    } catch (err) {
      this.deps.log.error({ err, target }, 'printing failed');
      return { ok: false, target, error: { code: 'OFFLINE', message: String((err as Error).message) } };
    }
  }

  /** Remembers the status and tells kiosk and supervisors when it changed. */
  private record(deviceId: number, deviceName: string, target: string, r: PrintResult) {
    const event: PrinterStatusEvent = {
      deviceId,
      deviceName,
      target,
      ok: r.ok,
      status: r.status ?? null,
      error: r.ok ? null : { code: r.error.code, message: MESSAGES[r.error.code] ?? r.error.message },
      at: this.deps.clock.now(),
    };
    const before = this.last.get(deviceId);
    this.last.set(deviceId, event);
    const changed = !before || before.ok !== event.ok || JSON.stringify(before.status) !== JSON.stringify(event.status);
    if (!changed) return;
    this.deps.log.info({ deviceId, target, ok: event.ok, error: event.error?.code }, 'printer status');
    this.deps.toKiosk(deviceId, toKiosk(event));
    this.deps.toSupervisors(event);
  }
}

function toKiosk(e: PrinterStatusEvent): KioskPrinterStatus {
  return { ok: e.ok, status: e.status, ...(e.error ? { message: e.error.message } : {}) };
}
