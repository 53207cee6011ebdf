import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Actigraphy analyses (Clarity `/api/v1/pat`): one row per request, its state while the job runs, and the result.
 * The minute series itself rides only in the job's payload (cleared when the job ends); the row keeps a summary of
 * the input (window, minutes, signal), never the values.
 */
export const actigraphy: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table actigraphy_analyses (
      id text primary key,
      person_id text not null references users(id) on delete cascade,
      source text not null,
      state text not null,
      progress real not null default 0,
      input_summary text not null,
      result text,
      attention text,
      error text,
      created_at text not null,
      updated_at text not null,
      completed_at text
    )`.execute(db);
    await sql`create index actigraphy_analyses_person on actigraphy_analyses (person_id, created_at)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('actigraphy_analyses').execute();
  },
};
