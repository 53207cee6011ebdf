import { newUserId } from '../../platform/ids.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { AccessTokens } from './access-tokens.js';
import { tokenAlgorithm } from './hs256.js';
import type { OidcVerifier, ExternalIdentity } from './oidc-verifier.js';
import type { Principal } from './principal.js';
import type { UserRepository } from './user.repository.js';
import type { User } from './user.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';

const unauthorized = (reason: string): AppError =>
  new AppError('unauthorized', 'Invalid authentication credentials', { details: { reason } });

/** Turns an `Authorization` header into a Principal, checking signature, expiry, revocation and account state. */
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly oidc?: OidcVerifier,
  ) {}

  async authenticate(header: string | undefined): Promise<Principal> {
    const token = bearerToken(header);
    return this.fromToken(token);
  }

  async fromToken(token: string): Promise<Principal> {
    if (this.tokens.isKnown(token)) return this.local(token);
    let alg: unknown;
    try {
      alg = tokenAlgorithm(token);
    } catch {
      throw unauthorized('Token is malformed');
    }
    if (alg === 'HS256') return this.local(token);
    if (this.oidc && (alg === 'RS256' || alg === 'ES256')) return this.external(await this.oidc.verify(token));
    throw unauthorized('Token algorithm not allowed');
  }

  private async local(token: string): Promise<Principal> {
    const claims = await this.tokens.verify(token);
    const found = await this.users.findSessionState(claims.sub, claims.jti);
    if (!found || !found.user.isActive) throw unauthorized('Account not found or disabled');
    if (found.revoked) throw unauthorized('Token has been revoked');
    const staleVersion = claims.sv !== undefined && claims.sv !== this.tokens.sessionVersion(found.passwordHash);
    if (staleVersion || claims.iat < found.tokensValidAfter) throw unauthorized('Token was issued before a password change');
    if (claims.role !== found.user.role) throw unauthorized('Role changed since the token was issued');
    return {
      userId: found.user.id,
      email: found.user.email,
      role: found.user.role,
      jti: claims.jti,
      expiresAt: claims.exp,
      source: 'local',
      account: found.user,
    };
  }

  /** External identities are provisioned on first sight and their role follows the identity provider. */
  private async external(identity: ExternalIdentity): Promise<Principal> {
    let user = await this.users.findByExternalIdentity(identity.issuer, identity.subject);
    const now = this.clock.now().toISOString();
    if (!user) {
      user = await this.provision(identity, now);
    } else if (user.role !== identity.role) {
      await this.users.setRole(user.id, identity.role, now);
      user = { ...user, role: identity.role };
    }
    if (!user.isActive) throw unauthorized('Account not found or disabled');
    const check = await this.users.findForTokenCheck(user.id, identity.jti);
    if (check?.revoked) throw unauthorized('Token has been revoked');
    return { userId: user.id, email: user.email, role: user.role, jti: identity.jti, expiresAt: identity.exp, source: 'oidc', account: user };
  }

  /**
   * Creates the local account of an external identity. Its email is used only if the provider says it is
   * verified and no account has it yet: otherwise an unverified address could claim (and block) a real person's.
   */
  private async provision(identity: ExternalIdentity, now: string): Promise<User> {
    const usable = identity.email !== undefined && identity.emailVerified && !(await this.users.findWithSecretsByEmail(identity.email));
    try {
      return await this.users.insert({
        id: newUserId(),
        email: usable && identity.email ? identity.email : `${identity.subject}@oidc.invalid`,
        passwordHash: null,
        role: identity.role,
        emailVerified: usable,
        external: { issuer: identity.issuer, subject: identity.subject },
        now,
      });
    } catch (error) {
      // First sight of the same subject in two requests at once: the other request created it.
      const existing = isUniqueViolation(error) ? await this.users.findByExternalIdentity(identity.issuer, identity.subject) : undefined;
      if (existing) return existing;
      throw error;
    }
  }
}

export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthorized('Missing Authorization header');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
  return match[1];
}
