import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

export const GLYCEMIA_CATEGORIES = ['normal', 'prediabetes', 'diabetes'] as const;
type GlycemiaCategory = (typeof GLYCEMIA_CATEGORIES)[number];

/** ADA Standards of Care, section 2 (Tables 2.1 and 2.2): HbA1c < 5.7 % normal, 5.7–6.4 % prediabetes, ≥ 6.5 % diabetes. */
const byHba1c = (a1c: number): GlycemiaCategory => (a1c >= 6.5 ? 'diabetes' : a1c >= 5.7 ? 'prediabetes' : 'normal');
/** Fasting plasma glucose < 100 mg/dL normal, 100–125 prediabetes (IFG), ≥ 126 diabetes. */
const byFpg = (fpg: number): GlycemiaCategory => (fpg >= 126 ? 'diabetes' : fpg >= 100 ? 'prediabetes' : 'normal');

export const glycemiaModel = defineModel({
  id: 'glycemia',
  version: '1.0.0',
  title: 'Glycemic category from HbA1c and/or fasting plasma glucose (ADA Standards of Care)',
  citation:
    'American Diabetes Association Professional Practice Committee. 2. Diagnosis and Classification of Diabetes: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1):S27-S49. doi:10.2337/dc25-S002 (Table 2.1 criteria for diabetes: HbA1c ≥ 6.5 %, FPG ≥ 126 mg/dL; Table 2.2 prediabetes: HbA1c 5.7-6.4 %, FPG 100-125 mg/dL; confirmation and discordant-test rules in the text).',
  inputSchema: Type.Object(
    {
      hba1c_percent: Type.Optional(Type.Number({ minimum: 2, maximum: 25, description: 'HbA1c, % (NGSP/DCCT)' })),
      fasting_glucose_mgdl: Type.Optional(Type.Number({ minimum: 10, maximum: 1500, description: 'fasting plasma glucose, mg/dL (no caloric intake for ≥ 8 h)' })),
    },
    { additionalProperties: false, minProperties: 1, description: 'give hba1c_percent, fasting_glucose_mgdl or both' },
  ),
  outputSchema: Type.Object({
    category: Type.Enum([...GLYCEMIA_CATEGORIES], { description: 'the higher category of the tests given' }),
  }),
  compute({ hba1c_percent, fasting_glucose_mgdl }) {
    const results: Array<{ test: string; category: GlycemiaCategory }> = [];
    if (hba1c_percent !== undefined) results.push({ test: 'HbA1c', category: byHba1c(hba1c_percent) });
    if (fasting_glucose_mgdl !== undefined) results.push({ test: 'fasting glucose', category: byFpg(fasting_glucose_mgdl) });
    if (results.length === 0) throw new ModelInputError('body', 'give hba1c_percent, fasting_glucose_mgdl or both');

    const rank = (c: GlycemiaCategory) => GLYCEMIA_CATEGORIES.indexOf(c);
    const category = results.reduce((worst, r) => (rank(r.category) > rank(worst) ? r.category : worst), 'normal' as GlycemiaCategory);
    const warnings: string[] = [];
    const discordant = results.length === 2 && results[0]!.category !== results[1]!.category;
    if (discordant) {
      warnings.push(
        `Discordant results (${results.map((r) => `${r.test}: ${r.category}`).join(', ')}): the category is the higher one; ADA advises repeating the test that is above its cut point, and considering HbA1c assay interference or conditions that alter red-cell turnover`,
      );
    }
    if (category === 'diabetes') {
      const both = results.length === 2 && results.every((r) => r.category === 'diabetes');
      warnings.push(
        both
          ? 'Both tests are in the diabetes range: if drawn from the same sample (or two samples), ADA accepts this as confirmation of the diagnosis in the absence of unequivocal hyperglycemia'
          : 'A diabetes diagnosis needs confirmation: in the absence of unequivocal hyperglycemia (classic symptoms with random glucose ≥ 200 mg/dL), ADA requires two abnormal results, from the same sample or from two separate samples',
      );
    }
    return { outputs: { category }, warnings };
  },
});
