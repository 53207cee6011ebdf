/**
 * Converting a risk over the horizon a model was built for (10 years for PREVENT, PCE, FINDRISC) into a shorter one,
 * assuming the hazard is constant over the model's horizon: S(t) = S(T)^(t/T), so p(t) = 1 − (1 − p(T))^(t/T).
 * This is an assumption, not a property of the models (real hazards rise with age, so short horizons are slightly
 * overstated for the young end of a 10-year window and understated at its end); every answer says so in `method`.
 */
export function constantHazardProbability(pOverModelHorizon: number, modelHorizonYears: number, horizonYears: number): number {
  const p = Math.min(1, Math.max(0, pOverModelHorizon));
  if (p === 1) return 1;
  return 1 - Math.pow(1 - p, horizonYears / modelHorizonYears);
}

export const constantHazardMethod = (modelHorizonYears: number, horizonMonths: number): string =>
  `constant-hazard conversion of the ${modelHorizonYears}-year risk: p = 1 − (1 − p${modelHorizonYears}y)^(${horizonMonths}/${modelHorizonYears * 12})`;

export const TIMEFRAMES = ['3_months', '6_months', '12_months'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const TIMEFRAME_MONTHS: Readonly<Record<Timeframe, number>> = { '3_months': 3, '6_months': 6, '12_months': 12 };
