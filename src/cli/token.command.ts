import { AccessTokens, parseRole, UserRepository } from '../domain/identity/index.js';
import { systemClock } from '../platform/clock.js';
import { auditCli, fail, findUser, parseDuration, withDatabase, type CliIo, type Env } from './context.js';

const MAX_TTL_SECONDS = 30 * 86_400;

/**
 * `homeostat token --user <email|id> [--role clinician] [--expires 60m]`: what MHRAS's
 * `authenticator.generate_token(user_id, role, expiry_minutes)` does. The role must be the user's own
 * (change it with `user set-role`), so a printed token never grants more than the account has.
 * Only the token goes to stdout, so `TOKEN=$(homeostat token --user …)` works.
 */
export async function tokenCommand(env: Env, o: { user?: string; role?: string; expires?: string }, io: CliIo): Promise<number> {
  if (!o.user) return fail(io, 'usage: homeostat token --user <email|id> [--role <role>] [--expires 60m]');
  const ttl = parseDuration(o.expires ?? '60m');
  if (!ttl || ttl < 60 || ttl > MAX_TTL_SECONDS) return fail(io, `--expires must be a duration between 1m and 30d (e.g. 60m, 12h); got "${o.expires}"`);
  const role = o.role === undefined ? undefined : parseRole(o.role);
  if (o.role !== undefined && !role) return fail(io, `unknown role "${o.role}"`);
  return withDatabase(env, async (database, config) => {
    const users = new UserRepository(database.db);
    const user = await findUser(users, o.user as string);
    if (!user) return fail(io, `no user ${o.user}`);
    if (!user.isActive) return fail(io, `user ${user.id} is disabled; run \`homeostat user enable --user ${o.user}\` first`);
    if (role && role !== user.role) {
      return fail(io, `user has role ${user.role}, not ${role}; run \`homeostat user set-role --user ${o.user} --role ${role}\` first`);
    }
    // Bound to the current password like sign-in tokens, so a password reset voids it at once.
    const credential = (await users.findWithSecretsById(user.id))?.passwordHash ?? null;
    const issued = await new AccessTokens(config.SECRET_KEY, config.ACCESS_TOKEN_TTL_SECONDS, systemClock).issue(user, ttl, credential);
    await auditCli(database, 'auth.token_issued', user.id, { ttl_seconds: String(ttl), jti: issued.jti });
    io.out(issued.token);
    return 0;
  });
}
