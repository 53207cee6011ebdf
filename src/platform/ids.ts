import { randomBytes, randomUUID } from 'node:crypto';

/** Users are UUIDs because the Clarity spec types `user_id` as UUID. */
export const newUserId = (): string => randomUUID();

const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** Random bytes from a pooled buffer: one getrandom() per 4 KiB instead of one per id (ids are on every request). */
function takeRandom(bytes: number): Buffer {
  if (bytes > POOL_SIZE) return randomBytes(bytes);
  if (offset + bytes > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + bytes);
  offset += bytes;
  return slice;
}

/**
 * Prefixed, URL-safe random ids for everything else (`req_…`, `rt_…`): the prefix tells a reader what it is.
 * Identifiers only: secrets (refresh tokens, codes) use crypto.randomBytes/randomInt directly.
 */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${takeRandom(bytes).toString('base64url')}`;
}

/** A sane incoming request id: short, printable, no spaces or quotes, so it is safe in logs and headers. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const isSaneRequestId = (value: unknown): value is string =>
  typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
