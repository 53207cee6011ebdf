import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/identity/index.js';

/** Field schemas shared by the surfaces' identity routes, so every surface validates a field the same way. */
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} characters; common passwords are refused`,
});
/** Sign-in accepts any length: the policy applies when a password is set, not when it is checked. */
export const AnyPassword = Type.String({ minLength: 1, maxLength: 1024 });
export const PersonName = Type.String({ minLength: 1, maxLength: 100 });
/** E.164, as in the Twin spec's examples (`+971501234567`). */
export const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164 phone number' });
/** FHIR AdministrativeGender. */
export const Gender = Type.Enum(['male', 'female', 'other', 'unknown']);
export const BloodType = Type.Enum(['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-']);
/** Bounds are the recorded human extremes: nothing outside them is a real measurement. */
export const HeightCm = Type.Number({ minimum: 30, maximum: 272 });
export const WeightKg = Type.Number({ minimum: 0.5, maximum: 650 });
export const DateOfBirth = Type.String({ format: 'date' });
export const OneTimeCode = Type.String({ pattern: '^\\s*[0-9]{6}\\s*$', description: 'the 6-digit code from the email' });
export const RefreshTokenBody = Type.Object({ refresh_token: Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false });
export const EmergencyContactSchema = Type.Object(
  { name: PersonName, relationship: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), phone: Phone },
  { additionalProperties: false },
);
/**
 * An emergency contact or `null` (to clear it), as ONE schema with `type: ["object","null"]` rather than a
 * union: a union reports a bad `phone` twice (`emergency_contact: must be null` from the null branch too),
 * this names only the field that is wrong.
 */
export const NullableEmergencyContact = Type.Unsafe<Static<typeof EmergencyContactSchema> | null>({
  type: ['object', 'null'],
  properties: EmergencyContactSchema.properties,
  required: ['name', 'phone'],
  additionalProperties: false,
});
