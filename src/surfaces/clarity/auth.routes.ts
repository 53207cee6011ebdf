import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf, requestMeta } from '../shared/auth-hook.js';
import { authRateLimit } from '../shared/auth-rate-limit.js';
import { toProfilePatch } from '../shared/profile-input.js';
import {
  ConfirmEmailBody, EmailBody, LoginBody, LoginResponse, LogoutBody, MessageResponse, PasswordResetResponse,
  RegisterBody, RegistrationResponse, ResetPasswordBody, ServiceHealth, TokenResponse, UpdateMeBody, UserSession,
} from './auth.schemas.js';
import { sessionView, tokenView } from './auth.views.js';
import { RefreshTokenBody } from '../shared/profile-schemas.js';

/** Clarity `/api/v1/auth/*`. */
export const clarityAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { identity, config, clock } = app.services;
  const requireVerification = config.REQUIRE_EMAIL_VERIFICATION;
  const limited = { auth: false as const, ...authRateLimit() };

  app.post('/register', { schema: { summary: 'Register a new user', body: RegisterBody, response: { 201: RegistrationResponse, 202: RegistrationResponse } }, config: limited }, async (request, reply) => {
    const body = request.body;
    const refused = (['terms_accepted', 'privacy_policy_accepted'] as const).filter((k) => body[k] === false);
    if (refused.length > 0) {
      throw new AppError('validation', 'Terms and privacy policy must be accepted', {
        fields: refused.map((field) => ({ field, message: 'must be accepted', code: 'not_accepted', input: false })),
      });
    }
    const profile = toProfilePatch({ first_name: body.first_name, last_name: body.last_name, phone_number: body.phone_number }, clock.now());
    const result = await identity.auth.register({ email: body.email, password: body.password, profile }, requestMeta(request));
    return reply.code(result.tokens ? 201 : 202).send({
      user_id: result.user.id,
      email: result.user.email,
      status: result.tokens ? 'active' : 'pending_verification',
      verification_email_sent: result.verificationEmailSent,
      created_at: result.user.createdAt,
      ...(result.tokens ? { tokens: tokenView(result.tokens) } : {}),
    });
  });

  app.post('/login', { schema: { summary: 'Sign in with email and password', body: LoginBody, response: { 200: LoginResponse } }, config: limited }, async (request) => {
    const { user, tokens } = await identity.auth.login(request.body.email, request.body.password, requestMeta(request));
    const view = tokenView(tokens);
    return { ...view, user: sessionView(user, requireVerification), tokens: view, requires_mfa: false, mfa_session_token: null };
  });

  app.post('/refresh', { schema: { summary: 'Exchange a refresh token (rotated on every use)', body: RefreshTokenBody, response: { 200: TokenResponse } }, config: limited }, async (request) => {
    const { tokens } = await identity.auth.refresh(request.body.refresh_token, requestMeta(request));
    return tokenView(tokens);
  });

  app.post('/logout', { schema: { summary: 'Revoke this access token and its refresh token family', body: LogoutBody, response: { 200: MessageResponse } } }, async (request) => {
    await identity.auth.logout(principalOf(request), request.body?.refresh_token, requestMeta(request));
    return { message: 'Logout successful' };
  });

  app.get('/me', { schema: { summary: 'The signed-in user', response: { 200: UserSession } } }, async (request) => {
    const principal = principalOf(request);
    const user = await identity.profiles.get(principal, principal.userId, requestMeta(request));
    return sessionView(user, requireVerification);
  });

  app.put('/me', { schema: { summary: "Update the signed-in user's name or phone", body: UpdateMeBody, response: { 200: UserSession } } }, async (request) => {
    const principal = principalOf(request);
    const { first_name, last_name, phone_number } = request.body;
    const patch = toProfilePatch({ first_name, last_name, phone_number }, clock.now());
    const user = await identity.profiles.update(principal, principal.userId, patch, requestMeta(request));
    return sessionView(user, requireVerification);
  });

  app.post('/confirm-email', { schema: { summary: 'Confirm an email address with the mailed code', body: ConfirmEmailBody, response: { 200: MessageResponse } }, config: limited }, async (request) => {
    const code = request.body.code ?? request.body.confirmation_code;
    if (!code) throw new AppError('validation', 'A confirmation code is required', { fields: [{ field: 'code', message: 'is required', code: 'missing' }] });
    await identity.auth.confirmEmail(request.body.email, code, requestMeta(request));
    return { message: 'Email confirmed' };
  });

  app.post('/resend-confirmation', { schema: { summary: 'Send a new confirmation code', body: EmailBody, response: { 200: MessageResponse } }, config: limited }, async (request) => {
    await identity.auth.resendConfirmation(request.body.email, requestMeta(request));
    return { message: 'If the address has an unconfirmed account, a new code has been sent.' };
  });

  app.post('/forgot-password', { schema: { summary: 'Mail a password reset code', body: EmailBody, response: { 200: PasswordResetResponse } }, config: limited }, async (request) => {
    await identity.auth.forgotPassword(request.body.email, requestMeta(request));
    return { message: 'If an account exists for that address, a reset code has been sent.', reset_token_sent: true };
  });

  app.post('/reset-password', { schema: { summary: 'Set a new password with the mailed code', body: ResetPasswordBody, response: { 200: MessageResponse } }, config: limited }, async (request) => {
    const { email, new_password: newPassword } = request.body;
    const code = request.body.code ?? request.body.confirmation_code ?? request.body.token;
    if (!code) throw new AppError('validation', 'A reset code is required', { fields: [{ field: 'code', message: 'is required', code: 'missing' }] });
    await identity.auth.resetPassword(email, code, newPassword, requestMeta(request));
    return { message: 'Password has been reset. Sign in with the new password.' };
  });

  app.get('/health', { schema: { summary: 'Auth service health', response: { 200: ServiceHealth } }, config: { auth: false } }, async () => ({
    status: 'healthy' as const,
    service: 'authentication',
    timestamp: clock.now().toISOString(),
  }));
};
