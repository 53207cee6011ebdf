import { randomBytes, randomUUID } from 'node:crypto';

/** Users are UUIDs because the Clarity spec types `user_id` as UUID. */
export const newUserId = (): string => randomUUID();

/** Prefixed, URL-safe random ids for everything else (`req_…`, `rt_…`): the prefix tells a reader what it is. */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** A sane incoming request id: short, printable, no spaces or quotes, so it is safe in logs and headers. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const isSaneRequestId = (value: unknown): value is string =>
  typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
