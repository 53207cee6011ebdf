import { bmiOf, glycemicCategory } from '../model-inputs/index.js';
import type { TwinFeatures } from '../twin-features.js';

export type PredictedCondition = 'cardiac_event' | 'heart_failure' | 'type_2_diabetes' | 'hypertension';

export interface PreventionAdvice {
  readonly actions: readonly string[];
  readonly source: string;
}

const SOURCES: Readonly<Record<PredictedCondition, string>> = {
  cardiac_event:
    'Arnett DK et al. 2019 ACC/AHA Guideline on the Primary Prevention of Cardiovascular Disease. Circulation 2019;140(11):e596-e646, doi:10.1161/CIR.0000000000000678.',
  heart_failure:
    'Heidenreich PA et al. 2022 AHA/ACC/HFSA Guideline for the Management of Heart Failure, section 5 (stage A, at risk for heart failure). Circulation 2022;145(18):e895-e1032, doi:10.1161/CIR.0000000000001063.',
  type_2_diabetes:
    'Knowler WC et al. (Diabetes Prevention Program) N Engl J Med 2002;346(6):393-403, doi:10.1056/NEJMoa012512; ADA Standards of Care in Diabetes, section 3 (prevention or delay of diabetes).',
  hypertension:
    'Whelton PK et al. 2017 ACC/AHA high blood pressure guideline, Hypertension 2018;71(6):e13-e115, Table 15 (best proven nonpharmacological interventions).',
};

/** Guideline actions for a condition, the generic ones always and the rest only when the person has the factor. */
export function preventionAdvice(condition: PredictedCondition, f: TwinFeatures, tenYearRisk: number): PreventionAdvice {
  const bmi = bmiOf(f)?.value ?? null;
  const overweight = bmi !== null && bmi >= 25;
  const raisedBp = f.blood_pressure !== null && (f.blood_pressure.sbp_mmhg >= 130 || f.blood_pressure.dbp_mmhg >= 80);
  const smoker = f.history.smoker === true;
  const actions: (string | false)[] = (() => {
    switch (condition) {
      case 'cardiac_event':
        return [
          smoker && 'Stop smoking',
          raisedBp && 'Bring blood pressure below 130/80 mmHg',
          tenYearRisk >= 0.075 && f.history.statin !== true && 'Discuss statin therapy with a clinician (10-year risk 7.5 % or more)',
          overweight && 'Lose weight',
          'Do at least 150 minutes a week of moderate-intensity physical activity',
          'Eat mostly vegetables, fruit, legumes, nuts, whole grains and fish',
        ];
      case 'heart_failure':
        return [
          raisedBp && 'Bring blood pressure below 130/80 mmHg',
          f.history.diabetes === true && 'Ask a clinician about an SGLT2 inhibitor (type 2 diabetes)',
          smoker && 'Stop smoking',
          bmi !== null && bmi >= 30 && 'Lose weight',
          'Stay physically active',
        ];
      case 'type_2_diabetes':
        return [
          overweight && 'Lose 5-7 % of body weight',
          'Do at least 150 minutes a week of moderate activity such as brisk walking',
          glycemicCategory(f)?.value === 'prediabetes' && 'Have HbA1c checked at least yearly (prediabetes)',
          'Eat less sugar and refined starch; more fibre and whole grains',
        ];
      case 'hypertension':
        return [
          overweight && 'Lose weight (about 1 mmHg lower per kg lost)',
          'Follow the DASH eating pattern',
          'Cut salt (sodium below 1,500 mg a day, or by at least 1,000 mg)',
          'Do 90-150 minutes a week of aerobic exercise',
          'Keep alcohol to at most 2 drinks a day for men, 1 for women',
        ];
    }
  })();
  return { actions: actions.filter((a): a is string => a !== false), source: SOURCES[condition] };
}
