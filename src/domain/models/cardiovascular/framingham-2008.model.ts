import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { labAndVitalSchemas, rangeWarnings, resolveRiskFactors, riskFactorSchemas, type ValidatedRange } from './inputs.js';

/**
 * D'Agostino et al. 2008, Table 2 (primary, lipid model): Cox coefficients on ln(age), ln(TC), ln(HDL),
 * ln(SBP) if untreated or if treated, smoker, diabetes; baseline 10-year survival S0(10) and the mean of Σβx.
 */
const EQUATIONS = {
  female: { lnAge: 2.32888, lnTc: 1.20904, lnHdl: -0.70833, lnSbpUntreated: 2.76157, lnSbpTreated: 2.82263, smoker: 0.52873, diabetes: 0.69154, baselineSurvival10y: 0.95012, meanSum: 26.1931 },
  male: { lnAge: 3.06117, lnTc: 1.1237, lnHdl: -0.93263, lnSbpUntreated: 1.93303, lnSbpTreated: 1.99881, smoker: 0.65451, diabetes: 0.57367, baselineSurvival10y: 0.88936, meanSum: 23.9802 },
} as const;

/** The derivation cohort: participants aged 30-74 free of CVD (D'Agostino et al. 2008, Methods). */
const VALIDATED_RANGES: readonly ValidatedRange[] = [{ field: 'age', min: 30, max: 74, unit: 'years' }];

export const framingham2008Model = defineModel({
  id: 'framingham-2008',
  version: '1.0.0',
  title: 'Framingham general cardiovascular disease risk (2008, lipid model): 10-year risk of a first CVD event',
  citation:
    "D'Agostino RB Sr, Vasan RS, Pencina MJ, Wolf PA, Cobain M, Massaro JM, Kannel WB. General cardiovascular risk profile for use in primary care: " +
    'the Framingham Heart Study. Circulation 2008;117(6):743-753, doi:10.1161/CIRCULATIONAHA.107.699579 ' +
    '(Table 2, sex-specific Cox model; risk = 1 - S0(10)^exp(Σβx - mean Σβx); outcome: CHD, stroke, peripheral artery disease or heart failure; ages 30-74).',
  inputSchema: Type.Object(
    {
      ...labAndVitalSchemas,
      ...riskFactorSchemas,
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    risk10y_percent: Type.Number({ minimum: 0, maximum: 100, description: '10-year risk of a first CVD event, %, unrounded (not capped at 30 % as the printed score sheet is)' }),
    linear_predictor: Type.Number({ description: 'Σβx, before subtracting the sex-specific mean (26.1931 women, 23.9802 men)' }),
  }),
  compute(input) {
    const { age, sex, total_chol_mgdl, hdl_mgdl, sbp_mmhg } = input;
    const factors = resolveRiskFactors(input);
    const eq = EQUATIONS[sex];
    const linear_predictor =
      eq.lnAge * Math.log(age) +
      eq.lnTc * Math.log(total_chol_mgdl) +
      eq.lnHdl * Math.log(hdl_mgdl) +
      (factors.bpTreated ? eq.lnSbpTreated : eq.lnSbpUntreated) * Math.log(sbp_mmhg) +
      (factors.smoker ? eq.smoker : 0) +
      (factors.diabetes ? eq.diabetes : 0);
    const risk10y_percent = 100 * (1 - Math.pow(eq.baselineSurvival10y, Math.exp(linear_predictor - eq.meanSum)));
    const warnings = [...rangeWarnings({ age }, VALIDATED_RANGES, 'Framingham 2008 equations'), ...factors.warnings];
    return { outputs: { risk10y_percent, linear_predictor }, warnings };
  },
});
