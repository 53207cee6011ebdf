/**
 * Everything the twin engine knows about one person at one instant, read from the store once (../inputs) and then
 * scored by pure code (../scoring, ../risk, ../fitness, ../predictions). Keeping the snapshot plain data is what makes
 * a score explainable (it is stored with a hash of this object), recomputable identically, and simulable (../simulation
 * edits a copy and scores it again).
 *
 * Every field that can be unknown is `null` — never a default. Units are in the names.
 */

/** One measured value and when it was measured (ISO 8601 instant). */
export interface Dated<T = number> {
  readonly value: T;
  readonly at: string;
}

export type Sex = 'female' | 'male';
export type Race = 'white' | 'african_american' | 'other';
export type FamilyDiabetes = 'none' | 'second_degree' | 'first_degree';
export type PhysicalDemand = 'sedentary' | 'light' | 'moderate' | 'heavy';

/** Facts a person (or their clinician) states about themselves; `null` = not stated. */
export interface ClinicalHistory {
  readonly race: Race | null;
  readonly smoker: boolean | null;
  readonly diabetes: boolean | null;
  readonly bp_treated: boolean | null;
  readonly statin: boolean | null;
  readonly family_diabetes: FamilyDiabetes | null;
  readonly gestational_diabetes: boolean | null;
  readonly high_glucose_ever: boolean | null;
  readonly veg_fruit_daily: boolean | null;
}

/** The person's work, for fatigue, occupational and fitness-to-work answers; `null` when not stated. */
export interface Occupation {
  readonly physical_demand: PhysicalDemand | null;
  readonly safety_critical: boolean | null;
  /** Usual shift in local clock time, `HH:MM`; an end before the start means the shift crosses midnight. */
  readonly shift_start_local: string | null;
  readonly shift_end_local: string | null;
}

/** Latest lab values (within the look-back window in ../inputs). */
export interface Labs {
  readonly total_chol_mgdl: Dated | null;
  readonly hdl_mgdl: Dated | null;
  readonly ldl_mgdl: Dated | null;
  readonly triglycerides_mgdl: Dated | null;
  readonly hba1c_percent: Dated | null;
  readonly fasting_glucose_mgdl: Dated | null;
  readonly creatinine_mgdl: Dated | null;
}

/** One local calendar day (the person's zone), oldest first in `TwinFeatures.days`. `null` = no data that day. */
export interface DayFeatures {
  /** YYYY-MM-DD, local */
  readonly date: string;
  /** daily resting heart rate: the day's `resting_heart_rate` mean (HealthKit computes it), else null */
  readonly resting_hr_bpm: number | null;
  /** mean of the day's HRV SDNN readings */
  readonly hrv_sdnn_ms: number | null;
  /** cumulative steps, merged by source priority (never summed across sources) */
  readonly steps: number | null;
  /** Apple exercise minutes, or minutes of workouts when no exercise time is recorded */
  readonly exercise_minutes: number | null;
  readonly active_energy_kcal: number | null;
  /** lowest SpO2 reading of the day, % */
  readonly spo2_min_percent: number | null;
  /** minutes with a heart-rate reading (wear time proxy), 0-1440 */
  readonly heart_rate_minutes: number | null;
  /** time-weighted exposure, dBA (environmental_audio_exposure daily mean) */
  readonly noise_dba: number | null;
}

/** One main sleep (naps excluded), dated by the local date of waking, oldest first. */
export interface NightFeatures {
  /** YYYY-MM-DD, local date of waking */
  readonly date: string;
  /** ISO 8601 instants */
  readonly sleep_start: string;
  readonly sleep_end: string;
  readonly asleep_minutes: number;
  readonly in_bed_minutes: number | null;
  /** asleep / time in bed (or / sleep period when in-bed is unknown), 0-1 */
  readonly efficiency: number | null;
  readonly deep_minutes: number | null;
  readonly rem_minutes: number | null;
  readonly awake_minutes: number | null;
  /** mean heart rate while asleep (NightSignal's overnight RHR) */
  readonly overnight_hr_bpm: number | null;
}

export interface TwinFeatures {
  /** the instant the snapshot describes (ISO 8601); every window ends here */
  readonly as_of: string;
  /** IANA zone the days are cut in (the latest one the data carries, else UTC) */
  readonly time_zone: string;
  /** how many days `days` covers (ending the day of as_of) */
  readonly window_days: number;
  readonly profile: {
    readonly age_years: number | null;
    readonly sex: Sex | null;
    readonly height_cm: number | null;
    /** latest body_mass observation in the window, else the profile's weight */
    readonly weight_kg: Dated | null;
    /** weight 90 days earlier (nearest reading), for trends; null when unknown */
    readonly weight_kg_90d_ago: Dated | null;
    readonly waist_cm: Dated | null;
  };
  readonly history: ClinicalHistory;
  readonly occupation: Occupation;
  readonly labs: Labs;
  /** mean of blood-pressure readings over the last 30 days (null without any) and how many there were */
  readonly blood_pressure: {
    readonly sbp_mmhg: number;
    readonly dbp_mmhg: number;
    readonly readings: number;
    readonly latest_at: string;
  } | null;
  /** latest PHQ-9 / GAD-7 (total 0-27 / 0-21; item 9 for PHQ-9) */
  readonly questionnaires: {
    readonly phq9: { readonly total: number; readonly item9: number; readonly at: string } | null;
    readonly gad7: { readonly total: number; readonly at: string } | null;
  };
  /** latest ambient readings in the last 24 h (manual or sensor) */
  readonly environment: {
    readonly temp_c: Dated | null;
    readonly rh_percent: Dated | null;
    readonly pm25_24h_ugm3: Dated | null;
  };
  readonly days: readonly DayFeatures[];
  readonly nights: readonly NightFeatures[];
}
