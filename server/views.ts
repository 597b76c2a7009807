// What the hub sends back: snapshots per audience and the citizen-facing view of a ticket.
import type { Ticket } from '../protocol/domain.ts';
import type { SnapshotMessage } from '../protocol/messages.ts';
import { publicAppointment, publicTicket } from '../protocol/public.ts';
import type { Principal } from './auth.ts';
import { callPosition, callSequence, estimateWait, type HallState } from '../engine/index.ts';
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

const sequences = new WeakMap<Hub, { seq: number; now: number; sequence: string[] }>();
/** The live state's call sequence, computed once per commit and instant (every followed phone asks after the same commit). */
function callSequenceOf(hub: Hub, now: number): string[] {
  const cached = sequences.get(hub);
  if (cached && cached.seq === hub.lastSeq && cached.now === now) return cached.sequence;
  const sequence = callSequence(hub.current, now);
  sequences.set(hub, { seq: hub.lastSeq, now, sequence });
  return sequence;
}

/** A ticket as its holder sees it (kiosk reply, mobile status page): no CPR, but the status link. */
export function ticketReceipt(hub: Hub, t: Ticket, now: number) {
  const state = hub.current;
  const service = state.services[t.serviceId];
  const waiting = t.status === 'waiting';
  const estimate = waiting ? estimateWait(state, t, now) : { peopleAhead: 0, estimatedWaitMin: 0 };
  return {
    ticket: publicTicket(t),
    service: service ? { id: service.id, nameAr: service.nameAr, nameEn: service.nameEn } : null,
    statusUrl: `/t/${t.statusToken}`,
    ...estimate,
    position: waiting ? callPosition(t, callSequenceOf(hub, now), estimate) : null,
    nearTurnPosition: state.settings.nearTurnPosition,
  };
}

/**
 * The status of one ticket for its holder's phone: today's live ticket, or its stored final state,
 * and whether its feedback question is open (served, not yet answered) or answered.
 */
export function citizenReceipt(hub: Hub, db: Db, ticketId: string, now: number) {
  const t = hub.current.tickets[ticketId] ?? repo.getTicket(db, ticketId);
  if (!t) return null;
  const feedback = t.status !== 'done' ? null : repo.hasFeedback(db, t.id) ? 'given' : 'open';
  return { ...ticketReceipt(hub, t, now), feedback } as const;
}
