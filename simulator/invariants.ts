// The engine's invariants, read back from a database's stored events and tickets: the simulator
// checks every run with them (and its tests do), so a simulated history is one the hall could have.
import type { Db } from '../db/client.ts';

/** What breaks the invariants (empty: none): duplicate ticket numbers, tickets finished twice, tickets left open by a rollover. */
export function invariantViolations(db: Db): string[] {
  const rows = <T>(sql: string, ...params: string[]) => db.sqlite.prepare(sql).all(...params) as T[];
  const out: string[] = [];
  for (const r of rows<{ day: string; prefix: string; number: number; n: number }>(
    `SELECT day, payload ->> '$.ticket.prefix' AS prefix, payload ->> '$.ticket.number' AS number, count(*) AS n
       FROM events WHERE type = 'ticket_issued' GROUP BY 1, 2, 3 HAVING n > 1`,
  )) {
    out.push(`${r.day}: number ${r.prefix}-${r.number} issued ${r.n} times`);
  }
  for (const r of rows<{ ticket: string; n: number }>(
    `SELECT payload ->> '$.ticketId' AS ticket, count(*) AS n FROM events WHERE type = 'ticket_finished' GROUP BY 1 HAVING n > 1`,
  )) {
    out.push(`ticket ${r.ticket} finished ${r.n} times`);
  }
  // A day some later day_opened followed: none of its tickets may still be open, in the events or the tickets table.
  const lastOpened = rows<{ day: string | null }>(`SELECT max(day) AS day FROM events WHERE type = 'day_opened'`)[0]?.day ?? '';
  for (const r of rows<{ id: string; status: string }>(
    `SELECT id, status FROM tickets WHERE status IN ('waiting', 'called', 'serving') AND day < ?`,
    lastOpened,
  )) {
    out.push(`ticket ${r.id} is still ${r.status} after its day was rolled over`);
  }
  const closing = new Set(['ticket_finished', 'ticket_cancelled', 'ticket_no_show']);
  const open = new Map<string, string>();
  for (const e of rows<{ day: string; type: string; ticket: string | null; requeued: number | null }>(
    `SELECT day, type, coalesce(payload ->> '$.ticket.id', payload ->> '$.ticketId') AS ticket, payload ->> '$.requeued' AS requeued
       FROM events WHERE type IN ('ticket_issued', 'ticket_finished', 'ticket_cancelled', 'ticket_no_show') ORDER BY seq`,
  )) {
    if (e.type === 'ticket_issued') open.set(e.ticket!, e.day);
    else if (closing.has(e.type) && !(e.type === 'ticket_no_show' && e.requeued)) open.delete(e.ticket!);
  }
  for (const [ticket, day] of open) if (day < lastOpened) out.push(`ticket ${ticket} of ${day} was never closed in the events`);
  return out;
}
