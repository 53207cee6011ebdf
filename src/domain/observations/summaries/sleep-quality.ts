/**
 * Twin `quality_score` of a sleep session, 0–100: total sleep against the NSF duration recommendation for the person's
 * age (Hirshkowitz 2015) and the continuity indicators of the NSF sleep-quality consensus (Ohayon 2017), each scored
 * linearly between its published anchors and combined with documented weights. Pure. docs/health-data.md § quality_score.
 */
import { piecewiseLinear, type Anchor } from './piecewise-linear.js';
import {
  continuityThresholds,
  sleepDurationBand,
  validateNight,
  wakeMeasured,
  type SleepDurationBand,
  type SleepNight,
} from './sleep-recommendations.js';
import { insufficient, type Insufficient } from './summary-result.js';

/**
 * Duration carries 40 %: it is the dimension whose thresholds rest on outcome evidence (the NSF duration panel). The
 * three continuity indicators the NSF quality panel endorsed share the other 60 % equally (the panel ranked none above
 * another). Sleep latency, also endorsed, is not scored: our sessions have no reliable lights-out time. In percent
 * (integers, so that hand recomputation and floating point agree).
 */
export const SLEEP_QUALITY_WEIGHTS = { duration: 40, efficiency: 20, waso: 20, awakenings: 20 } as const;

export type SleepQualityComponentName = keyof typeof SLEEP_QUALITY_WEIGHTS;

export interface SleepQualityComponent {
  /** the input the component was scored on (hours, fraction, minutes or count) */
  readonly input: number;
  /** 0–100, unrounded */
  readonly score: number;
  /** the weight after redistributing the weights of omitted components (weights of used components sum to 1) */
  readonly weight: number;
}

export interface SleepQualityScore {
  /** integer 0–100 */
  readonly value: number;
  readonly components: Readonly<Partial<Record<SleepQualityComponentName, SleepQualityComponent>>>;
  readonly omitted: readonly { readonly component: SleepQualityComponentName; readonly reason: string }[];
  readonly age_group: SleepDurationBand['group'];
  /** true when the age was unknown and adults 26–64 were assumed */
  readonly age_assumed: boolean;
}

export type SleepQualityReason = 'nap' | 'no_sleep' | 'age_not_supported' | 'no_continuity_measure';

/** Duration anchors (hours → score): 0 h → 0, "may be appropriate" edges → 50, "recommended" range → 100. */
export function durationAnchors(band: SleepDurationBand): Anchor[] {
  const [recLo, recHi] = band.recommended;
  const [okLo, okHi] = band.mayBeAppropriate;
  return [
    [0, 0],
    [okLo, 50],
    [recLo, 100],
    [recHi, 100],
    [okHi, 50],
  ];
}

export function sleepQualityScore(night: SleepNight, ageYears: number | null): SleepQualityScore | Insufficient<SleepQualityReason> {
  validateNight(night);
  if (night.nap === true)
    return insufficient('nap', 'naps get no quality score: the duration and continuity thresholds are for the main sleep');
  if (night.total_sleep_minutes <= 0) return insufficient('no_sleep', 'the session has no sleep time');
  const resolved = sleepDurationBand(ageYears);
  const continuity = resolved ? continuityThresholds(resolved.band) : null;
  if (!resolved || !continuity) {
    return insufficient('age_not_supported', `quality_score is defined for adults (18 years and over); age given: ${String(ageYears)}`);
  }

  const raw: Partial<Record<SleepQualityComponentName, { input: number; score: number }>> = {};
  const omitted: { component: SleepQualityComponentName; reason: string }[] = [];

  const hours = night.total_sleep_minutes / 60;
  raw.duration = { input: hours, score: piecewiseLinear(hours, durationAnchors(resolved.band)) };

  if (night.efficiency === null) {
    omitted.push({ component: 'efficiency', reason: 'no time-in-bed data in the session' });
  } else {
    const [good, poor] = continuity.efficiency;
    raw.efficiency = {
      input: night.efficiency,
      score: piecewiseLinear(night.efficiency, [
        [poor, 0],
        [good, 100],
      ]),
    };
  }

  const wake = wakeMeasured(night);
  if (!wake) {
    omitted.push({ component: 'waso', reason: 'the source records no wake (no stages, no awake time)' });
  } else {
    const [good, poor] = continuity.wasoMinutes;
    const waso = night.awake_after_sleep_onset_minutes;
    raw.waso = {
      input: waso,
      score: piecewiseLinear(waso, [
        [good, 100],
        [poor, 0],
      ]),
    };
  }

  const long = night.long_awakenings ?? null;
  if (!wake) {
    omitted.push({ component: 'awakenings', reason: 'the source records no wake (no stages, no awake time)' });
  } else if (long === null) {
    omitted.push({ component: 'awakenings', reason: 'awakenings longer than 5 minutes are not known (only awakenings of any length)' });
  } else {
    const [good, poor] = continuity.longAwakenings;
    raw.awakenings = {
      input: long,
      score: piecewiseLinear(long, [
        [good, 100],
        [poor, 0],
      ]),
    };
  }

  if (!raw.efficiency && !raw.waso && !raw.awakenings) {
    return insufficient(
      'no_continuity_measure',
      'no continuity measure: the session has neither time in bed (efficiency) nor recorded wake (WASO, awakenings)',
    );
  }

  const used = Object.keys(raw) as SleepQualityComponentName[];
  const totalWeight = used.reduce((sum, name) => sum + SLEEP_QUALITY_WEIGHTS[name], 0);
  const components: Partial<Record<SleepQualityComponentName, SleepQualityComponent>> = {};
  let weighted = 0;
  for (const name of used) {
    const c = raw[name]!;
    const weight = SLEEP_QUALITY_WEIGHTS[name] / totalWeight;
    components[name] = { input: c.input, score: c.score, weight };
    weighted += SLEEP_QUALITY_WEIGHTS[name] * c.score;
  }
  return {
    value: Math.round(weighted / totalWeight),
    components,
    omitted,
    age_group: resolved.band.group,
    age_assumed: resolved.assumed,
  };
}
