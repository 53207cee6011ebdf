import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DEFAULT_SOURCE_PRIORITY, parseSourcePriority, SOURCE_CLASSES, validateSourcePriority } from '../../domain/observations/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf, requestMeta } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { profileView } from './views.js';

/** Twin `/v1/users/me/…`: your data as a whole — export, erasure, and which source wins where sources overlap. */
export const twinMyDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { identity, clock, personData } = app.services;

  app.get(
    '/me/export',
    {
      schema: {
        summary: 'Everything held about you: JSON, or ?format=fhir for a FHIR R4 Bundle of Observations (LOINC, UCUM)',
        querystring: Type.Object({ format: Type.Enum(['json', 'fhir'], { default: 'json' }) }),
        response: {
          200: Type.Object(
            {},
            {
              additionalProperties: true,
              description: 'Streamed. json: {exported_at, format, profile, uploads, observations[]}; fhir: a Bundle (type collection)',
            },
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const user = await identity.profiles.get(principal, principal.userId, requestMeta(request));
      const fhir = request.query.format === 'fhir';
      await auditHealthAccess(request, 'account.export', user.id, { type: 'account', id: user.id }, { format: request.query.format });
      const chunks = fhir ? personData.exportFhir(user) : personData.exportJson(user, profileView(user));
      const date = clock.now().toISOString().slice(0, 10);
      return reply
        .type(fhir ? 'application/fhir+json' : 'application/json')
        .header('content-disposition', `attachment; filename="homeostat-export-${date}${fhir ? '-fhir' : ''}.json"`)
        .send(Readable.from(chunks));
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        summary: 'Erase your account and every piece of data held about you; returns a receipt',
        response: {
          200: Type.Object({
            user_id: Type.String(),
            erased_at: Type.String({ format: 'date-time' }),
            deleted: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'rows (or files) deleted, by kind' }),
            kept: Type.Array(Type.String(), { description: 'what is kept and why' }),
          }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const deleted = await personData.erase(principal.userId);
      await auditHealthAccess(
        request,
        'account.erase',
        principal.userId,
        { type: 'account', id: principal.userId },
        { observations: deleted['observations'] ?? 0 },
      );
      return {
        user_id: principal.userId,
        erased_at: clock.now().toISOString(),
        deleted,
        kept: [
          'audit-log entries: ids, actions and counts only (no health values); hash-chained, so kept as evidence that the log is intact',
        ],
      };
    },
  );

  const PriorityEntry = Type.Union([
    Type.Enum([...SOURCE_CLASSES]),
    Type.Object({ source: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
  ]);
  const PriorityView = Type.Object({
    priority: Type.Array(PriorityEntry, { description: 'best first: source classes and/or { source: name }' }),
    is_default: Type.Boolean(),
  });

  app.get(
    '/me/source-priority',
    { schema: { summary: 'Which source wins where cumulative data overlaps', response: { 200: PriorityView } } },
    async (request) => {
      const principal = principalOf(request);
      const stored =
        (await app.services.database.db.selectFrom('users').select('source_priority').where('id', '=', principal.userId).executeTakeFirst())
          ?.source_priority ?? null;
      return { priority: [...parseSourcePriority(stored)], is_default: stored === null };
    },
  );

  app.put(
    '/me/source-priority',
    {
      schema: {
        summary: 'Set your source priority (null restores the default); cumulative totals are recomputed under it',
        body: Type.Object(
          { priority: Type.Union([Type.Array(PriorityEntry, { minItems: 1, maxItems: 50 }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: PriorityView },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { priority } = request.body;
      const problems = priority === null ? [] : validateSourcePriority(priority);
      if (problems.length > 0) {
        throw new AppError('validation', 'The source priority is not valid', {
          fields: problems.map((message) => ({ field: 'priority', message, code: 'invalid_priority' })),
        });
      }
      await app.services.observations.writer.setSourcePriority(principal.userId, priority);
      await app.services.observations.changes.notify(principal.userId);
      await auditHealthAccess(request, 'profile.source_priority.update', principal.userId, { type: 'profile', id: principal.userId });
      return { priority: [...(priority ?? DEFAULT_SOURCE_PRIORITY)], is_default: priority === null };
    },
  );
};
