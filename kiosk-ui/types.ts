// What the kiosk and the status page receive from the hub (docs/API.md, server/views.ts).
import type { Priority, PublicTicket, Service } from '../protocol/domain.ts';

export type { Priority, Service };

/** One tile of `GET /api/services`. */
export interface ServiceTile {
  service: Service;
  waiting: number;
  peopleAhead: number;
  estimatedWaitMin: number | null;
}

export interface ServicesReply {
  services: ServiceTile[];
  appointmentsWaiting: number;
}

export type PrintResult = { ok: true } | { ok: false; error: { code: string; message: string } };

/** A ticket as its holder sees it: the kiosk's reply and the mobile status page. */
export interface Receipt {
  ticket: PublicTicket;
  service: { id: string; nameAr: string; nameEn: string } | null;
  statusUrl: string;
  peopleAhead: number;
  estimatedWaitMin: number | null;
  /** Only in the kiosk's reply: how printing went (the ticket is valid either way). */
  print?: PrintResult;
}

export type CheckInReply =
  | ({ outcome: 'checked_in' | 'late_converted' } & Receipt)
  | { outcome: 'too_early'; comeBackAt: number }
  | { outcome: 'too_late' };

/** `printer:status`, pushed by the hub to kiosks. */
export interface PrinterStatusMessage {
  ok: boolean;
  status: { online: boolean; paperOut: boolean; paperNearEnd: boolean; coverOpen: boolean; error?: string } | null;
  message?: string;
}

export const PRIORITIES = ['elderly', 'disability', 'pregnancy'] as const satisfies readonly Priority[];
