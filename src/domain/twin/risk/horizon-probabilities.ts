import { DEFAULT_FITNESS_RULES, fatigueForecastUnder } from '../fitness/index.js';
import { cardiacTenYearRisk, findriscRisk, type CardiacTenYearRisk, type FindriscRisk, type ModelAnswer } from '../model-inputs/index.js';
import type { TwinFeatures } from '../twin-features.js';
import { constantHazardMethod, constantHazardProbability } from './horizon.js';

export interface HorizonProbability {
  readonly horizon_months: number;
  /** the spec's field name for this probability */
  readonly spec_field: 'probability_6_months' | 'probability_12_months';
  /** 0-1; null when the model could not run (see `reason`) */
  readonly probability: number | null;
  /** the model's own 10-year probability it was converted from */
  readonly ten_year_probability: number | null;
  readonly outcome: string | null;
  readonly model: string | null;
  readonly method: string | null;
  readonly reason: string | null;
  /** inputs that would let the model run (feature paths); `reason` says what each one needs */
  readonly missing: readonly string[];
}

/** A model's 10-year probability converted to `months` under a constant hazard, or its abstention. */
function fromTenYear<T extends { readonly risk10y: number; readonly model: string }>(
  months: number,
  field: HorizonProbability['spec_field'],
  run: ModelAnswer<T>,
  outcome: (value: T) => string,
): HorizonProbability {
  const base = { horizon_months: months, spec_field: field };
  if (!run.ok) {
    const none = { probability: null, ten_year_probability: null, outcome: null, model: null, method: null };
    return { ...base, ...none, reason: run.reason, missing: run.missing.map((m) => m.input) };
  }
  return {
    ...base,
    probability: constantHazardProbability(run.value.risk10y, 10, months / 12),
    ten_year_probability: run.value.risk10y,
    outcome: outcome(run.value),
    model: run.value.model,
    method: constantHazardMethod(10, months),
    reason: null,
    missing: [],
  };
}

/** Probability of a first ASCVD event within 6 months, from PREVENT (or PCE) under a constant hazard. */
export const cardiacSixMonthProbability = (f: TwinFeatures): HorizonProbability =>
  fromTenYear(6, 'probability_6_months', cardiacTenYearRisk(f), (v: CardiacTenYearRisk) => v.outcome);

/** Probability of type 2 diabetes within 12 months, from the FINDRISC band's published 10-year risk under a constant hazard. */
export const metabolicTwelveMonthProbability = (f: TwinFeatures): HorizonProbability =>
  fromTenYear(
    12,
    'probability_12_months',
    findriscRisk(f),
    (v: FindriscRisk) => `type 2 diabetes (FINDRISC band ${v.band}, ${v.points} points; the band's published 10-year risk)`,
  );

/**
 * The fatigue twin's answer in place of the spec's `collapse_probability`: no validated model gives a probability of
 * collapse, so that stays null with the reason, and what the fatigue models do give is reported instead.
 */
export interface FatigueIndicators {
  readonly collapse_probability: null;
  readonly collapse_probability_reason: string;
  /** KSS (1-9) the three-process model predicts now; null without recent sleep data */
  readonly predicted_kss: number | null;
  /** KSS ≥ 7, "sleepy" (Åkerstedt & Gillberg 1990) */
  readonly sleepy: boolean | null;
  readonly hours_awake: number | null;
  readonly bac_equivalent_percent: number | null;
  readonly model: string | null;
  readonly reason: string | null;
}

export const COLLAPSE_PROBABILITY_REASON =
  'no validated model gives a probability of collapse; the three-process model predicts sleepiness (KSS), reported instead';

export function fatigueIndicators(f: TwinFeatures): FatigueIndicators {
  const result = fatigueForecastUnder(f, DEFAULT_FITNESS_RULES, 0);
  if (!result.ok) {
    return {
      collapse_probability: null,
      collapse_probability_reason: COLLAPSE_PROBABILITY_REASON,
      predicted_kss: null,
      sleepy: null,
      hours_awake: null,
      bac_equivalent_percent: null,
      model: null,
      reason: result.reason,
    };
  }
  const { now, model } = result.forecast;
  return {
    collapse_probability: null,
    collapse_probability_reason: COLLAPSE_PROBABILITY_REASON,
    predicted_kss: now.kss,
    sleepy: now.kss >= 7,
    hours_awake: now.hoursAwake,
    bac_equivalent_percent: now.bacEquivalentPercent,
    model,
    reason: null,
  };
}
