import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { bearer, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';
import { useCliSandbox } from './cli-harness.js';

describe('homeostat user …', () => {
  const { box, app } = useCliSandbox();
  let t: TestApp;
  beforeAll(() => {
    t = app();
  });

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
  const roleIn = async (id: string) =>
    (await t.database.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirst())?.role;

  it('create --role admin prints the id and a generated password that signs in over HTTP', async () => {
    const email = uniqueEmail('admin');
    const run = await box.run(['user', 'create', '--email', email.toUpperCase(), '--role', 'admin', '--first-name', 'Ada']);
    expect(run.code).toBe(0);
    const id = /created user (\S+) \(/.exec(run.out)?.[1];
    const password = /^password: (\S+)$/m.exec(run.out)?.[1];
    expect(id).toBeTruthy();
    expect(password?.length).toBeGreaterThanOrEqual(20);

    const response = await login(email, password as string);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ access_token: string; user: { id: string; role: string } }>();
    expect(body.user).toMatchObject({ id, role: 'admin' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body.access_token) });
    expect(me.json()).toMatchObject({ user_id: id, email, role: 'admin', first_name: 'Ada', email_verified: true });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('subject_user_id', '=', id as string)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_role).toBe('cli');
  });

  it('create with --password uses it and does not print it', async () => {
    const email = uniqueEmail('given');
    const run = await box.run(['user', 'create', '--email', email, '--password', STRONG_PASSWORD]);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain(STRONG_PASSWORD);
    expect(run.out).toContain('role patient');
    expect((await login(email, STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a duplicate email (any case) with exit 2', async () => {
    const email = uniqueEmail('dup');
    expect((await box.run(['user', 'create', '--email', email])).code).toBe(0);
    const again = await box.run(['user', 'create', '--email', email.toUpperCase()]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it.each([
    ['an unknown role', ['--role', 'superuser'], /--role must be one of/],
    ['a weak password', ['--password', 'password'], /--password is too common/],
    ['a short password', ['--password', 'abc'], /--password must be at least 8/],
  ])('refuses %s with exit 2 and creates nothing', async (_label, extra, message) => {
    const email = uniqueEmail('bad');
    const run = await box.run(['user', 'create', '--email', email, ...extra]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0);
  });

  it.each([[[]], [['--email', 'not-an-email']], [['--email', 'a b@example.test']]])(
    'refuses a missing or bad --email %j',
    async (extra) => {
      const run = await box.run(['user', 'create', ...extra]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/--email/);
    },
  );

  it("set-role accepts every surface's alias and stores the canonical role", async () => {
    const email = uniqueEmail('roles');
    const id = /created user (\S+)/.exec((await box.run(['user', 'create', '--email', email])).out)?.[1] as string;
    for (const [alias, role] of [
      ['data_scientist', 'researcher'],
      ['CLINICIAN', 'clinician'],
      ['corporate', 'employer'],
      ['user', 'patient'],
    ]) {
      const run = await box.run(['user', 'set-role', '--user', email, '--role', alias as string]);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`now has role ${role}`);
      expect(await roleIn(id)).toBe(role);
    }
    const byId = await box.run(['user', 'set-role', '--user', id, '--role', 'auditor']);
    expect(byId.code).toBe(0);
    expect(await roleIn(id)).toBe('auditor');
  });

  it('set-tier changes the rate-limit tier, audited; refuses an unknown tier or user with exit 2', async () => {
    const email = uniqueEmail('tier');
    const id = /created user (\S+)/.exec((await box.run(['user', 'create', '--email', email])).out)?.[1] as string;
    const tierOf = async () =>
      (await t.database.db.selectFrom('users').select('subscription_tier').where('id', '=', id).executeTakeFirstOrThrow())
        .subscription_tier;
    expect(await tierOf()).toBe('free');
    const run = await box.run(['user', 'set-tier', '--user', email, '--tier', 'Premium']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`user ${id} now has tier premium (was free)`);
    expect(await tierOf()).toBe('premium');
    const audited = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'user.set_tier').executeTakeFirst();
    expect(JSON.parse(audited?.details ?? '{}')).toMatchObject({ tier: 'premium', previous_tier: 'free' });
    expect((await box.run(['user', 'set-tier', '--user', email, '--tier', 'gold'])).code).toBe(2);
    expect((await box.run(['user', 'set-tier', '--user', uniqueEmail('ghost'), '--tier', 'free'])).code).toBe(2);
    expect(await tierOf()).toBe('premium');
  });

  it('set-role refuses an unknown user or role with exit 2', async () => {
    expect((await box.run(['user', 'set-role', '--user', uniqueEmail('ghost'), '--role', 'admin'])).code).toBe(2);
    const email = uniqueEmail('r');
    await box.run(['user', 'create', '--email', email]);
    const bad = await box.run(['user', 'set-role', '--user', email, '--role', 'root']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"root"');
  });
});
