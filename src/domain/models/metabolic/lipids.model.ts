import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

/** NCEP ATP III classification (mg/dL). Each band is [lower bound inclusive, name], highest first. */
const TOTAL = [
  [240, 'high'],
  [200, 'borderline_high'],
  [0, 'desirable'],
] as const;
const LDL = [
  [190, 'very_high'],
  [160, 'high'],
  [130, 'borderline_high'],
  [100, 'near_optimal'],
  [0, 'optimal'],
] as const;
/** HDL: < 40 low, ≥ 60 high; ATP III names no band between, which is reported as `normal`. */
const HDL = [
  [60, 'high'],
  [40, 'normal'],
  [0, 'low'],
] as const;
const TRIGLYCERIDES = [
  [500, 'very_high'],
  [200, 'high'],
  [150, 'borderline_high'],
  [0, 'normal'],
] as const;

type Bands = ReadonlyArray<readonly [number, string]>;
const classify = <B extends Bands>(bands: B, value: number): B[number][1] => (bands.find(([from]) => value >= from) ?? bands[bands.length - 1]!)[1];
const names = <B extends Bands>(bands: B): Array<B[number][1]> => bands.map(([, name]) => name).reverse();

const mgdl = (description: string) => Type.Optional(Type.Number({ minimum: 0, maximum: 10000, description: `${description}, mg/dL` }));

export const lipidsModel = defineModel({
  id: 'lipids',
  version: '1.0.0',
  title: 'Lipid categories per analyte (NCEP ATP III)',
  citation:
    'National Cholesterol Education Program (NCEP) Expert Panel on Detection, Evaluation, and Treatment of High Blood Cholesterol in Adults (Adult Treatment Panel III). Executive Summary of the Third Report. JAMA 2001;285(19):2486-2497. doi:10.1001/jama.285.19.2486 (Table 2: classification of LDL, total and HDL cholesterol, mg/dL; triglyceride classification: normal < 150, borderline high 150-199, high 200-499, very high ≥ 500 mg/dL). Full report: Circulation 2002;106(25):3143-3421.',
  inputSchema: Type.Object(
    {
      total_chol_mgdl: mgdl('total cholesterol'),
      ldl_mgdl: mgdl('LDL cholesterol'),
      hdl_mgdl: mgdl('HDL cholesterol'),
      triglycerides_mgdl: mgdl('triglycerides (fasting)'),
    },
    { additionalProperties: false, minProperties: 1, description: 'give at least one analyte' },
  ),
  outputSchema: Type.Object({
    total_chol_category: Type.Optional(Type.Enum(names(TOTAL), { description: '< 200 desirable, 200-239 borderline high, ≥ 240 high' })),
    ldl_category: Type.Optional(Type.Enum(names(LDL), { description: '< 100 optimal, 100-129 near optimal/above optimal, 130-159 borderline high, 160-189 high, ≥ 190 very high' })),
    hdl_category: Type.Optional(Type.Enum(names(HDL), { description: '< 40 low, 40-59 normal (unnamed in ATP III), ≥ 60 high' })),
    triglycerides_category: Type.Optional(Type.Enum(names(TRIGLYCERIDES), { description: '< 150 normal, 150-199 borderline high, 200-499 high, ≥ 500 very high' })),
  }),
  compute(input) {
    const outputs: {
      total_chol_category?: (typeof TOTAL)[number][1];
      ldl_category?: (typeof LDL)[number][1];
      hdl_category?: (typeof HDL)[number][1];
      triglycerides_category?: (typeof TRIGLYCERIDES)[number][1];
    } = {};
    if (input.total_chol_mgdl !== undefined) outputs.total_chol_category = classify(TOTAL, input.total_chol_mgdl);
    if (input.ldl_mgdl !== undefined) outputs.ldl_category = classify(LDL, input.ldl_mgdl);
    if (input.hdl_mgdl !== undefined) outputs.hdl_category = classify(HDL, input.hdl_mgdl);
    if (input.triglycerides_mgdl !== undefined) outputs.triglycerides_category = classify(TRIGLYCERIDES, input.triglycerides_mgdl);
    if (Object.keys(outputs).length === 0) throw new ModelInputError('body', 'give at least one of total_chol_mgdl, ldl_mgdl, hdl_mgdl, triglycerides_mgdl');
    return { outputs, warnings: [] };
  },
});
