import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What a person states about themselves that no sensor measures (clinical history, occupation): one JSON text column on
 * `users`, null until they state something. On the account row, so erasing the account erases it too.
 */
export const healthProfile: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table users add column health_profile text`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table users drop column health_profile`.execute(db);
  },
};
