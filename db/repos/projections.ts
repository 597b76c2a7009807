// Projections (current state, kept in step with the events in the same transaction)
import type { Appointment, AppointmentStatus, Counter, Ticket } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { toAppointment, toCounter, toTicket } from './mappers.ts';
import { prepared } from './statements.ts';

// The mappers copy exactly the row's columns, nothing else: they are the statements' placeholder values.

export function upsertTicket(db: Db, t: Ticket): void {
  prepared(db).upsertTicket.run(toTicket(t));
}

export function upsertCounter(db: Db, c: Counter): void {
  prepared(db).upsertCounter.run(toCounter(c));
}

/** Inserts or updates every column; an update keeps the stored createdAt / createdBy. */
export function upsertAppointment(db: Db, a: Appointment & { createdAt?: number; createdBy?: string }): void {
  prepared(db).upsertAppointment.run({ ...toAppointment(a), createdAt: a.createdAt ?? Date.now(), createdBy: a.createdBy ?? 'system' });
}

export function setAppointmentStatus(db: Db, id: string, status: AppointmentStatus): void {
  prepared(db).setAppointmentStatus.run({ id, status });
}
