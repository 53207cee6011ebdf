/**
 * Twin `POST /health/manual`: one measurement a person typed in (a cuff reading, a scale, a thermometer), checked,
 * converted to the catalogue's canonical unit and stored as its own ingest batch (kind `manual_entry`, id `rec_…` =
 * the Twin `record_id`), synchronously, with provenance `user_entered` and the source "Manual entry".
 *
 * Refused, naming the field (422): unknown metric types and value fields, a unit the metric does not take, values
 * outside the catalogue's physiologically plausible range (checkPlausible, in the canonical unit, so 200 °F is judged
 * as 93.3 °C), a diastolic pressure not below the systolic, timestamps without a UTC offset, in the future (beyond
 * FUTURE_TOLERANCE_MS of clock skew) or before 1900.
 *
 * The same entry sent twice (same metric, values and instant to the second; notes are not part of a sample's
 * identity) is stored once: the second answer is 201 with status `duplicate` and the FIRST entry's record_id, so a
 * client retrying after a lost response gets the same answer, not a conflict.
 *
 * Notes are kept in the sample's metadata and never written to logs, errors or the audit trail.
 */
import { checkPlausible, byId, toCanonical, type ObservationTypeId } from '../catalogue/index.js';
import type { SampleInput, SampleSource } from '../sample.js';
import { dedupHash, truncateToSecond, type ObservationStore } from '../store/index.js';
import { AppError, type FieldError } from '../../../platform/http/app-error.js';

/** A phone's clock may run a little ahead of ours. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST_MS = Date.UTC(1900, 0, 1);
export const MANUAL_NOTES_MAX_LENGTH = 1000;

export const MANUAL_SOURCE: SampleSource = { name: 'Manual entry', version: null, bundleId: null, device: null };

interface QuantityMetric {
  readonly kind: 'quantity';
  readonly type: ObservationTypeId;
  /** Twin unit spelling → the UCUM spelling toCanonical knows */
  readonly units: Readonly<Record<string, string>>;
  /** null: the unit must be given (a glucose of 5.5 means nothing without it) */
  readonly defaultUnit: string | null;
}
interface BloodPressureMetric {
  readonly kind: 'blood_pressure';
}
type ManualMetric = QuantityMetric | BloodPressureMetric;

const q = (type: ObservationTypeId, units: Record<string, string>, defaultUnit: string | null): QuantityMetric => ({
  kind: 'quantity',
  type,
  units,
  defaultUnit,
});

/** What can be entered by hand: the Twin spec's metrics plus the catalogue's other spot measurements. */
export const MANUAL_METRICS: Readonly<Record<string, ManualMetric>> = {
  blood_pressure: { kind: 'blood_pressure' },
  heart_rate: q('heart_rate', { bpm: '/min' }, 'bpm'),
  resting_heart_rate: q('resting_heart_rate', { bpm: '/min' }, 'bpm'),
  hrv: q('hrv_sdnn', { ms: 'ms' }, 'ms'),
  spo2: q('spo2', { '%': '%' }, '%'),
  respiratory_rate: q('respiratory_rate', { 'breaths/min': '/min' }, 'breaths/min'),
  temperature: q('body_temperature', { celsius: 'Cel', fahrenheit: '[degF]' }, null),
  weight: q('body_mass', { kg: 'kg', lb: '[lb_av]' }, null),
  height: q('height', { cm: 'cm', in: '[in_i]' }, null),
  glucose: q('blood_glucose', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  body_fat_percentage: q('body_fat_percentage', { '%': '%' }, '%'),
};
export const MANUAL_METRIC_TYPES = Object.keys(MANUAL_METRICS);

export interface ManualEntryInput {
  readonly metric_type: string;
  readonly timestamp: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly notes?: string | undefined;
}

export interface ManualEntryPlan {
  readonly metricType: string;
  /** the instant as stored (whole seconds) */
  readonly instantMs: number;
  readonly samples: readonly SampleInput[];
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms and offset (minutes east) of an ISO 8601 date-time with `Z` or `±HH:MM`; null when it is not one. */
export function parseTimestamp(text: string): { ms: number; offsetMinutes: number } | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const fraction = Number(`0.${m[7] ?? '0'}`);
  const zone = m[8]!;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (h > 23 || mi > 59 || s > 59 || Math.abs(offsetMinutes) > 18 * 60 || Number(zone.slice(4, 6) || 0) > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(local);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return { ms: local - offsetMinutes * 60_000 + Math.floor(fraction * 1000), offsetMinutes };
}

class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string, code: string): void {
    this.list.push({ field, message, code });
  }
  throwIfAny(): void {
    if (this.list.length > 0) {
      throw new AppError('validation', 'The manual entry is invalid', { fields: this.list, details: { location: 'body' } });
    }
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function requireNumber(values: Readonly<Record<string, unknown>>, name: string, problems: Problems, required = true): number | null {
  const v = values[name];
  if (v === undefined) {
    if (required) problems.add(`values.${name}`, 'is required', 'missing');
    return null;
  }
  if (!isNumber(v)) {
    problems.add(`values.${name}`, 'must be a number', 'type');
    return null;
  }
  return v;
}

function checkRange(type: string, canonical: number, field: string, shown: string, problems: Problems): boolean {
  const plausible = checkPlausible(type, canonical);
  if (plausible.ok) return true;
  const unit = byId(type)?.unit ?? '';
  problems.add(
    field,
    `${shown} is physiologically implausible (plausible range ${plausible.range.min}–${plausible.range.max} ${unit})`,
    'implausible',
  );
  return false;
}

function refuseUnknownFields(values: Readonly<Record<string, unknown>>, allowed: readonly string[], problems: Problems): void {
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key))
      problems.add(`values.${key}`, `is not a field of this metric (expected: ${allowed.join(', ')})`, 'unknown_field');
  }
}

/** Checks an entry and turns it into samples; throws a 422 AppError naming every bad field. Pure. */
export function planManualEntry(input: ManualEntryInput, nowMs: number): ManualEntryPlan {
  const problems = new Problems();
  const metric = Object.hasOwn(MANUAL_METRICS, input.metric_type) ? MANUAL_METRICS[input.metric_type]! : null;
  if (!metric) problems.add('metric_type', `must be one of: ${MANUAL_METRIC_TYPES.join(', ')}`, 'enum');

  const time = parseTimestamp(input.timestamp);
  if (!time) problems.add('timestamp', 'must be an ISO 8601 date-time with a UTC offset (2025-12-03T08:00:00Z or …+04:00)', 'format');
  else if (time.ms > nowMs + FUTURE_TOLERANCE_MS) problems.add('timestamp', 'must not be in the future', 'in_future');
  else if (time.ms < EARLIEST_MS) problems.add('timestamp', 'must not be before 1900', 'too_old');

  const values = input.values;
  const parts: { type: ObservationTypeId; value: number | null; components: Record<string, number> | null }[] = [];
  if (metric?.kind === 'blood_pressure') {
    refuseUnknownFields(values, ['systolic', 'diastolic', 'pulse', 'unit'], problems);
    if (values['unit'] !== undefined && values['unit'] !== 'mmHg') problems.add('values.unit', 'must be mmHg', 'enum');
    const systolic = requireNumber(values, 'systolic', problems);
    const diastolic = requireNumber(values, 'diastolic', problems);
    const pulse = requireNumber(values, 'pulse', problems, false);
    const sysOk = systolic !== null && checkRange('blood_pressure_systolic', systolic, 'values.systolic', `${systolic} mmHg`, problems);
    const diaOk =
      diastolic !== null && checkRange('blood_pressure_diastolic', diastolic, 'values.diastolic', `${diastolic} mmHg`, problems);
    if (sysOk && diaOk && diastolic! >= systolic!)
      problems.add('values.diastolic', 'must be lower than the systolic pressure', 'not_below_systolic');
    if (pulse !== null) checkRange('heart_rate', pulse, 'values.pulse', `${pulse} bpm`, problems);
    if (systolic !== null && diastolic !== null) parts.push({ type: 'blood_pressure', value: null, components: { systolic, diastolic } });
    // The pulse a cuff shows is a heart-rate measurement of its own (as HealthKit stores it): it joins the heart-rate series.
    if (pulse !== null) parts.push({ type: 'heart_rate', value: pulse, components: null });
  } else if (metric) {
    refuseUnknownFields(values, ['value', 'unit'], problems);
    const value = requireNumber(values, 'value', problems);
    const unit = values['unit'] ?? metric.defaultUnit;
    const spellings = Object.keys(metric.units);
    if (unit === null) problems.add('values.unit', `is required for ${input.metric_type} (one of: ${spellings.join(', ')})`, 'missing');
    else if (typeof unit !== 'string' || !Object.hasOwn(metric.units, unit))
      problems.add('values.unit', `must be one of: ${spellings.join(', ')}`, 'enum');
    else if (value !== null) {
      const canonical = toCanonical(metric.type, value, metric.units[unit]!, 'ucum');
      if (checkRange(metric.type, canonical, 'values.value', `${value} ${unit}`, problems))
        parts.push({ type: metric.type, value: canonical, components: null });
    }
  }
  problems.throwIfAny();

  const instant = time!.ms;
  const metadata = input.notes !== undefined && input.notes !== '' ? { notes: input.notes } : null;
  const samples = parts.map((p): SampleInput => ({
    type: p.type,
    start: instant,
    end: instant,
    value: p.value,
    category: null,
    components: p.components,
    utcOffsetMinutes: time!.offsetMinutes,
    timeZone: null,
    source: MANUAL_SOURCE,
    provenance: 'user_entered',
    metadata,
    externalId: null,
  }));
  return { metricType: input.metric_type, instantMs: truncateToSecond(instant), samples };
}

export interface ManualEntryResult {
  readonly recordId: string;
  readonly status: 'recorded' | 'duplicate';
}

/** Stores a planned entry as its own batch `recordId`; a pure duplicate answers with the first entry's record id. */
export async function recordManualEntry(
  store: ObservationStore,
  personId: string,
  plan: ManualEntryPlan,
  recordId: string,
): Promise<ManualEntryResult> {
  const total = plan.samples.length;
  await store.batches.create({ id: recordId, personId, kind: 'manual_entry', totalItems: total });
  await store.batches.start(recordId);
  let stored: number;
  try {
    const result = await store.writer.write({ personId, batchId: recordId, samples: plan.samples });
    if (result.rejected.length > 0)
      throw new Error(`the store refused a checked manual entry: ${result.rejected.map((r) => r.reason).join('; ')}`);
    stored = result.stored;
    await store.batches.finish(recordId, 'completed', { processedItems: total, stored, duplicates: result.duplicates });
  } catch (error) {
    await store.batches.finish(recordId, 'failed', { errors: [{ message: 'the entry could not be stored' }] });
    throw error;
  }
  if (stored > 0) return { recordId, status: 'recorded' };

  // Nothing new: the entry exists already. Answer with the batch that stored it, and drop the empty one.
  const first = plan.samples[0]!;
  const rows = await store.reader.raw({ personId, types: [first.type], fromMs: plan.instantMs, toMs: plan.instantMs + 1000, limit: 1000 });
  const original = rows.find((r) => r.dedup === dedupHash(first));
  if (!original) return { recordId, status: 'duplicate' };
  await store.batches.remove(recordId);
  return { recordId: original.batch_id, status: 'duplicate' };
}
