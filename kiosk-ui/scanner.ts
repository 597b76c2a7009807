// Keyboard-wedge scanners type what they read as a fast burst of keystrokes ending in Enter.
// A person types far slower, so a burst (every gap under `gapMs`) of at least `minLength`
// characters followed by Enter is a scan, on any screen.
//
// Characters come from `KeyboardEvent.code` when the key is a letter or digit, so a scan reads the
// same whether the kiosk's keyboard layout is English or Arabic.
import { REFERENCE_CANDIDATE } from '../protocol/reference.ts';

export type ScanResult =
  | { kind: 'cpr'; cpr: string }
  | { kind: 'reference'; reference: string }
  | { kind: 'status'; token: string }
  | { kind: 'unknown'; raw: string };

/** A ticket's status link as its QR holds it (`…/t/<token>`), e.g. shown on a walk-in's phone. */
const STATUS_LINK = /\/t\/([A-Za-z0-9_-]{16,64})$/;

/** What a scanned code means: a 9-digit CPR, a ticket's status link, a booking reference (also the last part of a URL or `DOR:XXXX`), or nothing known. */
export function classifyScan(raw: string): ScanResult {
  const text = raw.trim();
  if (/^\d{9}$/.test(text)) return { kind: 'cpr', cpr: text };
  const status = STATUS_LINK.exec(text);
  if (status) return { kind: 'status', token: status[1]! };
  const upper = text.toUpperCase();
  if (REFERENCE_CANDIDATE.test(upper)) return { kind: 'reference', reference: upper };
  const last =
    upper
      .split(/[/:=?#&\s]+/)
      .filter(Boolean)
      .at(-1) ?? '';
  if (REFERENCE_CANDIDATE.test(last)) return { kind: 'reference', reference: last };
  return { kind: 'unknown', raw: text };
}

/** The character a key produces for scanning purposes, or null for keys that are not part of a code. */
export function scanChar(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey'> & { shiftKey?: boolean }): string | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const m = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9]))$/.exec(e.code ?? '');
  // A letter keeps its case (a status link's token is case-sensitive): as typed on a Latin layout,
  // by the Shift key the scanner pressed on another one.
  if (m?.[1]) return /^[A-Za-z]$/.test(e.key) ? e.key : e.shiftKey ? m[1] : m[1].toLowerCase();
  if (m) return m[2] ?? m[3] ?? null;
  if (e.key.length === 1 && e.key >= '!' && e.key <= '~') return e.key;
  return null;
}

/** Longer bursts are not a code we print or book (a stuck key, a scanner reading a document): dropped whole. */
const MAX_SCAN_LENGTH = 256;

export class WedgeScanner {
  private buffer = '';
  private last = -Infinity;
  /** The current burst ran past MAX_SCAN_LENGTH: its Enter yields nothing, not the burst's tail. */
  private overflowed = false;

  constructor(
    private gapMs = 50,
    private minLength = 4,
  ) {}

  /**
   * Feeds one keydown: its character (see `scanChar`), 'Enter', or null for other keys (Shift and
   * the like, which scanners send between characters: ignored). Returns the scanned text when this
   * Enter ends a fast burst, otherwise null.
   */
  feed(char: string | null, at: number): string | null {
    if (char === null) return null;
    const gap = at - this.last;
    this.last = at;
    if (char === 'Enter') {
      const text = this.buffer;
      const whole = !this.overflowed;
      this.buffer = '';
      this.overflowed = false;
      return whole && gap <= this.gapMs && text.length >= this.minLength ? text : null;
    }
    // A slow key starts a new candidate burst.
    if (gap > this.gapMs) {
      this.buffer = char;
      this.overflowed = false;
    } else if (!this.overflowed) {
      this.buffer += char;
    }
    if (this.buffer.length > MAX_SCAN_LENGTH) {
      this.buffer = '';
      this.overflowed = true;
    }
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.last = -Infinity;
    this.overflowed = false;
  }
}
