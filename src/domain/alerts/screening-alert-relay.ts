import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/tables.js';
import type { Alert, AlertService } from './alert-service.js';
import { criticalRiskKey, reviewOverdueKey, screeningAlertCandidate } from './screening-alerts.js';

const BATCH = 100;

/**
 * Turns the screening alerts the screening module records (table `screening_alerts`, `delivered_at` null) into alerts
 * of the screening's submitter. Raise first, then mark delivered: a crash in between raises it again on the next run,
 * which merges into the same active alert instead of losing it. Runs one at a time; `poke` while running runs again.
 */
export class ScreeningAlertRelay {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly alerts: AlertService,
    private readonly clock: Clock,
    private readonly onCreated: (personId: string, alert: Alert) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Delivers what is pending, soon; never rejects (failures go to `onError`, the next poke retries). */
  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /**
   * A person resolved a review case: its overdue alert is resolved, and so is the subject's critical alert while it
   * still points at this case (a later critical screening of the subject has its own case). Never rejects.
   */
  reviewResolved = async (review: { id: string; anonymizedId: string }): Promise<void> => {
    await this.idle();
    await this.alerts
      .resolveActive([reviewOverdueKey(review.id), criticalRiskKey(review.anonymizedId)], (a) => a.trigger.values.review_id === review.id)
      .catch(this.onError);
  };

  /** Resolves when nothing is being delivered (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const pending = await this.db
        .selectFrom('screening_alerts as a')
        .innerJoin('screening_predictions as p', 'p.id', 'a.prediction_id')
        .select([
          'a.id',
          'a.kind',
          'a.prediction_id',
          'a.review_id',
          'a.anonymized_id',
          'a.risk_level',
          'a.score',
          'a.model',
          'a.created_at',
        ])
        .leftJoin('users as u', 'u.id', 'p.actor_id')
        .select('u.id as recipient')
        .where('a.delivered_at', 'is', null)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .limit(BATCH)
        .execute();
      for (const row of pending) {
        const candidate = screeningAlertCandidate(row);
        // No submitter on record, or their account was erased: nobody to tell, so it is marked delivered as it is.
        const recipient = row.recipient;
        const created = candidate && recipient ? await this.alerts.raise(recipient, candidate) : null;
        await this.db
          .updateTable('screening_alerts')
          .set({ delivered_at: this.clock.now().toISOString() })
          .where('id', '=', row.id)
          .execute();
        if (created && recipient) this.onCreated(recipient, created);
      }
      if (pending.length < BATCH) return;
    }
  }
}
