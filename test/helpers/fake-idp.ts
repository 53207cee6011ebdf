import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

export type IdpAlg = 'RS256' | 'ES256';

export interface SignOptions {
  alg?: IdpAlg;
  /** Header `kid`; default the published key's id for `alg`. */
  kid?: string;
  /** Sign with this key instead of the published one (a key the JWKS does not hold). */
  key?: CryptoKey;
  issuer?: string;
  /** Epoch seconds the token is issued at; default now. */
  iat?: number;
  /** Lifetime in seconds; default 3600. */
  ttl?: number;
}

/** A minimal identity provider for tests: a JWKS on 127.0.0.1 (port 0) and a token signer. No internet. */
export interface FakeIdp {
  issuer: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  jwksRequests(): number;
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

export const IDP_ISSUER = 'https://idp.example.test/pool';

export async function startFakeIdp(issuer = IDP_ISSUER): Promise<FakeIdp> {
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const keys = {
    RS256: { kid: 'rsa-key-1', privateKey: rsa.privateKey },
    ES256: { kid: 'ec-key-1', privateKey: ec.privateKey },
  } as const;
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: keys.RS256.kid, alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: keys.ES256.kid, alg: 'ES256', use: 'sig' },
    ],
  };
  let requests = 0;
  const server: Server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    issuer,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    jwksRequests: () => requests,
    async sign(claims, options = {}) {
      const alg = options.alg ?? 'RS256';
      const iat = options.iat ?? Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, typ: 'JWT', kid: options.kid ?? keys[alg].kid })
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + (options.ttl ?? 3600))
        .sign(options.key ?? keys[alg].privateKey);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** For a describe block: a fake identity provider and an app configured to trust it, closed afterwards. */
export function useIdpAndApp(): () => { idp: FakeIdp; t: TestApp } {
  let pair: { idp: FakeIdp; t: TestApp } | undefined;
  beforeAll(async () => {
    const idp = await startFakeIdp();
    pair = { idp, t: await createTestApp({ env: { OIDC_ISSUER: idp.issuer, OIDC_JWKS_URL: idp.jwksUrl } }) };
  });
  afterAll(async () => {
    await pair?.t.close();
    await pair?.idp.close();
  });
  return () => {
    if (!pair) throw new Error('useIdpAndApp: ready only inside tests');
    return pair;
  };
}
