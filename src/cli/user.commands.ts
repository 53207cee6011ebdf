import { randomBytes } from 'node:crypto';
import { hashPassword, normalizeEmail, parseRole, passwordProblem, UserRepository, type User } from '../domain/identity/index.js';
import { SqlAuditLog } from '../platform/audit/index.js';
import { systemClock } from '../platform/clock.js';
import { newUserId } from '../platform/ids.js';
import type { Database } from '../platform/db/index.js';
import { withDatabase, type CliIo } from './context.js';

export interface UserCreateOptions {
  email?: string;
  role?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
}

/** `homeostat user create --email … --role admin [--password …]`; prints a generated password if none is given. */
export async function userCreate(env: Record<string, string | undefined>, o: UserCreateOptions, io: CliIo): Promise<number> {
  if (!o.email || !/^[^@\s]+@[^@\s]+$/.test(o.email)) return fail(io, '--email is required and must be an email address');
  const role = parseRole(o.role ?? 'patient');
  if (!role) return fail(io, `--role must be one of patient, clinician, researcher, admin, auditor, employer (or an alias); got "${o.role}"`);
  const generated = o.password === undefined;
  const password = o.password ?? randomBytes(18).toString('base64url');
  const problem = passwordProblem(password, o.email);
  if (problem) return fail(io, `--password ${problem}`);
  return withDatabase(env, async (database) => {
    const users = new UserRepository(database.db);
    const email = normalizeEmail(o.email as string);
    if (await users.findWithSecretsByEmail(email)) return fail(io, `a user with email ${email} already exists`);
    const now = systemClock.now().toISOString();
    const user = await users.insert({
      id: newUserId(),
      email,
      passwordHash: await hashPassword(password),
      role,
      emailVerified: true,
      profile: { ...(o.firstName ? { firstName: o.firstName } : {}), ...(o.lastName ? { lastName: o.lastName } : {}) },
      now,
    });
    await auditCli(database, 'user.create', user.id, { role });
    io.out(`created user ${user.id} (${user.email}, role ${user.role})`);
    if (generated) io.out(`password: ${password}`);
    return 0;
  });
}

/** `homeostat user set-role --user <email|id> --role <role>`; tokens issued under the old role stop working. */
export async function userSetRole(env: Record<string, string | undefined>, o: { user?: string; role?: string }, io: CliIo): Promise<number> {
  const role = o.role ? parseRole(o.role) : undefined;
  if (!o.user || !role) return fail(io, 'usage: homeostat user set-role --user <email|id> --role <role>');
  return withDatabase(env, async (database) => {
    const user = await findUser(new UserRepository(database.db), o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    await new UserRepository(database.db).setRole(user.id, role, systemClock.now().toISOString());
    await auditCli(database, 'user.set_role', user.id, { role });
    io.out(`user ${user.id} now has role ${role}`);
    return 0;
  });
}

export async function findUser(users: UserRepository, emailOrId: string): Promise<User | undefined> {
  return emailOrId.includes('@') ? (await users.findWithSecretsByEmail(normalizeEmail(emailOrId)))?.user : users.findById(emailOrId);
}

export const auditCli = (database: Database, action: string, subject: string, details: Record<string, string> = {}): Promise<void> =>
  new SqlAuditLog(database, systemClock).record({ action, outcome: 'success', actorId: null, actorRole: 'cli', subjectUserId: subject, resourceType: 'account', resourceId: subject, details });

export function fail(io: CliIo, message: string): number {
  io.err(`error: ${message}`);
  return 2;
}
