import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantProblem, parseIsoDateTime, scalarMetadata, timeZoneIn } from './wire-values.js';

const strict = { requireDesignator: true } as const;
const lenient = { requireDesignator: false } as const;

describe('parseIsoDateTime', () => {
  it('reads the instant and the offset as written; zero offsets record no local offset', () => {
    expect(parseIsoDateTime('2025-03-01T07:12:00+01:00', strict)).toEqual({
      epochMs: Date.parse('2025-03-01T06:12:00Z'),
      utcOffsetMinutes: 60,
      hasDesignator: true,
    });
    expect(parseIsoDateTime('2025-03-01 07:12-0530', strict)).toEqual({
      epochMs: Date.parse('2025-03-01T12:42:00Z'),
      utcOffsetMinutes: -330,
      hasDesignator: true,
    });
    expect(parseIsoDateTime('2025-03-01T07:12:00+09', strict)!.utcOffsetMinutes).toBe(540);
    for (const zero of ['Z', 'z', '+00:00', '-00:00', '+0000'])
      expect(parseIsoDateTime(`2025-03-01T07:12:00${zero}`, strict)!.utcOffsetMinutes).toBeNull();
  });

  it('fractions are kept to the millisecond (truncated), up to 9 digits', () => {
    expect(parseIsoDateTime('2025-03-01T07:12:00.5Z', strict)!.epochMs % 1000).toBe(500);
    expect(parseIsoDateTime('2025-03-01T07:12:00.123456789Z', strict)!.epochMs % 1000).toBe(123);
    expect(parseIsoDateTime('2025-03-01T07:12:00.9999Z', strict)!.epochMs % 1000).toBe(999);
    expect(parseIsoDateTime('2025-03-01T07:12:00.1234567890Z', strict)).toBeNull();
  });

  it('without a designator: refused when required, else read as UTC, never in the machine zone', () => {
    expect(parseIsoDateTime('2025-03-01T07:12:00', strict)).toBeNull();
    expect(parseIsoDateTime('2025-03-01T07:12:00', lenient)).toEqual({
      epochMs: Date.parse('2025-03-01T07:12:00Z'),
      utcOffsetMinutes: null,
      hasDesignator: false,
    });
  });

  it('refuses impossible dates and times instead of rolling them over, and offsets beyond ±18:00', () => {
    for (const bad of [
      '2025-02-29T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-00-10T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-03-01T24:00:00Z',
      '2025-03-01T23:60:00Z',
      '2025-03-01T23:59:60Z',
      '2025-03-01T07:12:00+19:00',
      '2025-03-01T07:12:00+05:60',
      '2025-03-01',
      '20250301T071200Z',
      ' 2025-03-01T07:12:00Z',
    ]) {
      expect(parseIsoDateTime(bad, lenient), bad).toBeNull();
    }
    expect(parseIsoDateTime('2024-02-29T00:00:00Z', strict)).not.toBeNull();
    expect(parseIsoDateTime('0050-01-01T00:00:00Z', strict)!.epochMs).toBe(Date.parse('0050-01-01T00:00:00Z')); // no 19xx shift
  });

  it('agrees with Date.parse on every instant Date.toISOString writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseIsoDateTime(d.toISOString(), strict)!.epochMs).toBe(d.getTime());
      }),
    );
  });
});

describe('instant bounds, metadata scalars, zones', () => {
  it('refuses instants past now + tolerance and before 1900', () => {
    const now = Date.parse('2025-03-01T00:00:00Z');
    expect(instantProblem(now + 86_400_000, now)).toBeNull();
    expect(instantProblem(now + 86_400_001, now)).toBe('is in the future');
    expect(instantProblem(now + 1, now, 0)).toBe('is in the future');
    expect(instantProblem(Date.parse('1899-12-31T23:59:59Z'), now)).toBe('is before 1900');
  });

  it('keeps string, finite-number and boolean metadata; a __proto__ key stays a plain key', () => {
    const parsed = JSON.parse('{"a":"x","b":1,"c":true,"d":null,"e":{"f":1},"g":[1],"__proto__":"p"}') as unknown;
    const kept = scalarMetadata(parsed)!;
    expect(Object.keys(kept).sort()).toEqual(['__proto__', 'a', 'b', 'c']);
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(scalarMetadata({ d: null })).toBeNull();
    expect(scalarMetadata([1, 2])).toBeNull();
  });

  it('takes the first key naming a zone Intl knows', () => {
    expect(timeZoneIn({ HKTimeZone: 'Europe/Berlin' }, ['HKTimeZone'])).toBe('Europe/Berlin');
    expect(timeZoneIn({ HKTimeZone: 'Nowhere/City', tz: 'Asia/Tokyo' }, ['HKTimeZone', 'tz'])).toBe('Asia/Tokyo');
    expect(timeZoneIn({ HKTimeZone: 7 }, ['HKTimeZone'])).toBeNull();
    expect(timeZoneIn(null, ['HKTimeZone'])).toBeNull();
  });
});
