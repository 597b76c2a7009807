// "Call next" and the wait estimate stay flat in the queue size (issue 13): they look at the heads of
// a few lines, not at every waiting ticket. Counted rather than timed, so a busy machine cannot
// flake it: every read of a ticket goes through a proxy.
import { expect, it } from 'vitest';
import type { Priority } from '../../protocol/domain.ts';
import { callSequence, estimateWait, type HallState } from '../../engine/index.ts';
import { at, B, C, D, E, F, Hall, SECOND } from './fixtures.ts';

const PRIORITIES: Priority[] = ['none', 'none', 'elderly', 'none', 'disability', 'pregnancy'];

/** The hall's state with its ticket reads counted (a new state object: its lines are built afresh on first use). */
function counted(state: HallState) {
  const reads = { n: 0 };
  const tickets = new Proxy(state.tickets, {
    get(target, key, receiver) {
      reads.n++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { state: { ...state, tickets }, reads };
}

it('call next, a new ticket, its estimate and the first places of the call order read a few dozen tickets with 10,000 waiting', () => {
  const h = new Hall();
  let now = at('07:00');
  h.open(3, now);
  const services = [B, C, D, E, F];
  for (let i = 0; i < 10_000; i++) h.walkin(services[i % services.length]!, (now += SECOND / 10), PRIORITIES[i % PRIORITIES.length]!);
  expect(Object.keys(h.state.waiting)).toHaveLength(10_000);
  const { state, reads } = counted(h.state);
  h.state = state;
  h.callNext(3, (now += SECOND)); // builds the lines of the new state object: reads every waiting ticket once
  expect(reads.n).toBeGreaterThanOrEqual(10_000);

  const perCommand: number[] = [];
  for (let i = 0; i < 20; i++) {
    reads.n = 0;
    h.run({ type: 'no_show', counter: 3 }, (now += SECOND));
    h.walkin(services[i % services.length]!, (now += SECOND), PRIORITIES[i % PRIORITIES.length]!);
    h.callNext(3, (now += SECOND));
    perCommand.push(reads.n / 3);
  }
  // A few dozen lines, each read at its head or by binary search (log2 10,000 ≈ 14): far below 10,000.
  expect(Math.max(...perCommand)).toBeLessThan(200);
  const last = Object.keys(h.state.waiting).at(-1)!;
  reads.n = 0;
  expect(estimateWait(h.state, h.state.tickets[last]!, now).peopleAhead).toBe(Object.keys(h.state.waiting).length - 1);
  expect(reads.n).toBeLessThan(400);
  // The hub's "your turn is near" check after every command: the first three places of the call order.
  h.open(4, now);
  reads.n = 0;
  expect(callSequence(h.state, now, 3)).toHaveLength(3);
  expect(reads.n).toBeLessThan(400);
});
