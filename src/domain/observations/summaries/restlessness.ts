/**
 * Twin `restlessness` of a sleep session: 'low' | 'medium' | 'high' from wake after sleep onset (WASO) and awakenings
 * per hour of sleep, against the NSF sleep-quality consensus thresholds (Ohayon 2017). Pure.
 * docs/health-data.md § restlessness.
 */
import {
  continuityThresholds,
  recommendedMidpointMinutes,
  sleepDurationBand,
  validateNight,
  wakeMeasured,
  type SleepDurationBand,
  type SleepNight,
} from './sleep-recommendations.js';
import { insufficient, type Insufficient } from './summary-result.js';

export type RestlessnessLevel = 'low' | 'medium' | 'high';

export interface Restlessness {
  readonly value: RestlessnessLevel;
  readonly waso_minutes: number;
  /**
   * 'long_awakenings': the count of awakenings > 5 min was given; 'upper_bound': only awakenings of any length are known,
   * so the count of awakenings > 5 min is bounded by min(awakenings, ⌈WASO / 5⌉ − 1) and can only show 'low', never 'high'.
   */
  readonly awakenings_basis: 'long_awakenings' | 'upper_bound';
  /** awakenings > 5 min (or their upper bound) per hour of sleep */
  readonly long_awakenings_per_hour: number;
  readonly thresholds: {
    readonly waso_low_max: number;
    readonly waso_high_min: number;
    /** per hour of sleep: low below this … */
    readonly awakenings_low_below: number;
    /** … high from this */
    readonly awakenings_high_from: number;
  };
  readonly age_group: SleepDurationBand['group'];
  readonly age_assumed: boolean;
}

export type RestlessnessReason = 'nap' | 'no_sleep' | 'age_not_supported' | 'wake_not_measured';

/** Awakenings > 5 min that fit in the WASO: each lasts more than 5 min, so 5·n < WASO ⇒ n ≤ ⌈WASO/5⌉ − 1. */
export function longAwakeningsUpperBound(awakenings: number, wasoMinutes: number): number {
  return Math.min(awakenings, wasoMinutes > 0 ? Math.ceil(wasoMinutes / 5) - 1 : 0);
}

export function restlessness(night: SleepNight, ageYears: number | null): Restlessness | Insufficient<RestlessnessReason> {
  validateNight(night);
  if (night.nap === true) return insufficient('nap', 'naps are not rated: the thresholds are for the main sleep');
  if (night.total_sleep_minutes <= 0) return insufficient('no_sleep', 'the session has no sleep time');
  const resolved = sleepDurationBand(ageYears);
  const continuity = resolved ? continuityThresholds(resolved.band) : null;
  if (!resolved || !continuity) {
    return insufficient('age_not_supported', `restlessness is defined for adults (18 years and over); age given: ${String(ageYears)}`);
  }
  if (!wakeMeasured(night)) {
    return insufficient(
      'wake_not_measured',
      'the source records no wake (no stages, no awake time): WASO and awakenings are unknown, not zero',
    );
  }

  const [wasoGood, wasoPoor] = continuity.wasoMinutes;
  const [awkGood, awkPoor] = continuity.longAwakenings;
  // Ohayon counts are per night; per hour over the age group's reference night (the NSF recommended midpoint), with the
  // boundary halfway between the last "good" and the next count (≤1 good ⇒ low below 1.5 per reference night).
  const referenceHours = recommendedMidpointMinutes(resolved.band) / 60;
  const lowBelow = (awkGood + 0.5) / referenceHours;
  const highFrom = (awkPoor - 0.5) / referenceHours;
  const sleepHours = night.total_sleep_minutes / 60;
  const waso = night.awake_after_sleep_onset_minutes;

  const long = night.long_awakenings ?? null;
  const basis = long === null ? 'upper_bound' : 'long_awakenings';
  const count = long ?? longAwakeningsUpperBound(night.awakenings, waso);
  const perHour = count / sleepHours;

  let value: RestlessnessLevel = 'medium';
  if (waso >= wasoPoor || (basis === 'long_awakenings' && perHour >= highFrom)) value = 'high';
  else if (waso <= wasoGood && perHour < lowBelow) value = 'low';

  return {
    value,
    waso_minutes: waso,
    awakenings_basis: basis,
    long_awakenings_per_hour: perHour,
    thresholds: { waso_low_max: wasoGood, waso_high_min: wasoPoor, awakenings_low_below: lowBelow, awakenings_high_from: highFrom },
    age_group: resolved.band.group,
    age_assumed: resolved.assumed,
  };
}
