/**
 * Alerts (docs/alerts.md): the detectors run over every recomputed twin snapshot; a condition firing for the first
 * time creates an active alert, one still firing is merged into its active alert (occurrences + 1, last_at, and the
 * latest severity, wording and trigger), one no longer firing resolves its active alert. Acknowledging keeps the row
 * (acknowledged, not resolved); a later firing of the same condition opens a new active alert.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import type { TwinFeatures } from '../twin/twin-features.js';
import type { TwinScores } from '../twin/twin-score.js';
import { ACTIVE, alertContent as content, newAlertRow, toAlert } from './alert-rows.js';
import { raiseBatch, type Raise } from './raise-batch.js';
import { SCREENING_ALERT_KINDS } from './screening-alerts.js';
import { DETECTORS, type AlertCandidate, type AlertSeverity, type AlertTrigger, type Detector } from './detectors/index.js';

/** Kinds raised through `raise`, not by the detectors, so never resolved by an evaluation. */
const RAISED_ELSEWHERE: readonly string[] = SCREENING_ALERT_KINDS;

export const ALERT_STATUSES = ['active', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface Alert {
  readonly id: string;
  readonly personId: string;
  readonly kind: string;
  readonly conditionKey: string;
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly message: string;
  readonly recommendedActions: readonly string[];
  readonly actionRequired: boolean;
  readonly trigger: AlertTrigger;
  readonly status: AlertStatus;
  readonly occurrences: number;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly userResponse: string | null;
  readonly resolvedAt: string | null;
}

export interface AlertPage {
  readonly items: Alert[];
  /** position after the last item when there are more */
  readonly next: { readonly firstAt: string; readonly id: string } | null;
  readonly total: number;
}

/** Runs the detectors and keeps the person's alerts; see the module comment. */
export class AlertService {
  /** Evaluations in flight, per person (each person's run one after another), for `idle()`. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly detectors: readonly Detector[] = DETECTORS,
  ) {}

  /** Conditions firing for this snapshot (pure; one per condition_key, the first detector's wins). */
  detect(features: TwinFeatures, scores: TwinScores): AlertCandidate[] {
    const byKey = new Map<string, AlertCandidate>();
    for (const detector of this.detectors)
      for (const c of detector(features, scores)) if (!byKey.has(c.condition_key)) byKey.set(c.condition_key, c);
    return [...byKey.values()];
  }

  /** Upserts the firing conditions, resolves the ones that stopped; returns the alerts created by this call. */
  evaluate(personId: string, features: TwinFeatures, scores: TwinScores): Promise<Alert[]> {
    const previous = this.running.get(personId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.evaluateNow(personId, features, scores));
    const settled = run.catch(() => undefined);
    this.running.set(personId, settled);
    void settled.then(() => {
      if (this.running.get(personId) === settled) this.running.delete(personId);
    });
    return run;
  }

  /** Resolves when no evaluation is in flight (tests: after `jobs.idle()`, since recompute listeners run after the job). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /**
   * Raises one condition found outside the twin's detectors (a screening result, docs/alerts.md): created, or merged
   * into the person's active alert of the same condition_key. Returns the alert when this call created it, else null.
   * Such alerts are never resolved by a recompute; they stay until acknowledged or `resolveActive` (a resolved review).
   */
  async raise(personId: string, candidate: AlertCandidate): Promise<Alert | null> {
    const activeId = await this.activeIdOf(personId, candidate.condition_key);
    return this.upsert(personId, candidate, activeId, this.clock.now().toISOString());
  }

  /**
   * `raise` for many conditions at once, in a few statements (raise-batch.ts); `on` is the caller's transaction, which a
   * unique violation (another process opened one of these alerts meanwhile) leaves to the caller to undo and retry.
   */
  raiseMany(raises: readonly Raise[], on: Kysely<Tables> = this.db): Promise<(Alert | null)[]> {
    return raiseBatch(on, raises, this.clock.now().toISOString());
  }

  /** Resolves the active alerts (anyone's) of these condition keys that `matches` accepts; returns how many. */
  async resolveActive(conditionKeys: readonly string[], matches: (alert: Alert) => boolean): Promise<number> {
    const active = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('condition_key', 'in', conditionKeys)
      .where('status', '=', 'active')
      .execute();
    const ids = active
      .map(toAlert)
      .filter(matches)
      .map((a) => a.id);
    if (ids.length === 0) return 0;
    const now = this.clock.now().toISOString();
    await this.db
      .updateTable('alerts')
      .set({ status: 'resolved', resolved_at: now })
      .where('id', 'in', ids)
      .where('status', '=', 'active')
      .execute();
    return ids.length;
  }

  private async activeIdOf(personId: string, conditionKey: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('alerts')
      .select('id')
      .where('person_id', '=', personId)
      .where('condition_key', '=', conditionKey)
      .where('status', '=', ACTIVE)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  private async evaluateNow(personId: string, features: TwinFeatures, scores: TwinScores): Promise<Alert[]> {
    const firing = this.detect(features, scores);
    const now = this.clock.now().toISOString();
    // Only what detectors raise is theirs to resolve: alerts raised elsewhere (`raise`) stay.
    const active = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('person_id', '=', personId)
      .where('status', '=', 'active')
      .where('kind', 'not in', RAISED_ELSEWHERE)
      .execute();
    const activeByKey = new Map(active.map((row) => [row.condition_key, row.id]));
    const created: Alert[] = [];
    for (const c of firing) {
      const alert = await this.upsert(personId, c, activeByKey.get(c.condition_key) ?? null, now);
      if (alert) created.push(alert);
    }
    const stopped = active.filter((row) => !firing.some((c) => c.condition_key === row.condition_key)).map((row) => row.id);
    if (stopped.length > 0)
      await this.db
        .updateTable('alerts')
        .set({ status: 'resolved', resolved_at: now })
        .where('id', 'in', stopped)
        .where('status', '=', 'active')
        .execute();
    return created;
  }

  /** Merges into `activeId` when there is one, else opens a new active alert (returned). */
  private async upsert(personId: string, c: AlertCandidate, activeId: string | null, now: string): Promise<Alert | null> {
    if (activeId) {
      await this.merge(activeId, c, now);
      return null;
    }
    const row = newAlertRow(personId, c, now);
    try {
      await this.db.insertInto('alerts').values(row).execute();
      return toAlert(row);
    } catch (error) {
      // Another evaluation for the person opened it meanwhile: merge into that one.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.activeIdOf(personId, c.condition_key);
      if (winner) await this.merge(winner, c, now);
      return null;
    }
  }

  /** The person's alerts with this status, newest first (by first_at, then id). */
  async list(
    personId: string,
    status: AlertStatus,
    limit: number,
    after: { firstAt: string; id: string } | null = null,
  ): Promise<AlertPage> {
    let query = this.db.selectFrom('alerts').selectAll().where('person_id', '=', personId).where('status', '=', status);
    if (after)
      query = query.where((eb) =>
        eb.or([eb('first_at', '<', after.firstAt), eb.and([eb('first_at', '=', after.firstAt), eb('id', '<', after.id)])]),
      );
    const rows = await query
      .orderBy('first_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const { total } = await this.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number | string>().as('total'))
      .where('person_id', '=', personId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    const items = rows.slice(0, limit).map(toAlert);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? { firstAt: last.firstAt, id: last.id } : null, total: Number(total) };
  }

  async get(personId: string, alertId: string): Promise<Alert | null> {
    const row = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', alertId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row ? toAlert(row) : null;
  }

  /** The person's alerts among these ids (others' and unknown ids are left out), in no particular order. */
  async getMany(personId: string, alertIds: readonly string[]): Promise<Alert[]> {
    if (alertIds.length === 0) return [];
    // By id alone, the person checked after: with both in the WHERE, SQLite read every alert of the person instead.
    const rows = await this.db.selectFrom('alerts').selectAll().where('id', 'in', alertIds).execute();
    return rows.filter((row) => row.person_id === personId).map(toAlert);
  }

  /**
   * Marks the person's alert acknowledged (by whom, when, and their optional response). Null when the person has no
   * such alert; acknowledging twice keeps the first acknowledgement; a resolved alert stays resolved.
   */
  async acknowledge(personId: string, alertId: string, by: string, userResponse: string | null = null, at?: string): Promise<Alert | null> {
    const now = at ?? this.clock.now().toISOString();
    await this.db
      .updateTable('alerts')
      .set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by: by, user_response: userResponse })
      .where('id', '=', alertId)
      .where('person_id', '=', personId)
      .where('status', '=', 'active')
      .execute();
    return this.get(personId, alertId);
  }

  private async merge(id: string, c: AlertCandidate, now: string): Promise<void> {
    await this.db
      .updateTable('alerts')
      .set((eb) => ({ ...content(c), occurrences: eb('occurrences', '+', 1), last_at: now }))
      .where('id', '=', id)
      .execute();
  }
}
