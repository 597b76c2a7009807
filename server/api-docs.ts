// Writes docs/API.md from the operations table, so the reference cannot drift from the code.
// `npm run docs` regenerates it; a test fails when the file is stale or a route is missing.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ERRORS } from '../protocol/errors.ts';
import type { Role } from '../protocol/domain.ts';
import { PAGES } from '../ui-kit/pages.ts';
import { type Access, authorize, type Principal } from './auth.ts';
import { operations, type Operation } from './ops/index.ts';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  const?: unknown;
  oneOf?: JsonSchema[];
};

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  const base = Array.isArray(s.type) ? s.type.join('|') : (s.type ?? 'any');
  const limits = [
    s.pattern && `\`${s.pattern.replace(/\|/g, '\\|')}\``,
    s.minLength !== undefined && `≥${s.minLength} chars`,
    s.maxLength !== undefined && `≤${s.maxLength} chars`,
    s.minimum !== undefined && `≥${s.minimum}`,
    s.maximum !== undefined && `≤${s.maximum}`,
  ].filter(Boolean);
  return limits.length ? `${base} (${limits.join(', ')})` : base;
}

function fields(o: Operation): string {
  const schema = z.toJSONSchema(o.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const variants = schema.anyOf ?? [schema];
  return variants
    .map((v, i) => {
      const props = Object.entries(v.properties ?? {});
      if (props.length === 0) return 'No input.';
      const head = variants.length > 1 ? `One of — variant ${i + 1}:\n\n` : '';
      const rows = props.map(([name, p]) => {
        const required = v.required?.includes(name) ? 'yes' : p.default !== undefined ? `no (default \`${JSON.stringify(p.default)}\`)` : 'no';
        return `| \`${name}\` | ${typeOf(p)} | ${required} |`;
      });
      return `${head}| field | type | required |\n|---|---|---|\n${rows.join('\n')}`;
    })
    .join('\n\n');
}

/** One line per reply field, nested fields indented; deeper than 3 levels is summed up as "…". */
function replyLines(s: JsonSchema, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const objects = variants.filter((v) => v.properties);
    if (objects.length === 0) return [];
    if (objects.length === 1) return replyLines(objects[0]!, depth);
    return objects.flatMap((v, i) => [`${pad}- one of — variant ${i + 1}:`, ...replyLines(v, depth + 1)]);
  }
  if (s.type === 'array' && s.items) return replyLines(s.items, depth);
  if (s.type === 'object' && typeof s.additionalProperties === 'object') return replyLines(s.additionalProperties, depth);
  return Object.entries(s.properties ?? {}).flatMap(([name, p]) => {
    const optional = s.required?.includes(name) ? '' : ' (optional)';
    const nested = depth < 3 ? replyLines(p, depth + 1) : [];
    const more = depth >= 3 && (p.properties || p.items || p.anyOf) ? ' …' : '';
    return [`${pad}- \`${name}\`: ${replyType(p)}${optional}${more}`, ...nested];
  });
}

function replyType(s: JsonSchema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(replyType).join(' \\| ');
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (s.type === 'array') return `array of ${s.items ? replyType(s.items) : 'any'}`;
  if (s.type === 'object' && typeof s.additionalProperties === 'object') return `map of ${replyType(s.additionalProperties)}`;
  return Array.isArray(s.type) ? s.type.join('|') : (s.type ?? 'any');
}

function reply(o: Operation): string {
  const schema = z.toJSONSchema(o.output, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const lines = replyLines(schema, 0);
  const nullable = (schema.anyOf ?? []).some((v) => v.type === 'null') ? ' (or `null`)' : '';
  return lines.length ? `Reply${nullable}:\n\n${lines.join('\n')}` : 'Reply: none.';
}

function access(o: Operation): string {
  if (o.access.anonymous) return 'anyone (no login)';
  const parts = [...(o.access.roles ?? []).map((r) => `role \`${r}\``), ...(o.access.devices ?? []).map((d) => `paired ${d}`)];
  if (o.access.roles?.includes('supervisor') && !o.access.roles.includes('admin')) parts.push('role `admin`');
  if (o.access.duringPasswordChange) parts.push('also while a password change is pending');
  return parts.join(', ');
}

const staff = (role: Role, mustChangePassword: boolean): Principal => ({
  kind: 'staff',
  userId: 0,
  username: role,
  displayName: role,
  role,
  mustChangePassword,
  sessionHash: '',
});
const ROLES: Role[] = ['counter', 'callcenter', 'supervisor', 'admin'];
/** One caller of each kind, the matrix's columns: authorization itself says which may call what. */
const CALLERS: [string, Principal][] = [
  ['anonymous', { kind: 'anonymous' }],
  ['kiosk', { kind: 'device', deviceId: 0, device: 'kiosk', name: 'kiosk' }],
  ['display', { kind: 'device', deviceId: 0, device: 'display', name: 'display' }],
  ...ROLES.map((role): [string, Principal] => [role, staff(role, false)]),
];

function mayCall(p: Principal, access: Access): boolean {
  try {
    authorize(p, access);
    return true;
  } catch {
    return false;
  }
}

/** Who may call each operation, over REST and Socket.IO alike (tests/integration/access-matrix.test.ts holds the hub to its own table). */
function accessMatrix(): string {
  const head = `| operation | REST | socket | ${CALLERS.map(([name]) => name).join(' | ')} | password change pending |`;
  const rows = operations.map((o) => {
    const cells = CALLERS.map(([, p]) => (mayCall(p, o.access) ? '✓' : ''));
    const pending = ROLES.some((role) => mayCall(staff(role, true), o.access)) ? '✓' : '';
    const rest = o.http ? `\`${o.http.method.toUpperCase()} ${o.http.path}\`` : '';
    return `| \`${o.name}\` | ${rest} | ${o.event ? `\`${o.event}\`` : ''} | ${cells.join(' | ')} | ${pending} |`;
  });
  return [head, `|${'---|'.repeat(CALLERS.length + 4)}`, ...rows].join('\n');
}

/** The error table by HTTP status; codes that never reach the hub (status 0, client side) are left out. */
function errorTable(): string {
  const rows = Object.entries(ERRORS)
    .filter(([, e]) => e.status > 0)
    .sort(([a, x], [b, y]) => x.status - y.status || a.localeCompare(b))
    .map(([code, e]) => `| ${e.status} | \`${code}\` | ${e.en} |`);
  return `| status | code | what the screens say (English) |\n|---|---|---|\n${rows.join('\n')}`;
}

const SCREENS = PAGES.map((p) => `### GET ${p.path}\n${p.summary}`).join('\n\n');

const HEADER = `# Dor hub API

Generated from \`protocol/operations.ts\` (inputs and replies) and \`server/ops/\` (access) by \`npm run docs\`; a test fails when this file is stale.

One port serves everything. REST lives under \`/api\` (JSON bodies, at most 64 kB — 4 MB for \`POST /api/import/applications\`); every operation
marked with a socket event can also be sent over Socket.IO as \`socket.emit(event, payload, ack)\`
and answers through the ack with \`{ ok: true, data }\` or \`{ ok: false, error: { code, message } }\`.
Path parameters (\`:counter\`, \`:id\`, \`:token\`, \`:cpr\`) are part of the socket payload.

## Authentication

- **Staff** log in with \`POST /api/auth/login\`; the hub sets an httpOnly, SameSite=Strict
  \`dor_session\` cookie, a new token on every login (a session the request already held ends, its sockets too).
  A session ends after 12 h, or sooner after \`sessionIdleMinutes\` (a setting, 60 by default) without a
  request or socket event; a screen's timed refresh sends \`x-dor-background: 1\` and does not count as use.
  A logout ends that session and disconnects its sockets; the user's other sessions stay.
  Roles: \`counter\`, \`callcenter\`, \`supervisor\`, \`admin\` (admin may do all a supervisor may).
- **Devices** (kiosks, displays) are paired: a supervisor creates a one-time code, the device
  exchanges it for a token (\`POST /api/devices/pair\`), kept as the httpOnly \`dor_device\` cookie; it
  may also be sent as \`Authorization: Bearer <token>\` or, for Socket.IO, as \`auth: { token }\`.
- Socket.IO connections without a valid session or device token are refused (\`connect_error\`
  with \`data.code = "UNAUTHENTICATED"\`); the session is checked again on every event.
- **Passwords**: at least 10 characters, not containing the username, not a common password
  (\`protocol/password-rules.ts\`; \`PASSWORD_TOO_SHORT\`, \`PASSWORD_IS_USERNAME\`, \`PASSWORD_TOO_COMMON\`).
  A password an admin sets (\`POST /api/users\`, \`POST /api/users/:id/password\`) must be changed at the
  next login: the login reply says \`mustChangePassword\`, and until \`POST /api/auth/password\` every
  operation but \`auth.me\`, \`auth.logout\` and \`auth.password\` answers 403 \`PASSWORD_CHANGE_REQUIRED\`
  (a socket is refused with that code). Disabling a user or resetting their password ends their
  sessions and disconnects their sockets at once.
- **Throttling** of guesses: wrong passwords (\`auth.login\`, per username and per client address), wrong
  kiosk PINs (\`kiosk.exit\`, per kiosk and address) and wrong pairing codes (\`devices.pair\`, per address): from
  the 5th failure, each one locks for 1 s, 2 s, 4 s … up to 15 min, answered 429 \`LOGIN_THROTTLED\` with
  \`details.retryAfterSeconds\` (even for the right password). A success clears the counts; an hour without a
  failure forgets them. A username's lock holds back only the addresses that failed on it, so the right password
  from another PC still logs in.
- **First run** of a real hall (\`DOR_DEMO=0\`, no enabled admin yet): the hub logs a one-time link
  \`http://<hub>/setup?token=…\`; the setup page sends the token with the hall's name and time zone and the
  first admin (\`POST /api/setup\`). Until then every screen page answers 503 with a "not set up yet" page.
- **Origin** (CSRF defence beyond SameSite): a state-changing request (any method but GET, HEAD and OPTIONS) or a
  Socket.IO connection whose \`Origin\` (or, without it, \`Referer\`) is not the hub itself (the \`Host\` it was sent
  to, or \`DOR_PUBLIC_URL\`) nor in \`DOR_ALLOWED_ORIGINS\` is refused with 403 \`BAD_ORIGIN\` (a socket: \`connect_error\`
  with that code). A client that sends neither header (curl, a node client, an integration) is no browser and passes.

## Who may call what

Each operation over REST and, if it has one, its socket event: ✓ marks who gets past authorization; anyone else gets 401
\`UNAUTHENTICATED\` (no session or device token) or 403 \`FORBIDDEN\`. Staff whose temporary password is unchanged get 403
\`PASSWORD_CHANGE_REQUIRED\` for everything but the operations in the last column (over REST; their sockets are refused).

${accessMatrix()}

## Errors

Every error has the shape \`{ "error": { "code": "…", "message": "…" } }\`, over REST and in socket acks,
plus \`details\` for validation errors, \`RATE_LIMITED\` and \`LOGIN_THROTTLED\` (\`retryAfterSeconds\`),
\`WALKINS_HELD\` (\`nextSlotAt\`, \`walkinsFrom\`) and \`COUNTER_TAKEN\` (\`holder\`).
The codes, their statuses and the words the screens show for them (in Arabic too) come from \`protocol/errors.ts\`:

${errorTable()}

## Live updates (server → client)

On every (re)connect the hub emits \`snapshot\` — \`{ audience, seq, state }\` (\`protocol/messages.ts\`):
the whole hall state up to event \`seq\`. Staff get the \`staff\` audience; paired kiosks and displays
get \`public\`, which never contains names, CPRs, phones, references, notes or status tokens.
After that, every committed command arrives as one \`delta\` — \`{ fromSeq, toSeq, events }\` with the
events of \`protocol/events.ts\` (redacted the same way for public rooms). A client whose last seq is
not \`fromSeq − 1\` missed something and sends \`snapshot:get\` to resync.
Rooms: \`display\`, \`kiosk\` (public), \`supervisor\`, \`callcenter\`, \`counters\` and \`counter:N\` (staff), and \`user:N\`, each staff
member's own sockets (disconnected at once when their account is disabled, reset or given another role), and one room per
session (disconnected when it logs out, logs in again or goes idle).
Supervisors and admins also get \`devices:status\` (\`DevicesStatus\` in \`protocol/messages.ts\`: every paired kiosk and display, online
or not, last seen, each kiosk's printer) on connect and whenever a device comes or goes or a printer changes, and \`printer:status\`
for each printer change; a kiosk gets \`printer:status\` about its own printer. The live hall's figures and alerts are computed from
the staff state and \`devices:status\` with \`hallFigures\`, \`counterFigures\` and \`hallAlerts\` (\`engine/hall-stats.ts\`).

## Other HTTP routes

### GET /healthz
200 \`{ "ok": true, "day", "seq", "time" }\` once the database is migrated and the engine loaded.

### GET /metrics
Prometheus text (prom-client, \`server/metrics.ts\`), open like \`/healthz\` and free of citizens' data: the process (\`dor_process_*\`,
\`dor_nodejs_*\`), command latency by command and result (\`dor_command_duration_seconds\`), call → display broadcast latency
(\`dor_call_broadcast_seconds\`), commands, events, sequence, tickets today by kind and status, waiting and longest wait per queue,
open counters, connected screens by kind, each kiosk's printer, the outbox by status and its oldest queued message, storage
availability and faults by reason. The README's Deployment section lists every name.

### GET /
The start page, Arabic first: links to every screen; with \`DOR_DEMO=1\` the demo logins and today's demo citizens with what the
kiosk would do for each right now. Before the first run of a real hall it (and every screen page) answers 503 with a bilingual
"this hall is not set up yet" page.

### GET /favicon.svg
The hub's icon (SVG); also served at \`/favicon.ico\`.

### GET /favicon.ico
The same icon, where a browser looks for it by default.

### GET /start.css
The start page's style (the Content-Security-Policy allows no inline style).

### GET /not-set-up.css
The "not set up yet" page's style.

${SCREENS}

### GET /demo/open/:kind
Demo only (\`DOR_DEMO=1\`): pairs this browser as the seeded demo \`kiosk\` or \`display\` (sets the
device cookie) and redirects to its screen.

## Operations
`;

export function apiReference(): string {
  const sections = operations.map((o) => {
    const title = o.http ? `${o.http.method.toUpperCase()} ${o.http.path}` : `socket \`${o.event}\``;
    const lines = [`### ${title}`, '', o.summary, '', `- Operation: \`${o.name}\``];
    if (o.http && o.event) lines.push(`- Socket event: \`${o.event}\``);
    if (o.http?.status) lines.push(`- Success status: ${o.http.status}`);
    lines.push(`- Who: ${access(o)}`, '', fields(o), '', reply(o), '');
    return lines.join('\n');
  });
  return `${HEADER}\n${sections.join('\n')}`;
}

export const API_DOC_PATH = fileURLToPath(new URL('../docs/API.md', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_DOC_PATH, apiReference());
  console.log(`wrote ${API_DOC_PATH}`);
}
