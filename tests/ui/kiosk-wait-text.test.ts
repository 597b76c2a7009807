// The kiosk's wait wording (tiles, ticket, status page): what the citizen faces, with hours for long waits, in both languages.
import { describe, expect, it } from 'vitest';
import { durationText, t, waitText } from '../../kiosk-ui/i18n.ts';

describe('kiosk wait wording', () => {
  it('says minutes for short waits and hours and minutes for long ones (rounded to 5 min)', () => {
    expect(waitText('en', 25)).toBe('about 25 min');
    expect(waitText('en', 103)).toBe('about 1 h 45 min');
    expect(waitText('en', 119)).toBe('about 2 h');
    expect(waitText('en', 0)).toBe('less than a minute');
    expect(waitText('en', null)).toBe('not available yet');
    expect(durationText('en', 61)).toBe('1 h');
  });

  it('in Arabic, with its number forms', () => {
    expect(waitText('ar', 103)).toBe(`حوالي ساعة و${t('ar', 'dur.minutes', { n: 45 })}`);
    expect(t('ar', 'dur.minutes', { n: 45 })).toMatch(/^\S+ دقيقة$/);
    expect(durationText('ar', 120)).toBe('ساعتين');
    expect(durationText('ar', 5 * 60)).toMatch(/^\S+ ساعات$/);
    expect(waitText('ar', 2)).toBe('حوالي دقيقتين');
    expect(waitText('ar', 0)).toBe('أقل من دقيقة');
  });

  it('counts the people ahead of a new walk-in', () => {
    expect(t('en', 'services.ahead', { n: 12 })).toBe('12 ahead of you');
    expect(t('en', 'services.ahead', { n: 0 })).toBe('no one ahead of you');
    expect(t('ar', 'services.ahead', { n: 1 })).toBe('شخص واحد قبلك');
    expect(t('ar', 'services.ahead', { n: 0 })).toBe('لا أحد قبلك');
  });
});
