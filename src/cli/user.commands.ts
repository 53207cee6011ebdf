import { randomBytes } from 'node:crypto';
import {
  hashPassword,
  normalizeEmail,
  parseRole,
  passwordProblem,
  ROLES,
  SUBSCRIPTION_TIERS,
  UserRepository,
  type SubscriptionTier,
} from '../domain/identity/index.js';
import { systemClock } from '../platform/clock.js';
import { newUserId } from '../platform/ids.js';
import { auditCli, fail, findUser, parseLimit, withDatabase, type CliIo, type Env } from './context.js';

/** ajv-formats' `email` (full mode), which the HTTP API validates with: an account made here can sign in there. */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

const ROLE_HELP = `${ROLES.join(', ')} (or an alias: user, corporate, data_scientist, PATIENT, …)`;

export interface UserCreateOptions {
  email?: string;
  role?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
}

/** `homeostat user create --email … --role admin [--password …]`; prints a generated password if none is given. */
export async function userCreate(env: Env, o: UserCreateOptions, io: CliIo): Promise<number> {
  if (!o.email || o.email.length > 254 || !EMAIL.test(o.email.trim())) return fail(io, '--email is required and must be an email address');
  const role = parseRole(o.role ?? 'patient');
  if (!role) return fail(io, `--role must be one of ${ROLE_HELP}; got "${o.role}"`);
  const email = normalizeEmail(o.email);
  const generated = o.password === undefined;
  const password = o.password ?? randomBytes(18).toString('base64url');
  const problem = passwordProblem(password, email);
  if (problem) return fail(io, `--password ${problem}`);
  return withDatabase(env, async (database) => {
    const users = new UserRepository(database.db);
    if (await users.findWithSecretsByEmail(email)) return fail(io, `a user with email ${email} already exists`);
    const user = await users.insert({
      id: newUserId(),
      email,
      passwordHash: await hashPassword(password),
      role,
      emailVerified: true,
      profile: { ...(o.firstName ? { firstName: o.firstName } : {}), ...(o.lastName ? { lastName: o.lastName } : {}) },
      now: systemClock.now().toISOString(),
    });
    await auditCli(database, 'user.create', user.id, { role });
    io.out(`created user ${user.id} (${user.email}, role ${user.role})`);
    if (generated) io.out(`password: ${password}`);
    return 0;
  });
}

/** `homeostat user set-role --user <email|id> --role <role>`; tokens issued under the old role stop working. */
export async function userSetRole(env: Env, o: { user?: string; role?: string }, io: CliIo): Promise<number> {
  if (!o.user || !o.role) return fail(io, 'usage: homeostat user set-role --user <email|id> --role <role>');
  const role = parseRole(o.role);
  if (!role) return fail(io, `--role must be one of ${ROLE_HELP}; got "${o.role}"`);
  return withDatabase(env, async (database) => {
    const users = new UserRepository(database.db);
    const user = await findUser(users, o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    await users.setRole(user.id, role, systemClock.now().toISOString());
    await auditCli(database, 'user.set_role', user.id, { role, previous_role: user.role });
    io.out(`user ${user.id} now has role ${role} (was ${user.role})`);
    const row = await database.db.selectFrom('users').select('external_issuer').where('id', '=', user.id).executeTakeFirst();
    if (row?.external_issuer)
      io.err(`note: this account signs in through ${row.external_issuer}; its next token there will set the role again`);
    return 0;
  });
}

/** `homeostat user set-tier --user <email|id> --tier free|premium|corporate`: the tier sets the account's rate limit. */
export async function userSetTier(env: Env, o: { user?: string; tier?: string }, io: CliIo): Promise<number> {
  if (!o.user || !o.tier) return fail(io, `usage: homeostat user set-tier --user <email|id> --tier ${SUBSCRIPTION_TIERS.join('|')}`);
  const tier = o.tier.toLowerCase();
  if (!(SUBSCRIPTION_TIERS as readonly string[]).includes(tier))
    return fail(io, `--tier must be one of ${SUBSCRIPTION_TIERS.join(', ')}; got "${o.tier}"`);
  return withDatabase(env, async (database) => {
    const users = new UserRepository(database.db);
    const user = await findUser(users, o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    await users.setSubscriptionTier(user.id, tier as SubscriptionTier, systemClock.now().toISOString());
    await auditCli(database, 'user.set_tier', user.id, { tier, previous_tier: user.subscriptionTier });
    io.out(`user ${user.id} now has tier ${tier} (was ${user.subscriptionTier})`);
    return 0;
  });
}

/**
 * `homeostat user disable|enable --user <email|id>`: a disabled account cannot sign in, refresh, or use
 * any token it already holds (every request checks the account), local or external alike.
 */
export async function userSetActive(env: Env, o: { user?: string }, active: boolean, io: CliIo): Promise<number> {
  const verb = active ? 'enable' : 'disable';
  if (!o.user) return fail(io, `usage: homeostat user ${verb} --user <email|id>`);
  return withDatabase(env, async (database) => {
    const user = await findUser(new UserRepository(database.db), o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    if (user.isActive === active) {
      io.out(`user ${user.id} is already ${active ? 'enabled' : 'disabled'}`);
      return 0;
    }
    await database.db
      .updateTable('users')
      .set({ is_active: active ? 1 : 0, updated_at: systemClock.now().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await auditCli(database, `user.${verb}`, user.id);
    io.out(`user ${user.id} (${user.email}) ${active ? 'enabled' : 'disabled'}`);
    return 0;
  });
}

/** `homeostat user list [--role R] [--limit N]`: newest first, one account per line, tab-separated. */
export async function userList(env: Env, o: { role?: string; limit?: string }, io: CliIo): Promise<number> {
  const role = o.role === undefined ? undefined : parseRole(o.role);
  if (o.role !== undefined && !role) return fail(io, `--role must be one of ${ROLE_HELP}; got "${o.role}"`);
  const limit = parseLimit(o.limit, 50);
  if (limit === undefined) return fail(io, '--limit must be a whole number from 1 to 1000');
  return withDatabase(env, async (database) => {
    let query = database.db.selectFrom('users');
    if (role) query = query.where('role', '=', role);
    const [rows, count] = await Promise.all([
      query
        .select(['id', 'email', 'role', 'is_active', 'email_verified', 'external_issuer', 'created_at', 'last_login_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    if (rows.length === 0) {
      io.out(role ? `no users with role ${role}` : 'no users');
      return 0;
    }
    io.out(['id', 'email', 'role', 'status', 'verified', 'sign-in', 'created', 'last login'].join('\t'));
    for (const r of rows) {
      const status = r.is_active ? 'active' : 'disabled';
      const source = r.external_issuer ? 'oidc' : 'password';
      io.out([r.id, r.email, r.role, status, r.email_verified ? 'yes' : 'no', source, r.created_at, r.last_login_at ?? '-'].join('\t'));
    }
    const total = Number(count.n);
    if (total > rows.length) io.out(`(${rows.length} of ${total}; use --limit to see more)`);
    return 0;
  });
}
