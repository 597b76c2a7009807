// Which kiosks and displays are connected now: the supervisor's device panel and the device list.
// A device is online while it holds a socket (screens keep one open for their live feed); the socket
// counts live in memory, when it was last seen offline comes from the database (recorded on its
// requests and connections, so it survives a restart).
import type { DevicesStatus } from '../protocol/messages.ts';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Clock } from './clock.ts';
import type { Printing } from './printing.ts';

export class DevicePresence {
  /** When the hub started watching. */
  readonly since: number;
  private sockets = new Map<number, number>();
  private listeners: (() => void)[] = [];

  constructor(private clock: Clock) {
    this.since = clock.now();
  }

  /** Called when a device comes online or goes offline, or a printer's state changes. */
  onChange(listener: () => void) {
    this.listeners.push(listener);
  }

  connected(deviceId: number) {
    const n = (this.sockets.get(deviceId) ?? 0) + 1;
    this.sockets.set(deviceId, n);
    if (n === 1) this.changed();
  }

  disconnected(deviceId: number) {
    const n = Math.max(0, (this.sockets.get(deviceId) ?? 0) - 1);
    this.sockets.set(deviceId, n);
    if (n === 0) this.changed();
  }

  /** Whether a socket of the device is connected now. */
  online(deviceId: number): boolean {
    return (this.sockets.get(deviceId) ?? 0) > 0;
  }

  changed() {
    for (const l of this.listeners) l();
  }

  /** Every paired, unrevoked device with its presence and (kiosks) its printer's last known state. */
  status(db: Db, printing: Printing): DevicesStatus {
    const now = this.clock.now();
    const devices = repo
      .listDevices(db)
      .filter((d) => d.pairedAt !== null && !d.revoked)
      .map((d) => {
        const connections = this.sockets.get(d.id) ?? 0;
        const checked = printing.lastStatus(d.id);
        const printer = d.printer
          ? {
              target: d.printer,
              // A check of a printer the kiosk is no longer bound to says nothing about this one.
              ...(checked && checked.target === d.printer
                ? { ok: checked.ok, status: checked.status, error: checked.error, checkedAt: checked.at }
                : { ok: null, status: null, error: null, checkedAt: null }),
            }
          : null;
        return {
          id: d.id,
          kind: d.kind,
          name: d.name,
          online: connections > 0,
          connections,
          lastSeenAt: connections > 0 ? now : d.lastSeenAt,
          printer,
        };
      });
    return { since: this.since, devices };
  }
}
