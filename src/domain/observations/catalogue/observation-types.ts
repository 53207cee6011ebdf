/**
 * THE table of observation types: one row per type we store, with its canonical UCUM unit, LOINC code, plausible
 * range and the names it has in HealthKit, the Clarity spec (`HealthMetricType`) and the Twin spec. Pure data and
 * lookups; see README.md for the columns and the reasons behind the unit and LOINC choices.
 *
 * LOINC codes are only filled in where we are sure of them (each one is cross-checked against the HealthKitOnFHIR
 * mapping table of Stanford BDHG and its check digit is verified in the tests); otherwise `null` with a comment.
 */
import type { CanonicalUnit, Dimension } from './units.js';

export type ObservationKind = 'quantity' | 'category' | 'correlation';
/**
 * cumulative: a sample is an amount over its interval; rollups sum it, and overlapping sources are merged by source
 * priority (never summed across sources). discrete: a sample is a level at a time; rollups average it.
 */
export type Aggregation = 'cumulative' | 'discrete';

/** Clarity spec §3.2 "Supported Metric Types". */
export const CLARITY_METRIC_TYPES = [
  'HEART_RATE',
  'HEART_RATE_VARIABILITY',
  'BLOOD_PRESSURE',
  'BLOOD_OXYGEN',
  'RESPIRATORY_RATE',
  'SLEEP_ANALYSIS',
  'ACTIVITY_LEVEL',
  'STRESS_INDICATORS',
  'MOOD_ASSESSMENT',
  'COGNITIVE_METRICS',
  'ENVIRONMENTAL',
  'BODY_TEMPERATURE',
  'BLOOD_GLUCOSE',
] as const;
export type ClarityMetricType = (typeof CLARITY_METRIC_TYPES)[number];

/**
 * Twin spec metric names: §3.1 vitals `metric` (heart_rate, hrv, blood_pressure, spo2, temperature), §3.3 activity
 * (steps, distance, calories, workouts = exercise_sessions), §3.2 sleep, §3.4 manual entries (weight, glucose).
 */
export const TWIN_METRICS = [
  'heart_rate',
  'hrv',
  'blood_pressure',
  'spo2',
  'temperature',
  'steps',
  'distance',
  'calories',
  'sleep',
  'workouts',
  'weight',
  'glucose',
] as const;
export type TwinMetric = (typeof TWIN_METRICS)[number];

export interface PlausibleRange {
  /** Inclusive bounds in the canonical unit; outside them a manual entry is physiologically impossible. */
  readonly min: number;
  readonly max: number;
}

interface Row {
  readonly id: string;
  readonly kind: ObservationKind;
  readonly aggregation: Aggregation;
  /** Canonical unit (UCUM). For category types: the unit a sample contributes (its duration, or one event). */
  readonly unit: CanonicalUnit;
  readonly loinc: string | null;
  /** Further LOINC codings to emit beside `loinc` in FHIR (e.g. the vital-signs profile's required code). */
  readonly loincAdditional?: readonly string[];
  /** Per sample, canonical unit; null for category and correlation types (their components carry ranges). */
  readonly range: PlausibleRange | null;
  readonly healthKit: readonly string[];
  readonly clarity: ClarityMetricType | null;
  readonly twin: TwinMetric | null;
  /** Correlation only: the component types, in order. */
  readonly components?: readonly string[];
  /**
   * A lab substance whose molar unit converts by its own molar mass (cholesterol, creatinine, …): the dimension its
   * spellings live in. Default: the canonical unit's dimension.
   */
  readonly dimension?: Dimension;
}

const HKQ = 'HKQuantityTypeIdentifier';
const HKC = 'HKCategoryTypeIdentifier';

const r = (min: number, max: number): PlausibleRange => ({ min, max });

// One row per line keeps the table readable as a table:
// prettier-ignore
const TABLE = [
  // ── Heart ──────────────────────────────────────────────────────────────────────────────────────────────────────
  { id: 'heart_rate', kind: 'quantity', aggregation: 'discrete', unit: '/min', loinc: '8867-4', range: r(20, 300),
    healthKit: [`${HKQ}HeartRate`], clarity: 'HEART_RATE', twin: 'heart_rate' },
  { id: 'resting_heart_rate', kind: 'quantity', aggregation: 'discrete', unit: '/min', loinc: '40443-4', range: r(20, 250),
    healthKit: [`${HKQ}RestingHeartRate`], clarity: null, twin: null },
  // No LOINC code for Apple's walking average; null.
  { id: 'walking_heart_rate_average', kind: 'quantity', aggregation: 'discrete', unit: '/min', loinc: null, range: r(20, 250),
    healthKit: [`${HKQ}WalkingHeartRateAverage`], clarity: null, twin: null },
  // Heart-rate drop one minute after exercise; no LOINC code we are sure of.
  { id: 'heart_rate_recovery_one_minute', kind: 'quantity', aggregation: 'discrete', unit: '/min', loinc: null, range: r(0, 150),
    healthKit: [`${HKQ}HeartRateRecoveryOneMinute`], clarity: null, twin: null },
  // 80404-7 "R-R interval.standard deviation (Heart rate variability)" = SDNN, which is what HealthKit measures.
  { id: 'hrv_sdnn', kind: 'quantity', aggregation: 'discrete', unit: 'ms', loinc: '80404-7', range: r(0, 500),
    healthKit: [`${HKQ}HeartRateVariabilitySDNN`], clarity: 'HEART_RATE_VARIABILITY', twin: 'hrv' },
  // RMSSD (Oura, Whoop, computed from beat-to-beat lists). No LOINC code we are sure of; never stored as SDNN.
  { id: 'hrv_rmssd', kind: 'quantity', aggregation: 'discrete', unit: 'ms', loinc: null, range: r(0, 500),
    healthKit: [], clarity: null, twin: null },
  { id: 'high_heart_rate_event', kind: 'category', aggregation: 'cumulative', unit: '{count}', loinc: null, range: null,
    healthKit: [`${HKC}HighHeartRateEvent`], clarity: null, twin: null },
  { id: 'low_heart_rate_event', kind: 'category', aggregation: 'cumulative', unit: '{count}', loinc: null, range: null,
    healthKit: [`${HKC}LowHeartRateEvent`], clarity: null, twin: null },
  { id: 'irregular_heart_rhythm_event', kind: 'category', aggregation: 'cumulative', unit: '{count}', loinc: null, range: null,
    healthKit: [`${HKC}IrregularHeartRhythmEvent`], clarity: null, twin: null },

  // ── Vital signs ────────────────────────────────────────────────────────────────────────────────────────────────
  // 59408-5 "Oxygen saturation in Arterial blood by Pulse oximetry": wearables measure SpO2 by pulse oximetry.
  // 2708-6 (the method-less "Oxygen saturation in Arterial blood") is emitted too: FHIR R4's vital-signs profile
  // requires it on every oxygen-saturation Observation.
  { id: 'spo2', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: '59408-5', loincAdditional: ['2708-6'],
    range: r(50, 100), healthKit: [`${HKQ}OxygenSaturation`], clarity: 'BLOOD_OXYGEN', twin: 'spo2' },
  { id: 'respiratory_rate', kind: 'quantity', aggregation: 'discrete', unit: '/min', loinc: '9279-1', range: r(2, 80),
    healthKit: [`${HKQ}RespiratoryRate`], clarity: 'RESPIRATORY_RATE', twin: null },
  { id: 'body_temperature', kind: 'quantity', aggregation: 'discrete', unit: 'Cel', loinc: '8310-5', range: r(25, 45),
    healthKit: [`${HKQ}BodyTemperature`], clarity: 'BODY_TEMPERATURE', twin: 'temperature' },
  // Basal body temperature: no LOINC code we are sure of (8310-5 is body temperature without the basal condition).
  { id: 'basal_body_temperature', kind: 'quantity', aggregation: 'discrete', unit: 'Cel', loinc: null, range: r(30, 42),
    healthKit: [`${HKQ}BasalBodyTemperature`], clarity: null, twin: null },
  // Apple Watch sleeping wrist (skin) temperature; absolute °C per night. Not a core temperature: no 8310-5.
  { id: 'wrist_temperature', kind: 'quantity', aggregation: 'discrete', unit: 'Cel', loinc: null, range: r(20, 45),
    healthKit: [`${HKQ}AppleSleepingWristTemperature`], clarity: null, twin: null },
  { id: 'blood_pressure_systolic', kind: 'quantity', aggregation: 'discrete', unit: 'mm[Hg]', loinc: '8480-6', range: r(40, 300),
    healthKit: [`${HKQ}BloodPressureSystolic`], clarity: null, twin: null },
  { id: 'blood_pressure_diastolic', kind: 'quantity', aggregation: 'discrete', unit: 'mm[Hg]', loinc: '8462-4', range: r(20, 200),
    healthKit: [`${HKQ}BloodPressureDiastolic`], clarity: null, twin: null },
  // 85354-9 "Blood pressure panel with all children optional", the FHIR R4 vital-signs blood-pressure code.
  { id: 'blood_pressure', kind: 'correlation', aggregation: 'discrete', unit: 'mm[Hg]', loinc: '85354-9', range: null,
    components: ['blood_pressure_systolic', 'blood_pressure_diastolic'],
    healthKit: ['HKCorrelationTypeIdentifierBloodPressure'], clarity: 'BLOOD_PRESSURE', twin: 'blood_pressure' },

  // ── Metabolic and body measurements ────────────────────────────────────────────────────────────────────────────
  // 2339-0 "Glucose [Mass/volume] in Blood": mass concentration matches our mg/dL unit (15074-8 is the molar
  // [Moles/volume] code and would contradict it); "in Blood" because HealthKit does not say capillary/venous/CGM.
  // Record-high blood glucose is ~2,656 mg/dL, hence the generous upper bound.
  { id: 'blood_glucose', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2339-0', range: r(10, 2700),
    healthKit: [`${HKQ}BloodGlucose`], clarity: 'BLOOD_GLUCOSE', twin: 'glucose' },
  { id: 'body_mass', kind: 'quantity', aggregation: 'discrete', unit: 'kg', loinc: '29463-7', range: r(0.2, 700),
    healthKit: [`${HKQ}BodyMass`], clarity: null, twin: 'weight' },
  // cm, not m: the FHIR R4 vital-signs profile's body-height unit, and what people read.
  { id: 'height', kind: 'quantity', aggregation: 'discrete', unit: 'cm', loinc: '8302-2', range: r(20, 280),
    healthKit: [`${HKQ}Height`], clarity: null, twin: null },
  { id: 'bmi', kind: 'quantity', aggregation: 'discrete', unit: 'kg/m2', loinc: '39156-5', range: r(5, 200),
    healthKit: [`${HKQ}BodyMassIndex`], clarity: null, twin: null },
  { id: 'body_fat_percentage', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: '41982-0', range: r(1, 80),
    healthKit: [`${HKQ}BodyFatPercentage`], clarity: null, twin: null },
  // Lean body mass: no LOINC code we are sure of.
  { id: 'lean_body_mass', kind: 'quantity', aggregation: 'discrete', unit: 'kg', loinc: null, range: r(1, 400),
    healthKit: [`${HKQ}LeanBodyMass`], clarity: null, twin: null },
  { id: 'waist_circumference', kind: 'quantity', aggregation: 'discrete', unit: 'cm', loinc: '8280-0', range: r(20, 300),
    healthKit: [`${HKQ}WaistCircumference`], clarity: null, twin: null },
  // VO2max: no LOINC code we are sure of.
  { id: 'vo2_max', kind: 'quantity', aggregation: 'discrete', unit: 'mL/(kg.min)', loinc: null, range: r(5, 100),
    healthKit: [`${HKQ}VO2Max`], clarity: null, twin: null },

  // ── Laboratory (typed in from a lab report, or imported from clinical records) ───────────────────────────────────
  // Serum/plasma codes: lipid panels, HbA1c and creatinine are venous lab tests. Ranges are wide on purpose (familial
  // hypercholesterolaemia, severe hypertriglyceridaemia): they catch unit slips (5.2 "mg/dL" meant as mmol/L), not illness.
  { id: 'total_cholesterol', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2093-3', range: r(20, 1500),
    dimension: 'cholesterol_concentration', healthKit: [], clarity: null, twin: null },
  { id: 'hdl_cholesterol', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2085-9', range: r(1, 250),
    dimension: 'cholesterol_concentration', healthKit: [], clarity: null, twin: null },
  // 2089-1 "Cholesterol in LDL [Mass/volume] in Serum or Plasma" names no method, so it is true of a calculated
  // (Friedewald, Martin-Hopkins) and a directly measured LDL alike; a person copying a report rarely knows which. 13457-7
  // ("by calculation") would assert a method we were not told.
  { id: 'ldl_cholesterol', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2089-1', range: r(1, 1500),
    dimension: 'cholesterol_concentration', healthKit: [], clarity: null, twin: null },
  { id: 'triglycerides', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2571-8', range: r(5, 20_000),
    dimension: 'triglyceride_concentration', healthKit: [], clarity: null, twin: null },
  // 4548-4 "Hemoglobin A1c/Hemoglobin.total in Blood", NGSP/DCCT percent.
  { id: 'hba1c', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: '4548-4', range: r(2, 25),
    dimension: 'hba1c', healthKit: [], clarity: null, twin: null },
  // Fasting plasma glucose is its own type, not blood_glucose with a meal flag: it is the lab test diabetes criteria
  // use (>= 8 h without calories), has its own LOINC (1558-6 "Fasting glucose [Mass/volume] in Serum or Plasma"), and
  // the twin finds the latest one with one index seek instead of filtering a CGM's 100,000 readings a year. HealthKit's
  // HKBloodGlucoseMealTime "preprandial" means before a meal, not fasted, so such samples stay blood_glucose.
  { id: 'fasting_glucose', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '1558-6', range: r(10, 2700),
    healthKit: [], clarity: null, twin: null },
  { id: 'creatinine', kind: 'quantity', aggregation: 'discrete', unit: 'mg/dL', loinc: '2160-0', range: r(0.05, 40),
    dimension: 'creatinine_concentration', healthKit: [], clarity: null, twin: null },

  // ── Questionnaires: value = total; sample components = item scores item_1 … item_n (0-3) ─────────────────────────
  // 44261-6 "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"; 70274-6 "Generalized anxiety disorder
  // 7 item (GAD-7) total score [Reported.PHQ]".
  { id: 'phq9', kind: 'quantity', aggregation: 'discrete', unit: '{score}', loinc: '44261-6', range: r(0, 27),
    healthKit: [], clarity: null, twin: null },
  { id: 'gad7', kind: 'quantity', aggregation: 'discrete', unit: '{score}', loinc: '70274-6', range: r(0, 21),
    healthKit: [], clarity: null, twin: null },

  // ── Activity (cumulative: ranges are per sample) ───────────────────────────────────────────────────────────────
  // {count}: a UCUM annotation, equal to 1 for any UCUM processor, but it says what is counted.
  { id: 'steps', kind: 'quantity', aggregation: 'cumulative', unit: '{count}', loinc: '55423-8', range: r(0, 250_000),
    healthKit: [`${HKQ}StepCount`], clarity: 'ACTIVITY_LEVEL', twin: 'steps' },
  // Walking + running distance. No LOINC code we are sure of for device-measured distance; null.
  { id: 'distance', kind: 'quantity', aggregation: 'cumulative', unit: 'm', loinc: null, range: r(0, 500_000),
    healthKit: [`${HKQ}DistanceWalkingRunning`], clarity: 'ACTIVITY_LEVEL', twin: 'distance' },
  { id: 'distance_cycling', kind: 'quantity', aggregation: 'cumulative', unit: 'm', loinc: null, range: r(0, 1_000_000),
    healthKit: [`${HKQ}DistanceCycling`], clarity: null, twin: null },
  // HealthKitOnFHIR maps swimming distance to 93816-7; not verified by us, so null.
  { id: 'distance_swimming', kind: 'quantity', aggregation: 'cumulative', unit: 'm', loinc: null, range: r(0, 100_000),
    healthKit: [`${HKQ}DistanceSwimming`], clarity: null, twin: null },
  { id: 'distance_wheelchair', kind: 'quantity', aggregation: 'cumulative', unit: 'm', loinc: null, range: r(0, 500_000),
    healthKit: [`${HKQ}DistanceWheelchair`], clarity: null, twin: null },
  { id: 'distance_downhill_snow_sports', kind: 'quantity', aggregation: 'cumulative', unit: 'm', loinc: null, range: r(0, 500_000),
    healthKit: [`${HKQ}DistanceDownhillSnowSports`], clarity: null, twin: null },
  // 41981-2 "Calories burned" (also HealthKitOnFHIR's code for ActiveEnergyBurned).
  { id: 'active_energy', kind: 'quantity', aggregation: 'cumulative', unit: 'kcal', loinc: '41981-2', range: r(0, 20_000),
    healthKit: [`${HKQ}ActiveEnergyBurned`], clarity: 'ACTIVITY_LEVEL', twin: 'calories' },
  // Resting energy: no LOINC code we are sure of.
  { id: 'basal_energy', kind: 'quantity', aggregation: 'cumulative', unit: 'kcal', loinc: null, range: r(0, 10_000),
    healthKit: [`${HKQ}BasalEnergyBurned`], clarity: null, twin: 'calories' },
  // HealthKitOnFHIR maps flights to 100304-5; not verified by us, so null.
  { id: 'flights_climbed', kind: 'quantity', aggregation: 'cumulative', unit: '{count}', loinc: null, range: r(0, 10_000),
    healthKit: [`${HKQ}FlightsClimbed`], clarity: 'ACTIVITY_LEVEL', twin: null },
  { id: 'push_count', kind: 'quantity', aggregation: 'cumulative', unit: '{count}', loinc: null, range: r(0, 250_000),
    healthKit: [`${HKQ}PushCount`], clarity: null, twin: null },
  { id: 'swimming_stroke_count', kind: 'quantity', aggregation: 'cumulative', unit: '{count}', loinc: null, range: r(0, 250_000),
    healthKit: [`${HKQ}SwimmingStrokeCount`], clarity: null, twin: null },
  { id: 'number_of_times_fallen', kind: 'quantity', aggregation: 'cumulative', unit: '{count}', loinc: null, range: r(0, 1_000),
    healthKit: [`${HKQ}NumberOfTimesFallen`], clarity: null, twin: null },
  { id: 'exercise_time', kind: 'quantity', aggregation: 'cumulative', unit: 'min', loinc: null, range: r(0, 1440),
    healthKit: [`${HKQ}AppleExerciseTime`], clarity: 'ACTIVITY_LEVEL', twin: null },
  { id: 'stand_time', kind: 'quantity', aggregation: 'cumulative', unit: 'min', loinc: null, range: r(0, 1440),
    healthKit: [`${HKQ}AppleStandTime`], clarity: 'ACTIVITY_LEVEL', twin: null },
  { id: 'move_time', kind: 'quantity', aggregation: 'cumulative', unit: 'min', loinc: null, range: r(0, 1440),
    healthKit: [`${HKQ}AppleMoveTime`], clarity: null, twin: null },
  // One sample per hour, value Stood/Idle; contributes its duration in minutes under its value.
  { id: 'stand_hour', kind: 'category', aggregation: 'cumulative', unit: 'min', loinc: null, range: null,
    healthKit: [`${HKC}AppleStandHour`], clarity: null, twin: null },
  // A workout (HKWorkout): value = activity type, contributes its duration; statistics arrive as their own types.
  { id: 'workout', kind: 'category', aggregation: 'cumulative', unit: 'min', loinc: null, range: null,
    healthKit: ['HKWorkoutTypeIdentifier'], clarity: null, twin: 'workouts' },

  // ── Mobility (discrete) ────────────────────────────────────────────────────────────────────────────────────────
  { id: 'walking_speed', kind: 'quantity', aggregation: 'discrete', unit: 'm/s', loinc: null, range: r(0, 10),
    healthKit: [`${HKQ}WalkingSpeed`], clarity: null, twin: null },
  { id: 'walking_step_length', kind: 'quantity', aggregation: 'discrete', unit: 'cm', loinc: null, range: r(5, 300),
    healthKit: [`${HKQ}WalkingStepLength`], clarity: null, twin: null },
  { id: 'walking_asymmetry_percentage', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: null, range: r(0, 100),
    healthKit: [`${HKQ}WalkingAsymmetryPercentage`], clarity: null, twin: null },
  { id: 'walking_double_support_percentage', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: null, range: r(0, 100),
    healthKit: [`${HKQ}WalkingDoubleSupportPercentage`], clarity: null, twin: null },
  { id: 'walking_steadiness', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: null, range: r(0, 100),
    healthKit: [`${HKQ}AppleWalkingSteadiness`], clarity: null, twin: null },
  { id: 'six_minute_walk_distance', kind: 'quantity', aggregation: 'discrete', unit: 'm', loinc: null, range: r(0, 1500),
    healthKit: [`${HKQ}SixMinuteWalkTestDistance`], clarity: null, twin: null },
  { id: 'stair_ascent_speed', kind: 'quantity', aggregation: 'discrete', unit: 'm/s', loinc: null, range: r(0, 5),
    healthKit: [`${HKQ}StairAscentSpeed`], clarity: null, twin: null },
  { id: 'stair_descent_speed', kind: 'quantity', aggregation: 'discrete', unit: 'm/s', loinc: null, range: r(0, 5),
    healthKit: [`${HKQ}StairDescentSpeed`], clarity: null, twin: null },

  // ── Sleep and mind ─────────────────────────────────────────────────────────────────────────────────────────────
  // Value = stage (see ../sleep/sleep-stage.ts for HealthKit's values); contributes its duration in minutes.
  { id: 'sleep_stage', kind: 'category', aggregation: 'cumulative', unit: 'min', loinc: null, range: null,
    healthKit: [`${HKC}SleepAnalysis`], clarity: 'SLEEP_ANALYSIS', twin: 'sleep' },
  { id: 'mindful_session', kind: 'category', aggregation: 'cumulative', unit: 'min', loinc: null, range: null,
    healthKit: [`${HKC}MindfulSession`], clarity: null, twin: null },

  // ── Environment and hearing ────────────────────────────────────────────────────────────────────────────────────
  // Sound levels are logarithmic: a rollup's mean must be the energy mean 10·log10(mean(10^(L/10))), as Apple's
  // LAeq is, not the arithmetic mean. TODO(rollups): honour `meanOfLevels` below.
  { id: 'environmental_audio_exposure', kind: 'quantity', aggregation: 'discrete', unit: 'dB[SPL]', loinc: null, range: r(0, 200),
    healthKit: [`${HKQ}EnvironmentalAudioExposure`], clarity: 'ENVIRONMENTAL', twin: null },
  { id: 'headphone_audio_exposure', kind: 'quantity', aggregation: 'discrete', unit: 'dB[SPL]', loinc: null, range: r(0, 200),
    healthKit: [`${HKQ}HeadphoneAudioExposure`], clarity: null, twin: null },
  { id: 'time_in_daylight', kind: 'quantity', aggregation: 'cumulative', unit: 'min', loinc: null, range: r(0, 1440),
    healthKit: [`${HKQ}TimeInDaylight`], clarity: 'ENVIRONMENTAL', twin: null },
  // Ambient conditions around the person (a room sensor, a weather feed, typed in). No LOINC codes we are sure of.
  // Temperature: the recorded extremes on Earth are −89.2 °C and 56.7 °C.
  { id: 'ambient_temperature', kind: 'quantity', aggregation: 'discrete', unit: 'Cel', loinc: null, range: r(-90, 60),
    healthKit: [], clarity: null, twin: null },
  { id: 'relative_humidity', kind: 'quantity', aggregation: 'discrete', unit: '%', loinc: null, range: r(0, 100),
    healthKit: [], clarity: null, twin: null },
  // PM2.5 mass concentration; hourly peaks in wildfire smoke and the worst urban episodes reach ~1,000-2,000 µg/m³.
  { id: 'pm25', kind: 'quantity', aggregation: 'discrete', unit: 'ug/m3', loinc: null, range: r(0, 3000),
    healthKit: [], clarity: null, twin: null },
] as const satisfies readonly Row[];

export type ObservationTypeId = (typeof TABLE)[number]['id'];

export interface ObservationType extends Omit<Row, 'id' | 'components'> {
  readonly id: ObservationTypeId;
  readonly components?: readonly ObservationTypeId[];
  /** How a discrete rollup averages: arithmetic, or the energy mean for decibel levels. */
  readonly meanOfLevels: 'arithmetic' | 'energy';
}

const DECIBEL_UNITS: ReadonlySet<CanonicalUnit> = new Set<CanonicalUnit>(['dB[SPL]']);

/** Every observation type, in table order. */
export const OBSERVATION_TYPES: readonly ObservationType[] = TABLE.map((row): ObservationType => ({
  ...(row as Row as ObservationType),
  meanOfLevels: DECIBEL_UNITS.has(row.unit) ? 'energy' : 'arithmetic',
}));

const BY_ID: ReadonlyMap<string, ObservationType> = new Map(OBSERVATION_TYPES.map((t) => [t.id, t]));
const BY_HEALTHKIT: ReadonlyMap<string, ObservationType> = new Map(
  OBSERVATION_TYPES.flatMap((t) => t.healthKit.map((hk) => [hk, t] as const)),
);

/** The type with this id, or undefined. */
export function byId(id: string): ObservationType | undefined {
  return BY_ID.get(id);
}

/** The type a HealthKit type identifier maps to (HKQuantityTypeIdentifier…, HKCategoryTypeIdentifier…, …), or undefined. */
export function byHealthKitIdentifier(identifier: string): ObservationType | undefined {
  return BY_HEALTHKIT.get(identifier);
}

export function isObservationTypeId(id: string): id is ObservationTypeId {
  return BY_ID.has(id);
}
