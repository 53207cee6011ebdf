import type { Kysely } from 'kysely';
import { preparedQuery } from '../../../platform/db/prepared-query.js';
import type { ScreeningAlertsTable, Tables } from '../../../platform/db/tables.js';
import { newId } from '../../../platform/ids.js';

export type ScreeningAlertKind = 'critical_risk' | 'review_overdue';

export type RecordedAlert = Omit<ScreeningAlertsTable, 'id' | 'delivered_at'> & { kind: ScreeningAlertKind };

/**
 * Alerts a screening raised, recorded in the screening's own transaction. Undelivered rows (`delivered_at` null) are
 * what the alerts module picks up and raises (ScreeningAlertRelay); nothing here delivers them.
 */
export class ScreeningAlertStore {
  /** On every critical /screen: compiled once. */
  private readonly insertQuery;

  constructor(db: Kysely<Tables>) {
    this.insertQuery = preparedQuery<Pick<ScreeningAlertsTable, keyof ScreeningAlertsTable>, never>(db, (param) =>
      db.insertInto('screening_alerts').values({
        id: param('id'),
        kind: param('kind'),
        prediction_id: param('prediction_id'),
        review_id: param('review_id'),
        anonymized_id: param('anonymized_id'),
        risk_level: param('risk_level'),
        score: param('score'),
        model: param('model'),
        created_at: param('created_at'),
        delivered_at: param('delivered_at'),
      }),
    );
  }

  /** Records one alert on `on` (the screening's transaction, or the database). */
  async record(on: Kysely<Tables>, alert: RecordedAlert): Promise<void> {
    await this.insertQuery({ ...alert, id: newId('salt'), delivered_at: null }, on);
  }
}
