import type { Kysely, Selectable } from 'kysely';
import type { Tables, UsersTable } from '../../platform/db/tables.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';
import { parseRole, type Role } from './roles.js';
import type { ProfilePatch, SubscriptionTier, User } from './user.js';

type Row = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string | null;
  role: Role;
  profile?: ProfilePatch;
  emailVerified?: boolean;
  external?: { issuer: string; subject: string };
  now: string;
}

/** Row + the credential/token fields only the identity module needs. */
export interface UserWithSecrets {
  user: User;
  passwordHash: string | null;
  tokensValidAfter: number;
}

export class UserRepository {
  /** Runs on every authenticated request: built and compiled once. */
  private readonly sessionState;

  constructor(private readonly db: Kysely<Tables>) {
    this.sessionState = preparedQuery<{ id: string; jti: string }, Row & { revoked: unknown }>(db, (param) =>
      db
        .selectFrom('users')
        .selectAll('users')
        .select((eb) => eb.exists(eb.selectFrom('revoked_tokens').select('jti').where('jti', '=', param('jti'))).as('revoked'))
        .where('id', '=', param('id')),
    );
  }

  async insert(input: NewUser): Promise<User> {
    const p = input.profile ?? {};
    const row: Row = {
      id: input.id,
      email: input.email,
      password_hash: input.passwordHash,
      role: input.role,
      first_name: p.firstName ?? null,
      last_name: p.lastName ?? null,
      date_of_birth: p.dateOfBirth ?? null,
      gender: p.gender ?? null,
      phone: p.phone ?? null,
      height_cm: p.heightCm ?? null,
      weight_kg: p.weightKg ?? null,
      blood_type: p.bloodType ?? null,
      emergency_contact: p.emergencyContact ? JSON.stringify(p.emergencyContact) : null,
      email_verified: input.emailVerified ? 1 : 0,
      is_active: 1,
      subscription_tier: 'free',
      external_issuer: input.external?.issuer ?? null,
      external_subject: input.external?.subject ?? null,
      tokens_valid_after: 0,
      created_at: input.now,
      updated_at: input.now,
      last_login_at: null,
      source_priority: null,
      health_profile: null,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findWithSecretsByEmail(email: string): Promise<UserWithSecrets | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? withSecrets(row) : undefined;
  }

  async findWithSecretsById(id: string): Promise<UserWithSecrets | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? withSecrets(row) : undefined;
  }

  async findByExternalIdentity(issuer: string, subject: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('external_issuer', '=', issuer)
      .where('external_subject', '=', subject)
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /**
   * Everything the per-request token check needs in one round trip: the user's state, the password hash
   * the token's session version is checked against, and whether this token id has been revoked.
   */
  async findSessionState(id: string, jti: string): Promise<(UserWithSecrets & { revoked: boolean }) | undefined> {
    const [row] = await this.sessionState({ id, jti });
    if (!row) return undefined;
    return { ...withSecrets(row), revoked: Boolean(row.revoked) };
  }

  /** As findSessionState, without the credential. */
  async findForTokenCheck(id: string, jti: string): Promise<{ user: User; tokensValidAfter: number; revoked: boolean } | undefined> {
    const found = await this.findSessionState(id, jti);
    return found && { user: found.user, tokensValidAfter: found.tokensValidAfter, revoked: found.revoked };
  }

  async updateProfile(id: string, patch: ProfilePatch, now: string): Promise<User | undefined> {
    const set: Partial<Row> = { updated_at: now };
    if (patch.firstName !== undefined) set.first_name = patch.firstName;
    if (patch.lastName !== undefined) set.last_name = patch.lastName;
    if (patch.dateOfBirth !== undefined) set.date_of_birth = patch.dateOfBirth;
    if (patch.gender !== undefined) set.gender = patch.gender;
    if (patch.phone !== undefined) set.phone = patch.phone;
    if (patch.heightCm !== undefined) set.height_cm = patch.heightCm;
    if (patch.weightKg !== undefined) set.weight_kg = patch.weightKg;
    if (patch.bloodType !== undefined) set.blood_type = patch.bloodType;
    if (patch.emergencyContact !== undefined) {
      set.emergency_contact = patch.emergencyContact === null ? null : JSON.stringify(patch.emergencyContact);
    }
    await this.db.updateTable('users').set(set).where('id', '=', id).execute();
    return this.findById(id);
  }

  async setPassword(id: string, passwordHash: string, tokensValidAfter: number, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, tokens_valid_after: tokensValidAfter, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async markEmailVerified(id: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ email_verified: 1, updated_at: now }).where('id', '=', id).execute();
  }

  async recordLogin(id: string, now: string): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
  }

  async setRole(id: string, role: Role, now: string): Promise<void> {
    await this.db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).execute();
  }

  async setSubscriptionTier(id: string, tier: SubscriptionTier, now: string): Promise<void> {
    await this.db.updateTable('users').set({ subscription_tier: tier, updated_at: now }).where('id', '=', id).execute();
  }
}

function withSecrets(row: Row): UserWithSecrets {
  return { user: toUser(row), passwordHash: row.password_hash, tokensValidAfter: Number(row.tokens_valid_after) };
}

function toUser(row: Row): User {
  return {
    id: row.id,
    email: row.email,
    role: parseRole(row.role) ?? 'patient',
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    gender: row.gender,
    phone: row.phone,
    heightCm: row.height_cm,
    weightKg: row.weight_kg,
    bloodType: row.blood_type,
    emergencyContact: row.emergency_contact ? (JSON.parse(row.emergency_contact) as User['emergencyContact']) : null,
    emailVerified: Boolean(row.email_verified),
    isActive: Boolean(row.is_active),
    subscriptionTier: row.subscription_tier,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}
