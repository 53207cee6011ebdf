/**
 * Clarity `POST /api/v1/health-data/upload` (`HealthDataUpload`) → samples for the observation store. Pure: no I/O,
 * no clock (`now` is passed in).
 *
 * The nested models are those of the open-source clarity-loop-backend (`clarity/models/health_data.py`): field names,
 * units and scales as there. Its units are fixed per field (bpm, mmHg, %, ms, breaths/min, °C, mg/dL; steps, km,
 * kcal, minutes, flights, mL/kg/min) and are converted with the catalogue's `toCanonical(…, 'ucum')`, so unit rules
 * live in one place. Note `activity_data.distance` is in KILOMETRES there.
 *
 * Rules:
 *  - A metric must carry the data block of its type (the original validates this for heart rate, HRV, blood pressure,
 *    sleep, activity and the three mental-health types; we also require `biometric_data` for blood oxygen, respiratory
 *    rate, body temperature and blood glucose, the block their values live in). A block with every field null counts
 *    as missing, as in the original (an empty dict is falsy in Python).
 *  - Every non-null field of every block present becomes a sample: one metric can give several (heart_rate +
 *    blood_pressure_systolic/diastolic → a heart_rate sample and one blood_pressure correlation).
 *  - Times: biometric and activity values are dated at the metric's `created_at` (an instant: start = end); a sleep
 *    block by its own `sleep_start`/`sleep_end`. A metric that needs `created_at` and has none is refused: a
 *    measurement is never dated by its arrival.
 *  - Values are checked against the catalogue's plausible range (`checkPlausible`), not the original's narrower
 *    pydantic bounds, which are documented in the request schema: a real 28 bpm night-time heart rate is kept.
 *  - A metric with any refusal (missing block or time, out-of-range value, half a blood pressure, …) contributes NO
 *    sample: it is refused whole, with every problem listed. Fields that have no observation type (mental-health
 *    indicators, `active_minutes`) are reported with code `not_stored` and do not refuse the rest of the metric.
 *  - Source: `upload_source` is the source name; `device_id` is parsed with `parseHkDevice` (a bare id becomes the
 *    device name; an HKDevice description is split into fields, memory address dropped). Provenance is
 *    `user_entered` when the metadata says so (`HKWasUserEntered`, or `user_entered`) or `upload_source` is `manual`.
 *    `externalId` is the metric_id, on every sample of the metric (it is not unique per sample).
 */
import {
  byClarityMetricType,
  checkPlausible,
  parseHkDevice,
  toCanonical,
  UnitConversionError,
  wasUserEntered,
} from '../../observations/index.js';
import type { MetadataValue, ObservationTypeId, SampleInput, SampleSource } from '../../observations/index.js';
import { instantProblem, parseIsoDateTime, scalarMetadata, timeZoneIn, type ParsedDateTime } from '../wire-values.js';
import {
  ACTIVITY_NOT_STORED,
  CLARITY_BLOOD_PRESSURE,
  CLARITY_FIELD_RULES,
  clarityMetricTypeOf,
  hrvTypeOf,
  MENTAL_FIELDS,
  REQUIRED_BLOCK,
} from './health-metric-fields.js';
import type {
  ClarityActivityData,
  ClarityBiometricData,
  ClarityHealthDataUpload,
  ClarityHealthMetric,
  ClarityMappingOptions,
  ClarityMappingResult,
  ClarityMetricError,
  ClarityMetricErrorCode,
  ClaritySleepData,
} from './health-metric-types.js';

export * from './health-metric-fields.js';
export type * from './health-metric-types.js';

const DAY_MS = 86_400_000;
/** The original refuses total_sleep_minutes more than this far from sleep_end − sleep_start. */
const SLEEP_TOTAL_TOLERANCE_MIN = 30;

const present = (v: unknown): boolean => v !== null && v !== undefined;

/** Maps an upload to samples and per-metric errors. Never throws for a bad metric. */
export function mapClarityUpload(upload: ClarityHealthDataUpload, options: ClarityMappingOptions): ClarityMappingResult {
  const samples: SampleInput[] = [];
  const errors: ClarityMetricError[] = [];
  const rejected: number[] = [];
  const firstIndexOfId = new Map<string, number>();
  const metrics = Array.isArray(upload.metrics) ? upload.metrics : [];
  const sourceName = typeof upload.upload_source === 'string' ? upload.upload_source.trim() : '';
  metrics.forEach((metric, index) => {
    const out: { samples: SampleInput[]; errors: ClarityMetricError[] } =
      sourceName === ''
        ? { samples: [], errors: [{ index, field: 'upload_source', message: 'must name the source', code: 'inconsistent' }] }
        : mapMetric(metric, index, sourceName, options);
    const id = typeof metric.metric_id === 'string' ? metric.metric_id.toLowerCase() : null;
    if (id !== null) {
      const first = firstIndexOfId.get(id);
      if (first === undefined) firstIndexOfId.set(id, index);
      else out.errors.push(err(index, 'metric_id', `duplicate metric_id (first used by metrics[${first}])`, 'duplicate_metric_id'));
    }
    errors.push(...out.errors);
    if (out.errors.some((e) => e.code !== 'not_stored')) rejected.push(index);
    else samples.push(...out.samples);
  });
  return { samples, errors, rejected };
}

function err(index: number, path: string, message: string, code: ClarityMetricErrorCode): ClarityMetricError {
  return { index, field: `metrics[${index}]${path === '' ? '' : `.${path}`}`, message, code };
}

interface MetricContext {
  readonly index: number;
  readonly errors: ClarityMetricError[];
  readonly samples: SampleInput[];
  readonly source: SampleSource;
  readonly provenance: SampleInput['provenance'];
  readonly metadata: Readonly<Record<string, MetadataValue>> | null;
  readonly timeZone: string | null;
  readonly externalId: string | null;
  readonly options: ClarityMappingOptions;
}

function mapMetric(
  metric: ClarityHealthMetric,
  index: number,
  uploadSource: string,
  options: ClarityMappingOptions,
): { samples: SampleInput[]; errors: ClarityMetricError[] } {
  const errors: ClarityMetricError[] = [];
  const samples: SampleInput[] = [];
  const type = typeof metric.metric_type === 'string' ? clarityMetricTypeOf(metric.metric_type) : undefined;
  if (type === undefined) {
    errors.push(err(index, 'metric_type', `unknown metric type ${JSON.stringify(metric.metric_type)}`, 'unknown_metric_type'));
    return { samples, errors };
  }
  const required = REQUIRED_BLOCK[type];
  if (required !== null && !hasContent(metric[required])) {
    errors.push(err(index, required, `Metric type ${type.toLowerCase()} requires ${required}`, 'missing_data_block'));
    return { samples, errors };
  }

  const metadata = scalarMetadata(metric.metadata);
  const ctx: MetricContext = {
    index,
    errors,
    samples,
    source: { name: uploadSource, version: null, bundleId: null, device: parseHkDevice(metric.device_id ?? undefined) ?? null },
    provenance: isUserEntered(metric.metadata, uploadSource) ? 'user_entered' : 'sensed',
    metadata,
    timeZone: timeZoneIn(metric.metadata, ['HKTimeZone', 'time_zone', 'timezone']),
    externalId: typeof metric.metric_id === 'string' ? metric.metric_id : null,
    options,
  };

  const needsCreatedAt = hasContent(metric.biometric_data) || hasContent(metric.activity_data);
  let createdAt: ParsedDateTime | null = null;
  if (needsCreatedAt) createdAt = instantAt(ctx, 'created_at', metric.created_at);
  if (createdAt !== null) {
    if (hasContent(metric.biometric_data)) mapBiometric(ctx, metric.biometric_data!, createdAt, metric.metadata);
    if (hasContent(metric.activity_data)) mapActivity(ctx, metric.activity_data!, createdAt);
  }
  if (hasContent(metric.sleep_data)) mapSleep(ctx, metric.sleep_data!);
  if (hasContent(metric.mental_health_data)) {
    for (const field of MENTAL_FIELDS) {
      if (present(metric.mental_health_data![field])) {
        errors.push(
          err(
            index,
            `mental_health_data.${field}`,
            `not stored: no observation type for ${field} (self-reported mental-health indicators are for the screening module)`,
            'not_stored',
          ),
        );
      }
    }
  }
  if (type === 'ENVIRONMENTAL' && samples.length === 0 && errors.length === 0) {
    const types =
      byClarityMetricType(type)
        ?.types.map((t) => t.id)
        .join(', ') ?? '';
    errors.push(
      err(index, '', `not stored: the Clarity model has no data block for environmental metrics (no field for ${types})`, 'not_stored'),
    );
  }
  return { samples, errors };
}

/** A block is present when it is an object with at least one non-null field (the original's truthiness). */
function hasContent(block: unknown): boolean {
  return typeof block === 'object' && block !== null && Object.values(block).some(present);
}

/** Parses a timestamp field (naive = UTC, as the Clarity model documents) and checks it is not absurd. */
function instantAt(ctx: MetricContext, path: string, value: string | null | undefined): ParsedDateTime | null {
  if (!present(value)) {
    ctx.errors.push(err(ctx.index, path, `${path} is required to date this measurement`, 'missing_timestamp'));
    return null;
  }
  const parsed = typeof value === 'string' ? parseIsoDateTime(value, { requireDesignator: false }) : null;
  if (parsed === null) {
    ctx.errors.push(err(ctx.index, path, 'is not an ISO 8601 date-time', 'invalid_timestamp'));
    return null;
  }
  const problem = instantProblem(parsed.epochMs, ctx.options.now, ctx.options.maxFutureMs);
  if (problem !== null) {
    ctx.errors.push(err(ctx.index, path, problem, 'invalid_timestamp'));
    return null;
  }
  return parsed;
}

/** `value` in `unit` → canonical, range-checked; null (and an error on `path`) when refused. */
function canonical(ctx: MetricContext, path: string, type: ObservationTypeId, value: unknown, unit: string): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    ctx.errors.push(err(ctx.index, path, 'must be a finite number', 'out_of_range'));
    return null;
  }
  let converted: number;
  try {
    converted = toCanonical(type, value, unit, 'ucum');
  } catch (error) {
    if (!(error instanceof UnitConversionError)) throw error;
    ctx.errors.push(err(ctx.index, path, error.message, 'invalid_unit'));
    return null;
  }
  const plausible = checkPlausible(type, converted);
  if (!plausible.ok) {
    ctx.errors.push(err(ctx.index, path, plausible.reason, 'out_of_range'));
    return null;
  }
  return converted;
}

function push(
  ctx: MetricContext,
  at: { start: number; end: number; utcOffsetMinutes: number | null },
  fields: Pick<SampleInput, 'type' | 'value' | 'category' | 'components'>,
  extra?: Record<string, MetadataValue>,
): void {
  const metadata = extra === undefined ? ctx.metadata : { ...(ctx.metadata ?? {}), ...extra };
  ctx.samples.push({
    type: fields.type,
    start: at.start,
    end: at.end,
    value: fields.value,
    category: fields.category,
    components: fields.components,
    utcOffsetMinutes: at.utcOffsetMinutes,
    timeZone: ctx.timeZone,
    source: ctx.source,
    provenance: ctx.provenance,
    metadata,
    externalId: ctx.externalId,
  });
}

function mapBiometric(
  ctx: MetricContext,
  data: ClarityBiometricData,
  at: ParsedDateTime,
  rawMetadata: ClarityHealthMetric['metadata'],
): void {
  const when = { start: at.epochMs, end: at.epochMs, utcOffsetMinutes: at.utcOffsetMinutes };
  const fields = data as Readonly<Record<string, unknown>>;
  for (const rule of CLARITY_FIELD_RULES) {
    if (rule.block !== 'biometric_data' || !present(fields[rule.field])) continue;
    let type = rule.type;
    if (rule.field === 'heart_rate_variability') {
      const hrv = hrvTypeOf(rawMetadata);
      if (hrv === null) {
        ctx.errors.push(err(ctx.index, 'metadata.hrv_method', 'unknown HRV statistic: expected "sdnn" or "rmssd"', 'inconsistent'));
        continue;
      }
      type = hrv;
    }
    const value = canonical(ctx, `biometric_data.${rule.field}`, type, fields[rule.field], rule.unit);
    if (value !== null) push(ctx, when, { type, value, category: null, components: null });
  }

  const { systolic: sys, diastolic: dia } = CLARITY_BLOOD_PRESSURE;
  const hasSys = present(data.blood_pressure_systolic);
  const hasDia = present(data.blood_pressure_diastolic);
  if (!hasSys && !hasDia) return;
  if (hasSys !== hasDia) {
    const missing = hasSys ? dia.field : sys.field;
    ctx.errors.push(
      err(ctx.index, `biometric_data.${missing}`, 'a blood pressure needs both systolic and diastolic values', 'inconsistent'),
    );
    return;
  }
  const systolic = canonical(ctx, `biometric_data.${sys.field}`, sys.type, data.blood_pressure_systolic, sys.unit);
  const diastolic = canonical(ctx, `biometric_data.${dia.field}`, dia.type, data.blood_pressure_diastolic, dia.unit);
  if (systolic === null || diastolic === null) return;
  if (systolic <= diastolic) {
    ctx.errors.push(err(ctx.index, `biometric_data.${sys.field}`, 'systolic must be higher than diastolic', 'inconsistent'));
    return;
  }
  push(ctx, when, { type: 'blood_pressure', value: null, category: null, components: { systolic, diastolic } });
}

function mapActivity(ctx: MetricContext, data: ClarityActivityData, at: ParsedDateTime): void {
  const when = { start: at.epochMs, end: at.epochMs, utcOffsetMinutes: at.utcOffsetMinutes };
  const fields = data as Readonly<Record<string, unknown>>;
  for (const rule of CLARITY_FIELD_RULES) {
    if (rule.block !== 'activity_data' || !present(fields[rule.field])) continue;
    const value = canonical(ctx, `activity_data.${rule.field}`, rule.type, fields[rule.field], rule.unit);
    if (value !== null) push(ctx, when, { type: rule.type, value, category: null, components: null });
  }
  for (const [field, why] of Object.entries(ACTIVITY_NOT_STORED)) {
    if (present(fields[field])) ctx.errors.push(err(ctx.index, `activity_data.${field}`, `not stored: ${why}`, 'not_stored'));
  }
}

/**
 * A sleep block is a night's summary, not a stage timeline: it becomes ONE `sleep_stage` sample `asleep_unspecified`
 * over [sleep_start, sleep_end] (the tier the sleep module gives coarse sources: a staging device's samples for the
 * same night win over it), with the reported summary kept in metadata under its Clarity field path
 * (`sleep_data.total_sleep_minutes`, `sleep_data.sleep_stages.deep`, …). Stage minutes are not placed in time: the
 * summary does not say when they happened.
 */
function mapSleep(ctx: MetricContext, data: ClaritySleepData): void {
  const start = instantAt(ctx, 'sleep_data.sleep_start', data.sleep_start);
  const end = instantAt(ctx, 'sleep_data.sleep_end', data.sleep_end);
  if (start === null || end === null) return;
  if (end.epochMs <= start.epochMs) {
    ctx.errors.push(err(ctx.index, 'sleep_data.sleep_end', 'Sleep end time must be after start time', 'inconsistent'));
    return;
  }
  if (end.epochMs - start.epochMs > DAY_MS) {
    ctx.errors.push(err(ctx.index, 'sleep_data.sleep_end', 'a sleep period cannot be longer than 24 hours', 'inconsistent'));
    return;
  }
  const total = data.total_sleep_minutes;
  const spanMinutes = Math.trunc((end.epochMs - start.epochMs) / 60_000);
  if (typeof total !== 'number' || !Number.isFinite(total) || Math.abs(spanMinutes - total) > SLEEP_TOTAL_TOLERANCE_MIN) {
    ctx.errors.push(
      err(
        ctx.index,
        'sleep_data.total_sleep_minutes',
        'Total sleep minutes inconsistent with start/end times (more than 30 minutes apart)',
        'inconsistent',
      ),
    );
    return;
  }
  const summary: Record<string, MetadataValue> = { 'sleep_data.total_sleep_minutes': total };
  const scalars: Record<string, unknown> = {
    sleep_efficiency: data.sleep_efficiency,
    time_to_sleep_minutes: data.time_to_sleep_minutes,
    wake_count: data.wake_count,
  };
  for (const [key, value] of Object.entries(data.sleep_stages ?? {})) scalars[`sleep_stages.${key}`] = value;
  for (const [key, value] of Object.entries(scalars)) {
    if (typeof value === 'number' && Number.isFinite(value)) summary[`sleep_data.${key}`] = value;
  }
  push(
    ctx,
    { start: start.epochMs, end: end.epochMs, utcOffsetMinutes: end.utcOffsetMinutes },
    { type: 'sleep_stage', value: null, category: 'asleep_unspecified', components: null },
    summary,
  );
}

function isUserEntered(metadata: ClarityHealthMetric['metadata'], uploadSource: string): boolean {
  if (typeof uploadSource === 'string' && uploadSource.trim().toLowerCase() === 'manual') return true;
  const meta = metadata ?? undefined;
  return wasUserEntered(meta) || wasUserEntered({ HKWasUserEntered: meta?.['user_entered'] });
}

/**
 * The upload-ingest job's mapper (`UploadMapper`, ../upload-ingest.ts): the body was schema-validated by the route.
 * failedItems = metrics refused whole; `not_stored` notices are errors too but do not fail their metric.
 */
export function clarityUploadMapper(body: unknown, now: number) {
  const upload = body as ClarityHealthDataUpload;
  const result = mapClarityUpload(upload, { now });
  return {
    samples: result.samples,
    tombstones: [] as string[],
    errors: result.errors,
    failedItems: result.rejected.length,
    totalItems: Array.isArray(upload.metrics) ? upload.metrics.length : 0,
    detail: { rejected_metrics: result.rejected, not_stored: result.errors.filter((e) => e.code === 'not_stored').length },
  };
}
