import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EmptyUploadError, UploadTooLargeError } from '../../domain/ingest/apple-health-import/index.js';
import type { IngestBatch } from '../../domain/observations/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { principalOf } from '../shared/auth-hook.js';
import { auditHealthAccess } from '../shared/health-audit.js';
import { ownBatch } from '../shared/own-batch.js';

/** What an export arrives as: the zip Apple's Health app writes, or its export.xml. */
const EXPORT_CONTENT_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/xml', 'text/xml', 'application/octet-stream'];

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ImportStatus = Type.Object({
  import_id: Type.String(),
  state: Type.Enum(['queued', 'processing', 'completed', 'failed']),
  file_bytes: Nullable(Type.Integer({ description: 'size of the uploaded file (zip or xml)' })),
  bytes_total: Nullable(Type.Integer({ description: 'bytes of XML in the export, known once reading starts' })),
  bytes_processed: Type.Integer({ description: 'bytes of XML parsed and committed' }),
  percentage: Type.Number({ minimum: 0, maximum: 100 }),
  records_processed: Type.Integer({ description: 'samples read from the export and committed (stored + duplicates)' }),
  stored: Type.Integer(),
  duplicates_skipped: Type.Integer(),
  failed_records: Type.Integer(),
  errors: Type.Array(Type.Object({ record: Nullable(Type.Integer()), where: Nullable(Type.String()), message: Type.String() })),
  details: Type.Object(
    {},
    { additionalProperties: true, description: 'parser counters: records, workouts, correlations, unsupported types, …' },
  ),
  created_at: Type.String({ format: 'date-time' }),
  started_at: Nullable(Type.String({ format: 'date-time' })),
  completed_at: Nullable(Type.String({ format: 'date-time' })),
});

function statusView(batch: IngestBatch) {
  const detail = batch.detail as Record<string, unknown>;
  const total = batch.bytesTotal;
  const percentage = batch.state === 'completed' ? 100 : total ? Math.min(100, Math.floor((1000 * batch.bytesDone) / total) / 10) : 0;
  return {
    import_id: batch.id,
    state: batch.state,
    file_bytes: typeof detail['file_bytes'] === 'number' ? detail['file_bytes'] : null,
    bytes_total: total,
    bytes_processed: batch.bytesDone,
    percentage,
    records_processed: batch.processedItems,
    stored: batch.stored,
    duplicates_skipped: batch.duplicates,
    failed_records: batch.failedItems,
    errors: batch.errors.map((e) => ({ record: e.index ?? null, where: e.field ?? null, message: e.message })),
    details: detail,
    created_at: batch.createdAt,
    started_at: batch.startedAt,
    completed_at: batch.completedAt,
  };
}

const isReadable = (body: unknown): body is Readable => typeof (body as Readable | null)?.pipe === 'function';

/** Twin `/v1/imports`: Apple Health export uploads, streamed to disk and imported by a job. */
export const twinImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { imports, observations, config } = app.services;
  // The body stays a stream: the route pipes it to disk with its own size limit (IMPORT_LIMIT_BYTES).
  app.addContentTypeParser(EXPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/apple-health',
    {
      schema: {
        summary: 'Import an Apple Health export (export.zip or export.xml as the request body)',
        description: `Send the file as the raw body with Content-Type ${EXPORT_CONTENT_TYPES.join(', ')}. Answers 202 at once; poll GET /v1/imports/{id}.`,
        response: { 202: Type.Object({ import_id: Type.String(), state: Type.Literal('queued'), status_url: Type.String() }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body: unknown = request.body;
      if (!isReadable(body))
        throw new AppError('unsupported_media_type', `Send the export as the body with Content-Type ${EXPORT_CONTENT_TYPES.join(' or ')}`);
      let batch: IngestBatch;
      try {
        batch = await imports.fromUpload(principal.userId, body, config.IMPORT_LIMIT_BYTES);
      } catch (error) {
        if (error instanceof UploadTooLargeError)
          throw new AppError('payload_too_large', error.message, { details: { limit_bytes: error.limit } });
        if (error instanceof EmptyUploadError) {
          throw new AppError('validation', 'The export is empty', { fields: [{ field: 'body', message: 'is empty', code: 'empty' }] });
        }
        throw error;
      }
      await auditHealthAccess(request, 'health.import.create', principal.userId, { type: 'import', id: batch.id });
      return reply.code(202).send({ import_id: batch.id, state: 'queued' as const, status_url: `/v1/imports/${batch.id}` });
    },
  );

  app.get(
    '/:import_id',
    {
      schema: {
        summary: 'Progress and outcome of an import',
        params: Type.Object({ import_id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ImportStatus },
      },
    },
    async (request) => {
      const batch = ownBatch(
        principalOf(request),
        await observations.batches.get(request.params.import_id),
        ['apple_health_import'],
        'import',
      );
      await auditHealthAccess(request, 'health.import.read', batch.personId, { type: 'import', id: batch.id });
      return statusView(batch);
    },
  );
};
