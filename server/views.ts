// What the hub sends back: snapshots per audience and the citizen-facing view of a ticket.
import type { Ticket } from '../protocol/domain.ts';
import type { SnapshotMessage } from '../protocol/messages.ts';
import { publicAppointment, publicTicket } from '../protocol/public.ts';
import type { Principal } from './auth.ts';
import { estimateWait, type HallState } from '../engine/index.ts';
import type { Db } from '../db/client.ts';
import * as repo from '../db/repos/index.ts';
import type { Hub } from './hub.ts';

const mapValues = <T, U>(r: Record<string, T>, f: (v: T) => U): Record<string, U> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v)]));

export const audienceOf = (p: Principal) => (p.kind === 'staff' ? 'staff' : 'public');

export function snapshotFor(p: Principal, state: HallState, seq: number): SnapshotMessage {
  if (audienceOf(p) === 'staff') return { audience: 'staff', seq, state };
  return {
    audience: 'public',
    seq,
    state: { ...state, tickets: mapValues(state.tickets, publicTicket), appointments: mapValues(state.appointments, publicAppointment) },
  };
}

/** A ticket as its holder sees it (kiosk reply, mobile status page): no CPR, but the status link. */
export function ticketReceipt(state: HallState, t: Ticket, now: number) {
  const service = state.services[t.serviceId];
  const estimate = t.status === 'waiting' ? estimateWait(state, t, now) : { peopleAhead: 0, estimatedWaitMin: 0 };
  return {
    ticket: publicTicket(t),
    service: service ? { id: service.id, nameAr: service.nameAr, nameEn: service.nameEn } : null,
    statusUrl: `/t/${t.statusToken}`,
    ...estimate,
  };
}

/** The status of one ticket for its holder's phone: today's live ticket, or its stored final state. */
export function citizenReceipt(hub: Hub, db: Db, ticketId: string, now: number) {
  const t = hub.current.tickets[ticketId] ?? repo.getTicket(db, ticketId);
  return t ? ticketReceipt(hub.current, t, now) : null;
}
