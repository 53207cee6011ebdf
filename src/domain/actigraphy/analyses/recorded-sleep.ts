/**
 * Nights from the sleep stages the person's devices recorded (HealthKit sleep analysis), summarised by the observation
 * domain's own session rules. When these exist they are the better answer for a step-derived series: Cole-Kripke and
 * Sadeh were validated on wrist ActiGraph counts, not on steps.
 */
import { buildSleepSessions, isSleepStage, type SleepSample, type StoredObservation } from '../../observations/index.js';

export interface RecordedNight {
  readonly night_date: string;
  readonly nap: boolean;
  readonly in_bed_start: string | null;
  readonly sleep_start: string;
  readonly sleep_end: string;
  readonly time_in_bed_minutes: number | null;
  readonly total_sleep_minutes: number;
  readonly sleep_efficiency_percent: number | null;
  readonly waso_minutes: number;
  readonly sleep_onset_latency_minutes: number | null;
  readonly awakenings: number;
  readonly sources: string[];
}

export function recordedNights(rows: readonly StoredObservation[], windowStartMs: number, windowEndMs: number): RecordedNight[] {
  const samples: SleepSample[] = rows
    .filter((r) => isSleepStage(r.category))
    .map((r) => ({
      start: new Date(r.start_ms).toISOString(),
      end: new Date(r.end_ms).toISOString(),
      stage: r.category as SleepSample['stage'],
      source: r.source_name,
      ...(r.time_zone ? { timeZone: r.time_zone } : {}),
      ...(r.utc_offset_min !== null ? { utcOffsetMinutes: r.utc_offset_min } : {}),
    }));
  return buildSleepSessions(samples)
    .sessions.filter((s) => Date.parse(s.sleep_end) > windowStartMs && Date.parse(s.sleep_start) < windowEndMs)
    .map((s) => ({
      night_date: s.night_date,
      nap: s.nap,
      in_bed_start: s.in_bed_start,
      sleep_start: s.sleep_start,
      sleep_end: s.sleep_end,
      time_in_bed_minutes: s.time_in_bed_minutes,
      total_sleep_minutes: s.total_sleep_minutes,
      sleep_efficiency_percent: s.efficiency === null ? null : Math.round(s.efficiency * 10_000) / 100,
      waso_minutes: s.awake_after_sleep_onset_minutes,
      // Latency needs an in-bed start before the first sleep: only recorded in-bed samples give one.
      sleep_onset_latency_minutes:
        s.in_bed_start === null ? null : Math.max(0, Math.round((Date.parse(s.sleep_start) - Date.parse(s.in_bed_start)) / 60_000)),
      awakenings: s.awakenings,
      sources: s.sources,
    }));
}
