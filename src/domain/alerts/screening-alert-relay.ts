import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/tables.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import type { Alert, AlertService } from './alert-service.js';
import type { AlertCandidate } from './detectors/types.js';
import { criticalRiskKey, reviewOverdueKey, screeningAlertCandidate } from './screening-alerts.js';

const BATCH = 100;

/** A recorded screening alert not yet delivered, with the submitter to tell (null: none on record any more). */
type PendingAlert = Parameters<typeof screeningAlertCandidate>[0] & { readonly id: string; readonly recipient: string | null };

/**
 * Turns the screening alerts the screening module records (table `screening_alerts`, `delivered_at` null) into alerts
 * of the screening's submitter. Raise first, then mark delivered: a crash in between raises it again on the next run,
 * which merges into the same active alert instead of losing it. Each batch is raised and marked delivered in one
 * transaction. Runs one at a time; `poke` while running runs again.
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
      await this.deliver(pending);
      if (pending.length < BATCH) return;
    }
  }

  /**
   * Raises the batch and marks it delivered in one transaction (a handful of statements, however many rows), then
   * announces the alerts it created. If another process opened one of these alerts meanwhile (a unique violation
   * undoes the transaction), the rows are delivered one by one instead, each merging into whatever is active.
   */
  private async deliver(pending: readonly PendingAlert[]): Promise<void> {
    if (pending.length === 0) return;
    const raises: { recipient: string; candidate: AlertCandidate }[] = [];
    for (const row of pending) {
      const candidate = screeningAlertCandidate(row);
      // No submitter on record, or their account was erased: nobody to tell, so it is marked delivered as it is.
      if (candidate && row.recipient) raises.push({ recipient: row.recipient, candidate });
    }
    let created: (Alert | null)[];
    try {
      created = await this.db.transaction().execute(async (trx) => {
        const raised = await this.alerts.raiseMany(
          raises.map((r) => ({ personId: r.recipient, candidate: r.candidate })),
          trx,
        );
        await this.markDelivered(
          trx,
          pending.map((row) => row.id),
        );
        return raised;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.deliverOneByOne(pending);
    }
    raises.forEach((r, i) => {
      const alert = created[i];
      if (alert) this.onCreated(r.recipient, alert);
    });
  }

  private async deliverOneByOne(pending: readonly PendingAlert[]): Promise<void> {
    for (const row of pending) {
      const candidate = screeningAlertCandidate(row);
      const recipient = row.recipient;
      const created = candidate && recipient ? await this.alerts.raise(recipient, candidate) : null;
      await this.markDelivered(this.db, [row.id]);
      if (created && recipient) this.onCreated(recipient, created);
    }
  }

  private async markDelivered(on: Kysely<Tables>, ids: readonly string[]): Promise<void> {
    await on.updateTable('screening_alerts').set({ delivered_at: this.clock.now().toISOString() }).where('id', 'in', ids).execute();
  }
}
