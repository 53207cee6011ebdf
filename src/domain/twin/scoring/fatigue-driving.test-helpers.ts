import { emptyFeatures, nightSeries, withFacts } from '../testing/feature-factory.js';
import type { TwinFeatures } from '../twin-features.js';
import { scoringContext, type ScoringContext } from './context.js';
import { threeProcessModel } from '../../models/index.js';

/** Seven nights 23:00-07:00 UTC (8 h asleep, efficiency 1) waking on 24-30 June 2026; `lastNightHours` shortens the last. */
export function sleeper(asOf: string, lastNightHours = 8): { features: TwinFeatures; ctx: ScoringContext } {
  const nights = nightSeries(asOf.startsWith('2026-07-01') ? '2026-06-30T12:00:00Z' : asOf, 7, (i) => ({
    bedtimeHour: i === 6 ? 31 - lastNightHours : 23,
    asleepHours: i === 6 ? lastNightHours : 8,
    efficiency: 1,
  }));
  const features = withFacts(emptyFeatures(asOf), { nights });
  return { features, ctx: scoringContext(features) };
}

/** The library model's KSS at `at` for the same seven nights (local = UTC), to check the twin reads the right epoch. */
export function modelKss(at: string, lastNightHours = 8): number {
  const periods = Array.from({ length: 7 }, (_, i) => {
    const day = 24 + i;
    const hours = i === 6 ? lastNightHours : 8;
    const start = hours > 7 ? `2026-06-${day - 1}T${String(31 - hours)}:00` : `2026-06-${day}T${String(7 - hours).padStart(2, '0')}:00`;
    return { start, end: `2026-06-${day}T07:00` };
  });
  const result = threeProcessModel.compute({ epoch_minutes: 5, start: periods[0]!.start, end: '2026-07-01T12:00', sleep_periods: periods });
  const entry = result.outputs.series.find((e) => e.time === `${at.slice(0, 16)}:00`);
  if (!entry) throw new Error(`no epoch at ${at}`);
  return entry.kss;
}

/** KSS anchors 3 → 100, 7 → 50, 9 → 0, held outside. */
export const kssSubScore = (kss: number): number =>
  kss <= 3 ? 100 : kss <= 7 ? 100 - 12.5 * (kss - 3) : kss <= 9 ? 50 - 25 * (kss - 7) : 0;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
