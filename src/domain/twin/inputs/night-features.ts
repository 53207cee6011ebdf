/**
 * `TwinFeatures.nights`: the main sleeps (naps excluded) of the last NIGHTS nights, oldest first, built by the same
 * session code and source ranking as `/v1/health/sleep` (observations/sleep buildSleepSessions), dated by the local
 * date of waking. Pure: the caller reads the stage rows and the hourly heart-rate rollups.
 *
 * A night still running at as_of (a stage sample that started before as_of and ends after it) is not yet a night and is
 * left out, so a past snapshot never sees a night completed later.
 */
import {
  buildSleepSessions,
  SLEEP_SESSION_DEFAULTS,
  sourceRank,
  type Aggregate,
  type SleepSession,
  type SourcePriority,
  type StoredObservation,
} from '../../observations/index.js';
import { rowSourceClass, sleepSampleOf } from '../../observations/queries/index.js';
import type { NightFeatures } from '../twin-features.js';

const HOUR_MS = 3_600_000;
const GAP_MS = SLEEP_SESSION_DEFAULTS.gapMinutes * 60_000;

export interface NightInputs {
  /** sleep_stage rows reaching back NIGHTS nights plus a margin, up to as_of (including samples still running) */
  readonly stages: readonly StoredObservation[];
  readonly asOfMs: number;
  /** the local dates of the nights to keep (YYYY-MM-DD) */
  readonly dates: ReadonlySet<string>;
  readonly priority: SourcePriority;
  /** hourly heart-rate rollups covering the nights */
  readonly heartRateHours: readonly Aggregate[];
}

/**
 * Mean heart rate over the whole hours inside the sleep period (hourly rollups: Σ sum / Σ count), so the edge hours,
 * part awake, do not count; null when no whole hour with readings lies inside.
 */
function overnightHeartRate(hours: readonly Aggregate[], startMs: number, endMs: number): number | null {
  let sum = 0;
  let count = 0;
  for (const h of hours) {
    if (h.bucket >= startMs && h.bucket + HOUR_MS <= endMs) {
      sum += h.sum;
      count += h.count;
    }
  }
  return count === 0 ? null : sum / count;
}

function nightOf(s: SleepSession, hours: readonly Aggregate[]): NightFeatures {
  const startMs = Date.parse(s.sleep_start);
  const endMs = Date.parse(s.sleep_end);
  const st = s.stages;
  const staged = st.deep_minutes + st.core_minutes + st.rem_minutes > 0;
  // Plain "asleep" without awake samples means wake was not measured: its 0 awake minutes are unknown, not zero.
  const wakeMeasured = staged || st.awake_minutes > 0;
  const periodMinutes = (endMs - startMs) / 60_000;
  const efficiency = s.efficiency ?? (periodMinutes > 0 ? Math.round((s.total_sleep_minutes / periodMinutes) * 10_000) / 10_000 : null);
  return {
    date: s.night_date,
    sleep_start: new Date(startMs).toISOString(),
    sleep_end: new Date(endMs).toISOString(),
    asleep_minutes: s.total_sleep_minutes,
    in_bed_minutes: s.time_in_bed_minutes,
    efficiency,
    deep_minutes: staged ? st.deep_minutes : null,
    rem_minutes: staged ? st.rem_minutes : null,
    awake_minutes: wakeMeasured ? st.awake_minutes : null,
    overnight_hr_bpm: overnightHeartRate(hours, startMs, endMs),
  };
}

export function nightFeatures(input: NightInputs): NightFeatures[] {
  const done = input.stages.filter((r) => r.end_ms <= input.asOfMs);
  const running = input.stages.filter((r) => r.start_ms < input.asOfMs && r.end_ms > input.asOfMs);
  const runningFrom = Math.min(...running.map((r) => r.start_ms));

  const classes = new Map(done.map((r) => [r.source_name, rowSourceClass(r)] as const));
  const rank = (source: string): number => sourceRank(input.priority, { source, sourceClass: classes.get(source) ?? 'app' });
  const { sessions } = buildSleepSessions(done.flatMap(sleepSampleOf), { sourceRank: rank });

  return sessions
    .filter((s) => !s.nap && input.dates.has(s.night_date))
    .filter((s) => {
      // A session within the grouping gap of a running sample would have been joined to it: the night is not over.
      const end = Math.max(Date.parse(s.sleep_end), s.in_bed_end === null ? 0 : Date.parse(s.in_bed_end));
      return running.length === 0 || end < runningFrom - GAP_MS;
    })
    .map((s) => nightOf(s, input.heartRateHours));
}
