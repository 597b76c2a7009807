// The one error type routes and socket handlers throw; rendered as {error:{code,message}}.
import type { EngineError } from '../engine/index.ts';
import { errorStatus, type ErrorCode } from '../protocol/errors.ts';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
  }
}

/** An engine refusal as an HTTP error, with the status protocol/errors.ts gives its code. */
export function engineError(e: EngineError): HttpError {
  return new HttpError(errorStatus(e.code), e.code, e.message);
}
