/**
 * Published sleep thresholds the sleep summaries are anchored on. Every number here is cited; docs/health-data.md
 * explains how each becomes a score.
 *
 * Duration: Hirshkowitz M, Whiton K, Albert SM, et al. National Sleep Foundation's sleep time duration recommendations:
 * methodology and results summary. Sleep Health 2015;1(1):40–43, doi:10.1016/j.sleh.2014.12.010 (hours per day;
 * "recommended" and "may be appropriate" ranges; outside the latter "not recommended").
 *
 * Continuity: Ohayon M, Wickwire EM, Hirshkowitz M, et al. National Sleep Foundation's sleep quality recommendations:
 * first report. Sleep Health 2017;3(1):6–19, doi:10.1016/j.sleh.2016.11.006. "Good" = the panel's consensus for good
 * sleep quality (also stated in the NSF's public summary); "poor" = the first value the panel rated as indicating poor
 * quality in its table for adults — to be re-checked against Table 2 of the paper; the 65+ poor ends for efficiency
 * and awakenings reuse the adult values.
 */
import { assertNonNegative } from './summary-result.js';

export interface SleepDurationBand {
  readonly group: '6-13' | '14-17' | '18-25' | '26-64' | '65+';
  /** whole years, inclusive; null = no upper bound */
  readonly minAge: number;
  readonly maxAge: number | null;
  /** hours per day */
  readonly recommended: readonly [number, number];
  readonly mayBeAppropriate: readonly [number, number];
}

/** Hirshkowitz 2015, Table (age groups from 6 years; younger groups count naps in a 24 h total and are not used). */
export const NSF_SLEEP_DURATION: readonly SleepDurationBand[] = [
  { group: '6-13', minAge: 6, maxAge: 13, recommended: [9, 11], mayBeAppropriate: [7, 12] },
  { group: '14-17', minAge: 14, maxAge: 17, recommended: [8, 10], mayBeAppropriate: [7, 11] },
  { group: '18-25', minAge: 18, maxAge: 25, recommended: [7, 9], mayBeAppropriate: [6, 11] },
  { group: '26-64', minAge: 26, maxAge: 64, recommended: [7, 9], mayBeAppropriate: [6, 10] },
  { group: '65+', minAge: 65, maxAge: null, recommended: [7, 8], mayBeAppropriate: [5, 9] },
];

/** The group assumed when the age is unknown: adults 26–64, the largest adult group. */
export const DEFAULT_SLEEP_GROUP: SleepDurationBand = NSF_SLEEP_DURATION[3]!;

export interface ResolvedBand {
  readonly band: SleepDurationBand;
  /** true when the age was unknown and DEFAULT_SLEEP_GROUP was used */
  readonly assumed: boolean;
}

/** The NSF band for an age in years; null when the age is below 6 (not covered here). Unknown age → adults 26–64. */
export function sleepDurationBand(ageYears: number | null): ResolvedBand | null {
  if (ageYears === null) return { band: DEFAULT_SLEEP_GROUP, assumed: true };
  if (!Number.isFinite(ageYears) || ageYears < 0) throw new RangeError(`age must be a finite number ≥ 0, got ${String(ageYears)}`);
  const age = Math.floor(ageYears);
  const band = NSF_SLEEP_DURATION.find((b) => age >= b.minAge && (b.maxAge === null || age <= b.maxAge));
  return band ? { band, assumed: false } : null;
}

/** Midpoint of the recommended range, in minutes (8 h for adults 18–64, 7.5 h for 65+). */
export function recommendedMidpointMinutes(band: SleepDurationBand): number {
  return ((band.recommended[0] + band.recommended[1]) / 2) * 60;
}

/** Ohayon 2017 continuity thresholds for adults: [good (inclusive), poor (inclusive)]. */
export interface ContinuityThresholds {
  /** sleep efficiency, fraction: good ≥ good, poor ≤ poor */
  readonly efficiency: readonly [good: number, poor: number];
  /** wake after sleep onset, minutes: good ≤ good, poor ≥ poor */
  readonly wasoMinutes: readonly [good: number, poor: number];
  /** awakenings lasting > 5 min, per night: good ≤ good, poor ≥ poor */
  readonly longAwakenings: readonly [good: number, poor: number];
}

export const CONTINUITY_ADULT: ContinuityThresholds = { efficiency: [0.85, 0.74], wasoMinutes: [20, 41], longAwakenings: [1, 4] };
export const CONTINUITY_OLDER_ADULT: ContinuityThresholds = { efficiency: [0.85, 0.74], wasoMinutes: [30, 51], longAwakenings: [2, 4] };

/** Continuity thresholds for an adult band; null for children and adolescents (not covered here). */
export function continuityThresholds(band: SleepDurationBand): ContinuityThresholds | null {
  if (band.group === '65+') return CONTINUITY_OLDER_ADULT;
  if (band.group === '18-25' || band.group === '26-64') return CONTINUITY_ADULT;
  return null;
}

/** What the sleep summaries need from a session: a subset of `SleepSession` (sleep/sleep-sessions.ts). */
export interface SleepNight {
  readonly total_sleep_minutes: number;
  /** total sleep ÷ time in bed, 0…1; null when the session has no in-bed data */
  readonly efficiency: number | null;
  readonly awake_after_sleep_onset_minutes: number;
  /** awake episodes between two stretches of sleep, of any length */
  readonly awakenings: number;
  readonly stages: {
    readonly deep_minutes: number;
    readonly core_minutes: number;
    readonly rem_minutes: number;
    readonly awake_minutes: number;
  };
  readonly nap?: boolean;
  /** awakenings lasting more than 5 minutes (Ohayon 2017's definition), when the producer knows them */
  readonly long_awakenings?: number | null;
}

/**
 * Whether the session's source could have recorded wake at all. A source that stages sleep (deep/core/rem) records wake
 * too; a session with awake minutes obviously did. A session of plain "asleep" with no awake time (phone apps, older
 * watches) says nothing about wake: its WASO and awakenings of 0 are "not measured", not "none".
 */
export function wakeMeasured(night: SleepNight): boolean {
  const s = night.stages;
  return s.awake_minutes > 0 || s.deep_minutes + s.core_minutes + s.rem_minutes > 0;
}

export function validateNight(night: SleepNight): void {
  const check = assertNonNegative;
  check('total_sleep_minutes', night.total_sleep_minutes);
  check('awake_after_sleep_onset_minutes', night.awake_after_sleep_onset_minutes);
  check('awakenings', night.awakenings);
  for (const [k, v] of Object.entries(night.stages)) check(`stages.${k}`, v);
  if (night.efficiency !== null) {
    check('efficiency', night.efficiency);
    if (night.efficiency > 1) throw new RangeError(`efficiency is a fraction 0…1, got ${night.efficiency}`);
  }
  if (night.long_awakenings !== undefined && night.long_awakenings !== null) check('long_awakenings', night.long_awakenings);
}
