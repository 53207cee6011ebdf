/** Observation catalogue: types, their names in HealthKit / Clarity / Twin, canonical units and conversions. */
export {
  CLARITY_METRIC_TYPES,
  OBSERVATION_TYPES,
  TWIN_METRICS,
  byHealthKitIdentifier,
  byId,
  isObservationTypeId,
  type Aggregation,
  type ClarityMetricType,
  type ObservationKind,
  type ObservationType,
  type ObservationTypeId,
  type PlausibleRange,
  type TwinMetric,
} from './observation-types.js';
export { byClarityMetricType, byTwinMetric, type MetricMapping, type Resolution } from './metric-mappings.js';
export {
  CANONICAL_UNITS,
  GLUCOSE_MOLAR_MASS,
  UnitConversionError,
  UnknownObservationTypeError,
  UnknownUnitError,
  WrongDimensionError,
  acceptedUnits,
  dimensionOf,
  fromCanonical,
  toCanonical,
  type CanonicalUnit,
  type Dimension,
  type UnitDialect,
} from './units.js';
export { checkPlausible, type Plausibility } from './plausibility.js';
