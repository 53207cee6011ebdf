import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aqiPm25Model } from './aqi-pm25.model.js';

/*
 * Sources of the expected values:
 *  - US EPA Technical Assistance Document for the Reporting of Daily Air Quality (EPA-454/B-24-002, May 2024),
 *    Table 6, PM2.5 24-hour breakpoints revised in 2024 (µg/m³ → AQI): 0.0–9.0 → 0–50 good, 9.1–35.4 → 51–100
 *    moderate, 35.5–55.4 → 101–150 unhealthy for sensitive groups, 55.5–125.4 → 151–200 unhealthy,
 *    125.5–225.4 → 201–300 very unhealthy, 225.5–325.4 → 301–500 hazardous. The breakpoint ends map to the
 *    printed AQI ends exactly.
 *  - AirNow "The AQI Equation (2024 — valid beginning May 6th, 2024)": PM2.5 truncated to 0.1 µg/m³, then
 *    Ip = (IHi − ILo)/(BPHi − BPLo)·(Cp − BPLo) + ILo, rounded to the nearest whole number; AQI values above 500
 *    are "Beyond the AQI".
 *  - interior values by hand with that equation: 20.3 → 49/26.3·11.2 + 51 = 71.87 → 72; 12.0 → 56.40 → 56 (the same
 *    concentration was AQI 50 under the 2012 table); 35.9 → 49/19.9·0.4 + 101 = 101.98 → 102; 100 → 49/69.9·44.5 +
 *    151 = 182.19 → 182; 9.09 truncates to 9.0 → 50.
 */
const run = (pm25_24h_ugm3: number) => aqiPm25Model.compute({ pm25_24h_ugm3 });

describe('aqi-pm25', () => {
  it.each([
    [0, 0, 'good'],
    [9.0, 50, 'good'],
    [9.1, 51, 'moderate'],
    [35.4, 100, 'moderate'],
    [35.5, 101, 'unhealthy_for_sensitive_groups'],
    [55.4, 150, 'unhealthy_for_sensitive_groups'],
    [55.5, 151, 'unhealthy'],
    [125.4, 200, 'unhealthy'],
    [125.5, 201, 'very_unhealthy'],
    [225.4, 300, 'very_unhealthy'],
    [225.5, 301, 'hazardous'],
    [325.4, 500, 'hazardous'],
  ] as const)('breakpoint %s µg/m³ → AQI %i, %s (EPA 2024 Table 6)', (c, aqi, category) => {
    expect(run(c).outputs).toEqual({ aqi, category, truncated_conc: c });
    expect(run(c).warnings).toEqual([]);
  });

  it.each([
    [20.3, 72, 'moderate'],
    [12.0, 56, 'moderate'],
    [35.9, 102, 'unhealthy_for_sensitive_groups'],
    [100, 182, 'unhealthy'],
  ] as const)('%s µg/m³ → AQI %i (the EPA equation by hand)', (c, aqi, category) => {
    expect(run(c).outputs).toMatchObject({ aqi, category });
  });

  it('truncates (never rounds) the concentration to 0.1 µg/m³', () => {
    expect(run(9.09).outputs).toEqual({ aqi: 50, category: 'good', truncated_conc: 9 });
    expect(run(35.49).outputs).toEqual({ aqi: 100, category: 'moderate', truncated_conc: 35.4 });
    expect(run(55.45).outputs.truncated_conc).toBe(55.4);
  });

  it('beyond 325.4 µg/m³: hazardous, AQI above 500 on the extended top segment, with a warning', () => {
    const { outputs, warnings } = run(400);
    expect(outputs.category).toBe('hazardous');
    expect(outputs.aqi).toBe(Math.round((199 / 99.9) * (400 - 225.5) + 301)); // 649
    expect(warnings).toEqual([expect.stringMatching(/Beyond the AQI/)]);
  });

  it('property: deterministic, integer, non-decreasing in concentration, category consistent with the index', () => {
    const categoryOf = (aqi: number) => (aqi <= 50 ? 'good' : aqi <= 100 ? 'moderate' : aqi <= 150 ? 'unhealthy_for_sensitive_groups' : aqi <= 200 ? 'unhealthy' : aqi <= 300 ? 'very_unhealthy' : 'hazardous');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (c, d) => {
        const a = run(c).outputs;
        const b = run(c + d).outputs;
        return (
          Number.isInteger(a.aqi) &&
          a.aqi >= 0 &&
          b.aqi >= a.aqi &&
          a.category === categoryOf(a.aqi) &&
          a.truncated_conc <= c &&
          c - a.truncated_conc < 0.1 + 1e-9 &&
          run(c).outputs.aqi === a.aqi
        );
      }),
    );
  });
});
