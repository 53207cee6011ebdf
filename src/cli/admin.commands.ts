import { SqlAuditLog } from '../platform/audit/index.js';
import { systemClock } from '../platform/clock.js';
import { migrateToLatest, openDatabase } from '../platform/db/index.js';
import { loadConfig } from '../config/index.js';
import { fail, parseLimit, withDatabase, type CliIo } from './context.js';

export async function migrateCommand(env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { applied } = await migrateToLatest(database);
    io.out(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return 0;
  } finally {
    await database.close();
  }
}

/** `homeostat audit verify`: exit 0 if the chain is intact, 1 (naming the first broken entry) if not. */
export async function auditVerifyCommand(env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  return withDatabase(env, async (database) => {
    const result = await new SqlAuditLog(database, systemClock).verify();
    if (result.ok) {
      io.out(`audit chain intact: ${result.checked} entries verified`);
      return 0;
    }
    io.err(`audit chain BROKEN at entry ${result.brokenAt}: ${result.problem} (${result.checked} entries verified before it)`);
    // Every further problem too: one edit and one deletion are two findings, and an investigator needs both.
    for (const problem of result.problems.slice(1)) io.err(`  also at entry ${problem.seq}: ${problem.message}`);
    return 1;
  });
}

/** `homeostat outbox [--to email] [--limit N]`: mail kept because no SMTP server is configured, newest first. */
export async function outboxCommand(env: Record<string, string | undefined>, o: { to?: string; limit?: string }, io: CliIo): Promise<number> {
  const limit = parseLimit(o.limit, 20);
  if (limit === undefined) return fail(io, '--limit must be a whole number from 1 to 1000');
  return withDatabase(env, async (database, config) => {
    if (config.SMTP_URL) io.err('note: SMTP_URL is set, so new mail is sent over SMTP and does not appear here');
    let query = database.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(limit);
    if (o.to) query = query.where('recipient', '=', o.to.trim().toLowerCase());
    const messages = await query.execute();
    if (messages.length === 0) io.out(o.to ? `no mail to ${o.to.trim().toLowerCase()} in the outbox` : 'outbox is empty');
    // channel: email (no SMTP_URL), or push / sms held by notifications whose channel is not configured (docs/notifications.md)
    for (const m of messages) io.out(`--- ${m.created_at}  ${m.channel}  to: ${m.recipient}\nsubject: ${m.subject}\n\n${m.body}\n`);
    return 0;
  });
}
