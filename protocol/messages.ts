// Messages the hub pushes to connected screens: a full snapshot on (re)connect, then deltas.
import { z } from 'zod';
import { Appointment, Counter, Day, PublicAppointment, PublicTicket, Service, Settings, Ticket } from './domain.ts';
import { HallEvent, PublicHallEvent } from './events.ts';

export const Audience = z.enum(['public', 'staff']);
export type Audience = z.infer<typeof Audience>;

const stateShape = {
  day: Day,
  settings: Settings,
  services: z.record(z.string(), Service),
  counters: z.record(z.string(), Counter),
  waiting: z.record(z.string(), z.literal(true)),
  lastNumber: z.record(z.string(), z.number().int()),
  recentDurations: z.record(z.string(), z.array(z.number().int())),
};
export const StaffState = z.object({ ...stateShape, tickets: z.record(z.string(), Ticket), appointments: z.record(z.string(), Appointment) });
export const PublicState = z.object({ ...stateShape, tickets: z.record(z.string(), PublicTicket), appointments: z.record(z.string(), PublicAppointment) });

/** Sent on connect and on `snapshot:get`: everything up to and including `seq`. */
export const SnapshotMessage = z.discriminatedUnion('audience', [
  z.object({ audience: z.literal('staff'), seq: z.number().int().min(0), state: StaffState }),
  z.object({ audience: z.literal('public'), seq: z.number().int().min(0), state: PublicState }),
]);
export type SnapshotMessage = z.infer<typeof SnapshotMessage>;

/**
 * One committed command: events `fromSeq..toSeq`. A client whose last seq is not `fromSeq − 1`
 * missed something and asks for a snapshot again.
 */
export const DeltaMessage = z.object({
  fromSeq: z.number().int().min(1),
  toSeq: z.number().int().min(1),
  events: z.array(z.union([HallEvent, PublicHallEvent])),
});
export type DeltaMessage = z.infer<typeof DeltaMessage>;

export const PrinterState = z.object({ online: z.boolean(), paperOut: z.boolean(), paperNearEnd: z.boolean(), coverOpen: z.boolean(), error: z.string().optional() });
export type PrinterState = z.infer<typeof PrinterState>;

/** To a kiosk: how its own printer is doing (a banner when not ok). */
export const KioskPrinterStatus = z.object({ ok: z.boolean(), status: PrinterState.nullable(), message: z.string().optional() });
export type KioskPrinterStatus = z.infer<typeof KioskPrinterStatus>;

/** To supervisors: a kiosk printer changed state (paper out, cover open, offline, back online). */
export const PrinterStatusEvent = z.object({
  deviceId: z.number().int(), deviceName: z.string(), target: z.string(), ok: z.boolean(),
  status: PrinterState.nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable(), at: z.number().int(),
});
export type PrinterStatusEvent = z.infer<typeof PrinterStatusEvent>;
