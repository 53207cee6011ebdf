/**
 * Actigraphy: minute series from actigraphy counts or steps, the validated analyses (sleep/wake, nights, circadian
 * rhythm, activity patterns, what the data supports), and the PAT encoder (forward pass in a worker thread).
 */
export { ActigraphyService, type ActigraphyServiceOptions } from './actigraphy-service.js';
export type { AnalysisOptions } from './analyses/analyse.js';
export { patModelsInfo } from './pat/pat-models-info.js';
export { PAT_INPUT_MINUTES, PAT_SIZES, type PatSize } from './pat/pat-architecture.js';
export type { PatModelState } from './pat/pat-runtime.js';
export {
  InProcessAnalysisEvents,
  type AnalysisCompletedEvent,
  type AnalysisEvents,
  type AnalysisProgressEvent,
} from './progress-events.js';
export { MAX_ANALYSIS_HOURS, MIN_ANALYSIS_HOURS, SUPPORTED_SAMPLING_RATES, type ActigraphyInput } from './series/actigraphy-input.js';
export type { HealthKitStepSample, StepDataRequest } from './series/step-input.js';
export type { StoredAnalysis, StoredAttention } from './store/analysis-store.js';
