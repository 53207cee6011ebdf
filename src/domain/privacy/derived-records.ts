import type { Kysely } from 'kysely';
import type { Tables } from '../../platform/db/index.js';

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * What the server derived or keeps about a person besides their observations, for the export: daily twin scores,
 * alerts, PAT analyses, webhook endpoints (never their secrets), notification preferences and push subscriptions
 * (never their keys). One query per kind; each is small next to the observations.
 */
export async function derivedRecords(db: Kysely<Tables>, personId: string): Promise<Record<string, unknown>> {
  const [twinScores, alerts, analyses, webhooks, preferences, pushSubscriptions] = await Promise.all([
    db
      .selectFrom('twin_scores')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('day')
      .orderBy('twin')
      .execute(),
    db.selectFrom('alerts').selectAll().where('person_id', '=', personId).orderBy('first_at').orderBy('id').execute(),
    db.selectFrom('actigraphy_analyses').selectAll().where('person_id', '=', personId).orderBy('created_at').execute(),
    db
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'events', 'status', 'disabled_reason', 'created_at', 'updated_at'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('notification_preferences').select(['preferences', 'updated_at']).where('person_id', '=', personId).executeTakeFirst(),
    db.selectFrom('push_subscriptions').select(['id', 'endpoint', 'created_at']).where('person_id', '=', personId).orderBy('created_at').execute(),
  ]);
  return {
    twin_scores: twinScores.map(({ person_id: _, components, data_sufficiency, notes, models, ...row }) => ({
      ...row,
      components: parsed(components),
      data_sufficiency: parsed(data_sufficiency),
      notes: parsed(notes),
      models: parsed(models),
    })),
    alerts: alerts.map(({ person_id: _, recommended_actions, trigger, action_required, ...row }) => ({
      ...row,
      action_required: Boolean(action_required),
      recommended_actions: parsed(recommended_actions),
      trigger: parsed(trigger),
    })),
    pat_analyses: analyses.map(({ person_id: _, input_summary, result, attention, ...row }) => ({
      ...row,
      input_summary: parsed(input_summary),
      result: parsed(result),
      attention: parsed(attention),
    })),
    webhooks: webhooks.map(({ events, ...row }) => ({ ...row, events: parsed(events) })),
    notification_preferences: preferences ? { ...(parsed(preferences.preferences) as object), updated_at: preferences.updated_at } : null,
    push_subscriptions: pushSubscriptions,
  };
}
