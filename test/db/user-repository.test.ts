import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserRepository, type ProfilePatch } from '../../src/domain/identity/index.js';
import type { Role } from '../../src/domain/identity/index.js';
import { isUniqueViolation } from '../../src/platform/db/unique-violation.js';
import { dialects, useDatabase } from '../helpers/test-database.js';
import { uniqueEmail } from '../helpers/users.js';

const NOW = '2024-05-01T12:00:00.000Z';
const LATER = '2024-05-02T08:30:00.000Z';

describe.each(dialects())('UserRepository on $label', (dialect) => {
  const database = useDatabase(dialect);
  const repo = () => new UserRepository(database.current.db);
  const insert = (
    overrides: { email?: string; role?: Role; profile?: ProfilePatch; external?: { issuer: string; subject: string } } = {},
  ) =>
    repo().insert({
      id: randomUUID(),
      email: overrides.email ?? uniqueEmail(),
      passwordHash: '$argon2id$fake',
      role: overrides.role ?? 'patient',
      now: NOW,
      ...overrides,
    });

  it('inserts a user and finds it by id and by email, with its secrets only through the secrets lookup', async () => {
    const profile: ProfilePatch = {
      firstName: 'Ada',
      heightCm: 171.5,
      weightKg: 62.25,
      emergencyContact: { name: 'Bo', phone: '+44 20 7946 0000' },
    };
    const created = await insert({ role: 'clinician', profile });
    expect(created).toMatchObject({
      role: 'clinician',
      firstName: 'Ada',
      heightCm: 171.5,
      weightKg: 62.25,
      emailVerified: false,
      isActive: true,
      createdAt: NOW,
      lastLoginAt: null,
    });

    const byId = await repo().findById(created.id);
    expect(byId).toEqual(created);
    expect(byId?.emergencyContact).toEqual({ name: 'Bo', phone: '+44 20 7946 0000' });
    expect(byId).not.toHaveProperty('passwordHash');

    const byEmail = await repo().findWithSecretsByEmail(created.email);
    expect(byEmail).toEqual({ user: created, passwordHash: '$argon2id$fake', tokensValidAfter: 0 });
    expect(await repo().findWithSecretsById(created.id)).toEqual(byEmail);
  });

  it('returns undefined for unknown ids and emails', async () => {
    expect(await repo().findById(randomUUID())).toBeUndefined();
    expect(await repo().findWithSecretsByEmail(uniqueEmail())).toBeUndefined();
    expect(await repo().findWithSecretsById(randomUUID())).toBeUndefined();
  });

  it('finds a user by external identity (issuer and subject together)', async () => {
    const issuer = 'https://idp.example.test/';
    const user = await insert({ external: { issuer, subject: 'sub-1' } });
    expect((await repo().findByExternalIdentity(issuer, 'sub-1'))?.id).toBe(user.id);
    expect(await repo().findByExternalIdentity(issuer, 'sub-2')).toBeUndefined();
    expect(await repo().findByExternalIdentity('https://other.example.test/', 'sub-1')).toBeUndefined();
    await expect(insert({ external: { issuer, subject: 'sub-1' } })).rejects.toThrow();
  });

  it('refuses a second user with the same email, as a unique violation on either dialect, and stores nothing', async () => {
    const email = uniqueEmail();
    const first = await insert({ email });
    const error: unknown = await insert({ email }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    const rows = await database.current.db.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toEqual([{ id: first.id }]);
    const samePrimaryKey: unknown = await repo()
      .insert({ id: first.id, email: uniqueEmail(), passwordHash: null, role: 'patient', now: NOW })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(samePrimaryKey)).toBe(true);
  });

  it('isUniqueViolation is false for other database errors', async () => {
    const foreignKey: unknown = await database.current.db
      .insertInto('one_time_codes')
      .values({
        id: 'otc_x',
        user_id: randomUUID(),
        purpose: 'confirm_email',
        code_hash: 'x',
        attempts: 0,
        expires_at: NOW,
        consumed_at: null,
        created_at: NOW,
      })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(foreignKey).toBeInstanceOf(Error);
    expect(isUniqueViolation(foreignKey)).toBe(false);
    expect(isUniqueViolation(new Error('duplicate'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('updateProfile changes only the fields given, clears fields set to null, and stamps updated_at', async () => {
    const user = await insert({
      profile: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        heightCm: 170,
        weightKg: 60,
        bloodType: 'O+',
        emergencyContact: { name: 'Bo', phone: '1' },
      },
    });
    const updated = await repo().updateProfile(user.id, { weightKg: 58.4, lastName: null, emergencyContact: null }, LATER);
    expect(updated).toMatchObject({
      firstName: 'Ada',
      lastName: null,
      heightCm: 170,
      weightKg: 58.4,
      bloodType: 'O+',
      emergencyContact: null,
      createdAt: NOW,
      updatedAt: LATER,
    });
    expect(await repo().findById(user.id)).toEqual(updated);
    expect(await repo().updateProfile(randomUUID(), { firstName: 'X' }, LATER)).toBeUndefined();
  });

  it('findForTokenCheck returns the user with its revoked flag for that token id only', async () => {
    const user = await insert();
    expect(await repo().findForTokenCheck(user.id, 'jti-a')).toEqual({ user, tokensValidAfter: 0, revoked: false });
    await database.current.db
      .insertInto('revoked_tokens')
      .values({ jti: 'jti-a', user_id: user.id, expires_at: 2_000_000_000, revoked_at: NOW })
      .execute();
    expect((await repo().findForTokenCheck(user.id, 'jti-a'))?.revoked).toBe(true);
    expect((await repo().findForTokenCheck(user.id, 'jti-b'))?.revoked).toBe(false);
    expect(await repo().findForTokenCheck(randomUUID(), 'jti-a')).toBeUndefined();
  });

  it('setPassword, markEmailVerified, recordLogin and setRole persist', async () => {
    const user = await insert();
    await repo().setPassword(user.id, '$argon2id$new', 1_714_600_000, LATER);
    await repo().markEmailVerified(user.id, LATER);
    await repo().recordLogin(user.id, LATER);
    await repo().setRole(user.id, 'auditor', LATER);
    const found = await repo().findWithSecretsById(user.id);
    expect(found).toMatchObject({ passwordHash: '$argon2id$new', tokensValidAfter: 1_714_600_000 });
    expect(found?.user).toMatchObject({ emailVerified: true, lastLoginAt: LATER, role: 'auditor', updatedAt: LATER });
    expect((await repo().findForTokenCheck(user.id, 'x'))?.tokensValidAfter).toBe(1_714_600_000);
  });
});
