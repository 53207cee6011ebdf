/**
 * The 10-year cardiovascular risk of a snapshot, one implementation for the cardiac twin (scoring), the risk
 * assessment and the predictions: AHA PREVENT (Khan et al. 2024) first, else the Pooled Cohort Equations (Goff et al.
 * 2013). STRICT: every risk factor must be stated. The library calculators take an unstated yes/no factor as "no",
 * which assumes the person healthy; here an unstated factor means the equation does not run, and the answer names the
 * facts to state. PCE needs race (no default to the white equations). Outside a model's validated range it abstains.
 */
import { ascvdRiskCategoryModel, pce2013Model, prevent2023Model } from '../../models/index.js';
import type { Race, Sex, TwinFeatures } from '../twin-features.js';
import { missingReason, need, notRun, stated, type MissingInput, type ModelAnswer } from './answer.js';
import { bmiOf, egfrOf } from './derived-inputs.js';
import { runModel } from './model-run.js';

export type CardiacEquation = 'PREVENT' | 'Pooled Cohort Equations';

export interface CardiacTenYearRisk {
  readonly equation: CardiacEquation;
  /** `prevent-2023@1.0.0` or `pce-2013@1.0.0` */
  readonly model: string;
  /** what the probability is of */
  readonly outcome: string;
  /** 10-year probability of a first ASCVD event, 0-1 (PREVENT's ASCVD equation; PCE's hard ASCVD) */
  readonly risk10y: number;
  /** 2018/2019 ACC/AHA category of that risk (library `ascvd-risk-category`); null if the model refused it */
  readonly category: string | null;
  /** PREVENT's 10-year heart-failure probability; null when PCE ran (it has no HF equation) */
  readonly heartFailure10y: number | null;
  /** why PREVENT did not run when PCE did: the facts it lacks, or the range it was outside */
  readonly preventUnavailable: { readonly missing: readonly MissingInput[]; readonly reason: string } | null;
  /** the equation's group (for its published discrimination): sex, and race for PCE */
  readonly sex: Sex;
  readonly race: Race | null;
  /** feature paths the equation read */
  readonly inputs: readonly string[];
  /** `model-id@version` of every model used: the equation, then eGFR, BMI and the category */
  readonly models: readonly string[];
  readonly warnings: readonly string[];
}

const COMMON_INPUTS = [
  'profile.age_years',
  'profile.sex',
  'labs.total_chol_mgdl',
  'labs.hdl_mgdl',
  'blood_pressure',
  'history.bp_treated',
  'history.smoker',
  'history.diabetes',
];

/** Inputs both equations need. */
function commonMissing(f: TwinFeatures): MissingInput[] {
  const missing: MissingInput[] = [];
  need(missing, 'profile.age_years', f.profile.age_years, 'age');
  need(missing, 'profile.sex', f.profile.sex, 'sex');
  need(missing, 'labs.total_chol_mgdl', f.labs.total_chol_mgdl, 'a total cholesterol result');
  need(missing, 'labs.hdl_mgdl', f.labs.hdl_mgdl, 'an HDL cholesterol result');
  need(missing, 'blood_pressure', f.blood_pressure, 'blood-pressure readings in the last 30 days');
  need(missing, 'history.bp_treated', f.history.bp_treated, stated('whether blood-pressure medication is taken'));
  need(missing, 'history.smoker', f.history.smoker, stated('smoking status'));
  need(missing, 'history.diabetes', f.history.diabetes, stated('whether diabetes has been diagnosed'));
  return missing;
}

/** Inputs PREVENT needs beyond the common ones. */
function preventMissing(f: TwinFeatures): MissingInput[] {
  const missing: MissingInput[] = [];
  need(missing, 'history.statin', f.history.statin, stated('whether a statin is taken (PREVENT)'));
  need(missing, 'labs.creatinine_mgdl', f.labs.creatinine_mgdl, 'a creatinine result, for eGFR (PREVENT)');
  need(missing, 'profile.height_cm', f.profile.height_cm, 'height, for BMI (PREVENT)');
  need(missing, 'profile.weight_kg', f.profile.weight_kg, 'a weight, for BMI (PREVENT)');
  return missing;
}

const RACE_NEED: MissingInput = {
  input: 'history.race',
  need: stated('race: the Pooled Cohort Equations, used when PREVENT cannot run, are race-specific'),
};

function categoryOf(riskPercent: number): { category: string | null; ref: string } {
  const run = runModel(ascvdRiskCategoryModel, { risk10y_percent: Math.min(100, Math.max(0, riskPercent)) });
  return { category: run.ok ? run.outputs.category : null, ref: run.ref };
}

/** The inputs both equations take, read once the common inputs are known to be present. */
function equationInputs(f: TwinFeatures) {
  const h = f.history;
  return {
    age: f.profile.age_years!,
    sex: f.profile.sex!,
    total_chol_mgdl: f.labs.total_chol_mgdl!.value,
    hdl_mgdl: f.labs.hdl_mgdl!.value,
    sbp_mmhg: f.blood_pressure!.sbp_mmhg,
    bp_treated: h.bp_treated!,
    smoker: h.smoker!,
    diabetes: h.diabetes!,
  };
}

type Attempt =
  | { readonly ok: true; readonly value: CardiacTenYearRisk }
  | { readonly ok: false; readonly missing: MissingInput[]; readonly reason: string };

/** Every input present: the common ones are checked by the caller. */
function tryPrevent(f: TwinFeatures): Attempt {
  const missing = preventMissing(f);
  if (missing.length > 0) return { ok: false, missing, reason: missingReason('PREVENT', missing) };
  const egfr = egfrOf(f);
  const bmi = bmiOf(f);
  if (egfr === null || bmi === null) {
    return { ok: false, missing: [], reason: `PREVENT not used: ${egfr === null ? 'eGFR' : 'BMI'} could not be computed from the data` };
  }
  const run = runModel(prevent2023Model, { ...equationInputs(f), statin: f.history.statin!, egfr: egfr.value, bmi: bmi.value });
  if (!run.ok) return { ok: false, missing: [], reason: `PREVENT not applicable: ${run.reason}` };
  const { category, ref } = categoryOf(100 * run.outputs.risk10y_ascvd);
  return {
    ok: true,
    value: {
      equation: 'PREVENT',
      model: run.ref,
      outcome: '10-year first ASCVD event (PREVENT base model)',
      risk10y: run.outputs.risk10y_ascvd,
      category,
      heartFailure10y: run.outputs.risk10y_heart_failure,
      preventUnavailable: null,
      sex: f.profile.sex!,
      race: null,
      inputs: [...COMMON_INPUTS, 'history.statin', 'labs.creatinine_mgdl', 'profile.height_cm', 'profile.weight_kg'],
      models: [run.ref, egfr.model, bmi.model, ref],
      warnings: [...egfr.warnings, ...bmi.warnings, ...run.warnings],
    },
  };
}

function tryPce(f: TwinFeatures, prevent: { missing: MissingInput[]; reason: string }): Attempt {
  const race = f.history.race;
  if (race === null) {
    const missing = [...prevent.missing, RACE_NEED];
    return { ok: false, missing, reason: `${prevent.reason}; the Pooled Cohort Equations need race (history.race)` };
  }
  const run = runModel(pce2013Model, { ...equationInputs(f), race });
  if (!run.ok || !run.outputs.valid) {
    const why = run.ok ? run.warnings.filter((w) => w.includes('outside')).join('; ') : run.reason;
    return {
      ok: false,
      missing: prevent.missing,
      reason: `${prevent.reason}; the Pooled Cohort Equations were not used, outside the range they were validated in (${why}): no extrapolated risk`,
    };
  }
  const { category, ref } = categoryOf(run.outputs.risk10y_percent);
  return {
    ok: true,
    value: {
      equation: 'Pooled Cohort Equations',
      model: run.ref,
      outcome: '10-year first hard ASCVD event (Pooled Cohort Equations)',
      risk10y: run.outputs.risk10y_percent / 100,
      category,
      heartFailure10y: null,
      preventUnavailable: prevent,
      sex: f.profile.sex!,
      race,
      inputs: [...COMMON_INPUTS, 'history.race'],
      models: [run.ref, ref],
      warnings: [`${prevent.reason}: the Pooled Cohort Equations were used`, ...run.warnings],
    },
  };
}

/**
 * PREVENT when its inputs are stated and inside its validated ranges (ages 30-79, eGFR 15-140, BMI 18.5-39.9, …),
 * else PCE when race is stated and the inputs are inside its validated ranges (ages 40-79, TC 130-320, HDL 20-100,
 * SBP 90-200), else an abstention naming what to state or measure.
 */
export function cardiacTenYearRisk(f: TwinFeatures): ModelAnswer<CardiacTenYearRisk> {
  const common = commonMissing(f);
  if (common.length > 0) {
    const alternatives = preventMissing(f);
    const missing = [...common, ...alternatives, ...(alternatives.length > 0 && f.history.race === null ? [RACE_NEED] : [])];
    return notRun(missing, missingReason('the 10-year cardiovascular equations (PREVENT, else the Pooled Cohort Equations)', missing));
  }
  const prevent = tryPrevent(f);
  if (prevent.ok) return prevent;
  const pce = tryPce(f, prevent);
  return pce.ok ? pce : notRun(pce.missing, pce.reason);
}
