/**
 * Everything about a sample the store can work out without the database: the structural check, its source row, the
 * dedup hash and the row's columns. Imports do this in the parse worker, in parallel with the writes, and post the
 * result (flat strings and numbers, cheap to clone); other paths do it inline.
 *
 * Normalising a source name and parsing a device cost microseconds each, so they are done once per distinct
 * (source name, device) of a batch, not per sample.
 */
import { byId } from '../catalogue/index.js';
import { classifySource, dedupKeyForSource, deviceKey, sourceKey } from '../sources/index.js';
import type { SampleInput } from '../sample.js';
import { effectiveOffset, hashKey, keyValue, truncateToSecond } from './observation-row.js';
import type { SourceRow } from './observation-tx.js';
import { MAX_CUMULATIVE_SPAN_MS } from './rollup-compute.js';

/** A row's columns except person, batch and source id, which the writer fills in. */
export interface PreparedRow {
  readonly type: string;
  readonly start_ms: number;
  readonly dedup: string;
  readonly end_ms: number;
  readonly value: number | null;
  readonly category: string | null;
  readonly components: string | null;
  readonly utc_offset_min: number | null;
  readonly time_zone: string | null;
  readonly provenance: string;
  readonly metadata: string | null;
  readonly external_id: string | null;
}

export type PreparedSample =
  { readonly ok: true; readonly row: PreparedRow; readonly source: SourceRow } | { readonly ok: false; readonly reason: string };

/** Structural checks every ingest path gets, whatever its mapper did. */
export function structuralProblem(sample: SampleInput): string | null {
  const type = byId(sample.type);
  if (!type) return `unknown observation type "${sample.type}"`;
  if (!Number.isFinite(sample.start) || !Number.isFinite(sample.end)) return 'start and end must be instants';
  if (sample.end < sample.start) return 'end is before start';
  if (sample.value !== null && !Number.isFinite(sample.value)) return 'value must be a finite number';
  if (type.kind === 'quantity' && sample.value === null) return `${sample.type} needs a value`;
  if (type.kind === 'correlation' && sample.components === null) return `${sample.type} needs its components`;
  if (type.kind === 'quantity' && type.aggregation === 'cumulative') {
    if (sample.value! < 0) return `${sample.type} cannot be negative`;
    if (sample.end - sample.start > MAX_CUMULATIVE_SPAN_MS) return `${sample.type} samples may span at most 24 hours`;
  }
  return null;
}

/** A cheap identity of (source name, device) for caching: the raw fields, before any normalisation. */
function sourceFingerprint(sample: SampleInput): string {
  const d = sample.source.device;
  const device = d
    ? `${d.name}\u0001${d.manufacturer}\u0001${d.model}\u0001${d.hardware}\u0001${d.localIdentifier}\u0001${d.udiDeviceIdentifier}`
    : '';
  return `${sample.source.name}\u0000${sample.source.bundleId}\u0000${sample.source.version}\u0000${device}`;
}

function sourceRowOf(sample: SampleInput): SourceRow {
  const device = sample.source.device ?? undefined;
  return {
    source_key: sourceKey(sample.source.name),
    device_key: deviceKey(device) ?? '',
    name: sample.source.name,
    version: sample.source.version,
    bundle_id: sample.source.bundleId,
    device: device === undefined ? null : JSON.stringify(device),
    source_class: classifySource({ name: sample.source.name, bundleId: sample.source.bundleId ?? undefined, device }),
  };
}

export interface KnownSource {
  readonly row: SourceRow;
  readonly keyOf: ReturnType<typeof dedupKeyForSource>;
}

/** Most sources remembered: a person has a handful, a hostile document may have endless ones. */
const MAX_KNOWN_SOURCES = 10_000;

/**
 * Source rows and dedup-key builders per (source name, device). The export parser shares one SampleSource object
 * between the samples of a source, so the object itself is tried first (one map lookup), then its fingerprint.
 */
export class SourceCache {
  private readonly byObject = new Map<SampleInput['source'], KnownSource>();
  private readonly byFingerprint = new Map<string, KnownSource>();

  of(sample: SampleInput): KnownSource {
    let known = this.byObject.get(sample.source);
    if (known !== undefined) return known;
    const fingerprint = sourceFingerprint(sample);
    known = this.byFingerprint.get(fingerprint);
    if (!known) {
      const row = sourceRowOf(sample);
      known = { row, keyOf: dedupKeyForSource(row.source_key, row.device_key === '' ? null : row.device_key) };
      if (this.byFingerprint.size >= MAX_KNOWN_SOURCES) this.byFingerprint.clear();
      this.byFingerprint.set(fingerprint, known);
    }
    if (this.byObject.size >= MAX_KNOWN_SOURCES) this.byObject.clear();
    this.byObject.set(sample.source, known);
    return known;
  }
}

/** The canonical dedup key of a sample (before hashing), from its source. */
export function rowKey(sample: SampleInput, known: KnownSource): string {
  return known.keyOf(sample.type, truncateToSecond(sample.start), truncateToSecond(sample.end), keyValue(sample));
}

/** The row of a sample that passed the structural checks, from its source; `dedup` when the caller has it already. */
export function prepareRow(sample: SampleInput, known: KnownSource, dedup: string = hashKey(rowKey(sample, known))): PreparedRow {
  const start = truncateToSecond(sample.start);
  const end = truncateToSecond(sample.end);
  return {
    type: sample.type,
    start_ms: start,
    dedup,
    end_ms: end,
    value: sample.value,
    category: sample.category,
    components: sample.components === null ? null : JSON.stringify(sample.components),
    utc_offset_min: effectiveOffset(sample),
    time_zone: sample.timeZone,
    provenance: sample.provenance,
    metadata: sample.metadata === null ? null : JSON.stringify(sample.metadata),
    external_id: sample.externalId,
  };
}

export function prepareSamples(samples: readonly SampleInput[]): PreparedSample[] {
  const sources = new SourceCache();
  return samples.map((sample): PreparedSample => {
    const problem = structuralProblem(sample);
    if (problem !== null) return { ok: false, reason: problem };
    const known = sources.of(sample);
    return { ok: true, source: known.row, row: prepareRow(sample, known) };
  });
}
