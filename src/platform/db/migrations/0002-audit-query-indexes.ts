import type { Kysely, Migration } from 'kysely';

/**
 * GET /v1/audit filters by action and by time and counts the matches; without these, each such page scans
 * the whole log.
 */
export const auditQueryIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_log_at').execute();
    await db.schema.dropIndex('audit_log_action').execute();
  },
};
