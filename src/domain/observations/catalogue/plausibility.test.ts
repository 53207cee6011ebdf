import { describe, expect, it } from 'vitest';
import { UnknownObservationTypeError, checkPlausible, toCanonical } from './index.js';

describe('checkPlausible', () => {
  it('accepts ordinary values, bounds included', () => {
    expect(checkPlausible('heart_rate', 62)).toEqual({ ok: true });
    expect(checkPlausible('spo2', 100)).toEqual({ ok: true });
    expect(checkPlausible('blood_pressure_systolic', 125)).toEqual({ ok: true });
    expect(checkPlausible('blood_pressure_diastolic', 82)).toEqual({ ok: true });
    expect(checkPlausible('body_mass', toCanonical('body_mass', 165, 'lb', 'healthkit'))).toEqual({ ok: true });
  });

  it('refuses impossible values and names the type and range', () => {
    const r = checkPlausible('body_temperature', 98.6); // Fahrenheit sent as Celsius
    expect(r).toMatchObject({ ok: false, typeId: 'body_temperature', value: 98.6, range: { min: 25, max: 45 } });
    expect(r.ok ? '' : r.reason).toMatch(/body_temperature 98\.6 Cel is outside the plausible range 25–45 Cel/);
    expect(checkPlausible('spo2', 0.97).ok).toBe(false); // a HealthKit fraction taken as percent
    expect(checkPlausible('heart_rate', -5).ok).toBe(false);
    expect(checkPlausible('steps', -1).ok).toBe(false);
    expect(checkPlausible('heart_rate', Number.NaN).ok).toBe(false);
  });

  it('types without a range (category, correlation) are ok; unknown types throw', () => {
    expect(checkPlausible('sleep_stage', 3)).toEqual({ ok: true });
    expect(checkPlausible('blood_pressure', 999)).toEqual({ ok: true }); // check the components instead
    expect(() => checkPlausible('pulse', 70)).toThrow(UnknownObservationTypeError);
  });
});
