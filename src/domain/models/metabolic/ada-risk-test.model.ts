import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** The published cut-off: a total of 5 or more is high risk (Bang et al. 2009; ADA/CDC risk test). */
export const ADA_HIGH_RISK_POINTS = 5;

/** Age: < 40 → 0, 40–49 → 1, 50–59 → 2, ≥ 60 → 3. */
const agePoints = (age: number): number => (age < 40 ? 0 : age < 50 ? 1 : age < 60 ? 2 : 3);
/** BMI (kg/m²): < 25 → 0, 25 to < 30 → 1, 30 to < 40 → 2, ≥ 40 → 3. */
const bmiPoints = (bmi: number): number => (bmi < 25 ? 0 : bmi < 30 ? 1 : bmi < 40 ? 2 : 3);

export const adaRiskTestModel = defineModel({
  id: 'ada-risk-test',
  version: '1.0.0',
  title: 'ADA/CDC diabetes risk test (undiagnosed diabetes / prediabetes screening score)',
  citation:
    'Bang H, Edwards AM, Bomback AS, Ballantyne CM, Brillon D, Callahan MA, Teutsch SM, Mushlin AI, Kern LM. Development and validation of a patient self-assessment score for diabetes risk. Ann Intern Med 2009;151(11):775-783. doi:10.7326/0003-4819-151-11-200912010-00005. Points and the ≥ 5 cut-off as in the American Diabetes Association / CDC risk test adapted from it (which adds 1 point for gestational diabetes).',
  inputSchema: Type.Object(
    {
      age: Type.Number({ minimum: 18, maximum: 120, description: 'years' }),
      sex: Type.Enum(['female', 'male']),
      gdm: Type.Optional(Type.Boolean({ description: 'ever diagnosed with gestational diabetes (women only)' })),
      family: Type.Optional(Type.Boolean({ description: 'mother, father, sister or brother with diabetes' })),
      htn: Type.Optional(Type.Boolean({ description: 'ever diagnosed with high blood pressure' })),
      active: Type.Optional(Type.Boolean({ description: 'physically active' })),
      bmi: Type.Number({ minimum: 10, maximum: 100, description: 'kg/m²' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    points: Type.Integer({ minimum: 0, maximum: 11 }),
    high_risk: Type.Boolean({ description: `points ≥ ${ADA_HIGH_RISK_POINTS}: a screening result, not a diagnosis (only a blood test can tell)` }),
  }),
  compute(input) {
    const warnings: string[] = [];
    let points = agePoints(input.age) + bmiPoints(input.bmi) + (input.sex === 'male' ? 1 : 0);
    if (input.gdm === true) {
      if (input.sex === 'female') points += 1;
      else warnings.push('gdm ignored: gestational diabetes applies to women only');
    }
    if (input.family === true) points += 1;
    if (input.htn === true) points += 1;
    if (input.active === false) points += 1;

    const asked: Array<'gdm' | 'family' | 'htn' | 'active'> = input.sex === 'female' ? ['gdm', 'family', 'htn', 'active'] : ['family', 'htn', 'active'];
    const missing = asked.filter((item) => input[item] === undefined);
    if (missing.length > 0) {
      warnings.push(`Not answered: ${missing.join(', ')}; scored 0 points, so the total is a minimum and high_risk may be understated`);
    }
    return { outputs: { points, high_risk: points >= ADA_HIGH_RISK_POINTS }, warnings };
  },
});
