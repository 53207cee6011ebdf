import { randomBytes } from 'node:crypto';

const pad = (n: number): string => String(n).padStart(2, '0');

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Random bytes drawn 4 KiB at a time: one getrandom() per ~680 ids rather than one each (one id per /screen). */
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * `pred_YYYYMMDD_HHMMSS_xxxxxx` (UTC; six random base-36 characters, as the spec's `abc123`). 36^6 ≈ 2.2e9 ids per
 * second; the rare collision is retried by the caller (the id is the primary key).
 */
export function newPredictionId(at: Date): string {
  const date = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  if (offset + 6 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[pool[offset + i]! % 36];
  offset += 6;
  return `pred_${date}_${time}_${suffix}`;
}

export const PREDICTION_ID_PATTERN = '^pred_\\d{8}_\\d{6}_[0-9a-z]{6}$';
