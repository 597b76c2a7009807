// A ticket as it is issued: waiting, never called. The engine issues them; estimates probe with one.
import type { Ticket } from '../protocol/domain.ts';

export type TicketIdentity = Pick<
  Ticket,
  'id' | 'day' | 'prefix' | 'number' | 'label' | 'kind' | 'serviceId' | 'priority' | 'issuedAt' | 'appointmentId' | 'slotStart' | 'statusToken' | 'cpr'
>;

export function freshTicket(t: TicketIdentity): Ticket {
  return {
    ...t,
    status: 'waiting',
    counter: null,
    targetCounter: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recalls: 0,
    transfers: 0,
    requeued: false,
    outcome: null,
    note: null,
  };
}
