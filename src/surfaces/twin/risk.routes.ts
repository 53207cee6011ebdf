import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assessFitnessToWork } from '../../domain/twin/fitness/index.js';
import { predictConditions } from '../../domain/twin/predictions/index.js';
import { assessRisk } from '../../domain/twin/risk/index.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { fitnessView, predictionsView, riskAssessmentView, riskTrends } from './risk.views.js';
import { FitnessToWorkResponse, PredictionsQuery, PredictionsResponse, RiskAssessmentResponse } from './risk.schemas.js';
import { subjectOf, SubjectQuery } from './subject.js';

/**
 * Twin `/v1/risk/*` (spec §4.2-4.4), docs/risk.md. Assessment and predictions score the latest stored snapshot (the
 * one the twin status shows); fitness-to-work looks at the hours ahead, so it takes a fresh snapshot now.
 */
export const twinRiskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { twin, fitnessRules } = app.services;

  app.get(
    '/assessment',
    {
      schema: {
        summary: 'Risk per twin with computed drivers, horizon probabilities and modelled recommendations',
        querystring: SubjectQuery,
        response: { 200: RiskAssessmentResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      // The status carries the stored scores and their trends; the snapshot they came from is read beside it.
      const status = await twin.status(person.id);
      const snapshot = await twin.snapshot(person.id);
      const assessment = assessRisk(snapshot.features, status.twins, twin.scorer, { trends: riskTrends(status) });
      await auditHealthAccess(request, 'risk.assessment.read', person.id, { type: 'risk' });
      return riskAssessmentView(person.id, assessment);
    },
  );

  app.get(
    '/fitness-to-work',
    {
      schema: {
        summary: 'Fitness for work now: clearances, restrictions, and until when it holds (fatigue model forecast)',
        querystring: SubjectQuery,
        response: { 200: FitnessToWorkResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      const features = await twin.snapshotNow(person.id);
      const result = assessFitnessToWork(features, twin.scorer(features), fitnessRules);
      await auditHealthAccess(request, 'risk.fitness_to_work.read', person.id, { type: 'risk', id: 'fitness_to_work' });
      return fitnessView(person.id, result);
    },
  );

  app.get(
    '/predictions',
    {
      schema: {
        summary: 'Conditions predicted over a timeframe, each from a named model under a stated conversion',
        querystring: PredictionsQuery,
        response: { 200: PredictionsResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      const { snapshot, scores } = await twin.latest(person.id);
      const result = predictConditions(snapshot.features, scores, request.query.timeframe);
      await auditHealthAccess(
        request,
        'risk.predictions.read',
        person.id,
        { type: 'risk', id: 'predictions' },
        { timeframe: request.query.timeframe },
      );
      return predictionsView(person.id, result);
    },
  );
};
