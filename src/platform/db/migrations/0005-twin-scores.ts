import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The twin engine's memory: one features snapshot and one score per twin per person per day (the latest recompute of
 * that day wins). A score row carries the model versions and the hash of the snapshot it came from, so it can be
 * explained and recomputed identically; the daily rows are the score history trends are read from.
 */
export const twinScores: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table twin_snapshots (
      person_id text not null references users(id) on delete cascade,
      day text not null,
      as_of text not null,
      engine_version text not null,
      inputs_hash text not null,
      features text not null,
      computed_at text not null,
      primary key (person_id, day)
    )`.execute(db);
    await sql`create table twin_scores (
      person_id text not null references users(id) on delete cascade,
      twin text not null,
      day text not null,
      as_of text not null,
      score integer,
      status text not null,
      components text not null,
      data_sufficiency text not null,
      notes text not null,
      models text not null,
      inputs_hash text not null,
      primary key (person_id, twin, day)
    )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('twin_scores').execute();
    await db.schema.dropTable('twin_snapshots').execute();
  },
};
