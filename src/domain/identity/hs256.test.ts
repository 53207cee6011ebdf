import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Hs256Error, verifyHs256, type Hs256Failure } from './hs256.js';

const KEY = createHmac('sha256', 'test').update('key').digest();
const NOW = 1_800_000_000;
const EXPECT = { issuer: 'homeostat', audience: 'homeostat', now: NOW };
const CLAIMS = { sub: 'u1', jti: 'j1', email: 'a@b.test', role: 'patient' };

const sign = (claims: Record<string, unknown> = {}, key: Uint8Array = KEY, alg = 'HS256') =>
  new SignJWT({ ...CLAIMS, ...claims }).setProtectedHeader({ alg }).setIssuer('homeostat').setAudience('homeostat').setIssuedAt(NOW - 10).setExpirationTime(NOW + 60).sign(key);

function failure(token: string): Hs256Failure | 'accepted' {
  try {
    verifyHs256(token, KEY, EXPECT);
    return 'accepted';
  } catch (error) {
    if (error instanceof Hs256Error) return error.failure;
    throw error;
  }
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyHs256 (the synchronous verifier on the request path)', () => {
  it('accepts what jose signs, returning its claims', async () => {
    expect(verifyHs256(await sign(), KEY, EXPECT)).toMatchObject({ ...CLAIMS, iss: 'homeostat', aud: 'homeostat', exp: NOW + 60 });
  });

  it('accepts an audience list that contains ours', async () => {
    const token = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256' }).setIssuer('homeostat').setAudience(['x', 'homeostat']).setIssuedAt(NOW).setExpirationTime(NOW + 1).sign(KEY);
    expect(failure(token)).toBe('accepted');
  });

  it('refuses each way a token can be wrong, with the reason', async () => {
    expect(failure(await sign({}, new Uint8Array(32)))).toBe('signature');
    expect(failure(await sign({}, KEY, 'HS512'))).toBe('algorithm');
    expect(failure(`${b64({ alg: 'none' })}.${b64({ ...CLAIMS, iss: 'homeostat', aud: 'homeostat', iat: NOW, exp: NOW + 9 })}.`)).toBe('algorithm');
    expect(failure(`${b64({ alg: 'HS256', crit: ['b64'], b64: false })}.${b64(CLAIMS)}.c2ln`)).toBe('malformed');
    expect(failure('not.a.jwt')).toBe('malformed');
    expect(failure('a.b')).toBe('malformed');
    expect(failure('')).toBe('malformed');
    expect(failure(await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256' }).setIssuer('homeostat').setAudience('homeostat').setIssuedAt(NOW - 9).setExpirationTime(NOW).sign(KEY))).toBe('expired');
    expect(failure(await sign({ nbf: NOW + 5 }))).toBe('claims');
    expect(failure(await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256' }).setIssuer('evil').setAudience('homeostat').setIssuedAt(NOW).setExpirationTime(NOW + 9).sign(KEY))).toBe('claims');
    expect(failure(await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256' }).setIssuer('homeostat').setAudience('other').setIssuedAt(NOW).setExpirationTime(NOW + 9).sign(KEY))).toBe('claims');
    expect(failure(await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('homeostat').setAudience('homeostat').setIssuedAt(NOW).setExpirationTime(NOW + 9).sign(KEY))).toBe('claims');
  });

  it('refuses a non-canonical signature encoding (no malleability) and a signature of the wrong length', async () => {
    const token = await sign();
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(failure(`${h}.${p}.${s}A`)).toBe('signature');
    expect(failure(`${h}.${p}.${s.slice(0, -2)}`)).toBe('signature');
  });

  it('property: any single-character change to a valid token is refused', async () => {
    const token = await sign();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        return failure(changed) !== 'accepted';
      }),
      { numRuns: 2000 },
    );
  });
});
