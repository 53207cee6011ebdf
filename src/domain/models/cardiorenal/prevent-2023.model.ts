import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';
import { PREVENT_BASE, type PreventCoefficients, type PreventHorizon, type PreventOutcome, type PreventSex } from './prevent-2023.coefficients.js';

/** mg/dL → mmol/L for cholesterol, the factor the PREVENT supplement uses (Table S12 footnotes). */
export const CHOL_MGDL_TO_MMOLL = 0.02586;

/**
 * The ranges the PREVENT equations were developed and validated in (Khan et al. 2024, Methods and Table 1
 * footnotes; the AHA PREVENT online calculator accepts exactly these). The source does not compute outside them
 * (the AHA calculator refuses the input, the reference R package `preventr` returns NA), so neither do we: an
 * input outside its range is a 422 naming the field, both through the schema and, for direct callers such as the
 * twin engine, through `ModelInputError` in `compute`.
 * BMI: the derivation excluded BMI ≥ 40 kg/m² (the AHA calculator's "18.5–39.9"); we take [18.5, 40).
 */
const RANGES = {
  age: { min: 30, max: 79, unit: 'years' },
  total_chol_mgdl: { min: 130, max: 320, unit: 'mg/dL' },
  hdl_mgdl: { min: 20, max: 100, unit: 'mg/dL' },
  sbp_mmhg: { min: 90, max: 200, unit: 'mmHg' },
  egfr: { min: 15, max: 140, unit: 'mL/min/1.73 m²' },
  bmi: { min: 18.5, below: 40, unit: 'kg/m²' },
} as const;

/** 30-year equations were developed in adults aged 30–59 (Khan et al. 2024, Methods). */
const AGE_MAX_30Y = 59;

const inputSchema = Type.Object(
  {
    age: Type.Number({ minimum: RANGES.age.min, maximum: RANGES.age.max, description: 'years (validated 30–79; 30-year risks 30–59)' }),
    sex: Type.Union([Type.Literal('female'), Type.Literal('male')]),
    total_chol_mgdl: Type.Number({ minimum: RANGES.total_chol_mgdl.min, maximum: RANGES.total_chol_mgdl.max, description: 'total cholesterol, mg/dL' }),
    hdl_mgdl: Type.Number({ minimum: RANGES.hdl_mgdl.min, maximum: RANGES.hdl_mgdl.max, description: 'HDL cholesterol, mg/dL' }),
    sbp_mmhg: Type.Number({ minimum: RANGES.sbp_mmhg.min, maximum: RANGES.sbp_mmhg.max, description: 'systolic blood pressure, mmHg' }),
    bp_treated: Type.Boolean({ description: 'on antihypertensive medication' }),
    statin: Type.Boolean({ description: 'on a statin' }),
    diabetes: Type.Boolean(),
    smoker: Type.Boolean({ description: 'current smoker (cigarettes within the last 30 days)' }),
    egfr: Type.Number({ minimum: RANGES.egfr.min, maximum: RANGES.egfr.max, description: 'mL/min/1.73 m², CKD-EPI 2021 creatinine equation' }),
    bmi: Type.Number({ minimum: RANGES.bmi.min, exclusiveMaximum: RANGES.bmi.below, description: 'kg/m²' }),
  },
  { additionalProperties: false },
);

const Risk = (what: string) => Type.Number({ minimum: 0, maximum: 1, description: `${what}, proportion 0–1, unrounded` });
const Unavailable = (what: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: `${what}; null: equation not implemented (see warnings)` });

const outputSchema = Type.Object({
  risk10y_total_cvd: Risk('10-year total CVD risk'),
  risk10y_ascvd: Risk('10-year ASCVD risk'),
  risk10y_heart_failure: Risk('10-year heart-failure risk'),
  risk10y_chd: Unavailable('10-year CHD risk'),
  risk10y_stroke: Unavailable('10-year stroke risk'),
  risk30y_total_cvd: Risk('30-year total CVD risk'),
  risk30y_ascvd: Risk('30-year ASCVD risk'),
  risk30y_heart_failure: Risk('30-year heart-failure risk'),
  risk30y_chd: Unavailable('30-year CHD risk'),
  risk30y_stroke: Unavailable('30-year stroke risk'),
});

export interface PreventInput {
  age: number;
  sex: PreventSex;
  total_chol_mgdl: number;
  hdl_mgdl: number;
  sbp_mmhg: number;
  bp_treated: boolean;
  statin: boolean;
  diabetes: boolean;
  smoker: boolean;
  egfr: number;
  bmi: number;
}

/** The predictors as the supplement centres and scales them (Table S12 row labels). */
interface PreventTerms {
  age: number;
  nonHdl: number;
  hdl: number;
  sbpLow: number;
  sbpHigh: number;
  bmiLow: number;
  bmiHigh: number;
  egfrLow: number;
  egfrHigh: number;
  diabetes: number;
  smoker: number;
  bpTreated: number;
  statin: number;
}

const terms = (x: PreventInput): PreventTerms => ({
  age: (x.age - 55) / 10,
  nonHdl: (x.total_chol_mgdl - x.hdl_mgdl) * CHOL_MGDL_TO_MMOLL - 3.5,
  hdl: (x.hdl_mgdl * CHOL_MGDL_TO_MMOLL - 1.3) / 0.3,
  sbpLow: (Math.min(x.sbp_mmhg, 110) - 110) / 20,
  sbpHigh: (Math.max(x.sbp_mmhg, 110) - 130) / 20,
  bmiLow: (Math.min(x.bmi, 30) - 25) / 5,
  bmiHigh: (Math.max(x.bmi, 30) - 30) / 5,
  egfrLow: (Math.min(x.egfr, 60) - 60) / -15,
  egfrHigh: (Math.max(x.egfr, 60) - 90) / -15,
  diabetes: x.diabetes ? 1 : 0,
  smoker: x.smoker ? 1 : 0,
  bpTreated: x.bp_treated ? 1 : 0,
  statin: x.statin ? 1 : 0,
});

/** Log-odds of one equation; coefficients a model does not have count as 0. */
const logOdds = (b: PreventCoefficients, t: PreventTerms): number =>
  b.constant +
  b.age * t.age +
  (b.ageSquared ?? 0) * t.age * t.age +
  (b.nonHdl ?? 0) * t.nonHdl +
  (b.hdl ?? 0) * t.hdl +
  b.sbpLow * t.sbpLow +
  b.sbpHigh * t.sbpHigh +
  b.diabetes * t.diabetes +
  b.smoker * t.smoker +
  (b.bmiLow ?? 0) * t.bmiLow +
  (b.bmiHigh ?? 0) * t.bmiHigh +
  b.egfrLow * t.egfrLow +
  b.egfrHigh * t.egfrHigh +
  b.bpTreated * t.bpTreated +
  (b.statin ?? 0) * t.statin +
  b.bpTreatedSbpHigh * t.bpTreated * t.sbpHigh +
  (b.statinNonHdl ?? 0) * t.statin * t.nonHdl +
  (b.ageNonHdl ?? 0) * t.age * t.nonHdl +
  (b.ageHdl ?? 0) * t.age * t.hdl +
  b.ageSbpHigh * t.age * t.sbpHigh +
  b.ageDiabetes * t.age * t.diabetes +
  b.ageSmoker * t.age * t.smoker +
  (b.ageBmiHigh ?? 0) * t.age * t.bmiHigh +
  b.ageEgfrLow * t.age * t.egfrLow;

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** One PREVENT base-model risk (proportion 0–1), unrounded. Exported for the twin engine and tests. */
export const preventRisk = (input: PreventInput, outcome: PreventOutcome, horizon: PreventHorizon): number =>
  logistic(logOdds(PREVENT_BASE[horizon][outcome][input.sex], terms(input)));

const checkRanges = (x: PreventInput): void => {
  for (const [field, r] of Object.entries(RANGES)) {
    const value = x[field as keyof typeof RANGES];
    const upperOk = 'below' in r ? value < r.below : value <= r.max;
    if (!(value >= r.min && upperOk)) {
      const upper = 'below' in r ? `below ${r.below}` : `to ${r.max}`;
      throw new ModelInputError(field, `${field} = ${value} is outside the range PREVENT was validated in (${r.min} ${upper} ${r.unit})`);
    }
  }
};

export const prevent2023Model = defineModel({
  id: 'prevent-2023',
  version: '1.0.0',
  title: 'AHA PREVENT base model: 10- and 30-year total CVD, ASCVD and heart-failure risk',
  citation:
    'Khan SS, Matsushita K, Sang Y, et al. Development and Validation of the American Heart Association’s PREVENT Equations. ' +
    'Circulation. 2024;149(6):430–449. doi:10.1161/CIRCULATIONAHA.123.067626 (base model, Supplemental Table S12; worked example Table S25).',
  inputSchema,
  outputSchema,
  compute(input) {
    checkRanges(input);
    const warnings: string[] = [
      'CHD and stroke risks are not computed (null): their PREVENT equations are published only in the supplement workbook and could not be verified.',
    ];
    if (input.age > AGE_MAX_30Y) {
      warnings.push(`30-year risks were developed for ages 30–59; at age ${input.age} they are extrapolated (the AHA calculator does not report them)`);
    }
    return {
      outputs: {
        risk10y_total_cvd: preventRisk(input, 'total_cvd', '10y'),
        risk10y_ascvd: preventRisk(input, 'ascvd', '10y'),
        risk10y_heart_failure: preventRisk(input, 'heart_failure', '10y'),
        risk10y_chd: null,
        risk10y_stroke: null,
        risk30y_total_cvd: preventRisk(input, 'total_cvd', '30y'),
        risk30y_ascvd: preventRisk(input, 'ascvd', '30y'),
        risk30y_heart_failure: preventRisk(input, 'heart_failure', '30y'),
        risk30y_chd: null,
        risk30y_stroke: null,
      },
      warnings,
    };
  },
});
