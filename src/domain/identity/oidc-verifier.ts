import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../platform/clock.js';
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
  role: Role;
  jti: string;
  exp: number;
}

/** When several groups map to roles, the most privileged wins; an identity provider is trusted to assign them. */
const PRECEDENCE: readonly Role[] = ['admin', 'auditor', 'clinician', 'researcher', 'employer', 'patient'];

/**
 * Accepts RS256/ES256 tokens from an external identity provider (Cognito, Auth0, Keycloak) via its JWKS.
 * Claim → role: the configured claim (default `cognito:groups`), then `roles`, `realm_access.roles`,
 * `custom:role`; values are matched with `parseRole`; no match means `patient`.
 */
export class OidcVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly options: OidcOptions,
    private readonly clock: Clock,
  ) {
    this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  get issuer(): string {
    return this.options.issuer;
  }

  async verify(token: string): Promise<ExternalIdentity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        algorithms: ['RS256', 'ES256'],
        issuer: this.options.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw tokenError(error);
    }
    const email = typeof payload.email === 'string' ? payload.email.toLowerCase() : undefined;
    return {
      issuer: this.options.issuer,
      subject: payload.sub as string,
      email,
      role: this.roleFrom(payload),
      // Cognito puts a unique id in `origin_jti`/`jti`; fall back to sub+iat so revocation still has a key.
      jti: typeof payload.jti === 'string' ? payload.jti : `${payload.sub}:${payload.iat ?? payload.exp}`,
      exp: payload.exp as number,
    };
  }

  private roleFrom(payload: JWTPayload): Role {
    const candidates = [this.options.roleClaim, 'roles', 'realm_access.roles', 'custom:role'].flatMap((path) =>
      toStrings(readPath(payload, path)),
    );
    const roles = new Set(candidates.map(parseRole).filter((r): r is Role => r !== undefined));
    return PRECEDENCE.find((r) => roles.has(r)) ?? 'patient';
  }
}

function readPath(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

const toStrings = (value: unknown): string[] =>
  typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
