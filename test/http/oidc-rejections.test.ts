import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, base64url, exportSPKI, generateKeyPair, type JWTPayload } from 'jose';
import { epochSeconds } from '../../src/platform/clock.js';
import { deriveKey } from '../../src/platform/keys.js';
import { startFakeIdp, useIdpAndApp, type FakeIdp, type SignOptions } from '../helpers/fake-idp.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_SECRET } from '../helpers/test-config.js';
import { bearer } from '../helpers/users.js';

const reasonOf = (body: unknown) => (body as { details?: { reason?: string } }).details?.reason;

describe('OIDC: tokens that must be refused', () => {
  let idp: FakeIdp;
  let t: TestApp;
  let n = 0;

  const setup = useIdpAndApp();
  beforeAll(() => {
    ({ idp, t } = setup());
  });

  const sign = (claims: JWTPayload, options: SignOptions = {}) =>
    idp.sign({ sub: `s-${++n}`, jti: `j-${n}`, ...claims }, { iat: epochSeconds(t.clock.now()), ...options });
  const refused = async (token: string, reason: string) => {
    for (const url of ['/api/v1/auth/me', '/v1/users/me']) {
      const response = await t.app.inject({ method: 'GET', url, headers: bearer(token) });
      expect(response.statusCode, url).toBe(401);
      const body = response.json<Record<string, unknown>>();
      expect(reasonOf(url.startsWith('/v1') ? (body.error as { details: unknown }) : body), url).toBe(reason);
    }
    expect(await t.database.db.selectFrom('users').select('id').where('external_issuer', 'is not', null).execute()).toHaveLength(0);
  };

  it('refuses a token from another issuer', async () => {
    await refused(await sign({}, { issuer: 'https://evil.example.test/pool' }), 'Token claims are not valid here');
  });

  it('refuses an expired token', async () => {
    const token = await sign({}, { ttl: 600 });
    t.clock.advance(601_000);
    try {
      await refused(token, 'Token has expired');
    } finally {
      t.clock.advance(-601_000);
    }
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const rogue = await generateKeyPair('RS256');
    await refused(await sign({}, { key: rogue.privateKey, kid: 'rogue-key' }), 'Token signing key is not known');
    await refused(await sign({}, { key: rogue.privateKey }), 'Token signature verification failed');
  });

  it('refuses a token whose header names the other algorithm\'s key', async () => {
    const ec = await generateKeyPair('ES256');
    await refused(await sign({}, { alg: 'ES256', key: ec.privateKey, kid: 'rsa-key-1' }), 'Token signing key is not known');
  });

  it('treats an HS256 token claiming the OIDC issuer as a local token, and refuses it', async () => {
    const claims = { sub: 'forged', jti: 'forged-1', email: 'a@example.test', role: 'admin' };
    const now = epochSeconds(t.clock.now());
    const withOurKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(idp.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new Uint8Array(deriveKey(TEST_SECRET, 'access-token')));
    await refused(withOurKey, 'Token claims are not valid here');
    const withRawSecret = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(idp.issuer)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(TEST_SECRET));
    await refused(withRawSecret, 'Token signature verification failed');
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    const token = await new SignJWT({ sub: 'x', jti: 'y' }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-key-1' }).setIssuer(idp.issuer).setExpirationTime('10m').sign(pem);
    await refused(token, 'Token signature verification failed');
  });

  it('refuses alg none', async () => {
    const part = (value: object) => base64url.encode(JSON.stringify(value));
    const now = epochSeconds(t.clock.now());
    await refused(`${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: idp.issuer, sub: 'x', exp: now + 600, 'cognito:groups': ['admin'] })}.`, 'Token algorithm not allowed');
  });

  it('refuses a token without a subject', async () => {
    await refused(await idp.sign({ jti: 'no-sub' }, { iat: epochSeconds(t.clock.now()) }), 'Token claims are not valid here');
  });
});

describe('OIDC configuration', () => {
  it('without OIDC settings an RS256 token is refused as "Token algorithm not allowed"', async () => {
    const idp = await startFakeIdp();
    const t = await createTestApp();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(await idp.sign({ sub: 'x', jti: 'y' })) });
      expect(response.statusCode).toBe(401);
      expect(reasonOf(response.json())).toBe('Token algorithm not allowed');
      expect(idp.jwksRequests()).toBe(0);
    } finally {
      await t.close();
      await idp.close();
    }
  });

  it('with OIDC_AUDIENCE set, a token for another audience is refused and the right one accepted', async () => {
    const idp = await startFakeIdp();
    const t = await createTestApp({ env: { OIDC_ISSUER: idp.issuer, OIDC_JWKS_URL: idp.jwksUrl, OIDC_AUDIENCE: 'homeostat-client' } });
    try {
      const call = async (aud: string) =>
        t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(await idp.sign({ sub: 'aud-user', jti: `j-${aud}`, aud }, { iat: epochSeconds(t.clock.now()) })) });
      const wrong = await call('another-client');
      expect(wrong.statusCode).toBe(401);
      expect(reasonOf(wrong.json())).toBe('Token claims are not valid here');
      expect((await call('homeostat-client')).statusCode).toBe(200);
    } finally {
      await t.close();
      await idp.close();
    }
  });

  it('answers 503 (not "bad token") when the provider\'s JWKS cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const idp = await startFakeIdp();
    const t = await createTestApp({ env: { OIDC_ISSUER: idp.issuer, OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(await idp.sign({ sub: 'x', jti: 'y' })) });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(reasonOf(response.json())).toBe('Identity provider keys unavailable');
    } finally {
      await t.close();
      await idp.close();
    }
  });
});
