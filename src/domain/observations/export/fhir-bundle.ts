/**
 * FHIR R4 export of stored samples: a `Bundle` of type `collection` holding one `Patient` and one `Observation` per
 * sample. Pure (no I/O, no clock, no randomness; node:crypto only for SHA-1): the same samples give the same bytes.
 *
 * Two ways in: `fhirBundleChunks` / `fhirBundleChunksAsync` yield the bundle's JSON text in pieces, holding one
 * sample at a time, so a route can stream millions of observations; `buildFhirBundle` returns the object (small
 * inputs, tests). The chunks, concatenated, parse to exactly what `buildFhirBundle` returns.
 *
 * Mapping (spec: https://hl7.org/fhir/R4/observation.html, vital signs profile https://hl7.org/fhir/R4/observation-vitalsigns.html):
 *  - status `final`; category from the observation-category code system (vital-signs for the vital signs,
 *    activity for activity and sleep, exam for other body measurements, laboratory for glucose; see CATEGORY).
 *  - code: the catalogue's LOINC (and its `loincAdditional`, e.g. 2708-6 beside 59408-5 for SpO2, which the vital-signs
 *    profile requires) plus, always, our own coding `http://homeostat.dev/fhir/observation-type|<type id>`, so types
 *    without a LOINC code are still identified.
 *  - effectiveDateTime when start = end, else effectivePeriod; written in the sample's own UTC offset when known
 *    (`2024-03-31T02:05:00+01:00`), else in UTC (`Z`).
 *  - quantity types: valueQuantity {value, unit, system UCUM, code} in the catalogue's canonical unit.
 *  - category types (sleep stage, workout type, stand hour): valueCodeableConcept in
 *    `http://homeostat.dev/fhir/observation-value`; their duration is the effectivePeriod, not a value.
 *  - correlations: one Observation with `component`s (blood pressure: 85354-9 with 8480-6 systolic and 8462-4 diastolic,
 *    and 8867-4 pulse when present); workouts carry their distance and energy as components too.
 *  - a sample without a value gets `dataAbsentReason` (unknown; or not-a-number / ±infinity): a value is never invented,
 *    and the vital-signs rule "value, component or dataAbsentReason" still holds.
 *  - device.display from the parsed device (name, maker, model, hardware, software) or, for a sensed sample without a
 *    device, the source name; a user-entered sample has the patient as performer instead.
 *  - ids: `urn:uuid:` full URLs. A person id that is a UUID is used as it is; every other id becomes a name-based
 *    UUID (version 5, RFC 9562 §5.5) of `person id / sample id` in the HOMEOSTAT_FHIR_NAMESPACE, so re-exporting the
 *    same samples gives the same ids. The stored id and HealthKit's UUID are kept as identifiers.
 */
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Identifier,
  Observation,
  ObservationComponent,
  Patient,
  Quantity,
  Reference,
} from '@medplum/fhirtypes';
import { byId, type ObservationType, type ObservationTypeId } from '../catalogue/index.js';
import type { SampleInput, SampleSource } from '../sample.js';

export const FHIR_SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  /** Our observation type ids (`heart_rate`, `sleep_stage`, …): present on every Observation. */
  observationType: 'http://homeostat.dev/fhir/observation-type',
  /** Category values (`asleep_core`, `running`, …) of category types. */
  observationValue: 'http://homeostat.dev/fhir/observation-value',
  /** Component keys of correlations and workouts (`systolic`, `distance_m`, …). */
  observationComponent: 'http://homeostat.dev/fhir/observation-component',
  /** Identifier system of the stored sample id. */
  sampleId: 'http://homeostat.dev/fhir/sample-id',
  /** Identifier system of the person id. */
  personId: 'http://homeostat.dev/fhir/person-id',
  /** Identifier system of a sender's id (HealthKit UUID) that is not a UUID; UUIDs use urn:ietf:rfc:3986. */
  externalId: 'http://homeostat.dev/fhir/external-id',
} as const;

/** The namespace of our name-based UUIDs (a fixed random UUID; never change it, ids would change). */
export const HOMEOSTAT_FHIR_NAMESPACE = '3f1d7c52-9a7e-4f0b-8c3e-6b2d9e41a0c7';

export type FhirCategory = 'vital-signs' | 'activity' | 'exam' | 'laboratory' | 'survey';

const CATEGORY_DISPLAY: Readonly<Record<FhirCategory, string>> = {
  'vital-signs': 'Vital Signs',
  activity: 'Activity',
  exam: 'Exam',
  laboratory: 'Laboratory',
  survey: 'Survey',
};

/**
 * Category of every type. vital-signs only for types with a LOINC code (the vital-signs profile codes them with
 * LOINC); other body measurements are exam. `activity` covers sleep, as the code system's own definition says
 * ("steps, sleep data").
 * Sound exposures and ambient conditions (temperature, humidity, PM2.5) fit no category and get none; questionnaires are survey. Every type must be listed (checked at compile time below).
 */
// One line per category keeps the table readable as a table:
// prettier-ignore
const CATEGORY_GROUPS = {
  'vital-signs': ['heart_rate', 'resting_heart_rate', 'respiratory_rate', 'spo2', 'body_temperature', 'blood_pressure',
    'blood_pressure_systolic', 'blood_pressure_diastolic', 'height', 'body_mass', 'bmi'],
  exam: ['walking_heart_rate_average', 'basal_body_temperature', 'heart_rate_recovery_one_minute', 'hrv_sdnn', 'hrv_rmssd', 'high_heart_rate_event', 'low_heart_rate_event',
    'irregular_heart_rhythm_event', 'wrist_temperature', 'body_fat_percentage', 'lean_body_mass', 'waist_circumference'],
  laboratory: ['blood_glucose', 'total_cholesterol', 'hdl_cholesterol', 'ldl_cholesterol', 'triglycerides', 'hba1c', 'fasting_glucose',
    'creatinine'],
  survey: ['phq9', 'gad7'],
  activity: ['vo2_max', 'steps', 'distance', 'distance_cycling', 'distance_swimming', 'distance_wheelchair', 'distance_downhill_snow_sports',
    'active_energy', 'basal_energy', 'flights_climbed', 'push_count', 'swimming_stroke_count', 'number_of_times_fallen', 'exercise_time',
    'stand_time', 'move_time', 'stand_hour', 'workout', 'walking_speed', 'walking_step_length', 'walking_asymmetry_percentage',
    'walking_double_support_percentage', 'walking_steadiness', 'six_minute_walk_distance', 'stair_ascent_speed', 'stair_descent_speed',
    'sleep_stage', 'mindful_session', 'time_in_daylight'],
  none: ['environmental_audio_exposure', 'headphone_audio_exposure', 'ambient_temperature', 'relative_humidity', 'pm25'],
} as const satisfies Readonly<Record<FhirCategory | 'none', readonly ObservationTypeId[]>>;
type Unplaced = Exclude<ObservationTypeId, (typeof CATEGORY_GROUPS)[keyof typeof CATEGORY_GROUPS][number]>;
/** A compile error here names a catalogue type that has no category yet. */
const _everyTypePlaced: [Unplaced] extends [never] ? true : Unplaced = true;

export const CATEGORY: ReadonlyMap<ObservationTypeId, FhirCategory | null> = new Map(
  Object.entries(CATEGORY_GROUPS).flatMap(([category, ids]) =>
    ids.map((id) => [id, category === 'none' ? null : (category as FhirCategory)] as const),
  ),
);

/** Components we know: the catalogue type they are (for LOINC) and their canonical unit. */
const COMPONENTS: Readonly<Record<string, { readonly type: ObservationTypeId | null; readonly unit: string }>> = {
  systolic: { type: 'blood_pressure_systolic', unit: 'mm[Hg]' },
  diastolic: { type: 'blood_pressure_diastolic', unit: 'mm[Hg]' },
  pulse: { type: 'heart_rate', unit: '/min' },
  distance_m: { type: null, unit: 'm' },
  energy_kcal: { type: 'active_energy', unit: 'kcal' },
};
/** Blood pressure components first, in the vital-signs profile's order; others after, by name. */
const COMPONENT_ORDER = ['systolic', 'diastolic', 'pulse'];

export interface FhirPerson {
  readonly id: string;
  /** `YYYY-MM-DD` (or `YYYY`, `YYYY-MM`), when known. */
  readonly birthDate?: string | null;
  readonly sex?: 'female' | 'male' | 'other' | 'unknown' | null;
}

/** A stored sample: what was ingested, with the store's stable id. */
export interface StoredSample extends SampleInput {
  readonly id: string;
}

export interface FhirBundleOptions {
  /** Bundle.id, if the caller has one. */
  readonly bundleId?: string;
  /** Bundle.timestamp (ISO 8601 instant), if the caller wants one: this module reads no clock. */
  readonly timestamp?: string;
  /** Characters per yielded chunk, at least (a chunk always holds whole entries). Default 64 Ki. */
  readonly chunkChars?: number;
}

export class FhirExportError extends Error {
  override readonly name = 'FhirExportError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

const NAMESPACE_BYTES = Buffer.from(HOMEOSTAT_FHIR_NAMESPACE.replace(/-/g, ''), 'hex');

/** Name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of namespace ‖ UTF-8 name, version and variant bits set. */
export function uuidV5(name: string, namespace: Buffer = NAMESPACE_BYTES): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface Context {
  readonly patientUrl: string;
  readonly patientRef: Reference<Patient>;
  readonly personId: string;
}

function context(person: FhirPerson): Context {
  const uuid = isUuid(person.id) ? person.id.toLowerCase() : uuidV5(`person/${person.id}`);
  const patientUrl = `urn:uuid:${uuid}`;
  return { patientUrl, patientRef: { reference: patientUrl }, personId: person.id };
}

function patientEntry(person: FhirPerson, ctx: Context): BundleEntry<Patient> {
  const patient: Patient = {
    resourceType: 'Patient',
    id: ctx.patientUrl.slice('urn:uuid:'.length),
    identifier: [{ system: FHIR_SYSTEMS.personId, value: person.id }],
  };
  if (person.sex) patient.gender = person.sex;
  if (person.birthDate) patient.birthDate = person.birthDate;
  return { fullUrl: ctx.patientUrl, resource: patient };
}

const TWO = (n: number) => String(n).padStart(2, '0');

/** FHIR dateTime in the given UTC offset (minutes east), or in UTC when the offset is unknown. */
export function fhirDateTime(epochMs: number, offsetMinutes: number | null): string {
  if (!Number.isFinite(epochMs)) throw new FhirExportError(`not an instant: ${epochMs}`);
  const offset = offsetMinutes ?? 0;
  const local = new Date(epochMs + offset * 60_000).toISOString(); // 2024-03-31T01:05:00.000Z, shifted
  const fraction = epochMs % 1000 === 0 ? '' : local.slice(19, 23);
  if (offsetMinutes === null) return `${local.slice(0, 19)}${fraction}Z`;
  const abs = Math.abs(offset);
  return `${local.slice(0, 19)}${fraction}${offset < 0 ? '-' : '+'}${TWO(Math.floor(abs / 60))}:${TWO(abs % 60)}`;
}

function codeOf(type: ObservationType): CodeableConcept {
  const coding: Coding[] = [];
  if (type.loinc !== null) coding.push({ system: FHIR_SYSTEMS.loinc, code: type.loinc });
  for (const code of type.loincAdditional ?? []) coding.push({ system: FHIR_SYSTEMS.loinc, code });
  coding.push({ system: FHIR_SYSTEMS.observationType, code: type.id });
  return { coding };
}

function absent(value: number | null): CodeableConcept {
  const code = value === null ? 'unknown' : Number.isNaN(value) ? 'not-a-number' : value > 0 ? 'positive-infinity' : 'negative-infinity';
  return { coding: [{ system: FHIR_SYSTEMS.dataAbsentReason, code }] };
}

function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: FHIR_SYSTEMS.ucum, code: unit };
}

function components(values: Readonly<Record<string, number>>): ObservationComponent[] {
  const keys = Object.keys(values).sort((a, b) => {
    const ia = COMPONENT_ORDER.indexOf(a);
    const ib = COMPONENT_ORDER.indexOf(b);
    if (ia !== ib) return (ia === -1 ? COMPONENT_ORDER.length : ia) - (ib === -1 ? COMPONENT_ORDER.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return keys.map((key) => {
    const known = COMPONENTS[key];
    const type = known?.type ? byId(known.type) : undefined;
    const coding: Coding[] = [];
    if (type?.loinc) coding.push({ system: FHIR_SYSTEMS.loinc, code: type.loinc });
    coding.push({ system: FHIR_SYSTEMS.observationComponent, code: key });
    const value = values[key]!;
    const component: ObservationComponent = { code: { coding } };
    // An unknown component has no unit we could vouch for: its number goes out without one, never with a guessed one.
    if (!Number.isFinite(value)) component.dataAbsentReason = absent(value);
    else component.valueQuantity = known ? quantity(value, known.unit) : { value };
    return component;
  });
}

function deviceDisplay(source: SampleSource): string | null {
  const d = source.device;
  if (d === null) return null;
  const name = d.name ?? d.model ?? source.name;
  const details = [
    d.manufacturer,
    d.model !== name ? d.model : undefined,
    d.hardware,
    d.software === undefined ? undefined : `software ${d.software}`,
  ];
  const shown = details.filter((part): part is string => part !== undefined && part !== '');
  return shown.length > 0 ? `${name} (${shown.join(', ')})` : name;
}

/** The Observation of one stored sample, for a caller that builds its own envelope. */
export function fhirObservation(person: FhirPerson, sample: StoredSample): Observation {
  return observationOf(sample, context(person));
}

/** The Observation for one stored sample. Throws FhirExportError for a type the catalogue does not know. */
function observationOf(sample: StoredSample, ctx: Context): Observation {
  const type = byId(sample.type);
  if (type === undefined) throw new FhirExportError(`unknown observation type: ${sample.type}`);
  const category = CATEGORY.get(type.id) ?? null;
  const identifier: Identifier[] = [{ system: FHIR_SYSTEMS.sampleId, value: sample.id }];
  if (sample.externalId !== null) {
    identifier.push(
      isUuid(sample.externalId)
        ? { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${sample.externalId.toLowerCase()}` }
        : { system: FHIR_SYSTEMS.externalId, value: sample.externalId },
    );
  }
  const obs: Observation = {
    resourceType: 'Observation',
    id: uuidV5(`${ctx.personId}/${sample.id}`),
    identifier,
    status: 'final',
    ...(category === null
      ? {}
      : { category: [{ coding: [{ system: FHIR_SYSTEMS.observationCategory, code: category, display: CATEGORY_DISPLAY[category] }] }] }),
    code: codeOf(type),
    subject: ctx.patientRef,
  };
  const start = fhirDateTime(sample.start, sample.utcOffsetMinutes);
  if (sample.end === sample.start) obs.effectiveDateTime = start;
  else obs.effectivePeriod = { start, end: fhirDateTime(sample.end, sample.utcOffsetMinutes) };
  if (sample.provenance === 'user_entered') obs.performer = [ctx.patientRef];

  const parts = sample.components === null ? [] : components(sample.components);
  if (type.kind === 'quantity') {
    if (sample.value !== null && Number.isFinite(sample.value)) obs.valueQuantity = quantity(sample.value, type.unit);
  } else if (type.kind === 'category' && sample.category !== null && sample.category !== '') {
    obs.valueCodeableConcept = { coding: [{ system: FHIR_SYSTEMS.observationValue, code: sample.category }], text: sample.category };
  }
  const hasValue = obs.valueQuantity !== undefined || obs.valueCodeableConcept !== undefined;
  if (!hasValue && parts.length === 0) obs.dataAbsentReason = absent(type.kind === 'quantity' ? sample.value : null);

  const display = deviceDisplay(sample.source) ?? (sample.provenance === 'sensed' && sample.source.name !== '' ? sample.source.name : null);
  if (display !== null) obs.device = { display };
  if (parts.length > 0) obs.component = parts;
  return obs;
}

function observationEntry(sample: StoredSample, ctx: Context): BundleEntry<Observation> {
  const resource = observationOf(sample, ctx);
  return { fullUrl: `urn:uuid:${resource.id}`, resource };
}

type ExportBundle = Bundle<Patient | Observation>;

function bundleHead(options: FhirBundleOptions): ExportBundle {
  const bundle: ExportBundle = { resourceType: 'Bundle', type: 'collection' };
  if (options.bundleId !== undefined) bundle.id = options.bundleId;
  if (options.timestamp !== undefined) bundle.timestamp = options.timestamp;
  return bundle;
}

/** The whole bundle as an object. For small inputs and tests; stream large ones with fhirBundleChunks. */
export function buildFhirBundle(person: FhirPerson, samples: Iterable<StoredSample>, options: FhirBundleOptions = {}): ExportBundle {
  const ctx = context(person);
  const entry: Array<BundleEntry<Patient | Observation>> = [patientEntry(person, ctx)];
  for (const sample of samples) entry.push(observationEntry(sample, ctx));
  const bundle = bundleHead(options);
  bundle.entry = entry;
  return bundle;
}

/** Opening text up to the first entry: `{"resourceType":"Bundle",…,"entry":[<patient>`. */
function openingText(person: FhirPerson, ctx: Context, options: FhirBundleOptions): string {
  const head = JSON.stringify(bundleHead(options));
  return `${head.slice(0, -1)},"entry":[${JSON.stringify(patientEntry(person, ctx))}`;
}

const CLOSING = ']}';
const DEFAULT_CHUNK_CHARS = 64 * 1024;

/**
 * The bundle's JSON text in pieces of about `chunkChars` (whole entries), holding one sample at a time. A sample the
 * catalogue cannot map throws FhirExportError mid-stream: the caller has already sent part of the body and must abort
 * the response rather than finish it (a truncated body is not valid JSON, so a client cannot mistake it for complete).
 */
export function* fhirBundleChunks(
  person: FhirPerson,
  samples: Iterable<StoredSample>,
  options: FhirBundleOptions = {},
): Generator<string, void, undefined> {
  const ctx = context(person);
  const size = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  let text = openingText(person, ctx, options);
  for (const sample of samples) {
    text += `,${JSON.stringify(observationEntry(sample, ctx))}`;
    if (text.length >= size) {
      yield text;
      text = '';
    }
  }
  yield text + CLOSING;
}

/** fhirBundleChunks over an asynchronous source (a database cursor read page by page). */
export async function* fhirBundleChunksAsync(
  person: FhirPerson,
  samples: AsyncIterable<StoredSample> | Iterable<StoredSample>,
  options: FhirBundleOptions = {},
): AsyncGenerator<string, void, undefined> {
  const ctx = context(person);
  const size = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  let text = openingText(person, ctx, options);
  for await (const sample of samples) {
    text += `,${JSON.stringify(observationEntry(sample, ctx))}`;
    if (text.length >= size) {
      yield text;
      text = '';
    }
  }
  yield text + CLOSING;
}
