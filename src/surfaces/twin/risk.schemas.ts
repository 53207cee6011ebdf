import { Type } from 'typebox';
import { CLEARANCE_STATUSES, CLEARANCES } from '../../domain/twin/fitness/index.js';
import { SimulationChangesSchema } from '../../domain/twin/simulation/index.js';
import { DataSufficiency, TwinNameParam } from './twin.schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Probability = Type.Number({ minimum: 0, maximum: 1 });
const RiskLevel = Type.Enum(['green', 'yellow', 'orange', 'red', 'critical']);
const Open = { additionalProperties: true } as const;

const Driver = Type.Object({
  factor: Type.String(),
  contribution: Type.Integer({ minimum: 0, maximum: 100, description: "share of the twin's risk (the drivers of a category sum to 100)" }),
  severity: Type.Enum(['mild', 'moderate', 'severe']),
  component: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  model: Nullable(Type.String()),
});

const Horizon = Type.Object({
  months: Type.Integer(),
  probability: Nullable(Probability),
  ten_year_probability: Nullable(Probability),
  outcome: Nullable(Type.String()),
  model: Nullable(Type.String()),
  method: Type.Union([Type.String(), Type.Null()], { description: 'how the horizon probability was derived (constant-hazard conversion)' }),
  reason: Nullable(Type.String()),
  missing: Type.Array(Type.String()),
});

const FatigueIndicators = Type.Object({
  predicted_kss: Nullable(Type.Number()),
  sleepy: Nullable(Type.Boolean()),
  hours_awake: Nullable(Type.Number()),
  bac_equivalent_percent: Nullable(Type.Number()),
  model: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

const RiskCategory = Type.Object({
  risk_score: Type.Integer({ minimum: 0, maximum: 100, description: '100 − the twin score' }),
  risk_level: RiskLevel,
  trend: Nullable(Type.Enum(['improving', 'stable', 'worsening'])),
  probability_6_months: Type.Optional(Nullable(Probability)),
  probability_12_months: Type.Optional(Nullable(Probability)),
  collapse_probability: Type.Optional(Type.Null({ description: 'no validated model gives one; see collapse_probability_reason' })),
  collapse_probability_reason: Type.Optional(Type.String()),
  horizon: Type.Optional(Horizon),
  fatigue: Type.Optional(FatigueIndicators),
  drivers: Type.Array(Driver),
});

const Recommendation = Type.Object({
  priority: Type.Enum(['high', 'medium', 'low']),
  category: Type.String(),
  action: Type.String(),
  expected_impact: Type.String(),
  expected_risk_change_percent: Type.Number(),
  twin: TwinNameParam,
  risk_before: Type.Number(),
  risk_after: Type.Number(),
  addresses: Type.Array(Type.String()),
  change: Type.Object({}, Open),
  modelled_as: Type.String(),
  source: Type.String(),
});

export const RiskAssessmentResponse = Type.Object({
  user_id: Type.String(),
  assessment_date: Instant,
  overall_risk_score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  overall_risk_level: Nullable(RiskLevel),
  risk_categories: Type.Object(Object.fromEntries(TwinNameParam.enum.map((name) => [name, Type.Optional(RiskCategory)]))),
  not_scored: Type.Array(TwinNameParam),
  recommendations: Type.Array(Recommendation),
});

const ClearanceStatus = Type.Enum([...CLEARANCE_STATUSES]);

export const FitnessToWorkResponse = Type.Object({
  user_id: Type.String(),
  assessment_time: Instant,
  fitness_status: Type.Enum(['fit', 'fit_with_caution', 'not_fit']),
  overall_score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  valid_until: Instant,
  valid_until_reason: Type.Enum(['fatigue_threshold', 'shift_end', 'max_validity']),
  restrictions: Type.Array(Type.Object({ type: Type.String(), restriction: Type.String(), reason: Type.String(), rule: Type.String() })),
  clearances: Type.Object(Object.fromEntries(CLEARANCES.map((c) => [c, ClearanceStatus]))),
  clearance_basis: Type.Object(Object.fromEntries(CLEARANCES.map((c) => [c, Type.Enum(['assessed', 'insufficient_data'])]))),
  relevant_clearances: Type.Array(Type.String()),
  next_assessment: Instant,
  fatigue: Nullable(
    Type.Object({
      model: Type.String(),
      kss_now: Type.Number(),
      hours_awake: Type.Number(),
      last_wake: Instant,
      bac_equivalent_percent: Type.Number(),
    }),
  ),
  data_sufficiency: Type.Object({
    sufficient: Type.Boolean(),
    missing: Type.Array(Type.Object({ input: Type.String(), need: Type.String() })),
    unchecked_rules: Type.Array(Type.String()),
  }),
  rules: Type.String({ description: 'the rule set applied (its id@version)' }),
  notes: Type.Array(Type.String()),
});

export const PredictionsQuery = Type.Object(
  {
    timeframe: Type.Enum(['3_months', '6_months', '12_months'], { default: '6_months' }),
    user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const PredictionsResponse = Type.Object({
  user_id: Type.String(),
  prediction_date: Instant,
  timeframe: Type.String(),
  predictions: Type.Array(
    Type.Object({
      condition: Type.String(),
      probability: Probability,
      confidence: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
      confidence_basis: Type.String({ description: 'what `confidence` measures, with its source' }),
      timeline: Type.String(),
      severity: Nullable(Type.String()),
      severity_basis: Type.String(),
      preventable: Type.Boolean(),
      prevention_actions: Type.Array(Type.String()),
      prevention_source: Type.String(),
      model: Type.String(),
      method: Type.String(),
      model_probability: Type.Object({ years: Type.Number(), probability: Probability }),
      warnings: Type.Array(Type.String()),
    }),
  ),
  not_assessed: Type.Array(Type.Object({ condition: Type.String(), missing: Type.Array(Type.String()), reason: Type.String() })),
});

/** The changes, exactly: the handler checks the body against this (a misspelt field must not be dropped silently). */
export const SimulateBodyExact = Type.Object({ changes: SimulationChangesSchema }, { additionalProperties: false });
/**
 * What the route declares: open items, because dropping unknown fields inside a union's branches (as the body
 * validator does for closed objects) would strip the fields of every branch but the first.
 */
export const SimulateBody = Type.Object(
  {
    changes: Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }), {
      minItems: 1,
      maxItems: 20,
      description:
        'sleep_hours {delta_hours}, sleep_minimum {hours}, steps {delta_per_day}, exercise_minutes {delta_per_day}, weight_percent {percent}, quit_smoking, blood_pressure {sbp_delta_mmhg}, veg_fruit_daily (docs/risk.md)',
    }),
  },
  { additionalProperties: false },
);

const SimTwin = Type.Object({
  score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  status: Type.String(),
  data_sufficiency: DataSufficiency,
});
const SimTwins = Type.Object(Object.fromEntries(TwinNameParam.enum.map((name) => [name, SimTwin])));

export const SimulateResponse = Type.Object({
  user_id: Type.String(),
  as_of: Instant,
  changes: Type.Array(Type.Object({}, Open)),
  notes: Type.Array(Type.String()),
  baseline: Type.Object({ overall_health_score: Nullable(Type.Integer()), twins: SimTwins }),
  simulated: Type.Object({ overall_health_score: Nullable(Type.Integer()), twins: SimTwins }),
});
