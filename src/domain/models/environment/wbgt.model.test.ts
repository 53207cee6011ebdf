import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wbgtModel } from './wbgt.model.js';

/*
 * Sources of the expected values:
 *  - ISO 7243:2017 equations, by hand: outdoors 0.7·Tnw + 0.2·Tg + 0.1·Ta (25, 40, 30 °C → 17.5 + 8 + 3 = 28.5);
 *    indoors 0.7·Tnw + 0.3·Tg (25, 40 °C → 17.5 + 12 = 29.5).
 *  - Australian Bureau of Meteorology approximation, by hand from the published formula: 30 °C, 50 % →
 *    e = 0.5 · 6.105 · exp(17.27·30/267.7) = 21.1427 hPa, WBGT = 17.01 + 8.3091 + 3.94 = 29.2594 °C. No BoM-printed
 *    table value was available to check against: this is arithmetic of the formula only.
 *  - NIOSH 2016 (Publication 2016-106, section 8.1), by hand: M = 300 W → RAL = 59.9 − 14.1·2.47712 = 24.9726,
 *    REL = 56.7 − 11.5·2.47712 = 28.2131; M = 117 W (the resting rate) → REL = 56.7 − 11.5·2.06819 = 32.916.
 */
type Input = Parameters<typeof wbgtModel.compute>[0];
const run = (input: Input) => wbgtModel.compute(input);

describe('wbgt', () => {
  it('measured, outdoors with solar load (ISO 7243)', () => {
    expect(run({ t_nwb_c: 25, t_globe_c: 40, t_air_c: 30, outdoor: true })).toEqual({ outputs: { wbgt_c: 0.7 * 25 + 0.2 * 40 + 0.1 * 30 }, warnings: [] });
    expect(run({ t_nwb_c: 25, t_globe_c: 40, t_air_c: 30, outdoor: true }).outputs.wbgt_c).toBeCloseTo(28.5, 12);
  });

  it('measured, indoors (ISO 7243), air temperature not used', () => {
    expect(run({ t_nwb_c: 25, t_globe_c: 40, outdoor: false }).outputs.wbgt_c).toBeCloseTo(29.5, 12);
    expect(run({ t_nwb_c: 25, t_globe_c: 40, t_air_c: 30, outdoor: false }).warnings).toEqual([expect.stringMatching(/t_air_c ignored/)]);
  });

  it('estimated from air temperature and humidity (Bureau of Meteorology), and says it is an estimate', () => {
    const { outputs, warnings } = run({ t_air_c: 30, rh_percent: 50 });
    expect(outputs.wbgt_c).toBeCloseTo(29.2594, 4);
    expect(warnings).toEqual([expect.stringMatching(/Estimated, not measured.*Australian Bureau of Meteorology/)]);
  });

  it('adds the NIOSH RAL and REL for a metabolic rate', () => {
    const { outputs } = run({ t_nwb_c: 25, t_globe_c: 40, outdoor: false, metabolic_rate_w: 300 });
    expect(outputs.ral_unacclimatized_c).toBeCloseTo(24.9726, 4);
    expect(outputs.rel_acclimatized_c).toBeCloseTo(28.2131, 4);
    expect(run({ t_air_c: 20, rh_percent: 40, metabolic_rate_w: 117 }).outputs.rel_acclimatized_c).toBeCloseTo(32.916, 3);
    expect(Object.keys(run({ t_air_c: 20, rh_percent: 40 }).outputs)).toEqual(['wbgt_c']);
  });

  it('names the missing field when the inputs do not make a WBGT', () => {
    const field = (input: Input) => {
      try {
        run(input);
        return undefined;
      } catch (error) {
        return (error as { field?: string }).field;
      }
    };
    expect(field({ t_nwb_c: 25, outdoor: false })).toBe('t_globe_c');
    expect(field({ t_globe_c: 40, outdoor: false })).toBe('t_nwb_c');
    expect(field({ t_nwb_c: 25, t_globe_c: 40 })).toBe('outdoor');
    expect(field({ t_nwb_c: 25, t_globe_c: 40, outdoor: true })).toBe('t_air_c');
    expect(field({ t_air_c: 30 })).toBe('rh_percent');
    expect(field({})).toBe('t_air_c');
  });

  it('property: deterministic; the estimate rises with temperature and humidity; limits fall with metabolic rate and REL > RAL', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 80, max: 800, noNaN: true }),
        (ta, rh, d, m) => {
          const a = run({ t_air_c: ta, rh_percent: rh, metabolic_rate_w: m }).outputs;
          const hotter = run({ t_air_c: ta + d, rh_percent: rh, metabolic_rate_w: m + 10 * d }).outputs;
          const wetter = run({ t_air_c: ta, rh_percent: Math.min(100, rh + d) }).outputs;
          return (
            a.wbgt_c === run({ t_air_c: ta, rh_percent: rh, metabolic_rate_w: m }).outputs.wbgt_c &&
            hotter.wbgt_c > a.wbgt_c &&
            wetter.wbgt_c >= a.wbgt_c &&
            hotter.rel_acclimatized_c! < a.rel_acclimatized_c! &&
            hotter.ral_unacclimatized_c! < a.ral_unacclimatized_c! &&
            a.rel_acclimatized_c! > a.ral_unacclimatized_c!
          );
        },
      ),
    );
  });

  it('property: the measured WBGT is a weighted mean (between its inputs) and rises with each reading', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ min: 0, max: 80, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.boolean(), (nwb, g, ta, outdoor) => {
        const w = run({ t_nwb_c: nwb, t_globe_c: g, t_air_c: ta, outdoor }).outputs.wbgt_c;
        const lo = Math.min(nwb, g, outdoor ? ta : g);
        const hi = Math.max(nwb, g, outdoor ? ta : g);
        return w >= lo - 1e-9 && w <= hi + 1e-9 && run({ t_nwb_c: nwb + 1, t_globe_c: g, t_air_c: ta, outdoor }).outputs.wbgt_c > w;
      }),
    );
  });
});
