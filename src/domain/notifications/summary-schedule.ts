/**
 * The next daily summary and weekly report of each person, one row per (person, kind): when, in which zone, and the
 * `token` of the one job that may run it. Re-planning (preferences saved, time zone changed) writes a new token, which
 * turns any job already queued for the old plan into a no-op; a job that ran hands on to the next one only if its
 * token is still current (a conditional update), so two copies of a job never start two chains.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { nextDailyAt, nextWeeklyAt } from './local-schedule.js';
import { WEEKLY_REPORT_TIME, type NotificationPreferences } from './preferences.js';
import type { SummaryKind } from './summary-notice.js';

export const SUMMARY_JOB = 'notifications.summary';
export const SUMMARY_KINDS: readonly SummaryKind[] = ['daily_summary', 'weekly_report'];

export interface SummaryJobPayload {
  readonly kind: SummaryKind;
  readonly token: string;
}

export interface PlannedRun {
  readonly nextAt: string;
  readonly timeZone: string;
  readonly token: string;
}

/** A run due this long ago whose job never ran (lost with a wiped queue) is planned again. */
const OVERDUE_MS = 86_400_000;

/** When the next run of `kind` is, after `afterMs`, by these preferences in this zone; null when it is turned off. */
export function nextRunAt(kind: SummaryKind, prefs: NotificationPreferences, zone: string, afterMs: number): number | null {
  if (kind === 'daily_summary') {
    const p = prefs.alert_types.daily_summary;
    return p.enabled ? nextDailyAt(afterMs, zone, p.time) : null;
  }
  const p = prefs.alert_types.weekly_report;
  return p.enabled ? nextWeeklyAt(afterMs, zone, p.day, WEEKLY_REPORT_TIME) : null;
}

export class SummarySchedule {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async current(personId: string, kind: SummaryKind): Promise<PlannedRun | null> {
    const row = await this.db
      .selectFrom('notification_schedules')
      .select(['next_at', 'time_zone', 'token'])
      .where('person_id', '=', personId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row ? { nextAt: row.next_at, timeZone: row.time_zone, token: row.token } : null;
  }

  /**
   * Brings both kinds in line with the preferences and zone. A run already due (its job about to start) is left
   * alone unless it is long overdue, so re-planning at 08:00:01 does not cancel the 08:00 summary.
   */
  async plan(personId: string, prefs: NotificationPreferences, zone: string): Promise<void> {
    const nowMs = this.clock.now().getTime();
    for (const kind of SUMMARY_KINDS) {
      const wanted = nextRunAt(kind, prefs, zone, nowMs);
      const planned = await this.current(personId, kind);
      if (wanted === null) {
        if (planned) await this.remove(personId, kind);
        continue;
      }
      if (planned) {
        const plannedMs = Date.parse(planned.nextAt);
        if (plannedMs <= nowMs && nowMs - plannedMs < OVERDUE_MS) continue;
        if (plannedMs === wanted && planned.timeZone === zone) continue;
      }
      await this.replace(personId, kind, wanted, zone, planned?.token ?? null);
    }
  }

  /**
   * Hands on from the run that carried `token` to the next one; false (nothing written, nothing queued) when that
   * token is no longer current.
   */
  async handOn(personId: string, kind: SummaryKind, token: string, nextMs: number | null, zone: string): Promise<boolean> {
    if (nextMs === null) {
      const result = await this.db
        .deleteFrom('notification_schedules')
        .where('person_id', '=', personId)
        .where('kind', '=', kind)
        .where('token', '=', token)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    }
    return this.replace(personId, kind, nextMs, zone, token);
  }

  private async remove(personId: string, kind: SummaryKind): Promise<void> {
    await this.db.deleteFrom('notification_schedules').where('person_id', '=', personId).where('kind', '=', kind).execute();
  }

  /** Writes the new plan (only over `expectedToken`, or as a new row when null) and queues its job, atomically. */
  private async replace(personId: string, kind: SummaryKind, atMs: number, zone: string, expectedToken: string | null): Promise<boolean> {
    const token = randomUUID();
    const nextAt = new Date(atMs).toISOString();
    return this.db.transaction().execute(async (trx) => {
      if (expectedToken === null) {
        const inserted = await trx
          .insertInto('notification_schedules')
          .values({ person_id: personId, kind, next_at: nextAt, time_zone: zone, token })
          .onConflict((oc) => oc.columns(['person_id', 'kind']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
      } else {
        const updated = await trx
          .updateTable('notification_schedules')
          .set({ next_at: nextAt, time_zone: zone, token })
          .where('person_id', '=', personId)
          .where('kind', '=', kind)
          .where('token', '=', expectedToken)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
      }
      const payload: SummaryJobPayload = { kind, token };
      await this.jobs.enqueue(SUMMARY_JOB, payload, { personId, runAfter: new Date(atMs), db: trx });
      return true;
    });
  }
}
