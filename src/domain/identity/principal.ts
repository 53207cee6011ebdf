import type { Role } from './roles.js';
import type { User } from './user.js';

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
  /** The account as read while authenticating this request: a self-read needs no second query. */
  account: User;
}
