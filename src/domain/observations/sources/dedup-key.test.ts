import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInstant, canonicalNumber, canonicalValue, dedupKey, dedupKeyForSource } from './dedup-key.js';
import type { DedupKeyInput } from './dedup-key.js';
import { deviceKeyOf } from './device-identity.js';
import { sourceKey } from './source-class.js';

const WATCH = '&lt;&lt;HKDevice: 0x282a45810&gt;, name:Apple Watch, manufacturer:Apple, model:Watch, hardware:Watch2,4, software:4.3.1&gt;';

/** The dogsheep heart-rate record: startDate 2018-09-10 02:28:55 -0700, value 72 count/min. */
const heartRate: DedupKeyInput = {
  type: 'heart_rate',
  start: Date.UTC(2018, 8, 10, 9, 28, 55),
  end: Date.UTC(2018, 8, 10, 9, 28, 55),
  value: 72,
  sourceKey: sourceKey('Apple Watch'),
  deviceKey: deviceKeyOf(WATCH),
};

describe('canonical parts', () => {
  it('numbers: 10 significant digits, shortest form, no -0', () => {
    expect(canonicalNumber(72)).toBe('72');
    expect(canonicalNumber(48.74499999999999)).toBe('48.745'); // the dogsheep workout energy
    expect(canonicalNumber(0.1 + 0.2)).toBe('0.3');
    expect(canonicalNumber(-0)).toBe('0');
    expect(canonicalNumber(1e-7)).toBe('1e-7');
    expect(canonicalNumber(123456789012)).toBe('123456789000');
    expect(canonicalNumber(22.5312)).toBe('22.5312');
    expect(() => canonicalNumber(Number.NaN)).toThrow(RangeError);
  });

  it('numbers: unit-conversion noise disappears, real differences stay', () => {
    // 250.5 kJ → kcal by two paths differs in the last bit: 59.87093690248566 vs 59.87093690248565
    expect(250.5 / 4.184).not.toBe(250.5 * (1 / 4.184));
    expect(canonicalNumber(250.5 / 4.184)).toBe(canonicalNumber(250.5 * (1 / 4.184)));
    // 1.1 lb → kg with the exact factor vs a rounded inverse: 0.4989516070000001 vs 0.49895160699972296
    expect(canonicalNumber(1.1 * 0.45359237)).toBe(canonicalNumber(1.1 / 2.20462262185));
    expect(canonicalNumber(0.1 * 3)).toBe(canonicalNumber(0.3));
    expect(canonicalNumber(72.00001)).not.toBe(canonicalNumber(72));
  });

  it('instants: whole UTC seconds, so the export (seconds) and an upload (milliseconds) agree', () => {
    expect(canonicalInstant(Date.UTC(2018, 8, 10, 9, 28, 55))).toBe(canonicalInstant(Date.UTC(2018, 8, 10, 9, 28, 55, 731)));
    expect(canonicalInstant(-1)).toBe('-1'); // floor, not truncation, before 1970
    expect(canonicalInstant(999)).toBe('0');
  });

  it('values are tagged by kind and objects are key-order independent', () => {
    expect(new Set([canonicalValue(1), canonicalValue('1'), canonicalValue([1]), canonicalValue(true), canonicalValue(null)]).size).toBe(5);
    expect(canonicalValue({ systolic: 120, diastolic: 80 })).toBe(canonicalValue({ diastolic: 80, systolic: 120 }));
    expect(canonicalValue({ systolic: 120, diastolic: 80 })).toBe('{diastolic=n80,systolic=n120}');
    expect(canonicalValue(['a,b'])).not.toBe(canonicalValue(['a', 'b']));
  });
});

describe('dedupKey', () => {
  it('has a readable, versioned form', () => {
    expect(dedupKey(heartRate)).toBe(
      'obs1|heart_rate|1536571735|1536571735|n72|apple watch|dev1\\|apple\\|watch\\|watch2,4\\|apple watch\\|',
    );
    expect(dedupKey({ ...heartRate, deviceKey: null })).toBe('obs1|heart_rate|1536571735|1536571735|n72|apple watch|');
  });

  it('is the same for the same record re-imported (new memory address, raw vs normalised source name)', () => {
    const again = { ...heartRate, sourceKey: 'Apple  Watch', deviceKey: deviceKeyOf(WATCH.replace('0x282a45810', '0x2830f01e0')) };
    expect(dedupKey(again)).toBe(dedupKey(heartRate));
  });

  it('differs when any identity field differs', () => {
    const variants: DedupKeyInput[] = [
      { ...heartRate, type: 'resting_heart_rate' },
      { ...heartRate, start: heartRate.start - 1000 },
      { ...heartRate, end: heartRate.end + 1000 },
      { ...heartRate, value: 73 },
      { ...heartRate, sourceKey: 'iPhone' },
      { ...heartRate, deviceKey: null },
    ];
    const keys = new Set([heartRate, ...variants].map(dedupKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('rejects malformed input rather than guessing', () => {
    expect(() => dedupKey({ ...heartRate, type: '' })).toThrow(RangeError);
    expect(() => dedupKey({ ...heartRate, end: heartRate.start - 1000 })).toThrow(/end is before start/);
    expect(() => dedupKey({ ...heartRate, deviceKey: '' })).toThrow(RangeError);
    expect(() => dedupKey({ ...heartRate, sourceKey: '  ' })).toThrow(RangeError);
  });

  it('dedupKeyForSource builds exactly the key dedupKey builds, for any source, device, type and value', () => {
    const input = fc.record({
      type: fc.string({ minLength: 1, maxLength: 8 }),
      start: fc.integer({ min: 0, max: 4e12 }),
      length: fc.integer({ min: 0, max: 1e8 }),
      value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null)),
      sourceKey: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => sourceKey(s) !== ''),
      deviceKey: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
    });
    fc.assert(
      fc.property(input, ({ type, start, length, value, sourceKey: source, deviceKey }) => {
        const end = start + length;
        expect(dedupKeyForSource(source, deviceKey)(type, start, end, value)).toBe(
          dedupKey({ type, start, end, value, sourceKey: source, deviceKey }),
        );
      }),
      { numRuns: 1000 },
    );
    expect(dedupKeyForSource(heartRate.sourceKey, heartRate.deviceKey)('heart_rate', heartRate.start, heartRate.end, 72)).toBe(
      dedupKey(heartRate),
    );
  });

  it('is injective over its fields (escaping) and stable', () => {
    const text = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => sourceKey(s) !== '' && sourceKey(s) === s);
    const input = fc.record({
      type: fc.string({ minLength: 1, maxLength: 6 }),
      start: fc.integer({ min: 0, max: 10 }).map((s) => s * 1000),
      end: fc.integer({ min: 10, max: 20 }).map((s) => s * 1000),
      value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.string({ maxLength: 4 })),
      sourceKey: text,
      deviceKey: fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: null }),
    });
    fc.assert(
      fc.property(input, input, (a, b) => {
        expect(dedupKey(a)).toBe(dedupKey({ ...a }));
        const same =
          a.type === b.type &&
          a.start === b.start &&
          a.end === b.end &&
          a.value === b.value &&
          a.sourceKey === b.sourceKey &&
          a.deviceKey === b.deviceKey;
        expect(dedupKey(a) === dedupKey(b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('values within float noise give one key; re-parsing the same text gives the same key', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (x) => {
        const key = dedupKey({ ...heartRate, value: x });
        expect(dedupKey({ ...heartRate, value: Number(String(x)) })).toBe(key);
        // one ulp of noise changes the key only at a rounding boundary: check the canonical values stay within 1e-9 relative
        const noisy = Number(canonicalNumber(x * (1 + Number.EPSILON)));
        expect(Math.abs(noisy - x) / x).toBeLessThan(1e-9);
      }),
    );
  });
});
