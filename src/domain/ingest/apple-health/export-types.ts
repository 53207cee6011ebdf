/** What the Apple Health export parser reports besides SampleInputs. */
import type { SampleInput } from '../../observations/index.js';

/** Where a top-level element (a child of `<HealthData>`) starts. */
export interface ElementPosition {
  /** 0-based position among the children of `<HealthData>`. */
  readonly index: number;
  /** Byte offset of its start tag in the XML. */
  readonly offset: number;
  /** 1-based line of its start tag. */
  readonly line: number;
}

/** One beat of `<HeartRateVariabilityMetadataList><InstantaneousBeatsPerMinute bpm= time=/>`. */
export interface InstantaneousBeat {
  readonly bpm: number;
  /** Local time of day as written, in the export's locale ("7:41:59.86 PM", "19:41:59,86"). */
  readonly time: string;
}

export type AttributeMap = Readonly<Record<string, string>>;

export interface WorkoutRouteReference {
  readonly attributes: AttributeMap;
  /** `<FileReference path=…>` paths, relative to the export folder ("/workout-routes/route_….gpx"). */
  readonly filePaths: readonly string[];
  /** Inline `<Location>` elements (old exports put route points in the XML); kept as attribute maps. */
  readonly locations: readonly AttributeMap[];
  readonly metadata: Readonly<Record<string, string>> | null;
}

/** What a `<Workout>` holds besides its sample: kept raw, the store decides what to keep. */
export interface WorkoutDetails {
  readonly events: readonly AttributeMap[];
  readonly statistics: readonly AttributeMap[];
  readonly routes: readonly WorkoutRouteReference[];
  /** iOS 17+ `<WorkoutActivity>` elements (multisport segments), their attributes. */
  readonly activities: readonly AttributeMap[];
}

export interface SampleInfo extends ElementPosition {
  /** `creationDate` as epoch ms, when present and valid. */
  readonly createdAt: number | null;
  /** Beat-to-beat data of an HRV record, else null. */
  readonly beats: readonly InstantaneousBeat[] | null;
  /** Set for a workout sample. */
  readonly workout: WorkoutDetails | null;
}

/** `<ActivitySummary>`: the rings of one day. Energies in kcal, times in minutes, stand in hours. */
export interface ActivitySummary {
  /** `dateComponents`, a local calendar date `YYYY-MM-DD`. */
  readonly date: string;
  readonly activeEnergyKcal: number | null;
  readonly activeEnergyGoalKcal: number | null;
  readonly moveTimeMinutes: number | null;
  readonly moveTimeGoalMinutes: number | null;
  readonly exerciseTimeMinutes: number | null;
  readonly exerciseTimeGoalMinutes: number | null;
  readonly standHours: number | null;
  readonly standHoursGoal: number | null;
}

export type BiologicalSex = 'female' | 'male' | 'other';

/** `<Me>`: the person's characteristics. Null where the export says "not set". */
export interface MeCharacteristics {
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth: string | null;
  readonly sex: BiologicalSex | null;
  /** ABO and Rh as usually written: `A+`, `O-`, `AB+`, … */
  readonly bloodType: string | null;
  /** Fitzpatrick skin type as a Roman numeral `I`…`VI`. */
  readonly fitzpatrickSkinType: string | null;
  /** `HKCardioFitnessMedicationsUse…` without its prefix (iOS 16+: `None`, `CalciumChannelBlockers`, …), when set. */
  readonly cardioFitnessMedicationsUse: string | null;
  /** Every attribute as written, for characteristics not interpreted here. */
  readonly attributes: AttributeMap;
}

export interface ExportDate {
  /** Epoch milliseconds (UTC). */
  readonly instant: number;
  readonly utcOffsetMinutes: number | null;
  readonly value: string;
}

export type RecordErrorCode =
  | 'missing_attribute'
  | 'bad_date'
  | 'bad_interval'
  | 'bad_value'
  | 'unknown_unit'
  | 'wrong_dimension'
  | 'bad_category'
  | 'incomplete_correlation';

/** A top-level element that could not be turned into a sample or summary; the parse goes on. */
export interface RecordError extends ElementPosition {
  /** The element's name: Record, Correlation, Workout, ActivitySummary, … */
  readonly element: string;
  /** Its HealthKit type identifier (or activity type), when it has one. */
  readonly identifier: string | null;
  readonly code: RecordErrorCode;
  readonly reason: string;
}

/** Everything the parser reports, for the async-iterator API. */
export type AppleHealthEvent =
  | { readonly kind: 'sample'; readonly sample: SampleInput; readonly info: SampleInfo }
  | { readonly kind: 'activitySummary'; readonly summary: ActivitySummary; readonly position: ElementPosition }
  | { readonly kind: 'me'; readonly me: MeCharacteristics }
  | { readonly kind: 'exportDate'; readonly exportDate: ExportDate }
  | { readonly kind: 'recordError'; readonly error: RecordError };
