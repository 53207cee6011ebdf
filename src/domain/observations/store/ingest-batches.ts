/**
 * Ingest batches: one row per upload or import (its processing id), with its real state and counts. The status
 * endpoints read these; nothing here is a placeholder — every counter is what the writer reported.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Tables } from '../../../platform/db/index.js';

export type BatchKind = 'clarity_upload' | 'healthkit_upload' | 'apple_health_import' | 'manual_entry';
export type BatchState = 'queued' | 'processing' | 'completed' | 'failed';

export interface ItemError {
  readonly index?: number;
  readonly field?: string;
  readonly message: string;
}

export interface IngestBatch {
  readonly id: string;
  readonly personId: string;
  readonly kind: BatchKind;
  readonly state: BatchState;
  readonly totalItems: number | null;
  readonly processedItems: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly deleted: number;
  readonly failedItems: number;
  readonly errors: ItemError[];
  readonly detail: Readonly<Record<string, unknown>>;
  readonly bytesTotal: number | null;
  readonly bytesDone: number;
  readonly filePath: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
}

export interface BatchProgress {
  readonly processedItems?: number;
  readonly stored?: number;
  readonly duplicates?: number;
  readonly deleted?: number;
  readonly failedItems?: number;
  readonly errors?: ItemError[];
  readonly detail?: Readonly<Record<string, unknown>>;
  readonly bytesDone?: number;
  readonly bytesTotal?: number;
  readonly totalItems?: number;
}

/** Per-item errors kept per batch; beyond this only the count grows (a bad 1 GB export must not store 1 GB of errors). */
export const MAX_STORED_ERRORS = 200;

type Row = Tables['ingest_batches'];

export class IngestBatches {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  async create(
    input: {
      id: string;
      personId: string;
      kind: BatchKind;
      totalItems?: number | null;
      bytesTotal?: number | null;
      filePath?: string | null;
      detail?: Record<string, unknown>;
    },
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    await db
      .insertInto('ingest_batches')
      .values({
        id: input.id,
        person_id: input.personId,
        kind: input.kind,
        state: 'queued',
        total_items: input.totalItems ?? null,
        bytes_total: input.bytesTotal ?? null,
        file_path: input.filePath ?? null,
        detail: JSON.stringify(input.detail ?? {}),
        created_at: now,
        updated_at: now,
        started_at: null,
        completed_at: null,
      })
      .execute();
  }

  async get(id: string): Promise<IngestBatch | null> {
    const row = await this.db.selectFrom('ingest_batches').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toBatch(row as unknown as Selected) : null;
  }

  async start(id: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .updateTable('ingest_batches')
      .set({ state: 'processing', started_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async progress(id: string, progress: BatchProgress): Promise<void> {
    await this.db.updateTable('ingest_batches').set(toColumns(progress, this.clock.now().toISOString())).where('id', '=', id).execute();
  }

  async finish(id: string, state: 'completed' | 'failed', progress: BatchProgress = {}): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .updateTable('ingest_batches')
      .set({ ...toColumns(progress, now), state, completed_at: now })
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('ingest_batches').where('id', '=', id).execute();
  }
}

type Selected = { [K in keyof Row]: Row[K] extends { __select__: infer S } ? S : Row[K] };

function toColumns(p: BatchProgress, now: string) {
  return {
    updated_at: now,
    ...(p.processedItems !== undefined && { processed_items: p.processedItems }),
    ...(p.stored !== undefined && { stored: p.stored }),
    ...(p.duplicates !== undefined && { duplicates: p.duplicates }),
    ...(p.deleted !== undefined && { deleted: p.deleted }),
    ...(p.failedItems !== undefined && { failed_items: p.failedItems }),
    ...(p.errors !== undefined && { errors: JSON.stringify(p.errors.slice(0, MAX_STORED_ERRORS)) }),
    ...(p.detail !== undefined && { detail: JSON.stringify(p.detail) }),
    ...(p.bytesDone !== undefined && { bytes_done: p.bytesDone }),
    ...(p.bytesTotal !== undefined && { bytes_total: p.bytesTotal }),
    ...(p.totalItems !== undefined && { total_items: p.totalItems }),
  };
}

function toBatch(row: Selected): IngestBatch {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind as BatchKind,
    state: row.state as BatchState,
    totalItems: row.total_items,
    processedItems: row.processed_items as number,
    stored: row.stored as number,
    duplicates: row.duplicates as number,
    deleted: row.deleted as number,
    failedItems: row.failed_items as number,
    errors: JSON.parse(row.errors as string) as ItemError[],
    detail: JSON.parse(row.detail as string) as Record<string, unknown>,
    bytesTotal: row.bytes_total,
    bytesDone: row.bytes_done as number,
    filePath: row.file_path,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}
