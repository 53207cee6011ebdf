/**
 * The person's stored steps over a window → a minute series, merged by the person's own source priority (the same
 * merge the daily rollups use). Also says whether the person has recorded sleep stages in the window: when they do,
 * those are preferred over sleep scored from steps (Cole-Kripke and Sadeh were validated on wrist ActiGraph counts).
 */
import type { ObservationReader, SourcePriority, StoredObservation } from '../../observations/index.js';
import { parseTimestamp, rowSourceClass } from '../../observations/queries/index.js';
import { checkDurationHours } from './actigraphy-input.js';
import { inputError } from './input-problems.js';
import type { MinuteSeries } from './minute-series.js';
import { alignWindow, minuteSeriesFromStepSamples } from './step-series.js';

/** Longest cumulative sample worth reading before the window (a sample may start before and end inside it). */
const LOOKBACK_MS = 24 * 3_600_000;
const PAGE = 5000;

export interface StoredStepsResult {
  readonly series: MinuteSeries;
  readonly stepSamples: number;
  /** asleep/in-bed samples the person recorded in the window (sleep_stage observations) */
  readonly sleepRows: readonly StoredObservation[];
}

export async function readAllRows(reader: ObservationReader, personId: string, type: string, fromMs: number, toMs: number) {
  const rows: StoredObservation[] = [];
  let after: { type: string; start_ms: number; dedup: string } | undefined;
  for (;;) {
    const page = await reader.raw({ personId, types: [type], fromMs, toMs, after, limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    const last = page[page.length - 1]!;
    after = { type: last.type, start_ms: last.start_ms, dedup: last.dedup };
  }
}

/** Parses and checks `window` (24 h … 31 days); throws 422 naming the field. */
export function parseStepWindow(window: { start: string; end: string }): { startMs: number; endMs: number; offset: number } {
  const start = parseTimestamp(window.start);
  const end = parseTimestamp(window.end);
  if (!start) throw inputError('window.start', 'window.start is not an ISO 8601 date-time with Z or ±HH:MM', 'invalid_timestamp');
  if (!end) throw inputError('window.end', 'window.end is not an ISO 8601 date-time with Z or ±HH:MM', 'invalid_timestamp');
  if (end.ms <= start.ms) throw inputError('window.end', 'window.end must be after window.start', 'end_before_start');
  checkDurationHours(Math.floor(((end.ms - start.ms) / 3_600_000) * 1000) / 1000, 'window');
  return { startMs: start.ms, endMs: end.ms, offset: start.offsetMinutes };
}

export async function minuteSeriesFromStore(
  reader: ObservationReader,
  personId: string,
  window: { startMs: number; endMs: number; offset: number },
  priority: SourcePriority,
): Promise<StoredStepsResult> {
  const rows = (await readAllRows(reader, personId, 'steps', window.startMs - LOOKBACK_MS, window.endMs)).filter(
    (r) => r.end_ms > window.startMs || (r.end_ms === r.start_ms && r.start_ms >= window.startMs),
  );
  if (rows.length === 0)
    throw inputError('window', 'no stored step samples in this window: upload steps first, or send them in the request', 'empty_series');
  const samples = rows.map((r) => ({
    start: r.start_ms,
    end: r.end_ms,
    value: r.value ?? 0,
    source: r.source_name,
    sourceClass: rowSourceClass(r),
    id: r.dedup,
  }));
  const series = minuteSeriesFromStepSamples(samples, alignWindow(window.startMs, window.endMs, window.offset), priority);
  const sleepRows = await readAllRows(reader, personId, 'sleep_stage', window.startMs - LOOKBACK_MS, window.endMs);
  return { series, stepSamples: rows.length, sleepRows: sleepRows.filter((r) => r.end_ms > window.startMs) };
}
