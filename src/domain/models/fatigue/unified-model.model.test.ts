import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { formatLocalDateTime, parseLocalDateTime } from './timeline.js';
import { UNIFIED_DEFAULTS, unifiedModel } from './unified-model.model.js';

/*
 * Sources of the expected values:
 *  - [README] FIPS R package README (github.com/humanfactors/FIPS, "Core Features Example"): a unified-model
 *    simulation with 5-minute epochs from 2020-05-21 08:00, "Simulation duration: 60 hours", "Time points: 721",
 *    and the first 10 rows printed (s, l, c, w, fatigue, 3 significant digits). Those rows are awake from the start
 *    (sim_hours 0-0.75), so they depend only on the start time; the README's own sleep sequence is not shown.
 *  - [PVEC] FIPS unified_make_pvec defaults (R/simulation_unifiedfatiguemodel.R): U0 24.12, L0 0, S0 0, phi 2.02,
 *    kappa 4.13, tau_s 1, tau_w 40, tau_la 4.06 × 24, sigma 1, wc 1.14, wd -0.46; the FIPS test helper
 *    (tests/testthat/helper-unified_simulate.R) spells tau_la out as 97.44. The README rows confirm wd -0.46
 *    (w 0.978 at 20 minutes; -0.4 would print 0.998).
 *  - [HAND] arithmetic of FIPS's published equations (unified_Sfun, unified_Spfun, unified_Lfun, unified_Lpfun,
 *    unified_Cfun, fatigue = s + kappa·c) with the defaults, evaluated independently in Python (double
 *    precision) for a schedule FIPS does not print: awake 07:00-23:00 (16 h), asleep 23:00-07:00 (8 h), awake to
 *    12:00. At sleep onset S 7.951880489620379, L 3.652510292877119; at waking S 0.05917782458327281,
 *    L -0.43775221564043143; at 12:00 S 2.8863989565559898, L 0.7906097917366834, C -0.34210290899905355,
 *    W 0.11429508184399621, fatigue 1.4735139423898986.
 */

const printedDecimals = (printed: string) => (printed.split('.')[1] ?? '').length;
/** Matches a value R printed: within half a unit of its last printed digit. */
const expectPrinted = (actual: number, printed: string) => {
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -printedDecimals(printed) + 1e-12);
};

type Input = Parameters<typeof unifiedModel.compute>[0];
const run = (input: Input) => unifiedModel.compute(input);
const inputError = (input: Input): ModelInputError => {
  try {
    run(input);
  } catch (error) {
    if (error instanceof ModelInputError) return error;
    throw error;
  }
  throw new Error('expected a ModelInputError');
};

describe('unified-model', () => {
  it('README example: 721 points over 60 h at 5 min, rows 1-10 as FIPS prints them', () => {
    const { series } = run({ epoch_minutes: 5, start: '2020-05-21T08:00', end: '2020-05-23T20:00', sleep_periods: [] }).outputs;
    expect(series).toHaveLength(721);
    // [README] s, l, c, w, fatigue
    const printed = [
      ['0', '0', '0.335', '1.14', '1.38'],
      ['0.0502', '0.0206', '0.320', '1.10', '1.37'],
      ['0.100', '0.0412', '0.305', '1.06', '1.36'],
      ['0.150', '0.0618', '0.291', '1.02', '1.35'],
      ['0.200', '0.0824', '0.276', '0.978', '1.34'],
      ['0.250', '0.103', '0.261', '0.941', '1.33'],
      ['0.300', '0.123', '0.247', '0.906', '1.32'],
      ['0.349', '0.144', '0.232', '0.872', '1.31'],
      ['0.399', '0.164', '0.218', '0.839', '1.30'],
      ['0.448', '0.185', '0.204', '0.807', '1.29'],
    ] as const;
    printed.forEach(([s, l, c, w, fatigue], i) => {
      const row = series[i];
      expect(row?.time).toBe(`2020-05-21T08:${String(i * 5).padStart(2, '0')}:00`);
      expect(row?.awake).toBe(true);
      expectPrinted(row?.s ?? NaN, s);
      expectPrinted(row?.l ?? NaN, l);
      expectPrinted(row?.c ?? NaN, c);
      expectPrinted(row?.w ?? NaN, w);
      expectPrinted(row?.fatigue ?? NaN, fatigue);
    });
  });

  it('default parameters are FIPS unified_make_pvec ([PVEC])', () => {
    expect(UNIFIED_DEFAULTS).toEqual({ U0: 24.12, L0: 0, S0: 0, phi: 2.02, kappa: 4.13, tau_s: 1, tau_w: 40, tau_la: 4.06 * 24, sigma: 1, wc: 1.14, wd: -0.46 });
    expect(UNIFIED_DEFAULTS.tau_la).toBeCloseTo(97.44, 12);
  });

  it('sleep and wake dynamics of S and L ([HAND])', () => {
    const { series } = run({ epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T12:00', sleep_periods: [{ start: '2018-05-01T23:00', end: '2018-05-02T07:00' }] }).outputs;
    const at = (time: string) => series.find((r) => r.time === time);
    expect(at('2018-05-01T23:00:00')).toMatchObject({ awake: false, w: 0 });
    expect(at('2018-05-01T23:00:00')?.s).toBeCloseTo(7.951880489620379, 12);
    expect(at('2018-05-01T23:00:00')?.l).toBeCloseTo(3.652510292877119, 12);
    expect(at('2018-05-02T07:00:00')?.s).toBeCloseTo(0.05917782458327281, 12);
    expect(at('2018-05-02T07:00:00')?.l).toBeCloseTo(-0.43775221564043143, 12);
    expect(at('2018-05-02T07:00:00')?.w).toBe(1.14);
    const noon = at('2018-05-02T12:00:00');
    expect(noon?.s).toBeCloseTo(2.8863989565559898, 12);
    expect(noon?.l).toBeCloseTo(0.7906097917366834, 12);
    expect(noon?.c).toBeCloseTo(-0.34210290899905355, 12);
    expect(noon?.w).toBeCloseTo(0.11429508184399621, 12);
    expect(noon?.fatigue).toBeCloseTo(1.4735139423898986, 12);
  });

  it('starts from S0 and L0 also when the series starts asleep; sigma is accepted and unused', () => {
    const input = { epoch_minutes: 30, start: '2018-05-01T00:00', end: '2018-05-01T10:00', sleep_periods: [{ start: '2018-05-01T00:00', end: '2018-05-01T07:00' }] };
    const { series } = run({ ...input, params: { S0: 5, L0: 2 } }).outputs;
    expect(series[0]).toMatchObject({ awake: false, s: 5, l: 2, w: 0 });
    expect(run({ ...input, params: { sigma: 3 } })).toEqual(run(input));
  });

  it('422 for bad windows, sleep periods and parameters, naming the field', () => {
    const base = { epoch_minutes: 15, start: '2018-05-01T07:00', end: '2018-05-02T07:00', sleep_periods: [] };
    expect(inputError({ ...base, end: '2018-04-30T07:00' }).field).toBe('end');
    expect(inputError({ ...base, epoch_minutes: 25 }).field).toBe('epoch_minutes');
    expect(
      inputError({
        ...base,
        sleep_periods: [
          { start: '2018-05-01T22:00', end: '2018-05-02T02:00' },
          { start: '2018-05-01T23:00', end: '2018-05-02T03:00' },
        ],
      }).field,
    ).toBe('sleep_periods.1.start');
    expect(inputError({ ...base, params: { tau_la: 1 } }).field).toBe('params.tau_la');
    expect(inputError({ ...base, params: { tau_w: 0 } }).field).toBe('params');
  });

  it('schema: closed objects, FIPS parameter names only', () => {
    const ok = (v: unknown) => Value.Check(unifiedModel.inputSchema, v);
    const base = { epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T07:00', sleep_periods: [] };
    expect(ok({ ...base, params: { U0: 20, kappa: 4 } })).toBe(true);
    expect(ok({ ...base, params: { Wc: 1 } })).toBe(false);
    expect(ok({ ...base, params: { tau_s: 0 } })).toBe(false);
    expect(ok({ ...base, sleep: [] })).toBe(false);
  });
});

const schedule = fc
  .record({
    startHour: fc.integer({ min: 0, max: 23 }),
    epoch: fc.constantFrom(5, 10, 15, 30, 60),
    epochs: fc.integer({ min: 2, max: 400 }),
    mask: fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }),
    runLength: fc.integer({ min: 1, max: 60 }),
    extraFrom: fc.nat(),
    extraLength: fc.integer({ min: 1, max: 120 }),
  })
  .map(({ startHour, epoch, epochs, mask, runLength, extraFrom, extraLength }) => {
    const asleep = Array.from({ length: epochs }, (_, k) => mask[Math.floor(k / runLength)] === true);
    const from = extraFrom % epochs;
    const more = asleep.map((a, k) => a || (k >= from && k < from + extraLength));
    return { startHour, epoch, epochs, asleep, more };
  });

const START = parseLocalDateTime('2024-03-01T00:00', 'start');
const toInput = (startHour: number, epoch: number, epochs: number, asleep: boolean[]) => {
  const start = START + startHour * 3600;
  const at = (k: number) => formatLocalDateTime(start + k * epoch * 60);
  const sleep_periods: Array<{ start: string; end: string }> = [];
  for (let k = 0; k < epochs; k++) {
    if (asleep[k] && !asleep[k - 1]) sleep_periods.push({ start: at(k), end: at(k) });
    if (asleep[k]) sleep_periods[sleep_periods.length - 1]!.end = at(k + 1);
  }
  return { epoch_minutes: epoch, start: at(0), end: at(epochs), sleep_periods };
};

describe('unified-model properties', () => {
  it('deterministic, one entry per epoch inclusive, S and L within [−2·U0, U0]', () => {
    const U0 = UNIFIED_DEFAULTS.U0;
    fc.assert(
      fc.property(schedule, fc.double({ min: 0, max: 24.12, noNaN: true }), ({ startHour, epoch, epochs, asleep }, S0) => {
        const input = { ...toInput(startHour, epoch, epochs, asleep), params: { S0 } };
        const a = run(input).outputs.series;
        expect(run(input).outputs.series).toEqual(a);
        expect(a).toHaveLength(epochs + 1);
        for (const row of a) {
          for (const v of [row.s, row.l]) {
            expect(v).toBeGreaterThanOrEqual(-2 * U0 - 1e-9);
            expect(v).toBeLessThanOrEqual(U0 + 1e-9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('more sleep in the same window never raises fatigue at the end', () => {
    fc.assert(
      fc.property(schedule, ({ startHour, epoch, epochs, asleep, more }) => {
        const less = run(toInput(startHour, epoch, epochs, asleep)).outputs.series.at(-1);
        const moreEnd = run(toInput(startHour, epoch, epochs, more)).outputs.series.at(-1);
        expect(moreEnd?.fatigue ?? Infinity).toBeLessThanOrEqual((less?.fatigue ?? -Infinity) + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
