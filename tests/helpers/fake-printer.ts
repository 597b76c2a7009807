// A fake network receipt printer: a TCP server on 127.0.0.1 (port 0) that answers ESC/POS real-time
// status queries (DLE EOT 1/2/4) the way an Epson printer does and records every print job.
//   online     answers "online, paper OK, cover closed"
//   nearEnd    online, roll paper near end
//   paperOut   offline, stopped at paper end, paper end sensor on
//   coverOpen  offline, cover open
//   silent     accepts connections and bytes, never answers a status query
//   slow       answers each query after `slowMs` and takes the job in small sips, `slowMs` apart
// A job is everything after the leading status queries of a connection, recorded when the client
// closes its side. Tests read `jobs`, or wait with `nextJob()`.
import net from 'node:net';

export type FakeMode = 'online' | 'nearEnd' | 'paperOut' | 'coverOpen' | 'silent' | 'slow';

export interface FakePrinter {
  port: number;
  /** `tcp://127.0.0.1:PORT` */
  target: string;
  mode: FakeMode;
  /** Completed jobs (bytes after the status queries), in order. */
  jobs: Uint8Array[];
  /** The n of every DLE EOT n received. */
  statusQueries: number[];
  connections: number;
  /** Resolves with the next completed job (or one already completed and not yet taken). */
  nextJob(timeoutMs?: number): Promise<Uint8Array>;
  /** Resolves once every connection made so far has closed. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const FIXED = 0x12; // bits 1 and 4 on, 0 and 7 off, in every status byte

function answer(mode: FakeMode, n: number): number {
  if (mode === 'paperOut') return n === 1 ? FIXED | 0x08 : n === 2 ? FIXED | 0x20 : n === 4 ? FIXED | 0x60 : FIXED;
  if (mode === 'coverOpen') return n === 1 ? FIXED | 0x08 : n === 2 ? FIXED | 0x04 : FIXED;
  if (mode === 'nearEnd') return n === 4 ? FIXED | 0x0c : FIXED;
  return FIXED;
}

export async function startFakePrinter(opts: { mode?: FakeMode; slowMs?: number } = {}): Promise<FakePrinter> {
  const slowMs = opts.slowMs ?? 100;
  const sockets = new Set<net.Socket>();
  let taken = 0;
  const jobWaiters: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];

  const server = net.createServer((socket) => {
    fake.connections++;
    sockets.add(socket);
    const job: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let inJob = false;

    const onData = (chunk: Buffer) => {
      if (inJob) {
        job.push(chunk);
        return;
      }
      pending = Buffer.concat([pending, chunk]);
      // Leading DLE EOT n queries are answered; the first other byte starts the job.
      while (pending.length >= 1 && !inJob) {
        if (pending[0] === 0x10) {
          if (pending.length < 3) return;
          if (pending[1] === 0x04) {
            const n = pending[2]!;
            fake.statusQueries.push(n);
            pending = pending.subarray(3);
            if (fake.mode === 'silent') continue;
            const reply = Buffer.of(answer(fake.mode, n));
            if (fake.mode === 'slow')
              setTimeout(() => {
                if (!socket.destroyed) socket.write(reply);
              }, slowMs);
            else socket.write(reply);
            continue;
          }
        }
        inJob = true;
        job.push(pending);
        pending = Buffer.alloc(0);
      }
    };

    if (fake.mode === 'slow') {
      // Take the bytes in small sips: pause after each chunk, resume a while later.
      socket.on('data', (chunk: Buffer) => {
        onData(chunk);
        socket.pause();
        setTimeout(() => {
          if (!socket.destroyed) socket.resume();
        }, slowMs);
      });
    } else {
      socket.on('data', onData);
    }
    socket.on('end', () => {
      const bytes = Buffer.concat(job);
      if (bytes.length) {
        fake.jobs.push(new Uint8Array(bytes));
        jobWaiters.splice(0).forEach((w) => w());
      }
      socket.end();
    });
    socket.on('error', () => {
      /* a client that resets the connection is a normal event here */
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) idleWaiters.splice(0).forEach((w) => w());
    });
    if (fake.mode === 'slow') socket.setNoDelay(true);
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;

  const withTimeout = <T>(p: Promise<T>, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake printer: ${what} within ${ms} ms`)), ms);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });

  const fake: FakePrinter = {
    port,
    target: `tcp://127.0.0.1:${port}`,
    mode: opts.mode ?? 'online',
    jobs: [],
    statusQueries: [],
    connections: 0,
    nextJob(timeoutMs = 10_000) {
      const take = () => fake.jobs[taken++]!;
      if (fake.jobs.length > taken) return Promise.resolve(take());
      return withTimeout(new Promise<Uint8Array>((resolve) => jobWaiters.push(() => resolve(take()))), timeoutMs, 'no job arrived');
    },
    idle(timeoutMs = 5_000) {
      if (sockets.size === 0) return Promise.resolve();
      return withTimeout(new Promise<void>((resolve) => idleWaiters.push(resolve)), timeoutMs, 'connections still open');
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** A port on 127.0.0.1 with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
