import { Type } from 'typebox';

/*
 * Input pieces shared by the cardiovascular risk equations (field names are the calculators contract).
 * The schema bounds only reject what is not a measurement (zero, negative, absurd); the narrower ranges in
 * which each equation was validated are checked by the model, which computes and flags (source's rule).
 */

export const sexSchema = Type.Enum(['female', 'male'], { description: 'sex at birth, as the equations were fitted' });

export const labAndVitalSchemas = {
  age: Type.Number({ exclusiveMinimum: 0, maximum: 120, description: 'years' }),
  sex: sexSchema,
  total_chol_mgdl: Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'total cholesterol, mg/dL' }),
  hdl_mgdl: Type.Number({ exclusiveMinimum: 0, maximum: 300, description: 'HDL cholesterol, mg/dL' }),
  sbp_mmhg: Type.Number({ exclusiveMinimum: 0, maximum: 350, description: 'systolic blood pressure, mmHg' }),
};

/** Yes/no risk factors. Optional: a missing one counts as absent (never adds risk) and is named in a warning. */
export const riskFactorSchemas = {
  bp_treated: Type.Optional(Type.Boolean({ description: 'currently taking blood-pressure-lowering medication; absent = false' })),
  smoker: Type.Optional(Type.Boolean({ description: 'current smoker; absent = false' })),
  diabetes: Type.Optional(Type.Boolean({ description: 'diabetes; absent = false' })),
};

export interface RiskFactorInput {
  bp_treated?: boolean | undefined;
  smoker?: boolean | undefined;
  diabetes?: boolean | undefined;
}

/** The yes/no factors with absent ones set to false, and a warning naming each one assumed. */
export const resolveRiskFactors = (input: RiskFactorInput): { bpTreated: boolean; smoker: boolean; diabetes: boolean; warnings: string[] } => {
  const missing = (['bp_treated', 'smoker', 'diabetes'] as const).filter((field) => input[field] === undefined);
  return {
    bpTreated: input.bp_treated ?? false,
    smoker: input.smoker ?? false,
    diabetes: input.diabetes ?? false,
    warnings: missing.length > 0 ? [`${missing.join(', ')} not given: taken as false (absent), so the risk may be underestimated`] : [],
  };
};

export interface ValidatedRange {
  field: string;
  min: number;
  /** Inclusive upper bound. */
  max: number;
  unit: string;
}

/** Warnings for each value outside the range the equation was validated in (empty = all inside). */
export const rangeWarnings = (values: Record<string, number>, ranges: readonly ValidatedRange[], model: string): string[] =>
  ranges
    .filter((r) => {
      const v = values[r.field];
      return v !== undefined && (v < r.min || v > r.max);
    })
    .map((r) => `${r.field} = ${values[r.field]} is outside the range the ${model} were validated for (${r.min}-${r.max} ${r.unit}): extrapolated estimate`);
