import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../shared/auth-hook.js';
import { auditScreening, MHRAS_ROLES } from './screening-audit.js';
import { ExplainBody, ExplainResponse, RiskScoreParams, RiskScoreResponse, ScreenBody, ScreenResponse } from './screening.schemas.js';
import { modelHeader, type Assessment } from '../../domain/screening/index.js';

const modelVersionOf = (assessment: Assessment): string => modelHeader(assessment.spec);

/** The spec's three screening endpoints: POST /screen, GET /risk-score/{anonymized_id}, POST /explain. */
export const screeningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { screening, config } = app.services;

  app.post(
    '/screen',
    {
      schema: {
        summary: 'Screen an individual: risk score, recommendations and explanations',
        body: ScreenBody,
        response: { 200: ScreenResponse },
      },
      config: { auth: { roles: MHRAS_ROLES.screen }, timeoutMs: config.MHRAS_SCREEN_TIMEOUT_MS },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const outcome = await screening.service.screen(request.body, principal.userId);
      const { assessment } = outcome;
      await auditScreening(
        request,
        'screening.create',
        { type: 'screening_prediction', id: outcome.predictionId },
        {
          anonymized_id: request.body.anonymized_id,
          review_opened: outcome.reviewId !== null,
          alert_triggered: assessment.alertTriggered,
        },
      );
      reply.header('X-Model-Version', modelVersionOf(assessment));
      return {
        risk_score: outcome.riskScore,
        recommendations: assessment.recommendations,
        explanations: assessment.explanations,
        requires_human_review: assessment.requiresHumanReview,
        alert_triggered: assessment.alertTriggered,
        review_id: outcome.reviewId,
        prediction_id: outcome.predictionId,
        model_version: modelVersionOf(assessment),
      };
    },
  );

  app.get(
    '/risk-score/:anonymized_id',
    {
      schema: { summary: 'The most recent risk score for an individual', params: RiskScoreParams, response: { 200: RiskScoreResponse } },
      config: { auth: { roles: MHRAS_ROLES.read } },
    },
    async (request, reply) => {
      const prediction = await screening.service.latest(request.params.anonymized_id);
      await auditScreening(
        request,
        'screening.risk_score.read',
        { type: 'screening_prediction', id: prediction.id },
        { anonymized_id: prediction.anonymizedId },
      );
      const version = modelHeader({ id: prediction.modelId, version: prediction.modelVersion });
      reply.header('X-Model-Version', version);
      return { risk_score: prediction.riskScore, found: true, prediction_id: prediction.id, model_version: version };
    },
  );

  app.post(
    '/explain',
    {
      schema: {
        summary: 'Explanations of a stored prediction (the most recent when prediction_id is omitted)',
        body: ExplainBody,
        response: { 200: ExplainResponse },
      },
      config: { auth: { roles: MHRAS_ROLES.read } },
    },
    async (request, reply) => {
      const { anonymized_id, prediction_id } = request.body;
      const { prediction, assessment } = await screening.service.explain(anonymized_id, prediction_id ?? undefined);
      await auditScreening(request, 'screening.explain.read', { type: 'screening_prediction', id: prediction.id }, { anonymized_id });
      reply.header('X-Model-Version', modelVersionOf(assessment));
      return {
        anonymized_id,
        explanations: assessment.explanations,
        risk_score: prediction.riskScore,
        prediction_id: prediction.id,
        model_version: modelVersionOf(assessment),
      };
    },
  );
};
