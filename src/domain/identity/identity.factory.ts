import type { Config } from '../../config/index.js';
import type { AuditLog } from '../../platform/audit/audit.port.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { deriveKey } from '../../platform/keys.js';
import type { Mailer } from '../../platform/mail/mailer.port.js';
import { AccessTokens } from './access-tokens.js';
import { AuthService, type OperatorLog } from './auth.service.js';
import { Authenticator } from './authenticator.js';
import { LoginThrottle } from './login-throttle.js';
import { OidcVerifier } from './oidc-verifier.js';
import { OneTimeCodes } from './one-time-codes.js';
import { ProfileService } from './profile.service.js';
import { RefreshTokens } from './refresh-tokens.js';
import { RevocationList } from './revocation-list.js';
import { UserRepository } from './user.repository.js';

export interface Identity {
  users: UserRepository;
  accessTokens: AccessTokens;
  authenticator: Authenticator;
  auth: AuthService;
  profiles: ProfileService;
  revocations: RevocationList;
}

/** Wires the identity module from its ports. */
export function createIdentity(
  config: Config & { SECRET_KEY: string },
  database: Database,
  ports: { audit: AuditLog; mailer: Mailer; clock: Clock; log: OperatorLog },
): Identity {
  const { audit, mailer, clock, log } = ports;
  const db = database.db;
  const users = new UserRepository(db);
  const accessTokens = new AccessTokens(config.SECRET_KEY, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const refreshTokens = new RefreshTokens(db, config.REFRESH_TOKEN_TTL_SECONDS);
  const revocations = new RevocationList(db);
  const oidc =
    config.OIDC_ISSUER && config.OIDC_JWKS_URL
      ? new OidcVerifier({ issuer: config.OIDC_ISSUER, jwksUrl: config.OIDC_JWKS_URL, audience: config.OIDC_AUDIENCE, roleClaim: config.OIDC_ROLE_CLAIM }, clock)
      : undefined;
  const auth = new AuthService({
    log,
    users,
    accessTokens,
    refreshTokens,
    revocations,
    throttle: new LoginThrottle(db, deriveKey(config.SECRET_KEY, 'login-throttle'), {
      threshold: config.LOCKOUT_THRESHOLD,
      lockMinutes: config.LOCKOUT_MINUTES,
    }),
    codes: new OneTimeCodes(db, deriveKey(config.SECRET_KEY, 'one-time-code')),
    mailer,
    audit,
    clock,
    requireEmailVerification: config.REQUIRE_EMAIL_VERIFICATION,
  });
  return {
    users,
    accessTokens,
    authenticator: new Authenticator(accessTokens, users, clock, oidc),
    auth,
    profiles: new ProfileService(users, audit, clock),
    revocations,
  };
}
