import type { Clock } from '../../platform/clock.js';
import { epochSeconds } from '../../platform/clock.js';
import type { AuditLog } from '../../platform/audit/audit.port.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { AppError } from '../../platform/http/app-error.js';
import { newUserId } from '../../platform/ids.js';
import type { Mailer } from '../../platform/mail/mailer.port.js';
import type { AccessTokens } from './access-tokens.js';
import type { LoginThrottle } from './login-throttle.js';
import type { OneTimeCodes, CodeCheck } from './one-time-codes.js';
import { assertAcceptablePassword } from './password-policy.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password-hasher.js';
import type { Principal } from './principal.js';
import type { RefreshTokens } from './refresh-tokens.js';
import type { RevocationList } from './revocation-list.js';
import { normalizeEmail, type ProfilePatch, type User } from './user.js';
import type { UserRepository } from './user.repository.js';

export interface RequestMeta {
  requestId: string;
  ip: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Where the service reports what the caller must not see (a mail server refusing a message). */
export interface OperatorLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface AuthServiceDeps {
  log: OperatorLog;
  users: UserRepository;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  revocations: RevocationList;
  throttle: LoginThrottle;
  codes: OneTimeCodes;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  requireEmailVerification: boolean;
}

const INVALID_LOGIN = 'Invalid email or password';
const INVALID_CODE = 'Invalid or expired code';

/** Registration, sign-in, token refresh, sign-out, email confirmation and password reset: one service for every surface. */
export class AuthService {
  constructor(private readonly d: AuthServiceDeps) {}

  /**
   * Creates a patient account and mails a confirmation code. Tokens are issued unless email verification
   * is required or the surface has no way to hand them over (`issueTokens: false`: Twin's register answer
   * holds none, and a refresh token nobody received would only sit in the store).
   */
  async register(
    input: { email: string; password: string; profile: ProfilePatch },
    meta: RequestMeta,
    options: { issueTokens?: boolean } = {},
  ): Promise<{ user: User; tokens: TokenPair | null; verificationEmailSent: boolean }> {
    const email = normalizeEmail(input.email);
    assertAcceptablePassword(input.password, email);
    const emailTaken = async () => {
      await this.audit('auth.register', 'failure', meta, null, { reason: 'email_taken' });
      return new AppError('conflict', 'An account with this email already exists', { details: { field: 'email' } });
    };
    if (await this.d.users.findWithSecretsByEmail(email)) throw await emailTaken();
    const now = this.d.clock.now();
    const passwordHash = await hashPassword(input.password);
    let user: User;
    try {
      user = await this.d.users.insert({ id: newUserId(), email, passwordHash, role: 'patient', profile: input.profile, now: now.toISOString() });
    } catch (error) {
      // Two registrations for one address at once: the unique index decides, the loser gets the same 409.
      if (isUniqueViolation(error)) throw await emailTaken();
      throw error;
    }
    const verificationEmailSent = await this.sendConfirmation(user);
    await this.audit('auth.register', 'success', meta, user);
    const tokens = this.d.requireEmailVerification || options.issueTokens === false ? null : await this.issueTokens(user, passwordHash);
    return { user, tokens, verificationEmailSent };
  }

  async login(emailInput: string, password: string, meta: RequestMeta): Promise<{ user: User; tokens: TokenPair }> {
    const email = normalizeEmail(emailInput);
    const now = this.d.clock.now();
    const lockedFor = await this.d.throttle.lockedFor(email, now);
    if (lockedFor > 0) {
      await this.audit('auth.login', 'denied', meta, null, { reason: 'locked' });
      throw lockedError(lockedFor);
    }
    const found = await this.d.users.findWithSecretsByEmail(email);
    const ok = found?.passwordHash ? await verifyPassword(found.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!found || !ok || !found.user.isActive) {
      const locked = await this.d.throttle.recordFailure(email, now);
      await this.audit('auth.login', 'failure', meta, found?.user ?? null, { reason: 'bad_credentials', locked });
      throw new AppError('unauthorized', INVALID_LOGIN, { details: { reason: 'invalid_credentials' } });
    }
    if (this.d.requireEmailVerification && !found.user.emailVerified) {
      await this.audit('auth.login', 'denied', meta, found.user, { reason: 'email_not_verified' });
      throw new AppError('forbidden', 'Email verification required before login', { details: { reason: 'email_not_verified' } });
    }
    await this.d.throttle.reset(email);
    await this.d.users.recordLogin(found.user.id, now.toISOString());
    await this.audit('auth.login', 'success', meta, found.user);
    return { user: { ...found.user, lastLoginAt: now.toISOString() }, tokens: await this.issueTokens(found.user, found.passwordHash) };
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<{ user: User; tokens: TokenPair }> {
    const now = this.d.clock.now();
    const outcome = await this.d.refreshTokens.rotate(refreshToken, now);
    if (outcome.status === 'reused') {
      await this.audit('auth.refresh', 'denied', meta, { id: outcome.userId }, { reason: 'reuse_detected_family_revoked' });
      throw new AppError('unauthorized', 'Invalid or expired refresh token', { details: { reason: 'refresh_token_reused' } });
    }
    const found = outcome.status === 'rotated' ? await this.d.users.findWithSecretsById(outcome.userId) : undefined;
    if (outcome.status !== 'rotated' || !found?.user.isActive) {
      await this.audit('auth.refresh', 'failure', meta, null, { reason: 'invalid_refresh_token' });
      throw new AppError('unauthorized', 'Invalid or expired refresh token', { details: { reason: 'invalid_refresh_token' } });
    }
    const user = found.user;
    const access = await this.d.accessTokens.issue(user, undefined, found.passwordHash);
    await this.audit('auth.refresh', 'success', meta, user);
    return { user, tokens: { accessToken: access.token, refreshToken: outcome.token, expiresIn: access.expiresIn } };
  }

  /** Revokes the presented access token and, when given, the refresh token's whole family. */
  async logout(principal: Principal, refreshToken: string | undefined, meta: RequestMeta): Promise<void> {
    const now = this.d.clock.now();
    await this.d.revocations.revoke(principal.jti, principal.userId, principal.expiresAt, now);
    if (refreshToken) await this.d.refreshTokens.revokeFamilyOf(refreshToken, principal.userId, now);
    await this.audit('auth.logout', 'success', meta, { id: principal.userId, role: principal.role });
  }

  async confirmEmail(emailInput: string, code: string, meta: RequestMeta): Promise<void> {
    const user = (await this.d.users.findWithSecretsByEmail(normalizeEmail(emailInput)))?.user;
    const check: CodeCheck = user ? await this.d.codes.consume(user.id, 'confirm_email', code, this.d.clock.now()) : 'invalid';
    await this.audit('auth.confirm_email', check === 'ok' ? 'success' : 'failure', meta, user ?? null, check === 'ok' ? {} : { reason: check });
    if (check !== 'ok' || !user) throw codeError(check);
    await this.d.users.markEmailVerified(user.id, this.d.clock.now().toISOString());
  }

  /** Always succeeds from the caller's point of view: the answer must not reveal whether the account exists. */
  async resendConfirmation(emailInput: string, meta: RequestMeta): Promise<void> {
    const found = await this.d.users.findWithSecretsByEmail(normalizeEmail(emailInput));
    if (found && !found.user.emailVerified) await this.sendConfirmation(found.user);
    await this.audit('auth.resend_confirmation', 'success', meta, found?.user ?? null);
  }

  async forgotPassword(emailInput: string, meta: RequestMeta): Promise<void> {
    const found = await this.d.users.findWithSecretsByEmail(normalizeEmail(emailInput));
    if (found?.user.isActive && found.passwordHash) {
      const code = await this.d.codes.issue(found.user.id, 'reset_password', this.d.clock.now());
      // A delivery failure must not change the answer: that would tell who has an account.
      await this.sendMail(found.user, {
        subject: 'Your Homeostat password reset code',
        text: `Your password reset code is ${code}. It expires in 30 minutes.\n\nIf you did not ask to reset your password, ignore this message.`,
      });
    }
    await this.audit('auth.password_reset_request', 'success', meta, found?.user ?? null);
  }

  /** A successful reset voids every access and refresh token the person held. */
  async resetPassword(emailInput: string, code: string, newPassword: string, meta: RequestMeta): Promise<void> {
    const email = normalizeEmail(emailInput);
    const found = await this.d.users.findWithSecretsByEmail(email);
    const now = this.d.clock.now();
    assertAcceptablePassword(newPassword, email, 'new_password');
    const check: CodeCheck = found ? await this.d.codes.consume(found.user.id, 'reset_password', code, now) : 'invalid';
    await this.audit('auth.password_reset', check === 'ok' ? 'success' : 'failure', meta, found?.user ?? null, check === 'ok' ? {} : { reason: check });
    if (check !== 'ok' || !found) throw codeError(check);
    await this.d.users.setPassword(found.user.id, await hashPassword(newPassword), epochSeconds(now), now.toISOString());
    await this.d.refreshTokens.revokeAllFor(found.user.id, now);
    await this.d.throttle.reset(email);
  }

  /** `passwordHash`: the account's current one; the access token is bound to it (void after a password change). */
  async issueTokens(user: User, passwordHash: string | null): Promise<TokenPair> {
    const access = await this.d.accessTokens.issue(user, undefined, passwordHash);
    const refreshToken = await this.d.refreshTokens.issue(user.id, this.d.clock.now());
    return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
  }

  /** Returns whether the confirmation was handed to the mailer; the account exists either way (resend-confirmation retries). */
  private async sendConfirmation(user: User): Promise<boolean> {
    const code = await this.d.codes.issue(user.id, 'confirm_email', this.d.clock.now());
    return this.sendMail(user, { subject: 'Confirm your Homeostat email address', text: `Your confirmation code is ${code}. It expires in 24 hours.` });
  }

  private async sendMail(user: User, message: { subject: string; text: string }): Promise<boolean> {
    try {
      await this.d.mailer.send({ to: user.email, ...message });
      return true;
    } catch (error) {
      this.d.log.warn({ err: error, user_id: user.id, mailer: this.d.mailer.kind }, `mail not delivered: ${message.subject}`);
      return false;
    }
  }

  private audit(
    action: string,
    outcome: 'success' | 'failure' | 'denied',
    meta: RequestMeta,
    subject: { id: string; role?: string } | null,
    details: Record<string, string | number | boolean> = {},
  ): Promise<void> {
    return this.d.audit.record({
      action,
      outcome,
      actorId: outcome === 'success' ? (subject?.id ?? null) : null,
      actorRole: outcome === 'success' ? (subject?.role ?? null) : null,
      subjectUserId: subject?.id ?? null,
      resourceType: 'account',
      requestId: meta.requestId,
      ip: meta.ip,
      details,
    });
  }
}

function lockedError(seconds: number): AppError {
  const minutes = Math.ceil(seconds / 60);
  return new AppError('rate_limited', `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    details: { reason: 'too_many_failed_attempts', retry_after_seconds: seconds },
    headers: { 'Retry-After': String(seconds) },
  });
}

function codeError(check: CodeCheck): AppError {
  return check === 'too_many_attempts'
    ? new AppError('bad_request', 'Too many wrong codes; request a new one', { details: { reason: check } })
    : new AppError('bad_request', INVALID_CODE, { details: { reason: check === 'expired' ? 'expired' : 'invalid' } });
}
