/**
 * Builders of TwinFeatures for tests: an empty snapshot (nothing known) and day/night series from per-day functions,
 * so a test states only the facts it is about.
 */
import type { DayFeatures, NightFeatures, TwinFeatures } from '../twin-features.js';

const DAY_MS = 86_400_000;

/** Nothing known: every optional field null, no days, no nights. */
export function emptyFeatures(asOf = '2026-06-30T12:00:00Z', windowDays = 90): TwinFeatures {
  return {
    as_of: asOf,
    time_zone: 'UTC',
    window_days: windowDays,
    profile: { age_years: null, sex: null, height_cm: null, weight_kg: null, weight_kg_90d_ago: null, waist_cm: null },
    history: {
      race: null,
      smoker: null,
      diabetes: null,
      bp_treated: null,
      statin: null,
      family_diabetes: null,
      gestational_diabetes: null,
      high_glucose_ever: null,
      veg_fruit_daily: null,
    },
    occupation: { physical_demand: null, safety_critical: null, shift_start_local: null, shift_end_local: null },
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
