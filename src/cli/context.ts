import { loadConfig } from '../config/index.js';
import { migrateToLatest, openDatabase, type Database } from '../platform/db/index.js';
import type { ResolvedConfig } from '../services.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs a command against the configured database (migrated first), closing it afterwards. */
export async function withDatabase<T>(env: Record<string, string | undefined>, fn: (database: Database, config: ResolvedConfig) => Promise<T>): Promise<T> {
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
