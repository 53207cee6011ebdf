/**
 * Builders of TwinFeatures for tests: an empty snapshot (nothing known) and day/night series from per-day functions,
 * so a test states only the facts it is about.
 */
import { EMPTY_HISTORY, EMPTY_OCCUPATION } from '../inputs/health-profile.js';
import type { ClinicalHistory, Dated, DayFeatures, Labs, NightFeatures, Occupation, TwinFeatures } from '../twin-features.js';

const DAY_MS = 86_400_000;

/** Nothing known: every optional field null, no days, no nights. */
export function emptyFeatures(asOf = '2026-06-30T12:00:00Z', windowDays = 90): TwinFeatures {
  return {
    as_of: asOf,
    time_zone: 'UTC',
    window_days: windowDays,
    profile: { age_years: null, sex: null, height_cm: null, weight_kg: null, weight_kg_90d_ago: null, waist_cm: null },
    history: EMPTY_HISTORY,
    occupation: EMPTY_OCCUPATION,
    labs: {
      total_chol_mgdl: null,
      hdl_mgdl: null,
      ldl_mgdl: null,
      triglycerides_mgdl: null,
      hba1c_percent: null,
      fasting_glucose_mgdl: null,
      creatinine_mgdl: null,
    },
    blood_pressure: null,
    questionnaires: { phq9: null, gad7: null },
    environment: { temp_c: null, rh_percent: null, pm25_24h_ugm3: null },
    days: [],
    nights: [],
  };
}

const EMPTY_DAY: Omit<DayFeatures, 'date'> = {
  resting_hr_bpm: null,
  hrv_sdnn_ms: null,
  steps: null,
  exercise_minutes: null,
  active_energy_kcal: null,
  spo2_min_percent: null,
  heart_rate_minutes: null,
  noise_dba: null,
};

/** The local dates of the `count` days ending on as_of's UTC date, oldest first. */
export function datesEnding(asOf: string, count: number): string[] {
  const last = Date.parse(asOf.slice(0, 10) + 'T00:00:00Z');
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** `count` days ending on as_of's date; `day(i, date)` gives the known fields of day i (0 = oldest). */
export function daySeries(asOf: string, count: number, day: (i: number, date: string) => Partial<DayFeatures>): DayFeatures[] {
  return datesEnding(asOf, count).map((date, i) => ({ ...EMPTY_DAY, ...day(i, date), date }));
}

/**
 * `count` main sleeps ending on as_of's date (UTC): night i starts at `bedtimeHour` (UTC, may be ≥ 24 for after midnight)
 * on the evening before its date and lasts `asleepHours` asleep at the given efficiency.
 */
export function nightSeries(
  asOf: string,
  count: number,
  night: (i: number) => { bedtimeHour: number; asleepHours: number; efficiency?: number; overnightHr?: number | null },
): NightFeatures[] {
  return datesEnding(asOf, count).map((date, i) => {
    const { bedtimeHour, asleepHours, efficiency = 0.9, overnightHr = null } = night(i);
    const start = Date.parse(date + 'T00:00:00Z') - DAY_MS + bedtimeHour * 3_600_000;
    const inBed = (asleepHours * 60) / efficiency;
    return {
      date,
      sleep_start: new Date(start).toISOString(),
      sleep_end: new Date(start + inBed * 60_000).toISOString(),
      asleep_minutes: asleepHours * 60,
      in_bed_minutes: inBed,
      efficiency,
      deep_minutes: null,
      rem_minutes: null,
      awake_minutes: inBed - asleepHours * 60,
      overnight_hr_bpm: overnightHr,
    };
  });
}

/** A measured value and when it was measured. */
export const dated = <T = number>(value: T, at: string): Dated<T> => ({ value, at });

/** Sections of a snapshot a test states; objects are merged one level deep onto the base, lists replace it. */
export interface FeatureFacts {
  readonly time_zone?: string;
  readonly profile?: Partial<TwinFeatures['profile']>;
  readonly history?: Partial<ClinicalHistory>;
  readonly occupation?: Partial<Occupation>;
  readonly labs?: Partial<Labs>;
  readonly blood_pressure?: TwinFeatures['blood_pressure'];
  readonly questionnaires?: Partial<TwinFeatures['questionnaires']>;
  readonly environment?: Partial<TwinFeatures['environment']>;
  readonly days?: readonly DayFeatures[];
  readonly nights?: readonly NightFeatures[];
}

/** `base` with the stated facts: `withFacts(emptyFeatures(), { profile: { age_years: 50 } })`. */
export function withFacts(base: TwinFeatures, facts: FeatureFacts): TwinFeatures {
  return {
    ...base,
    ...(facts.time_zone === undefined ? {} : { time_zone: facts.time_zone }),
    profile: { ...base.profile, ...facts.profile },
    history: { ...base.history, ...facts.history },
    occupation: { ...base.occupation, ...facts.occupation },
    labs: { ...base.labs, ...facts.labs },
    blood_pressure: facts.blood_pressure === undefined ? base.blood_pressure : facts.blood_pressure,
    questionnaires: { ...base.questionnaires, ...facts.questionnaires },
    environment: { ...base.environment, ...facts.environment },
    days: facts.days ?? base.days,
    nights: facts.nights ?? base.nights,
  };
}
