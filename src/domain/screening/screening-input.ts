/** The request as the MHRAS spec defines it (snake_case kept: it is stored and explained as received). */
export interface SurveyData {
  phq9_score?: number;
  phq9_items?: number[];
  gad7_score?: number;
  gad7_items?: number[];
  recent_stressors?: string[];
  support_system_rating?: number;
  /** An explicit self-harm flag from the screening clinician or instrument: triggers the safety rail. */
  self_harm_flag?: boolean;
}

export interface WearableData {
  avg_heart_rate?: number;
  resting_heart_rate?: number;
  hrv_rmssd?: number;
  sleep_hours?: number;
  sleep_efficiency?: number;
  sleep_interruptions?: number;
  steps_per_day?: number;
  active_minutes?: number;
}

export interface EmrData {
  diagnosis_codes?: string[];
  medications?: string[];
  recent_visits?: number;
  therapy_sessions_attended?: number;
  therapy_sessions_scheduled?: number;
}

export interface ScreeningInput {
  anonymized_id: string;
  survey_data?: SurveyData;
  wearable_data?: WearableData;
  emr_data?: EmrData;
  consent_verified: boolean;
  timestamp?: string;
}

export const DATA_TYPES = ['survey', 'wearable', 'emr'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Which kinds of data a request carries (consent must cover each). */
export function dataTypesIn(input: ScreeningInput): DataType[] {
  const types: DataType[] = [];
  if (input.survey_data) types.push('survey');
  if (input.wearable_data) types.push('wearable');
  if (input.emr_data) types.push('emr');
  return types;
}
