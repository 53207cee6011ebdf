// Expected values are hand sums of max(0, need − slept) over the nights with data (docs/health-data.md § sleep_debt_hours).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './local-date.js';
import { sleepDebt, type SleepDebtNight } from './sleep-debt.js';

/** `count` consecutive nights ending at 2025-12-14, each `minutes` long. */
const nights = (count: number, minutes: number, end = '2025-12-14'): SleepDebtNight[] =>
  Array.from({ length: count }, (_, i) => ({ night_date: addDays(end, -i), total_sleep_minutes: minutes }));
const debt = (...args: Parameters<typeof sleepDebt>) => {
  const r = sleepDebt(...args);
  if (r.value === null) throw new Error(`expected a debt, got ${r.reason}`);
  return r;
};

describe('sleepDebt: worked examples', () => {
  it('14 nights of 7 h against the 8 h default need: 14 × 60 min = 14.0 h', () => {
    const r = debt({ as_of: '2025-12-14', nights: nights(14, 420), age_years: null });
    expect(r).toMatchObject({ value: 14, debt_minutes: 840, need_minutes: 480, need_basis: 'default', nights_with_data: 14, coverage: 1 });
    expect(r.window).toEqual({ from: '2025-12-01', to: '2025-12-14' });
  });

  it("the spec's 2.5 h: two nights of 6 h 45 min among twelve of 8 h → 2 × 75 min = 150 min = 2.5 h", () => {
    const input = [
      ...nights(12, 480, '2025-12-12'),
      { night_date: '2025-12-13', total_sleep_minutes: 405 },
      { night_date: '2025-12-14', total_sleep_minutes: 405 },
    ];
    expect(debt({ as_of: '2025-12-14', nights: input, age_years: 40 }).value).toBe(2.5);
  });

  it('extra sleep is not credited: 7 nights of 9 h and 7 of 7 h → 7 h of debt', () => {
    const input = [...nights(7, 540, '2025-12-07'), ...nights(7, 420, '2025-12-14')];
    expect(debt({ as_of: '2025-12-14', nights: input, age_years: null }).value).toBe(7);
  });

  it('a nap on a date adds to that date: 6 h night + 1 h nap = 7 h', () => {
    const input = [
      ...nights(13, 480, '2025-12-13'),
      { night_date: '2025-12-14', total_sleep_minutes: 360 },
      { night_date: '2025-12-14', total_sleep_minutes: 60 },
    ];
    const r = debt({ as_of: '2025-12-14', nights: input, age_years: null });
    expect(r.debt_minutes).toBe(60);
    expect(r.per_night.at(-1)).toEqual({ date: '2025-12-14', slept_minutes: 420, deficit_minutes: 60 });
  });

  it('nights without data are not debt; coverage says how many there were', () => {
    const r = debt({ as_of: '2025-12-14', nights: nights(10, 420), age_years: null });
    expect(r).toMatchObject({ value: 10, nights_with_data: 10, nights_in_window: 14 });
    expect(r.coverage).toBeCloseTo(10 / 14, 12);
  });

  it('nights outside the 14-night window are ignored', () => {
    const input = [
      ...nights(14, 480),
      { night_date: '2025-11-30', total_sleep_minutes: 0 },
      { night_date: '2025-12-15', total_sleep_minutes: 0 },
    ];
    expect(debt({ as_of: '2025-12-14', nights: input, age_years: null }).value).toBe(0);
  });

  it('need by age (NSF midpoint): 7.5 h at 70, 9 h at 15, 8 h at 30; a personal need overrides', () => {
    expect(debt({ as_of: '2025-12-14', nights: nights(14, 420), age_years: 70 })).toMatchObject({
      need_minutes: 450,
      need_basis: 'age',
      value: 7,
    });
    expect(debt({ as_of: '2025-12-14', nights: nights(14, 420), age_years: 15 })).toMatchObject({ need_minutes: 540, value: 28 });
    expect(debt({ as_of: '2025-12-14', nights: nights(14, 420), age_years: 30 })).toMatchObject({ need_minutes: 480 });
    expect(debt({ as_of: '2025-12-14', nights: nights(14, 420), age_years: 30, need_minutes: 420 })).toMatchObject({
      need_basis: 'personal',
      value: 0,
    });
  });

  it('rounds hours to one decimal: 7 min → 0.1 h', () => {
    const input = [...nights(13, 480, '2025-12-13'), { night_date: '2025-12-14', total_sleep_minutes: 473 }];
    expect(debt({ as_of: '2025-12-14', nights: input, age_years: null })).toMatchObject({ value: 0.1, debt_minutes: 7 });
  });
});

describe('sleepDebt: insufficient inputs', () => {
  it('fewer than 7 nights with data → null', () => {
    expect(sleepDebt({ as_of: '2025-12-14', nights: nights(6, 420), age_years: null })).toEqual({
      value: null,
      reason: 'too_few_nights',
      message: '6 of the 14 nights 2025-12-01 … 2025-12-14 have sleep data; at least 7 are needed',
    });
  });
  it('under 6 years → null; bad dates and negative minutes throw', () => {
    expect(sleepDebt({ as_of: '2025-12-14', nights: nights(14, 600), age_years: 4 })).toMatchObject({
      value: null,
      reason: 'age_not_supported',
    });
    expect(() => sleepDebt({ as_of: '14/12/2025', nights: [], age_years: null })).toThrow(RangeError);
    expect(() =>
      sleepDebt({ as_of: '2025-12-14', nights: [{ night_date: '2025-12-14', total_sleep_minutes: -5 }], age_years: null }),
    ).toThrow(RangeError);
  });
});

describe('sleepDebt: properties', () => {
  const arb = fc.array(fc.integer({ min: 0, max: 720 }), { minLength: 14, maxLength: 14 });
  it('more sleep on any night never increases the debt; the debt never exceeds need × nights', () => {
    fc.assert(
      fc.property(arb, fc.nat({ max: 13 }), fc.integer({ min: 0, max: 300 }), (minutes, i, extra) => {
        const input = minutes.map((m, k) => ({ night_date: addDays('2025-12-14', -k), total_sleep_minutes: m }));
        const more = input.map((n, k) => (k === i ? { ...n, total_sleep_minutes: n.total_sleep_minutes + extra } : n));
        const a = debt({ as_of: '2025-12-14', nights: input, age_years: null });
        const b = debt({ as_of: '2025-12-14', nights: more, age_years: null });
        expect(b.debt_minutes).toBeLessThanOrEqual(a.debt_minutes);
        expect(a.debt_minutes).toBeLessThanOrEqual(480 * 14);
      }),
    );
  });
});
