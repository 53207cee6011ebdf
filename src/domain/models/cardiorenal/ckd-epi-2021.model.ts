import { Type } from 'typebox';
import { defineModel } from '../model.js';

/**
 * CKD-EPI 2021 race-free creatinine equation (Inker et al. 2021, NEJM, Table 2 / Supplementary Appendix):
 *   eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female]
 *   κ = 0.7 (female) / 0.9 (male); α = −0.241 (female) / −0.302 (male); Scr in mg/dL (IDMS-standardised).
 */
const SEX = {
  female: { kappa: 0.7, alpha: -0.241, factor: 1.012 },
  male: { kappa: 0.9, alpha: -0.302, factor: 1 },
} as const;

export const ckdEpi2021Egfr = (age: number, sex: 'female' | 'male', creatinine_mgdl: number): number => {
  const { kappa, alpha, factor } = SEX[sex];
  const ratio = creatinine_mgdl / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** age * factor;
};

export const ckdEpi2021Model = defineModel({
  id: 'ckd-epi-2021',
  version: '1.0.0',
  title: 'eGFR, CKD-EPI 2021 creatinine equation (race-free)',
  citation:
    'Inker LA, Eneanya ND, Coresh J, et al. New Creatinine- and Cystatin C–Based Equations to Estimate GFR without Race. ' +
    'N Engl J Med. 2021;385(19):1737–1749. doi:10.1056/NEJMoa2102953',
  inputSchema: Type.Object(
    {
      // The equation was developed and validated in adults; the NKF/ASN and KDIGO guidance uses it from 18 years
      // (children: CKiD). Below 18 the schema answers 422 rather than extrapolate.
      age: Type.Number({ minimum: 18, maximum: 120, description: 'years (adults, ≥ 18)' }),
      sex: Type.Union([Type.Literal('female'), Type.Literal('male')]),
      creatinine_mgdl: Type.Number({ exclusiveMinimum: 0, maximum: 40, description: 'serum creatinine, mg/dL, IDMS-standardised' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    egfr: Type.Number({ description: 'mL/min/1.73 m², unrounded' }),
    egfr_rounded: Type.Integer({ description: 'mL/min/1.73 m², rounded to a whole number as laboratories report it' }),
  }),
  compute({ age, sex, creatinine_mgdl }) {
    const egfr = ckdEpi2021Egfr(age, sex, creatinine_mgdl);
    return { outputs: { egfr, egfr_rounded: Math.round(egfr) }, warnings: [] };
  },
});
