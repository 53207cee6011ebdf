import type { SampleInput } from '../../src/domain/observations/index.js';
import type { Database } from '../../src/platform/db/index.js';

export const WATCH = {
  name: "Ada's Apple Watch",
  version: '10.1',
  bundleId: null,
  device: { name: 'Apple Watch', manufacturer: 'Apple Inc.', model: 'Watch', hardware: 'Watch6,2', extra: {} },
} as const;

export const PHONE = {
  name: "Ada's iPhone",
  version: '17.1',
  bundleId: null,
  device: { name: 'iPhone', manufacturer: 'Apple Inc.', model: 'iPhone', hardware: 'iPhone14,3', extra: {} },
} as const;

/** A sample with sensible defaults; instants as ISO strings for readability. */
export function sample(overrides: Partial<Omit<SampleInput, 'start' | 'end'>> & { start: string; end?: string }): SampleInput {
  const start = Date.parse(overrides.start);
  const end = overrides.end === undefined ? start : Date.parse(overrides.end);
  return {
    type: 'heart_rate',
    value: 60,
    category: null,
    components: null,
    utcOffsetMinutes: 0,
    timeZone: null,
    source: WATCH,
    provenance: 'sensed',
    metadata: null,
    externalId: null,
    ...overrides,
    start,
    end,
  };
}

/** Inserts a bare user row (the store's tables reference users). */
export async function insertPerson(database: Database, id: string): Promise<void> {
  const now = new Date().toISOString();
  await database.db
    .insertInto('users')
    .values({
      id,
      email: `${id}@example.org`,
      password_hash: null,
      role: 'patient',
      first_name: null,
      last_name: null,
      date_of_birth: null,
      gender: null,
      phone: null,
      height_cm: null,
      weight_kg: null,
      blood_type: null,
      emergency_contact: null,
      email_verified: 1,
      is_active: 1,
      subscription_tier: 'free',
      external_issuer: null,
      external_subject: null,
      tokens_valid_after: 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
}
