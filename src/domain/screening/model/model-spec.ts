import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const RISK_LEVELS = ['low', 'moderate', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One linear ramp: severity 0 at `zero_at`, 1 at `one_at` (either direction), clamped to [0, cap]. */
const Ramp = Type.Object(
  { input: Type.String({ minLength: 1 }), zero_at: Type.Number(), one_at: Type.Number(), cap: Type.Optional(Type.Number({ minimum: 1 })) },
  { additionalProperties: false },
);

const Feature = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9_]+$' }),
    label: Type.String(),
    factor_text: Type.String(),
    log_odds_per_unit: Type.Number({ minimum: 0 }),
    combine: Type.Optional(Type.Enum(['max', 'min'])),
    parts: Type.Array(Ramp, { minItems: 1 }),
    evidence: Type.String({ minLength: 10 }),
  },
  { additionalProperties: false },
);

/**
 * A screening model as data (a coefficients file): adding a version is adding a file, no code. Weights are log odds
 * ratios (>= 0: a missing input is severity 0, so it can never add risk); cut-offs are on the same log-odds scale.
 */
export const ScreeningModelSpecSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_]+$' }),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
    title: Type.String(),
    kind: Type.Literal('knowledge_based_additive_log_odds'),
    statement: Type.String(),
    features: Type.Array(Feature, { minItems: 1 }),
    noted_inputs: Type.Array(Type.Object({ input: Type.String(), reason: Type.String() }, { additionalProperties: false })),
    cutoffs_log_odds: Type.Object(
      { moderate: Type.Number(), high: Type.Number(), critical: Type.Number() },
      { additionalProperties: false },
    ),
    cutoffs_rationale: Type.String(),
    counterfactual_targets: Type.Record(Type.String(), Type.Array(Type.Number(), { minItems: 1 })),
  },
  { additionalProperties: false },
);

export type ScreeningModelSpec = Static<typeof ScreeningModelSpecSchema>;
export type FeatureSpec = ScreeningModelSpec['features'][number];

/** Validates a coefficients file; throws naming what is wrong (a bad file must stop start-up, not skew scores). */
export function parseModelSpec(raw: unknown, source: string): ScreeningModelSpec {
  if (!Value.Check(ScreeningModelSpecSchema, raw)) {
    const first = [...Value.Errors(ScreeningModelSpecSchema, raw)][0];
    throw new Error(`screening model ${source}: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`);
  }
  const spec = raw;
  const { moderate, high, critical } = spec.cutoffs_log_odds;
  if (!(moderate < high && high < critical)) throw new Error(`screening model ${source}: cut-offs must rise moderate < high < critical`);
  return spec;
}

export const modelKey = (spec: { id: string; version: string }): string => `${spec.id}@${spec.version}`;
/** The `X-Model-Version` value, in the spec's `name_vX.Y.Z` form. */
export const modelHeader = (spec: { id: string; version: string }): string => `${spec.id}_v${spec.version}`;
