// A screen's Socket.IO connection to the hub (its session or device cookie goes along), kept up.
// It reports the line up at once and down after a grace period (a blip is not worth a banner),
// reports a refused session or device, and keeps trying, slowly, after a refusal by the hub (which
// stops Socket.IO's own retries): a kiosk or board comes alive by itself once it is paired, or
// once the hub's database is back. A line the hub cut is asked for again at once. A staff screen
// closes the line when its session is refused.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export interface HubSocketListener {
  connection(connected: boolean): void;
  /** The hub refused this browser: a staff session ended or expired, a device is not paired. */
  unauthenticated(): void;
}

export interface HubSocketTiming {
  /** How long the line may be down before it is reported down. */
  graceMs: number;
  /** How long to wait before trying again after the hub refused the connection. */
  retryMs: number;
}

export interface HubSocket {
  socket: Socket;
  close(): void;
}

export function hubSocket(listener: HubSocketListener, timing: HubSocketTiming, options: Partial<ManagerOptions & SocketOptions> = {}): HubSocket {
  const socket = io({ withCredentials: true, ...options });
  let offline: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const down = () => {
    offline ??= setTimeout(() => listener.connection(false), timing.graceMs);
  };
  socket.on('connect', () => {
    clearTimeout(offline);
    offline = undefined;
    listener.connection(true);
  });
  socket.on('disconnect', (reason) => {
    down();
    // The hub cut the line (an account disabled or given another role, its password changed
    // elsewhere, a device revoked); Socket.IO does not retry that by itself. Asking again at once
    // lets the handshake decide: refused (UNAUTHENTICATED, below), or back in the rooms of a new role.
    if (reason === 'io server disconnect' && !closed) socket.connect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    down();
    if (err.data?.code === 'UNAUTHENTICATED') listener.unauthenticated();
    // `closed`: the listener may have closed the line just now (a staff screen back at its login).
    if (!closed && !socket.active && retry === undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        socket.connect();
      }, timing.retryMs);
    }
  });
  return {
    socket,
    close() {
      closed = true;
      clearTimeout(offline);
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.close();
    },
  };
}

/** A staff screen's line (counter terminal, booking console): down reported at once, retried every 5 s. */
export const staffSocket = (listener: HubSocketListener): HubSocket => hubSocket(listener, { graceMs: 0, retryMs: 5000 });
