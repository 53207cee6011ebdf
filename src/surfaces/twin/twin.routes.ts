import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { overallHealthScore, TWIN_ENGINE_VERSION, TWIN_NAMES, type TwinName, type TwinScores } from '../../domain/twin/index.js';
import { simulate } from '../../domain/twin/simulation/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { toFieldErrors } from '../../platform/http/validation-errors.js';
import { compileExactValidator } from '../../platform/http/validator-compiler.js';
import { SimulateBody, SimulateBodyExact, SimulateResponse } from './risk.schemas.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { wire } from '../shared/wire.js';
import { subjectOf, SubjectQuery } from './subject.js';
import { TwinDetailResponse, TwinNameParam, TwinStatusResponse } from './twin.schemas.js';

const HISTORY_DAYS = 90;

/**
 * Twin `/v1/twin/*` (spec §4.1): the eight twins as stored by the engine (docs/models.md), with trends from the stored
 * daily history. A person never computed before is computed on this first read; after that, new data recomputes
 * them in the background. `/twin/{name}` (beyond the spec) explains one twin: its components, models and inputs hash.
 */
export const twinTwinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { twin } = app.services;
  const exactChanges = compileExactValidator(SimulateBodyExact);

  app.get(
    '/status',
    {
      schema: {
        summary: 'The eight digital twins: score, status, trend',
        querystring: SubjectQuery,
        response: { 200: TwinStatusResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      const status = await twin.status(person.id);
      await auditHealthAccess(request, 'twin.status.read', person.id, { type: 'twin' });
      return wire({
        user_id: person.id,
        last_updated: status.lastUpdated,
        overall_health_score: status.overallHealthScore,
        twins: Object.fromEntries(
          TWIN_NAMES.map((name) => {
            const t = status.twins[name];
            return [
              name,
              { score: t.score, status: t.status, trend: t.trend, last_updated: t.as_of, data_sufficiency: t.data_sufficiency },
            ];
          }),
        ),
      });
    },
  );

  app.get(
    '/:twin',
    {
      schema: {
        summary: 'One twin explained: components, models, inputs hash and stored history',
        params: Type.Object({ twin: TwinNameParam }),
        querystring: SubjectQuery,
        response: { 200: TwinDetailResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      const name = request.params.twin as TwinName;
      const t = (await twin.status(person.id)).twins[name];
      const from = new Date(Date.parse(`${t.day}T00:00:00Z`) - (HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const history = await twin.history(person.id, name, from, t.day);
      await auditHealthAccess(request, 'twin.detail.read', person.id, { type: 'twin', id: name });
      return wire({
        user_id: person.id,
        twin: name,
        score: t.score,
        status: t.status,
        trend: t.trend,
        last_updated: t.as_of,
        components: [...t.components],
        models: [...t.models],
        data_sufficiency: t.data_sufficiency,
        notes: [...t.notes],
        engine_version: TWIN_ENGINE_VERSION,
        inputs_hash: t.inputs_hash,
        history: history.map((p) => ({ date: p.day, score: p.score })),
      });
    },
  );

  app.post(
    '/simulate',
    {
      schema: {
        summary: 'What if: the twins recomputed with hypothetical changes (sleep, steps, weight, smoking, …), beside today’s',
        querystring: SubjectQuery,
        body: SimulateBody,
        response: { 200: SimulateResponse },
      },
    },
    async (request) => {
      const person = await subjectOf(request, request.query.user_id);
      const issues = exactChanges(request.body);
      if (issues.length > 0) {
        throw new AppError('validation', 'Request body validation failed', {
          fields: toFieldErrors(issues, 'body', request.body),
          details: { location: 'body' },
        });
      }
      const changes = (request.body as Static<typeof SimulateBodyExact>).changes;
      const { snapshot } = await twin.latest(person.id);
      const result = simulate(snapshot.features, changes, twin.scorer);
      await auditHealthAccess(request, 'twin.simulate', person.id, { type: 'twin' }, { changes: changes.length });
      return wire({
        user_id: person.id,
        as_of: snapshot.asOf,
        changes: result.changes.map((c) => ({ ...c })),
        notes: [...result.notes],
        baseline: simulatedView(result.baseline),
        simulated: simulatedView(result.simulated),
      });
    },
  );
};

function simulatedView(scores: TwinScores) {
  return {
    overall_health_score: overallHealthScore(scores),
    twins: Object.fromEntries(
      TWIN_NAMES.map((name) => [
        name,
        { score: scores[name].score, status: scores[name].status, data_sufficiency: scores[name].data_sufficiency },
      ]),
    ),
  };
}
