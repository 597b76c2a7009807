// The engine's state and commands. Events live in protocol/events.ts (they are also the wire format).
import type { Appointment, CounterMode, CounterSetup, Priority, Service, Settings } from '../protocol/domain.ts';
import type { HallEvent } from '../protocol/events.ts';
import type { ErrorCode } from '../protocol/errors.ts';
import type { HallState, PublicHallState } from '../protocol/state.ts';

export type { HallState, PublicHallState };

export type Command =
  | { type: 'issue_walkin'; serviceId: string; priority: Priority; statusToken: string; cpr: string | null }
  | { type: 'check_in'; by: { cpr: string } | { reference: string }; statusToken: string }
  | { type: 'open_counter'; counter: number; userId: number }
  | { type: 'close_counter'; counter: number }
  | { type: 'set_counter_mode'; counter: number; mode: CounterMode }
  | { type: 'call_next'; counter: number }
  | { type: 'call_ticket'; counter: number; ticketId: string }
  | { type: 'recall'; counter: number }
  | { type: 'no_show'; counter: number }
  | { type: 'start'; counter: number }
  | { type: 'finish'; counter: number; outcome: string; note: string | null }
  | { type: 'transfer'; counter: number; toServiceId: string | null; toCounter: number | null }
  | { type: 'pause'; counter: number; reason: string }
  | { type: 'resume'; counter: number }
  | { type: 'book_appointment'; appointment: Appointment }
  | { type: 'cancel_appointment'; appointmentId: string }
  /** `appointment` carries the new day and slot; the hub checks it is booked and the new slot has room. */
  | { type: 'reschedule_appointment'; appointment: Appointment; from: Pick<Appointment, 'day' | 'slotStart' | 'slotEnd'> }
  | { type: 'sweep_no_shows' }
  | { type: 'rollover'; day: string; appointments: Appointment[] }
  | { type: 'change_settings'; settings: Settings }
  // The hall's set-up: `create` says whether the service or counter must be new or must exist.
  | { type: 'save_service'; service: Service; create: boolean }
  | { type: 'save_counter'; counter: CounterSetup; create: boolean }
  | SupervisionCommand;

/** The supervisor's live-hall actions. */
export type SupervisionCommand =
  /** Closes a counter even while it holds a ticket: the ticket (and any handed to it) goes back to its queue. */
  | { type: 'force_close_counter'; counter: number; reason: string }
  /** Closes it if open, as above, and keeps it closed for the rest of the day. */
  | { type: 'set_out_of_service'; counter: number; reason: string }
  | { type: 'restore_counter'; counter: number }
  | { type: 'set_counter_services'; counter: number; serviceIds: string[] }
  | { type: 'move_ticket'; ticketId: string; toServiceId: string | null; toCounter: number | null }
  | { type: 'cancel_ticket'; ticketId: string; reason: string }
  | { type: 'set_ticker'; ar: string; en: string; expiresAt: number }
  | { type: 'remove_ticker'; id: string }
  | { type: 'end_day' };

export type CommandType = Command['type'];

export type CheckInResult =
  | { outcome: 'checked_in'; ticketId: string }
  | { outcome: 'late_converted'; ticketId: string }
  | { outcome: 'too_early'; comeBackAt: number }
  | { outcome: 'too_late' };

export interface EngineError {
  code: ErrorCode;
  message: string;
  /** What a screen needs to word the refusal (protocol/api.ts: the details schemas). */
  details?: unknown;
}

export type Decision = { ok: true; events: HallEvent[]; ticketId?: string; checkIn?: CheckInResult } | { ok: false; error: EngineError };
