import { Type } from 'typebox';
import {
  AnyPassword, BloodType, DateOfBirth, Email, EmergencyContactSchema, Gender, HeightCm, NewPassword, PersonName, Phone, WeightKg,
} from '../shared/profile-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TwinRegisterBody = Type.Object({
  email: Email,
  password: NewPassword,
  first_name: Type.Optional(PersonName),
  last_name: Type.Optional(PersonName),
  date_of_birth: Type.Optional(DateOfBirth),
  gender: Type.Optional(Gender),
  phone: Type.Optional(Phone),
});

export const TwinRegisterResponse = Type.Object({ user_id: Type.String(), email: Type.String(), message: Type.String() });

export const TwinLoginBody = Type.Object({ email: Email, password: AnyPassword });

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
    emergency_contact: Type.Optional(Nullable(EmergencyContactSchema)),
  },
  { minProperties: 1 },
);

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
