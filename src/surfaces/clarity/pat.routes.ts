import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PAT_SIZES,
  patModelsInfo,
  type ActigraphyInput,
  type StepDataRequest,
  type StoredAnalysis,
} from '../../domain/actigraphy/index.js';
import { requireAccessToPerson, type Principal } from '../../domain/identity/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { probeDatabase } from '../system/database-probe.js';
import { analysisView } from './pat.views.js';
import {
  ActigraphyInputBody,
  AnalysisAccepted,
  AnalysisQuery,
  AnalysisResult,
  ModelsInfo,
  PatHealth,
  ProcessingParams,
  StepDataBody,
} from './pat.schemas.js';

/** The person the request is about: the caller, or `user_id` when the caller may access that person. */
function subjectOf(principal: Principal, userId: string | null | undefined): string {
  const personId = userId ?? principal.userId;
  if (personId !== principal.userId) requireAccessToPerson(principal, personId);
  return personId;
}

/** The caller's own analysis (or one they may access); anyone else's is answered like one that does not exist. */
function ownAnalysis(principal: Principal, analysis: StoredAnalysis | null): StoredAnalysis {
  if (analysis) {
    try {
      requireAccessToPerson(principal, analysis.personId);
      return analysis;
    } catch {
      // fall through to not found
    }
  }
  throw new AppError('not_found', 'No such analysis');
}

const accepted = (analysis: StoredAnalysis, prefix: string) => ({
  processing_id: analysis.id,
  status: analysis.state,
  message: 'Analysis accepted; poll links.self for the result',
  created_at: analysis.createdAt,
  input: analysis.inputSummary,
  links: { self: `${prefix}/analysis/${analysis.id}` },
});

/** Clarity `/api/v1/pat`: actigraphy and step analyses run as jobs, their results, and the PAT models' state. */
export const clarityPatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { actigraphy, config, database, jobs, clock } = app.services;
  const prefix = app.prefix;

  /** A submitted analysis: audited (its size and form, never values) and answered 202 with where to poll. */
  async function accept(request: FastifyRequest, reply: FastifyReply, personId: string, analysis: StoredAnalysis) {
    const { minutes, form } = analysis.inputSummary;
    await auditHealthAccess(
      request,
      'health.actigraphy_analysis.create',
      personId,
      { type: 'actigraphy_analysis', id: analysis.id },
      { minutes, form },
    );
    return reply.code(202).send(accepted(analysis, prefix));
  }

  app.post(
    '/analyze',
    {
      bodyLimit: config.UPLOAD_LIMIT_BYTES,
      schema: {
        summary: 'Analyse direct actigraphy (ActigraphyInput); processed asynchronously',
        body: ActigraphyInputBody,
        response: { 202: AnalysisAccepted },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const personId = subjectOf(principal, body.user_id);
      const analysis = await actigraphy.submitActigraphy(personId, body as ActigraphyInput, body.options ?? {});
      return accept(request, reply, personId, analysis);
    },
  );

  app.post(
    '/analyze-step-data',
    {
      bodyLimit: config.UPLOAD_LIMIT_BYTES,
      schema: {
        summary: 'Analyse steps (minute lists, HealthKit samples, or your stored steps over a window); processed asynchronously',
        body: StepDataBody,
        response: { 202: AnalysisAccepted },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const personId = subjectOf(principal, body.user_id);
      const analysis = await actigraphy.submitStepData(personId, body as StepDataRequest, body.options ?? {});
      return accept(request, reply, personId, analysis);
    },
  );

  app.get(
    '/analysis/:processing_id',
    {
      schema: {
        summary: 'An analysis: its status, and once completed the ActigraphyAnalysis',
        params: ProcessingParams,
        querystring: AnalysisQuery,
        response: { 200: AnalysisResult },
      },
    },
    async (request) => {
      const analysis = ownAnalysis(principalOf(request), await actigraphy.get(request.params.processing_id));
      await auditHealthAccess(request, 'health.actigraphy_analysis.read', analysis.personId, {
        type: 'actigraphy_analysis',
        id: analysis.id,
      });
      return analysisView(analysis, request.query.include_attention === true);
    },
  );

  app.get(
    '/health',
    { schema: { summary: 'PAT service status: validated analyses, models, jobs', response: { 200: PatHealth } } },
    async () => {
      const probe = await probeDatabase(database);
      const counts = probe.reachable ? await jobs.counts() : { queued: 0, running: 0 };
      const models = Object.fromEntries(PAT_SIZES.map((size) => [`PAT-${size}`, actigraphy.pat.state(size).state]));
      // A configured weight file that failed to load is a fault; no weights at all is a deployment choice.
      const brokenWeights = PAT_SIZES.some((size) => {
        const state = actigraphy.pat.state(size);
        return state.state === 'not_loaded' && state.file !== undefined;
      });
      return {
        status: probe.reachable && !brokenWeights ? ('healthy' as const) : ('degraded' as const),
        service: 'pat',
        validated_analyses: 'available' as const,
        models,
        jobs: counts,
        timestamp: clock.now().toISOString(),
      };
    },
  );

  app.get(
    '/models/info',
    { schema: { summary: 'PAT models: loaded or not, architecture, limitations', response: { 200: ModelsInfo } } },
    async () => patModelsInfo(actigraphy.pat),
  );
};
