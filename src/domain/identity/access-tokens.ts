import { SignJWT, errors, jwtVerify } from 'jose';
import { epochSeconds, type Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { newId } from '../../platform/ids.js';
import { deriveKey } from '../../platform/keys.js';
import type { Role } from './roles.js';

export const TOKEN_ISSUER = 'homeostat';
export const TOKEN_AUDIENCE = 'homeostat';

export interface LocalClaims {
  sub: string;
  email: string;
  role: string;
  jti: string;
  iat: number;
  exp: number;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
  expiresAt: number;
}

/** HS256 access tokens with `sub`, `email`, `role`, `jti`; verified with the algorithm pinned (no `alg: none`). */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new Uint8Array(deriveKey(secret, 'access-token'));
  }

  async issue(user: { id: string; email: string; role: Role }, ttlSeconds = this.ttlSeconds): Promise<IssuedAccessToken> {
    const iat = epochSeconds(this.clock.now());
    const jti = newId('at', 16);
    const token = await new SignJWT({ email: user.email, role: user.role })
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
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      });
      if (typeof payload.role !== 'string' || typeof payload.email !== 'string') throw new errors.JWTInvalid('claims');
      return payload as unknown as LocalClaims;
    } catch (error) {
      throw tokenError(error);
    }
  }
}

/** Maps jose's failures to a 401 whose `reason` says what was wrong, without echoing the token. */
export function tokenError(error: unknown): AppError {
  const reason =
    error instanceof errors.JWTExpired
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
