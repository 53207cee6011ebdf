export { AccessTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens.js';
export { requireAccessToPerson, requireRole } from './access-policy.js';
export { AuthService, type RequestMeta, type TokenPair } from './auth.service.js';
export { Authenticator, bearerToken } from './authenticator.js';
export { createIdentity, type Identity } from './identity.factory.js';
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.js';
export { hashPassword } from './password-hasher.js';
export type { Principal } from './principal.js';
export { ProfileService } from './profile.service.js';
export { ROLES, isRole, parseRole, permissionsOf, roleOnSurface, type Role, type SurfaceName } from './roles.js';
export {
  isProfileComplete,
  normalizeEmail,
  SUBSCRIPTION_TIERS,
  type EmergencyContact,
  type ProfilePatch,
  type SubscriptionTier,
  type User,
} from './user.js';
export { UserRepository } from './user.repository.js';
