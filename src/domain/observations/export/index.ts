/** Exports of stored observations to other formats. Pure: no I/O, no clock. */
export {
  buildFhirBundle,
  CATEGORY,
  FHIR_SYSTEMS,
  fhirBundleChunks,
  fhirBundleChunksAsync,
  fhirDateTime,
  FhirExportError,
  fhirObservation,
  HOMEOSTAT_FHIR_NAMESPACE,
  uuidV5,
} from './fhir-bundle.js';
export type { FhirBundleOptions, FhirCategory, FhirPerson, StoredSample } from './fhir-bundle.js';
