// The hub's logger (pino), which never prints a citizen's full CPR or phone number: every string it
// writes — the message, every field at any depth, an error's message and stack — has each CPR or
// phone number in it masked down to its last 3 digits, in this one place.
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/**
 * A number standing alone in text (no letter, digit, `_` or `-` touching it, so tokens and ids are
 * left whole) of 8 to 12 digits, a `+` kept: a mobile (8 digits, 11 with 973), a CPR (9).
 */
const PERSONAL_NUMBER = /(?<![\p{L}\p{N}_-])(\+?)(\d{5,9})(\d{3})(?![\p{L}\p{N}_-])/gu;

/** "+97336001234" → "+********234", "900000123" → "******123". */
export const maskPersonalNumbers = (text: string): string =>
  text.replace(PERSONAL_NUMBER, (_all, plus: string, hidden: string, last: string) => `${plus}${'*'.repeat(hidden.length)}${last}`);

/**
 * Masks every string in a log record's fields, at any depth of plain objects and arrays. Class
 * instances pass as they are: errors go to the err serializer below, dates and buffers hold no text.
 */
export function maskFields<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalNumbers(value) as T;
  if (Array.isArray(value)) return value.map(maskFields) as T;
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskFields(v)])) as T;
}

export function hubLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      formatters: { log: maskFields, bindings: maskFields },
      // The serializer's record of an error has a prototype of its own: spread, it is plain data.
      serializers: { err: (err: Error) => maskFields({ ...pino.stdSerializers.err(err) }) },
      hooks: {
        // The message itself and any printf-style arguments.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalNumbers(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}
