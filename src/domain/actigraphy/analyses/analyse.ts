/**
 * The validated part of an actigraphy analysis (everything but the PAT embedding): sleep, circadian rhythm, activity
 * patterns and what the data supports. Pure and deterministic: the same series and options give the same result.
 */
import type { StoredObservation } from '../../observations/index.js';
import { gapMask, MINUTE_MS, type MinuteSeries } from '../series/minute-series.js';
import { activityPatterns, type ActivityPatterns } from './activity-patterns.js';
import { circadianRhythm, type CircadianRhythm } from './circadian.js';
import { confidenceScores, type AnalysisStatus, type ConfidenceScores } from './confidence.js';
import { recordedNights, type RecordedNight } from './recorded-sleep.js';
import { scoreNights, type AlgorithmSleep } from './sleep-metrics.js';
import { TUDOR_LOCKE_CITATION } from './sleep-periods.js';
import { WEBSTER_CITATION } from './sleep-scoring.js';

export interface AnalysisOptions {
  /** apply Webster's rescoring rules to both scorers (default false, as ActiLife) */
  readonly webster_rescoring?: boolean | null;
}

export interface SleepMetrics {
  readonly primary_algorithm: 'cole_kripke';
  readonly preferred_source: ConfidenceScores['preferred_sleep_source'];
  readonly sleep_period_rule: string;
  readonly time_in_bed_definition: string;
  readonly webster_rescoring: string | null;
  readonly cole_kripke: AlgorithmSleep;
  readonly sadeh: AlgorithmSleep;
  readonly recorded_sleep: RecordedNight[] | null;
}

export interface ValidatedAnalysis {
  readonly activity_patterns: ActivityPatterns;
  readonly sleep_metrics: SleepMetrics;
  readonly circadian_rhythm: CircadianRhythm;
  readonly confidence_scores: ConfidenceScores;
}

/** `recordedSleep`: the person's stored sleep-stage rows over the window, or null when not looked up (direct input). */
export function analyseSeries(
  series: MinuteSeries,
  options: AnalysisOptions,
  recordedSleep: readonly StoredObservation[] | null,
  extraStatuses: Record<string, AnalysisStatus> = {},
): ValidatedAnalysis {
  const gaps = gapMask(series);
  const webster = options.webster_rescoring ?? false;
  const coleKripke = scoreNights(series, gaps, 'cole_kripke', webster);
  const sadeh = scoreNights(series, gaps, 'sadeh', webster);
  const circadian = circadianRhythm(series, gaps, coleKripke.sleep);
  const activity = activityPatterns(series, gaps, coleKripke.periods);
  const endMs = series.startMs + series.values.length * MINUTE_MS;
  const recorded = recordedSleep === null ? null : recordedNights(recordedSleep, series.startMs, endMs);
  const recordedAvailable = recorded === null ? null : recorded.length > 0;

  const statusOf = (part: { status: string; reason?: string }): AnalysisStatus =>
    part.status === 'computed' ? { status: 'computed' } : { status: 'abstained', reason: part.reason ?? 'not computed' };
  const nightsStatus: AnalysisStatus =
    coleKripke.result.nights.length > 0
      ? { status: 'computed' }
      : { status: 'abstained', reason: 'no sleep period of at least 160 minutes was found (Tudor-Locke rule)' };
  const confidence = confidenceScores(series, activity.daily.filter((d) => d.complete).length, recordedAvailable, {
    sleep_nights: nightsStatus,
    nonparametric_circadian: statusOf(circadian.nonparametric),
    cosinor: statusOf(circadian.cosinor),
    sleep_regularity_index: statusOf(circadian.sleep_regularity_index),
    ...extraStatuses,
  });
  return {
    activity_patterns: activity,
    sleep_metrics: {
      primary_algorithm: 'cole_kripke',
      preferred_source: confidence.preferred_sleep_source,
      sleep_period_rule: TUDOR_LOCKE_CITATION,
      time_in_bed_definition:
        'Without an in-bed marker the period starts at sleep onset: time in bed is the sleep period time (onset to final wake) and sleep-onset latency is null.',
      webster_rescoring: webster ? WEBSTER_CITATION : null,
      cole_kripke: coleKripke.result,
      sadeh: sadeh.result,
      recorded_sleep: recorded,
    },
    circadian_rhythm: circadian,
    confidence_scores: confidence,
  };
}
