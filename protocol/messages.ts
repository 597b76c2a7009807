// Messages the hub pushes to connected screens: a full snapshot on (re)connect, then deltas (their
// schemas: ./feed.ts), and the printers', devices' and storage's status.
import { z } from 'zod';
import { DeviceKind } from './domain.ts';
import { PublicDelta, PublicSnapshot, StaffDelta, StaffSnapshot } from './feed.ts';

export const Audience = z.enum(['public', 'staff']);
export type Audience = z.infer<typeof Audience>;

export const SnapshotMessage = z.discriminatedUnion('audience', [StaffSnapshot, PublicSnapshot]);
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;

export const DeltaMessage = z.union([StaffDelta, PublicDelta]);
export type DeltaMessage = z.infer<typeof DeltaMessage>;

export const PrinterState = z.object({
  online: z.boolean(),
  paperOut: z.boolean(),
  paperNearEnd: z.boolean(),
  coverOpen: z.boolean(),
  error: z.string().optional(),
});
export type PrinterState = z.infer<typeof PrinterState>;

/** To a kiosk: how its own printer is doing (a banner when not ok). */
export const KioskPrinterStatus = z.object({ ok: z.boolean(), status: PrinterState.nullable(), message: z.string().optional() });
export type KioskPrinterStatus = z.infer<typeof KioskPrinterStatus>;

/** To supervisors: a kiosk printer changed state (paper out, cover open, offline, back online). */
export const PrinterStatusEvent = z.object({
  deviceId: z.number().int(),
  deviceName: z.string(),
  target: z.string(),
  ok: z.boolean(),
  status: PrinterState.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  at: z.number().int(),
});
export type PrinterStatusEvent = z.infer<typeof PrinterStatusEvent>;

/** A kiosk's ticket printer as the hub last saw it; `ok` and `checkedAt` are null until it was first printed on or polled. */
export const DevicePrinter = z.object({
  target: z.string(),
  ok: z.boolean().nullable(),
  status: PrinterState.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  checkedAt: z.number().int().nullable(),
});
export type DevicePrinter = z.infer<typeof DevicePrinter>;

/** One paired kiosk or display: online while it holds a socket to the hub. */
export const DeviceStatus = z.object({
  id: z.number().int(),
  kind: DeviceKind,
  name: z.string(),
  online: z.boolean(),
  /** Sockets open now (a kiosk may have a second tab). */
  connections: z.number().int().min(0),
  /** Now while online; else when its last socket closed; null if not seen since `since`. */
  lastSeenAt: z.number().int().nullable(),
  /** Kiosks with a bound printer. */
  printer: DevicePrinter.nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/**
 * To supervisors (the `devices:status` push when a device comes or goes or a printer changes, and
 * the reply of `hall.devices`): every paired device. `since`: when the hub started watching — a
 * device not seen since then has been offline at least that long.
 */
export const DevicesStatus = z.object({ since: z.number().int(), devices: z.array(DeviceStatus) });
export type DevicesStatus = z.infer<typeof DevicesStatus>;

/**
 * To supervisors (the `storage:status` push on connect and on every change) and on /healthz:
 * whether the database takes writes. While it does not, commands are refused with 503
 * STORAGE_UNAVAILABLE; `since` is when the fault was first seen, `code` SQLite's result code.
 */
export const StorageStatus = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true) }),
  z.object({
    available: z.literal(false),
    reason: z.enum(['full', 'read_only', 'locked', 'io']),
    code: z.string(),
    since: z.number().int(),
  }),
]);
export type StorageStatus = z.infer<typeof StorageStatus>;
