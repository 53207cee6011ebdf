/**
 * A sample ready for the observation store: already mapped to our type, converted to the canonical unit, with its
 * source and device identified. Every ingest path (Clarity upload, HealthKit JSON, Apple Health export, Twin manual
 * entry) produces these; the store owns dedup, source priority and rollups.
 */
import type { DeviceIdentity } from './sources/device-identity.js';
import type { ObservationTypeId } from './catalogue/observation-types.js';

export type Provenance = 'sensed' | 'user_entered';

export type MetadataValue = string | number | boolean;

export interface SampleSource {
  /** HealthKit `sourceName` / app name ("Anna's Apple Watch", "Oura"). */
  readonly name: string;
  readonly version: string | null;
  /** HealthKit `bundleIdentifier`, when known (uploads carry it; exports do not). */
  readonly bundleId: string | null;
  /** Parsed device, memory address stripped; null when the sample names no device. */
  readonly device: DeviceIdentity | null;
}

export interface SampleInput {
  readonly type: ObservationTypeId;
  /** UTC instants, epoch milliseconds; the store keeps whole seconds (as Apple's export does). */
  readonly start: number;
  readonly end: number;
  /** Quantity types: the value in the type's canonical unit. Category/correlation types: null or a derived number. */
  readonly value: number | null;
  /** Category value (sleep stage, workout activity type, event kind), else null. */
  readonly category: string | null;
  /** Correlations (blood_pressure: systolic, diastolic[, pulse]) and workouts (distance_m, energy_kcal), canonical units. */
  readonly components: Readonly<Record<string, number>> | null;
  /** Minutes east of UTC recorded with the sample, when known. */
  readonly utcOffsetMinutes: number | null;
  /** IANA zone (HealthKit `HKTimeZone`), when known. */
  readonly timeZone: string | null;
  readonly source: SampleSource;
  readonly provenance: Provenance;
  /** Anything else the sender attached (HealthKit metadata), small scalars only. */
  readonly metadata: Readonly<Record<string, MetadataValue>> | null;
  /** The sender's id for the sample (HealthKit UUID), so a deletion tombstone can find it. */
  readonly externalId: string | null;
}
