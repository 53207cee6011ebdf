/**
 * Apple Health export (`export.xml`) ingest, pure part: a streaming byte-level parser that turns the XML into
 * SampleInputs, activity summaries, the person's characteristics and per-record errors. Reading the zip is the
 * platform's job (src/platform/archive); storing the samples is the observation store's.
 */
export { AppleHealthParser, parseAppleHealthExport } from './apple-health-parser.js';
export type { AppleHealthHandlers, AppleHealthParserOptions, AppleHealthParseStats } from './apple-health-parser.js';
export { AppleHealthExportError } from './errors.js';
export type { ExportErrorCode } from './errors.js';
export type {
  ActivitySummary,
  AppleHealthEvent,
  AttributeMap,
  BiologicalSex,
  ElementPosition,
  ExportDate,
  InstantaneousBeat,
  MeCharacteristics,
  RecordError,
  RecordErrorCode,
  SampleInfo,
  WorkoutDetails,
  WorkoutRouteReference,
} from './export-types.js';
export { parseCalendarDate, parseExportInstant, parseExportOffsetMinutes } from './export-date.js';
