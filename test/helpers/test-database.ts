import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, type TestContext } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';

/** A fresh, migrated, isolated database for one test. */
export interface TestDatabase extends Database {
  /**
   * A second, independent connection pool onto the same data (PostgreSQL: the same schema), for tests of
   * concurrent writers. Undefined on in-memory SQLite, which cannot be shared between connections.
   */
  readonly connectAgain?: () => Database;
}

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  /** For test titles: the name, plus why it is skipped when it is. */
  label: string;
  /** Set when this dialect cannot run here (PostgreSQL without TEST_DATABASE_URL); its tests report skipped. */
  skipReason: string | undefined;
  /** Opens a fresh, migrated, isolated database (PostgreSQL: a new schema, dropped on close). */
  open(): Promise<TestDatabase>;
}

const POSTGRES_SKIP_REASON = 'TEST_DATABASE_URL not set: PostgreSQL variant skipped';

const sqliteCase: DialectCase = {
  name: 'sqlite',
  label: 'sqlite',
  skipReason: undefined,
  open: async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    await migrateToLatest(database);
    return database;
  },
};

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function postgresCase(url: string | undefined): DialectCase {
  if (!url) {
    return {
      name: 'postgres',
      label: 'postgres (skipped)',
      skipReason: POSTGRES_SKIP_REASON,
      open: () => Promise.reject(new Error(`${POSTGRES_SKIP_REASON}; check dialect.skipReason (or use useDatabase) before open()`)),
    };
  }
  return {
    name: 'postgres',
    label: 'postgres',
    skipReason: undefined,
    open: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await adminQuery(url, `create schema ${schema}`);
      const database = openDatabase({ databaseUrl: url, dataDir: '.', schema });
      try {
        await migrateToLatest(database);
      } catch (error) {
        await database.close();
        await adminQuery(url, `drop schema ${schema} cascade`);
        throw error;
      }
      const close = database.close.bind(database);
      return {
        ...database,
        connectAgain: () => openDatabase({ databaseUrl: url, dataDir: '.', schema }),
        close: async () => {
          await close();
          await adminQuery(url, `drop schema ${schema} cascade`);
        },
      };
    },
  };
}

/**
 * The dialects every repository suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Without it the PostgreSQL case is still listed, with `skipReason`, so its tests report themselves skipped
 * instead of silently disappearing. Use with `describe.each(dialects())('… on $label', (dialect) => …)`
 * and `useDatabase(dialect)` (or `skipUnavailable(ctx, dialect)` in your own `beforeEach`).
 */
export function dialects(): DialectCase[] {
  return [sqliteCase, postgresCase(process.env.TEST_DATABASE_URL)];
}

/** In a `beforeEach(ctx => …)`: skips the test (with the reason shown) when the dialect is unavailable. */
export function skipUnavailable(ctx: TestContext, dialect: DialectCase): void {
  if (dialect.skipReason) ctx.skip(dialect.skipReason);
}

/**
 * Registers a fresh database per test (opened in `beforeEach`, closed in `afterEach`) and returns a handle
 * whose `current` is that test's database. On an unavailable dialect every test of the suite is skipped.
 */
export function useDatabase(dialect: DialectCase): { readonly current: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeEach(async (ctx) => {
    skipUnavailable(ctx, dialect);
    database = await dialect.open();
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  return {
    get current(): TestDatabase {
      if (!database) throw new Error('useDatabase: no database outside a test');
      return database;
    },
  };
}

export const postgresSkipReason = (): string | undefined => (process.env.TEST_DATABASE_URL ? undefined : POSTGRES_SKIP_REASON);
