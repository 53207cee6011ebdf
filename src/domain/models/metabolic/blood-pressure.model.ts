import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

/** ACC/AHA 2017 categories, mildest first; a reading takes the higher of its SBP and DBP categories. */
export const BP_CATEGORIES = ['normal', 'elevated', 'stage_1', 'stage_2', 'hypertensive_crisis'] as const;
type BpCategory = (typeof BP_CATEGORIES)[number];

/** Whelton et al. 2017, Table 6: SBP < 120 normal, 120–129 elevated, 130–139 stage 1, ≥ 140 stage 2; section 11.2: > 180 crisis. */
const sbpCategory = (sbp: number): BpCategory => (sbp > 180 ? 'hypertensive_crisis' : sbp >= 140 ? 'stage_2' : sbp >= 130 ? 'stage_1' : sbp >= 120 ? 'elevated' : 'normal');
/** DBP < 80 normal (no "elevated" band for DBP), 80–89 stage 1, ≥ 90 stage 2; > 120 crisis. */
const dbpCategory = (dbp: number): BpCategory => (dbp > 120 ? 'hypertensive_crisis' : dbp >= 90 ? 'stage_2' : dbp >= 80 ? 'stage_1' : 'normal');

export const bloodPressureModel = defineModel({
  id: 'blood-pressure',
  version: '1.0.0',
  title: 'Blood pressure category (ACC/AHA 2017)',
  citation:
    'Whelton PK, Carey RM, Aronow WS, et al. 2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA Guideline for the Prevention, Detection, Evaluation, and Management of High Blood Pressure in Adults. Hypertension 2018;71(6):e13-e115 (J Am Coll Cardiol 2018;71(19):e127-e248). Table 6 (categories of BP in adults; individuals with SBP and DBP in two categories are designated to the higher category) and section 11.2 (hypertensive crises: SBP > 180 and/or DBP > 120 mm Hg).',
  inputSchema: Type.Object(
    {
      sbp: Type.Number({ minimum: 40, maximum: 350, description: 'systolic blood pressure, mmHg' }),
      dbp: Type.Number({ minimum: 10, maximum: 250, description: 'diastolic blood pressure, mmHg' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    category: Type.Enum([...BP_CATEGORIES], { description: 'the higher of the SBP and DBP categories' }),
  }),
  compute({ sbp, dbp }) {
    if (dbp >= sbp) throw new ModelInputError('dbp', 'dbp must be lower than sbp (a diastolic at or above the systolic is not a valid reading)');
    const bySbp = sbpCategory(sbp);
    const byDbp = dbpCategory(dbp);
    const category = BP_CATEGORIES.indexOf(bySbp) >= BP_CATEGORIES.indexOf(byDbp) ? bySbp : byDbp;
    const warnings: string[] = [];
    if (category === 'hypertensive_crisis') {
      warnings.push('Hypertensive crisis (SBP > 180 and/or DBP > 120 mmHg): with new or worsening target-organ damage this is a hypertensive emergency needing immediate care (ACC/AHA 2017, section 11.2)');
    }
    return { outputs: { category }, warnings };
  },
});
