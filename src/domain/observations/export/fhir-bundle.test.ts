/**
 * FHIR R4 bundle export. Expected codes come from the catalogue's LOINC column and from the FHIR R4 spec:
 *  - Observation and its invariants (obs-6, obs-7), https://hl7.org/fhir/R4/observation.html
 *  - vital signs profile (category vital-signs; BP 85354-9 with components 8480-6 / 8462-4; vs-2 "value, component
 *    or dataAbsentReason"), https://hl7.org/fhir/R4/observation-vitalsigns.html
 *  - datatype regexes for id and dateTime, https://hl7.org/fhir/R4/datatypes.html
 *  - Bundle invariants bdl-1 (total only for search/history) and bdl-7 (fullUrl unique), https://hl7.org/fhir/R4/bundle.html
 * The UUID v5 vector is RFC 9562 Appendix A.4 (DNS namespace, "www.example.com").
 */
import { createHash } from 'node:crypto';
import type { Bundle, Observation, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_TYPES } from '../catalogue/index.js';
import type { SampleInput } from '../sample.js';
import {
  buildFhirBundle,
  FHIR_SYSTEMS,
  fhirBundleChunks,
  fhirBundleChunksAsync,
  fhirDateTime,
  FhirExportError,
  fhirObservation,
  uuidV5,
  type FhirPerson,
  type StoredSample,
} from './index.js';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const FHIR_DATETIME =
  /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const PERSON: FhirPerson = { id: '6f0c7a1e-2b4d-4c8e-9f10-3a5b7c9d1e2f', birthDate: '1988-04-12', sex: 'female' };
const WATCH = { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware: 'Watch6,2', software: '10.1', extra: {} };
const T0 = Date.UTC(2024, 2, 31, 1, 5, 0); // 2024-03-31 01:05 UTC = 02:05 BST, just after the clocks went forward

let counter = 0;
function sample(overrides: Partial<StoredSample> & Pick<SampleInput, 'type'>): StoredSample {
  counter++;
  return {
    id: `s${counter}_AbC-9`,
    start: T0,
    end: T0,
    value: null,
    category: null,
    components: null,
    utcOffsetMinutes: 60,
    timeZone: 'Europe/London',
    source: { name: 'Anna\u2019s Apple Watch', version: '10.1', bundleId: null, device: WATCH },
    provenance: 'sensed',
    metadata: null,
    externalId: null,
    ...overrides,
  };
}

const codes = (o: Observation, system: string) => (o.code.coding ?? []).filter((c) => c.system === system).map((c) => c.code);
const observations = (bundle: Bundle) =>
  (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Observation => r?.resourceType === 'Observation');

/** Structural checks from the R4 spec that TypeScript cannot express. */
function checkAgainstSpec(bundle: Bundle): void {
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('collection');
  expect(bundle.total).toBeUndefined(); // bdl-1
  const urls = (bundle.entry ?? []).map((e) => e.fullUrl);
  expect(new Set(urls).size).toBe(urls.length); // bdl-7
  for (const entry of bundle.entry ?? []) {
    expect(entry.fullUrl).toMatch(URN_UUID);
    expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
    expect(entry.resource?.id).toMatch(FHIR_ID);
  }
  const patient = bundle.entry?.[0]?.resource;
  expect(patient?.resourceType).toBe('Patient');
  for (const o of observations(bundle)) {
    expect(o.status).toBe('final');
    expect(o.subject?.reference).toBe(bundle.entry?.[0]?.fullUrl);
    expect(codes(o, FHIR_SYSTEMS.observationType)).toHaveLength(1);
    const instants = o.effectiveDateTime !== undefined ? [o.effectiveDateTime] : [o.effectivePeriod?.start, o.effectivePeriod?.end];
    for (const t of instants) expect(t).toMatch(FHIR_DATETIME);
    const values = [o.valueQuantity, o.valueCodeableConcept, o.valueString].filter((v) => v !== undefined);
    expect(values.length).toBeLessThanOrEqual(1);
    if (o.dataAbsentReason !== undefined) expect(values).toHaveLength(0); // obs-6
    if (values.length === 0 && o.component === undefined) expect(o.dataAbsentReason).toBeDefined(); // vs-2
    if (o.valueQuantity !== undefined) {
      expect(o.valueQuantity.system).toBe(FHIR_SYSTEMS.ucum);
      expect(o.valueQuantity.code).toBe(o.valueQuantity.unit);
      expect(Number.isFinite(o.valueQuantity.value)).toBe(true);
    }
    for (const c of o.component ?? []) {
      // obs-7: a component with the Observation's own code must not repeat the value.
      const own = new Set((o.code.coding ?? []).map((x) => `${x.system}|${x.code}`));
      expect((c.code.coding ?? []).some((x) => own.has(`${x.system}|${x.code}`))).toBe(false);
      expect(c.valueQuantity === undefined).toBe(c.dataAbsentReason !== undefined);
    }
  }
}

function concat(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

const MIXED: StoredSample[] = [
  sample({ type: 'heart_rate', value: 72 }),
  sample({ type: 'spo2', value: 97, start: T0 + 60_000, end: T0 + 60_000 }),
  sample({
    type: 'steps',
    value: 312,
    start: T0,
    end: T0 + 300_000,
    source: { name: 'Anna\u2019s iPhone', version: '17.4', bundleId: null, device: null },
  }),
  sample({ type: 'distance', value: 241.5, start: T0, end: T0 + 300_000 }),
  sample({
    type: 'blood_pressure',
    components: { diastolic: 79, systolic: 121 },
    provenance: 'user_entered',
    source: { name: 'Health', version: '17.4', bundleId: null, device: null },
  }),
  sample({ type: 'sleep_stage', category: 'asleep_core', value: 42, start: T0, end: T0 + 42 * 60_000 }),
  sample({ type: 'body_mass', value: 67.45, utcOffsetMinutes: null, timeZone: null, externalId: '0E3B5B39-95A5-4E0B-9B0D-6C1F2D6D7B11' }),
  sample({ type: 'workout', category: 'running', components: { distance_m: 5012.3, energy_kcal: 402.1 }, start: T0, end: T0 + 1_800_000 }),
];

describe('fhirBundleChunks', () => {
  it('yields text that parses to exactly buildFhirBundle (same bytes), in several chunks', () => {
    const chunks = [...fhirBundleChunks(PERSON, MIXED, { chunkChars: 600, bundleId: 'export-1', timestamp: '2024-04-01T09:00:00Z' })];
    expect(chunks.length).toBeGreaterThan(2);
    const built = buildFhirBundle(PERSON, MIXED, { bundleId: 'export-1', timestamp: '2024-04-01T09:00:00Z' });
    const text = chunks.join('');
    expect(JSON.parse(text)).toEqual(built);
    expect(text).toBe(JSON.stringify(built));
    checkAgainstSpec(built);
    expect(built.entry).toHaveLength(MIXED.length + 1);
  });

  it('reads its samples lazily, one at a time (a generator source is consumed as chunks are taken)', () => {
    let produced = 0;
    function* source() {
      for (let i = 0; i < 1000; i++) {
        produced++;
        yield sample({ type: 'heart_rate', value: 60 + (i % 40), start: T0 + i * 5000, end: T0 + i * 5000 });
      }
    }
    const chunks = fhirBundleChunks(PERSON, source(), { chunkChars: 4096 });
    chunks.next();
    expect(produced).toBeLessThan(50);
    const rest = concat({ [Symbol.iterator]: () => chunks });
    expect(produced).toBe(1000);
    expect(rest.endsWith(']}')).toBe(true);
  });

  it('async variant gives the same text from an async source', async () => {
    async function* source() {
      for (const s of MIXED) yield s;
    }
    let text = '';
    for await (const chunk of fhirBundleChunksAsync(PERSON, source(), { chunkChars: 300 })) text += chunk;
    expect(text).toBe(concat(fhirBundleChunks(PERSON, MIXED)));
  });

  it('an empty export is a valid bundle with just the patient', () => {
    const parsed = JSON.parse(concat(fhirBundleChunks(PERSON, []))) as Bundle<Patient>;
    checkAgainstSpec(parsed);
    expect(parsed.entry).toHaveLength(1);
    expect(parsed.entry?.[0]?.resource).toEqual({
      resourceType: 'Patient',
      id: PERSON.id,
      identifier: [{ system: FHIR_SYSTEMS.personId, value: PERSON.id }],
      gender: 'female',
      birthDate: '1988-04-12',
    });
  });
});

describe('Observation mapping', () => {
  it('maps every catalogue type to a spec-conforming Observation; vital signs always carry LOINC', () => {
    const all = OBSERVATION_TYPES.map((t) =>
      sample({
        type: t.id,
        value: t.kind === 'quantity' ? 1 : null,
        category: t.kind === 'category' ? 'some_value' : null,
        components: t.kind === 'correlation' ? { systolic: 120, diastolic: 80 } : null,
        end: T0 + 60_000,
      }),
    );
    const bundle = buildFhirBundle(PERSON, all);
    checkAgainstSpec(bundle);
    for (const o of observations(bundle)) {
      const hasValue = o.valueQuantity !== undefined || o.valueCodeableConcept !== undefined || o.component !== undefined;
      expect(hasValue).toBe(true);
      if (o.category?.[0]?.coding?.[0]?.code === 'vital-signs') expect(codes(o, FHIR_SYSTEMS.loinc).length).toBeGreaterThan(0);
    }
    expect(observations(bundle)).toHaveLength(OBSERVATION_TYPES.length);
  });

  it('blood pressure is one Observation, 85354-9, with systolic 8480-6 and diastolic 8462-4 components in mm[Hg]', () => {
    const o = fhirObservation(PERSON, MIXED[4]!);
    expect(codes(o, FHIR_SYSTEMS.loinc)).toEqual(['85354-9']);
    expect(o.category?.[0]?.coding?.[0]).toMatchObject({ system: FHIR_SYSTEMS.observationCategory, code: 'vital-signs' });
    expect(o.valueQuantity).toBeUndefined();
    expect(o.component).toEqual([
      {
        code: {
          coding: [
            { system: FHIR_SYSTEMS.loinc, code: '8480-6' },
            { system: FHIR_SYSTEMS.observationComponent, code: 'systolic' },
          ],
        },
        valueQuantity: { value: 121, unit: 'mm[Hg]', system: FHIR_SYSTEMS.ucum, code: 'mm[Hg]' },
      },
      {
        code: {
          coding: [
            { system: FHIR_SYSTEMS.loinc, code: '8462-4' },
            { system: FHIR_SYSTEMS.observationComponent, code: 'diastolic' },
          ],
        },
        valueQuantity: { value: 79, unit: 'mm[Hg]', system: FHIR_SYSTEMS.ucum, code: 'mm[Hg]' },
      },
    ]);
    // Entered by hand: the patient performed it, and there is no device.
    expect(o.performer).toEqual([o.subject]);
    expect(o.device).toBeUndefined();
  });

  it('a type without LOINC is identified by our own coding only', () => {
    const o = fhirObservation(PERSON, MIXED[3]!);
    expect(o.code).toEqual({ coding: [{ system: FHIR_SYSTEMS.observationType, code: 'distance' }] });
    expect(o.category?.[0]?.coding?.[0]?.code).toBe('activity');
    expect(o.valueQuantity).toEqual({ value: 241.5, unit: 'm', system: FHIR_SYSTEMS.ucum, code: 'm' });
  });

  it('quantities carry the catalogue LOINC codes (with the additional ones) and UCUM units', () => {
    const [hr, spo2, steps] = MIXED.map((s) => fhirObservation(PERSON, s));
    expect(codes(hr!, FHIR_SYSTEMS.loinc)).toEqual(['8867-4']);
    expect(hr!.valueQuantity).toEqual({ value: 72, unit: '/min', system: FHIR_SYSTEMS.ucum, code: '/min' });
    expect(codes(spo2!, FHIR_SYSTEMS.loinc)).toEqual(['59408-5', '2708-6']);
    expect(spo2!.valueQuantity).toMatchObject({ value: 97, code: '%' });
    expect(codes(steps!, FHIR_SYSTEMS.loinc)).toEqual(['55423-8']);
    expect(steps!.valueQuantity).toMatchObject({ value: 312, code: '{count}' });
    const mass = fhirObservation(PERSON, MIXED[6]!);
    expect(mass.valueQuantity).toEqual({ value: 67.45, unit: 'kg', system: FHIR_SYSTEMS.ucum, code: 'kg' });
  });

  it('never invents a value: a missing value becomes dataAbsentReason', () => {
    const hr = fhirObservation(PERSON, sample({ type: 'heart_rate', value: null }));
    expect(hr.valueQuantity).toBeUndefined();
    expect(hr.dataAbsentReason).toEqual({ coding: [{ system: FHIR_SYSTEMS.dataAbsentReason, code: 'unknown' }] });
    const nan = fhirObservation(PERSON, sample({ type: 'heart_rate', value: Number.NaN }));
    expect(nan.dataAbsentReason?.coding?.[0]?.code).toBe('not-a-number');
    const stage = fhirObservation(PERSON, sample({ type: 'sleep_stage', category: null, value: 30, end: T0 + 1_800_000 }));
    expect(stage.valueCodeableConcept).toBeUndefined();
    expect(stage.valueQuantity).toBeUndefined(); // the derived duration is not a measured value
    const bp = fhirObservation(PERSON, sample({ type: 'blood_pressure', components: null }));
    expect(bp.component).toBeUndefined();
    expect(bp.dataAbsentReason?.coding?.[0]?.code).toBe('unknown');
    checkAgainstSpec(
      buildFhirBundle(PERSON, [sample({ type: 'heart_rate', value: null }), sample({ type: 'blood_pressure', components: null })]),
    );
  });

  it('categories are valueCodeableConcept; workouts keep distance and energy as components', () => {
    const stage = fhirObservation(PERSON, MIXED[5]!);
    expect(stage.valueCodeableConcept).toEqual({
      coding: [{ system: FHIR_SYSTEMS.observationValue, code: 'asleep_core' }],
      text: 'asleep_core',
    });
    expect(stage.effectivePeriod).toEqual({ start: '2024-03-31T02:05:00+01:00', end: '2024-03-31T02:47:00+01:00' });
    const workout = fhirObservation(PERSON, MIXED[7]!);
    expect(workout.valueCodeableConcept?.coding?.[0]?.code).toBe('running');
    expect(workout.component?.map((c) => [c.code.coding?.map((x) => x.code), c.valueQuantity?.value, c.valueQuantity?.code])).toEqual([
      [['distance_m'], 5012.3, 'm'],
      [['41981-2', 'energy_kcal'], 402.1, 'kcal'],
    ]);
  });

  it('an unknown component keeps its number without a made-up unit', () => {
    const o = fhirObservation(PERSON, sample({ type: 'workout', category: 'yoga', components: { mystery: 3 } }));
    expect(o.component).toEqual([
      { code: { coding: [{ system: FHIR_SYSTEMS.observationComponent, code: 'mystery' }] }, valueQuantity: { value: 3 } },
    ]);
  });

  it('effective time: dateTime for an instant, period for an interval, in the sample offset or UTC', () => {
    expect(fhirObservation(PERSON, MIXED[0]!).effectiveDateTime).toBe('2024-03-31T02:05:00+01:00');
    expect(fhirObservation(PERSON, MIXED[6]!).effectiveDateTime).toBe('2024-03-31T01:05:00Z');
    expect(fhirDateTime(T0 + 250, -300)).toBe('2024-03-30T20:05:00.250-05:00');
    expect(fhirDateTime(T0, 330)).toBe('2024-03-31T06:35:00+05:30');
    expect(fhirDateTime(T0, 0)).toBe('2024-03-31T01:05:00+00:00');
  });

  it('device display from the parsed device; the source name when a sensed sample has none', () => {
    expect(fhirObservation(PERSON, MIXED[0]!).device).toEqual({ display: 'Apple Watch (Apple Inc., Watch, Watch6,2, software 10.1)' });
    expect(fhirObservation(PERSON, MIXED[2]!).device).toEqual({ display: 'Anna\u2019s iPhone' });
  });

  it('ids: stable name-based UUIDs; the stored id and a HealthKit UUID are kept as identifiers', () => {
    const a = fhirObservation(PERSON, MIXED[6]!);
    const b = fhirObservation(PERSON, MIXED[6]!);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(fhirObservation({ id: 'someone-else' }, MIXED[6]!).id);
    expect(a.identifier).toEqual([
      { system: FHIR_SYSTEMS.sampleId, value: MIXED[6]!.id },
      { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:0e3b5b39-95a5-4e0b-9b0d-6c1f2d6d7b11' },
    ]);
    // A person id that is not a UUID still gives a urn:uuid subject.
    const bundle = buildFhirBundle({ id: 'usr_123' }, [MIXED[0]!]);
    checkAgainstSpec(bundle);
    expect(bundle.entry?.[0]?.resource).toEqual({
      resourceType: 'Patient',
      id: expect.stringMatching(FHIR_ID),
      identifier: [{ system: FHIR_SYSTEMS.personId, value: 'usr_123' }],
    });
  });

  it('uuidV5 matches RFC 9562 and node:crypto SHA-1', () => {
    const dns = Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex');
    expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const hex = createHash('sha1').update(dns).update('Zürich').digest('hex');
    expect(uuidV5('Zürich', dns).replace(/-/g, '').slice(0, 12)).toBe(hex.slice(0, 12));
  });

  it('refuses a type the catalogue does not know', () => {
    const bad = { ...sample({ type: 'heart_rate', value: 1 }), type: 'telepathy' } as unknown as StoredSample;
    expect(() => fhirObservation(PERSON, bad)).toThrow(FhirExportError);
    expect(() => [...fhirBundleChunks(PERSON, [bad])]).toThrow(/unknown observation type: telepathy/);
  });
});
