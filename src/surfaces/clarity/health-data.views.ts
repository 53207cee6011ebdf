/** Stored observations and ingest batches in Clarity's shapes (health-data.schemas.ts). */
import type { Static } from 'typebox';
import { CLARITY_BLOOD_PRESSURE, CLARITY_FIELD_RULES } from '../../domain/ingest/clarity/health-metric-mapping.js';
import { byId, fromCanonical, type IngestBatch, type StoredObservation } from '../../domain/observations/index.js';
import type { HealthMetricView, ProcessingStatusResponse } from './health-data.schemas.js';

const iso = (ms: number): string => new Date(ms).toISOString();

type Block = Record<string, number | null>;

/** The observation in the original's block, field and unit, when Clarity has a field for it. */
function blocks(o: StoredObservation): { biometric_data: Block | null; activity_data: Block | null } {
  if (o.type === 'blood_pressure' && o.components) {
    return {
      biometric_data: {
        [CLARITY_BLOOD_PRESSURE.systolic.field]: o.components['systolic'] ?? null,
        [CLARITY_BLOOD_PRESSURE.diastolic.field]: o.components['diastolic'] ?? null,
      },
      activity_data: null,
    };
  }
  const rule = CLARITY_FIELD_RULES.find((r) => r.type === o.type);
  if (!rule || o.value === null) return { biometric_data: null, activity_data: null };
  const block = { [rule.field]: fromCanonical(rule.type, o.value, rule.unit, 'ucum') };
  return rule.block === 'biometric_data' ? { biometric_data: block, activity_data: null } : { biometric_data: null, activity_data: block };
}

const scalarMetadata = (metadata: StoredObservation['metadata']) =>
  metadata === null
    ? null
    : Object.fromEntries(
        Object.entries(metadata).filter((entry): entry is [string, string | number | boolean] =>
          ['string', 'number', 'boolean'].includes(typeof entry[1]),
        ),
      );

export function healthMetricView(o: StoredObservation, observationId: string): Static<typeof HealthMetricView> {
  const type = byId(o.type);
  const clarity = type?.clarity ? (type.clarity.toLowerCase() as Static<typeof HealthMetricView>['metric_type']) : null;
  return {
    metric_id: o.external_id ?? observationId,
    metric_type: clarity,
    observation_type: o.type,
    ...blocks(o),
    sleep_data:
      o.type === 'sleep_stage' && o.category ? { stage: o.category, sleep_start: iso(o.start_ms), sleep_end: iso(o.end_ms) } : null,
    mental_health_data: null,
    value: o.value,
    unit: type?.unit ?? '1',
    category: o.category,
    components: o.components,
    start_time: iso(o.start_ms),
    end_time: iso(o.end_ms),
    source: o.source_name,
    device_id: typeof o.device?.['name'] === 'string' ? o.device['name'] : null,
    provenance: o.provenance === 'user_entered' ? 'user_entered' : 'sensed',
    processing_id: o.batch_id,
    metadata: scalarMetadata(o.metadata),
    created_at: iso(o.start_ms),
  };
}

export function processingStatusView(batch: IngestBatch): Static<typeof ProcessingStatusResponse> {
  const total = batch.totalItems ?? 0;
  const done = batch.state === 'completed' || batch.state === 'failed';
  return {
    processing_id: batch.id,
    status: batch.state,
    total_metrics: total,
    processed: batch.processedItems,
    stored: batch.stored,
    duplicates_skipped: batch.duplicates,
    errors: batch.errors.map((e) => ({
      index: e.index ?? -1,
      field: e.field ?? '',
      message: e.message,
      ...('code' in e && typeof e.code === 'string' && { code: e.code }),
    })),
    created_at: batch.createdAt,
    completed_at: batch.completedAt,
    progress: done ? 1 : total > 0 ? batch.processedItems / total : 0,
    accepted_metrics: Math.max(0, batch.processedItems - batch.failedItems),
    rejected_metrics: batch.failedItems,
  };
}
