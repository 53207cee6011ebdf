import { Type } from 'typebox';
import { defineModel } from '../model.js';

/**
 * FINDRISC bands of the published form (Lindström & Tuomilehto 2003; Type 2 Diabetes Risk Assessment Form of the
 * Finnish Diabetes Association): lower bound of the total points, band, the form's 10-year-risk wording.
 */
const BANDS = [
  { from: 21, band: 'very_high', ten_year_risk_text: 'Very high: estimated 1 in 2 will develop disease' },
  { from: 15, band: 'high', ten_year_risk_text: 'High: estimated 1 in 3 will develop disease' },
  { from: 12, band: 'moderate', ten_year_risk_text: 'Moderate: estimated 1 in 6 will develop disease' },
  { from: 7, band: 'slightly_elevated', ten_year_risk_text: 'Slightly elevated: estimated 1 in 25 will develop disease' },
  { from: 0, band: 'low', ten_year_risk_text: 'Low: estimated 1 in 100 will develop disease' },
] as const;

/** The optional items: absent answers score 0 points (never invented risk) and are named in a warning. */
const OPTIONAL_ITEMS = ['waist_cm', 'active_30min_daily', 'veg_fruit_daily', 'bp_meds_ever', 'high_glucose_ever', 'family'] as const;

/** Age in completed years: under 45 → 0, 45–54 → 2, 55–64 → 3, over 64 → 4. */
const agePoints = (age: number): number => (age < 45 ? 0 : age < 55 ? 2 : age < 65 ? 3 : 4);
/** BMI: lower than 25 → 0, 25–30 → 1, higher than 30 → 3. */
const bmiPoints = (bmi: number): number => (bmi < 25 ? 0 : bmi <= 30 ? 1 : 3);
/** Waist (cm), men: < 94 → 0, 94–102 → 3, > 102 → 4; women: < 80 → 0, 80–88 → 3, > 88 → 4. */
const waistPoints = (waist: number, sex: 'female' | 'male'): number => {
  const [low, high] = sex === 'male' ? [94, 102] : [80, 88];
  return waist < low ? 0 : waist <= high ? 3 : 4;
};
const FAMILY_POINTS = { none: 0, second_degree: 3, first_degree: 5 } as const;

export const findriscModel = defineModel({
  id: 'findrisc',
  version: '1.0.0',
  title: 'FINDRISC — Finnish Diabetes Risk Score (10-year risk of type 2 diabetes)',
  citation:
    'Lindström J, Tuomilehto J. The diabetes risk score: a practical tool to predict type 2 diabetes risk. Diabetes Care 2003;26(3):725-731. doi:10.2337/diacare.26.3.725. Points and bands as printed on the Type 2 Diabetes Risk Assessment Form (FINDRISC, Finnish Diabetes Association; Tuomilehto & Lindström).',
  inputSchema: Type.Object(
    {
      age: Type.Number({ minimum: 18, maximum: 120, description: 'years (completed years decide the band)' }),
      sex: Type.Enum(['female', 'male'], { description: 'selects the waist cut-offs' }),
      bmi: Type.Number({ minimum: 10, maximum: 100, description: 'kg/m²' }),
      waist_cm: Type.Optional(Type.Number({ minimum: 30, maximum: 250, description: 'measured below the ribs, usually at the navel' })),
      active_30min_daily: Type.Optional(Type.Boolean({ description: 'at least 30 min of physical activity daily, at work and/or in leisure time' })),
      veg_fruit_daily: Type.Optional(Type.Boolean({ description: 'eats vegetables, fruit or berries every day' })),
      bp_meds_ever: Type.Optional(Type.Boolean({ description: 'ever taken medication for high blood pressure on a regular basis' })),
      high_glucose_ever: Type.Optional(Type.Boolean({ description: 'ever found to have high blood glucose (health examination, illness, pregnancy)' })),
      family: Type.Optional(
        Type.Enum(['none', 'second_degree', 'first_degree'], {
          description: 'relatives with diabetes (type 1 or 2): first_degree = parent, sibling or own child; second_degree = grandparent, aunt, uncle or first cousin only',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    points: Type.Integer({ minimum: 0, maximum: 26 }),
    band: Type.Enum(BANDS.map((b) => b.band)),
    ten_year_risk_text: Type.String(),
  }),
  compute(input) {
    const warnings: string[] = [];
    let points = agePoints(input.age) + bmiPoints(input.bmi);
    if (input.waist_cm !== undefined) points += waistPoints(input.waist_cm, input.sex);
    if (input.active_30min_daily === false) points += 2;
    if (input.veg_fruit_daily === false) points += 1;
    if (input.bp_meds_ever === true) points += 2;
    if (input.high_glucose_ever === true) points += 5;
    if (input.family !== undefined) points += FAMILY_POINTS[input.family];

    const missing = OPTIONAL_ITEMS.filter((item) => input[item] === undefined);
    if (missing.length > 0) {
      warnings.push(`Not answered: ${missing.join(', ')}; scored 0 points, so the total is a minimum and the band may be understated`);
    }
    if (input.age < 35 || input.age > 64) {
      warnings.push('FINDRISC was derived in people aged 35-64 (Lindström & Tuomilehto 2003); at other ages the 10-year risk wording is an extrapolation');
    }
    const { band, ten_year_risk_text } = BANDS.find((b) => points >= b.from) ?? BANDS[BANDS.length - 1]!;
    return { outputs: { points, band, ten_year_risk_text }, warnings };
  },
});
