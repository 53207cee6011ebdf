import { permissionsOf, roleOnSurface, type TokenPair, type User } from '../../domain/identity/index.js';

export const tokenView = (t: TokenPair) => ({
  access_token: t.accessToken,
  refresh_token: t.refreshToken,
  token_type: 'bearer' as const,
  expires_in: t.expiresIn,
  scope: null,
});

export const sessionView = (u: User, requireVerification: boolean) => ({
  user_id: u.id,
  email: u.email,
  first_name: u.firstName,
  last_name: u.lastName,
  phone_number: u.phone,
  role: roleOnSurface(u.role, 'clarity'),
  permissions: permissionsOf(u.role),
  status: !u.isActive ? ('disabled' as const) : requireVerification && !u.emailVerified ? ('pending_verification' as const) : ('active' as const),
  last_login: u.lastLoginAt,
  mfa_enabled: false,
  email_verified: u.emailVerified,
  created_at: u.createdAt,
});
