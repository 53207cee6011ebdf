/** The digital twin: features snapshot → pure scoring → stored scores with provenance, trends and recompute jobs. */
export * from './twin-features.js';
export * from './twin-score.js';
export { TwinStore, type StoredSnapshot, type StoredTwinScore, type ScoreHistoryPoint } from './store/twin-store.js';
export {
  overallHealthScore,
  RECOMPUTE_JOB,
  snapshotDay,
  TWIN_ENGINE_VERSION,
  TwinEngine,
  type Computed,
  type FeatureSource,
  type Scorer,
  type TwinEngineDeps,
  type TwinStatusView,
  type TwinView,
} from './engine/twin-engine.js';
export { TREND_LOOKBACK_DAYS, TREND_MIN_POINTS, trendOf, type Trend } from './engine/trend.js';
export { canonicalJson, inputsHash } from './engine/inputs-hash.js';
export { createTwinEngine } from './create-twin-engine.js';
