/**
 * Recomputes the rollup buckets of one planned range from the stored rows, inside the write transaction, so rollups
 * always equal what the raw rows say (after inserts, duplicates, deletions and tombstones alike).
 *
 *  - discrete: count, sum, min, max of the values (SQL aggregate); mean = sum / count.
 *  - components (blood pressure): the same per component, stored under `type:component` (`blood_pressure:systolic`).
 *  - cumulative: the source-priority merge (sources/cumulative-merge.ts: never summed across sources); `sum` is the
 *    merged total, `count` the number of samples contributing, `min`/`max` the smallest/largest contribution. A sample
 *    straddling a boundary is split pro rata (uniform rate). Cumulative samples are at most 24 h long (ingest refuses
 *    longer ones), which bounds how far before a range the merge must look.
 */
import { byId } from '../catalogue/index.js';
import {
  DEFAULT_SOURCE_PRIORITY,
  mergeCumulative,
  validateSourcePriority,
  type MergedSegment,
  type SourceClass,
  type SourcePriority,
} from '../sources/index.js';
import type { BucketRange, RollupKind } from './rollup-plan.js';
import { localDayKey } from './rollup-plan.js';
import { DAY_MS, HOUR_MS, MAX_OFFSET_MS, type Aggregate, type MergeRow, type ObservationTx } from './observation-tx.js';

export const MAX_CUMULATIVE_SPAN_MS = DAY_MS;

export function parseSourcePriority(stored: string | null): SourcePriority {
  if (stored === null) return DEFAULT_SOURCE_PRIORITY;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (Array.isArray(parsed) && parsed.length > 0 && validateSourcePriority(parsed).length === 0) return parsed as SourcePriority;
  } catch {
    // fall through: an unreadable setting must not stop ingest
  }
  return DEFAULT_SOURCE_PRIORITY;
}

export async function recomputeRange(tx: ObservationTx, personId: string, range: BucketRange, priority: SourcePriority): Promise<void> {
  const { type, period, from, to } = range;
  if (range.kind === 'discrete') {
    const rows = period === 'hour' ? await tx.hourAggregates(personId, type, from, to) : await tx.dayAggregates(personId, type, from, to);
    await tx.replaceRollups(personId, type, period, from, to, rows);
    return;
  }
  if (range.kind === 'components') {
    const margin = period === 'day' ? MAX_OFFSET_MS : 0;
    const rows = await tx.componentRows(personId, type, from - margin, to + margin);
    const byComponent = new Map<string, Map<number, Accumulator>>();
    for (const name of componentNames(type)) byComponent.set(name, new Map());
    for (const row of rows) {
      const key = period === 'hour' ? Math.floor(row.start_ms / HOUR_MS) * HOUR_MS : localDayKey(row.start_ms, row.utc_offset_min);
      if (key < from || key >= to) continue;
      const components = JSON.parse(row.components) as Record<string, unknown>;
      for (const [name, value] of Object.entries(components)) {
        if (typeof value !== 'number') continue;
        let buckets = byComponent.get(name);
        if (!buckets) byComponent.set(name, (buckets = new Map()));
        accumulate(buckets, key, value, value);
      }
    }
    for (const [name, buckets] of byComponent) {
      await tx.replaceRollups(personId, `${type}:${name}`, period, from, to, toAggregates(buckets));
    }
    return;
  }
  const margin = period === 'day' ? MAX_OFFSET_MS : 0;
  const rows = await tx.cumulativeRows(personId, type, from - margin - MAX_CUMULATIVE_SPAN_MS, to + margin);
  await tx.replaceRollups(personId, type, period, from, to, cumulativeBuckets(rows, period, from, to, priority));
}

/** Short component names of a correlation: `blood_pressure_systolic` of `blood_pressure` → `systolic`. */
function componentNames(type: string): string[] {
  return (byId(type)?.components ?? []).map((c) => (c.startsWith(`${type}_`) ? c.slice(type.length + 1) : c));
}

interface Accumulator {
  count: number;
  sum: number;
  min: number;
  max: number;
}

function accumulate(buckets: Map<number, Accumulator>, key: number, value: number, contribution: number): void {
  const a = buckets.get(key);
  if (!a) buckets.set(key, { count: 1, sum: value, min: contribution, max: contribution });
  else {
    a.count += 1;
    a.sum += value;
    if (contribution < a.min) a.min = contribution;
    if (contribution > a.max) a.max = contribution;
  }
}

function toAggregates(buckets: Map<number, Accumulator>): Aggregate[] {
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([bucket, a]) => ({ bucket, ...a }));
}

type Mergeable = { start: number; end: number; value: number; source: string; sourceClass: SourceClass; id: string; offsetMs: number };

/** The priority merge of cumulative rows: each instant taken by the best source covering it. */
export function mergeRows(rows: readonly MergeRow[], priority: SourcePriority): MergedSegment<Mergeable>[] {
  const samples: Mergeable[] = rows.map((row) => ({
    start: row.start_ms,
    end: row.end_ms,
    value: row.value,
    source: row.source_key,
    sourceClass: (row.provenance === 'user_entered' ? 'manual' : row.source_class) as SourceClass,
    id: row.dedup,
    offsetMs: (row.utc_offset_min ?? 0) * 60_000,
  }));
  return mergeCumulative(samples, { priority });
}

/** Priority-merged totals of cumulative rows per hour or local day in [from, to). */
export function cumulativeBuckets(
  rows: readonly MergeRow[],
  period: 'hour' | 'day',
  from: number,
  to: number,
  priority: SourcePriority,
): Aggregate[] {
  return bucketSegments(mergeRows(rows, priority), period, from, to);
}

/** Totals of merged segments per UTC hour, or per local day (each segment at its own sample's offset), in [from, to). */
export function bucketSegments(
  segments: readonly MergedSegment<Mergeable>[],
  period: 'hour' | 'day',
  from: number,
  to: number,
): Aggregate[] {
  const size = period === 'hour' ? HOUR_MS : DAY_MS;
  const buckets = new Map<number, Accumulator>();
  const counted = new Map<number, Set<string>>();
  for (const segment of segments) {
    const offset = period === 'day' ? segment.sample.offsetMs : 0;
    const start = segment.start + offset;
    const end = segment.end + offset;
    const length = end - start;
    for (let key = Math.floor(start / size) * size; key < Math.max(end, start + 1); key += size) {
      if (key < from || key >= to) continue;
      const overlap = length === 0 ? 0 : Math.min(end, key + size) - Math.max(start, key);
      const part = length === 0 ? segment.value : overlap === length ? segment.value : segment.value * (overlap / length);
      if (length > 0 && overlap <= 0) continue;
      let ids = counted.get(key);
      if (!ids) counted.set(key, (ids = new Set()));
      const isNewSample = !ids.has(segment.sample.id);
      ids.add(segment.sample.id);
      const a = buckets.get(key);
      if (!a) buckets.set(key, { count: 1, sum: part, min: part, max: part });
      else {
        if (isNewSample) a.count += 1;
        a.sum += part;
        if (part < a.min) a.min = part;
        if (part > a.max) a.max = part;
      }
    }
  }
  return toAggregates(buckets);
}

/**
 * Recomputes both periods of one window [from, to) (a whole number of days): hours in it and local dates in it. For
 * cumulative types the rows are read and merged once for both, which halves the work of a full recompute.
 */
export async function recomputeWindow(
  tx: ObservationTx,
  personId: string,
  type: string,
  kind: RollupKind,
  from: number,
  to: number,
  priority: SourcePriority,
): Promise<void> {
  if (kind !== 'cumulative') {
    for (const period of ['hour', 'day'] as const) await recomputeRange(tx, personId, { type, kind, period, from, to }, priority);
    return;
  }
  const rows = await tx.cumulativeRows(personId, type, from - MAX_OFFSET_MS - MAX_CUMULATIVE_SPAN_MS, to + MAX_OFFSET_MS);
  const segments = mergeRows(rows, priority);
  for (const period of ['hour', 'day'] as const)
    await tx.replaceRollups(personId, type, period, from, to, bucketSegments(segments, period, from, to));
}
