/**
 * The HealthKit JSON upload body as the mapper reads it (HKObjects as an iOS app serialises them; documented field by
 * field in surfaces/clarity/healthkit.schemas.ts, which admits exactly these types), and what the mapper returns.
 */
import type { SampleInput } from '../../observations/index.js';

type Num = number | null | undefined;
type Str = string | null | undefined;

export interface HkSource {
  readonly name: string;
  readonly bundle_id?: Str;
  readonly version?: Str;
}

export interface HkDevice {
  readonly name?: Str;
  readonly manufacturer?: Str;
  readonly model?: Str;
  readonly hardware_version?: Str;
  readonly firmware_version?: Str;
  readonly software_version?: Str;
  readonly local_identifier?: Str;
  readonly udi_device_identifier?: Str;
}

export interface HkObjectBase {
  readonly uuid: string;
  readonly start_date: string;
  readonly end_date: string;
  readonly source: HkSource;
  /** The device as an object, or `String(describing: sample.device)` (an HKDevice description). */
  readonly device?: HkDevice | string | null;
  readonly metadata?: Readonly<Record<string, unknown>> | null;
}

export interface HkQuantitySample extends HkObjectBase {
  readonly type: string;
  readonly value: number;
  /** `HKUnit.unitString`: `count/min`, `mmol<180.1558800000541>/L`, `%`, `degF`, `kJ`, … */
  readonly unit: string;
}

export interface HkCategorySample extends HkObjectBase {
  readonly type: string;
  /** Raw integer value, or its name (`HKCategoryValueSleepAnalysisAsleepCore`). */
  readonly value: number | string;
}

export interface HkWorkout extends HkObjectBase {
  /** `HKWorkoutActivityType` raw value (37), name (`HKWorkoutActivityTypeRunning`) or case name (`running`). */
  readonly activity_type: number | string;
  readonly duration_s: number;
  readonly total_energy_kcal?: Num;
  readonly total_distance_m?: Num;
}

/** A correlation's object: a quantity sample; its source may be left out (the correlation's applies). */
export interface HkCorrelationObject extends Omit<HkQuantitySample, 'source'> {
  readonly source?: HkSource | null;
}

export interface HkCorrelation extends HkObjectBase {
  readonly type: string;
  readonly objects: readonly HkCorrelationObject[];
}

/** HKDeletedObject. */
export interface HkDeletedObject {
  readonly uuid: string;
  readonly type?: Str;
}

export interface HealthKitUpload {
  readonly user_id?: Str;
  readonly samples?: {
    readonly quantity?: readonly HkQuantitySample[] | null;
    readonly category?: readonly HkCategorySample[] | null;
    readonly workouts?: readonly HkWorkout[] | null;
    readonly correlations?: readonly HkCorrelation[] | null;
  } | null;
  readonly deleted?: readonly HkDeletedObject[] | null;
  readonly sync_anchor?: Str;
}

export interface HealthKitItemError {
  /** e.g. `samples.quantity[3].value`, `deleted[0].uuid`. */
  readonly path: string;
  readonly message: string;
}

export interface HealthKitMappingResult {
  readonly samples: SampleInput[];
  /** UUIDs of deleted samples (lower-case, each once, in body order). */
  readonly tombstones: string[];
  readonly errors: HealthKitItemError[];
  /** Identifiers the catalogue does not store, with how many items carried each. */
  readonly unsupported: Record<string, number>;
}

export interface HealthKitMappingOptions {
  /** The server's current time, epoch ms: instants later than now + `maxFutureMs` (default 24 h) are refused. */
  readonly now: number;
  readonly maxFutureMs?: number;
}
