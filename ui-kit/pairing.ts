// Pairing a device by its address: an installer opens the screen once as /kiosk?pair=<code> or
// /display?pair=<code> (the code from the supervisor); the hub answers with the httpOnly device
// cookie, and the code leaves the address bar.
import { isApiFailure } from './api.ts';
import { call } from './client.ts';

/**
 * Pairs this browser when the address carries `?pair=CODE`. Returns why pairing failed (the hub's
 * error code, or `NETWORK`), or null: paired, or nothing to pair.
 */
export async function pairFromUrl(): Promise<string | null> {
  const url = new URL(location.href);
  const code = url.searchParams.get('pair');
  if (!code) return null;
  let error: string | null = null;
  try {
    await call('devices.pair', { code: code.trim().toUpperCase() });
  } catch (e) {
    error = isApiFailure(e) ? e.code : 'NETWORK';
  }
  url.searchParams.delete('pair');
  history.replaceState(null, '', url);
  return error;
}
