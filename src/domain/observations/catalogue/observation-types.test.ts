import { describe, expect, it } from 'vitest';
import {
  CANONICAL_UNITS,
  CLARITY_METRIC_TYPES,
  OBSERVATION_TYPES,
  TWIN_METRICS,
  byClarityMetricType,
  byHealthKitIdentifier,
  byId,
  byTwinMetric,
  isObservationTypeId,
  toCanonical,
} from './index.js';

/** LOINC's mod-10 check digit (LOINC Users' Guide, "Calculating Mod 10 check digits"; the Luhn algorithm). */
function loincCheckDigitOk(code: string): boolean {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match) return false;
  const digits = [...(match[1] as string)].reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}

const hkIds = OBSERVATION_TYPES.flatMap((t) => t.healthKit);

describe('observation table: integrity', () => {
  it('ids are unique snake_case', () => {
    const ids = OBSERVATION_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('every type has a canonical unit, which converts to itself unchanged', () => {
    for (const t of OBSERVATION_TYPES) {
      expect(Object.keys(CANONICAL_UNITS)).toContain(t.unit);
      expect(toCanonical(t.id, 123.456, t.unit, 'ucum')).toBe(123.456);
    }
  });

  it('every HealthKit identifier maps to exactly one type, and back to it', () => {
    expect(new Set(hkIds).size).toBe(hkIds.length);
    for (const t of OBSERVATION_TYPES) for (const hk of t.healthKit) expect(byHealthKitIdentifier(hk)).toBe(t);
    for (const hk of hkIds) expect(hk).toMatch(/^HK(Quantity|Category|Correlation)TypeIdentifier[A-Z]\w+$|^HKWorkoutTypeIdentifier$/);
  });

  it('HealthKit identifier prefixes agree with the kind', () => {
    for (const t of OBSERVATION_TYPES) {
      for (const hk of t.healthKit) {
        if (hk.startsWith('HKQuantityTypeIdentifier')) expect(t.kind).toBe('quantity');
        if (hk.startsWith('HKCategoryTypeIdentifier')) expect(t.kind).toBe('category');
        if (hk.startsWith('HKCorrelationTypeIdentifier')) expect(t.kind).toBe('correlation');
      }
    }
  });

  it('covers the HealthKit identifiers named in the issue', () => {
    const named = [
      'HKQuantityTypeIdentifierHeartRate',
      'HKQuantityTypeIdentifierRestingHeartRate',
      'HKQuantityTypeIdentifierHeartRateVariabilitySDNN',
      'HKQuantityTypeIdentifierStepCount',
      'HKQuantityTypeIdentifierDistanceWalkingRunning',
      'HKQuantityTypeIdentifierActiveEnergyBurned',
      'HKQuantityTypeIdentifierBasalEnergyBurned',
      'HKQuantityTypeIdentifierFlightsClimbed',
      'HKQuantityTypeIdentifierOxygenSaturation',
      'HKQuantityTypeIdentifierRespiratoryRate',
      'HKQuantityTypeIdentifierBodyTemperature',
      'HKQuantityTypeIdentifierBloodPressureSystolic',
      'HKQuantityTypeIdentifierBloodPressureDiastolic',
      'HKCorrelationTypeIdentifierBloodPressure',
      'HKQuantityTypeIdentifierBloodGlucose',
      'HKQuantityTypeIdentifierBodyMass',
      'HKQuantityTypeIdentifierHeight',
      'HKQuantityTypeIdentifierBodyMassIndex',
      'HKQuantityTypeIdentifierBodyFatPercentage',
      'HKQuantityTypeIdentifierAppleExerciseTime',
      'HKQuantityTypeIdentifierAppleStandTime',
      'HKCategoryTypeIdentifierSleepAnalysis',
      'HKCategoryTypeIdentifierMindfulSession',
      'HKQuantityTypeIdentifierEnvironmentalAudioExposure',
    ];
    for (const hk of named) expect(byHealthKitIdentifier(hk), hk).toBeDefined();
  });

  it('LOINC codes are well formed with a valid check digit, and unique', () => {
    expect(loincCheckDigitOk('8867-4')).toBe(true); // the checker itself
    expect(loincCheckDigitOk('8867-3')).toBe(false);
    const codes = OBSERVATION_TYPES.flatMap((t) => [t.loinc, ...(t.loincAdditional ?? [])]).filter((c): c is string => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(loincCheckDigitOk(c), c).toBe(true);
  });

  it('pins the LOINC choices', () => {
    const loinc = (id: string) => byId(id)?.loinc;
    expect(loinc('heart_rate')).toBe('8867-4');
    expect(loinc('resting_heart_rate')).toBe('40443-4');
    expect(loinc('hrv_sdnn')).toBe('80404-7');
    expect(loinc('spo2')).toBe('59408-5');
    expect(byId('spo2')?.loincAdditional).toEqual(['2708-6']);
    expect(loinc('respiratory_rate')).toBe('9279-1');
    expect(loinc('body_temperature')).toBe('8310-5');
    expect(loinc('blood_pressure')).toBe('85354-9');
    expect(loinc('blood_pressure_systolic')).toBe('8480-6');
    expect(loinc('blood_pressure_diastolic')).toBe('8462-4');
    expect(loinc('blood_glucose')).toBe('2339-0');
    expect(loinc('body_mass')).toBe('29463-7');
    expect(loinc('height')).toBe('8302-2');
    expect(loinc('bmi')).toBe('39156-5');
    expect(loinc('steps')).toBe('55423-8');
    expect(loinc('distance')).toBeNull();
    expect(loinc('total_cholesterol')).toBe('2093-3');
    expect(loinc('hdl_cholesterol')).toBe('2085-9');
    expect(loinc('ldl_cholesterol')).toBe('2089-1'); // method-less: calculated or measured
    expect(loinc('triglycerides')).toBe('2571-8');
    expect(loinc('hba1c')).toBe('4548-4');
    expect(loinc('fasting_glucose')).toBe('1558-6');
    expect(loinc('creatinine')).toBe('2160-0');
    expect(loinc('phq9')).toBe('44261-6');
    expect(loinc('gad7')).toBe('70274-6');
    expect(loinc('pm25')).toBeNull();
  });

  it('lab types convert molar units by their own substance', () => {
    for (const id of ['total_cholesterol', 'hdl_cholesterol', 'ldl_cholesterol']) expect(byId(id)?.dimension, id).toBe('cholesterol_concentration');
    expect(byId('triglycerides')?.dimension).toBe('triglyceride_concentration');
    expect(byId('creatinine')?.dimension).toBe('creatinine_concentration');
    expect(byId('fasting_glucose')?.dimension).toBeUndefined(); // glucose: the mg/dL default
    expect(byId('phq9')).toMatchObject({ unit: '{score}', range: { min: 0, max: 27 } });
    expect(byId('gad7')).toMatchObject({ unit: '{score}', range: { min: 0, max: 21 } });
  });

  it('cumulative types include steps, distance, energy and flights; vitals are discrete', () => {
    for (const id of ['steps', 'distance', 'active_energy', 'basal_energy', 'flights_climbed', 'exercise_time', 'sleep_stage']) {
      expect(byId(id)?.aggregation, id).toBe('cumulative');
    }
    for (const id of ['heart_rate', 'hrv_sdnn', 'spo2', 'body_temperature', 'blood_glucose', 'body_mass', 'blood_pressure']) {
      expect(byId(id)?.aggregation, id).toBe('discrete');
    }
  });

  it('quantity types have a plausible range inside which 0 < width; category/correlation have none', () => {
    for (const t of OBSERVATION_TYPES) {
      if (t.kind === 'quantity') {
        expect(t.range, t.id).not.toBeNull();
        expect(t.range!.min).toBeLessThan(t.range!.max);
      } else {
        expect(t.range, t.id).toBeNull();
      }
    }
  });

  it('correlations name existing quantity components sharing their unit; only correlations have components', () => {
    for (const t of OBSERVATION_TYPES) {
      if (t.kind !== 'correlation') {
        expect(t.components, t.id).toBeUndefined();
        continue;
      }
      expect(t.components!.length).toBeGreaterThanOrEqual(2);
      for (const c of t.components!) {
        expect(byId(c)?.kind).toBe('quantity');
        expect(byId(c)?.unit).toBe(t.unit);
      }
    }
    expect(byId('blood_pressure')?.components).toEqual(['blood_pressure_systolic', 'blood_pressure_diastolic']);
  });

  it('sound levels are energy-averaged, everything else arithmetically', () => {
    expect(byId('environmental_audio_exposure')?.meanOfLevels).toBe('energy');
    expect(byId('headphone_audio_exposure')?.meanOfLevels).toBe('energy');
    expect(byId('heart_rate')?.meanOfLevels).toBe('arithmetic');
  });
});

describe('lookups', () => {
  it('byId round-trips every type; unknown → undefined', () => {
    for (const t of OBSERVATION_TYPES) {
      expect(byId(t.id)).toBe(t);
      expect(isObservationTypeId(t.id)).toBe(true);
    }
    for (const bad of ['', 'HEART_RATE', 'Heart_rate', 'heart-rate', 'toString', '__proto__', 'constructor']) {
      expect(byId(bad)).toBeUndefined();
      expect(isObservationTypeId(bad)).toBe(false);
    }
  });

  it('byHealthKitIdentifier: unknown or near-miss → undefined', () => {
    for (const bad of [
      'HKQuantityTypeIdentifierNikeFuel',
      'heart_rate',
      'hkquantitytypeidentifierheartrate',
      'HKQuantityTypeIdentifierHeartRate ',
      'toString',
    ]) {
      expect(byHealthKitIdentifier(bad)).toBeUndefined();
    }
  });

  it('every Clarity metric type resolves, consistently with its resolution', () => {
    for (const m of CLARITY_METRIC_TYPES) {
      const mapping = byClarityMetricType(m)!;
      expect(mapping.metric).toBe(m);
      if (mapping.resolution === 'single') expect(mapping.types).toHaveLength(1);
      if (mapping.resolution === 'composite') expect(mapping.types.length).toBeGreaterThanOrEqual(2);
      if (mapping.resolution === 'not_an_observation') {
        expect(mapping.types).toHaveLength(0);
        expect(mapping.note).toMatch(/screening/);
      }
      expect(mapping.combine === null, m).toBe(mapping.resolution !== 'composite');
      for (const t of mapping.types) expect(t.clarity).toBe(m);
    }
    // and every type that names a Clarity metric is found under it
    for (const t of OBSERVATION_TYPES) if (t.clarity) expect(byClarityMetricType(t.clarity)!.types).toContain(t);
  });

  it('Clarity: the single metrics and how the others are handled', () => {
    const ids = (m: string) => byClarityMetricType(m)!.types.map((t) => t.id);
    expect(ids('HEART_RATE')).toEqual(['heart_rate']);
    expect(ids('HEART_RATE_VARIABILITY')).toEqual(['hrv_sdnn']);
    expect(ids('BLOOD_PRESSURE')).toEqual(['blood_pressure']);
    expect(ids('BLOOD_OXYGEN')).toEqual(['spo2']);
    expect(ids('RESPIRATORY_RATE')).toEqual(['respiratory_rate']);
    expect(ids('SLEEP_ANALYSIS')).toEqual(['sleep_stage']);
    expect(ids('BODY_TEMPERATURE')).toEqual(['body_temperature']);
    expect(ids('BLOOD_GLUCOSE')).toEqual(['blood_glucose']);
    expect(byClarityMetricType('ACTIVITY_LEVEL')).toMatchObject({ resolution: 'composite', combine: 'separate' });
    expect(ids('ACTIVITY_LEVEL')).toEqual(['steps', 'distance', 'active_energy', 'flights_climbed', 'exercise_time', 'stand_time']);
    expect(ids('ENVIRONMENTAL')).toEqual(['environmental_audio_exposure', 'time_in_daylight']);
    for (const m of ['STRESS_INDICATORS', 'MOOD_ASSESSMENT', 'COGNITIVE_METRICS']) {
      expect(byClarityMetricType(m)).toMatchObject({ resolution: 'not_an_observation', types: [] });
    }
    for (const bad of ['heart_rate', 'Heart_Rate', 'STEPS', '', 'toString']) expect(byClarityMetricType(bad)).toBeUndefined();
  });

  it('every Twin metric resolves; calories is active + basal energy summed', () => {
    for (const m of TWIN_METRICS) {
      const mapping = byTwinMetric(m)!;
      expect(mapping.metric).toBe(m);
      expect(mapping.types.length).toBeGreaterThanOrEqual(1);
      for (const t of mapping.types) expect(t.twin).toBe(m);
    }
    for (const t of OBSERVATION_TYPES) if (t.twin) expect(byTwinMetric(t.twin)!.types).toContain(t);
    const single = (m: string) => {
      const mapping = byTwinMetric(m)!;
      expect(mapping.resolution).toBe('single');
      return mapping.types[0]!.id;
    };
    expect(single('heart_rate')).toBe('heart_rate');
    expect(single('hrv')).toBe('hrv_sdnn');
    expect(single('blood_pressure')).toBe('blood_pressure');
    expect(single('spo2')).toBe('spo2');
    expect(single('temperature')).toBe('body_temperature');
    expect(single('steps')).toBe('steps');
    expect(single('distance')).toBe('distance');
    expect(single('sleep')).toBe('sleep_stage');
    expect(single('workouts')).toBe('workout');
    expect(single('weight')).toBe('body_mass');
    expect(single('glucose')).toBe('blood_glucose');
    const calories = byTwinMetric('calories')!;
    expect(calories).toMatchObject({ resolution: 'composite', combine: 'sum' });
    expect(calories.types.map((t) => t.id)).toEqual(['active_energy', 'basal_energy']);
    for (const bad of ['all', 'HEART_RATE', 'bp', 'temp', '', 'hasOwnProperty']) expect(byTwinMetric(bad)).toBeUndefined();
  });
});
