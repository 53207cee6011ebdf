/**
 * Metabolic twin: diabetes risk (FINDRISC, else ADA), glycemia (ADA), lipids (NCEP ATP III), BMI (WHO), blood
 * pressure (ACC/AHA 2017) and weekly activity (WHO 2020). docs/models.md § metabolic.
 */
import type { TwinFeatures } from '../twin-features.js';
import type { TwinScore } from '../twin-score.js';
import type { ScoringContext } from './context.js';
import { recentMean } from './shared/daily-window.js';
import type { DoseResponse } from './shared/dose-response.js';
import { ladderScore, scoreOn } from './shared/dose-response.js';
import { bloodPressureModel, lipidsModel } from '../../models/index.js';
import { adaRiskTest, bmiOf, FINDRISC_BANDS, findriscRisk, glycemicCategory, runModel } from '../model-inputs/index.js';
import { SufficiencyLog } from './shared/sufficiency.js';
import { twinResult, weightCoverage } from './shared/twin-result.js';
import type { ComponentDraft } from './shared/weighted-score.js';

export const METABOLIC_WEIGHTS = { diabetes_risk: 20, glycemia: 20, lipids: 15, bmi: 15, blood_pressure: 15, activity: 15 } as const;
const TOTAL_WEIGHT = 100;
/** One measurement is not a metabolic picture: at least two components. */
export const METABOLIC_MIN_COMPONENTS = 2;

/** ADA points: the published high-risk cut-off (5) on the fair/poor border, 0 points → 100, 10 → 0. */
export const ADA_POINTS_CURVE: DoseResponse = {
  anchors: [
    [0, 100],
    [5, 50],
    [10, 0],
  ],
  source: 'Bang et al. 2009, Ann Intern Med (ADA/CDC risk test: ≥ 5 points = high risk of undiagnosed diabetes)',
};

export const GLYCEMIA_LADDER = ['normal', 'prediabetes', 'diabetes'] as const;
export const BP_LADDER = ['normal', 'elevated', 'stage_1', 'stage_2', 'hypertensive_crisis'] as const;
/** WHO TRS 894 Table 2.1 "risk of co-morbidities": average, increased, moderate, severe, very severe. */
const BMI_RISK_LADDER = ['average', 'increased', 'moderate', 'severe', 'very_severe'] as const;
const BMI_RISK: Record<string, (typeof BMI_RISK_LADDER)[number]> = {
  normal: 'average',
  underweight: 'increased', // WHO: "low, but risk of other clinical problems increased"
  overweight: 'increased',
  obese_class_1: 'moderate',
  obese_class_2: 'severe',
  obese_class_3: 'very_severe',
};
const LIPID_LADDERS = {
  total_chol_category: ['desirable', 'borderline_high', 'high'],
  ldl_category: ['optimal', 'near_optimal', 'borderline_high', 'high', 'very_high'],
  hdl_category: ['high', 'normal', 'low'],
  triglycerides_category: ['normal', 'borderline_high', 'high', 'very_high'],
} as const;

export const WEEKLY_ACTIVITY_CURVE: DoseResponse = {
  anchors: [
    [0, 0],
    [150, 50],
    [300, 100],
  ],
  source:
    'Bull et al. 2020, Br J Sports Med (WHO guidelines: 150-300 min/week of moderate activity); as the activity score in docs/health-data.md',
};

export function scoreMetabolic(ctx: ScoringContext): TwinScore {
  const f = ctx.features;
  const log = new SufficiencyLog();
  const drafts: ComponentDraft[] = [];
  const notes: string[] = [];

  const bmi = bmiOf(f);
  if (bmi !== null) {
    log.have('profile.height_cm/weight_kg');
    drafts.push({
      id: 'bmi',
      label: `BMI (${bmi.category})`,
      value: bmi.value,
      unit: 'kg/m²',
      subScore: ladderScore(BMI_RISK_LADDER, BMI_RISK[bmi.category]!),
      weight: METABOLIC_WEIGHTS.bmi,
      model: bmi.model,
    });
    notes.push(...bmi.warnings);
  } else if (f.profile.height_cm !== null && f.profile.weight_kg !== null)
    notes.push('BMI not computed: height or weight outside the BMI model’s range');
  else log.lack('profile.height_cm/weight_kg', 'height and a weight (BMI)');

  const exercise = recentMean(f.days, 'exercise_minutes', ctx.today);
  diabetesRiskComponent(f, log, drafts, notes);

  const { hba1c_percent: a1c, fasting_glucose_mgdl: fpg } = f.labs;
  const glycemia = glycemicCategory(f);
  if (glycemia !== null) {
    log.have(a1c ? 'labs.hba1c_percent' : 'labs.fasting_glucose_mgdl');
    drafts.push({
      id: 'glycemia',
      label: `Glycemia (${glycemia.value})`,
      value: a1c ? a1c.value : fpg!.value,
      unit: a1c ? '%' : 'mg/dL',
      subScore: ladderScore(GLYCEMIA_LADDER, glycemia.value),
      weight: METABOLIC_WEIGHTS.glycemia,
      model: glycemia.model,
    });
    notes.push(...glycemia.warnings);
  } else if (a1c !== null || fpg !== null) notes.push('glycemia not classified: a value outside the glycemia model’s range');
  else log.lack('labs.hba1c_percent', 'an HbA1c or fasting glucose result');

  const lipidInput = {
    ...(f.labs.ldl_mgdl ? { ldl_mgdl: f.labs.ldl_mgdl.value } : {}),
    ...(f.labs.total_chol_mgdl ? { total_chol_mgdl: f.labs.total_chol_mgdl.value } : {}),
    ...(f.labs.hdl_mgdl ? { hdl_mgdl: f.labs.hdl_mgdl.value } : {}),
    ...(f.labs.triglycerides_mgdl ? { triglycerides_mgdl: f.labs.triglycerides_mgdl.value } : {}),
  };
  if (Object.keys(lipidInput).length > 0) {
    const result = runModel(lipidsModel, lipidInput);
    if (result.ok) {
      const scored = (Object.keys(LIPID_LADDERS) as (keyof typeof LIPID_LADDERS)[]).flatMap((key) => {
        const category = result.outputs[key];
        return category === undefined ? [] : [{ key, category, score: ladderScore<string>(LIPID_LADDERS[key], category) }];
      });
      // The value shown: LDL, ATP III's primary target, else the next analyte measured.
      const [analyte, value] = Object.entries(lipidInput)[0]!;
      log.have('labs (lipids)');
      drafts.push({
        id: 'lipids',
        label: `Lipids (${scored.map((s) => `${s.key.replace('_category', '')}: ${s.category}`).join(', ')}; value: ${analyte.replace('_mgdl', '')})`,
        value,
        unit: 'mg/dL',
        subScore: scored.reduce((sum, s) => sum + s.score, 0) / scored.length,
        weight: METABOLIC_WEIGHTS.lipids,
        model: result.ref,
      });
    }
  } else log.lack('labs.total_chol_mgdl', 'a lipid panel (total, LDL, HDL cholesterol or triglycerides)');

  if (f.blood_pressure !== null) {
    const result = runModel(bloodPressureModel, { sbp: f.blood_pressure.sbp_mmhg, dbp: f.blood_pressure.dbp_mmhg });
    if (result.ok) {
      log.have('blood_pressure');
      drafts.push({
        id: 'blood_pressure',
        label: `Blood pressure (${result.outputs.category}, mean of ${f.blood_pressure.readings} readings)`,
        value: f.blood_pressure.sbp_mmhg,
        unit: 'mmHg systolic',
        subScore: ladderScore(BP_LADDER, result.outputs.category),
        weight: METABOLIC_WEIGHTS.blood_pressure,
        model: result.ref,
      });
      notes.push(...result.warnings);
    } else notes.push(`blood pressure not classified: ${result.reason}`);
  } else log.lack('blood_pressure', 'blood-pressure readings in the last 30 days');

  if (exercise.value !== null) {
    const weekly = exercise.value * 7;
    log.have('days.exercise_minutes');
    drafts.push({
      id: 'weekly_activity',
      label: 'Exercise minutes per week (last 7 days)',
      value: weekly,
      unit: 'min/week',
      subScore: scoreOn(WEEKLY_ACTIVITY_CURVE, weekly),
      weight: METABOLIC_WEIGHTS.activity,
      model: null,
    });
  } else log.lack('days.exercise_minutes', 'exercise minutes on at least 4 of the 7 days before today');

  return twinResult('metabolic', ctx, {
    drafts,
    log,
    insufficient:
      drafts.length >= METABOLIC_MIN_COMPONENTS
        ? null
        : `${drafts.length} component(s) could be scored; at least ${METABOLIC_MIN_COMPONENTS} are needed`,
    windowDays: f.window_days,
    coverage: weightCoverage(drafts, TOTAL_WEIGHT),
    notes,
  });
}

/**
 * FINDRISC when every item is known, else the ADA risk test when every item it asks is known (../model-inputs: both
 * strict). Missing items are reported for FINDRISC, the preferred score, plus what only the ADA test asks.
 */
function diabetesRiskComponent(f: TwinFeatures, log: SufficiencyLog, drafts: ComponentDraft[], notes: string[]): void {
  const findrisc = findriscRisk(f);
  if (findrisc.ok) {
    const { band, points, model, warnings, notes: how } = findrisc.value;
    log.have('diabetes risk items');
    drafts.unshift({
      id: 'diabetes_risk',
      label: `FINDRISC (${band})`,
      value: points,
      unit: 'points',
      subScore: ladderScore(FINDRISC_BANDS, band),
      weight: METABOLIC_WEIGHTS.diabetes_risk,
      model,
    });
    notes.push(...how, ...warnings);
    return;
  }
  if (findrisc.missing.length === 0) {
    // Not applicable (a diagnosis, labs in the diabetes range): the ADA test would not apply either.
    notes.push(`diabetes risk scores skipped: ${findrisc.reason}`);
    return;
  }
  const ada = adaRiskTest(f);
  if (ada.ok) {
    const { points, model, warnings, notes: how } = ada.value;
    log.have('diabetes risk items');
    drafts.unshift({
      id: 'diabetes_risk',
      label: `ADA diabetes risk test (${points} points)`,
      value: points,
      unit: 'points',
      subScore: scoreOn(ADA_POINTS_CURVE, points),
      weight: METABOLIC_WEIGHTS.diabetes_risk,
      model,
    });
    notes.push(...how, ...warnings);
    return;
  }
  const missing = [...findrisc.missing, ...ada.missing.filter((m) => !findrisc.missing.some((x) => x.input === m.input))];
  missing.forEach((m) => log.lack(m.input, m.need));
}
