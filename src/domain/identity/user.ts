import type { Role } from './roles.js';

export interface EmergencyContact {
  name: string;
  relationship?: string;
  phone: string;
}

/** A person's account and profile, as the domain sees it (the row mapping lives in the repository). */
/** The Twin spec's subscription tiers ("Rate Limiting": free, premium, corporate); every account starts free. */
export const SUBSCRIPTION_TIERS = ['free', 'premium', 'corporate'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

export interface User {
  id: string;
  email: string;
  role: Role;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  phone: string | null;
  heightCm: number | null;
  weightKg: number | null;
  bloodType: string | null;
  emergencyContact: EmergencyContact | null;
  emailVerified: boolean;
  isActive: boolean;
  subscriptionTier: string;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export type ProfilePatch = Partial<
  Pick<User, 'firstName' | 'lastName' | 'dateOfBirth' | 'gender' | 'phone' | 'heightCm' | 'weightKg' | 'bloodType' | 'emergencyContact'>
>;

/** The Twin spec's `profile_completed`: everything the twin models need about the person is present. */
export const isProfileComplete = (u: User): boolean =>
  [u.firstName, u.lastName, u.dateOfBirth, u.gender, u.heightCm, u.weightKg].every((v) => v !== null && v !== '');

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
