import { gad7Model } from '../../models/questionnaires/gad7.model.js';
import { phq9Model } from '../../models/questionnaires/phq9.model.js';
import type { ScreeningInput } from '../screening-input.js';

/** The flat, named numbers a model reads; an absent name means "not provided" (never "zero"). */
export type ModelInputs = Readonly<Record<string, number | undefined>>;

/** ICD-10 chapter V codes for depressive (F32, F33, F34.1) and anxiety (F40, F41) disorders. */
const MOOD_OR_ANXIETY = /^F(3[23]|34\.1|4[01])/i;

/**
 * Request → model inputs. Questionnaire totals come from the published scoring (the PHQ-9 and GAD-7 models) when only
 * items are given; therapy adherence is attended / scheduled.
 */
export function toModelInputs(input: ScreeningInput): ModelInputs {
  const survey = input.survey_data ?? {};
  const wearable = input.wearable_data ?? {};
  const emr = input.emr_data ?? {};
  const phq9 = survey.phq9_score ?? (survey.phq9_items ? phq9Model.compute({ items: survey.phq9_items }).outputs.total : undefined);
  const gad7 = survey.gad7_score ?? (survey.gad7_items ? gad7Model.compute({ items: survey.gad7_items }).outputs.total : undefined);
  const scheduled = emr.therapy_sessions_scheduled;
  const attended = emr.therapy_sessions_attended;
  return {
    phq9_score: phq9,
    gad7_score: gad7,
    sleep_hours: wearable.sleep_hours,
    sleep_efficiency: wearable.sleep_efficiency,
    sleep_interruptions: wearable.sleep_interruptions,
    hrv_rmssd: wearable.hrv_rmssd,
    resting_heart_rate: wearable.resting_heart_rate,
    avg_heart_rate: wearable.avg_heart_rate,
    steps_per_day: wearable.steps_per_day,
    active_minutes: wearable.active_minutes,
    therapy_adherence: scheduled !== undefined && scheduled > 0 && attended !== undefined ? attended / scheduled : undefined,
    recent_stressor_count: survey.recent_stressors?.length,
    support_system_rating: survey.support_system_rating,
    mood_disorder_diagnosis: emr.diagnosis_codes ? Number(emr.diagnosis_codes.some((code) => MOOD_OR_ANXIETY.test(code))) : undefined,
    medication_count: emr.medications?.length,
  };
}
