/**
 * Features → library model inputs and runs, defined once for everything in src/domain/twin that calls a model on a
 * snapshot: the twins (../scoring), the risk assessment (../risk), fitness to work (../fitness) and the predictions
 * (../predictions). Policy: STRICT — an input the snapshot does not state is missing, never defaulted.
 */
export { HEALTH_PROFILE_ENDPOINT, missingReason, type MissingInput, type ModelAnswer } from './answer.js';
export { cardiacTenYearRisk, type CardiacEquation, type CardiacTenYearRisk } from './cardiac-ten-year-risk.js';
export {
  active30MinDaily,
  activeWeekly,
  bmiOf,
  egfrOf,
  glycemicCategory,
  recentExerciseMinutes,
  type Derived,
  type GlycemicCategory,
} from './derived-inputs.js';
export {
  adaRiskTest,
  FINDRISC_BANDS,
  FINDRISC_TEN_YEAR_RISK,
  findriscRisk,
  type DiabetesScore,
  type FindriscBand,
  type FindriscRisk,
} from './diabetes-risk.js';
export {
  FINDRISC_DISCRIMINATION,
  pceDiscrimination,
  preventDiscrimination,
  VASAN_DISCRIMINATION,
  type Discrimination,
} from './discrimination.js';
export {
  consecutiveRun,
  FATIGUE_EPOCH_MINUTES,
  forecastFatigue,
  peakKss,
  type FatigueForecast,
  type FatigueForecastOptions,
  type FatigueForecastResult,
  type FatiguePoint,
} from './fatigue-forecast.js';
export { fixedOffsetClock, parseLocal, zoneOffsetMinutes, type LocalClock } from './local-clock.js';
export { modelRef, runModel, type ModelRun } from './model-run.js';
export { shiftAround, shiftEndAfter, type ShiftSpan } from './shift.js';
