export {
  HYPERTENSION_PROGRESSION_MODEL,
  hypertensionProgression,
  jnc6Category,
  type HypertensionProgression,
  type Jnc6Category,
} from './hypertension-progression.js';
export {
  predictConditions,
  type ConditionPredictions,
  type NotAssessed,
  type Prediction,
  type PredictionSeverity,
} from './predict-conditions.js';
export { preventionAdvice, type PredictedCondition, type PreventionAdvice } from './prevention-actions.js';
export { TIMEFRAMES, type Timeframe } from '../risk/index.js';
