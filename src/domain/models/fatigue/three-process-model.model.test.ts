import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ModelInputError } from '../model.js';
import { TPM_DEFAULTS, threeProcessModel } from './three-process-model.model.js';
import { formatLocalDateTime, parseLocalDateTime } from './timeline.js';

/*
 * Sources of the expected values:
 *  - [README] FIPS R package README (github.com/humanfactors/FIPS, "Core Features Example"): a TPM simulation with
 *    5-minute epochs from 2020-05-21 08:00, "Simulation duration: 60 hours", "Time points: 721", and the first 10
 *    rows printed (s, c, w, u, KSS, alertness, 3 significant digits). Those rows are awake from the start
 *    (sim_hours 0-0.75), so they depend only on the start time; the README's own sleep sequence is not shown.
 *  - [VIGNETTE] FIPS 0.2.1 vignette "FIPS Simulation Walkthrough" (docs/articles/FIPS-simulation-walkthrough.html):
 *    series 2018-05-01 07:00 to 2018-05-07 21:00, sleeps 23:00-06:30 (7.5 h) each night from 05-01 to 05-06,
 *    5-minute epochs: "Time points: 1897" and rows 1-10 printed (s, c, w, u); its printed parameter vector gives
 *    g = -0.3813564. Its FIPS_df printout shows the timeline rules: status_duration 0 at the first epoch of each
 *    run, total_prev = length of the run just ended.
 *  - [HAND] arithmetic of FIPS's published equations (R/simulation_threeprocessmodel.R: TPM_Sfun, TPM_Spfun,
 *    TPM_Sp1fun, TPM_Sp2fun, TPM_breaktimefun, TPM_Cfun, TPM_Ufun, TPM_get_KSS_vector) with the default
 *    TPM_make_pvec, evaluated independently in Python (double precision) for a schedule FIPS does not print:
 *    awake 07:00-22:00 (15 h), asleep 22:00-07:00 (9 h), awake to 12:00. S at sleep onset 5.674280362376003,
 *    breaktime 8.148506651601219 h; S after 4 h asleep 8.877674513789827 (linear branch), at waking after 9 h
 *    12.782271412182892 (exponential branch).
 */

const printedDecimals = (printed: string) => (printed.split('.')[1] ?? '').length;
/** Matches a value R printed: within half a unit of its last printed digit. */
const expectPrinted = (actual: number, printed: string) => {
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -printedDecimals(printed) + 1e-12);
};

type Input = Parameters<typeof threeProcessModel.compute>[0];
const run = (input: Input) => threeProcessModel.compute(input);
const inputError = (input: Input): ModelInputError => {
  try {
    run(input);
  } catch (error) {
    if (error instanceof ModelInputError) return error;
    throw error;
  }
  throw new Error('expected a ModelInputError');
};

const vignetteSleeps = [1, 2, 3, 4, 5, 6].map((d) => ({ start: `2018-05-0${d}T23:00`, end: `2018-05-0${d + 1}T06:30` }));

describe('three-process-model', () => {
  it('README example: 721 points over 60 h at 5 min, rows 1-10 as FIPS prints them', () => {
    const { series } = run({ epoch_minutes: 5, start: '2020-05-21T08:00', end: '2020-05-23T20:00', sleep_periods: [] }).outputs;
    expect(series).toHaveLength(721);
    // [README] s, c, w, u, KSS, alertness
    const printed = [
      ['7.96', '-1.67', '-5.72', '-0.00274', '10.3', '6.28'],
      ['7.94', '-1.63', '-5.04', '-0.00549', '9.84', '6.31'],
      ['7.93', '-1.59', '-4.45', '-0.00919', '9.47', '6.33'],
      ['7.91', '-1.55', '-3.92', '-0.0138', '9.14', '6.35'],
      ['7.89', '-1.50', '-3.46', '-0.0194', '8.85', '6.37'],
      ['7.88', '-1.46', '-3.05', '-0.0258', '8.59', '6.39'],
      ['7.86', '-1.42', '-2.69', '-0.0332', '8.36', '6.41'],
      ['7.85', '-1.37', '-2.37', '-0.0415', '8.16', '6.43'],
      ['7.83', '-1.32', '-2.09', '-0.0506', '7.98', '6.46'],
      ['7.81', '-1.28', '-1.84', '-0.0606', '7.82', '6.48'],
    ] as const;
    printed.forEach(([s, c, w, u, kss, alertness], i) => {
      const row = series[i];
      expect(row?.time).toBe(`2020-05-21T08:${String(i * 5).padStart(2, '0')}:00`);
      expect(row?.awake).toBe(true);
      expectPrinted(row?.s ?? NaN, s);
      expectPrinted(row?.c ?? NaN, c);
      expectPrinted(row?.w ?? NaN, w);
      expectPrinted(row?.u ?? NaN, u);
      expectPrinted(row?.kss ?? NaN, kss);
      expectPrinted(row?.alertness ?? NaN, alertness);
    });
  });

  it('vignette example: 1897 points, rows 1-10 as FIPS prints them', () => {
    const { series } = run({ epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-07T21:00', sleep_periods: vignetteSleeps }).outputs;
    expect(series).toHaveLength(1897);
    // [VIGNETTE] s, c, w, u
    const printed = [
      ['7.96', '-2.10', '-5.72', '-0.0432'],
      ['7.94', '-2.07', '-5.04', '-0.0348'],
      ['7.93', '-2.04', '-4.45', '-0.0272'],
      ['7.91', '-2.00', '-3.92', '-0.0206'],
      ['7.89', '-1.97', '-3.46', '-0.0149'],
      ['7.88', '-1.94', '-3.05', '-0.0100'],
      ['7.86', '-1.90', '-2.69', '-0.00616'],
      ['7.85', '-1.87', '-2.37', '-0.00321'],
      ['7.83', '-1.83', '-2.09', '-0.00122'],
      ['7.81', '-1.79', '-1.84', '-0.000171'],
    ] as const;
    printed.forEach(([s, c, w, u], i) => {
      const row = series[i];
      expectPrinted(row?.s ?? NaN, s);
      expectPrinted(row?.c ?? NaN, c);
      expectPrinted(row?.w ?? NaN, w);
      expectPrinted(row?.u ?? NaN, u);
    });
    // [VIGNETTE] sleep from 23:00 (first asleep epoch) to 06:30 (first awake epoch again).
    const at = (time: string) => series.find((r) => r.time === time);
    expect(at('2018-05-01T22:55:00')?.awake).toBe(true);
    expect(at('2018-05-01T23:00:00')?.awake).toBe(false);
    expect(at('2018-05-02T06:25:00')?.awake).toBe(false);
    expect(at('2018-05-02T06:30:00')).toMatchObject({ awake: true, w: TPM_DEFAULTS.Wc });
  });

  it('default parameters are FIPS TPM_make_pvec (g printed as -0.3813564)', () => {
    expectPrinted(TPM_DEFAULTS.g, '-0.3813564');
    expect(TPM_DEFAULTS).toMatchObject({ la: 2.4, ha: 14.3, d: -0.0353, bl: 12.2, Cm: 0, Ca: 2.5, p: 16.8, Um: -0.5, Ua: 0.5, Wc: -5.72, Wd: -1.51, S0: 7.96, KSS_intercept: 10.6, KSS_beta: -0.6 });
  });

  it('sleep recovery: linear below the break level, exponential above it ([HAND])', () => {
    const { series } = run({ epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T12:00', sleep_periods: [{ start: '2018-05-01T22:00', end: '2018-05-02T07:00' }] }).outputs;
    const at = (time: string) => series.find((r) => r.time === time);
    expect(at('2018-05-01T22:00:00')?.s).toBeCloseTo(5.674280362376003, 12);
    expect(at('2018-05-02T02:00:00')?.s).toBeCloseTo(8.877674513789827, 12);
    const wake = at('2018-05-02T07:00:00');
    expect(wake?.s).toBeCloseTo(12.782271412182892, 12);
    expect(wake?.w).toBe(-5.72);
    // KSS includes W, alertness does not (FIPS TPM_get_KSS_vector and formula alertness ~ s + c + u).
    expect(wake?.alertness).toBeCloseTo((wake?.s ?? 0) + (wake?.c ?? 0) + (wake?.u ?? 0), 12);
    expect(wake?.kss).toBeCloseTo(10.6 - 0.6 * ((wake?.s ?? 0) + (wake?.c ?? 0) + (wake?.u ?? 0) + (wake?.w ?? 0)), 12);
  });

  it('rounds sleep times to the nearest epoch, ties up, and says so', () => {
    const result = run({ epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-01T12:00', sleep_periods: [{ start: '2018-05-01T08:02', end: '2018-05-01T09:02:30' }] });
    expect(result.warnings).toEqual([expect.stringMatching(/rounded/)]);
    const at = (time: string) => result.outputs.series.find((r) => r.time === time);
    expect(at('2018-05-01T07:55:00')?.awake).toBe(true);
    expect(at('2018-05-01T08:00:00')?.awake).toBe(false);
    expect(at('2018-05-01T09:00:00')?.awake).toBe(false);
    expect(at('2018-05-01T09:05:00')?.awake).toBe(true);
    expect(run({ epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-01T12:00', sleep_periods: [{ start: '2018-05-01T08:01', end: '2018-05-01T08:02' }] }).warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/vanished/)]),
    );
  });

  it('starts from S0 also when the series starts asleep', () => {
    const { series } = run({ epoch_minutes: 10, start: '2018-05-01T00:00', end: '2018-05-01T10:00', sleep_periods: [{ start: '2018-05-01T00:00', end: '2018-05-01T07:00' }] }).outputs;
    expect(series[0]).toMatchObject({ awake: false, s: 7.96, w: 0 });
    expect(series[42]).toMatchObject({ awake: true, time: '2018-05-01T07:00:00', w: -5.72 });
  });

  it('applies parameter overrides by FIPS name and warns that KSS is calibrated for the defaults only', () => {
    const result = run({ epoch_minutes: 60, start: '2018-05-01T07:00', end: '2018-05-01T09:00', sleep_periods: [], params: { S0: 10, KSS_beta: -0.5 } });
    expect(result.outputs.series[0]?.s).toBeCloseTo(10, 12);
    expect(result.warnings).toEqual([expect.stringMatching(/KSS/)]);
    expect(run({ epoch_minutes: 60, start: '2018-05-01T07:00', end: '2018-05-01T09:00', sleep_periods: [], params: { S0: 7.96 } }).warnings).toEqual([]);
  });

  it('keeps FIPS\'s break-level discontinuity and warns when S is above bl at sleep onset', () => {
    // 14 h sleep takes S near ha; one hour later a 5-minute nap starts on the exponential branch below S.
    const base = { epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T09:05' } as const;
    const longSleep = { start: '2018-05-01T18:00', end: '2018-05-02T08:00' };
    const withNap = run({ ...base, sleep_periods: [longSleep, { start: '2018-05-02T09:00', end: '2018-05-02T09:05' }] });
    const without = run({ ...base, sleep_periods: [longSleep] });
    expect(withNap.warnings).toEqual([expect.stringMatching(/break level/)]);
    expect(without.warnings).toEqual([]);
    expect(withNap.outputs.series.at(-1)?.s ?? 0).toBeLessThan(without.outputs.series.at(-1)?.s ?? 0);
  });

  it('422 for bad windows and sleep periods, naming the field', () => {
    const base = { epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T07:00', sleep_periods: [] };
    expect(inputError({ ...base, end: '2018-05-01T06:00' }).field).toBe('end');
    expect(inputError({ ...base, end: base.start }).field).toBe('end');
    expect(inputError({ ...base, epoch_minutes: 7 }).field).toBe('epoch_minutes');
    expect(inputError({ ...base, start: '2018-02-30T07:00' }).field).toBe('start');
    const overlapping = [
      { start: '2018-05-01T22:00', end: '2018-05-02T02:00' },
      { start: '2018-05-02T01:00', end: '2018-05-02T03:00' },
    ];
    expect(inputError({ ...base, sleep_periods: overlapping }).field).toBe('sleep_periods.1.start');
    expect(inputError({ ...base, sleep_periods: [overlapping[1]!, { start: '2018-05-01T22:00', end: '2018-05-01T23:00' }] }).field).toBe('sleep_periods.1.start');
    expect(inputError({ ...base, sleep_periods: [{ start: '2018-05-01T23:00', end: '2018-05-01T22:00' }] }).field).toBe('sleep_periods.0.end');
    expect(inputError({ ...base, sleep_periods: [{ start: '2018-05-01T06:00', end: '2018-05-01T08:00' }] }).field).toBe('sleep_periods.0.start');
    expect(inputError({ ...base, sleep_periods: [{ start: '2018-05-02T06:00', end: '2018-05-02T08:00' }] }).field).toBe('sleep_periods.0.end');
    expect(inputError({ ...base, params: { bl: 14.3 } }).field).toBe('params');
    expect(inputError({ ...base, start: '2018-01-01T00:00', epoch_minutes: 1 }).field).toBe('end');
  });

  it('schema: closed objects, ISO local datetimes without zone', () => {
    const ok = (v: unknown) => Value.Check(threeProcessModel.inputSchema, v);
    const base = { epoch_minutes: 5, start: '2018-05-01T07:00', end: '2018-05-02T07:00', sleep_periods: [] };
    expect(ok(base)).toBe(true);
    expect(ok({ ...base, start: '2018-05-01 07:00:00' })).toBe(true);
    expect(ok({ ...base, start: '2018-05-01T07:00Z' })).toBe(false);
    expect(ok({ ...base, start: '2018-05-01T07:00+02:00' })).toBe(false);
    expect(ok({ ...base, extra: 1 })).toBe(false);
    expect(ok({ ...base, params: { KSS: 1 } })).toBe(false);
    expect(ok({ ...base, sleep_periods: [{ start: '2018-05-01T22:00', end: '2018-05-02T06:00', quality: 1 }] })).toBe(false);
    expect(ok({ ...base, epoch_minutes: 2.5 })).toBe(false);
  });
});

/** A random schedule on an epoch grid: window, epoch and a sleep mask; `more` adds sleep over [from, to). */
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
    // Runs of `runLength` epochs take the mask's value so that sleeps last hours, not single epochs.
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

describe('three-process-model properties', () => {
  it('deterministic, one entry per epoch inclusive, S within [la, ha]', () => {
    fc.assert(
      fc.property(schedule, fc.double({ min: 2.4, max: 14.3, noNaN: true }), ({ startHour, epoch, epochs, asleep }, S0) => {
        const input = { ...toInput(startHour, epoch, epochs, asleep), params: { S0 } };
        const a = run(input).outputs.series;
        expect(run(input).outputs.series).toEqual(a);
        expect(a).toHaveLength(epochs + 1);
        for (const row of a) {
          expect(row.s).toBeGreaterThanOrEqual(2.4 - 1e-9);
          expect(row.s).toBeLessThanOrEqual(14.3 + 1e-9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('more sleep in the same window never lowers alertness at the end (outside FIPS\'s warned break-level case)', () => {
    fc.assert(
      fc.property(schedule, ({ startHour, epoch, epochs, asleep, more }) => {
        const less = run(toInput(startHour, epoch, epochs, asleep)).outputs.series.at(-1);
        const moreResult = run(toInput(startHour, epoch, epochs, more));
        if (moreResult.warnings.some((w) => /break level/.test(w))) return;
        expect(moreResult.outputs.series.at(-1)?.alertness ?? -Infinity).toBeGreaterThanOrEqual((less?.alertness ?? Infinity) - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
