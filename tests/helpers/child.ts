// Runs the hub as a real child process, the way `npm start` does (server/start.js), so a test
// can kill it like a power cut (SIGKILL) or stop it like systemd (SIGTERM) and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HubProcess {
  /** Where to reach it: the port from the logged `url`, on the HOST it listens on. */
  url: string;
  /** The `url` field of the "serving" log line, as printed. */
  loggedUrl: string;
  pid: number;
  proc: ChildProcess;
  /** Every JSON log line seen on stdout so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  alive(): boolean;
  /** The last lines of stdout and stderr, for failure messages. */
  output(): string;
}

/**
 * Starts `node server/start.js` (what `npm start` runs) in the repository root. One process, unlike
 * `npm start` itself (npm runs node as its child): a SIGKILL sent to this pid really kills the hub.
 * Resolves once the hub has logged the line with its `url`.
 */
export async function spawnHub(env: Record<string, string>, timeoutMs = 20_000): Promise<HubProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('DOR_') && !['PORT', 'HOST', 'LOG_LEVEL', 'NODE_OPTIONS'].includes(k)),
  );
  const proc = spawn(process.execPath, ['server/start.js'], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const logs: Array<Record<string, unknown>> = [];
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) => {
    proc.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    proc.once('error', (err) => {
      stderr += `\nspawn failed: ${String(err)}`;
      exit = { code: null, signal: null };
      resolve(exit);
    });
  });
  const tail = (s: string) => s.split('\n').slice(-40).join('\n');
  const output = () => `--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`;

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not log its url within ${timeoutMs} ms\n${output()}`)), timeoutMs);
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        logs.push(parsed);
        if (typeof parsed.url === 'string') {
          clearTimeout(timer);
          resolve(parsed.url);
        }
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited before serving (code ${e.code}, signal ${e.signal})\n${output()}`));
    });
  });

  try {
    const loggedUrl = await ready;
    const host = env.HOST ?? '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${new URL(loggedUrl).port}`;
    return { url, loggedUrl, pid: proc.pid!, proc, logs, exited, alive: () => exit === null, output };
  } catch (err) {
    if (exit === null) proc.kill('SIGKILL');
    throw err;
  }
}

/** Sends `signal` and waits for the exit; SIGKILLs and fails if it takes longer than `ms`. */
export async function stopHub(h: HubProcess, signal: NodeJS.Signals, ms = 10_000): Promise<Exit> {
  if (!h.alive()) return h.exited;
  h.proc.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const result = await Promise.race([h.exited, late]);
  clearTimeout(timer);
  if (result === 'late') {
    h.proc.kill('SIGKILL');
    await h.exited;
    throw new Error(`the hub did not exit within ${ms} ms of ${signal}\n${h.output()}`);
  }
  return result;
}

/**
 * The hub processes of one test file, on database files in a temp folder of its own (`dir`): `spawn`
 * starts one as `spawnHub` does; after the file's tests every one still alive is killed and the
 * folder removed.
 */
export function hubProcesses(prefix: string): { readonly dir: string; spawn(env: Record<string, string>): Promise<HubProcess> } {
  let dir: string | undefined;
  const started: HubProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    for (const h of started.splice(0)) {
      if (h.alive()) h.proc.kill('SIGKILL');
      await h.exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      if (!dir) throw new Error('the temp folder is made before the tests run');
      return dir;
    },
    async spawn(env) {
      const h = await spawnHub(env);
      started.push(h);
      return h;
    },
  };
}
