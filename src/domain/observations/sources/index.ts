/**
 * Sources and devices of observations: normalised device identity, source classes and per-user priority, the natural
 * dedup key, and the priority merge of cumulative types. Pure: no I/O, no clock, no node:* imports.
 */
export { decodeXmlEntities, deviceKey, deviceKeyOf, DEVICE_KEY_VERSION, parseHkDevice } from './device-identity.js';
export type { DeviceIdentity } from './device-identity.js';
export {
  classifySource,
  DEFAULT_SOURCE_PRIORITY,
  isSourceClass,
  SOURCE_CLASSES,
  sourceKey,
  sourceRank,
  validateSourcePriority,
  wasUserEntered,
} from './source-class.js';
export type { PriorityEntry, RankedSource, SourceClass, SourceDescription, SourcePriority } from './source-class.js';
export { canonicalInstant, canonicalNumber, canonicalValue, DEDUP_KEY_VERSION, DEDUP_SIGNIFICANT_DIGITS, dedupKey, dedupKeyForSource } from './dedup-key.js';
export type { DedupKeyInput, SampleValue } from './dedup-key.js';
export { mergeCumulative } from './cumulative-merge.js';
export type { CumulativeSample, MergedSegment, MergeOptions } from './cumulative-merge.js';
export { bucketTotals, mergedBucketTotals, totalOf } from './cumulative-totals.js';
export type { BucketTotal } from './cumulative-totals.js';
