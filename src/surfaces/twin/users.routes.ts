import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf, requestMeta } from '../shared/auth-hook.js';
import { toProfilePatch } from '../shared/profile-input.js';
import { ProfilePatchBody, UserProfile } from './schemas.js';
import { profileView } from './views.js';

/** Twin `/v1/users/me`. */
export const twinUserRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { identity, clock } = app.services;

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
};
