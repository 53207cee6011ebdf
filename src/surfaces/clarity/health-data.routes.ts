import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clarityUploadMapper } from '../../domain/ingest/clarity/health-metric-mapping.js';
import { requireAccessToPerson } from '../../domain/identity/index.js';
import { byClarityMetricType, byId, OBSERVATION_TYPES } from '../../domain/observations/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { clarityPage, ClarityPagination, CursorCodec, CursorQuery, HalLinks, LimitQuery } from '../../platform/http/pagination.js';
import { deriveKey } from '../../platform/keys.js';
import { principalOf } from '../shared/auth-hook.js';
import { ownBatch } from '../shared/own-batch.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { probeDatabase } from '../system/database-probe.js';
import { HealthDataUploadBody, HealthDataUploadResponse, HealthMetricView, ProcessingStatusResponse } from './health-data.schemas.js';
import { healthMetricView, processingStatusView } from './health-data.views.js';

const ProcessingParams = Type.Object({ processing_id: Type.String({ minLength: 1, maxLength: 64 }) });

const ListQuery = Type.Object({
  limit: LimitQuery,
  cursor: Type.Optional(CursorQuery),
  metric_type: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'a HealthMetricType (HEART_RATE or heart_rate) or a Homeostat observation type (body_mass)',
    }),
  ),
  start_date: Type.Optional(Type.String({ format: 'date-time', description: 'samples starting at or after' })),
  end_date: Type.Optional(Type.String({ format: 'date-time', description: 'samples starting before' })),
});

function typesOf(metric: string | undefined): string[] {
  if (metric === undefined) return OBSERVATION_TYPES.map((t) => t.id).sort();
  const clarity = byClarityMetricType(metric.toUpperCase());
  if (clarity) return clarity.types.map((t) => t.id).sort();
  if (byId(metric)) return [metric];
  throw new AppError('validation', `Unknown metric_type "${metric}"`, {
    fields: [{ field: 'metric_type', message: 'is not a HealthMetricType or observation type', code: 'unknown_metric_type' }],
    details: { location: 'querystring' },
  });
}

/** Clarity `/api/v1/health-data`: uploads processed by a job, their status, the stored data, deletion by upload. */
export const clarityHealthDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { uploads, observations, clock, config, database, jobs } = app.services;
  const cursors = new CursorCodec(deriveKey(config.SECRET_KEY, 'cursor'));

  app.post(
    '/upload',
    {
      schema: {
        summary: 'Upload health metrics (at most 100); processed asynchronously',
        body: HealthDataUploadBody,
        response: { 201: HealthDataUploadResponse },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      if (body.user_id !== principal.userId) requireAccessToPerson(principal, body.user_id);
      // Mapping is pure and quick: run it now so the answer states what will be stored; the job maps again and writes.
      const preview = clarityUploadMapper(body, clock.now().getTime());
      const batch = await uploads.submit('clarity_upload', body.user_id, body, body.metrics.length);
      await auditHealthAccess(
        request,
        'health.upload.create',
        body.user_id,
        { type: 'health_data_upload', id: batch.id },
        { metrics: body.metrics.length },
      );
      const rejected = preview.failedItems;
      return reply.code(201).send({
        processing_id: batch.id,
        status: batch.state,
        accepted_metrics: body.metrics.length - rejected,
        rejected_metrics: rejected,
        validation_errors: preview.errors.map((e) => ({ field: e.field, message: e.message, code: e.code })),
        // No estimate is offered: the job queue has no basis for one yet.
        estimated_processing_time: null,
        sync_token: body.sync_token ?? null,
        message:
          rejected > 0
            ? `${rejected} of ${body.metrics.length} metrics were refused; see validation_errors`
            : 'Upload accepted for processing',
        timestamp: clock.now().toISOString(),
      });
    },
  );

  app.get(
    '/processing/:processing_id',
    { schema: { summary: 'Processing status of an upload', params: ProcessingParams, response: { 200: ProcessingStatusResponse } } },
    async (request) => {
      const batch = ownBatch(
        principalOf(request),
        await observations.batches.get(request.params.processing_id),
        ['clarity_upload'],
        'upload',
      );
      await auditHealthAccess(request, 'health.upload.read', batch.personId, { type: 'health_data_upload', id: batch.id });
      return processingStatusView(batch);
    },
  );

  app.get(
    '/health',
    {
      schema: {
        summary: 'Health data service status',
        response: {
          200: Type.Object({
            status: Type.Enum(['healthy', 'degraded']),
            service: Type.String(),
            database: Type.Object({ reachable: Type.Boolean(), latency_ms: Type.Number() }),
            jobs: Type.Object({ queued: Type.Integer(), running: Type.Integer() }),
            timestamp: Type.String({ format: 'date-time' }),
          }),
        },
      },
      config: { auth: false },
    },
    async () => {
      const probe = await probeDatabase(database);
      const counts = probe.reachable ? await jobs.counts() : { queued: 0, running: 0 };
      return {
        status: probe.reachable ? ('healthy' as const) : ('degraded' as const),
        service: 'health-data',
        database: { reachable: probe.reachable, latency_ms: probe.latencyMs },
        jobs: counts,
        timestamp: clock.now().toISOString(),
      };
    },
  );

  // The spec lists both `/` and `//`; the bare prefix is the same listing.
  for (const path of ['/', '//']) {
    app.get(
      path,
      {
        schema: {
          summary: 'Stored health data, paginated (HAL links)',
          querystring: ListQuery,
          response: { 200: Type.Object({ data: Type.Array(HealthMetricView), pagination: ClarityPagination, links: HalLinks }) },
          ...(path !== '/' && { hide: true }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { limit, cursor, metric_type, start_date, end_date } = request.query;
        const types = typesOf(metric_type);
        const fromMs = start_date ? Date.parse(start_date) : 0;
        const toMs = end_date ? Date.parse(end_date) : Number.MAX_SAFE_INTEGER;
        const scope = `health-data:${principal.userId}:${types.join(',')}:${fromMs}:${toMs}`;
        const position = cursor ? cursors.decode(scope, cursor) : undefined;
        const after = position ? { type: String(position['t']), start_ms: Number(position['s']), dedup: String(position['d']) } : undefined;
        // The total is counted once, on the first page, and carried in the cursor.
        const total = position ? Number(position['n']) : await observations.reader.count(principal.userId, types, fromMs, toMs);
        const rows = await observations.reader.raw({ personId: principal.userId, types, fromMs, toMs, after, limit: limit + 1 });
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        const nextCursor =
          rows.length > limit && last ? cursors.encode(scope, { t: last.type, s: last.start_ms, d: last.dedup, n: total }) : null;
        await auditHealthAccess(request, 'health.data.list', principal.userId, { type: 'observations' }, { returned: items.length });
        const selfUrl = new URL(request.url, config.PUBLIC_URL ?? `http://${request.headers.host ?? 'localhost'}`);
        const views = items.map((o) => healthMetricView(o, Buffer.from(`${o.type}|${o.start_ms}|${o.dedup}`).toString('base64url')));
        return clarityPage({ items: views, nextCursor, totalCount: total, hasPrevious: position !== undefined }, selfUrl, limit);
      },
    );
  }

  app.delete(
    '/:processing_id',
    {
      schema: {
        summary: 'Delete what one upload stored (rollups are recomputed)',
        params: ProcessingParams,
        response: {
          200: Type.Object({
            processing_id: Type.String(),
            deleted_records: Type.Integer({ minimum: 0 }),
            message: Type.String(),
            timestamp: Type.String({ format: 'date-time' }),
          }),
        },
      },
    },
    async (request) => {
      const batch = ownBatch(
        principalOf(request),
        await observations.batches.get(request.params.processing_id),
        ['clarity_upload', 'healthkit_upload'],
        'upload',
      );
      if (batch.state === 'queued' || batch.state === 'processing') {
        throw new AppError('conflict', 'The upload is still being processed; delete it once its status is completed or failed', {
          details: { status: batch.state },
        });
      }
      const deleted = await observations.writer.deleteBatch(batch.personId, batch.id);
      await observations.batches.remove(batch.id);
      if (deleted > 0) await observations.changes.notify(batch.personId);
      await auditHealthAccess(request, 'health.upload.delete', batch.personId, { type: 'health_data_upload', id: batch.id }, { deleted });
      return {
        processing_id: batch.id,
        deleted_records: deleted,
        message: `Deleted ${deleted} records stored by this upload`,
        timestamp: clock.now().toISOString(),
      };
    },
  );
};
