import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';
import { useCliSandbox } from './cli-harness.js';

describe('homeostat outbox', () => {
  const { box, app } = useCliSandbox();
  let t: TestApp;
  beforeAll(() => {
    t = app();
  });

  const register = (email: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });

  it('is empty before any mail', async () => {
    expect(await box.run(['outbox'])).toEqual({ code: 0, out: 'outbox is empty', err: '' });
  });

  it('shows the confirmation mail a registration wrote, with a code that confirms the address', async () => {
    expect(t.app.services.mailer.kind).toBe('outbox');
    const email = uniqueEmail('mailbox');
    expect((await register(email)).statusCode).toBe(201);
    const run = await box.run(['outbox', '--to', email.toUpperCase()]);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`to: ${email}`);
    expect(run.out).toContain('subject: Confirm your Homeostat email address');
    const code = /\b(\d{6})\b/.exec(run.out)?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/confirm-email', payload: { email, code } });
    expect(confirmed.statusCode).toBe(200);
  });

  it('filters by recipient and limits, newest first', async () => {
    const a = uniqueEmail('a');
    const b = uniqueEmail('b');
    await register(a);
    t.clock.advance(1000);
    await register(b);
    t.clock.advance(1000);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email: a } });
    const onlyA = await box.run(['outbox', '--to', a]);
    expect(onlyA.out).not.toContain(b);
    const subjects = [...onlyA.out.matchAll(/^subject: (.*)$/gm)].map((m) => m[1]);
    expect(subjects).toEqual(['Your Homeostat password reset code', 'Confirm your Homeostat email address']);
    const newest = await box.run(['outbox', '--limit', '1']);
    expect(newest.out.match(/^--- /gm)).toHaveLength(1);
    expect(newest.out).toContain(`to: ${a}`);
    expect((await box.run(['outbox', '--to', uniqueEmail('none')])).out).toMatch(/^no mail to .* in the outbox$/);
  });

  it('refuses a bad --limit and notes when SMTP_URL sends mail elsewhere', async () => {
    expect((await box.run(['outbox', '--limit', 'lots'])).code).toBe(2);
    const smtp = await box.run(['outbox'], { SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(smtp.code).toBe(0);
    expect(smtp.err).toContain('SMTP_URL is set');
  });
});
