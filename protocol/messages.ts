// Messages the hub pushes to connected screens: a full snapshot on (re)connect, then deltas.
import { z } from 'zod';
import { HallEvent, PublicHallEvent } from './events.ts';
import { HallState, PublicHallState } from './state.ts';

export const Audience = z.enum(['public', 'staff']);
export type Audience = z.infer<typeof Audience>;

/** Sent on connect and on `snapshot:get`: everything up to and including `seq`, for the socket's audience. */
export const StaffSnapshot = z.object({ audience: z.literal('staff'), seq: z.number().int().min(0), state: HallState });
export const PublicSnapshot = z.object({ audience: z.literal('public'), seq: z.number().int().min(0), state: PublicHallState });
export const SnapshotMessage = z.discriminatedUnion('audience', [StaffSnapshot, PublicSnapshot]);
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;

const seqRange = { fromSeq: z.number().int().min(1), toSeq: z.number().int().min(1) };
/**
 * One committed command: events `fromSeq..toSeq`. A client whose last seq is not `fromSeq − 1`
 * missed something and asks for a snapshot again. Staff rooms get the events as stored, public
 * rooms (display, kiosk) without citizen data.
 */
export const StaffDelta = z.object({ ...seqRange, events: z.array(HallEvent) });
export const PublicDelta = z.object({ ...seqRange, events: z.array(PublicHallEvent) });
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
