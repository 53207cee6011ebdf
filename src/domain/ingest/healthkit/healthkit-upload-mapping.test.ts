// Expected values: HealthKit raw values from the SDK (HKCategoryValueSleepAnalysis 0…5, HKCategoryValueAppleStandHour
// 0/1, HKWorkoutActivityType 37 = running, 13 = cycling); unit factors from the catalogue README (1 kcal = 4.184 kJ,
// °C = (°F − 32) × 5/9, glucose mg/dL = mmol/L × M/10 with HealthKit's embedded M, HealthKit `%` = fraction).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlausible, deviceKey } from '../../observations/index.js';
import {
  healthKitItemCount,
  healthKitUploadMapper,
  mapHealthKitUpload,
  workoutActivityCategory,
  type HealthKitUpload,
  type HkCategorySample,
  type HkCorrelation,
  type HkQuantitySample,
  type HkSource,
  type HkWorkout,
} from './healthkit-upload-mapping.js';

const NOW = Date.parse('2025-03-02T12:00:00Z');
const U = (n: number) => `6F1C2E3A-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SOURCE = { name: 'Anna’s Apple Watch', bundle_id: 'com.apple.health.8F2B', version: '11.3' };
const WATCH = { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware_version: 'Watch7,1', software_version: '11.3' };

const q = (n: number, over: Partial<HkQuantitySample> = {}): HkQuantitySample => ({
  uuid: U(n),
  type: 'HKQuantityTypeIdentifierHeartRate',
  value: 62,
  unit: 'count/min',
  start_date: '2025-03-01T07:12:00+01:00',
  end_date: '2025-03-01T07:12:00+01:00',
  source: SOURCE,
  ...over,
});
const c = (n: number, over: Partial<HkCategorySample> = {}): HkCategorySample => ({
  uuid: U(n),
  type: 'HKCategoryTypeIdentifierSleepAnalysis',
  value: 3,
  start_date: '2025-03-01T02:00:00+01:00',
  end_date: '2025-03-01T02:30:00+01:00',
  source: SOURCE,
  ...over,
});
const w = (n: number, over: Partial<HkWorkout> = {}): HkWorkout => ({
  uuid: U(n),
  activity_type: 37,
  start_date: '2025-03-01T18:00:00+01:00',
  end_date: '2025-03-01T18:32:00+01:00',
  duration_s: 1830,
  source: SOURCE,
  ...over,
});
const bp = (n: number, objects = [bpObject('BloodPressureSystolic', 124), bpObject('BloodPressureDiastolic', 81)]): HkCorrelation => ({
  uuid: U(n),
  type: 'HKCorrelationTypeIdentifierBloodPressure',
  start_date: '2025-03-01T08:00:00+01:00',
  end_date: '2025-03-01T08:00:00+01:00',
  source: { name: 'Withings' },
  objects,
});
function bpObject(kind: string, value: number, unit = 'mmHg') {
  return {
    uuid: U(900 + value),
    type: `HKQuantityTypeIdentifier${kind}`,
    value,
    unit,
    start_date: '2025-03-01T08:00:00+01:00',
    end_date: '2025-03-01T08:00:00+01:00',
  };
}
const run = (upload: HealthKitUpload) => mapHealthKitUpload(upload, { now: NOW });
const quantity = (...items: HkQuantitySample[]) => run({ samples: { quantity: items } });

describe('HealthKit upload → samples: quantity samples', () => {
  it('a heart-rate sample: canonical value, instants, end-date offset, HKTimeZone, source, device, lower-case UUID', () => {
    const { samples, errors, unsupported, tombstones } = quantity(
      q(1, { device: WATCH, metadata: { HKTimeZone: 'Europe/Berlin', HKMetadataKeyHeartRateMotionContext: 1 } }),
    );
    expect([errors, unsupported, tombstones]).toEqual([[], {}, []]);
    expect(samples).toEqual([
      {
        type: 'heart_rate',
        start: Date.parse('2025-03-01T06:12:00Z'),
        end: Date.parse('2025-03-01T06:12:00Z'),
        value: 62,
        category: null,
        components: null,
        utcOffsetMinutes: 60,
        timeZone: 'Europe/Berlin',
        source: {
          name: 'Anna’s Apple Watch',
          version: '11.3',
          bundleId: 'com.apple.health.8F2B',
          device: { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware: 'Watch7,1', software: '11.3', extra: {} },
        },
        provenance: 'sensed',
        metadata: { HKTimeZone: 'Europe/Berlin', HKMetadataKeyHeartRateMotionContext: 1 },
        externalId: U(1).toLowerCase(),
      },
    ]);
  });

  it('units go through the catalogue in the HealthKit dialect: kJ→kcal, mmol/L→mg/dL, °F→°C, % fraction→percent, lb→kg', () => {
    const { samples, errors } = quantity(
      q(1, { type: 'HKQuantityTypeIdentifierActiveEnergyBurned', value: 418.4, unit: 'kJ' }),
      q(2, { type: 'HKQuantityTypeIdentifierBloodGlucose', value: 5.5, unit: 'mmol<180.1558800000541>/L' }),
      q(3, { type: 'HKQuantityTypeIdentifierBloodGlucose', value: 5, unit: 'mmol/L' }),
      q(4, { type: 'HKQuantityTypeIdentifierBodyTemperature', value: 98.6, unit: 'degF' }),
      q(5, { type: 'HKQuantityTypeIdentifierOxygenSaturation', value: 0.97, unit: '%' }),
      q(6, { type: 'HKQuantityTypeIdentifierBodyMass', value: 154, unit: 'lb' }),
      q(7, { type: 'HKQuantityTypeIdentifierStepCount', value: 1234, unit: 'count' }),
    );
    expect(errors).toEqual([]);
    const [energy, glucoseHk, glucose, temperature, spo2, mass, steps] = samples.map((s) => [s.type, s.value] as const);
    expect(energy![0]).toBe('active_energy');
    expect(energy![1]).toBeCloseTo(100, 10);
    expect(glucoseHk![1]).toBeCloseTo(5.5 * 18.01558800000541, 10);
    expect(glucose![1]).toBeCloseTo(90.078, 10);
    expect(temperature).toEqual(['body_temperature', expect.closeTo(37, 10)]);
    expect(spo2).toEqual(['spo2', expect.closeTo(97, 10)]);
    expect(mass).toEqual(['body_mass', expect.closeTo(69.85322498, 8)]);
    expect(steps).toEqual(['steps', 1234]);
  });

  it('unknown units, units of another dimension and implausible values are refused per item, with the field path', () => {
    const { samples, errors } = quantity(
      q(1, { unit: 'furlong/fortnight' }),
      q(2, { unit: 'kg' }),
      q(3, { value: 400 }),
      q(4, { type: 'HKQuantityTypeIdentifierOxygenSaturation', value: 97, unit: '%' }), // 9700 %: a percent sent as a fraction-unit
      q(5),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'samples.quantity[0].unit',
      'samples.quantity[1].unit',
      'samples.quantity[2].value',
      'samples.quantity[3].value',
    ]);
    expect(errors[1]!.message).toContain('heart_rate');
    expect(errors[2]!.message).toContain('outside the plausible range');
    expect(samples.map((s) => s.externalId)).toEqual([U(5).toLowerCase()]);
  });

  it('identifiers the catalogue does not store are counted, not errors; a known type in the wrong list is an error', () => {
    const result = run({
      samples: {
        quantity: [
          q(1, { type: 'HKQuantityTypeIdentifierDietaryWater', unit: 'mL', value: 250 }),
          q(2, { type: 'HKQuantityTypeIdentifierDietaryWater', unit: 'mL', value: 300 }),
          q(3, { type: 'HKCategoryTypeIdentifierSleepAnalysis' }),
        ],
        correlations: [{ ...bp(4), type: 'HKCorrelationTypeIdentifierFood', objects: [] }],
      },
    });
    expect(result.unsupported).toEqual({ HKQuantityTypeIdentifierDietaryWater: 2, HKCorrelationTypeIdentifierFood: 1 });
    expect(result.errors).toEqual([
      {
        path: 'samples.quantity[2].type',
        message: 'HKCategoryTypeIdentifierSleepAnalysis is not a quantity type: send it in samples.category',
      },
    ]);
    expect(result.samples).toEqual([]);
  });

  it('dates: an offset or Z is required, impossible dates, end before start and the future are refused', () => {
    const { errors } = quantity(
      q(1, { start_date: '2025-03-01T07:12:00' }),
      q(2, { end_date: '2025-02-29T07:12:00Z' }),
      q(3, { start_date: '2025-03-01T08:00:00+01:00', end_date: '2025-03-01T07:00:00+01:00' }),
      q(4, { start_date: '2025-03-04T07:12:00Z', end_date: '2025-03-04T07:12:00Z' }),
    );
    expect(errors).toEqual([
      { path: 'samples.quantity[0].start_date', message: 'must be an ISO 8601 date-time with Z or a UTC offset' },
      { path: 'samples.quantity[1].end_date', message: 'must be an ISO 8601 date-time with Z or a UTC offset' },
      { path: 'samples.quantity[2].end_date', message: 'is before start_date' },
      { path: 'samples.quantity[3].start_date', message: 'is in the future' },
    ]);
  });

  it('a zero offset (Z, +00:00) records no local offset; the offset kept is the end date’s', () => {
    const { samples } = quantity(
      q(1, { start_date: '2025-03-01T07:12:00Z', end_date: '2025-03-01T07:13:00Z' }),
      q(2, { start_date: '2025-03-01T07:12:00+00:00', end_date: '2025-03-01T07:13:00+00:00' }),
      q(3, { start_date: '2025-03-01T07:12:00-05:00', end_date: '2025-03-01T08:13:00-04:00' }),
    );
    expect(samples.map((s) => s.utcOffsetMinutes)).toEqual([null, null, -240]);
  });

  it('HKWasUserEntered → user_entered; a device description string is parsed and its memory address dropped', () => {
    const { samples } = quantity(
      q(1, { metadata: { HKWasUserEntered: true } }),
      q(2, {
        device: '<<HKDevice: 0x282a45810>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch7,1, software:11.3>',
      }),
      q(3, {
        device: '<<HKDevice: 0x1c0a2b3d4>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch7,1, software:11.3>',
      }),
      q(4, { device: { name: ' ', model: null } }),
    );
    expect(samples.map((s) => s.provenance)).toEqual(['user_entered', 'sensed', 'sensed', 'sensed']);
    expect(deviceKey(samples[1]!.source.device!)).toBe(deviceKey(samples[2]!.source.device!));
    expect(deviceKey(samples[1]!.source.device!)).toBe(deviceKey({ ...samples[1]!.source.device!, software: '12.0' }));
    expect(samples[3]!.source.device).toBeNull();
  });

  it('a UUID used twice is refused the second time; a malformed UUID is refused', () => {
    const { samples, errors } = quantity(q(1), q(1, { value: 70 }), q(2, { uuid: 'not-a-uuid' }));
    expect(samples.map((s) => s.value)).toEqual([62]);
    expect(errors).toEqual([
      { path: 'samples.quantity[1].uuid', message: 'duplicate uuid (first at samples.quantity[0])' },
      { path: 'samples.quantity[2].uuid', message: 'must be a UUID' },
    ]);
  });
});

describe('HealthKit upload → samples: category samples', () => {
  it('sleep analysis: raw integers 0…5 and the value names both map to our stages', () => {
    const values: (number | string)[] = [0, 1, 2, 3, 4, 5, 'HKCategoryValueSleepAnalysisAsleepCore', 'HKCategoryValueSleepAnalysisAsleep'];
    const { samples, errors } = run({ samples: { category: values.map((value, i) => c(i + 1, { value })) } });
    expect(errors).toEqual([]);
    expect(samples.map((s) => s.category)).toEqual([
      'in_bed',
      'asleep_unspecified',
      'awake',
      'asleep_core',
      'asleep_deep',
      'asleep_rem',
      'asleep_core',
      'asleep_unspecified',
    ]);
    expect(samples[0]).toMatchObject({ type: 'sleep_stage', value: null, components: null, utcOffsetMinutes: 60 });
  });

  it('an unknown sleep value is refused, never guessed', () => {
    const { samples, errors } = run({ samples: { category: [c(1, { value: 9 }), c(2, { value: 'HKCategoryValueSleepAnalysisNap' })] } });
    expect(samples).toEqual([]);
    expect(errors.map((e) => e.path)).toEqual(['samples.category[0].value', 'samples.category[1].value']);
  });

  it('stand hours and events are stored with the value name the export path stores', () => {
    const { samples, errors } = run({
      samples: {
        category: [
          c(1, { type: 'HKCategoryTypeIdentifierAppleStandHour', value: 0 }),
          c(2, { type: 'HKCategoryTypeIdentifierAppleStandHour', value: 'HKCategoryValueAppleStandHourIdle' }),
          c(3, { type: 'HKCategoryTypeIdentifierHighHeartRateEvent', value: 0 }),
          c(4, { type: 'HKCategoryTypeIdentifierMindfulSession', value: 'HKCategoryValueNotApplicable' }),
          c(5, { type: 'HKCategoryTypeIdentifierMindfulSession', value: 1 }),
          c(6, { type: 'HKCategoryTypeIdentifierAppleStandHour', value: 2 }),
        ],
      },
    });
    expect(samples.map((s) => [s.type, s.category])).toEqual([
      ['stand_hour', 'HKCategoryValueAppleStandHourStood'],
      ['stand_hour', 'HKCategoryValueAppleStandHourIdle'],
      ['high_heart_rate_event', 'HKCategoryValueNotApplicable'],
      ['mindful_session', 'HKCategoryValueNotApplicable'],
    ]);
    expect(errors.map((e) => e.path)).toEqual(['samples.category[4].value', 'samples.category[5].value']);
  });
});

describe('HealthKit upload → samples: workouts and correlations', () => {
  it('a workout: category without the HKWorkoutActivityType prefix (as the export path), minutes, components', () => {
    const { samples, errors } = run({ samples: { workouts: [w(1, { total_distance_m: 5012, total_energy_kcal: 310, device: WATCH })] } });
    expect(errors).toEqual([]);
    expect(samples[0]).toMatchObject({
      type: 'workout',
      category: 'Running',
      value: 30.5,
      components: { distance_m: 5012, energy_kcal: 310 },
      start: Date.parse('2025-03-01T17:00:00Z'),
      end: Date.parse('2025-03-01T17:32:00Z'),
    });
  });

  it('activity types as raw value, full name, case name or stored name; unknown ones refused', () => {
    expect(['HKWorkoutActivityTypeRunning', 'running', 'Running', 37].map(workoutActivityCategory)).toEqual([
      'Running',
      'Running',
      'Running',
      'Running',
    ]);
    expect([13, 3000, 'highIntensityIntervalTraining', 84].map(workoutActivityCategory)).toEqual([
      'Cycling',
      'Other',
      'HighIntensityIntervalTraining',
      'UnderwaterDiving',
    ]);
    expect([81, 85, 'jogging', 'RUNNING'].map(workoutActivityCategory)).toEqual([null, null, null, null]);
    const { errors } = run({ samples: { workouts: [w(1, { activity_type: 85 })] } });
    expect(errors).toEqual([{ path: 'samples.workouts[0].activity_type', message: 'unknown HKWorkoutActivityType 85' }]);
  });

  it('workout totals are range-checked as the distance type of the activity (a 300 km ride is fine, a 300 km run is not)', () => {
    const { samples, errors } = run({
      samples: {
        workouts: [
          w(1, {
            activity_type: 13,
            total_distance_m: 300_000,
            start_date: '2025-03-01T06:00:00Z',
            end_date: '2025-03-01T18:00:00Z',
            duration_s: 40_000,
          }),
          w(2, { total_distance_m: 600_000 }),
          w(3, { total_energy_kcal: 25_000 }),
        ],
      },
    });
    expect(samples.map((s) => s.category)).toEqual(['Cycling']);
    expect(errors.map((e) => e.path)).toEqual(['samples.workouts[1].total_distance_m', 'samples.workouts[2].total_energy_kcal']);
  });

  it('a blood-pressure correlation → ONE blood_pressure sample with systolic/diastolic components (mm[Hg])', () => {
    const { samples, errors } = run({
      samples: { correlations: [bp(1), bp(2, [bpObject('BloodPressureDiastolic', 10, 'kPa'), bpObject('BloodPressureSystolic', 130)])] },
    });
    expect(errors).toEqual([]);
    expect(samples).toHaveLength(2);
    expect(samples[0]).toMatchObject({
      type: 'blood_pressure',
      value: null,
      category: null,
      components: { systolic: 124, diastolic: 81 },
      source: { name: 'Withings' },
    });
    expect(samples[1]!.components!['diastolic']).toBeCloseTo(75.00615, 4); // 10 kPa
  });

  it('correlation problems are refused with the path of the object: missing, repeated, foreign or implausible components', () => {
    const { samples, errors } = run({
      samples: {
        correlations: [
          bp(1, [bpObject('BloodPressureSystolic', 124)]),
          bp(2, [bpObject('BloodPressureSystolic', 124), bpObject('BloodPressureSystolic', 125), bpObject('BloodPressureDiastolic', 80)]),
          bp(3, [
            bpObject('BloodPressureSystolic', 124),
            bpObject('BloodPressureDiastolic', 80),
            { ...bpObject('HeartRate', 70), unit: 'count/min' },
          ]),
          bp(4, [bpObject('BloodPressureSystolic', 400), bpObject('BloodPressureDiastolic', 80)]),
          bp(5, [bpObject('BloodPressureSystolic', 80), bpObject('BloodPressureDiastolic', 90)]),
        ],
      },
    });
    expect(samples).toEqual([]);
    expect(errors).toEqual([
      { path: 'samples.correlations[0].objects', message: 'the diastolic value is missing' },
      { path: 'samples.correlations[1].objects[1].type', message: 'a second systolic value' },
      {
        path: 'samples.correlations[2].objects[2].type',
        message: '"HKQuantityTypeIdentifierHeartRate" is not a component of HKCorrelationTypeIdentifierBloodPressure',
      },
      { path: 'samples.correlations[3].objects[0].value', message: expect.stringContaining('blood_pressure_systolic 400') },
      { path: 'samples.correlations[4].objects', message: 'systolic must be higher than diastolic' },
    ]);
  });
});

describe('HealthKit upload → tombstones', () => {
  it('deleted objects → lower-case UUIDs, each once; malformed ones are errors; a sample deleted in the same body is dropped', () => {
    const result = run({
      samples: { quantity: [q(1), q(2)] },
      deleted: [{ uuid: U(2) }, { uuid: U(3), type: 'HKQuantityTypeIdentifierHeartRate' }, { uuid: U(3).toLowerCase() }, { uuid: 'x' }],
    });
    expect(result.tombstones).toEqual([U(2).toLowerCase(), U(3).toLowerCase()]);
    expect(result.errors).toEqual([{ path: 'deleted[3].uuid', message: 'must be a UUID' }]);
    expect(result.samples.map((s) => s.externalId)).toEqual([U(1).toLowerCase()]);
  });

  it('a body with only deletions, or nothing at all, maps to no samples', () => {
    expect(run({ deleted: [{ uuid: U(9) }] })).toEqual({ samples: [], tombstones: [U(9).toLowerCase()], errors: [], unsupported: {} });
    expect(run({})).toEqual({ samples: [], tombstones: [], errors: [], unsupported: {} });
  });

  it('the upload-ingest adapter: item count, failed items, errors as {field, message}, unsupported in detail', () => {
    const body: HealthKitUpload = {
      samples: {
        quantity: [q(1), q(2, { value: 999 }), q(3, { type: 'HKQuantityTypeIdentifierDietaryCaffeine', unit: 'mg' })],
        workouts: [w(4)],
      },
      deleted: [{ uuid: U(5) }],
    };
    expect(healthKitItemCount(body)).toBe(5);
    const mapped = healthKitUploadMapper(JSON.parse(JSON.stringify(body)), NOW);
    expect(mapped).toMatchObject({
      totalItems: 5,
      failedItems: 1,
      tombstones: [U(5).toLowerCase()],
      errors: [{ field: 'samples.quantity[1].value', message: expect.any(String) }],
      detail: { unsupported: { HKQuantityTypeIdentifierDietaryCaffeine: 1 } },
    });
    expect(mapped.samples.map((s) => s.type)).toEqual(['heart_rate', 'workout']);
  });
});

// ── Property: deterministic, never throws, every sample plausible, accounted for ───────────────────────────────────

const often = <T>(good: fc.Arbitrary<T>, wild: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: wild, weight: 1 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 3 }, fc.constant(null), fc.constant(undefined));
const uuid = often(fc.integer({ min: 1, max: 40 }).map(U), fc.oneof(fc.uuid(), fc.string()));
const zoned = (ms: number, zone: string) => {
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(ms + offset * 60_000).toISOString().slice(0, 19) + zone;
};
const wildDate = fc.oneof(fc.constantFrom('2025-03-01T07:12:00', '2025-02-30T00:00:00Z', '9999-01-01T00:00:00Z', ''), fc.string());
/** [start_date, end_date]: mostly an interval of up to 2 h in one zone, sometimes anything. */
const interval = often(
  fc
    .tuple(
      fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: NOW - 7_200_000 }),
      fc.integer({ min: 0, max: 7_200_000 }),
      fc.constantFrom('Z', '+01:00', '-04:00', '+0530'),
    )
    .map(([ms, length, zone]): [string, string] => [zoned(ms, zone), zoned(ms + length, zone)]),
  fc.tuple(wildDate, wildDate),
);
const withInterval = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, interval).map(([item, [start_date, end_date]]) => ({ ...item, start_date, end_date }));
const source: fc.Arbitrary<HkSource> = often<HkSource>(
  fc.record({ name: fc.constantFrom('Apple Watch', 'iPhone', 'Oura'), bundle_id: opt(fc.string()), version: opt(fc.string()) }),
  fc.record({ name: fc.constantFrom('', ' ') }),
);
const device = opt(
  fc.oneof(
    fc.string(),
    fc.record({ name: opt(fc.string()), model: opt(fc.string()), hardware_version: opt(fc.string()) }, { requiredKeys: [] }),
  ),
);
const metadata = opt(fc.dictionary(fc.constantFrom('HKWasUserEntered', 'HKTimeZone', '__proto__', 'k'), fc.jsonValue()));
const base = { uuid, source, device, metadata };
const quantityArb = withInterval(
  fc.oneof(
    fc.record({
      ...base,
      type: fc.constant('HKQuantityTypeIdentifierHeartRate'),
      value: often(fc.integer({ min: 30, max: 200 }), fc.double()),
      unit: often(fc.constant('count/min'), fc.string()),
    }),
    fc.record({
      ...base,
      type: fc.constant('HKQuantityTypeIdentifierBodyTemperature'),
      value: often(fc.double({ min: 95, max: 103, noNaN: true }), fc.double()),
      unit: fc.constantFrom('degF', 'degF', 'degC', 'K', 'kg'),
    }),
    fc.record({
      ...base,
      type: fc.constantFrom(
        'HKQuantityTypeIdentifierStepCount',
        'HKQuantityTypeIdentifierDietaryWater',
        'HKCategoryTypeIdentifierSleepAnalysis',
      ),
      value: often(fc.integer({ min: 0, max: 5000 }), fc.double()),
      unit: fc.constantFrom('count', 'mL'),
    }),
  ),
);
const categoryArb = withInterval(
  fc.record({
    ...base,
    type: fc.constantFrom(
      'HKCategoryTypeIdentifierSleepAnalysis',
      'HKCategoryTypeIdentifierAppleStandHour',
      'HKCategoryTypeIdentifierMindfulSession',
      'HKCategoryTypeIdentifierToothbrushingEvent',
    ),
    value: fc.oneof(
      fc.integer({ min: -1, max: 6 }),
      fc.constantFrom('HKCategoryValueSleepAnalysisAsleepREM', 'HKCategoryValueNotApplicable', 'x'),
    ),
  }),
);
const workoutArb = withInterval(
  fc.record({
    ...base,
    activity_type: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.constantFrom(3000, 'running', 'HKWorkoutActivityTypeYoga', 'Jogging')),
    duration_s: often(fc.integer({ min: 0, max: 20_000 }), fc.double()),
    total_energy_kcal: opt(often(fc.integer({ min: 0, max: 2000 }), fc.double())),
    total_distance_m: opt(often(fc.integer({ min: 0, max: 50_000 }), fc.double())),
  }),
);
const bpObject2 = (type: string, value: fc.Arbitrary<number>) =>
  withInterval(
    fc.record({
      ...base,
      source: opt(source),
      type: fc.constant(`HKQuantityTypeIdentifier${type}`),
      value,
      unit: often(fc.constant('mmHg'), fc.constantFrom('kPa', 'count/min')),
    }),
  );
const bpObjectsArb = often(
  fc.tuple(
    bpObject2('BloodPressureSystolic', fc.integer({ min: 100, max: 160 })),
    bpObject2('BloodPressureDiastolic', fc.integer({ min: 50, max: 95 })),
  ),
  fc.array(bpObject2('HeartRate', fc.integer({ min: 30, max: 200 })), { maxLength: 3 }),
);
const correlationArb = withInterval(
  fc.record({
    ...base,
    type: often(fc.constant('HKCorrelationTypeIdentifierBloodPressure'), fc.constant('HKCorrelationTypeIdentifierFood')),
    objects: bpObjectsArb,
  }),
);
const uploadArb: fc.Arbitrary<HealthKitUpload> = fc.record(
  {
    samples: opt(
      fc.record(
        {
          quantity: opt(fc.array(quantityArb, { maxLength: 6 })),
          category: opt(fc.array(categoryArb, { maxLength: 4 })),
          workouts: opt(fc.array(workoutArb, { maxLength: 3 })),
          correlations: opt(fc.array(correlationArb, { maxLength: 3 })),
        },
        { requiredKeys: [] },
      ),
    ),
    deleted: opt(fc.array(fc.record({ uuid, type: opt(fc.string()) }), { maxLength: 4 })),
  },
  { requiredKeys: [] },
);

describe('HealthKit mapping: properties', () => {
  it('is deterministic and never throws; every sample is plausible, every item is stored, refused, unsupported or deleted', () => {
    let runsWithSamples = 0;
    fc.assert(
      fc.property(uploadArb, (upload) => {
        const a = run(upload);
        expect(run(structuredClone(upload))).toEqual(a);
        for (const s of a.samples) {
          expect(s.end >= s.start).toBe(true);
          if (s.type !== 'workout' && s.value !== null) expect(checkPlausible(s.type, s.value).ok).toBe(true);
          expect(a.tombstones).not.toContain(s.externalId);
          expect(s.source.name.trim()).not.toBe('');
        }
        const unsupported = Object.values(a.unsupported).reduce((x, y) => x + y, 0);
        const items = healthKitItemCount(upload);
        // Each item is one of: a sample, an error, an unsupported count, a tombstone (deleted twice counts once), or a
        // sample dropped because it was deleted in the same body.
        expect(a.samples.length + a.errors.length + unsupported + a.tombstones.length).toBeLessThanOrEqual(items);
        if (a.samples.length > 0) runsWithSamples++;
      }),
      { numRuns: 400 },
    );
    expect(runsWithSamples).toBeGreaterThan(80); // the generator reaches the happy paths, not only refusals
  });
});
