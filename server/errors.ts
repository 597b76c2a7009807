// The one error type routes and socket handlers throw; rendered as {error:{code,message}}.
import type { ZodError } from 'zod';
import type { EngineError } from '../engine/index.ts';
import { errorStatus, type ErrorCode } from '../protocol/errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** An engine refusal as an HTTP error, with the status protocol/errors.ts gives its code. */
export function engineError(e: EngineError): HttpError {
  return new HttpError(errorStatus(e.code), e.code, e.message, e.details);
}

/** A 400 for an input that does not fit its schema, naming the first problem. */
export function validationError(err: ZodError): HttpError {
  const first = err.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return new HttpError(
    400,
    'VALIDATION_FAILED',
    `${where}${first?.message ?? 'invalid input'}`,
    err.issues.map((i) => ({ path: i.path, message: i.message })),
  );
}
