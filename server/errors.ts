// The one error type routes and socket handlers throw; rendered as {error:{code,message}}.
import type { ZodError } from 'zod';
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

/** A 400 for an input that does not fit its schema, naming the first problem. */
export function validationError(err: ZodError): HttpError {
  const first = err.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return new HttpError(400, 'VALIDATION_FAILED', `${where}${first?.message ?? 'invalid input'}`, err.issues.map((i) => ({ path: i.path, message: i.message })));
}
