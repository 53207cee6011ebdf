import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditHealthAccess } from '../shared/health-audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf, requestMeta } from '../shared/auth-hook.js';
import { toProfilePatch } from '../shared/profile-input.js';
import { ProfilePatchBody, UserProfile } from './schemas.js';
import { profileView } from './views.js';

/** Twin `/v1/users/me`. */
export const twinUserRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { identity, clock, personData } = app.services;

  app.get('/me', { schema: { summary: 'Current user profile', response: { 200: UserProfile } } }, async (request) => {
    const principal = principalOf(request);
    return profileView(await identity.profiles.get(principal, principal.userId, requestMeta(request)));
  });

  app.patch('/me', { schema: { summary: 'Update profile fields', body: ProfilePatchBody, response: { 200: UserProfile } } }, async (request) => {
    const principal = principalOf(request);
    const patch = toProfilePatch(request.body, clock.now());
    // Unknown fields were dropped by the closed schema; a body made only of them changes nothing.
    if (Object.keys(patch).length === 0) {
      throw new AppError('validation', 'No updatable profile field was given', {
        fields: [{ field: 'body', message: `must contain at least one of: ${Object.keys(ProfilePatchBody.properties).join(', ')}`, code: 'empty_patch' }],
      });
    }
    return profileView(await identity.profiles.update(principal, principal.userId, patch, requestMeta(request)));
  });

  app.get(
    '/me/export',
    {
      schema: {
        summary: 'Everything held about you: JSON, or ?format=fhir for a FHIR R4 Bundle of Observations (LOINC, UCUM)',
        querystring: Type.Object({ format: Type.Enum(['json', 'fhir'], { default: 'json' }) }),
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'Streamed. json: {exported_at, format, profile, uploads, observations[]}; fhir: a Bundle (type collection)' }),
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
      await auditHealthAccess(request, 'account.erase', principal.userId, { type: 'account', id: principal.userId }, { observations: deleted['observations'] ?? 0 });
      return {
        user_id: principal.userId,
        erased_at: clock.now().toISOString(),
        deleted,
        kept: ['audit-log entries: ids, actions and counts only (no health values); hash-chained, so kept as evidence that the log is intact'],
      };
    },
  );
};
