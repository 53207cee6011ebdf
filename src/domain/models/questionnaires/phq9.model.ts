import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { band, itemsSchema, sum } from './items.js';

/** Kroenke et al. 2001: scores of 5, 10, 15 and 20 mark mild, moderate, moderately severe and severe depression. */
const SEVERITY = [
  { from: 20, name: 'severe' },
  { from: 15, name: 'moderately_severe' },
  { from: 10, name: 'moderate' },
  { from: 5, name: 'mild' },
  { from: 0, name: 'minimal' },
] as const;

export const phq9Model = defineModel({
  id: 'phq9',
  version: '1.0.0',
  title: 'Patient Health Questionnaire-9 (PHQ-9) depression severity, with the PHQ-2 screen',
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613, doi:10.1046/j.1525-1497.2001.016009606.x ' +
    '(total 0-27; 5/10/15/20 = mild/moderate/moderately severe/severe; >= 10 the cut-off studied). ' +
    'Kroenke K, Spitzer RL, Williams JBW. The Patient Health Questionnaire-2: validity of a two-item depression screener. Med Care 2003;41(11):1284-1292, doi:10.1097/01.MLR.0000093487.78664.3C ' +
    '(PHQ-2 = items 1 + 2, 0-6; >= 3 the recommended cut-point).',
  inputSchema: Type.Object({ items: itemsSchema(9, 'PHQ-9') }, { additionalProperties: false }),
  outputSchema: Type.Object({
    total: Type.Integer({ minimum: 0, maximum: 27 }),
    severity: Type.Enum(SEVERITY.map((s) => s.name).reverse()),
    item9_positive: Type.Boolean({ description: 'item 9 (thoughts of being better off dead or of self-harm) scored above 0: needs clinical follow-up whatever the total' }),
    phq2_total: Type.Integer({ minimum: 0, maximum: 6, description: 'items 1 and 2 (anhedonia, depressed mood)' }),
    phq2_positive: Type.Boolean({ description: 'PHQ-2 >= 3 (Kroenke 2003)' }),
    meets_cutoff_10: Type.Boolean({ description: 'total >= 10' }),
  }),
  compute({ items }) {
    const total = sum(items);
    const phq2_total = items[0]! + items[1]!;
    const item9_positive = items[8]! > 0;
    return {
      outputs: {
        total,
        severity: band(total, SEVERITY),
        item9_positive,
        phq2_total,
        phq2_positive: phq2_total >= 3,
        meets_cutoff_10: total >= 10,
      },
      warnings: item9_positive ? ['item 9 is positive (thoughts of death or self-harm): assess suicide risk regardless of the total'] : [],
    };
  },
});
