import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { modelHeader, modelKey, modelMaximum, screeningAggregates, scoreCutoffs } from '../../domain/screening/index.js';
import { auditScreening, MHRAS_ROLES } from './screening-audit.js';

const Count = Type.Union([Type.Integer(), Type.Null()], { description: 'null: fewer than suppressed_below (withheld)' });
const Aggregates = Type.Object({
  total_screenings: Count,
  by_risk_level: Type.Record(Type.String(), Count),
  score_histogram: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), count: Count })),
  by_model: Type.Array(Type.Object({ model: Type.String(), count: Count })),
  requiring_review: Count,
  alerts_triggered: Count,
  suppressed_below: Type.Integer(),
});
const Model = Type.Object({
  model: Type.String(),
  model_version: Type.String(),
  title: Type.String(),
  active: Type.Boolean(),
  statement: Type.String(),
  score_cutoffs: Type.Object({ moderate: Type.Number(), high: Type.Number(), critical: Type.Number() }),
  max_log_odds: Type.Number(),
  features: Type.Array(
    Type.Object({ name: Type.String(), label: Type.String(), log_odds_per_unit: Type.Number(), evidence: Type.String() }),
  ),
});

/** De-identified aggregates (researchers see only these) and the model registry (what each version is made of). */
export const insightsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screening, database } = app.services;

  app.get(
    '/aggregates',
    {
      schema: { summary: 'De-identified screening aggregates (small cells withheld)', response: { 200: Aggregates } },
      config: { auth: { roles: MHRAS_ROLES.aggregates } },
    },
    async (request) => {
      const aggregates = await screeningAggregates(database.db);
      await auditScreening(request, 'screening.aggregates.read', { type: 'screening_aggregates' });
      return aggregates;
    },
  );

  app.get(
    '/models',
    {
      schema: { summary: 'Registered screening models and the active one', response: { 200: Type.Object({ models: Type.Array(Model) }) } },
      config: { auth: { roles: MHRAS_ROLES.aggregates } },
    },
    async () => ({
      models: screening.registry.list().map((spec) => ({
        model: modelKey(spec),
        model_version: modelHeader(spec),
        title: spec.title,
        active: spec === screening.registry.active,
        statement: spec.statement,
        score_cutoffs: scoreCutoffs(spec),
        max_log_odds: modelMaximum(spec),
        features: spec.features.map(({ name, label, log_odds_per_unit, evidence }) => ({ name, label, log_odds_per_unit, evidence })),
      })),
    }),
  );
};
