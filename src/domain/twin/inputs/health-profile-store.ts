/** Reads and writes a person's health profile (`users.health_profile`); authorisation and audit happen in the caller. */
import { SqliteAdapter, type Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import { applyHealthProfilePatch, parseHealthProfile, type HealthProfile, type HealthProfilePatch } from './health-profile.js';

export class HealthProfiles {
  constructor(private readonly db: Kysely<Tables>) {}

  /** The person's profile (every field null when nothing was stated); undefined when there is no such person. */
  async get(personId: string): Promise<HealthProfile | undefined> {
    const row = await this.db.selectFrom('users').select('health_profile').where('id', '=', personId).executeTakeFirst();
    return row ? parseHealthProfile(row.health_profile) : undefined;
  }

  /**
   * Applies a validated patch: read, merge, write in one transaction with the row locked (PostgreSQL `for update`;
   * SQLite transactions hold the write lock), so two concurrent patches of different fields both survive.
   */
  async update(personId: string, patch: HealthProfilePatch, now: string): Promise<HealthProfile | undefined> {
    const sqlite = this.db.getExecutor().adapter instanceof SqliteAdapter;
    return this.db.transaction().execute(async (trx) => {
      const select = trx.selectFrom('users').select('health_profile').where('id', '=', personId);
      const row = await (sqlite ? select : select.forUpdate()).executeTakeFirst();
      if (!row) return undefined;
      const next = applyHealthProfilePatch(parseHealthProfile(row.health_profile), patch, now);
      await trx
        .updateTable('users')
        .set({ health_profile: JSON.stringify(next) })
        .where('id', '=', personId)
        .execute();
      return next;
    });
  }
}
