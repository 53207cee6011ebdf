/** Canonical roles. Every surface's role names are aliases of these. */
export const ROLES = ['patient', 'clinician', 'researcher', 'admin', 'auditor', 'employer'] as const;
export type Role = (typeof ROLES)[number];

const ALIASES: ReadonlyMap<string, Role> = new Map(Object.entries({
  patient: 'patient',
  user: 'patient', // Twin
  clinician: 'clinician',
  researcher: 'researcher',
  data_scientist: 'researcher', // MHRAS
  admin: 'admin',
  auditor: 'auditor',
  employer: 'employer',
  corporate: 'employer', // Twin
} satisfies Record<string, Role>));

/**
 * Accepts any surface's spelling (`PATIENT`, `user`, `data_scientist`, `corporate`…); undefined if unknown.
 * A Map, not an object lookup: `constructor` or `__proto__` (a group name from an identity provider, a CLI
 * argument) must not resolve to an inherited property.
 */
export function parseRole(input: string): Role | undefined {
  return ALIASES.get(input.trim().toLowerCase());
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export type SurfaceName = 'clarity' | 'twin' | 'mhras';

/** The role name a surface's clients expect to read back. */
export function roleOnSurface(role: Role, surface: SurfaceName): string {
  if (surface === 'twin') return role === 'patient' ? 'user' : role === 'employer' ? 'corporate' : role;
  if (surface === 'mhras') return role === 'researcher' ? 'data_scientist' : role;
  return role;
}

/** Clarity's `permissions` list, derived from the role (its spec's Permission enum). */
export function permissionsOf(role: Role): string[] {
  switch (role) {
    case 'patient':
      return ['read_own_data', 'write_own_data'];
    case 'clinician':
      return ['read_own_data', 'write_own_data', 'read_patient_data', 'write_patient_data'];
    case 'researcher':
      return ['read_own_data', 'read_anonymized_data'];
    case 'auditor':
      return ['read_own_data', 'read_audit_log'];
    case 'employer':
      return ['read_own_data', 'read_anonymized_data'];
    case 'admin':
      return ['read_own_data', 'write_own_data', 'read_patient_data', 'write_patient_data', 'read_anonymized_data', 'manage_users', 'read_audit_log', 'system_admin'];
  }
}
