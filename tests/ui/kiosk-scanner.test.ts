// The kiosk's keyboard-wedge scanner (kiosk-ui/scanner.ts) through its exported API: which key
// bursts count as a scan, which character each key gives whatever the keyboard layout, and what a
// scanned text means (CPR, booking reference in its QR forms, or nothing the kiosk knows).
import { describe, expect, it } from 'vitest';
import { classifyScan, scanChar, WedgeScanner } from '../../kiosk-ui/scanner.ts';

/** Booking references as the hub issues them: 6 characters and a check character, no 0/O or 1/I. */
const REF = 'MHM8LSF';
const OTHER_REF = '85Z5RB8';

/** Feeds `text` then Enter, one key every `gapMs` from `start`; returns what the scanner made of the Enter. */
function burst(scanner: WedgeScanner, text: string, gapMs: number, start = 1000): string | null {
  let at = start;
  for (const ch of text) {
    expect(scanner.feed(ch, at)).toBeNull(); // only an Enter ends a scan
    at += gapMs;
  }
  return scanner.feed('Enter', at);
}

describe('WedgeScanner: a fast burst ending in Enter is a scan', () => {
  it('reads a scanner burst (keys a few ms apart) as one scan', () => {
    expect(burst(new WedgeScanner(50), REF, 8)).toBe(REF);
  });

  it('ignores a person typing at the keyboard, however long the text', () => {
    expect(burst(new WedgeScanner(50), '900000001', 180)).toBeNull();
  });

  it('takes the gap limit it is given (a loaded kiosk may space the keys further apart)', () => {
    expect(burst(new WedgeScanner(50), REF, 120)).toBeNull();
    expect(burst(new WedgeScanner(400), REF, 120)).toBe(REF);
  });

  it('counts a gap exactly at the limit as fast, one over as slow', () => {
    expect(burst(new WedgeScanner(50), REF, 50)).toBe(REF);
    expect(burst(new WedgeScanner(50), REF, 51)).toBeNull();
  });

  it('refuses an Enter that comes late after a fast burst (someone pressed Enter by hand)', () => {
    const scanner = new WedgeScanner(50);
    for (const [i, ch] of [...REF].entries()) scanner.feed(ch, i * 5);
    expect(scanner.feed('Enter', REF.length * 5 + 500)).toBeNull();
  });

  it('starts a new burst after a slow key: a stray keypress before the scan is not part of it', () => {
    const scanner = new WedgeScanner(50);
    scanner.feed('X', 0);
    scanner.feed('Y', 400);
    expect(burst(scanner, REF, 5, 2000)).toBe(REF);
  });

  it('needs at least four characters by default, or the minimum it is given', () => {
    expect(burst(new WedgeScanner(50), '123', 5)).toBeNull();
    expect(burst(new WedgeScanner(50), '1234', 5)).toBe('1234');
    expect(burst(new WedgeScanner(50, 9), REF, 5)).toBeNull();
    expect(burst(new WedgeScanner(50, 9), '900000001', 5)).toBe('900000001');
  });

  it('reads a long QR link whole, and drops an over-long burst whole rather than its tail', () => {
    const link = `http://192.168.10.5:8080/appointments/${'x'.repeat(140)}/${REF}`;
    expect(classifyScan(burst(new WedgeScanner(50), link, 3)!)).toEqual({ kind: 'reference', reference: REF });
    // 300 characters of a stuck key then a reference-shaped tail: not a scan at all.
    const scanner = new WedgeScanner(50);
    expect(burst(scanner, `${'A'.repeat(300)}${REF}`, 3)).toBeNull();
    // The next burst is read normally.
    expect(burst(scanner, REF, 3, 10_000)).toBe(REF);
  });

  it('ignores the Shift presses scanners send between characters', () => {
    const scanner = new WedgeScanner(50);
    for (const [i, ch] of [...REF].entries()) {
      expect(scanner.feed(null, i * 8)).toBeNull();
      scanner.feed(ch, i * 8 + 4);
    }
    expect(scanner.feed('Enter', REF.length * 8)).toBe(REF);
  });

  it('reads two scans in a row separately', () => {
    const scanner = new WedgeScanner(50);
    expect(burst(scanner, REF, 5, 1000)).toBe(REF);
    expect(burst(scanner, OTHER_REF, 5, 3000)).toBe(OTHER_REF);
    // A second Enter right after a scan has nothing left to return.
    expect(scanner.feed('Enter', 3000 + 5 * OTHER_REF.length + 5)).toBeNull();
  });

  it('reset() forgets a half-read burst', () => {
    const scanner = new WedgeScanner(50);
    for (const [i, ch] of [...'MHM'].entries()) scanner.feed(ch, 1000 + i * 5);
    scanner.reset();
    expect(burst(scanner, '8LSF', 5, 1015)).toBe('8LSF');
  });
});

describe('scanChar: the character of a key, whatever the keyboard layout', () => {
  const key = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) =>
    scanChar({ key, code, ctrlKey: false, altKey: false, metaKey: false, ...mods });

  it('reads letters and digits from the physical key, so an Arabic layout scans the same', () => {
    expect(key('ش', 'KeyA', { shiftKey: true })).toBe('A');
    expect(key('A', 'KeyA')).toBe('A');
    expect(key('٣', 'Digit3')).toBe('3');
    expect(key('7', 'Numpad7')).toBe('7');
  });

  it("keeps a letter's case (status links are case-sensitive), on an Arabic layout by the Shift key", () => {
    expect(key('a', 'KeyA')).toBe('a');
    expect(key('ش', 'KeyA')).toBe('a');
    expect(key('ش', 'KeyA', { shiftKey: true })).toBe('A');
  });

  it("keeps the punctuation of a QR's URL or prefix", () => {
    expect(key(':', 'Semicolon')).toBe(':');
    expect(key('/', 'Slash')).toBe('/');
    expect(key('?', 'Slash')).toBe('?');
    expect(key('=', 'Equal')).toBe('=');
  });

  it('gives nothing for modifier combinations, non-character keys and non-ASCII characters', () => {
    expect(key('v', 'KeyV', { ctrlKey: true })).toBeNull();
    expect(key('a', 'KeyA', { altKey: true })).toBeNull();
    expect(key('c', 'KeyC', { metaKey: true })).toBeNull();
    expect(key('Shift', 'ShiftLeft')).toBeNull();
    expect(key('Enter', 'Enter')).toBeNull();
    expect(key('Tab', 'Tab')).toBeNull();
    expect(key('ذ', 'Backquote')).toBeNull();
    expect(key(' ', 'Space')).toBeNull();
  });
});

describe('classifyScan: what a scanned code means', () => {
  it('a 9-digit CPR (from a smart-card reader or a typed burst), spaces around trimmed', () => {
    expect(classifyScan('900000001')).toEqual({ kind: 'cpr', cpr: '900000001' });
    expect(classifyScan(' 900000016 ')).toEqual({ kind: 'cpr', cpr: '900000016' });
  });

  it('a CPR before a reference: nine digits that could also spell a reference are a CPR', () => {
    expect(classifyScan('234567892')).toEqual({ kind: 'cpr', cpr: '234567892' });
  });

  it('a CPR with a digit missing or one too many is not a CPR', () => {
    // 8 or 10 digits with 0 or 1 in them cannot be a reference either.
    expect(classifyScan('90000001')).toEqual({ kind: 'unknown', raw: '90000001' });
    expect(classifyScan('9000000012')).toEqual({ kind: 'unknown', raw: '9000000012' });
  });

  it('a booking reference, upper-cased', () => {
    expect(classifyScan(REF)).toEqual({ kind: 'reference', reference: REF });
    expect(classifyScan(REF.toLowerCase())).toEqual({ kind: 'reference', reference: REF });
  });

  it('a reference in the QR forms: DOR: prefix, the last part of a URL, a query parameter', () => {
    for (const payload of [
      `DOR:${REF}`,
      `dor:${REF.toLowerCase()}`,
      `https://dor.example.bh/b/${REF}`,
      `http://10.0.0.2/booking?ref=${REF}`,
      `http://10.0.0.2/b/${REF}#`,
    ]) {
      expect(classifyScan(payload), payload).toEqual({ kind: 'reference', reference: REF });
    }
  });

  it('a mistyped reference (a character no reference has: 0, 1, I, O) is not taken for one', () => {
    for (const typo of ['MHM0LSF', 'MHMOLSF', 'MHM8L1F', 'MHM8LSI', 'DOR:MHM8LS0']) {
      expect(classifyScan(typo).kind, typo).toBe('unknown');
    }
  });

  it('too short or too long for a reference', () => {
    expect(classifyScan('MHM')).toEqual({ kind: 'unknown', raw: 'MHM' });
    expect(classifyScan(`${REF}${OTHER_REF}`)).toEqual({ kind: 'unknown', raw: `${REF}${OTHER_REF}` });
  });

  it("a ticket's own status QR scanned at the kiosk is its status link (a walk-in's phone), not a booking", () => {
    const statusUrl = 'http://10.0.0.2/t/Xe3hi_a41UKdOdCW5OwYYAzc';
    expect(classifyScan(statusUrl)).toEqual({ kind: 'status', token: 'Xe3hi_a41UKdOdCW5OwYYAzc' });
    expect(classifyScan('/t/short')).toEqual({ kind: 'unknown', raw: '/t/short' });
  });

  it('the URL of a page without a reference is not one', () => {
    expect(classifyScan('https://dor.example.bh/kiosk').kind).toBe('unknown');
    expect(classifyScan('').kind).toBe('unknown');
  });
});

describe('scanner and classification together', () => {
  it('turns the keydowns of a scanned DOR: QR on an Arabic layout into a reference', () => {
    const scanner = new WedgeScanner(50);
    // What the scanner "types" for DOR:MHM8LSF while the kiosk's layout is Arabic: Shift around
    // capitals and the colon, letters with Arabic `key`s.
    const keys: [string, string][] = [
      ['Shift', 'ShiftLeft'],
      ['ي', 'KeyD'],
      ['خ', 'KeyO'],
      ['ق', 'KeyR'],
      [':', 'Semicolon'],
      ['ة', 'KeyM'],
      ['ا', 'KeyH'],
      ['ة', 'KeyM'],
      ['8', 'Digit8'],
      ['م', 'KeyL'],
      ['س', 'KeyS'],
      ['ب', 'KeyF'],
    ];
    for (const [i, [k, code]] of keys.entries()) {
      expect(scanner.feed(scanChar({ key: k, code, ctrlKey: false, altKey: false, metaKey: false, shiftKey: true }), i * 6)).toBeNull();
    }
    const text = scanner.feed('Enter', keys.length * 6);
    expect(text).toBe(`DOR:${REF}`);
    expect(classifyScan(text!)).toEqual({ kind: 'reference', reference: REF });
  });
});
