/** Metabolic twin. Expected numbers derived by hand from the ladders and curves in metabolic.twin.ts (docs/models.md § metabolic). */
import { describe, expect, it } from 'vitest';
import { dated, daySeries, emptyFeatures, withFacts, type FeatureFacts } from '../testing/feature-factory.js';
import { scoringContext } from './context.js';
import { scoreMetabolic } from './metabolic.twin.js';

const asOf = '2026-06-30T12:00:00Z';
const person: FeatureFacts = {
  profile: { age_years: 45, sex: 'male', height_cm: 180, weight_kg: dated(72.9, asOf), waist_cm: dated(90, asOf) },
  history: {
    smoker: false,
    diabetes: false,
    bp_treated: false,
    family_diabetes: 'second_degree',
    high_glucose_ever: false,
    veg_fruit_daily: true,
  },
  labs: {
    hba1c_percent: dated(5.9, asOf),
    ldl_mgdl: dated(135, asOf),
    total_chol_mgdl: dated(210, asOf),
    hdl_mgdl: dated(45, asOf),
    triglycerides_mgdl: dated(140, asOf),
  },
  blood_pressure: { sbp_mmhg: 132, dbp_mmhg: 84, readings: 5, latest_at: asOf },
  days: daySeries(asOf, 8, () => ({ exercise_minutes: 40 })),
};
const score = (facts: FeatureFacts) => scoreMetabolic(scoringContext(withFacts(emptyFeatures(asOf), facts)));
const sub = (s: ReturnType<typeof scoreMetabolic>, id: string) => s.components.find((c) => c.id === id)?.sub_score;

describe('metabolic twin', () => {
  it('scores every component by hand', () => {
    const s = score(person);
    // FINDRISC: age 45-54 → 2, BMI 22.5 → 0, waist 90 (< 94) → 0, active (median day 40 min) → 0, veg daily → 0,
    // no BP meds → 0, high glucose ever → 5 (stated "no", but the HbA1c of 5.9 % is a high-glucose finding),
    // second-degree family → 3: 10 points → slightly elevated (7-11) → 75
    expect(s.components[0]).toMatchObject({ id: 'diabetes_risk', value: 10, sub_score: 75, model: 'findrisc@1.0.0' });
    expect(sub(s, 'glycemia')).toBe(50); // HbA1c 5.9 → prediabetes, middle of 3
    expect(sub(s, 'lipids')).toBe(62.5); // LDL 135 → 50 (3rd of 5), TC 210 → 50, HDL 45 → 50, TG 140 → 100: mean 62.5
    expect(sub(s, 'blood_pressure')).toBe(50); // 132/84 → stage 1, 3rd of 5
    expect(sub(s, 'weekly_activity')).toBe(93.3); // 40 × 7 = 280 min: 50 + 50·130/150
    expect(sub(s, 'bmi')).toBe(100); // 72.9 / 1.8² = 22.5 → normal → "average" risk
    // (20·75 + 20·50 + 15·62.5 + 15·100 + 15·50 + 15·93.3) / 100 = 7087 / 100 = 70.87 → 71
    expect(s.score).toBe(71);
    expect(s.models).toEqual(
      expect.arrayContaining(['findrisc@1.0.0', 'glycemia@1.0.0', 'lipids@1.0.0', 'blood-pressure@1.0.0', 'bmi@1.0.0']),
    );
    expect(s.data_sufficiency.coverage).toBe(1);
  });

  it('uses the ADA risk test when FINDRISC lacks an item (no waist): 2 points → 80', () => {
    const s = score({ ...person, profile: { ...person.profile, waist_cm: null } });
    // age 40-49 → 1, male → 1, BMI < 25 → 0, no parent/sibling (second degree only) → 0, no hypertension → 0, active → 0
    expect(s.components[0]).toMatchObject({ id: 'diabetes_risk', value: 2, sub_score: 80, model: 'ada-risk-test@1.0.0' });
  });

  it('with normal labs a stated "no high glucose" stands: 5 points → low → 100', () => {
    const s = score({ ...person, labs: { ...person.labs, hba1c_percent: dated(5.4, asOf) } });
    expect(s.components[0]).toMatchObject({ id: 'diabetes_risk', value: 5, sub_score: 100, model: 'findrisc@1.0.0' });
  });

  it('never lets an unanswered item count as healthy: no diabetes-risk component without every item', () => {
    const s = score({ ...person, profile: { ...person.profile, waist_cm: null }, history: { ...person.history, family_diabetes: null } });
    expect(s.components.find((c) => c.id === 'diabetes_risk')).toBeUndefined();
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(expect.arrayContaining(['profile.waist_cm', 'history.family_diabetes']));
    expect(s.score).not.toBeNull(); // the other five still make a score
  });

  it('skips the diabetes risk scores for a person with diagnosed diabetes', () => {
    const s = score({ ...person, history: { ...person.history, diabetes: true } });
    expect(s.components.map((c) => c.id)).not.toContain('diabetes_risk');
    expect(s.notes.join(' ')).toContain('already diagnosed');
  });

  it('abstains with fewer than two components', () => {
    const s = score({ blood_pressure: person.blood_pressure });
    expect(s).toMatchObject({ score: null, status: 'insufficient_data', components: [] });
    expect(s.data_sufficiency.present).toEqual(['blood_pressure']);
    expect(s.data_sufficiency.missing.map((m) => m.input)).toEqual(
      expect.arrayContaining(['labs.hba1c_percent', 'labs.total_chol_mgdl', 'days.exercise_minutes']),
    );
  });
});
