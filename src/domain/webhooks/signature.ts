import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): HMAC-SHA256 over `${id}.${timestamp}.${body}`, sent as
 * `webhook-signature: v1,<base64>`; several keys (a secret being rotated out, and its successor) give several
 * space-separated signatures, any of which a receiver may accept.
 */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export const signatureOf = (key: Buffer, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;

export function signedHeaders(keys: readonly Buffer[], id: string, at: Date, body: string): SignedHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': keys.map((key) => signatureOf(key, id, timestamp, body)).join(' '),
  };
}
