import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { codeIn, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { bearer, STRONG_PASSWORD, uniqueEmail } from '../helpers/users.js';

/** Email confirmation and password reset delivered over real SMTP (SMTP_URL set) to an in-process server. */
describe('mail over SMTP', () => {
  let smtp: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Homeostat <no-reply@homeostat.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers });
  const outboxRows = () => t.database.db.selectFrom('outbox').selectAll().execute();

  it('uses the SMTP mailer when SMTP_URL is set', () => {
    expect(t.app.services.mailer.kind).toBe('smtp');
  });

  it('mails a confirmation code on registration that confirms the address', async () => {
    const email = uniqueEmail('smtp');
    const since = smtp.messages.length;
    const registered = await post('/api/v1/auth/register', { email, password: STRONG_PASSWORD, first_name: 'Ada' });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ email, verification_email_sent: true });
    const { tokens } = registered.json<{ tokens: { access_token: string } }>();

    const mail = await smtp.waitFor(email, since);
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('no-reply@homeostat.test');
    expect(mail.headers.to).toBe(email);
    expect(mail.headers.subject).toBe('Confirm your Homeostat email address');
    const code = codeIn(mail);
    expect(await outboxRows()).toHaveLength(0);

    const before = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tokens.access_token) });
    expect(before.json()).toMatchObject({ email_verified: false });
    const wrong = await post('/api/v1/auth/confirm-email', { email, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await post('/api/v1/auth/confirm-email', { email, code });
    expect(confirmed.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(tokens.access_token) });
    expect(after.json()).toMatchObject({ email, email_verified: true });
  });

  it('mails a reset code that sets a new password', async () => {
    const email = uniqueEmail('reset');
    expect((await post('/api/v1/auth/register', { email, password: STRONG_PASSWORD })).statusCode).toBe(201);
    const since = smtp.messages.length;
    const forgot = await post('/api/v1/auth/forgot-password', { email });
    expect(forgot.statusCode).toBe(200);
    const mail = await smtp.waitFor(email, since);
    expect(mail.headers.subject).toBe('Your Homeostat password reset code');
    const newPassword = 'a completely different passphrase 7';
    const reset = await post('/api/v1/auth/reset-password', { email, code: codeIn(mail), new_password: newPassword });
    expect(reset.statusCode).toBe(200);

    const oldLogin = await post('/api/v1/auth/login', { email, password: STRONG_PASSWORD });
    expect(oldLogin.statusCode).toBe(401);
    const newLogin = await post('/api/v1/auth/login', { email, password: newPassword });
    expect(newLogin.statusCode).toBe(200);
    expect(newLogin.json()).toMatchObject({ user: { email } });
    expect(await outboxRows()).toHaveLength(0);
  });

  it('sends nothing for an address with no account, and answers the same', async () => {
    const since = smtp.messages.length;
    const forgot = await post('/api/v1/auth/forgot-password', { email: uniqueEmail('nobody') });
    expect(forgot.statusCode).toBe(200);
    expect(forgot.json()).toMatchObject({ reset_token_sent: true });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(smtp.messages.slice(since)).toHaveLength(0);
  });

  it('does not put the code or the address in the logs', async () => {
    const logged = await createTestApp({ env: { SMTP_URL: smtp.url }, logLevel: 'trace' });
    try {
      const email = uniqueEmail('logs');
      const since = smtp.messages.length;
      await logged.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
      const code = codeIn(await smtp.waitFor(email, since));
      const text = logged.logs.join('');
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(code);
      expect(text).not.toContain(email);
    } finally {
      await logged.close();
    }
  });

  it('a refused delivery puts neither the address nor the server reply in the logs', async () => {
    const refusing = await startSmtpSink({ rejectRecipients: /^bounce-/ });
    const logged = await createTestApp({ env: { SMTP_URL: refusing.url }, logLevel: 'trace' });
    try {
      const email = uniqueEmail('bounce');
      const response = await logged.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: STRONG_PASSWORD } });
      // The account exists and says the mail did not go; the client can ask for it again.
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ email, verification_email_sent: false });
      const forgot = await logged.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email } });
      const unknown = await logged.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email: uniqueEmail('bounce-nobody') } });
      // A failed delivery must not tell a registered address from an unknown one.
      expect([forgot.statusCode, unknown.statusCode]).toEqual([200, 200]);
      expect(forgot.json()).toEqual(unknown.json());
      const text = logged.logs.join('');
      expect(text).toContain('SMTP delivery failed');
      expect(text).not.toContain(email);
      expect(text).not.toContain('mailbox unavailable');
      expect(refusing.messages).toHaveLength(0);
    } finally {
      await logged.close();
      await refusing.close();
    }
  });
});
