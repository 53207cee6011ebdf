import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** WHO adult BMI classes (kg/m²): lower bounds, in order. */
const CLASSES = [
  { from: 40, category: 'obese_class_3' },
  { from: 35, category: 'obese_class_2' },
  { from: 30, category: 'obese_class_1' },
  { from: 25, category: 'overweight' },
  { from: 18.5, category: 'normal' },
  { from: 0, category: 'underweight' },
] as const;

export const bmiModel = defineModel({
  id: 'bmi',
  version: '1.0.0',
  title: 'Body-mass index and WHO adult class',
  citation:
    'World Health Organization. Obesity: preventing and managing the global epidemic. WHO Technical Report Series 894, 2000 (Table 2.1); BMI = weight (kg) / height (m)².',
  inputSchema: Type.Object(
    {
      height_m: Type.Number({ exclusiveMinimum: 0.3, maximum: 2.72, description: 'metres' }),
      weight_kg: Type.Number({ minimum: 0.5, maximum: 650 }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    bmi: Type.Number({ description: 'kg/m², unrounded' }),
    category: Type.Enum(CLASSES.map((c) => c.category)),
  }),
  compute({ height_m, weight_kg }) {
    const bmi = weight_kg / (height_m * height_m);
    // WHO TRS 894 Table 2.1 gives the bands to two decimals (18.50–24.99, ≥ 25.00): compare the exact value.
    const category = CLASSES.find((c) => bmi >= c.from)?.category ?? 'underweight';
    const warnings = height_m < 1.2 ? ['WHO adult classes do not apply to children; use BMI-for-age percentiles'] : [];
    return { outputs: { bmi, category }, warnings };
  },
});
