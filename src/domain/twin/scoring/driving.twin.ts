/**
 * Driving twin: fitness to drive now, from the fatigue model's predicted sleepiness over a typical drive, hours awake
 * as a blood-alcohol equivalent, and the crash odds of the sleep obtained in the last 24 h. docs/models.md § driving.
 */
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import { forecastTwin, hoursAwakeDraft, kssNowDraft, kssPeakDraft, sleepLast24hDraft } from './shared/alertness.js';
import type { FatigueForecastResult } from '../model-inputs/index.js';
import type { SleepSignals } from './shared/sleep-signals.js';
import type { ComponentDraft } from './shared/weighted-score.js';

/** A drive's horizon: Tefft 2018 found driving 3 h or more associated with culpability; 2 h is a common single stint. */
export const DRIVE_HOURS = 2;
export const DRIVING_WEIGHTS = { kss_now: 30, kss_peak: 20, hours_awake: 25, sleep_last_24h: 25 } as const;

export function scoreDriving(ctx: ScoringContext, sleep: SleepSignals, result: FatigueForecastResult): TwinScore {
  return forecastTwin('driving', ctx, sleep, result, (forecast) => {
    const drafts: ComponentDraft[] = [
      kssNowDraft(forecast, DRIVING_WEIGHTS.kss_now),
      kssPeakDraft(forecast, DRIVE_HOURS, DRIVING_WEIGHTS.kss_peak),
    ];
    const awake = hoursAwakeDraft(forecast, DRIVING_WEIGHTS.hours_awake);
    if (awake) drafts.push(awake);
    drafts.push(sleepLast24hDraft(forecast, DRIVING_WEIGHTS.sleep_last_24h, 'crash'));
    return { drafts, notes: [`the peak covers a ${DRIVE_HOURS} h drive starting now`] };
  });
}
