import type { PhysicalDemand, TwinFeatures } from '../twin-features.js';
import type { TwinScores } from '../twin-score.js';
import { evaluateClearances, isWorse, moreRestrictive } from './clearance-evaluation.js';
import {
  fixedOffsetClock,
  forecastFatigue,
  shiftEndAfter,
  zoneOffsetMinutes,
  type FatigueForecast,
  type FatigueForecastResult,
} from '../model-inputs/index.js';
import { MEASURE_NEEDS, staticMeasures, withFatigue } from './fitness-measures.js';
import { CLEARANCES, SLEEP_MEASURES, type Clearance, type ClearanceStatus, type FitnessRules } from './fitness-rules.schema.js';

const HOUR_MS = 3_600_000;

export type FitnessStatus = 'fit' | 'fit_with_caution' | 'not_fit';
export type ClearanceBasis = 'assessed' | 'insufficient_data';
export type ValidUntilReason = 'fatigue_threshold' | 'shift_end' | 'max_validity';

export interface FitnessRestriction {
  readonly type: string;
  readonly restriction: string;
  readonly reason: string;
  /** the rule id (or `sleep_data_required`) */
  readonly rule: string;
}

export interface FitnessToWork {
  readonly assessment_time: string;
  /** judged on `relevant_clearances` (see docs/risk.md); not_fit includes "cannot be confirmed fit for lack of data" */
  readonly fitness_status: FitnessStatus;
  /** mean of the rule set's overall_score_twins that have a score, rounded; null when none has */
  readonly overall_score: number | null;
  readonly valid_until: string;
  readonly valid_until_reason: ValidUntilReason;
  readonly next_assessment: string;
  readonly restrictions: readonly FitnessRestriction[];
  readonly clearances: Readonly<Record<Clearance, ClearanceStatus>>;
  /** `insufficient_data`: not cleared because the data needed to clear it is missing, not because a rule fired */
  readonly clearance_basis: Readonly<Record<Clearance, ClearanceBasis>>;
  /** the clearances that decide fitness_status (the person's own work) */
  readonly relevant_clearances: readonly Clearance[];
  readonly fatigue: {
    readonly model: string;
    readonly kss_now: number;
    readonly hours_awake: number;
    readonly last_wake: string;
    readonly bac_equivalent_percent: number;
  } | null;
  readonly data_sufficiency: {
    readonly sufficient: boolean;
    readonly missing: readonly { readonly input: string; readonly need: string }[];
    /** rules that could not be checked for lack of their measure */
    readonly unchecked_rules: readonly string[];
  };
  readonly rules: string;
  readonly notes: readonly string[];
}

const isSleepMeasure = (measure: string): boolean => (SLEEP_MEASURES as readonly string[]).includes(measure);

const DEMAND_CLEARANCE: Readonly<Record<PhysicalDemand, Clearance>> = {
  sedentary: 'office_work',
  light: 'light_physical',
  moderate: 'moderate_physical',
  heavy: 'heavy_physical',
};

/** The person's own work: their physical-demand clearance (office work when unstated), plus, in safety-critical work, every clearance that needs sleep data. */
function relevantClearances(f: TwinFeatures, rules: FitnessRules): Clearance[] {
  const own = DEMAND_CLEARANCE[f.occupation.physical_demand ?? 'sedentary'];
  const extra = f.occupation.safety_critical === true ? rules.sleep_data.required_for : [];
  return CLEARANCES.filter((c) => c === own || extra.includes(c));
}

function statusOf(clearances: Record<Clearance, ClearanceStatus>, relevant: readonly Clearance[]): FitnessStatus {
  if (relevant.some((c) => clearances[c] === 'not_cleared')) return 'not_fit';
  return CLEARANCES.every((c) => clearances[c] === 'cleared') ? 'fit' : 'fit_with_caution';
}

function overallScore(twins: TwinScores, rules: FitnessRules): number | null {
  const scores = rules.overall_score_twins.map((t) => twins[t].score).filter((s): s is number => s !== null);
  return scores.length === 0 ? null : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/** The first predicted instant at which any clearance gets more restrictive than now (fatigue rules only change). */
function firstWorsening(
  forecast: FatigueForecast,
  rules: FitnessRules,
  base: ReturnType<typeof staticMeasures>,
  now: Record<Clearance, ClearanceStatus>,
  untilMs: number,
): number | null {
  const fatigueRules = rules.rules.filter((r) => isSleepMeasure(r.condition.measure));
  for (const point of forecast.ahead) {
    if (point.atMs > untilMs) return null;
    const { clearances } = evaluateClearances(fatigueRules, withFatigue(base, point));
    if (CLEARANCES.some((c) => isWorse(clearances[c], now[c]))) return point.atMs;
  }
  return null;
}

/**
 * The fatigue forecast under a rule set's sleep-data rules: every main sleep that ended in the last `lookback_hours`
 * (the latest run of consecutive nights), the last one within `max_hours_since_sleep`.
 */
export function fatigueForecastUnder(f: TwinFeatures, rules: FitnessRules, horizonHours: number): FatigueForecastResult {
  return forecastFatigue(f, {
    lookbackHours: rules.sleep_data.lookback_hours,
    minNights: 1,
    maxNights: Number.POSITIVE_INFINITY,
    maxHoursSinceSleep: rules.sleep_data.max_hours_since_sleep,
    horizonHours,
  });
}

/**
 * Fitness to work (spec 4.3) at features.as_of under `rules`: clearances from the rules that fire now, sleep-dependent
 * clearances withheld when there is no recent sleep, and a validity that ends at the first predicted worsening (the
 * person staying awake), the end of the shift, or max_validity_hours, whichever comes first.
 */
export function assessFitnessToWork(f: TwinFeatures, twins: TwinScores, rules: FitnessRules): FitnessToWork {
  const asOfMs = Date.parse(f.as_of);
  const notes: string[] = [];
  const forecastResult = fatigueForecastUnder(f, rules, rules.max_validity_hours);
  const forecast = forecastResult.ok ? forecastResult.forecast : null;
  if (forecast) notes.push(...forecast.warnings);

  const base = staticMeasures(f, twins);
  const values = forecast ? withFatigue(base, forecast.now) : base;
  const evaluation = evaluateClearances(rules.rules, values);
  const clearances = { ...evaluation.clearances };
  const basis = Object.fromEntries(CLEARANCES.map((c) => [c, 'assessed'])) as Record<Clearance, ClearanceBasis>;
  const restrictions: FitnessRestriction[] = evaluation.fired.map((r) => ({
    type: r.restriction_type,
    restriction: r.restriction,
    reason: r.reason,
    rule: r.id,
  }));
  const missing: { input: string; need: string }[] = [];

  if (!forecastResult.ok) {
    missing.push({ input: 'nights', need: forecastResult.need });
    for (const c of rules.sleep_data.required_for) {
      clearances[c] = moreRestrictive(clearances[c], 'not_cleared');
      basis[c] = 'insufficient_data';
    }
    if (rules.sleep_data.required_for.length > 0) {
      restrictions.push({
        type: 'fatigue_data',
        restriction: `Not cleared for ${rules.sleep_data.required_for.join(', ')} until recent sleep is recorded`,
        reason: `Insufficient data: ${forecastResult.reason}`,
        rule: 'sleep_data_required',
      });
    }
  }
  // Sleep measures are unknown only when the forecast failed, which `nights` above already reports.
  const uncheckedMeasures = new Set(evaluation.unchecked.map((r) => r.condition.measure).filter((m) => !isSleepMeasure(m)));
  for (const measure of uncheckedMeasures) missing.push({ input: measure, need: MEASURE_NEEDS[measure] });

  const capMs = asOfMs + rules.max_validity_hours * HOUR_MS;
  const offset = forecast?.clock.offsetMinutes ?? zoneOffsetMinutes(asOfMs, f.time_zone) ?? 0;
  const shiftEndMs = shiftEndAfter(f.occupation, asOfMs, fixedOffsetClock(offset));
  const worseningMs = forecast ? firstWorsening(forecast, rules, base, clearances, capMs) : null;
  const candidates: { ms: number; reason: ValidUntilReason }[] = [{ ms: capMs, reason: 'max_validity' }];
  if (shiftEndMs !== null && shiftEndMs > asOfMs) candidates.push({ ms: shiftEndMs, reason: 'shift_end' });
  if (worseningMs !== null) candidates.push({ ms: worseningMs, reason: 'fatigue_threshold' });
  const validUntil = candidates.reduce((a, b) => (b.ms < a.ms ? b : a));

  const relevant = relevantClearances(f, rules);
  if (f.occupation.physical_demand === null) notes.push('physical demand of the work not stated: fitness_status judged on office work');
  const validUntilIso = new Date(validUntil.ms).toISOString();
  return {
    assessment_time: f.as_of,
    fitness_status: statusOf(clearances, relevant),
    overall_score: overallScore(twins, rules),
    valid_until: validUntilIso,
    valid_until_reason: validUntil.reason,
    next_assessment: validUntilIso,
    restrictions,
    clearances,
    clearance_basis: basis,
    relevant_clearances: relevant,
    fatigue: forecast
      ? {
          model: forecast.model,
          kss_now: forecast.now.kss,
          hours_awake: forecast.now.hoursAwake,
          last_wake: new Date(forecast.lastWakeMs).toISOString(),
          bac_equivalent_percent: forecast.now.bacEquivalentPercent,
        }
      : null,
    data_sufficiency: { sufficient: missing.length === 0, missing, unchecked_rules: evaluation.unchecked.map((r) => r.id) },
    rules: rules.name,
    notes,
  };
}
