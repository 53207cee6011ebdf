/**
 * Fatigue twin: how alert the person is now and will be over the next hours, from the three-process model driven by
 * their measured sleep, plus hours awake and the sleep obtained in the last 24/48 h. docs/models.md § fatigue.
 */
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import {
  FATIGUE_HORIZON_HOURS,
  forecastTwin,
  hoursAwakeDraft,
  kssNowDraft,
  kssPeakDraft,
  sleepLast24hDraft,
  sleepLast48hDraft,
} from './shared/alertness.js';
import type { FatigueForecastResult } from '../model-inputs/index.js';
import type { SleepSignals } from './shared/sleep-signals.js';
import type { ComponentDraft } from './shared/weighted-score.js';

export const FATIGUE_WEIGHTS = { kss_now: 30, kss_peak: 15, hours_awake: 15, sleep_last_24h: 20, sleep_last_48h: 20 } as const;

export function scoreFatigue(ctx: ScoringContext, sleep: SleepSignals, result: FatigueForecastResult): TwinScore {
  return forecastTwin('fatigue', ctx, sleep, result, (forecast) => {
    const drafts: ComponentDraft[] = [
      kssNowDraft(forecast, FATIGUE_WEIGHTS.kss_now),
      kssPeakDraft(forecast, FATIGUE_HORIZON_HOURS, FATIGUE_WEIGHTS.kss_peak),
      sleepLast24hDraft(forecast, FATIGUE_WEIGHTS.sleep_last_24h, 'fatigue'),
      sleepLast48hDraft(forecast, FATIGUE_WEIGHTS.sleep_last_48h),
    ];
    const awake = hoursAwakeDraft(forecast, FATIGUE_WEIGHTS.hours_awake);
    if (awake) drafts.splice(2, 0, awake);
    return {
      drafts,
      notes: [
        `fatigue model run over the last ${forecast.nightsUsed} consecutive nights; the peak assumes no sleep in the next ${FATIGUE_HORIZON_HOURS} h`,
      ],
    };
  });
}
