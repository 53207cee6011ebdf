import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthProfiles, patchedFields, type HealthProfile, type HealthProfilePatch } from '../../domain/twin/inputs/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { toFieldErrors } from '../../platform/http/validation-errors.js';
import { compileExactValidator } from '../../platform/http/validator-compiler.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { HealthProfilePatchBody, HealthProfilePatchExact, HealthProfileResponse } from './health-profile.schemas.js';

/**
 * Twin `/v1/users/me/health-profile` (beyond the spec): what the person states that no sensor measures — clinical
 * history and occupation — read and updated by the person themselves only. Both are audited with field names, never
 * values (smoking or diabetes status is health data).
 */
export const twinHealthProfileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const profiles = new HealthProfiles(app.services.database.db);
  const exact = compileExactValidator(HealthProfilePatchExact);
  const view = (userId: string, p: HealthProfile) => ({
    user_id: userId,
    history: p.history,
    occupation: p.occupation,
    updated_at: p.updated_at,
  });
  const gone = () => new AppError('not_found', 'User not found');

  app.get(
    '/me/health-profile',
    {
      schema: {
        summary: 'Your clinical history and occupation, as you stated them (null = not stated)',
        response: { 200: HealthProfileResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const profile = await profiles.get(principal.userId);
      if (!profile) throw gone();
      await auditHealthAccess(request, 'profile.health.read', principal.userId, { type: 'health_profile', id: principal.userId });
      return view(principal.userId, profile);
    },
  );

  app.put(
    '/me/health-profile',
    {
      schema: {
        summary: 'State or correct facts about your health and work; omitted fields are kept, null clears one',
        body: HealthProfilePatchBody,
        response: { 200: HealthProfileResponse },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body: unknown = request.body;
      const issues = exact(body);
      if (issues.length > 0) {
        throw new AppError('validation', 'The health profile is invalid', {
          fields: toFieldErrors(issues, 'body', body),
          details: { location: 'body' },
        });
      }
      const patch = body as HealthProfilePatch;
      const updated = await profiles.update(principal.userId, patch, app.services.clock.now().toISOString());
      if (!updated) throw gone();
      await app.services.observations.changes.notify(principal.userId);
      await auditHealthAccess(
        request,
        'profile.health.update',
        principal.userId,
        { type: 'health_profile', id: principal.userId },
        { fields: patchedFields(patch).join(',') },
      );
      return view(principal.userId, updated);
    },
  );
};
