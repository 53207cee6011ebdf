import type { Role } from './roles.js';

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  /** Token id, for revocation on logout. */
  jti: string;
  /** Token expiry (epoch seconds). */
  expiresAt: number;
  source: 'local' | 'oidc';
}
