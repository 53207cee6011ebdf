import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
} from 'kysely';
import { createRequire } from 'node:module';
import type pgModule from 'pg';
import type { Tables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** A one-line, password-free description for logs and /debug. */
  readonly description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * SQLite only: run `work` synchronously on the raw better-sqlite3 connection, holding Kysely's connection lock, so
   * no Kysely transaction is open around it. For bulk paths (imports) where prepared statements are ~2x faster than
   * Kysely. `work` may open its own transaction with `connection.transaction(...)`.
   */
  exclusiveSqlite?<T>(work: (connection: SQLite.Database) => T | Promise<T>): Promise<T>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: put every table in this schema (tests use one schema per suite). */
  schema?: string;
}

let pgLoaded: typeof pgModule | undefined;
/** pg is required only for a PostgreSQL URL: an embedded (SQLite) server never loads it. */
function loadPg(): typeof pgModule {
  if (pgLoaded) return pgLoaded;
  const pg = createRequire(import.meta.url)('pg') as typeof pgModule;
  // int8 (COUNT(*), bigint columns) arrives from pg as a string by default; every value we store fits 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
  return (pgLoaded = pg);
}

export function openDatabase(options: DatabaseOptions): Database {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.schema);
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(options.dataDir, 'homeostat.db');
  return openSqlite(file);
}

function openSqlite(file: string): Database {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }) });
  return {
    db,
    dialect: 'sqlite',
    description: inMemory ? 'sqlite (in memory)' : `sqlite ${resolve(file)}`,
    ping: async () => {
      connection.prepare('select 1').get();
    },
    close: async () => {
      await db.destroy();
    },
    exclusiveSqlite: <T>(work: (raw: SQLite.Database) => T | Promise<T>) => db.connection().execute(async () => work(connection)),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every SQLite statement afresh; preparing costs about as much as running a small query.
 * Queries are built from a fixed set of shapes, so prepared statements are kept by SQL text (bounded; cleared
 * when full). A statement still iterating (`busy`, only when streaming) is not shared: a fresh one is made.
 */
function withStatementCache(connection: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare: (text: string) => {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const statement = connection.prepare(text);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE, taking the write lock up front and waiting for it under
 * busy_timeout. A plain (deferred) BEGIN reads first and upgrades later, and when another process (the CLI
 * beside a running server) commits in between, SQLite fails the upgrade at once with SQLITE_BUSY. Within
 * one process nothing changes: Kysely already runs SQLite transactions one at a time on its one connection.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function openPostgres(url: string, schema?: string): Database {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    description: `postgres ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${schema ? ` schema ${schema}` : ''}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await db.destroy();
    },
  };
}
