/**
 * Model inputs derived from the snapshot, defined once for every caller (twins, risk, predictions): BMI, eGFR, the
 * glycemic category, and the activity items of the diabetes scores.
 */
import { bmiModel, ckdEpi2021Model, glycemiaModel } from '../../models/index.js';
import { recentWindow, valuesIn, MIN_RECENT_DAYS, mean } from '../scoring/shared/daily-window.js';
import { localDateOf, resolveZone } from '../scoring/shared/calendar.js';
import type { TwinFeatures } from '../twin-features.js';
import { runModel } from './model-run.js';

/** A derived value and the `model-id@version` that computed it. */
export interface Derived<T> {
  readonly value: T;
  readonly model: string;
  readonly warnings: readonly string[];
}

/** BMI (library `bmi`) from height and the latest weight; null when either is unknown or the model refuses them. */
export function bmiOf(f: TwinFeatures): (Derived<number> & { readonly category: string }) | null {
  const { height_cm, weight_kg } = f.profile;
  if (height_cm === null || weight_kg === null) return null;
  const run = runModel(bmiModel, { height_m: height_cm / 100, weight_kg: weight_kg.value });
  return run.ok ? { value: run.outputs.bmi, category: run.outputs.category, model: run.ref, warnings: run.warnings } : null;
}

/** eGFR (CKD-EPI 2021, race-free) from the latest creatinine, age and sex; null when any is unknown or refused. */
export function egfrOf(f: TwinFeatures): Derived<number> | null {
  const { age_years: age, sex } = f.profile;
  const creatinine = f.labs.creatinine_mgdl;
  if (creatinine === null || age === null || sex === null) return null;
  const run = runModel(ckdEpi2021Model, { age, sex, creatinine_mgdl: creatinine.value });
  return run.ok ? { value: run.outputs.egfr, model: run.ref, warnings: run.warnings } : null;
}

export type GlycemicCategory = 'normal' | 'prediabetes' | 'diabetes';

/** ADA category of the latest HbA1c and/or fasting glucose (library `glycemia`); null without either. */
export function glycemicCategory(f: TwinFeatures): Derived<GlycemicCategory> | null {
  const { hba1c_percent: a1c, fasting_glucose_mgdl: fpg } = f.labs;
  if (a1c === null && fpg === null) return null;
  const run = runModel(glycemiaModel, {
    ...(a1c === null ? {} : { hba1c_percent: a1c.value }),
    ...(fpg === null ? {} : { fasting_glucose_mgdl: fpg.value }),
  });
  return run.ok ? { value: run.outputs.category, model: run.ref, warnings: run.warnings } : null;
}

/** The measured exercise minutes of the recent week (the 7 complete local days before today), ≥ MIN_RECENT_DAYS days. */
export function recentExerciseMinutes(f: TwinFeatures): readonly number[] | null {
  const today = localDateOf(Date.parse(f.as_of), resolveZone(f.time_zone).zone);
  const minutes = valuesIn(f.days, 'exercise_minutes', recentWindow(today));
  return minutes.length >= MIN_RECENT_DAYS ? minutes : null;
}

export const EXERCISE_NEED = `exercise minutes on at least ${MIN_RECENT_DAYS} of the 7 days before today`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * FINDRISC's "usually at least 30 minutes of physical activity daily": the median recent day has ≥ 30 exercise
 * minutes (a typical day, so one long weekly session does not make every day active). Null without enough days.
 */
export function active30MinDaily(f: TwinFeatures): boolean | null {
  const minutes = recentExerciseMinutes(f);
  return minutes === null ? null : median(minutes) >= 30;
}

/** WHO 2020 (Bull et al.): at least 150 minutes a week of moderate activity. */
export const WHO_WEEKLY_MINUTES = 150;

/** The ADA risk test's "physically active": ≥ 150 measured exercise minutes a week (recent mean × 7). Null without enough days. */
export function activeWeekly(f: TwinFeatures): boolean | null {
  const minutes = recentExerciseMinutes(f);
  return minutes === null ? null : mean(minutes) * 7 >= WHO_WEEKLY_MINUTES;
}
