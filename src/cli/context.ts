import { loadConfig } from '../config/index.js';
import { normalizeEmail, type User, type UserRepository } from '../domain/identity/index.js';
import { SqlAuditLog } from '../platform/audit/index.js';
import { systemClock } from '../platform/clock.js';
import { migrateToLatest, openDatabase, type Database } from '../platform/db/index.js';
import type { ResolvedConfig } from '../services.js';

export type Env = Record<string, string | undefined>;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes: 0 done, 1 the command ran and found a problem (or failed), 2 bad usage or input, 78 bad configuration. */
export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78 } as const;

/** Runs a command against the configured database (migrated first), closing it afterwards. */
export async function withDatabase<T>(env: Env, fn: (database: Database, config: ResolvedConfig) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** `60m`, `1h`, `3600s`, `3600` → seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** `--limit`: a whole number from 1 to `max`; `fallback` when absent; undefined when malformed. */
export function parseLimit(text: string | undefined, fallback: number, max = 1000): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 1 && value <= max ? value : undefined;
}

/** An email finds the account by address, anything else is taken as a user id. */
export async function findUser(users: UserRepository, emailOrId: string): Promise<User | undefined> {
  return emailOrId.includes('@') ? (await users.findWithSecretsByEmail(normalizeEmail(emailOrId)))?.user : users.findById(emailOrId.trim());
}

/** Every account change made from the CLI is audited like one made over HTTP, with actor role `cli`. */
export const auditCli = (database: Database, action: string, subject: string, details: Record<string, string> = {}): Promise<void> =>
  new SqlAuditLog(database, systemClock).record({ action, outcome: 'success', actorId: null, actorRole: 'cli', subjectUserId: subject, resourceType: 'account', resourceId: subject, details });

export function fail(io: CliIo, message: string): number {
  io.err(`error: ${message}`);
  return EXIT.usage;
}
