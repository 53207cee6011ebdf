import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** US EPA PM2.5 (24-hour, µg/m³) breakpoints as revised in 2024, with their AQI bounds and category. */
const BREAKPOINTS = [
  { cLo: 0.0, cHi: 9.0, iLo: 0, iHi: 50, category: 'good' },
  { cLo: 9.1, cHi: 35.4, iLo: 51, iHi: 100, category: 'moderate' },
  { cLo: 35.5, cHi: 55.4, iLo: 101, iHi: 150, category: 'unhealthy_for_sensitive_groups' },
  { cLo: 55.5, cHi: 125.4, iLo: 151, iHi: 200, category: 'unhealthy' },
  { cLo: 125.5, cHi: 225.4, iLo: 201, iHi: 300, category: 'very_unhealthy' },
  { cLo: 225.5, cHi: 325.4, iLo: 301, iHi: 500, category: 'hazardous' },
] as const;

/**
 * Truncation to 0.1 µg/m³ of the value as written (decimal digits, not binary): 9.1 stays 9.1 although 9.1 × 10 is
 * not exactly 91 in floating point, and 599.9999999999 becomes 599.9, never 600.
 */
const truncateTenth = (c: number): number => {
  const written = String(c);
  const match = /^(\d+)(?:\.(\d))?/.exec(written);
  if (match === null || written.includes('e')) return Math.floor(c * 10) / 10; // exponent form: only below 1e-6
  return Number(`${match[1]}.${match[2] ?? '0'}`);
};

export const aqiPm25Model = defineModel({
  id: 'aqi-pm25',
  version: '1.0.0',
  title: 'US EPA Air Quality Index for 24-hour PM2.5 (2024 breakpoints)',
  citation:
    'US EPA. Technical Assistance Document for the Reporting of Daily Air Quality — the Air Quality Index (AQI). EPA-454/B-24-002, May 2024 (Table 6, PM2.5 breakpoints as revised in the PM NAAQS final rule, 89 FR 16202, effective 6 May 2024; concentration truncated to 0.1 µg/m³; Ip = (IHi − ILo)/(BPHi − BPLo)·(Cp − BPLo) + ILo, rounded to the nearest integer).',
  inputSchema: Type.Object(
    {
      pm25_24h_ugm3: Type.Number({ minimum: 0, maximum: 10000, description: '24-hour average PM2.5, µg/m³' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    aqi: Type.Integer({ minimum: 0, description: 'the index, an integer by definition (EPA rounds it to the nearest whole number); above 500 is "Beyond the AQI"' }),
    category: Type.Enum(BREAKPOINTS.map((b) => b.category)),
    truncated_conc: Type.Number({ description: 'the concentration truncated to 0.1 µg/m³, the Cp of the equation' }),
  }),
  compute({ pm25_24h_ugm3 }) {
    const c = truncateTenth(pm25_24h_ugm3);
    const top = BREAKPOINTS[BREAKPOINTS.length - 1]!;
    // After truncation every concentration ≤ 325.4 falls inside one band (the bands abut at 0.1 steps).
    const band = BREAKPOINTS.find((b) => c <= b.cHi) ?? top;
    const aqi = Math.round(((band.iHi - band.iLo) / (band.cHi - band.cLo)) * (c - band.cLo) + band.iLo);
    const warnings: string[] = [];
    if (c > top.cHi) {
      warnings.push('Beyond the AQI: above 325.4 µg/m³ the index exceeds 500 (computed on the extension of the 301-500 segment); follow the Hazardous recommendations');
    }
    return { outputs: { aqi, category: band.category, truncated_conc: c }, warnings };
  },
});
