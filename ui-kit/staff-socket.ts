// A staff screen's Socket.IO connection (the session cookie goes along), kept up: connection
// changes are reported, a refused session is reported once, and after a refusal of another kind
// (which stops Socket.IO's own retries) it keeps trying every 5 s until closed.
import { io, type Socket } from 'socket.io-client';

export interface StaffSocketListener {
  connection(connected: boolean): void;
  /** The hub refused the session (logged out elsewhere, expired). */
  unauthenticated(): void;
}

export function staffSocket(listener: StaffSocketListener): { socket: Socket; close(): void } {
  const socket = io({ withCredentials: true });
  let closed = false;
  socket.on('connect', () => listener.connection(true));
  socket.on('disconnect', () => listener.connection(false));
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    listener.connection(false);
    if (err.data?.code === 'UNAUTHENTICATED') return listener.unauthenticated();
    if (!socket.active) setTimeout(() => !closed && socket.connect(), 5000);
  });
  return {
    socket,
    close() {
      closed = true;
      socket.removeAllListeners();
      socket.close();
    },
  };
}
