import { isProfileComplete, roleOnSurface, type TokenPair, type User } from '../../domain/identity/index.js';

export const twinTokenView = (user: User, t: TokenPair) => ({
  access_token: t.accessToken,
  refresh_token: t.refreshToken,
  token_type: 'Bearer' as const,
  expires_in: t.expiresIn,
  user: { id: user.id, email: user.email, role: roleOnSurface(user.role, 'twin') },
});

export const profileView = (u: User) => ({
  user_id: u.id,
  email: u.email,
  role: roleOnSurface(u.role, 'twin'),
  first_name: u.firstName,
  last_name: u.lastName,
  date_of_birth: u.dateOfBirth,
  gender: u.gender,
  phone: u.phone,
  height_cm: u.heightCm,
  weight_kg: u.weightKg,
  blood_type: u.bloodType,
  emergency_contact: u.emergencyContact,
  email_verified: u.emailVerified,
  created_at: u.createdAt,
  updated_at: u.updatedAt,
  profile_completed: isProfileComplete(u),
  subscription_tier: u.subscriptionTier,
});
