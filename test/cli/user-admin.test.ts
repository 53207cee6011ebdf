import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { bearer, createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';
import { useCliSandbox } from './cli-harness.js';

describe('homeostat user list | disable | enable', () => {
  const { box, app } = useCliSandbox();
  let t: TestApp;
  beforeAll(() => {
    t = app();
  });

  it('list shows accounts made over HTTP and from the CLI, filtered by role (aliases too)', async () => {
    const patient = await createUser(t.app);
    const researcherEmail = uniqueEmail('res');
    await box.run(['user', 'create', '--email', researcherEmail, '--role', 'data_scientist']);

    const all = await box.run(['user', 'list']);
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines[0]).toBe('id\temail\trole\tstatus\tverified\tsign-in\tcreated\tlast login');
    const patientLine = lines.find((l) => l.startsWith(`${patient.id}\t`));
    expect(patientLine?.split('\t').slice(1, 6)).toEqual([patient.email, 'patient', 'active', 'no', 'password']);
    expect(lines.some((l) => l.includes(`\t${researcherEmail}\tresearcher\tactive\tyes\t`))).toBe(true);

    const researchers = await box.run(['user', 'list', '--role', 'data_scientist']);
    expect(researchers.out).toContain(researcherEmail);
    expect(researchers.out).not.toContain(patient.email);
    expect((await box.run(['user', 'list', '--role', 'auditor'])).out).toBe('no users with role auditor');
  });

  it('list honours --limit and says how many more there are', async () => {
    await createUser(t.app);
    await createUser(t.app);
    const run = await box.run(['user', 'list', '--limit', '1']);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^\(1 of \d+; use --limit to see more\)$/);
  });

  it.each([['0'], ['abc'], ['1001'], ['-5']])('list refuses --limit %s', async (limit) => {
    const run = await box.run(['user', 'list', `--limit=${limit}`]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--limit');
  });

  it('disable blocks sign-in and every token already held; enable restores them', async () => {
    const user = await createUser(t.app);
    const me = () => t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(user.accessToken) });
    const login = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: STRONG_PASSWORD } });
    const refresh = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: token } });

    const disabled = await box.run(['user', 'disable', '--user', user.email]);
    expect(disabled.code).toBe(0);
    expect(disabled.out).toContain('disabled');
    expect((await me()).statusCode).toBe(401);
    expect((await login()).statusCode).toBe(401);
    expect((await refresh(user.refreshToken)).statusCode).toBe(401);
    expect((await box.run(['user', 'list'])).out).toContain(`${user.email}\tpatient\tdisabled`);
    expect((await box.run(['token', '--user', user.email])).code).toBe(2);

    expect((await box.run(['user', 'disable', '--user', user.id])).out).toContain('already disabled');

    const enabled = await box.run(['user', 'enable', '--user', user.id]);
    expect(enabled.code).toBe(0);
    expect((await me()).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(200);

    const actions = await t.database.db.selectFrom('audit_log').select('action').where('subject_user_id', '=', user.id).where('actor_role', '=', 'cli').execute();
    expect(actions.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
  });

  it('disable and enable need an existing --user', async () => {
    expect((await box.run(['user', 'disable'])).code).toBe(2);
    const ghost = await box.run(['user', 'enable', '--user', uniqueEmail('ghost')]);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toContain('no user');
  });
});
