// CSRF defence beyond SameSite cookies. SameSite=Strict keeps cookies from other *sites*, but a page
// on another port or host name of the same site (another web app on the hall's LAN, a phone's
// captive page on the same domain) still sends them. So every state-changing request and every
// socket connection a browser makes must come from a page of the hub itself (the Host it was sent
// to, or DOR_PUBLIC_URL) or from one listed in DOR_ALLOWED_ORIGINS.
//
// A request with neither Origin nor Referer passes: CSRF needs a victim's browser, and browsers
// always send Origin on cross-origin POST/PUT/PATCH/DELETE, fetches and WebSocket handshakes (as
// "null" when the page hides it, which is refused). Clients without those headers are not browsers
// (curl, node clients, the tests, an integration) and carry their own credentials.
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/** Safe methods change nothing; their replies are kept from other origins by the browser (no CORS headers). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginPolicy {
  /** DOR_PUBLIC_URL: the address phones and screens may reach the hub at besides the Host they send. */
  publicUrl: string | null;
  /** DOR_ALLOWED_ORIGINS, already normalised to origins (scheme://host[:port]). */
  allowedOrigins: readonly string[];
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Does a browser request with these headers come from an allowed page? Without Origin and Referer
 * it is not a browser's (see above). The hub's own Host counts with either scheme, as a TLS proxy
 * in front of it may serve it over https.
 */
export function originAllowed(
  headers: { origin?: string | undefined; referer?: string | undefined; host?: string | undefined },
  policy: OriginPolicy,
): boolean {
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined) return true;
  const origin = originOf(claimed); // "null" (a hidden origin) is no URL: refused
  if (origin === null) return false;
  const own = headers.host ? [`http://${headers.host}`, `https://${headers.host}`].map(originOf) : [];
  const publicOrigin = policy.publicUrl ? originOf(policy.publicUrl) : null;
  return own.includes(origin) || origin === publicOrigin || policy.allowedOrigins.includes(origin);
}

export const BAD_ORIGIN_MESSAGE = 'This request came from a page that is not the hub’s own (nor in DOR_ALLOWED_ORIGINS).';

/** Express: refuses a state-changing request from a foreign page with 403 BAD_ORIGIN. */
export function originCheck(policy: OriginPolicy): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || originAllowed(req.headers, policy)) return next();
    throw new HttpError(403, 'BAD_ORIGIN', BAD_ORIGIN_MESSAGE);
  };
}
