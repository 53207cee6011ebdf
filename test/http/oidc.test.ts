import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { JWTPayload } from 'jose';
import { epochSeconds } from '../../src/platform/clock.js';
import { useIdpAndApp, type FakeIdp, type SignOptions } from '../helpers/fake-idp.js';
import type { TestApp } from '../helpers/test-app.js';
import { bearer, createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';

/** External identity providers (Cognito, Auth0, Keycloak) through a JWKS the test serves itself. */
describe('OIDC: tokens from an external identity provider', () => {
  let idp: FakeIdp;
  let t: TestApp;
  let n = 0;

  const setup = useIdpAndApp();
  beforeAll(() => {
    ({ idp, t } = setup());
  });

  const sub = () => `idp-user-${++n}-${Math.random().toString(36).slice(2, 8)}`;
  const sign = (claims: JWTPayload, options: SignOptions = {}) =>
    idp.sign({ jti: `jti-${++n}`, ...claims }, { iat: epochSeconds(t.clock.now()), ...options });
  const me = (token: string, url = '/api/v1/auth/me') => t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const usersWithSubject = (subject: string) =>
    t.database.db.selectFrom('users').selectAll().where('external_issuer', '=', idp.issuer).where('external_subject', '=', subject).execute();

  it('accepts an RS256 token on Clarity and Twin and provisions the person once', async () => {
    const subject = sub();
    const email = uniqueEmail('rs');
    const first = await me(await sign({ sub: subject, email, email_verified: true }));
    expect(first.statusCode).toBe(200);
    const clarity = first.json<{ user_id: string; email: string; role: string; email_verified: boolean }>();
    expect(clarity).toMatchObject({ email, role: 'patient', email_verified: true });

    const twin = await me(await sign({ sub: subject, email, email_verified: true }), '/v1/users/me');
    expect(twin.statusCode).toBe(200);
    expect(twin.json()).toMatchObject({ user_id: clarity.user_id, email, role: 'user' });

    const rows = await usersWithSubject(subject);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: clarity.user_id, password_hash: null, role: 'patient' });
  });

  it('accepts an ES256 token', async () => {
    const subject = sub();
    const response = await me(await sign({ sub: subject, email: uniqueEmail('es') }, { alg: 'ES256' }));
    expect(response.statusCode).toBe(200);
    expect(response.json<{ user_id: string }>().user_id).toBe((await usersWithSubject(subject))[0]?.id);
  });

  it('fetches the JWKS once and reuses it for later tokens', async () => {
    for (let i = 0; i < 3; i++) expect((await me(await sign({ sub: sub() }))).statusCode).toBe(200);
    expect(idp.jwksRequests()).toBe(1);
  });

  it('maps cognito:groups to the role and follows later changes made at the provider', async () => {
    const subject = sub();
    const asClinician = await me(await sign({ sub: subject, 'cognito:groups': ['clinician'] }));
    expect(asClinician.json()).toMatchObject({ role: 'clinician', permissions: expect.arrayContaining(['read_patient_data']) });

    const asAdmin = await me(await sign({ sub: subject, 'cognito:groups': ['admin'] }));
    expect(asAdmin.json()).toMatchObject({ user_id: asClinician.json<{ user_id: string }>().user_id, role: 'admin' });
    expect((await usersWithSubject(subject))[0]?.role).toBe('admin');
  });

  it.each([
    ['Keycloak realm_access.roles', { realm_access: { roles: ['offline_access', 'uma_authorization', 'clinician'] } }, 'clinician'],
    ['a roles claim with the MHRAS alias data_scientist', { roles: ['data_scientist'] }, 'researcher'],
    ['Clarity upper-case group names', { 'cognito:groups': ['CLINICIAN'] }, 'clinician'],
    ['the Twin alias corporate', { roles: ['corporate'] }, 'employer'],
    ['Cognito-style plural group names', { 'cognito:groups': ['Auditors'] }, 'auditor'],
    ['a space-separated custom:role attribute', { 'custom:role': 'staff researcher' }, 'researcher'],
    ['several groups: the most privileged wins', { 'cognito:groups': ['patient', 'admin', 'clinician'] }, 'admin'],
    ['groups that name no role', { 'cognito:groups': ['us-east-1_beta-testers'] }, 'patient'],
    ['no group at all', {}, 'patient'],
  ])('maps %s', async (_label, claims, role) => {
    const response = await me(await sign({ sub: sub(), ...claims }));
    expect(response.statusCode).toBe(200);
    expect(response.json<{ role: string }>().role).toBe(role);
  });

  it('does not hand an external identity the local account that owns the same email', async () => {
    const local = await createUser(t.app);
    const subject = sub();
    const response = await me(await sign({ sub: subject, email: local.email.toUpperCase(), 'cognito:groups': ['admin'] }));
    expect(response.statusCode).toBe(200);
    const external = response.json<{ user_id: string; email: string; role: string }>();
    expect(external.user_id).not.toBe(local.id);
    expect(external.email).not.toBe(local.email);
    expect(external.email).toBe(`${subject}@oidc.invalid`);

    const own = await me(local.accessToken);
    expect(own.json()).toMatchObject({ user_id: local.id, email: local.email, role: 'patient' });
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: local.email, password: STRONG_PASSWORD } });
    expect(login.json()).toMatchObject({ user: { id: local.id, role: 'user' } });
  });

  it('lowercases the email claim', async () => {
    const email = uniqueEmail('case');
    const response = await me(await sign({ sub: sub(), email: email.toUpperCase(), email_verified: true }));
    expect(response.json<{ email: string }>().email).toBe(email);
  });

  it('does not give an account an email address the provider has not verified', async () => {
    const subject = sub();
    for (const claims of [{ email_verified: false }, {}]) {
      const response = await me(await sign({ sub: `${subject}-${Object.keys(claims).length}`, email: uniqueEmail('unverified'), ...claims }));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ email: `${subject}-${Object.keys(claims).length}@oidc.invalid`, email_verified: false });
    }
  });

  it('provisions one account when another request created it between the lookup and the insert', async () => {
    const subject = sub();
    expect((await me(await sign({ sub: subject }))).statusCode).toBe(200);
    const [created] = await usersWithSubject(subject);
    // The interleaving of two first requests, made deterministic: the lookup misses, the unique index does not.
    vi.spyOn(t.app.services.identity.users, 'findByExternalIdentity').mockResolvedValueOnce(undefined);
    const second = await me(await sign({ sub: subject }));
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<{ user_id: string }>().user_id).toBe(created?.id);
    expect(await usersWithSubject(subject)).toHaveLength(1);
  });

  it('revokes an external token on logout', async () => {
    const token = await sign({ sub: sub() });
    expect((await me(token)).statusCode).toBe(200);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token), payload: {} });
    expect(logout.statusCode).toBe(200);
    const after = await me(token);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ details: { reason: 'Token has been revoked' } });
  });

  it('refuses an external account an administrator disabled', async () => {
    const subject = sub();
    expect((await me(await sign({ sub: subject }))).statusCode).toBe(200);
    await t.database.db.updateTable('users').set({ is_active: 0 }).where('external_subject', '=', subject).execute();
    const response = await me(await sign({ sub: subject }));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ details: { reason: 'Account not found or disabled' } });
  });
});
