/**
 * Twin `GET /health/vitals`: a person's vital signs over a date window, as raw samples or hourly/daily points.
 *
 *  - hourly and daily points are read ONLY from the rollups (one row per bucket), never from raw rows: a year of
 *    daily points is 365 rows per type, 92 days of hourly points 2,208. A point's value is the bucket's mean.
 *  - raw points are the stored samples, keyset-paginated in the primary key's order (type, start, dedup).
 *  - the summary (min, max, mean) covers the whole window whatever the page, from the same rollups (hourly rollups
 *    for raw and hourly: UTC hours tile the UTC days exactly; daily rollups for daily), so it is the same on every
 *    page and equals what the raw samples say. The mean is over samples (Σsum ÷ Σcount), not a mean of buckets.
 *  - the baseline is `personalBaseline` over the daily means of the 28 local dates before start_date.
 *
 * Windows: daily points are the person's local dates (each sample dated at its own recorded offset, as the daily
 * rollups are); hourly and raw windows are UTC days [start_date 00:00Z, end_date + 1 00:00Z).
 */
import { AppError } from '../../../platform/http/app-error.js';
import { DAY_MS, HOUR_MS, type Aggregate, type ObservationReader, type RollupPeriod, type StoredObservation } from '../store/index.js';
import { BASELINE_DEFAULTS, type VitalsQualityLevel } from '../summaries/index.js';
import type { DateWindow } from './calendar.js';
import { aggregatePointQuality, rawPointQuality, type JudgedValue } from './point-quality.js';
import {
  BP_COMPONENTS,
  BY_TYPE,
  componentRollups,
  DEFS,
  type ComponentRollups,
  type MetricDef,
  type VitalMetric,
  type VitalsGranularity,
  type VitalsMetricParam,
  type VitalValue,
} from './vitals-metrics.js';
import { summaryOf, type VitalsSummary } from './vitals-summary.js';

export interface VitalsPoint {
  readonly metric: VitalMetric;
  readonly type: string;
  readonly period: 'raw' | RollupPeriod;
  /** raw: the sample's start; hour: the UTC hour; day: Date.UTC of the person's local date */
  readonly at: number;
  readonly dedup: string;
  readonly value: VitalValue;
  /** the sample's source name; null for an aggregated point (rollups combine every source and keep none) */
  readonly source: string | null;
  readonly sampleCount: number;
  readonly quality: VitalsQualityLevel;
}

/** A position after a point: (type, at, dedup); dedup is '' for aggregated points. */
export interface VitalsCursor {
  readonly type: string;
  readonly at: number;
  readonly dedup: string;
}

export interface VitalsQuery {
  readonly personId: string;
  readonly metric: VitalsMetricParam;
  readonly granularity: VitalsGranularity;
  readonly window: DateWindow;
  readonly limit: number;
  readonly after: VitalsCursor | null;
  readonly nowMs: number;
}

export interface VitalsSeries {
  readonly metrics: readonly VitalMetric[];
  readonly points: readonly VitalsPoint[];
  /** where the next page starts, or null on the last page */
  readonly next: VitalsCursor | null;
  /** points in the whole window */
  readonly totalCount: number;
  readonly summaries: ReadonlyMap<VitalMetric, VitalsSummary>;
}

/** A signed cursor's position, checked: the codec vouches for who wrote it, not for its shape. */
export function vitalsCursorFrom(position: Record<string, string | number>): VitalsCursor {
  const { t, a, d } = position;
  if (typeof t !== 'string' || !BY_TYPE.has(t) || typeof a !== 'number' || !Number.isSafeInteger(a) || typeof d !== 'string') {
    throw new AppError('bad_request', 'The cursor is invalid, expired or belongs to another query', {
      fields: [{ field: 'cursor', message: 'is not a cursor this endpoint issued', code: 'invalid_cursor' }],
      details: { location: 'querystring' },
    });
  }
  return { type: t, at: a, dedup: d };
}

export const vitalsCursorPosition = (c: VitalsCursor): Record<string, string | number> => ({ t: c.type, a: c.at, d: c.dedup });

export async function vitalsSeries(reader: ObservationReader, q: VitalsQuery): Promise<VitalsSeries> {
  const defs = DEFS.filter((d) => q.metric === 'all' || d.metric === q.metric);
  const period: RollupPeriod = q.granularity === 'daily' ? 'day' : 'hour';
  const summaries = new Map<VitalMetric, VitalsSummary>();
  const aggregated: VitalsPoint[] = [];
  for (const def of defs) {
    const [rollups, lookback] = await Promise.all([
      componentRollups(reader, q.personId, def, period, q.window.fromKey, q.window.toKey),
      componentRollups(reader, q.personId, def, 'day', q.window.fromKey - BASELINE_DEFAULTS.lookbackDays * DAY_MS, q.window.fromKey),
    ]);
    summaries.set(def.metric, summaryOf(def, rollups, lookback, q.window));
    if (q.granularity !== 'raw') aggregated.push(...aggregatePoints(def, rollups, period, q.nowMs));
  }
  const metrics = defs.map((d) => d.metric);
  if (q.granularity === 'raw') return { metrics, summaries, ...(await rawPage(reader, q, defs)) };

  const after = q.after;
  const startIndex = after === null ? 0 : aggregated.findIndex((p) => p.type > after.type || (p.type === after.type && p.at > after.at));
  const page = startIndex < 0 ? [] : aggregated.slice(startIndex, startIndex + q.limit);
  const last = page.at(-1);
  const more = startIndex >= 0 && startIndex + q.limit < aggregated.length;
  return {
    metrics,
    summaries,
    points: page,
    next: more && last ? { type: last.type, at: last.at, dedup: '' } : null,
    totalCount: aggregated.length,
  };
}

function aggregatePoints(def: MetricDef, rollups: ComponentRollups, period: RollupPeriod, nowMs: number): VitalsPoint[] {
  const size = period === 'hour' ? HOUR_MS : DAY_MS;
  const point = (at: number, value: VitalValue, judged: { type: string; rollup: Aggregate }[]): VitalsPoint => ({
    metric: def.metric,
    type: def.type,
    period,
    at,
    dedup: '',
    value,
    source: null,
    sampleCount: judged[0]!.rollup.count,
    // Daily buckets are local dates: "now" cannot be placed in them without the zone, so a day counts whole.
    quality: aggregatePointQuality(def.type, judged, at, at + size, period === 'hour' ? nowMs : Infinity),
  });
  if (!def.isBloodPressure) {
    return (rollups.get(def.type) ?? []).map((r) => point(r.bucket, r.sum / r.count, [{ type: def.type, rollup: r }]));
  }
  // A reading always has both components, so their buckets coincide; a bucket missing one is not a reading.
  const [sys, dia] = BP_COMPONENTS.map((c) => new Map((rollups.get(c.type) ?? []).map((r) => [r.bucket, r])));
  const points: VitalsPoint[] = [];
  for (const [bucket, s] of sys!) {
    const d = dia!.get(bucket);
    if (!d) continue;
    points.push(
      point(bucket, { systolic: s.sum / s.count, diastolic: d.sum / d.count }, [
        { type: BP_COMPONENTS[0].type, rollup: s },
        { type: BP_COMPONENTS[1].type, rollup: d },
      ]),
    );
  }
  return points;
}

async function rawPage(
  reader: ObservationReader,
  q: VitalsQuery,
  defs: readonly MetricDef[],
): Promise<Pick<VitalsSeries, 'points' | 'next' | 'totalCount'>> {
  const types = defs.map((d) => d.type);
  const after = q.after === null ? undefined : { type: q.after.type, start_ms: q.after.at, dedup: q.after.dedup };
  const [rows, totalCount] = await Promise.all([
    reader.raw({ personId: q.personId, types, fromMs: q.window.fromKey, toMs: q.window.toKey, after, limit: q.limit + 1 }),
    reader.count(q.personId, types, q.window.fromKey, q.window.toKey),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    points: page.map(rawPoint),
    next: rows.length > q.limit && last ? { type: last.type, at: last.start_ms, dedup: last.dedup } : null,
    totalCount,
  };
}

function rawPoint(row: StoredObservation): VitalsPoint {
  const def = BY_TYPE.get(row.type)!;
  let value: VitalValue;
  let judged: JudgedValue[];
  if (def.isBloodPressure) {
    const systolic = row.components?.['systolic'] ?? null;
    const diastolic = row.components?.['diastolic'] ?? null;
    value = { systolic, diastolic };
    judged = BP_COMPONENTS.flatMap((c, i) => {
      const v = i === 0 ? systolic : diastolic;
      return v === null ? [] : [{ type: c.type, value: v }];
    });
  } else {
    // The writer refuses a quantity sample without a value, so a stored one has it.
    value = row.value as number;
    judged = [{ type: row.type, value: value }];
  }
  return {
    metric: def.metric,
    type: row.type,
    period: 'raw',
    at: row.start_ms,
    dedup: row.dedup,
    value,
    source: row.source_name,
    sampleCount: 1,
    // A reading missing a component cannot be judged, and is not a good one.
    quality: judged.length < (def.isBloodPressure ? 2 : 1) ? 'low' : rawPointQuality(row, judged),
  };
}
