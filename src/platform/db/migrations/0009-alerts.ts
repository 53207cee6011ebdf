import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Alerts (docs/alerts.md): one row per raised condition of a person. A condition that keeps firing is merged into its
 * active row (`occurrences`, `last_at`), never a second row: at most one active alert per (person, condition_key).
 * `recommended_actions` and `trigger` are JSON (the trigger holds what fired it: counts and numbers only).
 */
export const alerts: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table alerts (
      id text primary key,
      person_id text not null references users(id) on delete cascade,
      kind text not null,
      condition_key text not null,
      severity text not null,
      title text not null,
      message text not null,
      recommended_actions text not null,
      action_required integer not null,
      trigger text not null,
      status text not null,
      occurrences integer not null default 1,
      first_at text not null,
      last_at text not null,
      acknowledged_at text,
      acknowledged_by text,
      user_response text,
      resolved_at text
    )`.execute(db);
    await sql`create unique index alerts_active_condition on alerts (person_id, condition_key) where status = 'active'`.execute(db);
    await sql`create index alerts_person on alerts (person_id, status, first_at)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop table alerts`.execute(db);
  },
};
