// Every operation the hub offers, in the order docs/API.md lists them.
import { adminOps } from './admin.ts';
import { appointmentPageOps } from './appointment-page.ts';
import { bookingOps } from './booking.ts';
import { citizenOps } from './citizens.ts';
import { deviceOps } from './devices.ts';
import { hallOps } from './hall.ts';
import type { Operation } from './op.ts';
import { sessionOps } from './session.ts';
import { setupOps } from './setup.ts';
import { supervisionOps } from './supervise.ts';
import { reportOps } from './reports.ts';
import { rolloutOps } from './rollout.ts';
import { userOps } from './users.ts';
import { feedbackOps } from './feedback.ts';

export const operations: Operation[] = [
  ...sessionOps,
  ...userOps,
  ...setupOps,
  ...hallOps,
  ...deviceOps,
  ...bookingOps,
  ...citizenOps,
  ...adminOps,
  ...supervisionOps,
  ...rolloutOps,
  ...reportOps,
  ...feedbackOps,
  ...appointmentPageOps,
];
export type { Operation, OpContext } from './op.ts';
