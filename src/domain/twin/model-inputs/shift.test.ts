import { describe, expect, it } from 'vitest';
import type { Occupation } from '../twin-features.js';
import { fixedOffsetClock, zoneOffsetMinutes } from './local-clock.js';
import { shiftEndAfter } from './shift.js';

const shift = (start: string | null, end: string | null): Occupation => ({
  physical_demand: null,
  safety_critical: null,
  shift_start_local: start,
  shift_end_local: end,
});
const utc = fixedOffsetClock(0);
const end = (occupation: Occupation, now: string) => {
  const ms = shiftEndAfter(occupation, Date.parse(now), utc);
  return ms === null ? null : new Date(ms).toISOString();
};

describe('shiftEndAfter', () => {
  it('is the end of the shift in progress, else of the next one; a night shift crosses midnight', () => {
    expect(end(shift('09:00', '17:00'), '2026-06-30T12:00:00Z')).toBe('2026-06-30T17:00:00.000Z');
    expect(end(shift('09:00', '17:00'), '2026-06-30T18:00:00Z')).toBe('2026-07-01T17:00:00.000Z');
    expect(end(shift('22:00', '06:00'), '2026-06-30T23:00:00Z')).toBe('2026-07-01T06:00:00.000Z');
    expect(end(shift('22:00', '06:00'), '2026-07-01T03:00:00Z')).toBe('2026-07-01T06:00:00.000Z');
  });

  it('is null when the shift is not stated or malformed', () => {
    expect(end(shift(null, '17:00'), '2026-06-30T12:00:00Z')).toBeNull();
    expect(end(shift('9am', '17:00'), '2026-06-30T12:00:00Z')).toBeNull();
  });
});

describe('zoneOffsetMinutes', () => {
  it('reads the zone’s offset at the instant (DST aware) and is null for an unknown zone', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-06-30T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(zoneOffsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe(-210);
    expect(zoneOffsetMinutes(0, 'Not/AZone')).toBeNull();
  });
});
