import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same snapshot always hashes the same whatever built it. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** SHA-256 (hex) of the canonical JSON of a features snapshot: stored beside every score it produced. */
export const inputsHash = (features: unknown): string => createHash('sha256').update(canonicalJson(features)).digest('hex');
