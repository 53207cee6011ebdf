import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { labAndVitalSchemas, rangeWarnings, resolveRiskFactors, riskFactorSchemas, type ValidatedRange } from './inputs.js';

/**
 * One race-sex equation of Goff et al. 2013, Table A: coefficients on ln(age), ln(age)², ln(TC), ln(age)×ln(TC),
 * ln(HDL), ln(age)×ln(HDL), ln(SBP) treated or untreated (each with its age interaction), smoker, ln(age)×smoker,
 * diabetes; the baseline 10-year survival S10 and the mean of Σβx in the derivation cohort.
 *
 * The coefficients are Table A's. S10, the means and the African-American women's coefficients carry the extra
 * digits of the ACC/AHA Pooled Cohort Equations spreadsheet, the values the ACC/AHA online estimator and the
 * PooledCohort R package use; Table A prints them rounded (e.g. S10 0.9533 and mean 86.61 for African-American
 * women). The two agree to the digits Table A prints; results differ by < 0.1 percentage point in the usual range.
 */
interface PceEquation {
  lnAge: number;
  lnAge2: number;
  lnTc: number;
  lnAgeLnTc: number;
  lnHdl: number;
  lnAgeLnHdl: number;
  lnSbpTreated: number;
  lnAgeLnSbpTreated: number;
  lnSbpUntreated: number;
  lnAgeLnSbpUntreated: number;
  smoker: number;
  lnAgeSmoker: number;
  diabetes: number;
  baselineSurvival10y: number;
  meanSum: number;
}

const EQUATIONS: Record<'white_female' | 'african_american_female' | 'white_male' | 'african_american_male', PceEquation> = {
  white_female: {
    lnAge: -29.799,
    lnAge2: 4.884,
    lnTc: 13.54,
    lnAgeLnTc: -3.114,
    lnHdl: -13.578,
    lnAgeLnHdl: 3.149,
    lnSbpTreated: 2.019,
    lnAgeLnSbpTreated: 0,
    lnSbpUntreated: 1.957,
    lnAgeLnSbpUntreated: 0,
    smoker: 7.574,
    lnAgeSmoker: -1.665,
    diabetes: 0.661,
    baselineSurvival10y: 0.96652,
    meanSum: -29.1817,
  },
  african_american_female: {
    lnAge: 17.1141,
    lnAge2: 0,
    lnTc: 0.9396,
    lnAgeLnTc: 0,
    lnHdl: -18.9196,
    lnAgeLnHdl: 4.4748,
    lnSbpTreated: 29.2907,
    lnAgeLnSbpTreated: -6.4321,
    lnSbpUntreated: 27.8197,
    lnAgeLnSbpUntreated: -6.0873,
    smoker: 0.6908,
    lnAgeSmoker: 0,
    diabetes: 0.8738,
    baselineSurvival10y: 0.95334,
    meanSum: 86.6081,
  },
  white_male: {
    lnAge: 12.344,
    lnAge2: 0,
    lnTc: 11.853,
    lnAgeLnTc: -2.664,
    lnHdl: -7.99,
    lnAgeLnHdl: 1.769,
    lnSbpTreated: 1.797,
    lnAgeLnSbpTreated: 0,
    lnSbpUntreated: 1.764,
    lnAgeLnSbpUntreated: 0,
    smoker: 7.837,
    lnAgeSmoker: -1.795,
    diabetes: 0.658,
    baselineSurvival10y: 0.91436,
    meanSum: 61.1816,
  },
  african_american_male: {
    lnAge: 2.469,
    lnAge2: 0,
    lnTc: 0.302,
    lnAgeLnTc: 0,
    lnHdl: -0.307,
    lnAgeLnHdl: 0,
    lnSbpTreated: 1.916,
    lnAgeLnSbpTreated: 0,
    lnSbpUntreated: 1.809,
    lnAgeLnSbpUntreated: 0,
    smoker: 0.549,
    lnAgeSmoker: 0,
    diabetes: 0.645,
    baselineSurvival10y: 0.89536,
    meanSum: 19.5425,
  },
};

/**
 * Where the equations were validated: ages 40-79 (Goff et al. 2013); the lipid and blood-pressure bounds are those
 * of the ACC/AHA risk estimator built on the same equations (total cholesterol 130-320, HDL 20-100, SBP 90-200).
 */
export const PCE_VALIDATED_RANGES: readonly ValidatedRange[] = [
  { field: 'age', min: 40, max: 79, unit: 'years' },
  { field: 'total_chol_mgdl', min: 130, max: 320, unit: 'mg/dL' },
  { field: 'hdl_mgdl', min: 20, max: 100, unit: 'mg/dL' },
  { field: 'sbp_mmhg', min: 90, max: 200, unit: 'mmHg' },
];

export const pceInputSchema = Type.Object(
  {
    age: labAndVitalSchemas.age,
    sex: labAndVitalSchemas.sex,
    race: Type.Enum(['white', 'african_american', 'other'], { description: '"other" uses the white equations, as the guideline directs' }),
    total_chol_mgdl: labAndVitalSchemas.total_chol_mgdl,
    hdl_mgdl: labAndVitalSchemas.hdl_mgdl,
    sbp_mmhg: labAndVitalSchemas.sbp_mmhg,
    ...riskFactorSchemas,
  },
  { additionalProperties: false },
);

export const pce2013Model = defineModel({
  id: 'pce-2013',
  version: '1.0.0',
  title: 'Pooled Cohort Equations (2013 ACC/AHA): 10-year risk of a first hard ASCVD event',
  citation:
    'Goff DC Jr, Lloyd-Jones DM, Bennett G, et al. 2013 ACC/AHA guideline on the assessment of cardiovascular risk. ' +
    'Circulation 2014;129(25 Suppl 2):S49-S73, doi:10.1161/01.cir.0000437741.48606.98; J Am Coll Cardiol 2014;63(25 Pt B):2935-2959, doi:10.1016/j.jacc.2013.11.005 ' +
    '(Pooled Cohort Equations, Table A: sex- and race-specific equations, risk = 1 - S10^exp(Σβx - mean Σβx); validated for ages 40-79; ' +
    'races other than white or African American use the white equations).',
  inputSchema: pceInputSchema,
  outputSchema: Type.Object({
    risk10y_percent: Type.Number({ minimum: 0, maximum: 100, description: '10-year risk of nonfatal MI, CHD death or fatal/nonfatal stroke, %, unrounded' }),
    individual_sum: Type.Number({ description: 'Σβx, the "individual sum" of Table A (before subtracting the group mean)' }),
    valid: Type.Boolean({ description: 'every input inside the validated ranges (age 40-79, TC 130-320, HDL 20-100, SBP 90-200)' }),
  }),
  compute(input) {
    const { age, sex, race, total_chol_mgdl, hdl_mgdl, sbp_mmhg } = input;
    const factors = resolveRiskFactors(input);
    const eq = EQUATIONS[`${race === 'african_american' ? 'african_american' : 'white'}_${sex}`];
    const lnAge = Math.log(age);
    const lnTc = Math.log(total_chol_mgdl);
    const lnHdl = Math.log(hdl_mgdl);
    const lnSbp = Math.log(sbp_mmhg);
    const sbpTerm = factors.bpTreated
      ? (eq.lnSbpTreated + eq.lnAgeLnSbpTreated * lnAge) * lnSbp
      : (eq.lnSbpUntreated + eq.lnAgeLnSbpUntreated * lnAge) * lnSbp;
    const individual_sum =
      eq.lnAge * lnAge +
      eq.lnAge2 * lnAge * lnAge +
      (eq.lnTc + eq.lnAgeLnTc * lnAge) * lnTc +
      (eq.lnHdl + eq.lnAgeLnHdl * lnAge) * lnHdl +
      sbpTerm +
      (factors.smoker ? eq.smoker + eq.lnAgeSmoker * lnAge : 0) +
      (factors.diabetes ? eq.diabetes : 0);
    const risk10y_percent = 100 * (1 - Math.pow(eq.baselineSurvival10y, Math.exp(individual_sum - eq.meanSum)));
    const outOfRange = rangeWarnings({ age, total_chol_mgdl, hdl_mgdl, sbp_mmhg }, PCE_VALIDATED_RANGES, 'Pooled Cohort Equations');
    const warnings = [...outOfRange, ...factors.warnings];
    if (race === 'other') warnings.push('race "other": computed with the white equations, which may over- or underestimate risk in other groups');
    return { outputs: { risk10y_percent, individual_sum, valid: outOfRange.length === 0 }, warnings };
  },
});
