// The feed every screen follows: a full snapshot on (re)connect, then deltas. Written with
// zod/mini, like the domain schemas they are made of (./domain.ts): the display and the kiosk parse
// every message with them, and zod/mini keeps what those screens load small. The hub uses the
// same schemas (./messages.ts).
import * as z from 'zod/mini';
import { HallEvent, PublicHallEvent } from './events.ts';
import { HallState, PublicHallState } from './state.ts';

/** Sent on connect and on `snapshot:get`: everything up to and including `seq`, for the socket's audience. */
export const StaffSnapshot = z.object({ audience: z.literal('staff'), seq: z.int().check(z.minimum(0)), state: HallState });
export const PublicSnapshot = z.object({ audience: z.literal('public'), seq: z.int().check(z.minimum(0)), state: PublicHallState });

const seqRange = { fromSeq: z.int().check(z.minimum(1)), toSeq: z.int().check(z.minimum(1)) };
/**
 * One committed command: events `fromSeq..toSeq`. A client whose last seq is not `fromSeq − 1`
 * missed something and asks for a snapshot again. Staff rooms get the events as stored, public
 * rooms (display, kiosk) without citizen data.
 */
export const StaffDelta = z.object({ ...seqRange, events: z.array(HallEvent) });
export const PublicDelta = z.object({ ...seqRange, events: z.array(PublicHallEvent) });
