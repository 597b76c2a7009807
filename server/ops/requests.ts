// Idempotent requests. A screen sends a `requestId` with each action that changes the hall (a
// kiosk: one per citizen action; a counter terminal: one per click) and sends it again, unchanged,
// when it retries after losing the reply. The hub remembers, in the command's own transaction, what
// each (principal, requestId) did, and answers a repeat with that: no second ticket, call or finish,
// no event, no broadcast. The key belongs to the principal — a kiosk's device, or a staff member
// (whichever terminal or transport they use) — and the same key with another body is a 409.
// Requests without a requestId work as before.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Decision, EngineError } from '../../engine/index.ts';
import { engineError } from '../errors.ts';
import type { ExecuteOptions, Executed } from '../hub.ts';
import { mustSucceed, type OpContext } from './op.ts';

/** The idempotency key of a request: whose it is (a device's or a staff member's id), its requestId, and its body. */
export interface RequestKey {
  owner: 'device' | 'user';
  ownerId: number;
  requestId: string;
  bodyHash: string;
}

/** The key of a request; null when it carries no requestId. */
export function requestKey(ctx: OpContext, operation: string, body: Record<string, unknown> & { requestId?: string | undefined }): RequestKey | null {
  const p = ctx.principal;
  if (body.requestId === undefined || p.kind === 'anonymous') return null;
  const { requestId, ...rest } = body;
  const canonical = JSON.stringify([
    operation,
    Object.keys(rest)
      .sort()
      .map((k) => [k, rest[k]]),
  ]);
  const bodyHash = createHash('sha256').update(canonical).digest('base64url');
  return p.kind === 'device' ? { owner: 'device', ownerId: p.deviceId, requestId, bodyHash } : { owner: 'user', ownerId: p.userId, requestId, bodyHash };
}

export type Decided = Extract<Decision, { ok: true }>;

/** Where one kind of request is remembered (its table). */
export interface RequestLog<Row extends { bodyHash: string }> {
  find(db: Db, key: RequestKey): Row | null;
  /** Inside the command's transaction: stores what the request did; may store nothing for outcomes that are harmless to repeat. */
  remember(key: RequestKey, decided: Decided): void;
}

const REQUEST_REPEATED = 'REQUEST_REPEATED';
const reused = (key: RequestKey): EngineError => ({
  code: 'REQUEST_ID_REUSED',
  message:
    `This ${key.owner === 'device' ? 'device' : 'user'} already used requestId ${key.requestId} for a different request; ` +
    'send a new requestId for a new request.',
});

/**
 * Runs a command at most once per key. The lookup of the key runs first: a repeat is answered with
 * the stored row before `checks` (access to a counter, the kiosk's rate limit), which concern only
 * a new request. It runs again as the command's guard inside its transaction, where the key is also
 * stored: check and write are atomic with the command, and the table's primary key would roll back
 * a second one anyway. `execute` runs the command with these options (a plain `hub.execute`, or an
 * audited one). Returns the command's decision, or the stored row when this is a repeat.
 */
export function executeOnce<Row extends { bodyHash: string }>(
  ctx: OpContext,
  key: RequestKey | null,
  log: RequestLog<Row>,
  execute: (options: ExecuteOptions) => Executed,
  checks?: () => void,
  /** More to write in the command's transaction (e.g. the walk-in's phone). */
  within?: (decided: Decided) => void,
): { repeat: Row } | { decided: Decided } {
  const before = key && log.find(ctx.db, key);
  if (before && before.bodyHash !== key.bodyHash) throw engineError(reused(key));
  if (before) return { repeat: before };
  checks?.();
  if (!key) return { decided: mustSucceed(execute(within ? { within } : {})) };
  const d = execute({
    guard: () => {
      const row = log.find(ctx.db, key);
      if (!row) return null;
      return row.bodyHash === key.bodyHash ? { code: REQUEST_REPEATED, message: 'This request was already carried out.' } : reused(key);
    },
    within: (decided) => {
      log.remember(key, decided);
      within?.(decided);
    },
  });
  if (!d.ok && d.error.code === REQUEST_REPEATED) return { repeat: log.find(ctx.db, key)! };
  return { decided: mustSucceed(d) };
}
