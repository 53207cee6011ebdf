import {
  cardiacTenYearRisk,
  FINDRISC_DISCRIMINATION,
  findriscRisk,
  pceDiscrimination,
  preventDiscrimination,
  VASAN_DISCRIMINATION,
  type Discrimination,
  type FindriscBand,
  type MissingInput,
} from '../model-inputs/index.js';
import { constantHazardMethod, constantHazardProbability, TIMEFRAME_MONTHS, type Timeframe } from '../risk/index.js';
import type { TwinFeatures } from '../twin-features.js';
import type { TwinScores } from '../twin-score.js';
import { hypertensionProgression } from './hypertension-progression.js';
import { preventionAdvice, type PredictedCondition } from './prevention-actions.js';

export type PredictionSeverity = 'low' | 'moderate' | 'high';

export interface Prediction {
  readonly condition: PredictedCondition;
  /** probability of the condition within the timeframe, 0-1 */
  readonly probability: number;
  /**
   * the model's published discrimination (C-statistic / ROC AUC) in its validation cohort, 0.5-1; null where the source
   * publishes none. A property of the model, not of this estimate; `confidence_basis` cites it.
   */
  readonly confidence: number | null;
  readonly confidence_basis: string;
  /** `0-6 months`: under a constant hazard the probability is spread over the whole timeframe, not a sub-window */
  readonly timeline: string;
  /** the published risk category of the model's own output; null where the source defines none */
  readonly severity: PredictionSeverity | null;
  readonly severity_basis: string;
  readonly preventable: boolean;
  readonly prevention_actions: readonly string[];
  readonly prevention_source: string;
  /** `model-id@version` */
  readonly model: string;
  readonly method: string;
  /** the model's own probability and horizon, before conversion */
  readonly model_probability: { readonly years: number; readonly probability: number };
  readonly warnings: readonly string[];
}

export interface NotAssessed {
  readonly condition: PredictedCondition;
  readonly missing: readonly string[];
  readonly reason: string;
}

export interface ConditionPredictions {
  readonly prediction_date: string;
  readonly timeframe: Timeframe;
  readonly predictions: readonly Prediction[];
  readonly not_assessed: readonly NotAssessed[];
}

const confidenceOf = (d: Discrimination) => ({ confidence: d.c_statistic, confidence_basis: d.basis });

/** `not_assessed.missing` lists the feature paths; the reason says what each one needs. */
const inputsOf = (missing: readonly MissingInput[]): string[] => missing.map((m) => m.input);

const ASCVD_SEVERITY: Readonly<Record<string, PredictionSeverity>> = {
  low: 'low',
  borderline: 'low',
  intermediate: 'moderate',
  high: 'high',
};
const FINDRISC_SEVERITY: Readonly<Record<FindriscBand, PredictionSeverity>> = {
  low: 'low',
  slightly_elevated: 'low',
  moderate: 'moderate',
  high: 'high',
  very_high: 'high',
};

/**
 * Spec 4.4: the conditions whose models can run on the snapshot, each as the probability within `timeframe` converted
 * from the model's own horizon under a constant hazard; the others listed in not_assessed with what is missing.
 * `_twins` is accepted for the surface's sake; predictions come from the models, not from the twin scores.
 */
export function predictConditions(f: TwinFeatures, _twins: TwinScores, timeframe: Timeframe): ConditionPredictions {
  const months = TIMEFRAME_MONTHS[timeframe];
  const predictions: Prediction[] = [];
  const notAssessed: NotAssessed[] = [];
  const convert = (p: number, years: number) => constantHazardProbability(p, years, months / 12);
  const common = (condition: PredictedCondition, p: number, years: number, discrimination: Discrimination) => {
    const advice = preventionAdvice(condition, f, p);
    return {
      condition,
      probability: convert(p, years),
      ...confidenceOf(discrimination),
      timeline: `0-${months} months`,
      preventable: true,
      prevention_actions: advice.actions,
      prevention_source: advice.source,
      method: constantHazardMethod(years, months),
      model_probability: { years, probability: p },
    };
  };

  const cardiac = cardiacTenYearRisk(f);
  if (cardiac.ok) {
    const { risk10y, heartFailure10y, preventUnavailable, model, warnings, outcome, category, equation, sex, race } = cardiac.value;
    const discrimination = (outcomeName: 'ASCVD' | 'heart failure') =>
      equation === 'PREVENT' || race === null ? preventDiscrimination(sex, outcomeName) : pceDiscrimination(sex, race);
    predictions.push({
      ...common('cardiac_event', risk10y, 10, discrimination('ASCVD')),
      severity: category === null ? null : (ASCVD_SEVERITY[category] ?? null),
      severity_basis: `2018/2019 ACC/AHA 10-year ASCVD risk category "${category}" (ascvd-risk-category; low and borderline → low, intermediate → moderate, high → high); outcome: ${outcome}`,
      model,
      warnings,
    });
    if (heartFailure10y === null) {
      const why = preventUnavailable?.reason ?? 'PREVENT did not run';
      notAssessed.push({
        condition: 'heart_failure',
        missing: inputsOf(preventUnavailable?.missing ?? []),
        reason: `heart-failure risk comes from PREVENT only: ${why}`,
      });
    } else {
      predictions.push({
        ...common('heart_failure', heartFailure10y, 10, discrimination('heart failure')),
        severity: null,
        severity_basis: 'PREVENT publishes no risk categories for heart failure',
        model,
        warnings,
      });
    }
  } else {
    notAssessed.push({ condition: 'cardiac_event', missing: inputsOf(cardiac.missing), reason: cardiac.reason });
    notAssessed.push({ condition: 'heart_failure', missing: inputsOf(cardiac.missing), reason: cardiac.reason });
  }

  const diabetes = findriscRisk(f);
  if (diabetes.ok) {
    const { risk10y, band, points, model, warnings } = diabetes.value;
    predictions.push({
      ...common('type_2_diabetes', risk10y, 10, FINDRISC_DISCRIMINATION),
      severity: FINDRISC_SEVERITY[band],
      severity_basis: `FINDRISC band "${band}" (${points} points; low and slightly elevated → low, moderate → moderate, high and very high → high)`,
      model,
      warnings,
    });
  } else {
    notAssessed.push({ condition: 'type_2_diabetes', missing: inputsOf(diabetes.missing), reason: diabetes.reason });
  }

  const hypertension = hypertensionProgression(f);
  if (hypertension.ok) {
    const { fourYearRisk, category, model } = hypertension.value;
    predictions.push({
      ...common('hypertension', fourYearRisk, 4, VASAN_DISCRIMINATION),
      severity: null,
      severity_basis: `no published severity for progression; baseline JNC-6 category "${category}"`,
      model,
      warnings: [],
    });
  } else {
    notAssessed.push({ condition: 'hypertension', missing: inputsOf(hypertension.missing), reason: hypertension.reason });
  }

  return { prediction_date: f.as_of, timeframe, predictions, not_assessed: notAssessed };
}
