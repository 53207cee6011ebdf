import { Type } from 'typebox';
import {
  AnyPassword, BloodType, DateOfBirth, Email, Gender, HeightCm, NewPassword, NullableEmergencyContact, PersonName, Phone, WeightKg,
} from '../shared/profile-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** Closed bodies: the validator drops fields a route does not accept, so they never reach the store. */
const CLOSED = { additionalProperties: false } as const;

export const TwinRegisterBody = Type.Object({
  email: Email,
  password: NewPassword,
  first_name: Type.Optional(PersonName),
  last_name: Type.Optional(PersonName),
  date_of_birth: Type.Optional(DateOfBirth),
  gender: Type.Optional(Gender),
  phone: Type.Optional(Phone),
}, CLOSED);

export const TwinRegisterResponse = Type.Object({ user_id: Type.String(), email: Type.String(), message: Type.String() });

export const TwinLoginBody = Type.Object({ email: Email, password: AnyPassword }, CLOSED);

export const TwinTokenResponse = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  user: Type.Object({ id: Type.String(), email: Type.String(), role: Type.String() }),
});

export const ProfilePatchBody = Type.Object(
  {
    first_name: Type.Optional(PersonName),
    last_name: Type.Optional(PersonName),
    date_of_birth: Type.Optional(DateOfBirth),
    gender: Type.Optional(Gender),
    phone: Type.Optional(Phone),
    height_cm: Type.Optional(HeightCm),
    weight_kg: Type.Optional(WeightKg),
    blood_type: Type.Optional(BloodType),
    emergency_contact: Type.Optional(NullableEmergencyContact),
  },
  { ...CLOSED, minProperties: 1 },
);

export const TwinLogoutBody = Type.Union([Type.Object({ refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) }, CLOSED), Type.Null()]);

export const UserProfile = Type.Object({
  user_id: Type.String(),
  email: Type.String(),
  role: Type.String(),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  date_of_birth: Nullable(Type.String({ format: 'date' })),
  gender: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  height_cm: Nullable(Type.Number()),
  weight_kg: Nullable(Type.Number()),
  blood_type: Nullable(Type.String()),
  emergency_contact: Nullable(Type.Object({ name: Type.String(), relationship: Type.Optional(Type.String()), phone: Type.String() })),
  email_verified: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  profile_completed: Type.Boolean(),
  subscription_tier: Type.String(),
});
