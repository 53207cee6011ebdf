/**
 * Twin `quality` of a vitals point ('high' | 'medium' | 'low'): how complete the bucket behind the point is for the
 * source's sampling, who produced the values (device or person) and whether every value is plausible. Pure.
 * docs/health-data.md § vitals quality.
 */
import { checkPlausible } from '../catalogue/index.js';
import type { SourceClass } from '../sources/index.js';
import { insufficient, type Insufficient } from './summary-result.js';

export type VitalsQualityLevel = 'high' | 'medium' | 'low';

/** 'sensed' = written by a device; 'user_entered' = typed in by a person (HKWasUserEntered, Twin manual entry). */
export type ValueProvenance = 'sensed' | 'user_entered';

/**
 * How the source samples the type:
 *  - periodic: it tries to record every `interval_minutes` (the bucket is complete when every slot has a sample);
 *  - spot: every sample is a self-contained measurement (a cuff reading, a thermometer, an ECG-derived HRV value);
 *  - unknown: we do not know how often it should record, so completeness cannot be judged.
 */
export type Sampling =
  { readonly kind: 'periodic'; readonly interval_minutes: number } | { readonly kind: 'spot' } | { readonly kind: 'unknown' };

/**
 * Apple: "Apple Watch attempts to measure your heart rate every 10 minutes, but won't record it when you're in motion or
 * your arm is moving" (Apple Support, "Your heart rate. What it means, and where on Apple Watch you'll find it").
 */
export const APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES = 10;

/** Types whose samples are single self-contained measurements. */
const SPOT_TYPES: ReadonlySet<string> = new Set([
  'blood_pressure',
  'blood_pressure_systolic',
  'blood_pressure_diastolic',
  'body_temperature',
  'basal_body_temperature',
  'wrist_temperature',
  'blood_glucose',
  'spo2',
  'hrv_sdnn',
  'hrv_rmssd',
  'resting_heart_rate',
  'walking_heart_rate_average',
  'body_mass',
]);

/** The sampling we know for a type from a source class; 'unknown' rather than a guessed interval. */
export function expectedSampling(typeId: string, sourceClass: SourceClass): Sampling {
  if (sourceClass === 'manual' || SPOT_TYPES.has(typeId)) return { kind: 'spot' };
  if (typeId === 'heart_rate' && sourceClass === 'watch')
    return { kind: 'periodic', interval_minutes: APPLE_WATCH_BACKGROUND_HEART_RATE_MINUTES };
  return { kind: 'unknown' };
}

/** Coverage (share of slots with a sample) at or above which a periodic bucket is 'high' / 'medium'. */
export const COVERAGE_THRESHOLDS = { high: 2 / 3, medium: 1 / 3 } as const;

export interface VitalsSample {
  /** epoch ms, UTC, within [bucket_start_ms, bucket_end_ms) */
  readonly start_ms: number;
  /** canonical unit of the type */
  readonly value: number;
  readonly provenance: ValueProvenance;
}

export interface VitalsBucketInput {
  /** observation type id (catalogue), for the plausibility check */
  readonly type: string;
  readonly bucket_start_ms: number;
  /** exclusive; for a bucket still in progress, pass the time up to which data could exist */
  readonly bucket_end_ms: number;
  readonly samples: readonly VitalsSample[];
  readonly sampling: Sampling;
}

export interface VitalsQuality {
  readonly value: VitalsQualityLevel;
  /** slots with at least one sample ÷ slots in the bucket (periodic sampling only, else null) */
  readonly coverage: number | null;
  readonly slots_with_data: number | null;
  readonly slots_expected: number | null;
  readonly user_entered: number;
  readonly implausible: number;
  /** why the level is not 'high' (empty when it is) */
  readonly reasons: readonly string[];
}

const RANK: Record<VitalsQualityLevel, number> = { low: 0, medium: 1, high: 2 };
const lower = (a: VitalsQualityLevel, b: VitalsQualityLevel): VitalsQualityLevel => (RANK[a] <= RANK[b] ? a : b);

export function vitalsQuality(input: VitalsBucketInput): VitalsQuality | Insufficient<'no_samples'> {
  const { bucket_start_ms: start, bucket_end_ms: end, samples, sampling } = input;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) throw new RangeError('bucket_end_ms must be after bucket_start_ms');
  for (const s of samples) {
    if (!(s.start_ms >= start && s.start_ms < end)) throw new RangeError(`sample at ${String(s.start_ms)} is outside the bucket`);
  }
  if (samples.length === 0) return insufficient('no_samples', 'the bucket has no samples: no point, no quality');

  const reasons: string[] = [];
  let level: VitalsQualityLevel = 'high';
  let coverage: number | null = null;
  let filled: number | null = null;
  let expected: number | null = null;

  if (sampling.kind === 'periodic') {
    const intervalMs = sampling.interval_minutes * 60_000;
    if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError('interval_minutes must be > 0');
    expected = Math.ceil((end - start) / intervalMs);
    filled = new Set(samples.map((s) => Math.floor((s.start_ms - start) / intervalMs))).size;
    coverage = filled / expected;
    // integer comparisons: filled/expected ≥ 2/3 ⇔ 3·filled ≥ 2·expected
    const byCoverage: VitalsQualityLevel = 3 * filled >= 2 * expected ? 'high' : 3 * filled >= expected ? 'medium' : 'low';
    if (byCoverage !== 'high') reasons.push(`${filled} of ${expected} ${sampling.interval_minutes}-minute slots have a sample`);
    level = lower(level, byCoverage);
  } else if (sampling.kind === 'unknown') {
    reasons.push("the source's sampling rate is unknown, so the bucket's completeness cannot be judged");
    level = lower(level, 'medium');
  }

  const userEntered = samples.filter((s) => s.provenance === 'user_entered').length;
  if (userEntered > 0) {
    reasons.push(`${userEntered} value(s) typed in by a person`);
    level = lower(level, 'medium');
  }

  const implausible = samples.filter((s) => !checkPlausible(input.type, s.value).ok).length;
  if (implausible > 0) {
    reasons.push(`${implausible} value(s) outside the plausible range for ${input.type}`);
    level = lower(level, 'low');
  }

  return { value: level, coverage, slots_with_data: filled, slots_expected: expected, user_entered: userEntered, implausible, reasons };
}
