import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, migrated, isolated database (PostgreSQL: a new schema, dropped on close). */
  open(): Promise<Database>;
}

const sqliteCase: DialectCase = {
  name: 'sqlite',
  open: async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    return database;
  },
};

function postgresCase(url: string): DialectCase {
  return {
    name: 'postgres',
    open: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const database = openDatabase({ databaseUrl: url, dataDir: '.', schema });
      await migrateToLatest(database);
      const close = database.close.bind(database);
      return {
        ...database,
        close: async () => {
          await close();
          const dropper = new pg.Client({ connectionString: url });
          await dropper.connect();
          await dropper.query(`drop schema ${schema} cascade`);
          await dropper.end();
        },
      };
    },
  };
}

/**
 * The dialects a repository suite runs on: SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
 * Use with `describe.each(dialects())`.
 */
export function dialects(): DialectCase[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqliteCase, postgresCase(url)] : [sqliteCase];
}

export const postgresSkipReason = (): string | undefined =>
  process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL not set: PostgreSQL variants skipped';
