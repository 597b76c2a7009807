// A fake network receipt printer: a TCP server on 127.0.0.1 (port 0) that answers ESC/POS real-time
// status queries (DLE EOT 1/2/4) the way an Epson printer does and records every print job.
//   online     answers "online, paper OK, cover closed"
//   nearEnd    online, roll paper near end
//   paperOut   offline, stopped at paper end, paper end sensor on
//   coverOpen  offline, cover open
//   silent     accepts connections and bytes, never answers a status query
//   slow       answers each query after `slowMs` and takes the job in small sips, `slowMs` apart
//   hang       answers the status, then stops reading in the middle of the job and never answers again
//   drop       answers the status, then resets the connection in the middle of the job
//   runsOut    online until a job starts, then out of paper (the job is not recorded: it did not come out whole)
// `refuse()` stops listening (connections are refused) until `listen()`. A job is everything but the
// status queries of a connection, recorded when the client closes its side. Tests read `jobs`, or
// wait with `nextJob()`.
import net from 'node:net';

export type FakeMode = 'online' | 'nearEnd' | 'paperOut' | 'coverOpen' | 'silent' | 'slow' | 'hang' | 'drop' | 'runsOut';

export interface FakePrinter {
  port: number;
  /** `tcp://127.0.0.1:PORT` */
  target: string;
  mode: FakeMode;
  /** Completed jobs (bytes without the status queries), in order. */
  jobs: Uint8Array[];
  /** The n of every DLE EOT n received. */
  statusQueries: number[];
  connections: number;
  /** Resolves with the next completed job (or one already completed and not yet taken). */
  nextJob(timeoutMs?: number): Promise<Uint8Array>;
  /** Resolves once every connection made so far has closed. */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops listening: new connections are refused (the printer is off), open ones go on. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  listen(): Promise<void>;
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
    let jobBytes = 0;
    let pending: Buffer = Buffer.alloc(0);
    // Bytes of a GS v 0 band or a GS ( k payload still to come: data, never commands.
    let skip = 0;

    const answerQuery = (n: number) => {
      fake.statusQueries.push(n);
      if (fake.mode === 'silent' || (fake.mode === 'hang' && jobBytes > 0)) return;
      const reply = Buffer.of(answer(fake.mode === 'runsOut' && jobBytes > 0 ? 'paperOut' : fake.mode, n));
      if (fake.mode === 'slow')
        setTimeout(() => {
          if (!socket.destroyed) socket.write(reply);
        }, slowMs);
      else socket.write(reply);
    };
    const take = (bytes: Buffer) => {
      if (bytes.length === 0) return;
      job.push(bytes);
      jobBytes += bytes.length;
    };

    // Real-time status queries (DLE EOT n) are answered wherever they stand between commands, before,
    // inside or after a job, as a real printer does; band and QR payloads are skipped by their length.
    const onData = (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let i = 0;
      let from = 0;
      while (i < pending.length) {
        if (skip > 0) {
          const n = Math.min(skip, pending.length - i);
          skip -= n;
          i += n;
          continue;
        }
        const b = pending[i]!;
        if (b !== 0x10 && b !== 0x1d) {
          i++;
          continue;
        }
        const need = b === 0x10 ? 3 : pending[i + 1] === 0x76 ? 8 : pending[i + 1] === 0x28 ? 5 : 2;
        if (pending.length - i < need) break;
        if (b === 0x10 && pending[i + 1] === 0x04) {
          take(pending.subarray(from, i));
          answerQuery(pending[i + 2]!);
          i += 3;
          from = i;
          continue;
        }
        if (b === 0x1d && pending[i + 1] === 0x76 && pending[i + 2] === 0x30)
          skip = (pending[i + 4]! + pending[i + 5]! * 256) * (pending[i + 6]! + pending[i + 7]! * 256);
        else if (b === 0x1d && pending[i + 1] === 0x28 && pending[i + 2] === 0x6b) skip = pending[i + 3]! + pending[i + 4]! * 256;
        i += need;
      }
      take(pending.subarray(from, i));
      pending = pending.subarray(i);
      if (fake.mode === 'hang' && jobBytes > 0) socket.pause();
      if (fake.mode === 'drop' && jobBytes > 0) socket.resetAndDestroy();
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
      if (bytes.length && fake.mode !== 'runsOut') {
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
  const listenOn = (port: number) => new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve));
  await listenOn(0);
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
    refuse() {
      server.close(); // stops accepting at once; the callback would wait for open connections
      return Promise.resolve();
    },
    listen: () => listenOn(port),
    close() {
      for (const s of sockets) s.destroy();
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** A port on 127.0.0.1 with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const listenOn = (port: number) => new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve));
  await listenOn(0);
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
