/**
 * Apple Health imports as jobs: an upload is streamed to a file under $DATA_DIR/imports (never held in memory), recorded
 * as an ingest batch and queued on the bulk lane; the job runs the import (import-runner.ts), copies date of birth and
 * sex into an empty profile, and records the outcome. A document that turns out to be unusable (truncated, hostile,
 * not an export) fails the import and removes every row it had written: nothing partial is left behind.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import type { IngestBatch, ItemError, ObservationStore } from '../../observations/index.js';
import type { MeCharacteristics } from '../apple-health/index.js';
import { runAppleHealthImport, type ImportProgress } from './import-runner.js';

export const IMPORT_JOB = 'ingest.apple_health_import';

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The upload exceeds ${limit} bytes`);
  }
}

export interface ImportResult {
  readonly state: 'completed' | 'failed';
  readonly errorCode: string | null;
  readonly stored: number;
  readonly duplicates: number;
}

/** Told of an import's progress (per checkpoint) and of its end; must not throw. */
export interface ImportListener {
  readonly progress?: (batch: { id: string; personId: string }, progress: ImportProgress) => void;
  readonly finished?: (batch: { id: string; personId: string }, result: ImportResult) => void;
}

export interface ImportJob {
  readonly batchId: string;
  /** Delete the file when done: true for uploads (our copy), false for the CLI (the user's file). */
  readonly ownsFile: boolean;
}

export class AppleHealthImports {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly store: ObservationStore,
    private readonly jobs: JobQueue,
    private readonly dataDir: string,
    private readonly listener: ImportListener = {},
  ) {
    jobs.register(IMPORT_JOB, 'bulk', (job) => this.run(job.payload as ImportJob));
  }

  /** Streams an uploaded body to disk (at most `maxBytes`), then queues its import. */
  async fromUpload(personId: string, body: Readable, maxBytes: number): Promise<IngestBatch> {
    const id = newId('imp');
    const directory = join(this.dataDir, 'imports');
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const filePath = join(directory, `${id}.upload`);
    let received = 0;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) body.destroy(new UploadTooLargeError(maxBytes));
    });
    try {
      await pipeline(body, createWriteStream(filePath, { mode: 0o600 }));
      if (received === 0) throw new EmptyUploadError();
    } catch (error) {
      await rm(filePath, { force: true });
      throw error;
    }
    return this.enqueue(id, personId, filePath, received, true);
  }

  /**
   * Records the import of a file on this machine without queuing it: the CLI runs it itself with `run`, so a server
   * sharing the database never picks it up as well.
   */
  async fromLocalFile(personId: string, filePath: string): Promise<IngestBatch> {
    const id = newId('imp');
    const size = (await stat(filePath)).size;
    await this.store.batches.create({ id, personId, kind: 'apple_health_import', filePath });
    await this.store.batches.progress(id, { detail: { file_bytes: size } });
    return (await this.store.batches.get(id))!;
  }

  /** An unfinished import of the same file by the same person, to resume instead of starting over (the CLI). */
  async unfinished(personId: string, filePath: string): Promise<IngestBatch | null> {
    const row = await this.db
      .selectFrom('ingest_batches')
      .select('id')
      .where('person_id', '=', personId)
      .where('kind', '=', 'apple_health_import')
      .where('file_path', '=', filePath)
      .where('state', 'in', ['queued', 'processing'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? this.store.batches.get(row.id) : null;
  }

  private async enqueue(id: string, personId: string, filePath: string, fileBytes: number, ownsFile: boolean): Promise<IngestBatch> {
    await this.db.transaction().execute(async (trx) => {
      await this.store.batches.create({ id, personId, kind: 'apple_health_import', filePath }, trx);
      await trx
        .updateTable('ingest_batches')
        .set({ detail: JSON.stringify({ file_bytes: fileBytes }) })
        .where('id', '=', id)
        .execute();
      await this.jobs.enqueue(IMPORT_JOB, { batchId: id, ownsFile } satisfies ImportJob, { personId, db: trx });
    });
    return (await this.store.batches.get(id))!;
  }

  /** The job: also what a resumed job runs (the batch's checkpoint says where to continue). */
  async run(job: ImportJob, onProgress?: (progress: ImportProgress) => void): Promise<void> {
    const batch = await this.store.batches.get(job.batchId);
    if (!batch || batch.state === 'completed' || batch.state === 'failed' || batch.filePath === null) return;
    await this.store.batches.start(batch.id);
    const fileBytes = (batch.detail as { file_bytes?: number }).file_bytes ?? null;
    let totalKnown = false;
    try {
      const outcome = await runAppleHealthImport({
        store: this.store,
        personId: batch.personId,
        batchId: batch.id,
        filePath: batch.filePath,
        skipSamples: batch.processedItems,
        detail: batch.detail,
        onProgress: (progress) => {
          if (!totalKnown && progress.xmlBytesTotal !== null) {
            totalKnown = true;
            void this.store.batches.progress(batch.id, { bytesTotal: progress.xmlBytesTotal });
          }
          this.listener.progress?.(batch, progress);
          onProgress?.(progress);
        },
      });
      const errors = outcome.recordErrors.map((e) => ({
        index: e.index,
        field: `${e.element}${e.identifier ? ` ${e.identifier}` : ''} (line ${e.line})`,
        message: e.reason,
      }));
      if (outcome.state === 'failed') {
        const code = outcome.errorCode ?? 'import_failed';
        await this.fail(batch, fileBytes, code, outcome.errorMessage ?? 'the import failed', errors);
        this.listener.finished?.(batch, { state: 'failed', errorCode: code, stored: 0, duplicates: 0 });
        return;
      }
      if (outcome.me) await this.applyProfile(batch.personId, outcome.me);
      const xmlBytes = outcome.detail['xml_bytes'] as number;
      await this.store.batches.finish(batch.id, 'completed', {
        errors,
        detail: { file_bytes: fileBytes, ...outcome.detail },
        bytesDone: xmlBytes,
        bytesTotal: xmlBytes,
      });
      await this.store.changes.notify(batch.personId);
      const done = await this.store.batches.get(batch.id);
      this.listener.finished?.(batch, { state: 'completed', errorCode: null, stored: done?.stored ?? 0, duplicates: done?.duplicates ?? 0 });
    } catch (error) {
      // A fault here (not in the document): the import cannot finish, so nothing of it is kept.
      await this.fail(batch, fileBytes, 'import_failed', error instanceof Error ? error.message : String(error), []);
      throw error;
    } finally {
      if (job.ownsFile) await rm(batch.filePath, { force: true });
    }
  }

  /** Marks the import failed and removes every row it wrote: a failed import leaves nothing partial behind. */
  private async fail(batch: IngestBatch, fileBytes: number | null, code: string, message: string, errors: ItemError[]): Promise<void> {
    const removed = await this.store.writer.deleteBatch(batch.personId, batch.id);
    await this.store.batches.finish(batch.id, 'failed', {
      errors: [{ message: `${code}: ${message}` }, ...errors],
      detail: { file_bytes: fileBytes, error_code: code, rows_removed: removed },
      stored: 0,
      duplicates: 0,
    });
  }

  /** Date of birth and sex from the export's `<Me>`, only where the profile has none: what the person typed wins. */
  private async applyProfile(personId: string, me: MeCharacteristics): Promise<void> {
    if (me.dateOfBirth) {
      await this.db
        .updateTable('users')
        .set({ date_of_birth: me.dateOfBirth })
        .where('id', '=', personId)
        .where('date_of_birth', 'is', null)
        .execute();
    }
    if (me.sex === 'female' || me.sex === 'male') {
      await this.db.updateTable('users').set({ gender: me.sex }).where('id', '=', personId).where('gender', 'is', null).execute();
    }
  }
}

export class EmptyUploadError extends Error {
  constructor() {
    super('The upload is empty');
  }
}
