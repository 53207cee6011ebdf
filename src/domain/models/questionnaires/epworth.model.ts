import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { band, itemsSchema, sum } from './items.js';

/**
 * Interpretation bands published by the scale's author on the official ESS site (M. W. Johns,
 * epworthsleepinessscale.com, "About the ESS"): 0–5 lower normal, 6–10 higher normal daytime sleepiness,
 * 11–12 mild, 13–15 moderate, 16–24 severe excessive daytime sleepiness. Johns 1991 gives the 0–24 scoring
 * and a normal range up to 10.
 */
const BANDS = [
  { from: 16, name: 'severe_excessive' },
  { from: 13, name: 'moderate_excessive' },
  { from: 11, name: 'mild_excessive' },
  { from: 6, name: 'higher_normal' },
  { from: 0, name: 'lower_normal' },
] as const;

export const epworthModel = defineModel({
  id: 'epworth',
  version: '1.0.0',
  title: 'Epworth Sleepiness Scale (ESS)',
  citation:
    'Johns MW. A new method for measuring daytime sleepiness: the Epworth Sleepiness Scale. Sleep 1991;14(6):540-545, doi:10.1093/sleep/14.6.540 ' +
    '(8 situations scored 0-3, total 0-24; > 10 excessive daytime sleepiness). Bands from the official ESS site (Johns, epworthsleepinessscale.com, "About the ESS"): ' +
    '0-5 lower normal, 6-10 higher normal, 11-12 mild excessive, 13-15 moderate excessive, 16-24 severe excessive daytime sleepiness.',
  inputSchema: Type.Object({ items: itemsSchema(8, 'Epworth Sleepiness Scale') }, { additionalProperties: false }),
  outputSchema: Type.Object({
    total: Type.Integer({ minimum: 0, maximum: 24 }),
    band: Type.Enum(BANDS.map((b) => b.name).reverse(), { description: 'daytime sleepiness: lower/higher normal, mild/moderate/severe excessive' }),
    excessive_daytime_sleepiness: Type.Boolean({ description: 'total > 10' }),
  }),
  compute({ items }) {
    const total = sum(items);
    return { outputs: { total, band: band(total, BANDS), excessive_daytime_sleepiness: total > 10 }, warnings: [] };
  },
});
