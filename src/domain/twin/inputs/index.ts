/** The twin's inputs: the features snapshot read from the store, and the health profile a person states. */
export { buildTwinFeatures, MAX_WINDOW_DAYS, type TwinFeatureDeps, type TwinFeatureOptions } from './build-twin-features.js';
export { DEFAULT_WINDOW_DAYS, LOOK_BACK_MS, NIGHTS } from './look-back.js';
export {
  applyHealthProfilePatch,
  CLOCK_TIME,
  EMPTY_HEALTH_PROFILE,
  FAMILY_DIABETES,
  HISTORY_FIELDS,
  OCCUPATION_FIELDS,
  parseHealthProfile,
  patchedFields,
  PHYSICAL_DEMANDS,
  RACES,
  type HealthProfile,
  type HealthProfilePatch,
} from './health-profile.js';
export { HealthProfiles } from './health-profile-store.js';
