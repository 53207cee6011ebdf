/** The observation store: persisted samples with dedup, source priority, rollups; ingest batch status. */
export { ObservationStore } from './observation-store.js';
export { PersonDataChanges, type DataChangeListener } from './person-data-changes.js';
export {
  extendExtents,
  ObservationWriter,
  type RejectedSample,
  type TypeExtents,
  type WriteRequest,
  type WriteResult,
} from './observation-writer.js';
export { prepareSamples, structuralProblem, type PreparedRow, type PreparedSample } from './prepared-sample.js';
export { ObservationReader, type RawCursor, type RawQuery, type StoredObservation } from './observation-reader.js';
export {
  IngestBatches,
  MAX_STORED_ERRORS,
  type BatchKind,
  type BatchProgress,
  type BatchState,
  type IngestBatch,
  type ItemError,
} from './ingest-batches.js';
export { DAY_MS, HOUR_MS, type Aggregate, type RollupPeriod } from './observation-tx.js';
export { localDayKey, rollupKindOf, type RollupKind } from './rollup-plan.js';
export { parseSourcePriority, MAX_CUMULATIVE_SPAN_MS } from './rollup-compute.js';
export { dedupHash, truncateToSecond } from './observation-row.js';
