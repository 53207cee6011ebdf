// Field names, units and the data-block rule come from clarity-loop-backend's clarity/models/health_data.py; expected
// canonical values are the catalogue's conversions (km → m × 1000; everything else is already in its canonical unit).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byClarityMetricType, byId, checkPlausible, CLARITY_METRIC_TYPES } from '../../observations/index.js';
import {
  CLARITY_FIELD_RULES,
  CLARITY_METRIC_TYPE_VALUES,
  clarityUploadMapper,
  mapClarityUpload,
  type ClarityHealthDataUpload,
  type ClarityHealthMetric,
} from './health-metric-mapping.js';

const NOW = Date.parse('2025-06-17T12:00:00Z');
const T = '2025-06-17T08:30:00+02:00';
const T_MS = Date.parse('2025-06-17T06:30:00Z');
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function upload(metrics: ClarityHealthMetric[], extra: Partial<ClarityHealthDataUpload> = {}): ClarityHealthDataUpload {
  return { user_id: ID(999), metrics, upload_source: 'apple_health', client_timestamp: '2025-06-17T10:00:00Z', ...extra };
}
const map = (metrics: ClarityHealthMetric[], extra: Partial<ClarityHealthDataUpload> = {}) =>
  mapClarityUpload(upload(metrics, extra), { now: NOW });

describe('Clarity HealthMetric → samples: biometric_data', () => {
  it('heart rate: the value at created_at (an instant), its offset, source and external id', () => {
    const { samples, errors, rejected } = map([
      { metric_id: ID(1), metric_type: 'HEART_RATE', biometric_data: { heart_rate: 72 }, created_at: T },
    ]);
    expect(errors).toEqual([]);
    expect(rejected).toEqual([]);
    expect(samples).toEqual([
      {
        type: 'heart_rate',
        start: T_MS,
        end: T_MS,
        value: 72,
        category: null,
        components: null,
        utcOffsetMinutes: 120,
        timeZone: null,
        source: { name: 'apple_health', version: null, bundleId: null, device: null },
        provenance: 'sensed',
        metadata: null,
        externalId: ID(1),
      },
    ]);
  });

  it('accepts the original wire value (heart_rate) as well as the spec name (HEART_RATE)', () => {
    expect(CLARITY_METRIC_TYPE_VALUES).toContain('heart_rate');
    const { samples, errors } = map([{ metric_type: 'heart_rate', biometric_data: { heart_rate: 60 }, created_at: T }]);
    expect(errors).toEqual([]);
    expect(samples.map((s) => s.type)).toEqual(['heart_rate']);
    expect(map([{ metric_type: 'Heart_Rate', biometric_data: { heart_rate: 60 }, created_at: T }]).errors[0]).toMatchObject({
      field: 'metrics[0].metric_type',
      code: 'unknown_metric_type',
    });
  });

  it('one metric → several samples: heart rate + blood pressure → heart_rate and ONE blood_pressure with components', () => {
    const { samples, errors } = map([
      {
        metric_id: ID(2),
        metric_type: 'BLOOD_PRESSURE',
        biometric_data: { heart_rate: 64, blood_pressure_systolic: 121, blood_pressure_diastolic: 79 },
        created_at: T,
      },
    ]);
    expect(errors).toEqual([]);
    expect(samples.map((s) => [s.type, s.value, s.components])).toEqual([
      ['heart_rate', 64, null],
      ['blood_pressure', null, { systolic: 121, diastolic: 79 }],
    ]);
    expect(samples.every((s) => s.externalId === ID(2))).toBe(true);
  });

  it('every biometric field, in the original units (%, ms, /min, °C, mg/dL)', () => {
    const { samples, errors } = map([
      {
        metric_type: 'BLOOD_OXYGEN',
        biometric_data: {
          oxygen_saturation: 97,
          heart_rate_variability: 48.5,
          respiratory_rate: 14,
          body_temperature: 36.8,
          blood_glucose: 95,
        },
        created_at: T,
      },
    ]);
    expect(errors).toEqual([]);
    expect(Object.fromEntries(samples.map((s) => [s.type, s.value]))).toEqual({
      spo2: 97,
      hrv_sdnn: 48.5,
      respiratory_rate: 14,
      body_temperature: 36.8,
      blood_glucose: 95,
    });
  });

  it('HRV is SDNN unless metadata.hrv_method says rmssd; an unknown statistic is refused, never stored as SDNN', () => {
    const rmssd = map([
      {
        metric_type: 'HEART_RATE_VARIABILITY',
        biometric_data: { heart_rate_variability: 40 },
        metadata: { hrv_method: 'RMSSD' },
        created_at: T,
      },
    ]);
    expect(rmssd.samples.map((s) => s.type)).toEqual(['hrv_rmssd']);
    const unknown = map([
      {
        metric_type: 'HEART_RATE_VARIABILITY',
        biometric_data: { heart_rate_variability: 40 },
        metadata: { hrv_method: 'pnn50' },
        created_at: T,
      },
    ]);
    expect(unknown.samples).toEqual([]);
    expect(unknown.errors).toEqual([expect.objectContaining({ index: 0, field: 'metrics[0].metadata.hrv_method', code: 'inconsistent' })]);
  });

  it('out of the catalogue range: refused with the field path, the whole metric (no half-writes), other metrics kept', () => {
    const { samples, errors, rejected } = map([
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 70 }, created_at: T },
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 15 }, created_at: T },
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 80 }, created_at: T },
      { metric_type: 'BLOOD_GLUCOSE', biometric_data: { blood_glucose: 100, heart_rate: 400 }, created_at: T },
    ]);
    expect(rejected).toEqual([1, 3]);
    expect(errors.map((e) => [e.index, e.field, e.code])).toEqual([
      [1, 'metrics[1].biometric_data.heart_rate', 'out_of_range'],
      [3, 'metrics[3].biometric_data.heart_rate', 'out_of_range'],
    ]);
    expect(errors[0]!.message).toContain('20–300');
    expect(samples.map((s) => s.value)).toEqual([70, 80]); // metric 3's valid glucose is not stored either
  });

  it('a real 28 bpm reading is kept (the original refused < 30; the catalogue range is the rule here)', () => {
    expect(map([{ metric_type: 'HEART_RATE', biometric_data: { heart_rate: 28 }, created_at: T }]).samples[0]!.value).toBe(28);
  });

  it('SpO2 sent as a fraction (0.97) is refused by the range, not guessed', () => {
    const { errors } = map([{ metric_type: 'BLOOD_OXYGEN', biometric_data: { oxygen_saturation: 0.97 }, created_at: T }]);
    expect(errors).toEqual([expect.objectContaining({ field: 'metrics[0].biometric_data.oxygen_saturation', code: 'out_of_range' })]);
  });

  it('half a blood pressure, or systolic ≤ diastolic, refuses the metric', () => {
    const half = map([{ metric_type: 'BLOOD_PRESSURE', biometric_data: { blood_pressure_systolic: 120 }, created_at: T }]);
    expect(half.errors).toEqual([
      expect.objectContaining({ field: 'metrics[0].biometric_data.blood_pressure_diastolic', code: 'inconsistent' }),
    ]);
    const inverted = map([
      { metric_type: 'BLOOD_PRESSURE', biometric_data: { blood_pressure_systolic: 80, blood_pressure_diastolic: 90 }, created_at: T },
    ]);
    expect(inverted.errors).toEqual([
      expect.objectContaining({ field: 'metrics[0].biometric_data.blood_pressure_systolic', code: 'inconsistent' }),
    ]);
    const implausible = map([
      { metric_type: 'BLOOD_PRESSURE', biometric_data: { blood_pressure_systolic: 400, blood_pressure_diastolic: 90 }, created_at: T },
    ]);
    expect(implausible.errors).toEqual([
      expect.objectContaining({ field: 'metrics[0].biometric_data.blood_pressure_systolic', code: 'out_of_range' }),
    ]);
    expect([half, inverted, implausible].every((r) => r.samples.length === 0)).toBe(true);
  });
});

describe('Clarity HealthMetric → samples: data blocks and timestamps', () => {
  it('each type needs its block: missing, null, empty or all-null blocks refuse the metric naming the block', () => {
    const { samples, errors, rejected } = map([
      { metric_type: 'HEART_RATE', created_at: T },
      { metric_type: 'SLEEP_ANALYSIS', sleep_data: null },
      { metric_type: 'ACTIVITY_LEVEL', activity_data: {}, created_at: T },
      { metric_type: 'BLOOD_GLUCOSE', biometric_data: { blood_glucose: null }, created_at: T },
      { metric_type: 'MOOD_ASSESSMENT', biometric_data: { heart_rate: 70 }, created_at: T },
    ]);
    expect(samples).toEqual([]);
    expect(rejected).toEqual([0, 1, 2, 3, 4]);
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['metrics[0].biometric_data', 'Metric type heart_rate requires biometric_data'],
      ['metrics[1].sleep_data', 'Metric type sleep_analysis requires sleep_data'],
      ['metrics[2].activity_data', 'Metric type activity_level requires activity_data'],
      ['metrics[3].biometric_data', 'Metric type blood_glucose requires biometric_data'],
      ['metrics[4].mental_health_data', 'Metric type mood_assessment requires mental_health_data'],
    ]);
  });

  it('biometric and activity values need created_at; a sleep block does not', () => {
    const { errors } = map([{ metric_type: 'HEART_RATE', biometric_data: { heart_rate: 70 } }]);
    expect(errors).toEqual([expect.objectContaining({ field: 'metrics[0].created_at', code: 'missing_timestamp' })]);
    const sleep = map([
      {
        metric_type: 'SLEEP_ANALYSIS',
        sleep_data: {
          total_sleep_minutes: 420,
          sleep_efficiency: 0.9,
          sleep_start: '2025-06-16T23:00:00Z',
          sleep_end: '2025-06-17T06:30:00Z',
        },
      },
    ]);
    expect(sleep.errors).toEqual([]);
  });

  it('timestamps: naive = UTC with no recorded offset, Z → offset unknown, impossible dates and the future are refused', () => {
    const at = (created_at: string) => map([{ metric_type: 'HEART_RATE', biometric_data: { heart_rate: 70 }, created_at }]);
    expect(at('2025-06-17T06:30:00').samples[0]).toMatchObject({ start: T_MS, utcOffsetMinutes: null });
    expect(at('2025-06-17T06:30:00.123456Z').samples[0]).toMatchObject({ start: T_MS + 123, utcOffsetMinutes: null });
    expect(at('2025-06-17T01:30:00-05:00').samples[0]).toMatchObject({ start: T_MS, utcOffsetMinutes: -300 });
    expect(at('2025-02-30T06:30:00Z').errors[0]).toMatchObject({ field: 'metrics[0].created_at', code: 'invalid_timestamp' });
    expect(at('2025-06-19T12:00:01Z').errors[0]).toMatchObject({ message: 'is in the future' });
    expect(at('1899-12-31T23:59:59Z').errors[0]).toMatchObject({ message: 'is before 1900' });
    expect(at('2025-06-18T12:00:00Z').errors).toEqual([]); // within the 24 h tolerance
  });

  it('a repeated metric_id is refused the second time (the original refuses the upload)', () => {
    const { samples, errors } = map([
      { metric_id: ID(7), metric_type: 'HEART_RATE', biometric_data: { heart_rate: 70 }, created_at: T },
      { metric_id: ID(7).toUpperCase(), metric_type: 'HEART_RATE', biometric_data: { heart_rate: 71 }, created_at: T },
    ]);
    expect(samples.map((s) => s.value)).toEqual([70]);
    expect(errors).toEqual([
      { index: 1, field: 'metrics[1].metric_id', message: 'duplicate metric_id (first used by metrics[0])', code: 'duplicate_metric_id' },
    ]);
  });
});

describe('Clarity HealthMetric → samples: activity, sleep, mental health, environment', () => {
  it('activity_data: each field its own cumulative/discrete type; distance is km in Clarity, m here', () => {
    const { samples, errors } = map([
      {
        metric_type: 'ACTIVITY_LEVEL',
        activity_data: {
          steps: 8500,
          distance: 6.2,
          active_energy: 410.5,
          exercise_minutes: 32,
          flights_climbed: 9,
          vo2_max: 41.3,
          resting_heart_rate: 55,
        },
        created_at: T,
      },
    ]);
    expect(errors).toEqual([]);
    const byType = Object.fromEntries(samples.map((s) => [s.type, s.value]));
    expect(byType).toEqual({
      steps: 8500,
      distance: 6200,
      active_energy: 410.5,
      exercise_time: 32,
      flights_climbed: 9,
      vo2_max: 41.3,
      resting_heart_rate: 55,
    });
  });

  it('active_minutes has no observation type: reported not_stored, the rest of the metric is stored', () => {
    const { samples, errors, rejected } = map([
      { metric_type: 'ACTIVITY_LEVEL', activity_data: { steps: 100, active_minutes: 30 }, created_at: T },
    ]);
    expect(samples.map((s) => s.type)).toEqual(['steps']);
    expect(rejected).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ field: 'metrics[0].activity_data.active_minutes', code: 'not_stored' })]);
  });

  it('sleep_data → one asleep_unspecified interval over sleep_start…sleep_end, the summary in metadata, offset of the end', () => {
    const { samples, errors } = map([
      {
        metric_id: ID(3),
        metric_type: 'SLEEP_ANALYSIS',
        sleep_data: {
          total_sleep_minutes: 420,
          sleep_efficiency: 0.88,
          time_to_sleep_minutes: 12,
          wake_count: 2,
          sleep_stages: { light: 240, deep: 90, rem: 90, awake: 30 },
          sleep_start: '2025-06-16T23:10:00+02:00',
          sleep_end: '2025-06-17T06:40:00+02:00',
        },
        metadata: { HKTimeZone: 'Europe/Berlin' },
      },
    ]);
    expect(errors).toEqual([]);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({
      type: 'sleep_stage',
      category: 'asleep_unspecified',
      value: null,
      start: Date.parse('2025-06-16T21:10:00Z'),
      end: Date.parse('2025-06-17T04:40:00Z'),
      utcOffsetMinutes: 120,
      timeZone: 'Europe/Berlin',
      externalId: ID(3),
      metadata: {
        HKTimeZone: 'Europe/Berlin',
        'sleep_data.total_sleep_minutes': 420,
        'sleep_data.sleep_efficiency': 0.88,
        'sleep_data.time_to_sleep_minutes': 12,
        'sleep_data.wake_count': 2,
        'sleep_data.sleep_stages.light': 240,
        'sleep_data.sleep_stages.deep': 90,
        'sleep_data.sleep_stages.rem': 90,
        'sleep_data.sleep_stages.awake': 30,
      },
    });
  });

  it('sleep consistency as the original: end after start, total within 30 min of the span; and at most 24 h', () => {
    const sleep = (sleep_start: string, sleep_end: string, total_sleep_minutes: number) =>
      map([
        { metric_type: 'SLEEP_ANALYSIS', sleep_data: { total_sleep_minutes, sleep_efficiency: 0.9, sleep_start, sleep_end } },
      ]).errors.map((e) => e.field);
    expect(sleep('2025-06-17T06:00:00Z', '2025-06-16T23:00:00Z', 420)).toEqual(['metrics[0].sleep_data.sleep_end']);
    expect(sleep('2025-06-16T23:00:00Z', '2025-06-17T06:00:00Z', 300)).toEqual(['metrics[0].sleep_data.total_sleep_minutes']);
    expect(sleep('2025-06-16T23:00:00Z', '2025-06-17T06:00:00Z', 390)).toEqual([]); // 30 min short of the span: allowed
    expect(sleep('2025-06-15T03:00:00Z', '2025-06-16T04:00:00Z', 1500)).toEqual(['metrics[0].sleep_data.sleep_end']);
  });

  it('mental_health_data: every indicator not_stored (no observation type), nothing refused', () => {
    const { samples, errors, rejected } = map([
      { metric_type: 'STRESS_INDICATORS', mental_health_data: { stress_level: 4, mood_score: 'good', notes: 'ok' }, created_at: T },
    ]);
    expect(samples).toEqual([]);
    expect(rejected).toEqual([]);
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['metrics[0].mental_health_data.mood_score', 'not_stored'],
      ['metrics[0].mental_health_data.stress_level', 'not_stored'],
      ['metrics[0].mental_health_data.notes', 'not_stored'],
    ]);
    expect(errors[0]!.message).toMatch(/^not stored: no observation type for mood_score/);
  });

  it('ENVIRONMENTAL has no data block in the Clarity model: not_stored, naming the catalogue types it would need', () => {
    const { errors } = map([{ metric_type: 'ENVIRONMENTAL', created_at: T, metadata: { db: 70 } }]);
    expect(errors).toEqual([expect.objectContaining({ field: 'metrics[0]', code: 'not_stored' })]);
    expect(errors[0]!.message).toContain('environmental_audio_exposure');
  });
});

describe('Clarity HealthMetric → samples: source, device, provenance', () => {
  it('device_id: a bare id becomes the device name; an HKDevice description is parsed, memory address dropped', () => {
    const [bare, described] = map([
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 60 }, device_id: 'polar-h10-8A3B', created_at: T },
      {
        metric_type: 'HEART_RATE',
        biometric_data: { heart_rate: 61 },
        device_id: '<<HKDevice: 0x282a45810>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1>',
        created_at: T,
      },
    ]).samples;
    expect(bare!.source.device).toEqual({ name: 'polar-h10-8A3B', extra: {} });
    expect(described!.source.device).toEqual({
      name: 'Apple Watch',
      manufacturer: 'Apple Inc.',
      model: 'Watch',
      hardware: 'Watch6,2',
      software: '10.1',
      extra: {},
    });
  });

  it('user_entered when metadata says HKWasUserEntered / user_entered, or upload_source is manual', () => {
    const hr = (metadata: Record<string, unknown> | undefined, upload_source = 'apple_health') =>
      map([{ metric_type: 'HEART_RATE', biometric_data: { heart_rate: 60 }, metadata, created_at: T }], { upload_source }).samples[0]!
        .provenance;
    expect(hr(undefined)).toBe('sensed');
    expect(hr({ HKWasUserEntered: true })).toBe('user_entered');
    expect(hr({ user_entered: 'true' })).toBe('user_entered');
    expect(hr({ user_entered: false })).toBe('sensed');
    expect(hr(undefined, ' Manual ')).toBe('user_entered');
  });

  it('metadata keeps scalars only; HKTimeZone must be a real IANA zone', () => {
    const [s] = map([
      {
        metric_type: 'HEART_RATE',
        biometric_data: { heart_rate: 60 },
        metadata: { HKTimeZone: 'Mars/Olympus', note: 'x', n: 1, nested: { a: 1 }, list: [1] },
        created_at: T,
      },
    ]).samples;
    expect(s!.timeZone).toBeNull();
    expect(s!.metadata).toEqual({ HKTimeZone: 'Mars/Olympus', note: 'x', n: 1 });
  });

  it('the upload-ingest adapter reports totals, failed metrics and the not-stored count', () => {
    const body = upload([
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 60 }, created_at: T },
      { metric_type: 'HEART_RATE', biometric_data: { heart_rate: 600 }, created_at: T },
      { metric_type: 'MOOD_ASSESSMENT', mental_health_data: { mood_score: 'low' } },
    ]);
    const mapped = clarityUploadMapper(JSON.parse(JSON.stringify(body)), NOW);
    expect(mapped).toMatchObject({ totalItems: 3, failedItems: 1, tombstones: [], detail: { rejected_metrics: [1], not_stored: 1 } });
    expect(mapped.samples).toHaveLength(1);
  });
});

describe('Clarity mapping: consistency with the catalogue', () => {
  it('every field rule names a catalogue quantity type whose unit converts', () => {
    for (const rule of CLARITY_FIELD_RULES) expect(byId(rule.type)?.kind, rule.field).toBe('quantity');
  });

  it('the catalogue types of Clarity metrics that no upload field carries: stand_time and the two environmental ones', () => {
    // The Clarity model has no stand-time field in ActivityData and no data block at all for ENVIRONMENTAL.
    const reachable = new Set<string>([...CLARITY_FIELD_RULES.map((r) => r.type), 'blood_pressure', 'sleep_stage']);
    const unreachable = CLARITY_METRIC_TYPES.flatMap((m) => byClarityMetricType(m)!.types.map((t) => t.id)).filter(
      (id) => !reachable.has(id),
    );
    expect(unreachable.sort()).toEqual(['environmental_audio_exposure', 'stand_time', 'time_in_daylight']);
  });
});

// ── Property: deterministic, never throws, only plausible values, only from metrics not refused ─────────────────────

// Mostly well-formed (so the happy paths are reached), with a share of everything the types allow.
const often = <T>(good: fc.Arbitrary<T>, wild: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: wild, weight: 1 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 3 }, { arbitrary: fc.constant(undefined), weight: 1 });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 3 }, fc.constant(null), fc.constant(undefined));
const num = often(fc.integer({ min: 40, max: 120 }), fc.oneof(fc.double(), fc.integer({ min: -10, max: 3000 })));
const dateText = often(
  fc.date({ min: new Date('2024-01-01'), max: new Date('2025-06-17'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.oneof(
    fc.constantFrom('2025-06-17T06:00:00', '2025-06-16T23:00:00+05:30', '2025-02-30T00:00:00Z', '9999-12-31T23:59:59Z', 'nope', ''),
    fc.date({ min: new Date('1890-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  ),
);
const sleepArb = fc
  .record({
    startMs: fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2025-06-16T00:00:00Z') }),
    minutes: fc.integer({ min: 1, max: 900 }),
    drift: fc.integer({ min: -40, max: 40 }),
    efficiency: often(fc.double({ min: 0, max: 1, noNaN: true }), fc.double()),
    stages: nullable(fc.dictionary(fc.constantFrom('light', 'deep', 'rem', 'awake', '__proto__'), nullable(num))),
    start: maybe(dateText),
  })
  .map(({ startMs, minutes, drift, efficiency, stages, start }) => ({
    total_sleep_minutes: minutes + drift,
    sleep_efficiency: efficiency,
    sleep_stages: stages,
    sleep_start: start ?? new Date(startMs).toISOString(),
    sleep_end: new Date(startMs + minutes * 60_000).toISOString(),
  }));
const metricArb: fc.Arbitrary<ClarityHealthMetric> = fc.record(
  {
    metric_id: maybe(fc.constantFrom(ID(1), ID(2), ID(3), ID(4), ID(5), ID(6))),
    metric_type: often(fc.constantFrom(...CLARITY_METRIC_TYPES, ...CLARITY_METRIC_TYPE_VALUES), fc.string()),
    biometric_data: nullable(
      fc
        .record(
          {
            heart_rate: nullable(num),
            oxygen_saturation: nullable(often(fc.integer({ min: 90, max: 100 }), num)),
            heart_rate_variability: nullable(num),
            respiratory_rate: nullable(often(fc.integer({ min: 8, max: 30 }), num)),
            body_temperature: nullable(often(fc.integer({ min: 35, max: 40 }), num)),
            blood_glucose: nullable(num),
          },
          { requiredKeys: [] },
        )
        .chain((block) =>
          // Blood pressure mostly as a pair (systolic > diastolic), sometimes half or inverted.
          often(
            fc.option(fc.tuple(fc.integer({ min: 100, max: 160 }), fc.integer({ min: 50, max: 95 })), { nil: undefined }),
            fc.tuple(nullable(num), nullable(num)),
          ).map((bp) => (bp === undefined ? block : { ...block, blood_pressure_systolic: bp[0], blood_pressure_diastolic: bp[1] })),
        ),
    ),
    sleep_data: nullable(sleepArb),
    activity_data: nullable(
      fc.record(
        {
          steps: nullable(num),
          distance: nullable(num),
          active_energy: nullable(num),
          active_minutes: nullable(num),
          vo2_max: nullable(num),
        },
        { requiredKeys: [] },
      ),
    ),
    mental_health_data: nullable(fc.record({ stress_level: nullable(num), notes: nullable(fc.string()) }, { requiredKeys: [] })),
    device_id: nullable(fc.string()),
    metadata: nullable(
      fc.dictionary(fc.constantFrom('HKWasUserEntered', 'hrv_method', 'HKTimeZone', 'user_entered', '__proto__', 'x'), fc.jsonValue()),
    ),
    created_at: maybe(dateText),
  },
  { requiredKeys: ['metric_type'] },
);

describe('Clarity mapping: properties', () => {
  it('is deterministic, never throws, stores only plausible canonical values and nothing from a refused metric', () => {
    let runsWithSamples = 0;
    fc.assert(
      fc.property(
        fc.array(metricArb, { maxLength: 8 }),
        often(fc.constantFrom('apple_health', 'manual'), fc.constantFrom('  ', '')),
        (metrics, source) => {
          const body = upload(metrics, { upload_source: source });
          const a = mapClarityUpload(body, { now: NOW });
          const b = mapClarityUpload(structuredClone(body), { now: NOW });
          expect(b).toEqual(a);
          for (const e of a.errors) expect(e.index >= 0 && e.index < metrics.length).toBe(true);
          for (const s of a.samples) {
            expect(Number.isFinite(s.start) && s.end >= s.start).toBe(true);
            if (s.value !== null) expect(checkPlausible(s.type, s.value).ok).toBe(true);
            for (const [key, v] of Object.entries(s.components ?? {})) expect(checkPlausible(`blood_pressure_${key}`, v).ok).toBe(true);
          }
          const accepted = metrics.length - a.rejected.length;
          expect(a.rejected.every((i) => a.errors.some((e) => e.index === i && e.code !== 'not_stored'))).toBe(true);
          if (accepted === 0) expect(a.samples).toEqual([]);
          if (a.samples.length > 0) runsWithSamples++;
        },
      ),
      { numRuns: 400 },
    );
    expect(runsWithSamples).toBeGreaterThan(40); // the generator reaches the happy paths, not only refusals
  });
});
