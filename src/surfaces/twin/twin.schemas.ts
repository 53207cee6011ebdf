import { Type } from 'typebox';
import { TWIN_NAMES } from '../../domain/twin/index.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TwinNameParam = Type.Enum([...TWIN_NAMES]);
const Status = Type.Enum(['excellent', 'good', 'fair', 'poor', 'insufficient_data']);
const Trend = Nullable(
  Type.Enum(['improving', 'stable', 'declining'], { description: 'null: no stored score a week earlier to compare with' }),
);

export const DataSufficiency = Type.Object({
  sufficient: Type.Boolean(),
  present: Type.Array(Type.String()),
  missing: Type.Array(Type.Object({ input: Type.String(), need: Type.String() })),
  window_days: Type.Integer({ minimum: 0 }),
  coverage: Type.Number({ minimum: 0, maximum: 1 }),
});

const TwinSummary = Type.Object({
  score: Nullable(Type.Integer({ minimum: 0, maximum: 100, description: 'higher is healthier; null when status is insufficient_data' })),
  status: Status,
  trend: Trend,
  last_updated: Type.String({ format: 'date-time' }),
  data_sufficiency: DataSufficiency,
});

export const TwinStatusResponse = Type.Object({
  user_id: Type.String(),
  last_updated: Type.String({ format: 'date-time' }),
  overall_health_score: Nullable(Type.Integer({ minimum: 0, maximum: 100, description: 'mean of the twins that have a score' })),
  twins: Type.Object(Object.fromEntries(TwinNameParam.enum.map((name) => [name, TwinSummary]))),
});

export const TwinComponent = Type.Object({
  id: Type.String(),
  label: Type.String(),
  value: Type.Number(),
  unit: Type.String(),
  sub_score: Type.Number({ minimum: 0, maximum: 100 }),
  weight: Type.Number({ minimum: 0, maximum: 1 }),
  model: Nullable(Type.String()),
});

export const TwinDetailResponse = Type.Object({
  user_id: Type.String(),
  twin: TwinNameParam,
  score: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  status: Status,
  trend: Trend,
  last_updated: Type.String({ format: 'date-time' }),
  components: Type.Array(TwinComponent),
  models: Type.Array(Type.String(), { description: 'model-id@version of every library model used' }),
  data_sufficiency: DataSufficiency,
  notes: Type.Array(Type.String()),
  engine_version: Type.String(),
  inputs_hash: Type.String({ description: 'SHA-256 of the canonical JSON of the inputs snapshot the score came from' }),
  history: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), score: Nullable(Type.Integer()) }), {
    description: 'stored daily scores, last 90 days, oldest first',
  }),
});
