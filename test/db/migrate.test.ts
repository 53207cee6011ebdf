import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/platform/db/index.js';
import { migrations as shipped } from '../../src/platform/db/migrations/index.js';
import { dialects, useDatabase } from '../helpers/test-database.js';

const createTable = (name: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .execute();
  },
});
const failing: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`select * from no_such_table_anywhere`.execute(db);
  },
};

const tableNames = async (database: Database): Promise<string[]> => {
  const rows =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(database.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          database.db,
        );
  return rows.rows.map((r) => r.name).sort();
};
const appliedNames = async (database: Database): Promise<string[]> =>
  (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db)).rows.map((r) => r.name);

describe.each(dialects())('migrateToLatest on $label', (dialect) => {
  const database = useDatabase(dialect);

  it('has applied every shipped migration, and a second run applies nothing', async () => {
    expect(await appliedNames(database.current)).toEqual(Object.keys(shipped).sort());
    expect(await tableNames(database.current)).toEqual(expect.arrayContaining(['users', 'audit_log', 'audit_head', 'kysely_migration']));
    expect(await migrateToLatest(database.current)).toEqual({ applied: [] });
  });

  it('applies only what is new, in name order', async () => {
    const report = await migrateToLatest(database.current, { ...shipped, '9002-b': createTable('zz_b'), '9001-a': createTable('zz_a') });
    expect(report).toEqual({ applied: ['9001-a', '9002-b'] });
    expect(await tableNames(database.current)).toEqual(expect.arrayContaining(['zz_a', 'zz_b']));
  });

  it('rolls back every step of a run when one fails, and names the failing one', async () => {
    const run = migrateToLatest(database.current, { ...shipped, '9001-a': createTable('zz_a'), '9002-broken': failing });
    await expect(run).rejects.toThrow(/^Migration 9002-broken failed: .*no_such_table_anywhere/);
    expect(await tableNames(database.current)).not.toContain('zz_a');
    expect(await appliedNames(database.current)).toEqual(Object.keys(shipped).sort());
  });

  it('refuses a database migrated by a newer version, and a new migration named before an applied one', async () => {
    await migrateToLatest(database.current, { ...shipped, '9001-a': createTable('zz_a') });
    await expect(migrateToLatest(database.current)).rejects.toThrow(/does not know \(9001-a\)/);
    await expect(
      migrateToLatest(database.current, { ...shipped, '9001-a': createTable('zz_a'), '0500-late': createTable('zz_late') }),
    ).rejects.toThrow(/0500-late sorts before 9001-a/);
  });

  it('lets two connections migrate at once: one applies, the other finds nothing to do', async () => {
    const other = database.current.connectAgain?.() ?? database.current;
    try {
      const next = { ...shipped, '9001-a': createTable('zz_a') };
      const reports = await Promise.all([migrateToLatest(database.current, next), migrateToLatest(other, next)]);
      expect(reports.map((r) => r.applied).sort()).toEqual([[], ['9001-a']]);
    } finally {
      if (other !== database.current) await other.close();
    }
  });
});

describe('migrateToLatest carries on from Kysely’s own Migrator', () => {
  it('treats migrations applied by Kysely’s Migrator as applied', async () => {
    const database = openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: '.' });
    try {
      const [firstName, first] = Object.entries(shipped).sort(([a], [b]) => a.localeCompare(b))[0]!;
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => ({ [firstName]: first }) } });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const report = await migrateToLatest(database);
      expect(report.applied).toEqual(
        Object.keys(shipped)
          .sort()
          .filter((name) => name !== firstName),
      );
    } finally {
      await database.close();
    }
  });
});

describe.each(dialects().filter((d) => d.name === 'postgres'))('migrateToLatest with several schemas on $label', (dialect) => {
  it('migrates an empty schema while another schema of the database is already migrated', async (ctx) => {
    if (dialect.skipReason) ctx.skip(dialect.skipReason);
    const url = process.env.TEST_DATABASE_URL as string;
    const migrated = await dialect.open();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const fresh = openDatabase({ databaseUrl: url, dataDir: '.', schema });
    try {
      expect((await migrateToLatest(fresh)).applied).toEqual(Object.keys(shipped).sort());
      expect(await tableNames(fresh)).toEqual(expect.arrayContaining(['users', 'audit_log', 'kysely_migration']));
    } finally {
      await fresh.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
      await migrated.close();
    }
  });
});
