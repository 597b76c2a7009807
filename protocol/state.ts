// The hall's live state of one service day: what the engine folds events into, the hub keeps in
// memory and a snapshot carries. One schema for both audiences; the public one holds tickets and
// appointments without citizen data (display board, kiosk).
import * as z from 'zod/mini';
import { Appointment, Counter, Day, OutOfService, PublicAppointment, PublicTicket, Service, Settings, Ticket, TickerMessage } from './domain.ts';

function hallStateSchema<T extends z.ZodMiniType, A extends z.ZodMiniType>(ticket: T, appointment: A) {
  return z.object({
    day: Day,
    settings: Settings,
    services: z.record(z.string(), Service),
    /** By counter number (as a string key: the state is plain JSON). */
    counters: z.record(z.string(), Counter),
    /** Today's tickets by id. */
    tickets: z.record(z.string(), ticket),
    /** Ids of today's waiting tickets: "call next" looks only here, never at the day's history. */
    waiting: z.record(z.string(), z.literal(true)),
    /** Today's appointments by id. */
    appointments: z.record(z.string(), appointment),
    /** Last number issued today per queue prefix. */
    lastNumber: z.record(z.string(), z.int()),
    /** Recent service durations (ms) per service, newest last, for estimated waits. */
    recentDurations: z.record(z.string(), z.array(z.int())),
    // --- the supervisor's live hall (defaults: a state from before these existed)
    /** Counters out of service today, by number. */
    outOfService: z._default(z.record(z.string(), OutOfService), {}),
    /** The supervisor's ticker messages by id (expired ones stay until removed or the next day). */
    ticker: z._default(z.record(z.string(), TickerMessage), {}),
    /** When the supervisor ended the day early, or null. */
    endedAt: z._default(z.nullable(z.int()), null),
    /** When each of today's tickets was first called (by id): the wait figures' end point, kept through requeues and transfers. */
    firstCalledAt: z._default(z.record(z.string(), z.int()), {}),
    /** When each counter last changed (opened, called, finished, …), by number: how long an idle counter has been idle. */
    counterChangedAt: z._default(z.record(z.string(), z.int()), {}),
  });
}

/** Everything the engine knows about the current day (staff audience). */
export const HallState = hallStateSchema(Ticket, Appointment);
export type HallState = z.infer<typeof HallState>;
/** The same state as public screens hold it. The engine's read-only rules accept either. */
export const PublicHallState = hallStateSchema(PublicTicket, PublicAppointment);
export type PublicHallState = z.infer<typeof PublicHallState>;
