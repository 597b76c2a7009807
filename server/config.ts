// Configuration from the environment, validated like any other input.
import { z } from 'zod';

/** Comma-separated URLs, each kept as its origin (scheme://host[:port]). */
const OriginList = z
  .string()
  .default('')
  .transform((s) => s.split(',').flatMap((o) => (o.trim() ? [o.trim()] : [])))
  .pipe(z.array(z.url().transform((u) => new URL(u).origin)));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DOR_DB: z.string().default('./data/dor.db'),
  /** ISO instant the hub's clock starts at (demos and tests); real time otherwise. */
  DOR_CLOCK_START: z.string().datetime({ offset: true }).optional(),
  /** 1: a first run seeds the demo hall and the start page offers its logins; 0: a real hall, set up through the setup link in the log. */
  DOR_DEMO: z.enum(['0', '1']).default('1'),
  DOR_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Parse every reply with its operation's output schema; a drifting reply fails loudly (for tests and staging). */
  DOR_VALIDATE_REPLIES: z.enum(['0', '1']).default('0'),
  DOR_JOB_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Base URL in ticket QR codes when phones reach the hub at another address than the kiosk. */
  DOR_PUBLIC_URL: z.string().url().optional(),
  DOR_PRINTER_POLL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How booking confirmations are sent: `log` (written to the log) or `webhook` (POST to DOR_SMS_WEBHOOK_URL). */
  DOR_SMS_SENDER: z.enum(['log', 'webhook']).default('log'),
  DOR_SMS_WEBHOOK_URL: z.string().url().optional(),
  DOR_SMS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** `auto`: human-readable lines on a terminal, JSON lines otherwise (a service manager, a log shipper). */
  DOR_LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated origins (scheme://host:port) besides the hub's own whose pages may change things (CSRF check, server/origin.ts). */
  DOR_ALLOWED_ORIGINS: OriginList,
});
export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Bad configuration:\n${lines}`);
  }
  if (parsed.data.DOR_SMS_SENDER === 'webhook' && !parsed.data.DOR_SMS_WEBHOOK_URL) {
    throw new Error('Bad configuration:\n  DOR_SMS_WEBHOOK_URL: required when DOR_SMS_SENDER=webhook');
  }
  return parsed.data;
}
