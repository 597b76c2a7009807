// The one translator every screen uses (ui-kit/translator.ts): placeholders, plural forms by
// Intl.PluralRules, the Arabic-digits option, and English dictionaries held to the Arabic keys.
import { afterEach, describe, expect, it } from 'vitest';
import { setArabicDigits } from '../../ui-kit/i18n.ts';
import { translator, type Dictionary } from '../../ui-kit/translator.ts';

const ar = {
  goTo: 'تفضّل إلى الشباك {counter}',
  ticket: 'التذكرة {label} للرقم الشخصي {cpr}',
  count: '{n} من {len}',
  people: { zero: 'لا أحد', one: 'شخص واحد', two: 'شخصان', few: '{n} أشخاص', many: '{n} شخصًا', other: '{n} شخص' },
  seats: { one: 'مقعد واحد', other: '{n} مقعد' },
} satisfies Dictionary;

const en: Dictionary<keyof typeof ar> = {
  goTo: 'Please go to counter {counter}',
  ticket: 'Ticket {label} for CPR {cpr}',
  count: '{n} of {len}',
  people: { zero: 'no one', one: '1 person', other: '{n} people' },
  seats: { one: '1 seat', other: '{n} seats' },
};

const t = translator({ ar, en });

afterEach(() => setArabicDigits(false));

describe('placeholders', () => {
  it('fills every {name} from the params, in each language', () => {
    expect(t('ar', 'goTo', { counter: 4 })).toBe('تفضّل إلى الشباك 4');
    expect(t('en', 'goTo', { counter: 4 })).toBe('Please go to counter 4');
    expect(t('en', 'count', { n: 3, len: 9 })).toBe('3 of 9');
  });

  it('leaves a placeholder without its param visible', () => {
    expect(t('en', 'goTo')).toBe('Please go to counter {counter}');
    expect(t('ar', 'count', { n: 3 })).toBe('3 من {len}');
  });
});

describe('plural forms', () => {
  it('chooses each Arabic category by n: zero, one, two, few, many, other', () => {
    expect(t('ar', 'people', { n: 0 })).toBe('لا أحد');
    expect(t('ar', 'people', { n: 1 })).toBe('شخص واحد');
    expect(t('ar', 'people', { n: 2 })).toBe('شخصان');
    expect(t('ar', 'people', { n: 3 })).toBe('3 أشخاص');
    expect(t('ar', 'people', { n: 11 })).toBe('11 شخصًا');
    expect(t('ar', 'people', { n: 100 })).toBe('100 شخص');
  });

  it('chooses English one or other, and a zero form for 0 where the message has one', () => {
    expect(t('en', 'people', { n: 1 })).toBe('1 person');
    expect(t('en', 'people', { n: 2 })).toBe('2 people');
    expect(t('en', 'people', { n: 0 })).toBe('no one');
    expect(t('en', 'seats', { n: 0 })).toBe('0 seats');
  });

  it('falls back to `other` for a category the message leaves out', () => {
    expect(t('ar', 'seats', { n: 2 })).toBe('2 مقعد');
    expect(t('ar', 'seats', { n: 0 })).toBe('0 مقعد');
  });
});

describe('Arabic digits', () => {
  it('are Western by default in both languages', () => {
    expect(t('ar', 'count', { n: 12, len: 9 })).toBe('12 من 9');
  });

  it('convert the numbers put into Arabic text once switched on, never English, labels or CPRs', () => {
    setArabicDigits(true);
    expect(t('ar', 'count', { n: 12, len: 9 })).toBe('١٢ من ٩');
    expect(t('ar', 'people', { n: 3 })).toBe('٣ أشخاص');
    expect(t('ar', 'ticket', { label: 'B-012', cpr: '850101234' })).toBe('التذكرة B-012 للرقم الشخصي 850101234');
    expect(t('en', 'count', { n: 12, len: 9 })).toBe('12 of 9');
    setArabicDigits(false);
    expect(t('ar', 'count', { n: 12, len: 9 })).toBe('12 من 9');
  });
});

describe('dictionaries', () => {
  it('hold the English one to exactly the Arabic keys (checked by `tsc`)', () => {
    const { goTo: _dropped, ...enMissingOne } = en;
    // @ts-expect-error an English dictionary missing a key does not typecheck
    const missing = translator({ ar, en: enMissingOne });
    // Unchecked, the missing message would only fail on screen.
    expect(() => missing('en', 'goTo')).toThrow();
    // @ts-expect-error nor does one with a key the Arabic one lacks
    translator({ ar, en: { ...en, extra: 'extra' } });
    // @ts-expect-error and a key the dictionaries lack cannot be asked for
    expect(() => t('en', 'nowhere')).toThrow();
  });
});
