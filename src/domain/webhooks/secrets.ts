import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Signing secrets. A secret is shown to its owner once, as `whsec_<base64 key>` (the Standard Webhooks form), and kept
 * encrypted with AES-256-GCM under a key derived from SECRET_KEY; the endpoint id is bound in as associated data, so a
 * ciphertext copied onto another endpoint does not decrypt.
 */
export const SECRET_PREFIX = 'whsec_';
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;

export const generateSigningKey = (): Buffer => randomBytes(32);

export const formatSecret = (key: Buffer): string => `${SECRET_PREFIX}${key.toString('base64')}`;

/**
 * The key bytes of a secret a user chose: `whsec_<base64>` is decoded (24–64 bytes); any other string is used as its
 * UTF-8 bytes (the Twin spec's `"your_webhook_secret"`), so a receiver can verify with a plain HMAC over its own text
 * or with any Standard Webhooks library given the `whsec_` form we answer with. Returns a reason when it is unusable.
 */
export function signingKeyFromSecret(secret: string): Buffer | { problem: string } {
  if (!secret.startsWith(SECRET_PREFIX)) return Buffer.from(secret, 'utf8');
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
    return { problem: 'whsec_ secrets must be base64 after the prefix' };
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
    return { problem: `whsec_ secrets must decode to ${MIN_KEY_BYTES}–${MAX_KEY_BYTES} bytes` };
  }
  return key;
}

export class SecretBox {
  constructor(private readonly key: Buffer) {}

  seal(plain: Buffer, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return ['v1', iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  open(text: string, boundTo: string): Buffer {
    const [version, iv, sealed, tag] = text.split('.');
    if (version !== 'v1' || !iv || !sealed || !tag) throw new Error('unreadable sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
  }
}
