/**
 * Twin `POST /health/manual`: one measurement a person typed in (a cuff reading, a scale, a thermometer, a lab report,
 * a PHQ-9/GAD-7 questionnaire), checked,
 * converted to the catalogue's canonical unit and stored as its own ingest batch (kind `manual_entry`, id `rec_…` =
 * the Twin `record_id`), synchronously, with provenance `user_entered` and the source "Manual entry".
 *
 * Refused, naming the field (422): unknown metric types and value fields, a unit the metric does not take, values
 * outside the catalogue's physiologically plausible range (checkPlausible, in the canonical unit, so 200 °F is judged
 * as 93.3 °C), a diastolic pressure not below the systolic, timestamps without a UTC offset, in the future (beyond
 * FUTURE_TOLERANCE_MS of clock skew) or before 1900, questionnaire items that are not integers 0-3 or not exactly the
 * instrument's count.
 *
 * Questionnaires (phq9, gad7) come as `values: {items: [...]}` and are scored by the library's model (models/
 * questionnaires): the sample's value is the total, its components the items (`item_1` … `item_n`), and its metadata
 * names the model (`scored_by: phq9@1.0.0`), so the screening work can write and read the same shape.
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
import { findModel } from '../../models/index.js';

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
interface QuestionnaireMetric {
  readonly kind: 'questionnaire';
  readonly type: ObservationTypeId;
  /** the library model that scores it (its id is also the instrument's) */
  readonly model: string;
  readonly items: number;
}
type ManualMetric = QuantityMetric | BloodPressureMetric | QuestionnaireMetric;

/** Each item of the PHQ-9 and GAD-7 is answered 0 (not at all) … 3 (nearly every day). */
const ITEM_MAX = 3;

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
  waist_circumference: q('waist_circumference', { cm: 'cm', in: '[in_i]' }, null),
  // Lab values: no default unit, a number from a report means nothing without it (5.2 is mmol/L, 200 mg/dL).
  total_cholesterol: q('total_cholesterol', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  hdl_cholesterol: q('hdl_cholesterol', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  ldl_cholesterol: q('ldl_cholesterol', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  triglycerides: q('triglycerides', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  hba1c: q('hba1c', { '%': '%', 'mmol/mol': 'mmol/mol' }, null),
  fasting_glucose: q('fasting_glucose', { 'mg/dL': 'mg/dL', 'mmol/L': 'mmol/L' }, null),
  creatinine: q('creatinine', { 'mg/dL': 'mg/dL', 'umol/L': 'umol/L', 'µmol/L': 'µmol/L' }, null),
  // Ambient conditions (a room sensor read off, a weather report).
  ambient_temperature: q('ambient_temperature', { celsius: 'Cel', fahrenheit: '[degF]' }, null),
  relative_humidity: q('relative_humidity', { '%': '%' }, '%'),
  pm25: q('pm25', { 'ug/m3': 'ug/m3', 'µg/m3': 'µg/m3' }, 'ug/m3'),
  phq9: { kind: 'questionnaire', type: 'phq9', model: 'phq9', items: 9 },
  gad7: { kind: 'questionnaire', type: 'gad7', model: 'gad7', items: 7 },
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

/** `values.items`: exactly `count` integers 0-3; each bad item is named (`values.items[4]`). */
function requireItems(values: Readonly<Record<string, unknown>>, count: number, problems: Problems): number[] | null {
  const items = values['items'];
  if (items === undefined) {
    problems.add('values.items', `is required: ${count} item scores, each an integer 0-${ITEM_MAX}`, 'missing');
    return null;
  }
  if (!Array.isArray(items) || items.length !== count) {
    problems.add('values.items', `must be an array of exactly ${count} item scores`, 'item_count');
    return null;
  }
  let ok = true;
  items.forEach((item: unknown, i) => {
    if (!Number.isInteger(item) || (item as number) < 0 || (item as number) > ITEM_MAX) {
      problems.add(`values.items[${i}]`, `must be an integer 0-${ITEM_MAX}`, 'item_range');
      ok = false;
    }
  });
  return ok ? (items as number[]) : null;
}

/** The total by the library's model (the same code the calculators API and the twin run), and which model it was. */
function scoreQuestionnaire(modelId: string, items: readonly number[]): { total: number; model: string } {
  const model = findModel(modelId);
  if (!model) throw new Error(`questionnaire model ${modelId} is not in the library`);
  const { outputs } = model.compute({ items });
  const total = (outputs as { total?: unknown }).total;
  if (typeof total !== 'number') throw new Error(`questionnaire model ${modelId} gave no total`);
  return { total, model: `${model.id}@${model.version}` };
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
  let scoredBy: string | null = null;
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
  } else if (metric?.kind === 'questionnaire') {
    refuseUnknownFields(values, ['items'], problems);
    const items = requireItems(values, metric.items, problems);
    if (items !== null) {
      const scored = scoreQuestionnaire(metric.model, items);
      scoredBy = scored.model;
      if (checkRange(metric.type, scored.total, 'values.items', `a total of ${scored.total}`, problems)) {
        const components = Object.fromEntries(items.map((score, i) => [`item_${i + 1}`, score]));
        parts.push({ type: metric.type, value: scored.total, components });
      }
    }
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
  const notes = input.notes !== undefined && input.notes !== '' ? { notes: input.notes } : null;
  const metadata = scoredBy === null ? notes : { ...notes, scored_by: scoredBy };
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
