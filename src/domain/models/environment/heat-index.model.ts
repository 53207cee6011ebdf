import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

/** NWS heat-index risk bands (°F, lower bound inclusive), highest first. */
const CATEGORIES = [
  { from: 125, category: 'extreme_danger' },
  { from: 103, category: 'danger' },
  { from: 90, category: 'extreme_caution' },
  { from: 80, category: 'caution' },
] as const;

const fToC = (f: number): number => ((f - 32) * 5) / 9;
const cToF = (c: number): number => (c * 9) / 5 + 32;

/** Steadman-consistent simple formula (WPC): HI = 0.5·{T + 61.0 + [(T − 68.0)·1.2] + (RH·0.094)}. */
const simple = (t: number, rh: number): number => 0.5 * (t + 61.0 + (t - 68.0) * 1.2 + rh * 0.094);

/** Rothfusz (1990, NWS SR 90-23) regression, T in °F and RH in percent. */
const rothfusz = (t: number, rh: number): number =>
  -42.379 +
  2.04901523 * t +
  10.14333127 * rh -
  0.22475541 * t * rh -
  0.00683783 * t * t -
  0.05481717 * rh * rh +
  0.00122874 * t * t * rh +
  0.00085282 * t * rh * rh -
  0.00000199 * t * t * rh * rh;

/** The computation the WPC page describes, in °F, with the branch and adjustments it took. */
export function heatIndexF(t: number, rh: number): { hi: number; branch: 'simple' | 'rothfusz'; adjustment: 'low_humidity' | 'high_humidity' | null } {
  const s = simple(t, rh);
  if ((s + t) / 2 < 80) return { hi: s, branch: 'simple', adjustment: null };
  let hi = rothfusz(t, rh);
  if (rh < 13 && t >= 80 && t <= 112) {
    hi -= ((13 - rh) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
    return { hi, branch: 'rothfusz', adjustment: 'low_humidity' };
  }
  if (rh > 85 && t >= 80 && t <= 87) {
    hi += ((rh - 85) / 10) * ((87 - t) / 5);
    return { hi, branch: 'rothfusz', adjustment: 'high_humidity' };
  }
  return { hi, branch: 'rothfusz', adjustment: null };
}

export const heatIndexModel = defineModel({
  id: 'heat-index',
  version: '1.0.0',
  title: 'Heat index (NWS/WPC "The Heat Index Equation")',
  citation:
    'NOAA National Weather Service, Weather Prediction Center. The Heat Index Equation (https://www.wpc.ncep.noaa.gov/html/heatindex_equation.shtml): Rothfusz LP. The heat index "equation" (or, more than you ever wanted to know about heat index). NWS Southern Region Technical Attachment SR 90-23, 1990, with the WPC low- and high-humidity adjustments and the Steadman-consistent simple formula; risk categories from the NWS heat index chart (caution 80-90 °F, extreme caution 90-103 °F, danger 103-124 °F, extreme danger ≥ 125 °F).',
  inputSchema: Type.Object(
    {
      temp_f: Type.Optional(Type.Number({ minimum: -80, maximum: 150, description: 'air temperature, °F (give temp_f or temp_c, not both)' })),
      temp_c: Type.Optional(Type.Number({ minimum: -60, maximum: 65, description: 'air temperature, °C (give temp_f or temp_c, not both)' })),
      rh_percent: Type.Number({ minimum: 0, maximum: 100, description: 'relative humidity, %' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    heat_index_f: Type.Number({ description: '°F, unrounded' }),
    heat_index_c: Type.Number({ description: '°C, unrounded' }),
    branch: Type.Enum(['simple', 'rothfusz']),
    category: Type.Enum(['none', 'caution', 'extreme_caution', 'danger', 'extreme_danger']),
  }),
  compute({ temp_f, temp_c, rh_percent }) {
    if (temp_f !== undefined && temp_c !== undefined) throw new ModelInputError('temp_c', 'give temp_f or temp_c, not both');
    const t = temp_f ?? (temp_c === undefined ? undefined : cToF(temp_c));
    if (t === undefined) throw new ModelInputError('temp_f', 'give temp_f or temp_c');

    const { hi, branch, adjustment } = heatIndexF(t, rh_percent);
    const category: (typeof CATEGORIES)[number]['category'] | 'none' = CATEGORIES.find((c) => hi >= c.from)?.category ?? 'none';
    const warnings: string[] = [];
    if (adjustment === 'low_humidity') warnings.push('RH < 13 % at 80-112 °F: the WPC low-humidity adjustment was subtracted');
    if (adjustment === 'high_humidity') warnings.push('RH > 85 % at 80-87 °F: the WPC high-humidity adjustment was added');
    if (branch === 'rothfusz' && t > 110) {
      warnings.push('Air temperature above 110 °F: beyond the NWS heat index chart; the Rothfusz regression is not valid for extreme conditions beyond the range of data considered by Steadman');
    }
    return { outputs: { heat_index_f: hi, heat_index_c: fToC(hi), branch, category }, warnings };
  },
});
