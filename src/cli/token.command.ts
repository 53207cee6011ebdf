import { AccessTokens, parseRole, UserRepository } from '../domain/identity/index.js';
import { systemClock } from '../platform/clock.js';
import { parseDuration, withDatabase, type CliIo } from './context.js';
import { auditCli, fail, findUser } from './user.commands.js';

/**
 * `homeostat token --user <email|id> [--role clinician] [--expires 60m]`: what MHRAS's
 * `authenticator.generate_token(user_id, role, expiry_minutes)` does. The role must be the user's own
 * (change it with `user set-role`), so a printed token never grants more than the account has.
 */
export async function tokenCommand(env: Record<string, string | undefined>, o: { user?: string; role?: string; expires?: string }, io: CliIo): Promise<number> {
  if (!o.user) return fail(io, 'usage: homeostat token --user <email|id> [--role <role>] [--expires 60m]');
  const ttl = parseDuration(o.expires ?? '60m');
  if (!ttl || ttl < 60 || ttl > 30 * 86_400) return fail(io, '--expires must be a duration between 1m and 30d (e.g. 60m, 12h)');
  const role = o.role === undefined ? undefined : parseRole(o.role);
  if (o.role !== undefined && !role) return fail(io, `unknown role "${o.role}"`);
  return withDatabase(env, async (database, config) => {
    const user = await findUser(new UserRepository(database.db), o.user as string);
    if (!user?.isActive) return fail(io, `no active user ${o.user}`);
    if (role && role !== user.role) return fail(io, `user has role ${user.role}, not ${role}; run \`homeostat user set-role\` first`);
    const issued = await new AccessTokens(config.SECRET_KEY, config.ACCESS_TOKEN_TTL_SECONDS, systemClock).issue(user, ttl);
    await auditCli(database, 'auth.token_issued', user.id, { ttl_seconds: String(ttl) });
    io.out(issued.token);
    return 0;
  });
}
