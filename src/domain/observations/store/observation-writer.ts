/**
 * Writes samples: each batch in one transaction (rows, tombstones and the rollups they touch commit together or not
 * at all), dedup by primary key, rollups recomputed from the stored rows for exactly the buckets touched.
 */
import { byId } from '../catalogue/index.js';
import { classifySource, deviceKey, sourceKey } from '../sources/index.js';
import type { SampleInput } from '../sample.js';
import { toRow, type ObservationRow } from './observation-row.js';
import type { ObservationTx, RemovedRow, SourceRow, WriteTransaction } from './observation-tx.js';
import { planRollups, type TouchedSample } from './rollup-plan.js';
import { MAX_CUMULATIVE_SPAN_MS, parseSourcePriority, recomputeRange } from './rollup-compute.js';

export interface RejectedSample {
  /** Index in the input array. */
  readonly index: number;
  readonly reason: string;
}

export interface WriteResult {
  readonly stored: number;
  readonly duplicates: number;
  /** Rows removed by tombstones (HealthKit deleted objects). */
  readonly deleted: number;
  /** Samples the store refused (structural problems the mappers should have caught). Nothing else is affected. */
  readonly rejected: RejectedSample[];
}

export interface WriteRequest {
  readonly personId: string;
  readonly batchId: string;
  readonly samples: readonly SampleInput[];
  /** External ids (HealthKit UUIDs) of samples deleted at the source. */
  readonly tombstones?: readonly string[];
  /**
   * Add the outcome to the ingest batch `batchId` in the same transaction (imports: a crash never leaves counts
   * that disagree with the rows). `processedItems`/`bytesDone` are absolute positions in the source.
   */
  readonly progress?: { readonly processedItems: number | null; readonly bytesDone: number | null; readonly failedItems?: number };
}

/** Structural checks every ingest path gets, whatever its mapper did. */
export function structuralProblem(sample: SampleInput): string | null {
  const type = byId(sample.type);
  if (!type) return `unknown observation type "${sample.type}"`;
  if (!Number.isFinite(sample.start) || !Number.isFinite(sample.end)) return 'start and end must be instants';
  if (sample.end < sample.start) return 'end is before start';
  if (sample.value !== null && !Number.isFinite(sample.value)) return 'value must be a finite number';
  if (type.kind === 'quantity' && sample.value === null) return `${sample.type} needs a value`;
  if (type.kind === 'correlation' && sample.components === null) return `${sample.type} needs its components`;
  if (type.kind === 'quantity' && type.aggregation === 'cumulative') {
    if (sample.value! < 0) return `${sample.type} cannot be negative`;
    if (sample.end - sample.start > MAX_CUMULATIVE_SPAN_MS) return `${sample.type} samples may span at most 24 hours`;
  }
  return null;
}

function sourceRowOf(sample: SampleInput): SourceRow {
  const device = sample.source.device ?? undefined;
  return {
    source_key: sourceKey(sample.source.name),
    device_key: deviceKey(device) ?? '',
    name: sample.source.name,
    version: sample.source.version,
    bundle_id: sample.source.bundleId,
    device: device === undefined ? null : JSON.stringify(device),
    source_class: classifySource({ name: sample.source.name, bundleId: sample.source.bundleId ?? undefined, device }),
  };
}

export class ObservationWriter {
  constructor(
    private readonly transaction: WriteTransaction,
    private readonly now: () => string,
  ) {}

  async write(request: WriteRequest): Promise<WriteResult> {
    const rejected: RejectedSample[] = [];
    const accepted: SampleInput[] = [];
    request.samples.forEach((sample, index) => {
      const problem = structuralProblem(sample);
      if (problem === null) accepted.push(sample);
      else rejected.push({ index, reason: problem });
    });
    return this.transaction(async (tx) => {
      const rows = await this.toRows(tx, request, accepted);
      const inserted = await tx.insert(rows);
      const removed = await tx.deleteByExternalIds(request.personId, request.tombstones ?? []);
      const touched: TouchedSample[] = rows.filter((_, i) => inserted[i]);
      await this.refreshRollups(tx, request.personId, [...touched, ...removed]);
      const stored = touched.length;
      const result = { stored, duplicates: rows.length - stored, deleted: removed.length, rejected };
      if (request.progress) {
        await tx.recordProgress(request.batchId, {
          processedItems: request.progress.processedItems,
          bytesDone: request.progress.bytesDone,
          storedDelta: result.stored,
          duplicatesDelta: result.duplicates,
          deletedDelta: result.deleted,
          failedDelta: (request.progress.failedItems ?? 0) + rejected.length,
          now: this.now(),
        });
      }
      return result;
    });
  }

  /** Removes what one upload or import created; returns how many rows went. */
  async deleteBatch(personId: string, batchId: string): Promise<number> {
    return this.transaction(async (tx) => {
      const removed = await tx.deleteBatch(personId, batchId);
      await this.refreshRollups(tx, personId, removed);
      return removed.length;
    });
  }

  private async toRows(tx: ObservationTx, request: WriteRequest, samples: readonly SampleInput[]): Promise<ObservationRow[]> {
    const sourceIds = new Map<string, number>();
    const rows: ObservationRow[] = [];
    for (const sample of samples) {
      const source = sourceRowOf(sample);
      const key = `${source.source_key}\u0000${source.device_key}`;
      let id = sourceIds.get(key);
      if (id === undefined) sourceIds.set(key, (id = await tx.sourceId(request.personId, source)));
      rows.push(toRow(sample, request.personId, request.batchId, id));
    }
    return rows;
  }

  private async refreshRollups(tx: ObservationTx, personId: string, touched: readonly (TouchedSample | RemovedRow)[]): Promise<void> {
    if (touched.length === 0) return;
    const priority = parseSourcePriority(await tx.sourcePriority(personId));
    for (const range of planRollups(touched)) await recomputeRange(tx, personId, range, priority);
  }
}
