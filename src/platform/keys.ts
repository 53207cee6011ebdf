import { createHmac, createHash } from 'node:crypto';

/** One SECRET_KEY, a separate derived key per purpose, so a key leaked from one use cannot forge another. */
export const deriveKey = (secret: string, purpose: string): Buffer =>
  createHmac('sha256', secret).update(`homeostat:${purpose}`).digest();

export const hmacHex = (key: Buffer, value: string): string => createHmac('sha256', key).update(value).digest('hex');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');
