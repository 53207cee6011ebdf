import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { parseRole, type Role } from './roles.js';
import { tokenError } from './access-tokens.js';

export interface OidcOptions {
  issuer: string;
  jwksUrl: string;
  audience?: string | undefined;
  roleClaim: string;
}

export interface ExternalIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  /**
   * The provider's `email_verified` (Cognito and Keycloak send it; Cognito sometimes as "true"/"false").
   * Absent means the provider did not say, which counts as not verified.
   */
  emailVerified: boolean;
  role: Role;
  jti: string;
  exp: number;
}

/** When several groups map to roles, the most privileged wins; an identity provider is trusted to assign them. */
const PRECEDENCE: readonly Role[] = ['admin', 'auditor', 'clinician', 'researcher', 'employer', 'patient'];

/** Claims read for roles after the configured one: Auth0/Keycloak `roles`, Keycloak realm roles, a Cognito custom attribute. */
const FALLBACK_ROLE_CLAIMS = ['roles', 'realm_access.roles', 'custom:role'] as const;

/**
 * Accepts RS256/ES256 tokens from an external identity provider (Cognito, Auth0, Keycloak) via its JWKS
 * (fetched on first use, cached by jose for 10 minutes, refetched at most every 30 s for an unknown `kid`).
 *
 * Claim → role: the configured claim (OIDC_ROLE_CLAIM, default `cognito:groups`; a dotted path such as
 * `resource_access.homeostat.roles` reads nested claims), then `roles`, `realm_access.roles`, `custom:role`.
 * A claim may be a list or a space/comma-separated string. Each value is matched case-insensitively against
 * the role names and every surface's aliases (`CLINICIAN`, `data_scientist`, `corporate`, …), also in plural
 * (`Admins`) or hyphenated (`data-scientist`) form. The most privileged match wins; no match means `patient`.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly options: OidcOptions,
    private readonly clock: Clock,
  ) {
    this.keys = providerKeys(createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 }));
  }

  get issuer(): string {
    return this.options.issuer;
  }

  async verify(token: string): Promise<ExternalIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256', 'ES256'],
        issuer: this.options.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw error instanceof AppError ? error : tokenError(error);
    }
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : undefined;
    return {
      issuer: this.options.issuer,
      subject: payload.sub as string,
      email: email || undefined,
      // Only an explicit yes counts: a provider that does not say has not verified it for us.
      emailVerified: payload.email_verified === true || payload.email_verified === 'true',
      role: this.roleFrom(payload),
      // Cognito puts a unique id in `origin_jti`/`jti`; fall back to sub+iat so revocation still has a key.
      jti: typeof payload.jti === 'string' ? payload.jti : `${payload.sub}:${payload.iat ?? payload.exp}`,
      exp: payload.exp as number,
    };
  }

  private roleFrom(payload: JWTPayload): Role {
    const candidates = [this.options.roleClaim, ...FALLBACK_ROLE_CLAIMS].flatMap((path) => toStrings(readPath(payload, path)));
    const roles = new Set(candidates.map(roleOfGroup).filter((r): r is Role => r !== undefined));
    return PRECEDENCE.find((r) => roles.has(r)) ?? 'patient';
  }
}

/** `Admins` → admin, `data-scientist` → researcher, `CLINICIAN` → clinician; undefined for anything else. */
export function roleOfGroup(group: string): Role | undefined {
  const name = group.trim().replace(/-/g, '_');
  return parseRole(name) ?? (/s$/i.test(name) ? parseRole(name.slice(0, -1)) : undefined);
}

/**
 * Keeps "the identity provider's keys could not be fetched" apart from "this token is bad": the first
 * is a 503 (the client's token may be fine), the second a 401.
 */
function providerKeys(jwks: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      const unreachable =
        error instanceof errors.JWKSTimeout ||
        error instanceof errors.JWKSInvalid ||
        !(error instanceof errors.JOSEError) ||
        error.constructor === errors.JOSEError;
      if (!unreachable) throw error;
      throw new AppError('unavailable', 'The identity provider could not be reached to verify the token', {
        details: { reason: 'Identity provider keys unavailable' },
        headers: { 'Retry-After': '30' },
        cause: error,
      });
    }
  };
}

function readPath(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

const toStrings = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
