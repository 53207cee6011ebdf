import { randomBytes } from 'node:crypto';

const pad = (n: number): string => String(n).padStart(2, '0');

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `pred_YYYYMMDD_HHMMSS_xxxxxx` (UTC; six random base-36 characters, as the spec's `abc123`). 36^6 ≈ 2.2e9 ids per
 * second; the rare collision is retried by the caller (the id is the primary key).
 */
export function newPredictionId(at: Date): string {
  const date = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  const suffix = [...randomBytes(6)].map((byte) => ALPHABET[byte % 36]).join('');
  return `pred_${date}_${time}_${suffix}`;
}

export const PREDICTION_ID_PATTERN = '^pred_\\d{8}_\\d{6}_[0-9a-z]{6}$';
