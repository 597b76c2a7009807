// The REST side: every operation with an `http` entry becomes a route under /api.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { Db } from '../db/client.ts';
import { BACKGROUND_HEADER } from '../protocol/api.ts';
import { authorize, bearerOf, clientAddress, resolvePrincipal } from './auth.ts';
import type { Clock } from './clock.ts';
import { HttpError, validationError } from './errors.ts';
import type { Hub } from './hub.ts';
import type { DevicePresence } from './presence.ts';
import type { Printing } from './printing.ts';
import type { RateLimiter } from './rate-limit.ts';
import { checkReply, isCommand, opContext, type Connections } from './ops/op.ts';
import { type Storage, storageUnavailable } from './storage.ts';
import { operations, type Operation } from './ops/index.ts';

export interface HttpDeps {
  db: Db;
  hub: Hub;
  clock: Clock;
  log: Logger;
  secureCookies: boolean;
  printing: Printing;
  presence: DevicePresence;
  limiter: RateLimiter;
  publicUrl: string | null;
  connections: Connections;
  /** Parse every reply with its operation's output schema; a drifting reply is a logged 500 (tests). */
  validateReplies?: boolean;
}

export { validationError };

function handler(o: Operation, deps: HttpDeps) {
  return async (req: Request, res: Response) => {
    const principal = resolvePrincipal(
      deps.db,
      deps.clock.now(),
      deps.hub.current.settings.sessionIdleMinutes,
      req.headers.cookie,
      bearerOf(req.headers.authorization),
      req.get(BACKGROUND_HEADER) !== '1',
    );
    authorize(principal, o.access);
    if (isCommand(o)) deps.hub.storage.assertWritable();
    const body: unknown = o.http!.method === 'get' ? req.query : (req.body ?? {});
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'VALIDATION_FAILED', 'The body must be a JSON object.');
    const clash = Object.keys(req.params).find((k) => k in body);
    if (clash) throw new HttpError(400, 'VALIDATION_FAILED', `${clash}: comes from the URL path, not the body.`);
    const cookies = {
      set: (name: string, value: string, maxAge: number) =>
        res.cookie(name, value, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/', maxAge }),
      clear: (name: string) => res.clearCookie(name, { path: '/' }),
    };
    const origin = deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const result = await o.invoke(opContext(deps, { principal, origin, clientAddress: clientAddress(req.ip), cookies, rooms: null }), {
      ...body,
      ...req.params,
    });
    if (deps.validateReplies) checkReply(o, result, deps.log);
    if (o.http!.csv) {
      const { filename, csv } = result as { filename: string; csv: string };
      res.type('text/csv; charset=utf-8').attachment(filename).send(csv);
      return;
    }
    res.status(o.http!.status ?? 200);
    // A command's reply is never revalidated: no ETag (Express would hash the body for one), and as a string it leaves with its headers in one write.
    if (o.http!.method !== 'get') return void res.type('json').end(JSON.stringify(result));
    res.json(result);
  };
}

export function apiRouter(deps: HttpDeps): express.Router {
  const router = express.Router();
  // Routes allowed larger bodies parse them first; express.json then skips the already parsed body.
  for (const o of operations) {
    if (o.http?.bodyLimit) router.use(o.http.path, express.json({ limit: o.http.bodyLimit }));
  }
  router.use(express.json({ limit: '64kb' }));
  for (const o of operations) {
    if (o.http) router[o.http.method](o.http.path, handler(o, deps));
  }
  router.use('/api', (_req, _res) => {
    throw new HttpError(404, 'NOT_FOUND', 'There is no such API route.');
  });
  return router;
}

/** Renders every failure as {error:{code,message}}; never leaks a stack trace. A storage fault is a 503 and marks the storage unavailable. */
export function errorHandler(log: Logger, storage: Storage) {
  return (caught: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const err = storage.failed(caught) ? storageUnavailable() : caught;
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      return;
    }
    if (err instanceof ZodError) {
      const e = validationError(err);
      res.status(400).json({ error: { code: e.code, message: e.message } });
      return;
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed') return void res.status(400).json({ error: { code: 'MALFORMED_JSON', message: 'The body is not valid JSON.' } });
    if (type === 'entity.too.large') return void res.status(413).json({ error: { code: 'BODY_TOO_LARGE', message: 'The body is too large.' } });
    // Other body-parser refusals have a type; the router's (a path parameter that is not valid percent-encoding) only a 400 status.
    if (type || (err as { status?: unknown }).status === 400)
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: String((err as Error).message) } });
    log.error({ err }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong in the hub; it has been logged.' } });
  };
}

/**
 * Helmet's headers with a strict Content-Security-Policy: scripts, styles, fonts and everything else
 * only from the hub's own files; no inline script or style, no style="" attribute (the screens set
 * styles through the DOM's style property, which CSP does not govern). Halls run on plain HTTP
 * inside the LAN: no HSTS, no upgrade of requests to https.
 */
export function securityHeaders() {
  return helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'self' covers ws:// and wss:// to the same host and port (CSP 3): Socket.IO's websocket.
        connectSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'none'"],
        fontSrc: ["'self'"],
        // data: for the screens' empty favicon (`data:,`).
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
  });
}
