// Booking references: short, unambiguous (no 0/O, 1/I), with a Luhn mod N check character.
// The one definition of their alphabet and shape, for the hub (making and checking them), the input
// schemas and the screens (the console's search, the kiosk's scanner); no Node APIs.
//
// A reference is 6 body characters + 1 check character over a 32-character alphabet.
// Luhn mod N detects every single-character substitution and every adjacent transposition
// except one pair of code points, 0 and N-1 (here '2' and 'Z'), the analogue of 09 ↔ 90
// in the decimal Luhn algorithm.

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = REFERENCE_ALPHABET.length; // 32
export const REFERENCE_BODY_LENGTH = 6;
export const REFERENCE_LENGTH = REFERENCE_BODY_LENGTH + 1;

/** A regex character class's contents for `chars` (letters and digits, in order), runs written as ranges: "2-9A-HJ-NP-Z". */
function classOf(chars: string): string {
  let out = '';
  for (let i = 0; i < chars.length; ) {
    let j = i;
    while (j + 1 < chars.length && chars.charCodeAt(j + 1) === chars.charCodeAt(j) + 1) j++;
    out += j - i >= 2 ? `${chars[i]}-${chars[j]}` : chars.slice(i, j + 1);
    i = j + 1;
  }
  return out;
}

/** One character of a reference as people type it, either case (both spelled out: the pattern is printed in docs/API.md). */
const REFERENCE_CHARACTER = `[${classOf(REFERENCE_ALPHABET + REFERENCE_ALPHABET.replace(/[0-9]/g, '').toLowerCase())}]`;
/** A whole reference, either case (the check character is checked by `isValidReference`). */
export const REFERENCE_PATTERN = new RegExp(`^${REFERENCE_CHARACTER}{${REFERENCE_LENGTH}}$`);
/**
 * What a kiosk or a client may offer as a reference (a scan, a check-in body): 4–12 characters of the
 * alphabet, either case. Looser than a reference on purpose: the lookup then answers "no appointment".
 */
export const REFERENCE_CANDIDATE = new RegExp(`^${REFERENCE_CHARACTER}{4,12}$`);

function codePoint(ch: string): number {
  const i = REFERENCE_ALPHABET.indexOf(ch);
  if (i < 0) throw new Error(`invalid reference character ${JSON.stringify(ch)}`);
  return i;
}

/** Luhn mod N sum, starting with `factor` on the rightmost character. */
function luhnSum(chars: string, startFactor: 1 | 2): number {
  let factor: number = startFactor;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    let addend = factor * codePoint(chars[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return sum % N;
}

/** Upper-cases and removes spaces and dashes, as a citizen or scanner may type them. */
export function normalizeReference(ref: string): string {
  return ref
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/** The check character of `body` (characters of REFERENCE_ALPHABET). */
export function checkCharacter(body: string): string {
  const remainder = luhnSum(body.toUpperCase(), 2);
  return REFERENCE_ALPHABET[(N - remainder) % N]!;
}

/** `body` followed by its Luhn mod N check character. */
export function referenceFromBody(body: string): string {
  const upper = body.toUpperCase();
  return upper + checkCharacter(upper);
}

/** A random reference: 6 body characters + check character. */
export function randomReference(random: () => number = Math.random): string {
  let body = '';
  for (let i = 0; i < REFERENCE_BODY_LENGTH; i++) {
    body += REFERENCE_ALPHABET[Math.min(N - 1, Math.floor(random() * N))]!;
  }
  return referenceFromBody(body);
}

/**
 * A deterministic reference for the integer `n` (0 ≤ n < 32^6): distinct n give distinct references,
 * scrambled so consecutive numbers do not look consecutive. Used by the demo seed so its references are stable.
 */
export function makeReference(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('makeReference expects a non-negative integer');
  // n ↦ n·K + C mod 2^30 is a bijection for odd K; 2^30 = 32^6.
  let x = (Math.imul(n, 0x2545f491) + 0x1b3a5c7) & 0x3fffffff;
  let body = '';
  for (let i = 0; i < REFERENCE_BODY_LENGTH; i++) {
    body = REFERENCE_ALPHABET[x & 31]! + body;
    x >>>= 5;
  }
  return referenceFromBody(body);
}

/** True when `ref` (case-insensitive) is 7 characters of the alphabet with a correct check character. */
export function isValidReference(ref: string): boolean {
  const upper = ref.toUpperCase();
  if (upper.length !== REFERENCE_LENGTH) return false;
  for (const ch of upper) if (!REFERENCE_ALPHABET.includes(ch)) return false;
  return luhnSum(upper, 1) === 0;
}
