// Tickets
import { asc, eq } from 'drizzle-orm';
import type { Ticket } from '../../protocol/domain.ts';
import type { Db } from '../client.ts';
import { tickets } from '../schema.ts';
import { toTicket } from './mappers.ts';
import { prepared } from './statements.ts';

export function getTicket(db: Db, id: string): Ticket | null {
  const r = prepared(db).ticket.get({ id });
  return r ? toTicket(r) : null;
}

export function getTicketByStatusToken(db: Db, token: string): Ticket | null {
  const r = prepared(db).ticketByStatusToken.get({ token });
  return r ? toTicket(r) : null;
}

/** The tickets of a day, in order of issue. */
export function listTicketsOfDay(db: Db, day: string): Ticket[] {
  return db.orm.select().from(tickets).where(eq(tickets.day, day)).orderBy(asc(tickets.issuedAt), asc(tickets.prefix), asc(tickets.number)).all().map(toTicket);
}
