import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { healthKitItemCount, type HealthKitUpload } from '../../domain/ingest/healthkit/healthkit-upload-mapping.js';
import { requireAccessToPerson } from '../../domain/identity/index.js';
import type { IngestBatch } from '../../domain/observations/index.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { ownBatch } from '../shared/own-batch.js';
import { HealthKitUploadAccepted, HealthKitUploadBody, HealthKitUploadStatus } from './healthkit.schemas.js';

const length = (list: readonly unknown[] | null | undefined): number => (Array.isArray(list) ? list.length : 0);

function statusView(batch: IngestBatch) {
  const detail = batch.detail as { unsupported?: Record<string, number>; sync_anchor?: string | null };
  const total = batch.totalItems ?? 0;
  const done = batch.state === 'completed' || batch.state === 'failed';
  const message = {
    queued: 'Waiting to be processed',
    processing: 'Being processed',
    completed: `Stored ${batch.stored}, skipped ${batch.duplicates} duplicates, deleted ${batch.deleted}, refused ${batch.failedItems}`,
    failed: batch.errors[0]?.message ?? 'Processing failed',
  }[batch.state];
  return {
    upload_id: batch.id,
    status: batch.state,
    progress: done ? 1 : total > 0 ? batch.processedItems / total : 0,
    message,
    last_updated: batch.updatedAt,
    total_items: total,
    stored: batch.stored,
    duplicates_skipped: batch.duplicates,
    deleted: batch.deleted,
    errors: batch.errors.map((e) => ({ path: e.field ?? '', message: e.message })),
    unsupported: detail.unsupported ?? {},
    sync_anchor: detail.sync_anchor ?? null,
    created_at: batch.createdAt,
    completed_at: batch.completedAt,
  };
}

/** Clarity `/api/v1/healthkit`: HealthKit samples as the iOS app sends them, processed by a job. */
export const clarityHealthKitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { uploads, observations, config } = app.services;

  app.post(
    '/upload',
    {
      bodyLimit: config.UPLOAD_LIMIT_BYTES,
      schema: {
        summary: `Upload HealthKit samples (at most UPLOAD_LIMIT_BYTES, default 16 MiB); processed asynchronously`,
        body: HealthKitUploadBody,
        response: { 202: HealthKitUploadAccepted },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body as HealthKitUpload;
      const personId = body.user_id ?? principal.userId;
      if (personId !== principal.userId) requireAccessToPerson(principal, personId);
      const batch = await uploads.submit('healthkit_upload', personId, body, healthKitItemCount(body), {
        sync_anchor: body.sync_anchor ?? null,
      });
      await auditHealthAccess(
        request,
        'health.healthkit_upload.create',
        personId,
        { type: 'healthkit_upload', id: batch.id },
        { items: batch.totalItems ?? 0 },
      );
      const samples = body.samples ?? {};
      return reply.code(202).send({
        upload_id: batch.id,
        status: 'queued' as const,
        queued_at: batch.createdAt,
        samples_received: {
          quantity_samples: length(samples.quantity),
          category_samples: length(samples.category),
          workouts: length(samples.workouts),
          correlation_samples: length(samples.correlations),
          deleted: length(body.deleted),
        },
        message: 'Upload accepted for processing',
        sync_anchor: body.sync_anchor ?? null,
      });
    },
  );

  app.get(
    '/upload-status/:upload_id',
    {
      schema: {
        summary: 'Progress and outcome of a HealthKit upload',
        params: Type.Object({ upload_id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: HealthKitUploadStatus },
      },
    },
    async (request) => {
      const batch = ownBatch(
        principalOf(request),
        await observations.batches.get(request.params.upload_id),
        ['healthkit_upload'],
        'upload',
      );
      await auditHealthAccess(request, 'health.healthkit_upload.read', batch.personId, { type: 'healthkit_upload', id: batch.id });
      return statusView(batch);
    },
  );
};
