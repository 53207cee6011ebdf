import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { EmergencyContact, ProfilePatch } from '../../domain/identity/index.js';

export interface ProfileBody {
  first_name?: string;
  last_name?: string;
  date_of_birth?: string;
  gender?: string;
  phone?: string;
  phone_number?: string;
  height_cm?: number;
  weight_kg?: number;
  blood_type?: string;
  emergency_contact?: EmergencyContact | null;
}

/** Snake-case body → domain patch, with the checks a schema cannot express (a birth date in the past, age ≤ 130). */
export function toProfilePatch(body: ProfileBody, today: Date): ProfilePatch {
  const problems: FieldError[] = [];
  if (body.date_of_birth !== undefined) {
    const born = Date.parse(`${body.date_of_birth}T00:00:00Z`);
    const ageYears = (today.getTime() - born) / (365.2425 * 86_400_000);
    if (Number.isNaN(born) || ageYears < 0) problems.push({ field: 'date_of_birth', message: 'must not be in the future', code: 'out_of_range', input: body.date_of_birth });
    else if (ageYears > 130) problems.push({ field: 'date_of_birth', message: 'implies an age over 130 years', code: 'out_of_range', input: body.date_of_birth });
  }
  if (problems.length > 0) throw new AppError('validation', 'Profile validation failed', { fields: problems });
  const phone = body.phone ?? body.phone_number;
  return {
    ...(body.first_name !== undefined && { firstName: body.first_name }),
    ...(body.last_name !== undefined && { lastName: body.last_name }),
    ...(body.date_of_birth !== undefined && { dateOfBirth: body.date_of_birth }),
    ...(body.gender !== undefined && { gender: body.gender }),
    ...(phone !== undefined && { phone }),
    ...(body.height_cm !== undefined && { heightCm: body.height_cm }),
    ...(body.weight_kg !== undefined && { weightKg: body.weight_kg }),
    ...(body.blood_type !== undefined && { bloodType: body.blood_type }),
    ...(body.emergency_contact !== undefined && { emergencyContact: body.emergency_contact }),
  };
}
