import { Type } from 'typebox';
import { DATA_TYPES, PREDICTION_ID_PATTERN, RISK_LEVELS } from '../../domain/screening/index.js';

/** 1-64 printable characters without spaces or URL delimiters (it travels in /risk-score/{anonymized_id}). */
export const AnonymizedId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[^\\s/?#%]+$',
  description: 'Anonymized identifier (1-64 chars)',
});
export const PredictionId = Type.String({ pattern: PREDICTION_ID_PATTERN, description: 'pred_YYYYMMDD_HHMMSS_xxxxxx' });
const Items = (count: number, name: string) =>
  Type.Array(Type.Integer({ minimum: 0, maximum: 3 }), {
    minItems: count,
    maxItems: count,
    description: `${name}: ${count} item scores 0-3 in printed order`,
  });

export const SurveyData = Type.Object(
  {
    phq9_score: Type.Optional(Type.Integer({ minimum: 0, maximum: 27 })),
    phq9_items: Type.Optional(Items(9, 'PHQ-9')),
    gad7_score: Type.Optional(Type.Integer({ minimum: 0, maximum: 21 })),
    gad7_items: Type.Optional(Items(7, 'GAD-7')),
    recent_stressors: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
    support_system_rating: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: 'self-rated support, 0-10' })),
    self_harm_flag: Type.Optional(Type.Boolean({ description: 'explicit self-harm concern: triggers the safety rail' })),
  },
  { additionalProperties: false, description: 'Survey responses (PHQ-9, GAD-7, stressors, support)' },
);

/** Bounds are what a wearable can plausibly report for a person, not normal ranges. */
export const WearableData = Type.Object(
  {
    avg_heart_rate: Type.Optional(Type.Number({ minimum: 25, maximum: 250, description: 'bpm' })),
    resting_heart_rate: Type.Optional(Type.Number({ minimum: 25, maximum: 200, description: 'bpm' })),
    hrv_rmssd: Type.Optional(Type.Number({ minimum: 1, maximum: 300, description: 'ms' })),
    sleep_hours: Type.Optional(Type.Number({ minimum: 0, maximum: 24 })),
    sleep_efficiency: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'fraction of time in bed asleep' })),
    sleep_interruptions: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    steps_per_day: Type.Optional(Type.Number({ minimum: 0, maximum: 150000 })),
    active_minutes: Type.Optional(Type.Number({ minimum: 0, maximum: 1440, description: 'per day' })),
  },
  { additionalProperties: false, description: 'Wearable device metrics (daily averages)' },
);

export const EmrData = Type.Object(
  {
    diagnosis_codes: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$', description: 'ICD-10 code' }), { maxItems: 100 }),
    ),
    medications: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
    recent_visits: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    therapy_sessions_attended: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    therapy_sessions_scheduled: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false, description: 'Electronic medical record extract' },
);

export const ScreenBody = Type.Object(
  {
    anonymized_id: AnonymizedId,
    survey_data: Type.Optional(SurveyData),
    wearable_data: Type.Optional(WearableData),
    emr_data: Type.Optional(EmrData),
    consent_verified: Type.Boolean({ description: 'Must be true to process data' }),
    timestamp: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const RiskScore = Type.Object({
  anonymized_id: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 100, description: 'model score 0-100 (not a probability; see docs/screening-model.md)' }),
  risk_level: Type.Enum([...RISK_LEVELS]),
  confidence: Type.Number({
    minimum: 0,
    maximum: 1,
    description: 'input completeness: share of the model’s evidence whose inputs were provided',
  }),
  contributing_factors: Type.Array(Type.String()),
  timestamp: Type.String({ format: 'date-time' }),
});

const Recommendation = Type.Object({
  resource_type: Type.String(),
  name: Type.String(),
  description: Type.String(),
  contact_info: Type.String(),
  urgency: Type.Enum(['immediate', 'soon', 'routine']),
  eligibility_criteria: Type.Array(Type.String()),
});

export const Explanations = Type.Object({
  top_features: Type.Array(Type.Array(Type.Union([Type.String(), Type.Number()]), { minItems: 2, maxItems: 2 }), {
    description: '[feature, points]: exact additive (Shapley) contributions; they sum to score − reference_score',
  }),
  counterfactual: Type.String(),
  rule_approximation: Type.String(),
  clinical_interpretation: Type.String(),
  reference_score: Type.Number(),
  rule_fidelity: Type.Number({ minimum: 0, maximum: 1 }),
});

const Provenance = {
  prediction_id: PredictionId,
  model_version: Type.String({ description: 'model used, as in X-Model-Version' }),
};

export const ScreenResponse = Type.Object({
  risk_score: RiskScore,
  recommendations: Type.Array(Recommendation),
  explanations: Explanations,
  requires_human_review: Type.Boolean(),
  alert_triggered: Type.Boolean(),
  review_id: Type.Union([Type.String(), Type.Null()]),
  ...Provenance,
});

export const RiskScoreParams = Type.Object({ anonymized_id: AnonymizedId });
export const RiskScoreResponse = Type.Object({ risk_score: RiskScore, found: Type.Boolean(), ...Provenance });

export const ExplainBody = Type.Object(
  { anonymized_id: AnonymizedId, prediction_id: Type.Optional(Type.Union([PredictionId, Type.Null()])) },
  { additionalProperties: false },
);
export const ExplainResponse = Type.Object({
  anonymized_id: Type.String(),
  explanations: Explanations,
  risk_score: RiskScore,
  ...Provenance,
});

export const DataTypes = Type.Array(Type.Enum([...DATA_TYPES]), { minItems: 1, maxItems: 3, uniqueItems: true });
