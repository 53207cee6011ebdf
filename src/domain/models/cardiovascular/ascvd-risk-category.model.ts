import { Type } from 'typebox';
import { defineModel } from '../model.js';

/** 2018 AHA/ACC cholesterol and 2019 ACC/AHA primary-prevention guidelines: lower bounds (%), highest first. */
const CATEGORIES = [
  { from: 20, category: 'high' },
  { from: 7.5, category: 'intermediate' },
  { from: 5, category: 'borderline' },
  { from: 0, category: 'low' },
] as const;

export const ascvdRiskCategoryModel = defineModel({
  id: 'ascvd-risk-category',
  version: '1.0.0',
  title: '10-year ASCVD risk category (2018/2019 ACC/AHA)',
  citation:
    'Grundy SM, Stone NJ, Bailey AL, et al. 2018 AHA/ACC/AACVPR/AAPA/ABC/ACPM/ADA/AGS/APhA/ASPC/NLA/PCNA guideline on the management of blood cholesterol. Circulation 2019;139(25):e1082-e1143, doi:10.1161/CIR.0000000000000625; ' +
    'Arnett DK, Blumenthal RS, Albert MA, et al. 2019 ACC/AHA guideline on the primary prevention of cardiovascular disease. Circulation 2019;140(11):e596-e646, doi:10.1161/CIR.0000000000000678 ' +
    '(10-year ASCVD risk: low < 5 %, borderline 5 to < 7.5 %, intermediate 7.5 to < 20 %, high >= 20 %).',
  inputSchema: Type.Object(
    {
      risk10y_percent: Type.Number({ minimum: 0, maximum: 100, description: '10-year ASCVD risk in percent (e.g. from pce-2013)' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    category: Type.Enum(['low', 'borderline', 'intermediate', 'high']),
  }),
  compute({ risk10y_percent }) {
    // The guideline bands are half-open ("5% to <7.5%"): compare the exact value, no rounding.
    const category = CATEGORIES.find((c) => risk10y_percent >= c.from)?.category ?? 'low';
    return { outputs: { category }, warnings: [] };
  },
});
