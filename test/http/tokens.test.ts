import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/domain/identity/index.js';
import { deriveKey } from '../../src/platform/keys.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SECRET } from '../helpers/test-config.js';
import { bearer, createUser, type TestUser } from '../helpers/users.js';

/**
 * Access tokens on every protected identity route of both surfaces: each way a token can be wrong is a
 * 401 in the surface's own format, with `details.reason` saying what was wrong. Refresh rotation and
 * family revocation, and one person's token never reaching another's session.
 */

interface Surface {
  name: string;
  me: string;
  refresh: string;
  logout: string;
  /** Reads `details.reason` from a 401 in this surface's format (and checks the format). */
  reason(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }): unknown;
}

const clarity: Surface = {
  name: 'Clarity',
  me: '/api/v1/auth/me',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  reason(res) {
    expect(res.statusCode).toBe(401);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    const body = res.json<{ status: number; type: string; details?: { reason?: unknown } }>();
    expect(body).toMatchObject({ status: 401, type: 'authentication_required' });
    return body.details?.reason;
  },
};

const twin: Surface = {
  name: 'Twin',
  me: '/v1/users/me',
  refresh: '/v1/auth/refresh',
  logout: '/v1/auth/logout',
  reason(res) {
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    const body = res.json<{ error: { code: string; details: { reason?: unknown } } }>();
    expect(body.error.code).toBe('UNAUTHORIZED');
    return body.error.details.reason;
  },
};

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;

/** A token with the right claims, signed with `secret` (the server's own key when it is TEST_SECRET). */
function forge(claims: Record<string, unknown>, secret: string, alg = 'HS256') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .sign(new Uint8Array(deriveKey(secret, 'access-token')));
}

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe.each([clarity, twin])('$name access tokens', (s) => {
  const me = (token?: string, raw?: string) => t.app.inject({ method: 'GET', url: s.me, headers: raw ? { authorization: raw } : token ? bearer(token) : {} });
  let user: TestUser;
  beforeEach(async () => {
    user = await createUser(t.app);
  });

  it('carries sub, email, role, jti and a 1 h lifetime', async () => {
    const claims = claimsOf(user.accessToken);
    expect(claims).toMatchObject({ sub: user.id, email: user.email, role: 'patient', jti: expect.any(String), iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect((await me(user.accessToken)).statusCode).toBe(200);
  });

  it.each([
    ['missing', undefined, 'Missing Authorization header'],
    ['not Bearer', 'Basic dXNlcjpwYXNz', 'Authorization header must be "Bearer <token>"'],
    ['empty Bearer', 'Bearer ', 'Authorization header must be "Bearer <token>"'],
    ['not a JWT', 'Bearer not-a-jwt', 'Token is malformed'],
    ['garbage segments', 'Bearer a.b.c', 'Token is malformed'],
  ])('refuses a %s header', async (_label, header, reason) => {
    expect(s.reason(await me(undefined, header))).toBe(reason);
  });

  it('refuses an expired token (clock past 3600 s) but accepts it just before', async () => {
    t.clock.advance(3599 * 1000);
    expect((await me(user.accessToken)).statusCode).toBe(200);
    t.clock.advance(2 * 1000);
    expect(s.reason(await me(user.accessToken))).toBe('Token has expired');
  });

  it('refuses a tampered signature and a tampered payload (role escalated to admin)', async () => {
    const [header, payload, signature] = user.accessToken.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(s.reason(await me(`${header}.${payload}.${flipped}`))).toBe('Token signature verification failed');
    const escalated = b64url({ ...claimsOf(user.accessToken), role: 'admin' });
    expect(s.reason(await me(`${header}.${escalated}.${signature}`))).toBe('Token signature verification failed');
  });

  it('refuses alg:none, even with valid claims', async () => {
    const claims = claimsOf(user.accessToken);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    expect(s.reason(await me(unsigned))).toBe('Token algorithm not allowed');
  });

  it('refuses another HMAC algorithm signed with the right key (algorithm pinned to HS256)', async () => {
    const { sub, email, role, jti, iat, exp } = claimsOf(user.accessToken);
    const hs512 = await forge({ sub, email, role, jti, iat, exp }, TEST_SECRET, 'HS512');
    expect(s.reason(await me(hs512))).toBe('Token algorithm not allowed');
  });

  it('refuses an HS256 token signed with a different secret', async () => {
    const { sub, email, role, jti, iat, exp } = claimsOf(user.accessToken);
    const forged = await forge({ sub, email, role, jti, iat, exp }, 'a-completely-different-secret-key-of-decent-length');
    expect(s.reason(await me(forged))).toBe('Token signature verification failed');
    // The same claims signed with the server's key pass: the refusal really is the key.
    expect((await me(await forge({ sub, email, role, jti: 'at_fresh', iat, exp }, TEST_SECRET))).statusCode).toBe(200);
  });

  it('refuses a token for an account that does not exist', async () => {
    const iat = Math.floor(t.clock.now().getTime() / 1000);
    const ghost = await forge({ sub: '00000000-0000-4000-8000-000000000000', email: 'ghost@example.test', role: 'patient', jti: 'at_ghost', iat, exp: iat + 60 }, TEST_SECRET);
    expect(s.reason(await me(ghost))).toBe('Account not found or disabled');
  });

  it('refuses a token revoked by logout, on either surface', async () => {
    const out = await t.app.inject({ method: 'POST', url: s.logout, headers: bearer(user.accessToken), payload: {} });
    expect(out.statusCode).toBeLessThan(300);
    expect(s.reason(await me(user.accessToken))).toBe('Token has been revoked');
    expect(await t.database.db.selectFrom('revoked_tokens').select('jti').where('user_id', '=', user.id).execute()).toEqual([{ jti: claimsOf(user.accessToken).jti }]);
    // A fresh login still works: logout ends this session, not the account.
    expect((await me((await createUser(t.app)).accessToken)).statusCode).toBe(200);
  });

  it('refuses a token whose role no longer matches the account', async () => {
    await t.app.services.identity.users.setRole(user.id, 'clinician', t.clock.now().toISOString());
    expect(s.reason(await me(user.accessToken))).toBe('Role changed since the token was issued');
    const renewed = await t.app.inject({ method: 'POST', url: s.refresh, payload: { refresh_token: user.refreshToken } });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json<{ access_token: string }>().access_token;
    expect(claimsOf(fresh).role).toBe('clinician');
    expect((await me(fresh)).statusCode).toBe(200);
  });

  it('refuses a token for a disabled account', async () => {
    await t.database.db.updateTable('users').set({ is_active: 0 }).where('id', '=', user.id).execute();
    expect(s.reason(await me(user.accessToken))).toBe('Account not found or disabled');
    expect((await t.app.inject({ method: 'POST', url: s.refresh, payload: { refresh_token: user.refreshToken } })).statusCode).toBe(401);
  });
});

describe.each([clarity, twin])('$name refresh tokens', (s) => {
  const refresh = (token: string) => t.app.inject({ method: 'POST', url: s.refresh, payload: { refresh_token: token } });
  const next = async (token: string) => {
    const res = await refresh(token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ access_token: string; refresh_token: string }>();
  };

  it('rotates on every use; a token works once', async () => {
    const user = await createUser(t.app);
    const second = await next(user.refreshToken);
    const third = await next(second.refresh_token);
    expect(new Set([user.refreshToken, second.refresh_token, third.refresh_token]).size).toBe(3);
    const rows = await t.database.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && !r.token_hash.includes(third.refresh_token))).toBe(true);
  });

  it('reusing a rotated token is refused and revokes the whole family, newest token included', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const second = await next(user.refreshToken);
    const third = await next(second.refresh_token);
    expect(s.reason(await refresh(user.refreshToken))).toBe('refresh_token_reused');
    expect(s.reason(await refresh(third.refresh_token))).toBe('invalid_refresh_token');
    const live = await t.database.db.selectFrom('refresh_tokens').select('id').where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect(live).toHaveLength(0);
    // Another person's session is untouched.
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('refuses an expired refresh token (30 days); retrying it is not taken for reuse', async () => {
    const user = await createUser(t.app);
    t.clock.advance(30 * 86_400_000 + 1000);
    expect(s.reason(await refresh(user.refreshToken))).toBe('invalid_refresh_token');
    expect(s.reason(await refresh(user.refreshToken))).toBe('invalid_refresh_token');
  });

  it('an old rotated token presented after it expired still counts as reuse and ends the family', async () => {
    const user = await createUser(t.app);
    t.clock.advance(29 * 86_400_000);
    const second = await next(user.refreshToken);
    t.clock.advance(2 * 86_400_000);
    expect(s.reason(await refresh(user.refreshToken))).toBe('refresh_token_reused');
    expect(s.reason(await refresh(second.refresh_token))).toBe('invalid_refresh_token');
  });

  it('access tokens from a refresh are bound to the same password as the sign-in', async () => {
    const user = await createUser(t.app);
    const renewed = await next(user.refreshToken);
    expect(claimsOf(renewed.access_token).sv).toBe(claimsOf(user.accessToken).sv);
  });

  it("logout with someone else's refresh token does not revoke it", async () => {
    const a = await createUser(t.app);
    const b = await createUser(t.app);
    const out = await t.app.inject({ method: 'POST', url: s.logout, headers: bearer(b.accessToken), payload: { refresh_token: a.refreshToken } });
    expect(out.statusCode).toBeLessThan(300);
    const stillA = await next(a.refreshToken);
    expect(claimsOf(stillA.access_token).sub).toBe(a.id);
    expect((await t.app.inject({ method: 'GET', url: s.me, headers: bearer(a.accessToken) })).statusCode).toBe(200);
  });

  it("a refresh token only ever yields its owner's session", async () => {
    const a = await createUser(t.app);
    const b = await createUser(t.app);
    const fromB = await next(b.refreshToken);
    expect(claimsOf(fromB.access_token)).toMatchObject({ sub: b.id, email: b.email });
    const meB = await t.app.inject({ method: 'GET', url: s.me, headers: bearer(fromB.access_token) });
    expect(meB.json()).toMatchObject({ user_id: b.id, email: b.email });
    expect(JSON.stringify(meB.json())).not.toContain(a.email);
  });
});
