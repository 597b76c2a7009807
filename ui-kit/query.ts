// Reading a screen's timings from its address (`/kiosk?idle=2000`) or from a preset on `window`.

/** A positive finite number, from a query parameter or a preset; anything else is undefined. */
export function positive(v: string | null | undefined | number): number | undefined {
  const n = typeof v === 'number' ? v : v == null ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
