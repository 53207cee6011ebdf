/**
 * What the data supports: how much of the window has data, how many days, where the holes are, and whether the
 * signal is one the sleep scorers were validated on. Facts about the input, never a model's output dressed up as a
 * probability.
 */
import { MINUTES_PER_DAY, type MinuteSeries } from '../series/minute-series.js';

export interface AnalysisStatus {
  readonly status: 'computed' | 'abstained' | 'not_available';
  readonly reason?: string;
}

export interface ConfidenceScores {
  readonly coverage: number;
  readonly minutes_total: number;
  readonly minutes_with_data: number;
  readonly days_spanned: number;
  readonly complete_days: number;
  readonly gaps: { count: number; total_minutes: number; longest_minutes: number };
  readonly signal: MinuteSeries['signal'];
  readonly step_derived: boolean;
  readonly sleep_scoring_validated: boolean;
  readonly recorded_sleep_stages_available: boolean | null;
  readonly preferred_sleep_source: 'recorded_sleep_stages' | 'cole_kripke_on_actigraphy' | 'cole_kripke_on_steps_unvalidated';
  readonly analyses: Record<string, AnalysisStatus>;
  readonly notes: string[];
}

export function confidenceScores(
  series: MinuteSeries,
  completeDays: number,
  recordedSleepAvailable: boolean | null,
  analyses: Record<string, AnalysisStatus>,
): ConfidenceScores {
  const total = series.values.length;
  const gapMinutes = series.gaps.reduce((a, [, length]) => a + length, 0);
  const stepDerived = series.signal === 'step_counts';
  const notes: string[] = [];
  if (stepDerived) {
    notes.push(
      'The series is step-derived. Cole-Kripke and Sadeh were validated on wrist ActiGraph counts, not steps: sleep scored from steps is unvalidated and tends to call any still minute sleep.',
      'Steps carry no wear signal: a minute without steps may be rest or a phone left on a table. Only whole local days without any step sample are treated as gaps.',
    );
    if (recordedSleepAvailable) notes.push('Recorded sleep stages exist for this window: prefer sleep_metrics.recorded_sleep.');
  }
  if (gapMinutes > 0) notes.push('Circadian measures use the longest stretch without gaps; sleep periods end at a gap.');
  const preferred = recordedSleepAvailable
    ? 'recorded_sleep_stages'
    : stepDerived
      ? 'cole_kripke_on_steps_unvalidated'
      : 'cole_kripke_on_actigraphy';
  return {
    coverage: total === 0 ? 0 : Math.round(((total - gapMinutes) / total) * 10_000) / 10_000,
    minutes_total: total,
    minutes_with_data: total - gapMinutes,
    days_spanned: Math.round((total / MINUTES_PER_DAY) * 100) / 100,
    complete_days: completeDays,
    gaps: {
      count: series.gaps.length,
      total_minutes: gapMinutes,
      longest_minutes: series.gaps.reduce((a, [, length]) => Math.max(a, length), 0),
    },
    signal: series.signal,
    step_derived: stepDerived,
    sleep_scoring_validated: !stepDerived,
    recorded_sleep_stages_available: recordedSleepAvailable,
    preferred_sleep_source: preferred,
    analyses,
    notes,
  };
}
