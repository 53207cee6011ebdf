/**
 * `<Record>` and `<Correlation>` → SampleInput.
 *
 * - Quantity records: our type via the catalogue, value converted to the canonical unit (HealthKit dialect).
 * - Category records: sleep analysis → `sleep_stage` with our stage id as category; other category types keep the raw
 *   HealthKit value (`HKCategoryValueAppleStandHourStood`, …) as category, value null.
 * - Correlations (blood pressure): one sample with `components` keyed by the component type without the correlation's
 *   prefix (`systolic`, `diastolic`). The nested records are NOT samples: the export repeats each of them as a
 *   top-level record (see the DTD's note), which is stored as its own type (blood_pressure_systolic, …).
 * - A type the catalogue does not know is skipped and counted per identifier; never an error.
 */
import { byHealthKitIdentifier, type ObservationType } from '../../observations/catalogue/index.js';
import { sleepStageFromHealthKit } from '../../observations/sleep/index.js';
import type { ExportElement } from './export-events.js';
import type { ElementPosition, InstantaneousBeat } from './export-types.js';
import {
  RecordRejection,
  convert,
  createdAt,
  makeSample,
  parseNumber,
  requireAttribute,
  requireInstant,
  requireNumber,
  type MappingContext,
  type MappingSink,
} from './mapping-context.js';

const SLEEP_STAGE = 'sleep_stage';

/** The beats of a `<HeartRateVariabilityMetadataList>` child, or null. Beats without a numeric bpm are skipped. */
function beatsOf(element: ExportElement): InstantaneousBeat[] | null {
  let beats: InstantaneousBeat[] | null = null;
  for (const child of element.children) {
    if (child.name !== 'HeartRateVariabilityMetadataList') continue;
    beats ??= [];
    for (const beat of child.children) {
      if (beat.name !== 'InstantaneousBeatsPerMinute') continue;
      const bpm = parseNumber(beat.attributes['bpm']);
      if (!Number.isNaN(bpm)) beats.push({ bpm, time: beat.attributes['time'] ?? '' });
    }
  }
  return beats;
}

/** endDate, refused when it is before startDate. */
function endOf(element: ExportElement, start: number): number {
  const end = requireInstant(element.attributes, 'endDate');
  if (end < start) throw new RecordRejection('bad_interval', 'endDate is before startDate');
  return end;
}

export function mapRecord(element: ExportElement, position: ElementPosition, context: MappingContext, sink: MappingSink): void {
  const attributes = element.attributes;
  const identifier = requireAttribute(attributes, 'type');
  const type = byHealthKitIdentifier(identifier);
  if (type === undefined || type.kind === 'correlation' || type.id === 'workout') {
    sink.unsupported(identifier);
    return;
  }
  const start = requireInstant(attributes, 'startDate');
  const end = endOf(element, start);
  let value: number | null = null;
  let category: string | null = null;
  if (type.kind === 'quantity') {
    value = convert(type.id, requireNumber(attributes, 'value'), requireAttribute(attributes, 'unit'));
  } else {
    const raw = requireAttribute(attributes, 'value');
    if (type.id === SLEEP_STAGE) {
      category = sleepStageFromHealthKit(raw);
      if (category === null) throw new RecordRejection('bad_category', `unknown sleep analysis value ${JSON.stringify(raw)}`);
    } else {
      category = raw;
    }
  }
  const sample = makeSample(type.id, start, end, value, category, null, attributes, context.metadataOf(element), context);
  sink.sample(sample, {
    index: position.index,
    offset: position.offset,
    line: position.line,
    createdAt: createdAt(attributes),
    beats: element.children.length === 0 ? null : beatsOf(element),
    workout: null,
  });
}

/** `blood_pressure_systolic` in `blood_pressure` → `systolic`. */
function componentKey(correlation: ObservationType, componentId: string): string {
  const prefix = `${correlation.id}_`;
  return componentId.startsWith(prefix) ? componentId.slice(prefix.length) : componentId;
}

export function mapCorrelation(element: ExportElement, position: ElementPosition, context: MappingContext, sink: MappingSink): void {
  const attributes = element.attributes;
  let nested = 0;
  for (const child of element.children) if (child.name === 'Record') nested++;
  sink.nestedRecords(nested);

  const identifier = requireAttribute(attributes, 'type');
  const type = byHealthKitIdentifier(identifier);
  if (type === undefined || type.kind !== 'correlation' || type.components === undefined) {
    sink.unsupported(identifier);
    return;
  }
  const start = requireInstant(attributes, 'startDate');
  const end = endOf(element, start);
  const components: Record<string, number> = {};
  for (const child of element.children) {
    if (child.name !== 'Record') continue;
    const childType = byHealthKitIdentifier(child.attributes['type'] ?? '');
    if (childType === undefined || !type.components.includes(childType.id)) continue;
    const key = componentKey(type, childType.id);
    if (components[key] !== undefined) continue; // a repeated component: the first one stands
    components[key] = convert(childType.id, requireNumber(child.attributes, 'value'), requireAttribute(child.attributes, 'unit'));
  }
  const missing = type.components.filter((id) => components[componentKey(type, id)] === undefined);
  if (missing.length > 0) {
    throw new RecordRejection('incomplete_correlation', `correlation ${identifier} lacks ${missing.join(', ')}`);
  }
  const sample = makeSample(type.id, start, end, null, null, components, attributes, context.metadataOf(element), context);
  sink.sample(sample, {
    index: position.index,
    offset: position.offset,
    line: position.line,
    createdAt: createdAt(attributes),
    beats: null,
    workout: null,
  });
}
