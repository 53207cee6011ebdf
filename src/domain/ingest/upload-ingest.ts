/**
 * Uploads (Clarity health-data, HealthKit JSON): accepted at once as a batch + a job in one transaction, processed
 * by the job: map the body to samples, write them (dedup, rollups), and record the real outcome on the batch.
 * The body waits in the job row only until the job ends (the queue then clears payloads), so health data does not
 * linger outside the observation store.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tables } from '../../platform/db/index.js';
import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { SampleInput } from '../observations/index.js';
import type { BatchKind, IngestBatch, ItemError, ObservationStore } from '../observations/index.js';

export interface MappedUpload {
  readonly samples: readonly SampleInput[];
  readonly tombstones: readonly string[];
  readonly errors: readonly ItemError[];
  /** Items of the upload refused whole (each has an error). */
  readonly failedItems: number;
  readonly totalItems: number;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Maps an upload body (already schema-validated by the route) to samples; pure. */
export type UploadMapper = (body: unknown, now: number) => MappedUpload;

type UploadKind = Extract<BatchKind, 'clarity_upload' | 'healthkit_upload'>;

interface UploadJob {
  readonly batchId: string;
  readonly body: unknown;
}

export class UploadIngest {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly store: ObservationStore,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly mappers: Readonly<Record<UploadKind, UploadMapper>>,
    /** Told when an upload's processing ends (real-time updates, webhooks); must not throw. */
    private readonly onFinished?: (batch: IngestBatch) => void,
  ) {
    for (const kind of Object.keys(mappers) as UploadKind[]) {
      jobs.register(`ingest.${kind}`, 'default', (job) => this.process(kind, job.payload as UploadJob));
    }
  }

  /** Records the upload and queues its processing; returns the batch (state `queued`). */
  async submit(
    kind: UploadKind,
    personId: string,
    body: unknown,
    totalItems: number,
    detail: Record<string, unknown> = {},
  ): Promise<IngestBatch> {
    // UUIDs: Clarity types processing_id as one.
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await this.store.batches.create({ id, personId, kind, totalItems, detail }, trx);
      await this.jobs.enqueue(`ingest.${kind}`, { batchId: id, body } satisfies UploadJob, { personId, db: trx });
    });
    return (await this.store.batches.get(id))!;
  }

  private async process(kind: UploadKind, job: UploadJob): Promise<void> {
    const batch = await this.store.batches.get(job.batchId);
    if (!batch || batch.state === 'completed') return; // deleted meanwhile, or a re-run after a crash past the commit
    await this.store.batches.start(batch.id);
    try {
      const mapped = this.mappers[kind](job.body, this.clock.now().getTime());
      const result = await this.store.writer.write({
        personId: batch.personId,
        batchId: batch.id,
        samples: mapped.samples,
        tombstones: mapped.tombstones,
      });
      const storeErrors: ItemError[] = result.rejected.map((r) => ({ message: `sample ${r.index}: ${r.reason}` }));
      await this.store.batches.finish(batch.id, 'completed', {
        processedItems: mapped.totalItems,
        stored: result.stored,
        duplicates: result.duplicates,
        deleted: result.deleted,
        failedItems: mapped.failedItems + result.rejected.length,
        errors: [...mapped.errors, ...storeErrors],
        detail: { ...batch.detail, samples: mapped.samples.length, ...mapped.detail },
      });
      if (result.stored > 0 || result.deleted > 0) await this.store.changes.notify(batch.personId);
      this.announce(batch.id);
    } catch (error) {
      await this.store.batches.finish(batch.id, 'failed', {
        errors: [{ message: error instanceof Error ? error.message : String(error) }],
      });
      this.announce(batch.id);
      throw error;
    }
  }

  private announce(batchId: string): void {
    if (!this.onFinished) return;
    void this.store.batches.get(batchId).then((done) => done && this.onFinished?.(done), () => undefined);
  }
}
