import { sql, type Migration } from 'kysely';
import type { Database } from './database.js';
import { migrations as shippedMigrations } from './migrations/index.js';

export interface MigrationReport {
  applied: string[];
}

/** The bookkeeping table; the same name and shape as Kysely's Migrator, so databases it migrated carry on. */
type MigrationTables = {
  kysely_migration: { name: string; timestamp: string };
};

/**
 * Brings the schema to the latest version; safe to run on every start and from several processes at once.
 *
 * Deliberately not Kysely's Migrator: on PostgreSQL it decides whether its tables exist by introspecting
 * every schema in the database, so one schema's bookkeeping tables hide another's missing ones ("relation
 * kysely_migration_lock does not exist"), and a schema dropped meanwhile fails the run. Here everything
 * happens in one transaction, in the connection's own schema, under a lock: a PostgreSQL advisory lock per
 * schema, or SQLite's write lock (transactions begin immediate). A failed step rolls every step back.
 */
export async function migrateToLatest(
  database: Database,
  migrations: Record<string, Migration> = shippedMigrations,
): Promise<MigrationReport> {
  const names = Object.keys(migrations).sort();
  return database.db.transaction().execute(async (trx) => {
    if (database.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('homeostat:migrate:' || current_schema()))`.execute(trx);
    }
    const db = trx.withTables<MigrationTables>();
    await sql`create table if not exists kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
      db,
    );
    const done = new Set((await db.selectFrom('kysely_migration').select('name').execute()).map((r) => r.name));

    const unknown = [...done].filter((name) => !(name in migrations)).sort();
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this version does not know (${unknown.join(', ')}): it was migrated by a newer Homeostat`,
      );
    }
    const pending = names.filter((name) => !done.has(name));
    const lastDone = names.filter((name) => done.has(name)).at(-1);
    const outOfOrder = lastDone === undefined ? [] : pending.filter((name) => name < lastDone);
    if (outOfOrder.length > 0) {
      throw new Error(`Migration ${outOfOrder.join(', ')} sorts before ${lastDone}, which is already applied: give it a later name`);
    }

    for (const name of pending) {
      try {
        await migrations[name]!.up(trx);
      } catch (error) {
        throw new Error(`Migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await db.insertInto('kysely_migration').values({ name, timestamp: new Date().toISOString() }).execute();
    }
    return { applied: pending };
  });
}
