import type { Kysely } from 'kysely';
import type { ScreeningAlertsTable, Tables } from '../../../platform/db/tables.js';
import { newId } from '../../../platform/ids.js';

export type ScreeningAlertKind = 'critical_risk' | 'review_overdue';

/**
 * Alerts a screening raised, recorded in the screening's own transaction. Undelivered rows (`delivered_at` null) are
 * what the alerts issue will pick up and send; nothing here delivers them.
 */
export function recordAlert(
  on: Kysely<Tables>,
  alert: Omit<ScreeningAlertsTable, 'id' | 'delivered_at'> & { kind: ScreeningAlertKind },
): Promise<unknown> {
  return on
    .insertInto('screening_alerts')
    .values({ ...alert, id: newId('salt'), delivered_at: null })
    .execute();
}
