import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { rangeWarnings, resolveRiskFactors } from './inputs.js';
import { PCE_VALIDATED_RANGES, pceInputSchema } from './pce-2013.model.js';

/**
 * Yadlowsky et al. 2018, revised Pooled Cohort Equations: one logistic model per sex,
 * 10-year risk = 1 / (1 + exp(-x)), with x linear in age, SBP, SBP², treatment, diabetes, smoking, TC/HDL ratio,
 * a black-race indicator and their listed interactions (the paper's supplement; same values in PooledCohort).
 */
interface RevisedEquation {
  intercept: number;
  age: number;
  black: number;
  sbp2: number;
  sbp: number;
  bpTreated: number;
  diabetes: number;
  smoker: number;
  cholRatio: number;
  ageBlack: number;
  sbpBpTreated: number;
  sbpBlack: number;
  blackBpTreated: number;
  ageSbp: number;
  blackDiabetes: number;
  blackSmoker: number;
  blackCholRatio: number;
  blackSbpBpTreated: number;
  blackAgeSbp: number;
}

const EQUATIONS: Record<'female' | 'male', RevisedEquation> = {
  female: {
    intercept: -12.82311,
    age: 0.106501,
    black: 0.43244,
    sbp2: 0.000056,
    sbp: 0.017666,
    bpTreated: 0.731678,
    diabetes: 0.94397,
    smoker: 1.00979,
    cholRatio: 0.151318,
    ageBlack: -0.00858,
    sbpBpTreated: -0.003647,
    sbpBlack: 0.006208,
    blackBpTreated: 0.152968,
    ageSbp: -0.000153,
    blackDiabetes: 0.115232,
    blackSmoker: -0.092231,
    blackCholRatio: 0.070498,
    blackSbpBpTreated: -0.000173,
    blackAgeSbp: -0.000094,
  },
  male: {
    intercept: -11.67998,
    age: 0.0642,
    black: 0.482835,
    sbp2: -0.000061,
    sbp: 0.03895,
    bpTreated: 2.055533,
    diabetes: 0.842209,
    smoker: 0.895589,
    cholRatio: 0.193307,
    ageBlack: 0,
    sbpBpTreated: -0.014207,
    sbpBlack: 0.011609,
    blackBpTreated: -0.11946,
    ageSbp: 0.000025,
    blackDiabetes: -0.077214,
    blackSmoker: -0.226771,
    blackCholRatio: -0.117749,
    blackSbpBpTreated: 0.00419,
    blackAgeSbp: -0.000199,
  },
};

export const pceRevised2018Model = defineModel({
  id: 'pce-revised-2018',
  version: '1.0.0',
  title: 'Revised Pooled Cohort Equations (Yadlowsky 2018): 10-year risk of a first hard ASCVD event',
  citation:
    'Yadlowsky S, Hayward RA, Sussman JB, McClelland RL, Min YI, Basu S. Clinical implications of revised pooled cohort equations for estimating ' +
    'atherosclerotic cardiovascular disease risk. Ann Intern Med 2018;169(1):20-29, doi:10.7326/M17-3011 ' +
    '(sex-specific logistic equations with a black-race term, refitted on contemporary cohorts; ages 40-79; other races use the white (non-black) equation).',
  inputSchema: pceInputSchema,
  outputSchema: Type.Object({
    risk10y_percent: Type.Number({ minimum: 0, maximum: 100, description: '10-year risk of nonfatal MI, CHD death or fatal/nonfatal stroke, %, unrounded' }),
  }),
  compute(input) {
    const { age, sex, race, total_chol_mgdl, hdl_mgdl, sbp_mmhg: sbp } = input;
    const factors = resolveRiskFactors(input);
    const eq = EQUATIONS[sex];
    const black = race === 'african_american' ? 1 : 0;
    const treated = factors.bpTreated ? 1 : 0;
    const diabetes = factors.diabetes ? 1 : 0;
    const smoker = factors.smoker ? 1 : 0;
    const ratio = total_chol_mgdl / hdl_mgdl;
    const x =
      eq.intercept +
      eq.age * age +
      eq.black * black +
      eq.sbp2 * sbp * sbp +
      eq.sbp * sbp +
      eq.bpTreated * treated +
      eq.diabetes * diabetes +
      eq.smoker * smoker +
      eq.cholRatio * ratio +
      eq.ageBlack * age * black +
      eq.sbpBpTreated * sbp * treated +
      eq.sbpBlack * sbp * black +
      eq.blackBpTreated * black * treated +
      eq.ageSbp * age * sbp +
      eq.blackDiabetes * black * diabetes +
      eq.blackSmoker * black * smoker +
      eq.blackCholRatio * black * ratio +
      eq.blackSbpBpTreated * black * sbp * treated +
      eq.blackAgeSbp * black * age * sbp;
    const risk10y_percent = 100 / (1 + Math.exp(-x));
    const warnings = [
      ...rangeWarnings({ age, total_chol_mgdl, hdl_mgdl, sbp_mmhg: sbp }, PCE_VALIDATED_RANGES, 'revised Pooled Cohort Equations'),
      ...factors.warnings,
    ];
    if (race === 'other') warnings.push('race "other": computed with the non-black equation');
    return { outputs: { risk10y_percent }, warnings };
  },
});
