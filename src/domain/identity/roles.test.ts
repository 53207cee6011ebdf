import { describe, expect, it } from 'vitest';
import { isRole, parseRole, permissionsOf, ROLES, roleOnSurface } from './roles.js';

describe('roles', () => {
  it.each([
    ['PATIENT', 'patient'],
    ['Clinician', 'clinician'],
    ['RESEARCHER', 'researcher'],
    ['ADMIN', 'admin'],
    ['user', 'patient'],
    ['corporate', 'employer'],
    ['data_scientist', 'researcher'],
    [' auditor ', 'auditor'],
  ])('reads the surface spelling %s as %s', (input, role) => {
    expect(parseRole(input)).toBe(role);
  });

  it('refuses names that are no role', () => {
    for (const input of ['', 'root', 'superuser', 'patients', 'constructor', '__proto__', 'toString']) expect(parseRole(input)).toBeUndefined();
    expect(isRole('user')).toBe(false);
    expect(isRole('patient')).toBe(true);
  });

  it('writes each role back in the spelling of each surface, and reads it back to the same role', () => {
    expect(roleOnSurface('patient', 'twin')).toBe('user');
    expect(roleOnSurface('employer', 'twin')).toBe('corporate');
    expect(roleOnSurface('researcher', 'mhras')).toBe('data_scientist');
    expect(roleOnSurface('patient', 'clarity')).toBe('patient');
    for (const role of ROLES) for (const surface of ['clarity', 'twin', 'mhras'] as const) expect(parseRole(roleOnSurface(role, surface))).toBe(role);
  });

  it('gives patients only their own data, and admins everything', () => {
    expect(permissionsOf('patient')).toEqual(['read_own_data', 'write_own_data']);
    expect(permissionsOf('researcher')).not.toContain('read_patient_data');
    for (const role of ROLES) expect(permissionsOf('admin')).toEqual(expect.arrayContaining(permissionsOf(role)));
  });
});
