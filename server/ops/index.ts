// Every operation the hub offers, in the order docs/API.md lists them.
import { bookingOps } from './booking.ts';
import { citizenOps } from './citizens.ts';
import { deviceOps } from './devices.ts';
import { hallOps } from './hall.ts';
import type { Operation } from './op.ts';
import { sessionOps } from './session.ts';
import { supervisionOps } from './supervise.ts';

export const operations: Operation[] = [...sessionOps, ...hallOps, ...deviceOps, ...bookingOps, ...citizenOps, ...supervisionOps];
export type { Operation, OpContext } from './op.ts';
