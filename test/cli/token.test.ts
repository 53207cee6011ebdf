import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { bearer, createUser, uniqueEmail } from '../helpers/users.js';
import { hashPassword } from '../../src/domain/identity/index.js';
import { useCliSandbox } from './cli-harness.js';

describe('homeostat token', () => {
  const { box, app } = useCliSandbox();
  let t: TestApp;
  beforeAll(() => {
    t = app();
  });

  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('prints only a JWT that authenticates on an app sharing the database and SECRET_KEY, expiring as asked', async () => {
    const user = await createUser(t.app);
    const before = Math.floor(Date.now() / 1000);
    const run = await box.run(['token', '--user', user.email, '--expires', '30m']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = decodeJwt(run.out);
    expect(claims).toMatchObject({ sub: user.id, email: user.email, role: 'patient' });
    expect(claims.exp).toBeGreaterThanOrEqual(before + 1800);
    expect(claims.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1800);

    const me = await get('/v1/users/me', run.out);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user_id: user.id, email: user.email });
  });

  it('binds the token to the current password: a password change voids it even within the same second', async () => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.email]);
    expect(decodeJwt(run.out).sv).toEqual(expect.any(String));
    expect((await get('/v1/users/me', run.out)).statusCode).toBe(200);
    // tokens_valid_after left at 0, so only the password binding can refuse it.
    await t.app.services.identity.users.setPassword(user.id, await hashPassword('another long passphrase 7'), 0, new Date().toISOString());
    const after = await get('/v1/users/me', run.out);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { details: { reason: 'Token was issued before a password change' } } });
  });

  it('finds the user by id too, and defaults to 60 minutes', async () => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.id]);
    expect(run.code).toBe(0);
    const claims = decodeJwt(run.out);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect((await get('/api/v1/auth/me', run.out)).statusCode).toBe(200);
  });

  it('refuses a role the account does not have, pointing at user set-role', async () => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.email, '--role', 'clinician']);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toContain('user has role patient, not clinician');
    expect(run.err).toContain('homeostat user set-role');
  });

  it('after set-role the role is granted, and the MHRAS alias data_scientist means researcher', async () => {
    const user = await createUser(t.app);
    expect((await box.run(['user', 'set-role', '--user', user.email, '--role', 'clinician'])).code).toBe(0);
    const clinician = await box.run(['token', '--user', user.email, '--role', 'clinician', '--expires', '2h']);
    expect(clinician.code).toBe(0);
    expect((await get('/api/v1/auth/me', clinician.out)).json()).toMatchObject({ user_id: user.id, role: 'clinician' });

    expect((await box.run(['user', 'set-role', '--user', user.email, '--role', 'data_scientist'])).code).toBe(0);
    const researcher = await box.run(['token', '--user', user.email, '--role', 'data_scientist']);
    expect(researcher.code).toBe(0);
    expect(decodeJwt(researcher.out).role).toBe('researcher');
    expect((await get('/api/v1/auth/me', researcher.out)).json()).toMatchObject({ role: 'researcher' });
    // The clinician token no longer matches the account's role.
    const stale = await get('/api/v1/auth/me', clinician.out);
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ details: { reason: 'Role changed since the token was issued' } });
  });

  it.each([['abc'], ['0'], ['30s'], ['31d'], ['1.5h'], ['-5m']])('refuses --expires %s with exit 2', async (expires) => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.email, `--expires=${expires}`]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--expires');
    expect(run.out).toBe('');
  });

  it('refuses a missing or unknown user and an unknown role', async () => {
    expect((await box.run(['token'])).code).toBe(2);
    const ghost = await box.run(['token', '--user', uniqueEmail('ghost')]);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toContain('no user');
    const user = await createUser(t.app);
    const role = await box.run(['token', '--user', user.email, '--role', 'overlord']);
    expect(role.code).toBe(2);
    expect(role.err).toContain('unknown role');
  });

  it('a token signed with another SECRET_KEY is refused by the app', async () => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.email], { SECRET_KEY: 'another-secret-key-0123456789abcdef-xyz' });
    expect(run.code).toBe(0);
    const response = await get('/v1/users/me', run.out);
    expect(response.statusCode).toBe(401);
  });

  it('is audited without the token itself', async () => {
    const user = await createUser(t.app);
    const run = await box.run(['token', '--user', user.email]);
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.token_issued').where('subject_user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details).toContain('3600');
    expect(rows[0]?.details).not.toContain(run.out);
  });
});
