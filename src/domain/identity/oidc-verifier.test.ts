import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIdp, type FakeIdp } from '../../../test/helpers/fake-idp.js';
import { ManualClock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { OidcVerifier, roleOfGroup } from './oidc-verifier.js';

describe('roleOfGroup', () => {
  it.each([
    ['admin', 'admin'], ['Admins', 'admin'], ['CLINICIANS', 'clinician'], ['data_scientist', 'researcher'],
    ['data-scientists', 'researcher'], ['users', 'patient'], ['corporate', 'employer'], [' auditor ', 'auditor'],
  ])('%j → %s', (group, role) => {
    expect(roleOfGroup(group)).toBe(role);
  });

  it.each(['', 's', 'administrator', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'us-east-1_admins-pool'])('%j names no role', (group) => {
    expect(roleOfGroup(group)).toBeUndefined();
  });
});

describe('OidcVerifier', () => {
  let idp: FakeIdp;
  const clock = new ManualClock();
  beforeAll(async () => {
    idp = await startFakeIdp();
  });
  afterAll(() => idp.close());

  const verifier = (roleClaim = 'cognito:groups') => new OidcVerifier({ issuer: idp.issuer, jwksUrl: idp.jwksUrl, roleClaim }, clock);
  const iat = () => Math.floor(clock.now().getTime() / 1000);

  it('returns the identity the token asserts', async () => {
    const token = await idp.sign({ sub: 'abc', jti: 'j1', email: ' Ada@Example.TEST ', email_verified: true, 'cognito:groups': ['clinician'] }, { iat: iat(), ttl: 900 });
    expect(await verifier().verify(token)).toEqual({
      issuer: idp.issuer, subject: 'abc', email: 'ada@example.test', emailVerified: true, role: 'clinician', jti: 'j1', exp: iat() + 900,
    });
  });

  it.each([[false, false], ['false', false], [true, true], ['true', true], [undefined, false]])('email_verified %j → %s', async (claim, verified) => {
    const token = await idp.sign({ sub: 'v', email: 'v@example.test', ...(claim === undefined ? {} : { email_verified: claim }) }, { iat: iat() });
    expect((await verifier().verify(token)).emailVerified).toBe(verified);
  });

  it('reads a configured nested claim path (Keycloak client roles) and falls back to sub:iat for jti', async () => {
    const token = await idp.sign({ sub: 'kc', resource_access: { homeostat: { roles: ['auditor'] } } }, { iat: iat() });
    const identity = await verifier('resource_access.homeostat.roles').verify(token);
    expect(identity.role).toBe('auditor');
    expect(identity.jti).toBe(`kc:${iat()}`);
    expect(identity.email).toBeUndefined();
  });

  it('reads an Auth0 namespaced claim whose name contains dots', async () => {
    const token = await idp.sign({ sub: 'a0', 'https://homeostat.example/roles': ['admin'] }, { iat: iat() });
    expect((await verifier('https://homeostat.example/roles').verify(token)).role).toBe('admin');
  });

  it('throws a 401 AppError naming the reason for a bad token', async () => {
    const token = await idp.sign({ sub: 'x' }, { iat: iat(), issuer: 'https://other.example.test' });
    const error = await verifier().verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 401, details: { reason: 'Token claims are not valid here' } });
  });
});
