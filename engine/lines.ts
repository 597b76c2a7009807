// Waiting tickets in lines: tickets that every counter ranks alike — handed to the same counter, or
// of the same service and kind (and priority, for walk-ins) — stand in one line in rank order. So
// "call next" compares the heads of a few lines and a wait estimate counts by binary search, instead
// of scanning every waiting ticket: their cost stays flat however long the queue grows.
// The lines are derived from `tickets` and `waiting`, so they live beside the state (a WeakMap: the
// state stays plain JSON), built on first use and kept in step by applyEvent through `lineUp`.
import type { PublicTicket } from '../protocol/domain.ts';
import type { PublicHallState } from './types.ts';

type State = PublicHallState;

export interface Lines {
  /** Line key → its waiting ticket ids, first in line first. */
  byKey: Map<string, string[]>;
  /**
   * Ticket id → its line and when it joined `waiting` (its place in that record's key order): the
   * last tie-break, so equal ranks go in the order a scan of `waiting` meets them.
   */
  places: Map<string, { line: string; seq: number }>;
  nextSeq: number;
}

const built = new WeakMap<State, Lines>();

function lineOf(t: PublicTicket): string {
  if (t.targetCounter !== null) return `counter ${t.targetCounter} ${t.serviceId}`;
  if (t.kind === 'appointment') return `appointment ${t.serviceId} ${t.slotStart === null ? 'unslotted' : 'slotted'}`;
  return `walkin ${t.serviceId} ${t.priority}`;
}

/**
 * Line order, which every rank in select.ts keeps within a line: the slot of a booked ticket, then
 * issue time (a walk-in's wait × its line's one weight falls as issue time grows), number, arrival.
 */
function inFront(state: State, lines: Lines, a: string, b: string): boolean {
  const ta = state.tickets[a]!;
  const tb = state.tickets[b]!;
  const slot = (t: PublicTicket) => (t.targetCounter === null && t.kind === 'appointment' ? (t.slotStart ?? t.issuedAt) : t.issuedAt);
  const ka = [slot(ta), ta.issuedAt, ta.number, lines.places.get(a)!.seq];
  const kb = [slot(tb), tb.issuedAt, tb.number, lines.places.get(b)!.seq];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
  return false;
}

/** Puts a ticket (already in `places`) into its line, behind everyone who stands in front of it. */
function insert(state: State, lines: Lines, id: string) {
  const key = lines.places.get(id)!.line;
  const ids = lines.byKey.get(key);
  if (!ids) {
    lines.byKey.set(key, [id]);
    return;
  }
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inFront(state, lines, id, ids[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  ids.splice(lo, 0, id);
}

/** The state's lines, built from `waiting` the first time they are asked for. */
export function linesOf(state: State): Lines {
  let lines = built.get(state);
  if (lines) return lines;
  lines = { byKey: new Map(), places: new Map(), nextSeq: 0 };
  for (const id in state.waiting) {
    const line = lineOf(state.tickets[id]!);
    lines.places.set(id, { line, seq: lines.nextSeq++ });
    const ids = lines.byKey.get(line);
    if (ids) ids.push(id);
    else lines.byKey.set(line, [id]);
  }
  for (const ids of lines.byKey.values()) ids.sort((a, b) => (inFront(state, lines, a, b) ? -1 : inFront(state, lines, b, a) ? 1 : 0));
  built.set(state, lines);
  return lines;
}

/** After a ticket joined or left `waiting`, or changed line while waiting: moves it in the lines, if they were built. */
export function lineUp(state: State, t: PublicTicket) {
  const lines = built.get(state);
  if (!lines) return;
  const was = lines.places.get(t.id);
  if (was) {
    const ids = lines.byKey.get(was.line)!;
    ids.splice(ids.indexOf(t.id), 1);
    if (ids.length === 0) lines.byKey.delete(was.line);
    lines.places.delete(t.id);
  }
  if (!state.waiting[t.id]) return;
  // Still waiting, it keeps its key in `waiting`, so its arrival too.
  lines.places.set(t.id, { line: lineOf(t), seq: was?.seq ?? lines.nextSeq++ });
  insert(state, lines, t.id);
}
