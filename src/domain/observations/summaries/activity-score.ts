/**
 * Twin `activity_score` of a day, 0–100: steps against the step count at which the mortality benefit levels off
 * (Paluch et al. 2022) and moderate-to-vigorous minutes against the upper end of the WHO 2020 weekly range, as a daily
 * share. Pure. docs/health-data.md § activity_score.
 */
import { assertNonNegative, insufficient, type Insufficient } from './summary-result.js';

/**
 * Paluch AE, Bajpai S, Bassett DR, et al. Daily steps and all-cause mortality: a meta-analysis of 15 international
 * cohorts. Lancet Public Health 2022;7(3):e219–e228: the risk levelled off at about 6,000–8,000 steps/day in adults
 * aged 60 and over and 8,000–10,000 steps/day below 60. The score reaches 100 at the upper end of each range.
 */
export const STEPS_FULL_SCORE = { under60: 10_000, from60: 8_000 } as const;

/**
 * Bull FC, Al-Ansari SS, Biddle S, et al. World Health Organization 2020 guidelines on physical activity and sedentary
 * behaviour. Br J Sports Med 2020;54:1451–1462: adults 150–300 min/week moderate (or 75–150 vigorous, one vigorous
 * minute = two moderate). The score reaches 100 at 300/7 ≈ 42.86 moderate-equivalent minutes in the day.
 */
export const WHO_WEEKLY_MODERATE_MINUTES = { minimum: 150, upper: 300 } as const;
export const ACTIVE_MINUTES_FULL_SCORE = WHO_WEEKLY_MODERATE_MINUTES.upper / 7;

/**
 * Equal weights, in percent: steps measure volume (Paluch), minutes measure intensity (WHO); neither source ranks one
 * above the other, and they overlap (brisk walking counts in both).
 */
export const ACTIVITY_SCORE_WEIGHTS = { steps: 50, active_minutes: 50 } as const;

/** Troiano et al. 2008 (NHANES accelerometry): a valid day has at least 10 h of wear. */
export const MIN_WEAR_MINUTES = 600;

export interface ActivityScoreInput {
  /** steps of the day, sources already merged (no double counting); null when unknown */
  readonly steps: number | null;
  /** moderate-or-vigorous minutes of the day (active-minutes.ts, or Apple exercise minutes); null when unknown */
  readonly active_minutes: number | null;
  /** the part of active_minutes at vigorous intensity (counted twice, as WHO does); null/absent when unknown */
  readonly vigorous_minutes?: number | null;
  readonly age_years: number | null;
  /** minutes the device was worn that day, when known; under MIN_WEAR_MINUTES the day is not scored */
  readonly worn_minutes?: number | null;
}

export interface ActivityScoreComponent {
  readonly input: number;
  /** 0–100, unrounded */
  readonly score: number;
  /** weight after redistributing an omitted component's weight */
  readonly weight: number;
}

export interface ActivityScore {
  /** integer 0–100 */
  readonly value: number;
  readonly components: { readonly steps: ActivityScoreComponent | null; readonly active_minutes: ActivityScoreComponent | null };
  readonly steps_full_score: number;
  readonly active_minutes_full_score: number;
  /** true when the age was unknown and the under-60 step anchor was used */
  readonly age_assumed: boolean;
  readonly warnings: readonly string[];
}

export type ActivityScoreReason = 'no_activity_data' | 'age_not_supported' | 'insufficient_wear';

export function activityScore(input: ActivityScoreInput): ActivityScore | Insufficient<ActivityScoreReason> {
  const { steps, active_minutes: active, age_years: age } = input;
  const vigorous = input.vigorous_minutes ?? null;
  const worn = input.worn_minutes ?? null;
  if (steps !== null) assertNonNegative('steps', steps);
  if (active !== null) assertNonNegative('active_minutes', active);
  if (vigorous !== null) {
    assertNonNegative('vigorous_minutes', vigorous);
    if (active === null || vigorous > active) throw new RangeError('vigorous_minutes is part of active_minutes and cannot exceed it');
  }
  if (worn !== null) assertNonNegative('worn_minutes', worn);
  if (age !== null) assertNonNegative('age_years', age);

  if (age !== null && age < 18)
    return insufficient('age_not_supported', `activity_score is defined for adults (18 years and over); age given: ${age}`);
  if (steps === null && active === null) return insufficient('no_activity_data', 'neither steps nor active minutes are known for the day');
  if (worn !== null && worn < MIN_WEAR_MINUTES) {
    return insufficient(
      'insufficient_wear',
      `the device was worn ${worn} min; at least ${MIN_WEAR_MINUTES} min (10 h) are needed to score a day`,
    );
  }

  const stepsFull = age !== null && age >= 60 ? STEPS_FULL_SCORE.from60 : STEPS_FULL_SCORE.under60;
  const stepsScore = steps === null ? null : Math.min(100, (100 * steps) / stepsFull);
  const equivalent = active === null ? null : active + (vigorous ?? 0);
  // 100·eq ÷ (300/7) written as 700·eq ÷ 300 so that whole minutes give exact results (30 min → 70).
  const minutesScore = equivalent === null ? null : Math.min(100, (700 * equivalent) / WHO_WEEKLY_MODERATE_MINUTES.upper);

  const wSteps = stepsScore === null ? 0 : ACTIVITY_SCORE_WEIGHTS.steps;
  const wMinutes = minutesScore === null ? 0 : ACTIVITY_SCORE_WEIGHTS.active_minutes;
  const total = wSteps + wMinutes;
  const value = Math.round((wSteps * (stepsScore ?? 0) + wMinutes * (minutesScore ?? 0)) / total);

  const warnings: string[] = [];
  if (worn === null) warnings.push('wear time unknown: a day the device was barely worn scores low');
  if (steps === null) warnings.push('steps unknown: scored on active minutes alone');
  if (active === null) warnings.push('active minutes unknown: scored on steps alone');
  return {
    value,
    components: {
      steps: stepsScore === null ? null : { input: steps!, score: stepsScore, weight: wSteps / total },
      active_minutes: minutesScore === null ? null : { input: equivalent!, score: minutesScore, weight: wMinutes / total },
    },
    steps_full_score: stepsFull,
    active_minutes_full_score: ACTIVE_MINUTES_FULL_SCORE,
    age_assumed: age === null,
    warnings,
  };
}
