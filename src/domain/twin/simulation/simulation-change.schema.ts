import { Type, type Static } from 'typebox';

/**
 * One "what if" edit of a features snapshot (POST /v1/twin/simulate, and the changes behind a recommendation).
 * Bounds keep a change physiologically meaningful; `nights`/`days` default to every night/day in the snapshot, so a
 * simulation shows the steady state of a habit rather than one evening of it.
 */
const nights = Type.Optional(
  Type.Integer({ minimum: 1, maximum: 366, description: 'apply to the last N nights (default: every night in the window)' }),
);
const days = Type.Optional(
  Type.Integer({ minimum: 1, maximum: 366, description: 'apply to the last N days (default: every day in the window)' }),
);

export const SleepHoursChangeSchema = Type.Object(
  {
    type: Type.Literal('sleep_hours'),
    delta_hours: Type.Number({
      minimum: -6,
      maximum: 6,
      description: 'hours more (+) or less (−) asleep per night; bedtime moves, wake time stays',
    }),
    nights,
  },
  { additionalProperties: false },
);

export const SleepMinimumChangeSchema = Type.Object(
  {
    type: Type.Literal('sleep_minimum'),
    hours: Type.Number({ minimum: 4, maximum: 12, description: 'every night shorter than this is lengthened to it (earlier bedtime)' }),
    nights,
  },
  { additionalProperties: false },
);

export const StepsChangeSchema = Type.Object(
  {
    type: Type.Literal('steps'),
    delta_per_day: Type.Integer({
      minimum: -30_000,
      maximum: 30_000,
      description: 'steps added to (or taken from) each day that has a step count',
    }),
    days,
  },
  { additionalProperties: false },
);

export const ExerciseMinutesChangeSchema = Type.Object(
  {
    type: Type.Literal('exercise_minutes'),
    delta_per_day: Type.Number({ minimum: -300, maximum: 300, description: 'exercise minutes added to each day that has a value' }),
    days,
  },
  { additionalProperties: false },
);

export const WeightPercentChangeSchema = Type.Object(
  {
    type: Type.Literal('weight_percent'),
    percent: Type.Number({
      minimum: -30,
      maximum: 30,
      description: 'change of body weight in percent (−5 = lose 5 %); BMI follows, waist is left as measured',
    }),
  },
  { additionalProperties: false },
);

export const QuitSmokingChangeSchema = Type.Object({ type: Type.Literal('quit_smoking') }, { additionalProperties: false });

export const BloodPressureChangeSchema = Type.Object(
  {
    type: Type.Literal('blood_pressure'),
    sbp_delta_mmhg: Type.Number({ minimum: -80, maximum: 80, description: 'change of the 30-day mean systolic pressure, mmHg' }),
    dbp_delta_mmhg: Type.Optional(
      Type.Number({ minimum: -50, maximum: 50, description: 'change of the mean diastolic pressure, mmHg (default 0)' }),
    ),
  },
  { additionalProperties: false },
);

export const VegFruitDailyChangeSchema = Type.Object({ type: Type.Literal('veg_fruit_daily') }, { additionalProperties: false });

export const SimulationChangeSchema = Type.Union([
  SleepHoursChangeSchema,
  SleepMinimumChangeSchema,
  StepsChangeSchema,
  ExerciseMinutesChangeSchema,
  WeightPercentChangeSchema,
  QuitSmokingChangeSchema,
  BloodPressureChangeSchema,
  VegFruitDailyChangeSchema,
]);
export type SimulationChange = Static<typeof SimulationChangeSchema>;

/** The body's list of changes: applied in order, each to the result of the previous one. */
export const SimulationChangesSchema = Type.Array(SimulationChangeSchema, { minItems: 1, maxItems: 20 });
