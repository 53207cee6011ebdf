import { SignJWT, errors } from 'jose';
import { Hs256Error, verifyHs256, type Hs256Failure } from './hs256.js';
import { epochSeconds, type Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { newId } from '../../platform/ids.js';
import { deriveKey, hmacHex } from '../../platform/keys.js';
import type { Role } from './roles.js';

export const TOKEN_ISSUER = 'homeostat';
export const TOKEN_AUDIENCE = 'homeostat';

const VERIFIED_CACHE_SIZE = 10_000;

export interface LocalClaims {
  sub: string;
  email: string;
  role: string;
  jti: string;
  iat: number;
  exp: number;
  /** Session version: a digest of the credential the token was issued against (absent on CLI-issued tokens). */
  sv?: string;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
  expiresAt: number;
}

/**
 * HS256 access tokens with `sub`, `email`, `role`, `jti`; verified with the algorithm pinned (no `alg: none`).
 *
 * Tokens issued at sign-in also carry `sv`, a keyed digest of the account's password hash: a password
 * change alters the hash, so every token issued before it stops matching, even one issued in the same
 * second as the change (which an `iat` comparison, at one-second resolution, cannot tell apart).
 */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly keyBuffer: Buffer;
  private readonly versions = new Map<string, string>();
  /**
   * Signature and claims verified before, by token text (the Clarity spec's "token validation caching").
   * Only what cannot change is cached: expiry is checked against the clock on every hit, and revocation,
   * account state, password and role are checked by the authenticator on every request.
   */
  private readonly verified = new Map<string, LocalClaims>();
  private readonly versionKey: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.keyBuffer = deriveKey(secret, 'access-token');
    this.key = new Uint8Array(this.keyBuffer);
    this.versionKey = deriveKey(secret, 'session-version');
  }

  /** The `sv` claim for an account whose current password hash is `passwordHash` (null: no password). */
  sessionVersion(passwordHash: string | null): string {
    const key = passwordHash ?? '';
    let version = this.versions.get(key);
    if (version === undefined) {
      version = hmacHex(this.versionKey, key).slice(0, 22);
      // Checked on every request: remember recent accounts' versions (bounded; a password change is a new key).
      if (this.versions.size >= 10_000) this.versions.clear();
      this.versions.set(key, version);
    }
    return version;
  }

  /** `credential`: the account's current password hash, to bind the token to it (see the class comment). */
  async issue(user: { id: string; email: string; role: Role }, ttlSeconds = this.ttlSeconds, credential?: string | null): Promise<IssuedAccessToken> {
    const iat = epochSeconds(this.clock.now());
    const jti = newId('at', 16);
    const claims = { email: user.email, role: user.role, ...(credential === undefined ? {} : { sv: this.sessionVersion(credential) }) };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setJti(jti)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key);
    return { token, jti, expiresIn: ttlSeconds, expiresAt: iat + ttlSeconds };
  }

  async verify(token: string): Promise<LocalClaims> {
    const now = epochSeconds(this.clock.now());
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > now) return known;
      this.verified.delete(token);
    }
    try {
      const claims = verifyHs256(token, this.keyBuffer, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, now });
      if (typeof claims.role !== 'string' || typeof claims.email !== 'string') throw new Hs256Error('malformed');
      if (claims.sv !== undefined && typeof claims.sv !== 'string') throw new Hs256Error('malformed');
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.clear();
      this.verified.set(token, claims as unknown as LocalClaims);
      return claims as unknown as LocalClaims;
    } catch (error) {
      throw tokenError(error);
    }
  }

  /** True if `token` is one of ours verified before and not yet expired (routes it past algorithm sniffing). */
  isKnown(token: string): boolean {
    const known = this.verified.get(token);
    return known !== undefined && known.exp > epochSeconds(this.clock.now());
  }
}

const HS256_REASON: Record<Hs256Failure, string> = {
  malformed: 'Token is malformed',
  algorithm: 'Token algorithm not allowed',
  signature: 'Token signature verification failed',
  expired: 'Token has expired',
  claims: 'Token claims are not valid here',
};

/** Maps verification failures (ours and jose's, for OIDC) to a 401 whose `reason` says what was wrong, without echoing the token. */
export function tokenError(error: unknown): AppError {
  const reason =
    error instanceof Hs256Error
      ? HS256_REASON[error.failure]
      : error instanceof errors.JWTExpired
      ? 'Token has expired'
      : error instanceof errors.JWSSignatureVerificationFailed
        ? 'Token signature verification failed'
        : error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported
          ? 'Token algorithm not allowed'
          : error instanceof errors.JWTClaimValidationFailed
            ? 'Token claims are not valid here'
            : error instanceof errors.JWKSNoMatchingKey
              ? 'Token signing key is not known'
              : 'Token is malformed';
  return new AppError('unauthorized', 'Invalid authentication credentials', { details: { reason }, cause: error });
}
