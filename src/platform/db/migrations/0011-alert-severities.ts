import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Alert severities take the Twin spec's words (§5.1: `high`, `medium`) instead of info/warning/critical. A `warning`
 * stored before is `medium` for the early-warning detectors (NightSignal yellow, RHR CuSum) and `high` for the rest,
 * which is what those detectors now raise; a NightSignal red alert is `high`, not `critical`.
 */
export const alertSeverities: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`update alerts set severity = case
      when severity = 'info' then 'low'
      when severity = 'critical' and kind = 'nightsignal' then 'high'
      when severity = 'warning' and kind in ('nightsignal', 'rhr_cusum') then 'medium'
      when severity = 'warning' then 'high'
      else severity end`.execute(db);
  },
};
