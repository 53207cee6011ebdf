import { Type } from 'typebox';
import { defineModel } from '../model.js';
import { band, itemsSchema, sum } from './items.js';

/** Spitzer et al. 2006: cut points 5, 10 and 15 mark mild, moderate and severe anxiety. */
const SEVERITY = [
  { from: 15, name: 'severe' },
  { from: 10, name: 'moderate' },
  { from: 5, name: 'mild' },
  { from: 0, name: 'minimal' },
] as const;

export const gad7Model = defineModel({
  id: 'gad7',
  version: '1.0.0',
  title: 'Generalized Anxiety Disorder-7 (GAD-7) severity, with the GAD-2 screen',
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097, doi:10.1001/archinte.166.10.1092 ' +
    '(total 0-21; 5/10/15 = mild/moderate/severe; >= 10 the recommended cut point). ' +
    'GAD-2 (items 1 + 2, 0-6, >= 3): Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care. Ann Intern Med 2007;146(5):317-325, doi:10.7326/0003-4819-146-5-200703060-00004.',
  inputSchema: Type.Object({ items: itemsSchema(7, 'GAD-7') }, { additionalProperties: false }),
  outputSchema: Type.Object({
    total: Type.Integer({ minimum: 0, maximum: 21 }),
    severity: Type.Enum(SEVERITY.map((s) => s.name).reverse()),
    gad2_total: Type.Integer({ minimum: 0, maximum: 6, description: 'items 1 and 2 (nervousness, uncontrollable worry)' }),
    gad2_positive: Type.Boolean({ description: 'GAD-2 >= 3 (Kroenke 2007)' }),
    meets_cutoff_10: Type.Boolean({ description: 'total >= 10' }),
  }),
  compute({ items }) {
    const total = sum(items);
    const gad2_total = items[0]! + items[1]!;
    return {
      outputs: { total, severity: band(total, SEVERITY), gad2_total, gad2_positive: gad2_total >= 3, meets_cutoff_10: total >= 10 },
      warnings: [],
    };
  },
});
