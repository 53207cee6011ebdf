import { Type, type Static } from 'typebox';
import { TWIN_NAMES } from '../twin-score.js';

/** The seven clearances of spec 4.3, in its order. */
export const CLEARANCES = [
  'office_work',
  'light_physical',
  'moderate_physical',
  'heavy_physical',
  'driving',
  'height_work',
  'confined_space',
] as const;
export type Clearance = (typeof CLEARANCES)[number];

/** Least to most restrictive; a clearance takes the most restrictive outcome of the rules that fire for it. */
export const CLEARANCE_STATUSES = ['cleared', 'cleared_with_caution', 'cleared_with_restrictions', 'not_cleared'] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

/** ACC/AHA 2017 categories, mildest first (the blood-pressure model's order). */
export const BP_CATEGORY_ORDER = ['normal', 'elevated', 'stage_1', 'stage_2', 'hypertensive_crisis'] as const;
export type BpCategory = (typeof BP_CATEGORY_ORDER)[number];

/**
 * What a rule can look at:
 * - `kss`: Karolinska Sleepiness Scale predicted by the three-process model (changes with time: checked forward too)
 * - `bac_equivalent_percent`: blood-alcohol equivalent of hours awake (wakefulness-bac; changes with time)
 * - `heat_index_c`: NWS heat index of the latest ambient temperature and humidity
 * - `spo2_min_percent`: the lowest SpO2 reading of the latest day that has one (within 48 h)
 * - `cardiac_twin_score`, `fatigue_twin_score`: the twins' 0-100 scores
 */
export const NUMERIC_MEASURES = [
  'kss',
  'bac_equivalent_percent',
  'heat_index_c',
  'spo2_min_percent',
  'cardiac_twin_score',
  'fatigue_twin_score',
] as const;
export type NumericMeasure = (typeof NUMERIC_MEASURES)[number];
/** Measures that come from the recorded sleep (the fatigue forecast). */
export const SLEEP_MEASURES: readonly NumericMeasure[] = ['kss', 'bac_equivalent_percent'];

const Clearances = Type.Array(Type.Enum([...CLEARANCES]), { minItems: 1, uniqueItems: true });

export const FitnessConditionSchema = Type.Union([
  Type.Object({ measure: Type.Enum([...NUMERIC_MEASURES]), at_least: Type.Number() }, { additionalProperties: false }),
  Type.Object({ measure: Type.Enum([...NUMERIC_MEASURES]), below: Type.Number() }, { additionalProperties: false }),
  Type.Object({ measure: Type.Literal('bp_category'), at_least: Type.Enum([...BP_CATEGORY_ORDER]) }, { additionalProperties: false }),
]);
export type FitnessCondition = Static<typeof FitnessConditionSchema>;

export const FitnessRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$' }),
    condition: FitnessConditionSchema,
    clearances: Clearances,
    outcome: Type.Enum(['cleared_with_caution', 'cleared_with_restrictions', 'not_cleared']),
    /** the spec's restriction `type` (`driving`, `heavy_lifting`, …) */
    restriction_type: Type.String({ minLength: 1, maxLength: 64 }),
    restriction: Type.String({ minLength: 1, maxLength: 300 }),
    reason: Type.String({ minLength: 1, maxLength: 300 }),
    /** why the threshold is where it is: the publication or standard it comes from */
    source: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type FitnessRule = Static<typeof FitnessRuleSchema>;

export const FitnessRulesSchema = Type.Object(
  {
    /** an organisation's own name for its rule set, echoed in the answer */
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** an assessment is never valid for longer than this */
    max_validity_hours: Type.Number({ minimum: 1, maximum: 72 }),
    sleep_data: Type.Object(
      {
        lookback_hours: Type.Number({ minimum: 24, maximum: 168 }),
        max_hours_since_sleep: Type.Number({ minimum: 12, maximum: 72 }),
        /** clearances that are not given without a fatigue estimate (they become not_cleared, basis insufficient_data) */
        required_for: Type.Array(Type.Enum([...CLEARANCES]), { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    /** twins whose scores are averaged into overall_score */
    overall_score_twins: Type.Array(Type.Enum([...TWIN_NAMES]), { minItems: 1, uniqueItems: true }),
    rules: Type.Array(FitnessRuleSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type FitnessRules = Static<typeof FitnessRulesSchema>;
