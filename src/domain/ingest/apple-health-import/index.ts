/** Apple Health imports: upload to disk, job, parse worker, checkpointed writes. */
export {
  AppleHealthImports,
  EmptyUploadError,
  IMPORT_JOB,
  UploadTooLargeError,
  type ImportListener,
  type ImportResult,
} from './apple-health-imports.js';
export { IMPORT_BATCH_SIZE, runAppleHealthImport, type ImportOutcome, type ImportProgress } from './import-runner.js';
