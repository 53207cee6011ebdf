/**
 * `quality` of a Twin vitals point.
 *
 * Raw points: `vitalsQuality` (summaries) on the one sample as a `spot` measurement (docs/health-data.md: a raw point is
 * one sample, so completeness does not apply): only its provenance (typed in → at most 'medium') and plausibility count.
 *
 * Aggregated points (hourly/daily): rollups keep count, min, max and sum, not the samples' times, sources or
 * provenance, and reading the samples back would defeat the rollups. So the level is judged from what a rollup does
 * know, with the same thresholds as `vitalsQuality`:
 *  - implausible: min or max outside the type's plausible range → 'low' (exact: some value is outside);
 *  - spot types (every sample is a complete measurement: blood pressure, SpO2, HRV, temperature) → 'high';
 *  - heart rate is judged against Apple Watch's 10-minute background interval, the one periodic sampling we know:
 *    slots = the bucket's 10-minute slots (only those already begun for the current hour), and the count bounds the
 *    slots filled from above (two samples may share a slot), so coverage = min(count, slots) ÷ slots is a CEILING:
 *    'low' and 'medium' are certain, 'high' means "enough samples to fill the bucket".
 *  Not seen by an aggregated point: user-entered values (the raw granularity shows them as 'medium').
 */
import { checkPlausible } from '../catalogue/index.js';
import type { Aggregate, StoredObservation } from '../store/index.js';
import {
  APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES,
  COVERAGE_THRESHOLDS,
  expectedSampling,
  vitalsQuality,
  type VitalsQualityLevel,
} from '../summaries/index.js';

const RANK: Record<VitalsQualityLevel, number> = { low: 0, medium: 1, high: 2 };
const lowest = (levels: readonly VitalsQualityLevel[]): VitalsQualityLevel =>
  levels.reduce((a, b) => (RANK[a] <= RANK[b] ? a : b), 'high' as VitalsQualityLevel);

/** One value of a raw row to judge: the type whose plausible range applies, and the value. */
export interface JudgedValue {
  readonly type: string;
  readonly value: number;
}

export function rawPointQuality(row: StoredObservation, values: readonly JudgedValue[]): VitalsQualityLevel {
  const provenance = row.provenance === 'user_entered' ? 'user_entered' : 'sensed';
  const levels = values.map(({ type, value }) => {
    const judged = vitalsQuality({
      type,
      bucket_start_ms: row.start_ms,
      bucket_end_ms: row.start_ms + 1,
      samples: [{ start_ms: row.start_ms, value, provenance }],
      sampling: { kind: 'spot' },
    });
    return judged.value ?? 'low';
  });
  return lowest(levels);
}

/** One component of an aggregated point: the type whose plausible range applies, and its rollup row. */
export interface JudgedAggregate {
  readonly type: string;
  readonly rollup: Aggregate;
}

export function aggregatePointQuality(
  seriesType: string,
  components: readonly JudgedAggregate[],
  bucketStartMs: number,
  bucketEndMs: number,
  nowMs: number,
): VitalsQualityLevel {
  const implausible = components.some(({ type, rollup }) => !checkPlausible(type, rollup.min).ok || !checkPlausible(type, rollup.max).ok);
  if (implausible) return 'low';
  // The source class is unknown in a rollup; 'watch' asks for the densest sampling we know of the type.
  const sampling = expectedSampling(seriesType, 'watch');
  if (sampling.kind === 'spot') return 'high';
  if (sampling.kind === 'unknown') return 'medium';
  const intervalMs = (sampling.interval_minutes || APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES) * 60_000;
  const end = Math.max(bucketStartMs + 1, Math.min(bucketEndMs, nowMs));
  const slots = Math.ceil((end - bucketStartMs) / intervalMs);
  const filled = Math.min(components[0]?.rollup.count ?? 0, slots);
  // A hair of tolerance so that 4 of 6 slots is exactly the 2/3 threshold despite floating point.
  const coverage = filled / slots + 1e-12;
  if (coverage >= COVERAGE_THRESHOLDS.high) return 'high';
  if (coverage >= COVERAGE_THRESHOLDS.medium) return 'medium';
  return 'low';
}
