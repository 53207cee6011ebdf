import { createHmac, timingSafeEqual } from 'node:crypto';

export type Hs256Failure = 'malformed' | 'algorithm' | 'signature' | 'expired' | 'claims';

export class Hs256Error extends Error {
  override readonly name = 'Hs256Error';
  constructor(readonly failure: Hs256Failure) {
    super(`token rejected: ${failure}`);
  }
}

export interface Hs256Expectations {
  issuer: string;
  audience: string;
  /** Now, in epoch seconds. */
  now: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Verifies a compact HS256 JWT synchronously (RFC 7515/7519): the hot path of every authenticated request.
 * jose does the same through WebCrypto, which hops to the libuv thread pool and back for each token; this is
 * the same checks on the calling thread. Order as jose: structure, algorithm (pinned: `none` and every other
 * algorithm are refused), signature (constant-time, canonical base64url only), then claims (`exp` required
 * and in the future, `nbf` if present, `iss`, `aud`, and `sub`, `jti`, `iat` present).
 */
export function verifyHs256(token: string, key: Buffer, expect: Hs256Expectations): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !SEGMENT.test(parts[0] as string)) throw new Hs256Error('malformed');
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  const header = decodeJson(encodedHeader);
  // Before the other segments: `alg: none` comes with an empty signature, and is refused for its algorithm.
  if (header.alg !== 'HS256') throw new Hs256Error('algorithm');
  if (!SEGMENT.test(encodedPayload) || !SEGMENT.test(encodedSignature)) throw new Hs256Error('malformed');
  // `crit` names extensions the verifier must understand (RFC 7515 §4.1.11); we understand none.
  if (header.crit !== undefined) throw new Hs256Error('malformed');
  const signature = Buffer.from(encodedSignature, 'base64url');
  const expected = createHmac('sha256', key).update(`${encodedHeader}.${encodedPayload}`).digest();
  if (signature.length !== expected.length || signature.toString('base64url') !== encodedSignature || !timingSafeEqual(signature, expected)) {
    throw new Hs256Error('signature');
  }
  const claims = decodeJson(encodedPayload);
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Hs256Error('claims');
  if (claims.exp <= expect.now) throw new Hs256Error('expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > expect.now)) throw new Hs256Error('claims');
  if (claims.iss !== expect.issuer) throw new Hs256Error('claims');
  const audience = claims.aud;
  if (audience !== expect.audience && !(Array.isArray(audience) && audience.includes(expect.audience))) throw new Hs256Error('claims');
  if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string') throw new Hs256Error('claims');
  return claims;
}

/** The `alg` a compact JWS header declares (undefined if it declares none); throws Hs256Error('malformed'). */
export function tokenAlgorithm(token: string): unknown {
  const end = token.indexOf('.');
  const segment = end < 0 ? '' : token.slice(0, end);
  if (!SEGMENT.test(segment)) throw new Hs256Error('malformed');
  return decodeJson(segment).alg;
}

function decodeJson(segment: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new Hs256Error('malformed');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Hs256Error('malformed');
  return value as Record<string, unknown>;
}
