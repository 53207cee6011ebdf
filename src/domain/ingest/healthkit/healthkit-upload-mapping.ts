/**
 * `POST /api/v1/healthkit/upload` (HealthKit samples serialised by an iOS app) → samples for the observation store.
 * Pure: no I/O, no clock (`now` is passed in). The body is documented field by field in
 * `surfaces/clarity/healthkit.schemas.ts`; in short:
 *
 *   { user_id?, samples: { quantity: [HKQuantitySample], category: [HKCategorySample], workouts: [HKWorkout],
 *     correlations: [HKCorrelation] }, deleted: [{ uuid, type? }], sync_anchor? }
 *
 * Rules:
 *  - Types resolve through the catalogue (`byHealthKitIdentifier`). An identifier the catalogue does not know
 *    (nutrition, `HKCorrelationTypeIdentifierFood`, …) is counted in `unsupported`, not reported as an error. A known
 *    identifier in the wrong list (a category type under `quantity`) is an error.
 *  - Quantities are converted with `toCanonical(type, value, unit, 'healthkit')` (so `%` is a fraction, `degF`,
 *    `kJ`, `mmol<180.15…>/L` are understood) and range-checked with `checkPlausible`.
 *  - Dates are ISO 8601 with a zone designator. The END date's offset is kept as `utcOffsetMinutes` (the sleep module
 *    dates a night by its end); a zero offset is recorded as unknown (see wire-values.ts). `HKTimeZone` metadata → timeZone.
 *  - Sleep values: the raw `HKCategoryValueSleepAnalysis` integer (0 inBed … 5 asleepREM) or its name
 *    (`HKCategoryValueSleepAnalysisAsleepCore`), via `sleepStageFromHealthKit` → our stage id. Other categories are
 *    stored as the value's HealthKit name, as the export path stores them: stand hours 0/1 →
 *    `HKCategoryValueAppleStandHourStood`/`…Idle`; event and mindful categories 0 → `HKCategoryValueNotApplicable`.
 *  - A blood-pressure correlation becomes ONE `blood_pressure` sample with components { systolic, diastolic } (mm[Hg]),
 *    over the correlation's dates; its objects must be exactly one systolic and one diastolic quantity.
 *  - A workout becomes a `workout` sample: category = the activity type without its prefix (`Running`), value =
 *    duration in minutes, components { distance_m, energy_kcal } when given (as the export path does).
 *  - Source = `source.name` (+ bundle id, version); the device object (or an HKDevice description string) becomes a
 *    DeviceIdentity; provenance is `user_entered` when `HKWasUserEntered` says so. externalId = the sample's UUID
 *    (lower-cased, RFC 4122's canonical form; tombstones are lower-cased the same way).
 *  - Each refused item is one error `{ path, message }` (e.g. `samples.quantity[3].value`) and contributes nothing.
 *    A UUID seen twice is refused the second time. A UUID both uploaded and deleted in one body is deleted: HealthKit
 *    reports a deletion only after the addition.
 */
import {
  byHealthKitIdentifier,
  checkPlausible,
  parseHkDevice,
  sleepStageFromHealthKit,
  toCanonical,
  UnitConversionError,
  wasUserEntered,
  type DeviceIdentity,
  type ObservationType,
  type ObservationTypeId,
  type SampleInput,
  type SampleSource,
} from '../../observations/index.js';
import { instantProblem, parseIsoDateTime, scalarMetadata, timeZoneIn } from '../wire-values.js';
import type {
  HealthKitItemError,
  HealthKitMappingOptions,
  HealthKitMappingResult,
  HealthKitUpload,
  HkCategorySample,
  HkCorrelation,
  HkDevice,
  HkObjectBase,
  HkQuantitySample,
  HkSource,
  HkWorkout,
} from './healthkit-upload-types.js';
import { workoutActivityCategory } from './workout-activity-types.js';

export type * from './healthkit-upload-types.js';
export { WORKOUT_ACTIVITY_CATEGORIES, workoutActivityCategory } from './workout-activity-types.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Correlation component type → its key in `components`. */
const BP_COMPONENT_KEYS: Readonly<Partial<Record<ObservationTypeId, string>>> = {
  blood_pressure_systolic: 'systolic',
  blood_pressure_diastolic: 'diastolic',
};

/**
 * Category values other than sleep are stored as the HealthKit value NAME, the form export.xml writes and the export
 * path keeps (apple-health/record-mapping.ts), so both paths give the same dedup key. Raw integers map to it here.
 */
const STAND_HOUR: ReadonlyMap<number | string, string> = new Map<number | string, string>([
  [0, 'HKCategoryValueAppleStandHourStood'],
  [1, 'HKCategoryValueAppleStandHourIdle'],
  ['HKCategoryValueAppleStandHourStood', 'HKCategoryValueAppleStandHourStood'],
  ['HKCategoryValueAppleStandHourIdle', 'HKCategoryValueAppleStandHourIdle'],
]);
const NOT_APPLICABLE = 'HKCategoryValueNotApplicable';

/** Workout distance is range-checked as the distance type HealthKit itself would record for the activity. */
const WORKOUT_DISTANCE_TYPE: Readonly<Record<string, ObservationTypeId>> = {
  Cycling: 'distance_cycling',
  HandCycling: 'distance_cycling',
  Swimming: 'distance_swimming',
  WheelchairWalkPace: 'distance_wheelchair',
  WheelchairRunPace: 'distance_wheelchair',
  DownhillSkiing: 'distance_downhill_snow_sports',
  Snowboarding: 'distance_downhill_snow_sports',
};

class Refused extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

interface Common {
  readonly start: number;
  readonly end: number;
  readonly utcOffsetMinutes: number | null;
  readonly timeZone: string | null;
  readonly source: SampleSource;
  readonly provenance: SampleInput['provenance'];
  readonly metadata: SampleInput['metadata'];
  readonly externalId: string;
}

/** Maps an upload; never throws for a bad item. */
export function mapHealthKitUpload(upload: HealthKitUpload, options: HealthKitMappingOptions): HealthKitMappingResult {
  const samples: SampleInput[] = [];
  const errors: HealthKitItemError[] = [];
  const unsupported: Record<string, number> = Object.create(null) as Record<string, number>;
  const seen = new Map<string, string>();
  const lists = upload.samples ?? {};

  const each = <T>(list: readonly T[] | null | undefined, name: string, map: (item: T, path: string) => SampleInput | null): void => {
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      const path = `samples.${name}[${i}]`;
      try {
        const uuid = uuidOf(item, path);
        const first = seen.get(uuid);
        if (first !== undefined) throw new Refused(`${path}.uuid`, `duplicate uuid (first at ${first})`);
        const typeName = (item as { type?: unknown }).type;
        const sample = map(item, path);
        if (sample === null) {
          const key = typeof typeName === 'string' ? typeName : '(none)';
          unsupported[key] = (unsupported[key] ?? 0) + 1;
        } else {
          seen.set(uuid, path);
          samples.push(sample);
        }
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        errors.push({ path: error.path, message: error.message });
      }
    });
  };
  each(lists.quantity, 'quantity', (item, path) => mapQuantity(item, path, options));
  each(lists.category, 'category', (item, path) => mapCategory(item, path, options));
  each(lists.workouts, 'workouts', (item, path) => mapWorkout(item, path, options));
  each(lists.correlations, 'correlations', (item, path) => mapCorrelation(item, path, options));

  const deleted = new Set<string>();
  (Array.isArray(upload.deleted) ? upload.deleted : []).forEach((item, i) => {
    const uuid = typeof item?.uuid === 'string' && UUID.test(item.uuid) ? item.uuid.toLowerCase() : null;
    if (uuid === null) errors.push({ path: `deleted[${i}].uuid`, message: 'must be a UUID' });
    else deleted.add(uuid); // a Set keeps the first-seen order
  });
  const kept = deleted.size === 0 ? samples : samples.filter((s) => !deleted.has(s.externalId ?? ''));
  return { samples: kept, tombstones: [...deleted], errors, unsupported: { ...unsupported } };
}

function uuidOf(item: unknown, path: string): string {
  const uuid = (item as { uuid?: unknown } | null)?.uuid;
  if (typeof uuid !== 'string' || !UUID.test(uuid)) throw new Refused(`${path}.uuid`, 'must be a UUID');
  return uuid.toLowerCase();
}

/** The catalogue type of `identifier` if it is of `kind`; null when the catalogue does not know it (unsupported). */
function typeOf(identifier: unknown, kind: ObservationType['kind'], list: string, path: string): ObservationType | null {
  const type = typeof identifier === 'string' ? byHealthKitIdentifier(identifier) : undefined;
  if (type === undefined) return null;
  const isWorkout = type.id === 'workout';
  if (type.kind !== kind || isWorkout) {
    const where = isWorkout
      ? 'samples.workouts'
      : `samples.${type.kind === 'quantity' ? 'quantity' : type.kind === 'category' ? 'category' : 'correlations'}`;
    throw new Refused(`${path}.type`, `${String(identifier)} is not a ${list} type: send it in ${where}`);
  }
  return type;
}

function common(item: HkObjectBase, path: string, options: HealthKitMappingOptions, inheritedSource?: HkSource): Common {
  const start = instant(item.start_date, `${path}.start_date`, options);
  const end = instant(item.end_date, `${path}.end_date`, options);
  if (end.epochMs < start.epochMs) throw new Refused(`${path}.end_date`, 'is before start_date');
  const src = item.source ?? inheritedSource;
  const name = typeof src?.name === 'string' ? src.name.trim() : '';
  if (name === '') throw new Refused(`${path}.source.name`, 'is required');
  const metadata = item.metadata ?? undefined;
  return {
    start: start.epochMs,
    end: end.epochMs,
    utcOffsetMinutes: end.utcOffsetMinutes,
    timeZone: timeZoneIn(metadata, ['HKTimeZone']),
    source: { name, version: text(src?.version), bundleId: text(src?.bundle_id), device: deviceOf(item.device) },
    provenance: wasUserEntered(metadata) ? 'user_entered' : 'sensed',
    metadata: scalarMetadata(metadata),
    externalId: (item.uuid ?? '').toLowerCase(),
  };
}

/**
 * The SampleInput, every field written out: an object spread (`{ ...common, type }`) takes V8's slow path here and
 * was most of the mapping time for a 30 000-sample upload.
 */
function sampleOf(
  c: Common,
  type: ObservationTypeId,
  value: number | null,
  category: string | null,
  components: Record<string, number> | null,
): SampleInput {
  return {
    type,
    start: c.start,
    end: c.end,
    value,
    category,
    components,
    utcOffsetMinutes: c.utcOffsetMinutes,
    timeZone: c.timeZone,
    source: c.source,
    provenance: c.provenance,
    metadata: c.metadata,
    externalId: c.externalId,
  };
}

function instant(value: unknown, path: string, options: HealthKitMappingOptions) {
  const parsed = typeof value === 'string' ? parseIsoDateTime(value, { requireDesignator: true }) : null;
  if (parsed === null) throw new Refused(path, 'must be an ISO 8601 date-time with Z or a UTC offset');
  const problem = instantProblem(parsed.epochMs, options.now, options.maxFutureMs);
  if (problem !== null) throw new Refused(path, problem);
  return parsed;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '(null)' ? null : trimmed;
}

/** The device as a DeviceIdentity (null when it names nothing); a description string goes through parseHkDevice. */
export function deviceOf(device: HkDevice | string | null | undefined): DeviceIdentity | null {
  if (typeof device === 'string') return parseHkDevice(device) ?? null;
  if (typeof device !== 'object' || device === null) return null;
  const fields = {
    name: text(device.name),
    manufacturer: text(device.manufacturer),
    model: text(device.model),
    hardware: text(device.hardware_version),
    firmware: text(device.firmware_version),
    software: text(device.software_version),
    localIdentifier: text(device.local_identifier),
    udiDeviceIdentifier: text(device.udi_device_identifier),
  };
  const present = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null);
  return present.length === 0 ? null : { ...Object.fromEntries(present), extra: {} };
}

/** value in unit → the type's canonical unit, range-checked; Refused at `path` otherwise. */
function quantity(type: ObservationTypeId, value: unknown, unit: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Refused(`${path}.value`, 'must be a finite number');
  if (typeof unit !== 'string') throw new Refused(`${path}.unit`, 'is required');
  let converted: number;
  try {
    converted = toCanonical(type, value, unit, 'healthkit');
  } catch (error) {
    if (error instanceof UnitConversionError) throw new Refused(`${path}.unit`, error.message);
    throw error;
  }
  const plausible = checkPlausible(type, converted);
  if (!plausible.ok) throw new Refused(`${path}.value`, plausible.reason);
  return converted;
}

function mapQuantity(item: HkQuantitySample, path: string, options: HealthKitMappingOptions): SampleInput | null {
  const type = typeOf(item.type, 'quantity', 'quantity', path);
  if (type === null) return null;
  const value = quantity(type.id, item.value, item.unit, path);
  return sampleOf(common(item, path, options), type.id, value, null, null);
}

function mapCategory(item: HkCategorySample, path: string, options: HealthKitMappingOptions): SampleInput | null {
  const type = typeOf(item.type, 'category', 'category', path);
  if (type === null) return null;
  const raw = item.value;
  let category: string | null;
  if (type.id === 'sleep_stage') {
    category = typeof raw === 'number' || typeof raw === 'string' ? sleepStageFromHealthKit(raw) : null;
    if (category === null) throw new Refused(`${path}.value`, `unknown HKCategoryValueSleepAnalysis value ${JSON.stringify(raw)}`);
  } else if (type.id === 'stand_hour') {
    category = STAND_HOUR.get(raw) ?? null;
    if (category === null) throw new Refused(`${path}.value`, `unknown HKCategoryValueAppleStandHour value ${JSON.stringify(raw)}`);
  } else {
    if (raw !== 0 && raw !== NOT_APPLICABLE) throw new Refused(`${path}.value`, `must be 0 (${NOT_APPLICABLE})`);
    category = NOT_APPLICABLE;
  }
  return sampleOf(common(item, path, options), type.id, null, category, null);
}

function mapWorkout(item: HkWorkout, path: string, options: HealthKitMappingOptions): SampleInput {
  const activity = workoutActivityCategory(item.activity_type);
  if (activity === null) throw new Refused(`${path}.activity_type`, `unknown HKWorkoutActivityType ${JSON.stringify(item.activity_type)}`);
  const duration = item.duration_s;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0)
    throw new Refused(`${path}.duration_s`, 'must be a number of seconds ≥ 0');
  const at = common(item, path, options);
  const components: Record<string, number> = {};
  if (item.total_distance_m !== null && item.total_distance_m !== undefined) {
    components['distance_m'] = component(
      WORKOUT_DISTANCE_TYPE[activity] ?? 'distance',
      item.total_distance_m,
      'm',
      `${path}.total_distance_m`,
    );
  }
  if (item.total_energy_kcal !== null && item.total_energy_kcal !== undefined) {
    components['energy_kcal'] = component('active_energy', item.total_energy_kcal, 'kcal', `${path}.total_energy_kcal`);
  }
  const minutes = toCanonical('workout', duration, 's', 'ucum');
  return sampleOf(at, 'workout', minutes, activity, Object.keys(components).length === 0 ? null : components);
}

function component(type: ObservationTypeId, value: unknown, unit: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Refused(path, 'must be a finite number');
  const converted = toCanonical(type, value, unit, 'ucum');
  const plausible = checkPlausible(type, converted);
  if (!plausible.ok) throw new Refused(path, plausible.reason);
  return converted;
}

function mapCorrelation(item: HkCorrelation, path: string, options: HealthKitMappingOptions): SampleInput | null {
  const type = typeOf(item.type, 'correlation', 'correlation', path);
  if (type === null) return null;
  const objects = Array.isArray(item.objects) ? item.objects : [];
  const components: Record<string, number> = {};
  objects.forEach((object, j) => {
    const objectPath = `${path}.objects[${j}]`;
    const objectType = typeof object?.type === 'string' ? byHealthKitIdentifier(object.type) : undefined;
    const key = objectType === undefined ? undefined : BP_COMPONENT_KEYS[objectType.id];
    if (objectType === undefined || key === undefined || !(type.components ?? []).includes(objectType.id)) {
      throw new Refused(`${objectPath}.type`, `${JSON.stringify(object?.type)} is not a component of ${String(item.type)}`);
    }
    if (components[key] !== undefined) throw new Refused(`${objectPath}.type`, `a second ${key} value`);
    components[key] = quantity(objectType.id, object.value, object.unit, objectPath);
  });
  for (const id of type.components ?? []) {
    const key = BP_COMPONENT_KEYS[id] ?? id;
    if (components[key] === undefined) throw new Refused(`${path}.objects`, `the ${key} value is missing`);
  }
  if ((components['systolic'] ?? 0) <= (components['diastolic'] ?? 0)) {
    throw new Refused(`${path}.objects`, 'systolic must be higher than diastolic');
  }
  return sampleOf(common(item, path, options), type.id, null, null, components);
}

/** Items in an upload: samples of the four lists plus deleted objects (what the status's total counts). */
export function healthKitItemCount(upload: HealthKitUpload): number {
  const length = (list: readonly unknown[] | null | undefined) => (Array.isArray(list) ? list.length : 0);
  const s = upload.samples ?? {};
  return length(s.quantity) + length(s.category) + length(s.workouts) + length(s.correlations) + length(upload.deleted);
}

/**
 * The upload-ingest job's mapper (`UploadMapper`, ../upload-ingest.ts): the body was schema-validated by the route.
 * Each error is one refused item, its path given as `field`.
 */
export function healthKitUploadMapper(body: unknown, now: number) {
  const upload = body as HealthKitUpload;
  const result = mapHealthKitUpload(upload, { now });
  return {
    samples: result.samples,
    tombstones: result.tombstones,
    errors: result.errors.map((e) => ({ field: e.path, message: e.message })),
    failedItems: result.errors.length,
    totalItems: healthKitItemCount(upload),
    detail: { unsupported: result.unsupported },
  };
}
