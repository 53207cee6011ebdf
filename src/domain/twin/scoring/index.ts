/**
 * The eight digital twins scored from one TwinFeatures snapshot. Pure: no I/O, no clock ("now" is features.as_of).
 * What each twin is made of, and why, is docs/models.md. The overall score (the mean of the twins that have one) is
 * engine/twin-engine.ts `overallHealthScore`.
 */
import type { TwinFeatures } from '../twin-features.js';
import type { TwinScores } from '../twin-score.js';
import { scoreCardiac } from './cardiac.twin.js';
import { scoringContext } from './context.js';
import { scoreDriving } from './driving.twin.js';
import { scoreEnvironmental } from './environmental.twin.js';
import { scoreFatigue } from './fatigue.twin.js';
import { scoreMentalHealth } from './mental-health.twin.js';
import { scoreMetabolic } from './metabolic.twin.js';
import { scoreOccupational } from './occupational.twin.js';
import { sleepSignals } from './shared/sleep-signals.js';
import { scoreSleep } from './sleep.twin.js';
import { forecastFatigue } from '../model-inputs/index.js';
import { TWIN_FATIGUE_FORECAST } from './shared/alertness.js';

export function scoreTwins(features: TwinFeatures): TwinScores {
  const ctx = scoringContext(features);
  const sleep = sleepSignals(ctx);
  const fatigue = forecastFatigue(features, TWIN_FATIGUE_FORECAST);
  const cardiac = scoreCardiac(ctx);
  return {
    cardiac,
    metabolic: scoreMetabolic(ctx),
    sleep: scoreSleep(ctx, sleep),
    fatigue: scoreFatigue(ctx, sleep, fatigue),
    mental_health: scoreMentalHealth(ctx, sleep),
    environmental: scoreEnvironmental(ctx),
    occupational: scoreOccupational(ctx, fatigue, cardiac),
    driving: scoreDriving(ctx, sleep, fatigue),
  };
}
