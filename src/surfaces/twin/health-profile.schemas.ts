/**
 * Twin `/v1/users/me/health-profile` bodies: the clinical history and occupation a person states
 * (domain/twin/inputs/health-profile.ts). Every field nullable: null = not stated (or no longer).
 */
import { Type, type TSchema } from 'typebox';
import { FAMILY_DIABETES, PHYSICAL_DEMANDS, RACES } from '../../domain/twin/inputs/index.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Flag = (description: string) => Nullable(Type.Boolean({ description }));
const ClockTime = (description: string) =>
  Nullable(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: `${description}, local clock time HH:MM` }));

const historyFields = {
  race: Nullable(Type.Enum([...RACES], { description: 'as the pooled cohort equations ask it' })),
  smoker: Flag('currently smokes'),
  diabetes: Flag('has been diagnosed with diabetes'),
  bp_treated: Flag('takes medicine for high blood pressure'),
  statin: Flag('takes a statin'),
  family_diabetes: Nullable(Type.Enum([...FAMILY_DIABETES], { description: 'closest relative with diabetes' })),
  gestational_diabetes: Flag('had diabetes in a pregnancy'),
  high_glucose_ever: Flag('was ever told their blood glucose was high'),
  veg_fruit_daily: Flag('eats vegetables or fruit every day'),
};
const occupationFields = {
  physical_demand: Nullable(Type.Enum([...PHYSICAL_DEMANDS], { description: 'physical demand of the work' })),
  safety_critical: Flag('a lapse at work could endanger others (driving, machinery, medicine)'),
  shift_start_local: ClockTime('usual shift start'),
  shift_end_local: ClockTime('usual shift end (before the start: the shift crosses midnight)'),
};

const optional = <P extends Record<string, TSchema>>(props: P) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as {
    [K in keyof P]: ReturnType<typeof Type.Optional<P[K]>>;
  };

/** A partial update. `closed`: unknown fields refused (the handler's exact check) rather than dropped silently. */
const patchOf = (closed: boolean) =>
  Type.Object(
    {
      history: Type.Optional(Type.Object(optional(historyFields), { additionalProperties: !closed })),
      occupation: Type.Optional(Type.Object(optional(occupationFields), { additionalProperties: !closed })),
    },
    { additionalProperties: !closed, minProperties: 1 },
  );
/** What the route declares (documentation, types); unknown fields pass it and are refused by HealthProfilePatchExact. */
export const HealthProfilePatchBody = patchOf(false);
/** A misspelt fact must not silently count as not stated: the handler checks the body against this closed schema. */
export const HealthProfilePatchExact = patchOf(true);

export const HealthProfileResponse = Type.Object({
  user_id: Type.String(),
  history: Type.Object(historyFields),
  occupation: Type.Object(occupationFields),
  updated_at: Nullable(Type.String({ format: 'date-time', description: 'when the person last changed it; null when never stated' })),
});
