import { describe, expect, it } from 'vitest';
import { formatInstant, isValidTimeZone, localAtOffset, localInZone, parseInstant } from './local-time.js';

const t = (s: string) => Date.parse(s);

describe('localInZone (Intl, never the machine zone)', () => {
  it('gives the local date and minute of day in the named zone', () => {
    expect(localInZone(t('2024-01-16T03:30:00Z'), 'America/New_York')).toEqual({ date: '2024-01-15', minuteOfDay: 22 * 60 + 30 });
    expect(localInZone(t('2024-01-16T03:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2024-01-16', minuteOfDay: 12 * 60 + 30 });
    expect(localInZone(t('2024-01-16T03:30:00Z'), 'Asia/Kolkata')).toEqual({ date: '2024-01-16', minuteOfDay: 9 * 60 });
  });

  it('midnight is 00:00 of the new day, not 24:00 of the old one', () => {
    expect(localInZone(t('2024-06-14T22:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2024-06-15', minuteOfDay: 0 });
  });

  it('follows DST: Europe/Berlin 2024-03-31 (02:00 CET → 03:00 CEST at 01:00Z)', () => {
    expect(localInZone(t('2024-03-31T00:59:00Z'), 'Europe/Berlin')).toEqual({ date: '2024-03-31', minuteOfDay: 60 + 59 });
    expect(localInZone(t('2024-03-31T01:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2024-03-31', minuteOfDay: 3 * 60 });
  });

  it('follows DST: America/New_York 2024-11-03 (the hour 01:00–02:00 happens twice)', () => {
    expect(localInZone(t('2024-11-03T05:30:00Z'), 'America/New_York')).toEqual({ date: '2024-11-03', minuteOfDay: 90 });
    expect(localInZone(t('2024-11-03T06:30:00Z'), 'America/New_York')).toEqual({ date: '2024-11-03', minuteOfDay: 90 });
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('localAtOffset', () => {
  it('applies a fixed offset', () => {
    expect(localAtOffset(t('2024-01-16T03:30:00Z'), -300)).toEqual({ date: '2024-01-15', minuteOfDay: 22 * 60 + 30 });
    expect(localAtOffset(t('2024-01-15T20:00:00Z'), 330)).toEqual({ date: '2024-01-16', minuteOfDay: 90 });
    expect(localAtOffset(t('2024-01-16T03:30:00Z'), 0)).toEqual({ date: '2024-01-16', minuteOfDay: 210 });
  });
});

describe('parseInstant / formatInstant', () => {
  it('accepts ISO instants with Z or ±HH:MM', () => {
    expect(parseInstant('2024-03-10T07:00:00Z')).toBe(t('2024-03-10T07:00:00Z'));
    expect(parseInstant('2024-03-10T02:00:00-05:00')).toBe(t('2024-03-10T07:00:00Z'));
    expect(parseInstant('2024-03-10T07:00Z')).toBe(t('2024-03-10T07:00:00Z'));
    expect(parseInstant('2024-03-10T07:00:00.250Z')).toBe(t('2024-03-10T07:00:00.250Z'));
  });

  it('refuses local times (which Date.parse would read in the machine zone) and impossible dates', () => {
    for (const s of ['2024-03-10T07:00:00', '2024-03-10 07:00:00 -0500', '2024-02-30T00:00:00Z', '2024-03-10', 'yesterday', '2024-03-10T25:00:00Z']) {
      expect(parseInstant(s)).toBeNull();
    }
  });

  it('formats UTC, without .000', () => {
    expect(formatInstant(t('2025-12-01T23:15:00Z'))).toBe('2025-12-01T23:15:00Z');
    expect(formatInstant(t('2025-12-01T23:15:00.5Z'))).toBe('2025-12-01T23:15:00.500Z');
  });
});
