import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_TYPES } from './observation-types.js';
import {
  UnitConversionError,
  UnknownObservationTypeError,
  UnknownUnitError,
  WrongDimensionError,
  acceptedUnits,
  dimensionOf,
  fromCanonical,
  toCanonical,
  type UnitDialect,
} from './units.js';

/*
 * Worked examples. Factors: 1 lb = 0.45359237 kg, 1 in = 2.54 cm, 1 ft = 0.3048 m, 1 yd = 0.9144 m, 1 mi = 1609.344 m
 * (international yard and pound, 1959); 1 kcal = 4.184 kJ (thermochemical calorie); °C = (°F − 32) × 5/9;
 * 1 mmHg = 133.322387415 Pa; glucose mg/dL = mmol/L × 18.0156 (M = 180.156 g/mol), or × M/10 for HealthKit's
 * `mmol<M>/L`. Expected values are computed by hand from those factors.
 */
const hk = (type: string, value: number, unit: string) => toCanonical(type, value, unit, 'healthkit');
const ucum = (type: string, value: number, unit: string) => toCanonical(type, value, unit, 'ucum');

describe('worked examples', () => {
  it('mass: lb, oz, st, g → kg', () => {
    expect(hk('body_mass', 150, 'lb')).toBeCloseTo(68.0388555, 10); // 150 × 0.45359237
    expect(ucum('body_mass', 150, '[lb_av]')).toBeCloseTo(68.0388555, 10);
    expect(hk('body_mass', 16, 'oz')).toBeCloseTo(0.45359237, 12);
    expect(hk('body_mass', 1, 'st')).toBeCloseTo(6.35029318, 12); // 14 × 0.45359237
    expect(hk('body_mass', 70500, 'g')).toBeCloseTo(70.5, 12);
    expect(hk('lean_body_mass', 100, 'lb')).toBeCloseTo(45.359237, 12);
  });

  it('length: in, ft → cm; mi, km, yd, ft → m', () => {
    expect(hk('height', 70, 'in')).toBeCloseTo(177.8, 10); // 70 × 2.54
    expect(ucum('height', 70, '[in_i]')).toBeCloseTo(177.8, 10);
    expect(hk('height', 6, 'ft')).toBeCloseTo(182.88, 10); // 6 × 30.48
    expect(hk('height', 1.8, 'm')).toBeCloseTo(180, 10);
    expect(hk('distance', 1, 'mi')).toBeCloseTo(1609.344, 10);
    expect(hk('distance', 1.402, 'mi')).toBeCloseTo(2256.300288, 9); // WorkoutStatistics in the jshrake fixture
    expect(ucum('distance', 26.2, '[mi_i]')).toBeCloseTo(42_164.8128, 8);
    expect(hk('distance', 5, 'km')).toBeCloseTo(5000, 10);
    expect(hk('distance', 100, 'yd')).toBeCloseTo(91.44, 10);
    expect(hk('distance', 1000, 'ft')).toBeCloseTo(304.8, 10);
  });

  it('energy: kJ, J, cal, Cal → kcal', () => {
    expect(hk('active_energy', 418.4, 'kJ')).toBeCloseTo(100, 10); // 418.4 / 4.184
    expect(hk('active_energy', 100, 'kJ')).toBeCloseTo(23.900573613766728, 12);
    expect(hk('basal_energy', 4184, 'J')).toBeCloseTo(1, 12);
    expect(hk('active_energy', 134.432, 'Cal')).toBe(134.432); // HealthKit's Cal is the kilocalorie
    expect(ucum('active_energy', 134.432, '[Cal]')).toBe(134.432);
    expect(hk('active_energy', 1000, 'cal')).toBeCloseTo(1, 12);
  });

  it('temperature: degF, K → Cel', () => {
    expect(hk('body_temperature', 98.6, 'degF')).toBeCloseTo(37, 10); // (98.6 − 32) × 5/9
    expect(ucum('body_temperature', 98.6, '[degF]')).toBeCloseTo(37, 10);
    expect(hk('body_temperature', 32, 'degF')).toBeCloseTo(0, 12);
    expect(hk('body_temperature', -40, 'degF')).toBeCloseTo(-40, 12);
    expect(hk('body_temperature', 212, 'degF')).toBeCloseTo(100, 10);
    expect(hk('body_temperature', 310.15, 'K')).toBeCloseTo(37, 10);
    expect(hk('body_temperature', 37.2, 'degC')).toBe(37.2);
    expect(fromCanonical('body_temperature', 37, 'degF', 'healthkit')).toBeCloseTo(98.6, 10);
  });

  it('glucose: mmol/L (× 18.0156) and HealthKit mmol<M>/L (× M/10) → mg/dL', () => {
    expect(ucum('blood_glucose', 5.5, 'mmol/L')).toBeCloseTo(99.0858, 10); // 5.5 × 18.0156
    expect(ucum('blood_glucose', 1, 'mmol/L')).toBeCloseTo(18.0156, 12);
    expect(hk('blood_glucose', 5.5, 'mmol<180.1558800000541>/L')).toBeCloseTo(99.08573400002976, 10); // 5.5 × 18.01558800000541
    expect(fromCanonical('blood_glucose', 99.08573400002976, 'mmol<180.1558800000541>/L', 'healthkit')).toBeCloseTo(5.5, 12);
    expect(hk('blood_glucose', 1, 'g/L')).toBeCloseTo(100, 12);
    expect(hk('blood_glucose', 105, 'mg/dL')).toBe(105);
  });

  it('lab substances: mmol/L by each molar mass (cholesterol × 38.67, triglycerides × 88.57), creatinine µmol/L ÷ 88.42', () => {
    expect(ucum('total_cholesterol', 5.2, 'mmol/L')).toBeCloseTo(201.084, 10); // 5.2 × 38.67
    expect(ucum('hdl_cholesterol', 1.3, 'mmol/L')).toBeCloseTo(50.271, 10);
    expect(ucum('ldl_cholesterol', 3, 'mmol/l')).toBeCloseTo(116.01, 10);
    expect(ucum('triglycerides', 1.7, 'mmol/L')).toBeCloseTo(150.569, 10); // 1.7 × 88.57
    expect(ucum('creatinine', 88.42, 'umol/L')).toBeCloseTo(1, 12);
    expect(ucum('creatinine', 75, 'µmol/L')).toBeCloseTo(0.848224383623614, 12); // 75 / 88.42
    expect(ucum('total_cholesterol', 2, 'g/L')).toBeCloseTo(200, 12);
    expect(ucum('fasting_glucose', 5.5, 'mmol/L')).toBeCloseTo(99.0858, 10); // glucose's own factor
    expect(fromCanonical('triglycerides', 150.569, 'mmol/L', 'ucum')).toBeCloseTo(1.7, 12);
    // a molar unit is never converted with another substance's factor
    expect(() => ucum('creatinine', 5, 'mmol/L')).toThrow(WrongDimensionError);
    expect(() => ucum('total_cholesterol', 75, 'umol/L')).toThrow(WrongDimensionError);
  });

  it('HbA1c: IFCC mmol/mol → NGSP % by the master equation 0.09148 × IFCC + 2.152', () => {
    expect(ucum('hba1c', 48, 'mmol/mol')).toBeCloseTo(6.54304, 10); // 0.09148 × 48 + 2.152
    expect(ucum('hba1c', 6.5, '%')).toBe(6.5);
    expect(hk('hba1c', 6.5, '%')).toBe(6.5); // NGSP percent is a percentage in both dialects
    expect(fromCanonical('hba1c', 6.54304, 'mmol/mol', 'ucum')).toBeCloseTo(48, 10);
  });

  it('environment and questionnaires', () => {
    expect(hk('relative_humidity', 0.45, '%')).toBeCloseTo(45, 12);
    expect(ucum('relative_humidity', 45, '%')).toBe(45);
    expect(ucum('ambient_temperature', 68, '[degF]')).toBeCloseTo(20, 10);
    expect(ucum('pm25', 0.012, 'mg/m3')).toBeCloseTo(12, 10);
    expect(ucum('phq9', 7, '{score}')).toBe(7);
    expect(() => ucum('phq9', 7, '1')).toThrow(WrongDimensionError);
  });

  it('fractions: HealthKit `%` is a fraction; UCUM `%` is percent; `1` is a fraction in both', () => {
    expect(hk('spo2', 0.97, '%')).toBeCloseTo(97, 12);
    expect(ucum('spo2', 97, '%')).toBe(97);
    expect(hk('spo2', 0.97, '1')).toBeCloseTo(97, 12);
    expect(ucum('spo2', 0.97, '1')).toBeCloseTo(97, 12);
    expect(hk('body_fat_percentage', 0.215, '%')).toBeCloseTo(21.5, 12);
    expect(fromCanonical('spo2', 97, '%', 'healthkit')).toBeCloseTo(0.97, 12);
    expect(fromCanonical('spo2', 97, '%', 'ucum')).toBe(97);
  });

  it('rates, durations, pressure, speed and the rest', () => {
    expect(hk('heart_rate', 72, 'count/min')).toBe(72);
    expect(ucum('heart_rate', 72, '{beats}/min')).toBe(72);
    expect(hk('heart_rate', 1.2, 'count/s')).toBeCloseTo(72, 12);
    expect(hk('respiratory_rate', 14, 'count/min')).toBe(14);
    expect(hk('hrv_sdnn', 0.045, 's')).toBeCloseTo(45, 12);
    expect(hk('hrv_sdnn', 45, 'ms')).toBe(45);
    expect(hk('exercise_time', 1, 'hr')).toBeCloseTo(60, 12);
    expect(ucum('exercise_time', 1, 'h')).toBeCloseTo(60, 12);
    expect(hk('stand_time', 1800, 's')).toBeCloseTo(30, 12);
    expect(hk('blood_pressure_systolic', 0.133322387415, 'kPa')).toBeCloseTo(1, 12); // 1 mmHg = 133.322387415 Pa
    expect(hk('blood_pressure_systolic', 16, 'kPa')).toBeCloseTo(120.009852135305, 9); // 16000 Pa / 133.322387415
    expect(hk('blood_pressure', 120, 'mmHg')).toBe(120);
    expect(hk('walking_speed', 3.6, 'km/hr')).toBeCloseTo(1, 12);
    expect(hk('walking_speed', 1, 'mi/hr')).toBeCloseTo(0.44704, 12); // 1609.344 / 3600
    expect(hk('walking_step_length', 30, 'in')).toBeCloseTo(76.2, 10);
    expect(hk('bmi', 22.5, 'count')).toBe(22.5); // HealthKit stores BMI with unit `count`
    expect(ucum('bmi', 22.5, 'kg/m2')).toBe(22.5);
    expect(hk('environmental_audio_exposure', 70.5, 'dBASPL')).toBe(70.5);
    expect(hk('vo2_max', 45.2, 'mL/min·kg')).toBe(45.2);
    expect(hk('steps', 1234, 'count')).toBe(1234);
    expect(ucum('steps', 1234, '1')).toBe(1234);
    expect(hk('sleep_stage', 1, 'hr')).toBeCloseTo(60, 12);
  });

  it('dimensions of a few types', () => {
    expect(dimensionOf('heart_rate')).toBe('frequency');
    expect(dimensionOf('blood_pressure')).toBe('pressure');
    expect(dimensionOf('steps')).toBe('count');
  });
});

describe('refusals: an unknown unit is an error, never a guess', () => {
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error('expected a refusal');
  };

  it('unknown unit names the unit and the type', () => {
    const e = refusal(() => hk('distance', 1, 'furlong'));
    expect(e).toBeInstanceOf(UnknownUnitError);
    expect(e).toBeInstanceOf(UnitConversionError);
    expect(e).toMatchObject({ code: 'unknown_unit', unit: 'furlong', typeId: 'distance' });
    expect((e as Error).message).toMatch(/"furlong".*distance/);
  });

  it('unit spellings are exact: case and whitespace matter (UCUM is case-sensitive)', () => {
    for (const unit of ['Kg', 'KG', ' kg', 'kg ', 'LB', 'lbs', 'kilograms', '']) {
      expect(() => hk('body_mass', 70, unit), unit).toThrow(UnknownUnitError);
    }
    expect(() => hk('body_temperature', 37, 'CEL')).toThrow(UnknownUnitError);
    expect(() => hk('hearing', 1, 'dBHL')).toThrow(UnknownObservationTypeError);
    expect(() => hk('environmental_audio_exposure', 20, 'dBHL')).toThrow(UnknownUnitError); // hearing level ≠ SPL
  });

  it('a unit of the wrong dimension is refused with both dimensions named', () => {
    const e = refusal(() => hk('heart_rate', 70, 'kg'));
    expect(e).toBeInstanceOf(WrongDimensionError);
    expect(e).toMatchObject({ code: 'wrong_dimension', unit: 'kg', typeId: 'heart_rate', expected: 'frequency', found: ['mass'] });
    expect((e as Error).message).toMatch(/"kg".*heart_rate/);
    expect(() => hk('body_mass', 50, '%')).toThrow(WrongDimensionError);
    expect(() => hk('body_mass', 5, 'mmol/L')).toThrow(WrongDimensionError);
    expect(() => hk('body_mass', 5, 'mmol<180.1558800000541>/L')).toThrow(WrongDimensionError);
    expect(() => hk('steps', 5, 'km')).toThrow(WrongDimensionError);
    expect(() => hk('hrv_sdnn', 45, 'count/min')).toThrow(WrongDimensionError);
    expect(() => hk('blood_glucose', 5, 'mmHg')).toThrow(WrongDimensionError);
    expect(() => hk('blood_pressure', 120, 'kcal')).toThrow(WrongDimensionError);
    expect(() => hk('distance', 5, 'min')).toThrow(WrongDimensionError);
  });

  it('a molar unit of another substance is not glucose', () => {
    const e = refusal(() => hk('blood_glucose', 5, 'mmol<58.44>/L'));
    expect(e).toBeInstanceOf(WrongDimensionError);
    expect((e as Error).message).toMatch(/molar mass 58\.44/);
    expect(() => hk('blood_glucose', 5, 'mmol<180.2>/L')).toThrow(WrongDimensionError);
    expect(hk('blood_glucose', 5, 'mmol<180.16>/L')).toBeCloseTo(90.08, 10); // within 0.01 g/mol of 180.156
  });

  it('HealthKit-only spellings are refused in the UCUM dialect when they would mean something else', () => {
    expect(() => ucum('bmi', 22.5, 'count')).toThrow(WrongDimensionError);
  });

  it('non-finite values and unknown types are refused', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(refusal(() => hk('heart_rate', v, 'count/min'))).toMatchObject({ code: 'invalid_value', typeId: 'heart_rate' });
      expect(refusal(() => ucum('heart_rate', v, '/min'))).toMatchObject({ code: 'invalid_value' });
    }
    expect(refusal(() => hk('pulse', 70, 'count/min'))).toMatchObject({ name: 'UnknownObservationTypeError', typeId: 'pulse' });
    expect(() => fromCanonical('body_mass', 70, 'stone', 'healthkit')).toThrow(UnknownUnitError);
  });
});

describe('properties', () => {
  const dialects: UnitDialect[] = ['healthkit', 'ucum'];
  /** Every (type, accepted spelling, dialect) triple. */
  const combos = OBSERVATION_TYPES.flatMap((t) =>
    dialects.flatMap((dialect) => acceptedUnits(dimensionOf(t.id), dialect).map((unit) => ({ type: t.id, unit, dialect }))),
  );
  const combo = fc.constantFrom(...combos);
  const value = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

  it('has combinations to test for every type', () => {
    expect(combos.length).toBeGreaterThan(OBSERVATION_TYPES.length * 2);
  });

  it('conversion then inverse is the identity within 1e-9 relative', () => {
    fc.assert(
      fc.property(combo, value, ({ type, unit, dialect }, x) => {
        const canonical = toCanonical(type, x, unit, dialect);
        return (
          close(fromCanonical(type, canonical, unit, dialect), x) &&
          close(toCanonical(type, fromCanonical(type, x, unit, dialect), unit, dialect), x)
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('conversion is strictly increasing', () => {
    fc.assert(
      fc.property(combo, value, value, ({ type, unit, dialect }, a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        fc.pre(hi - lo > 1e-6 * Math.max(1, Math.abs(lo), Math.abs(hi)));
        return toCanonical(type, lo, unit, dialect) < toCanonical(type, hi, unit, dialect);
      }),
      { numRuns: 2000 },
    );
  });

  it('the canonical unit converts to itself unchanged (UCUM dialect; and HealthKit dialect except `%`)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OBSERVATION_TYPES), fc.double({ noNaN: true, noDefaultInfinity: true }), (t, x) => {
        const same = Object.is(toCanonical(t.id, x, t.unit, 'ucum'), x) && Object.is(fromCanonical(t.id, x, t.unit, 'ucum'), x);
        return t.unit === '%' ? same : same && Object.is(toCanonical(t.id, x, t.unit, 'healthkit'), x);
      }),
      { numRuns: 2000 },
    );
  });

  it('HealthKit `%` and UCUM `%` differ by exactly the factor 100', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => close(hk('spo2', f, '%'), ucum('spo2', f * 100, '%'))));
  });

  it('glucose mmol/L → mg/dL → mmol/L round-trips and scales by 18.0156', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 150, noNaN: true }), (mmol) => {
        const mg = ucum('blood_glucose', mmol, 'mmol/L');
        return close(mg, mmol * 18.0156) && close(fromCanonical('blood_glucose', mg, 'mmol/L', 'ucum'), mmol);
      }),
    );
  });
});
