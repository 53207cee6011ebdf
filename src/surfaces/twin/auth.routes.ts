import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf, requestMeta } from '../shared/auth-hook.js';
import { authRateLimit } from '../shared/auth-rate-limit.js';
import { toProfilePatch } from '../shared/profile-input.js';
import { RefreshTokenBody } from '../shared/profile-schemas.js';
import { TwinLoginBody, TwinLogoutBody, TwinRegisterBody, TwinRegisterResponse, TwinTokenResponse } from './schemas.js';
import { twinTokenView } from './views.js';

/** Twin `/v1/auth/*`: register and login from the spec; refresh and logout added so tokens can be renewed and revoked. */
export const twinAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { identity, clock } = app.services;
  const limited = { auth: false as const, ...authRateLimit() };

  app.post('/register', { schema: { summary: 'Register a new user', body: TwinRegisterBody, response: { 201: TwinRegisterResponse } }, config: limited }, async (request, reply) => {
    const { email, password, first_name, last_name, date_of_birth, gender, phone } = request.body;
    const profile = toProfilePatch({ first_name, last_name, date_of_birth, gender, phone }, clock.now());
    const result = await identity.auth.register({ email, password, profile }, requestMeta(request), { issueTokens: false });
    return reply.code(201).send({
      user_id: result.user.id,
      email: result.user.email,
      message: 'User registered successfully. Please verify your email.',
    });
  });

  app.post('/login', { schema: { summary: 'Get an access token', body: TwinLoginBody, response: { 200: TwinTokenResponse } }, config: limited }, async (request) => {
    const { user, tokens } = await identity.auth.login(request.body.email, request.body.password, requestMeta(request));
    return twinTokenView(user, tokens);
  });

  app.post('/refresh', { schema: { summary: 'Exchange a refresh token (rotated on every use)', body: RefreshTokenBody, response: { 200: TwinTokenResponse } }, config: limited }, async (request) => {
    const { user, tokens } = await identity.auth.refresh(request.body.refresh_token, requestMeta(request));
    return twinTokenView(user, tokens);
  });

  app.post(
    '/logout',
    {
      schema: {
        summary: 'Revoke this access token (and a refresh token family, if given)',
        body: TwinLogoutBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await identity.auth.logout(principalOf(request), request.body?.refresh_token, requestMeta(request));
      return reply.code(204).send(null);
    },
  );
};
