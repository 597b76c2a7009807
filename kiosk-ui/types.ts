// What the kiosk and the status page receive from the hub: the reply types are inferred from the
// contract table (protocol/operations.ts, protocol/replies.ts), never written by hand.
import type { Priority, Service } from '../protocol/domain.ts';
import type { KioskPrinterStatus } from '../protocol/messages.ts';
import type { ReplyOf } from '../ui-kit/client.ts';

export type { Priority, Service };

/** One tile of `GET /api/services`. */
export type ServiceTile = ReplyOf<'services.list'>['services'][number];

type StatusReply = NonNullable<ReplyOf<'tickets.status'>>;
/** A ticket as its holder sees it: the mobile status page (with `feedback`), and the kiosk's reply (with `print`, how printing went). */
export type Receipt = Omit<StatusReply, 'feedback'> & { feedback?: StatusReply['feedback']; print?: ReplyOf<'kiosk.walkIn'>['print'] };

/** `printer:status`, pushed by the hub to kiosks. */
export type PrinterStatusMessage = KioskPrinterStatus;

export const PRIORITIES = ['elderly', 'disability', 'pregnancy'] as const satisfies readonly Priority[];
