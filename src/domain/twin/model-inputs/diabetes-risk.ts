/**
 * Diabetes risk scores of a snapshot, one implementation for the metabolic twin (scoring), the risk assessment and the
 * predictions: FINDRISC (Lindström & Tuomilehto 2003) and the ADA/CDC risk test (Bang et al. 2009). STRICT: both
 * library models score an unanswered item 0 points (assumed healthy), so each runs only with every item known, and
 * an abstention names the facts to state. Both predict or screen for diabetes in people without it, so they do not
 * run for a stated diagnosis or labs already in the ADA diabetes range (a diagnosis to confirm, not a risk).
 */
import { adaRiskTestModel, findriscModel } from '../../models/index.js';
import type { TwinFeatures } from '../twin-features.js';
import { missingReason, need, notRun, stated, type MissingInput, type ModelAnswer } from './answer.js';
import { active30MinDaily, activeWeekly, bmiOf, EXERCISE_NEED, glycemicCategory } from './derived-inputs.js';
import { runModel } from './model-run.js';

export type FindriscBand = 'low' | 'slightly_elevated' | 'moderate' | 'high' | 'very_high';
export const FINDRISC_BANDS: readonly FindriscBand[] = ['low', 'slightly_elevated', 'moderate', 'high', 'very_high'];

/**
 * The 10-year risk of type 2 diabetes the FINDRISC form prints for each band (Lindström & Tuomilehto 2003; Finnish
 * Diabetes Association form): 1 in 100, 1 in 25, 1 in 6, 1 in 3, 1 in 2.
 */
export const FINDRISC_TEN_YEAR_RISK: Readonly<Record<FindriscBand, number>> = {
  low: 1 / 100,
  slightly_elevated: 1 / 25,
  moderate: 1 / 6,
  high: 1 / 3,
  very_high: 1 / 2,
};

export interface DiabetesScore {
  /** `findrisc@1.0.0` or `ada-risk-test@1.0.0` */
  readonly model: string;
  readonly points: number;
  /** the models that fed it (BMI, glycemia) */
  readonly models: readonly string[];
  readonly warnings: readonly string[];
  /** how features were read as the form's items */
  readonly notes: readonly string[];
}

export interface FindriscRisk extends DiabetesScore {
  readonly band: FindriscBand;
  /** the band's published 10-year risk, 0-1 */
  readonly risk10y: number;
}

/** Why neither score applies (a diagnosis), or null. Age, sex and BMI the scores need are returned as missing. */
function applicability(f: TwinFeatures): { reason: string } | null {
  if (f.history.diabetes === true) return { reason: 'diabetes is already diagnosed: the diabetes risk scores do not apply' };
  if (glycemicCategory(f)?.value === 'diabetes')
    return { reason: 'latest HbA1c / fasting glucose is in the diabetes range (ADA): a diagnosis to confirm, not a risk to predict' };
  if (f.profile.age_years !== null && f.profile.age_years < 18) return { reason: 'the diabetes risk scores are for adults (18 or older)' };
  return null;
}

function baseMissing(f: TwinFeatures): MissingInput[] {
  const missing: MissingInput[] = [];
  need(missing, 'profile.age_years', f.profile.age_years, 'age');
  need(missing, 'profile.sex', f.profile.sex, 'sex');
  need(missing, 'profile.height_cm/weight_kg', bmiOf(f), 'height and a weight (BMI)');
  return missing;
}

/** FINDRISC's "ever found high blood glucose": stated, or known true from prediabetic labs; null otherwise. */
function highGlucoseEver(f: TwinFeatures): boolean | null {
  if (f.history.high_glucose_ever === true || glycemicCategory(f)?.value === 'prediabetes') return true;
  return f.history.high_glucose_ever;
}

export function findriscMissing(f: TwinFeatures): MissingInput[] {
  const missing = baseMissing(f);
  need(missing, 'profile.waist_cm', f.profile.waist_cm, 'a waist measurement (FINDRISC)');
  need(missing, 'days.exercise_minutes', active30MinDaily(f), `${EXERCISE_NEED} (FINDRISC: 30 minutes of activity daily)`);
  need(missing, 'history.veg_fruit_daily', f.history.veg_fruit_daily, stated('whether vegetables or fruit are eaten daily (FINDRISC)'));
  need(missing, 'history.bp_treated', f.history.bp_treated, stated('whether blood-pressure medication is taken'));
  need(missing, 'history.high_glucose_ever', highGlucoseEver(f), stated('whether high blood glucose was ever found (FINDRISC)'));
  need(missing, 'history.family_diabetes', f.history.family_diabetes, stated('diabetes in the family (FINDRISC)'));
  return missing;
}

/**
 * FINDRISC with every item known. Items: BP medication "ever" is read from current treatment; the activity item from
 * measured exercise minutes (the median recent day ≥ 30); "high glucose ever" is also true for prediabetic labs.
 */
export function findriscRisk(f: TwinFeatures): ModelAnswer<FindriscRisk> {
  const skip = applicability(f);
  if (skip) return notRun([], skip.reason);
  const missing = findriscMissing(f);
  if (missing.length > 0) return notRun(missing, missingReason('FINDRISC', missing));
  const bmi = bmiOf(f)!;
  const glycemia = glycemicCategory(f);
  const run = runModel(findriscModel, {
    age: f.profile.age_years!,
    sex: f.profile.sex!,
    bmi: bmi.value,
    waist_cm: f.profile.waist_cm!.value,
    active_30min_daily: active30MinDaily(f)!,
    veg_fruit_daily: f.history.veg_fruit_daily!,
    bp_meds_ever: f.history.bp_treated!,
    high_glucose_ever: highGlucoseEver(f)!,
    family: f.history.family_diabetes!,
  });
  if (!run.ok) return notRun([], `FINDRISC not applicable: ${run.reason}`);
  const band = run.outputs.band as FindriscBand;
  return {
    ok: true,
    value: {
      model: run.ref,
      points: run.outputs.points,
      band,
      risk10y: FINDRISC_TEN_YEAR_RISK[band],
      models: [bmi.model, ...(glycemia ? [glycemia.model] : [])],
      warnings: run.warnings,
      notes: [
        'FINDRISC: "30 min of activity daily" read from the measured exercise minutes (median recent day ≥ 30); "ever taken blood-pressure medication" from current treatment',
      ],
    },
  };
}

export function adaRiskTestMissing(f: TwinFeatures): MissingInput[] {
  const missing = baseMissing(f);
  if (f.profile.sex === 'female')
    need(
      missing,
      'history.gestational_diabetes',
      f.history.gestational_diabetes,
      stated('whether gestational diabetes was ever diagnosed'),
    );
  need(missing, 'history.family_diabetes', f.history.family_diabetes, stated('diabetes in parents or siblings'));
  need(missing, 'history.bp_treated', f.history.bp_treated, stated('whether high blood pressure is treated'));
  need(missing, 'days.exercise_minutes', activeWeekly(f), `${EXERCISE_NEED} (ADA: physically active)`);
  return missing;
}

/** The ADA/CDC risk test with every item known: "active" = ≥ 150 measured exercise minutes a week; "high blood pressure" = treated. */
export function adaRiskTest(f: TwinFeatures): ModelAnswer<DiabetesScore> {
  const skip = applicability(f);
  if (skip) return notRun([], skip.reason);
  const missing = adaRiskTestMissing(f);
  if (missing.length > 0) return notRun(missing, missingReason('the ADA risk test', missing));
  const bmi = bmiOf(f)!;
  const sex = f.profile.sex!;
  const run = runModel(adaRiskTestModel, {
    age: f.profile.age_years!,
    sex,
    bmi: bmi.value,
    ...(sex === 'female' ? { gdm: f.history.gestational_diabetes! } : {}),
    family: f.history.family_diabetes === 'first_degree',
    htn: f.history.bp_treated!,
    active: activeWeekly(f)!,
  });
  if (!run.ok) return notRun([], `ADA risk test not applicable: ${run.reason}`);
  return {
    ok: true,
    value: {
      model: run.ref,
      points: run.outputs.points,
      models: [bmi.model],
      warnings: run.warnings,
      notes: [
        'ADA risk test: "physically active" = ≥ 150 measured exercise minutes a week (WHO 2020); "high blood pressure" = treated hypertension',
      ],
    },
  };
}
