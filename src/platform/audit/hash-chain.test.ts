import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, type ChainedFields } from './hash-chain.js';

const entry: ChainedFields = {
  seq: 7,
  id: 'aud_x',
  at: '2024-05-01T12:00:00.000Z',
  actor_id: 'usr_1',
  actor_role: 'patient',
  action: 'profile.read',
  subject_user_id: 'usr_1',
  resource_type: 'profile',
  resource_id: 'usr_1',
  outcome: 'success',
  request_id: 'req_1',
  ip: '127.0.0.1',
  details: '{}',
};

describe('entryHash', () => {
  it('is a deterministic SHA-256 over the previous hash and the entry', () => {
    const hash = entryHash(GENESIS_HASH, entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, { ...entry })).toBe(hash);
    expect(entryHash('1'.repeat(64), entry)).not.toBe(hash);
  });

  it('changes when any single covered field changes', () => {
    const base = entryHash(GENESIS_HASH, entry);
    for (const key of Object.keys(entry) as (keyof ChainedFields)[]) {
      const changed = { ...entry, [key]: key === 'seq' ? 8 : `${String(entry[key])}!` } as ChainedFields;
      expect(entryHash(GENESIS_HASH, changed), key).not.toBe(base);
    }
  });

  it('does not depend on property order, but does tell null from "null" and field boundaries apart', () => {
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as unknown as ChainedFields;
    expect(entryHash(GENESIS_HASH, reversed)).toBe(entryHash(GENESIS_HASH, entry));
    expect(entryHash(GENESIS_HASH, { ...entry, ip: null })).not.toBe(entryHash(GENESIS_HASH, { ...entry, ip: 'null' }));
    expect(entryHash(GENESIS_HASH, { ...entry, actor_id: 'ab', actor_role: 'c' })).not.toBe(
      entryHash(GENESIS_HASH, { ...entry, actor_id: 'a', actor_role: 'bc' }),
    );
  });

  it('ignores fields it does not cover (prev_hash and hash are stored beside the entry)', () => {
    const stored = { ...entry, prev_hash: 'x', hash: 'y' };
    expect(entryHash(GENESIS_HASH, stored)).toBe(entryHash(GENESIS_HASH, entry));
  });
});
