// The one error type routes and socket handlers throw; rendered as {error:{code,message}}.
import type { EngineError } from '../engine/index.ts';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

/** HTTP status of an engine refusal: unknown things are 404, everything else is a state conflict. */
const NOT_FOUND = new Set(['UNKNOWN_SERVICE', 'UNKNOWN_COUNTER', 'NO_APPOINTMENT_TODAY', 'APPOINTMENT_NOT_FOUND', 'TICKET_NOT_FOUND']);
const BAD_REQUEST = new Set(['TRANSFER_TARGET_MISSING', 'TRANSFER_TO_SELF', 'SLOT_DAY_MISMATCH', 'NOT_ON_GRID']);

export function engineError(e: EngineError): HttpError {
  const status = NOT_FOUND.has(e.code) ? 404 : BAD_REQUEST.has(e.code) ? 400 : 409;
  return new HttpError(status, e.code, e.message);
}
