import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/app-error.js';
import { deriveKey } from '../../platform/keys.js';
import { AccessTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from './access-tokens.js';

const SECRET = 'unit-test-secret-0123456789abcdef-0123456789';
const USER = { id: '5f0c6d1e-1d7e-4c5b-9a53-2f7c1a0e9b11', email: 'ada@example.test', role: 'patient' as const };
const setup = () => {
  const clock = new ManualClock(new Date('2025-01-15T10:30:00.000Z'));
  return { clock, tokens: new AccessTokens(SECRET, 3600, clock) };
};

/** The 401 reason a verification failure reports. */
async function reasonOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('unauthorized');
    return (error as AppError).details.reason;
  }
  throw new Error('expected verification to fail');
}

const sign = (claims: Record<string, unknown>, secret = SECRET, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).sign(new Uint8Array(deriveKey(secret, 'access-token')));

describe('AccessTokens', () => {
  it('issues sub, email, role, jti, iat and exp, and verifies them', async () => {
    const { tokens, clock } = setup();
    const issued = await tokens.issue(USER);
    const iat = clock.now().getTime() / 1000;
    expect(issued).toMatchObject({ expiresIn: 3600, expiresAt: iat + 3600, jti: expect.stringMatching(/^at_/) });
    expect(await tokens.verify(issued.token)).toMatchObject({ sub: USER.id, email: USER.email, role: 'patient', jti: issued.jti, iat, exp: iat + 3600 });
  });

  it('expires exactly at exp', async () => {
    const { tokens, clock } = setup();
    const { token } = await tokens.issue(USER, 120);
    clock.advance(119_000);
    await expect(tokens.verify(token)).resolves.toMatchObject({ sub: USER.id });
    clock.advance(1000);
    expect(await reasonOf(tokens.verify(token))).toBe('Token has expired');
  });

  it('binds the token to a credential through `sv` only when one is given', async () => {
    const { tokens } = setup();
    const bound = await tokens.verify((await tokens.issue(USER, undefined, '$argon2id$v=19$hash-one')).token);
    expect(bound.sv).toBe(tokens.sessionVersion('$argon2id$v=19$hash-one'));
    expect(bound.sv).not.toBe(tokens.sessionVersion('$argon2id$v=19$hash-two'));
    expect(bound.sv).not.toContain('argon2');
    expect(tokens.sessionVersion(null)).toMatch(/^[0-9a-f]{22}$/);
    expect((await tokens.verify((await tokens.issue(USER)).token)).sv).toBeUndefined();
    // Another server secret gives other versions: they are keyed, not plain digests.
    expect(new AccessTokens(`${SECRET}-other`, 3600, new ManualClock()).sessionVersion('$argon2id$v=19$hash-one')).not.toBe(bound.sv);
  });

  it('refuses other algorithms, other keys, other issuers and audiences, and missing claims', async () => {
    const { tokens, clock } = setup();
    const iat = clock.now().getTime() / 1000;
    const claims = { sub: USER.id, email: USER.email, role: 'patient', jti: 'at_x', iat, exp: iat + 60 };
    await expect(tokens.verify(await sign(claims))).resolves.toMatchObject({ jti: 'at_x' });
    expect(await reasonOf(tokens.verify(await sign(claims, SECRET, 'HS384')))).toBe('Token algorithm not allowed');
    expect(await reasonOf(tokens.verify(await sign(claims, 'another-secret-of-some-length-0123456789')))).toBe('Token signature verification failed');
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('someone-else').setAudience(TOKEN_AUDIENCE).sign(new Uint8Array(deriveKey(SECRET, 'access-token')));
    expect(await reasonOf(tokens.verify(foreign))).toBe('Token claims are not valid here');
    const { jti: _jti, ...withoutJti } = claims;
    expect(await reasonOf(tokens.verify(await sign(withoutJti)))).toBe('Token claims are not valid here');
    expect(await reasonOf(tokens.verify(await sign({ ...claims, role: 7 })))).toBe('Token is malformed');
    expect(await reasonOf(tokens.verify(await sign({ ...claims, sv: 1 })))).toBe('Token is malformed');
  });

  it('refuses alg:none and text that is no JWT', async () => {
    const { tokens, clock } = setup();
    const iat = clock.now().getTime() / 1000;
    const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const none = `${part({ alg: 'none' })}.${part({ sub: USER.id, email: USER.email, role: 'admin', jti: 'at_n', iat, exp: iat + 60, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE })}.`;
    expect(await reasonOf(tokens.verify(none))).toBe('Token algorithm not allowed');
    expect(await reasonOf(tokens.verify('not.a.jwt'))).toBe('Token is malformed');
  });

  it('caches a verified token, but a hit still expires on time and a tampered copy is still refused', async () => {
    const { tokens, clock } = setup();
    const { token } = await tokens.issue(USER);
    await expect(tokens.verify(token)).resolves.toMatchObject({ sub: USER.id });
    expect(tokens.isKnown(token)).toBe(true);
    const [head, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await reasonOf(tokens.verify(`${head}.${forged}.${signature}`))).toBe('Token signature verification failed');
    await expect(tokens.verify(token)).resolves.toMatchObject({ role: 'patient' });
    clock.advance(3600_000);
    expect(tokens.isKnown(token)).toBe(false);
    expect(await reasonOf(tokens.verify(token))).toBe('Token has expired');
  });
});
