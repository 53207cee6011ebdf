import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { DEFAULT_PREFERENCES, mergePreferences, type NotificationPreferences, type PreferencesPatch } from './preferences.js';

/** One JSON document per person; a person who never saved gets the spec's defaults. */
export class PreferencesStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async get(personId: string): Promise<NotificationPreferences> {
    const row = await this.db
      .selectFrom('notification_preferences')
      .select('preferences')
      .where('person_id', '=', personId)
      .executeTakeFirst();
    // Stored documents are merged over the defaults, so a field added later has its default for everyone.
    return row ? mergePreferences(DEFAULT_PREFERENCES, JSON.parse(row.preferences) as PreferencesPatch) : DEFAULT_PREFERENCES;
  }

  /** Applies the patch in one transaction and returns the whole document as stored. */
  async update(personId: string, patch: PreferencesPatch): Promise<NotificationPreferences> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('notification_preferences')
        .select('preferences')
        .where('person_id', '=', personId)
        .executeTakeFirst();
      const current = row ? mergePreferences(DEFAULT_PREFERENCES, JSON.parse(row.preferences) as PreferencesPatch) : DEFAULT_PREFERENCES;
      const next = mergePreferences(current, patch);
      const values = { preferences: JSON.stringify(next), updated_at: this.clock.now().toISOString() };
      await trx
        .insertInto('notification_preferences')
        .values({ person_id: personId, ...values })
        .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
        .execute();
      return next;
    });
  }
}
