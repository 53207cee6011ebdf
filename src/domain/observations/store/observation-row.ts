/**
 * A SampleInput as a stored row, and back. Instants are truncated to whole seconds (Apple's export has second
 * precision, so an app upload and a later export of the same sample must agree), and the row's dedup column is a
 * 128-bit SHA-256 prefix of the canonical dedup key (sources/dedup-key.ts): ~10^-19 collision odds at 10^10 rows.
 */
import { createHash } from 'node:crypto';
import { dedupKey, deviceKey, sourceKey, type SampleValue } from '../sources/index.js';
import { localInZone } from '../sleep/index.js';
import type { SampleInput } from '../sample.js';

const SECOND = 1000;

export interface ObservationRow {
  readonly person_id: string;
  readonly type: string;
  readonly start_ms: number;
  readonly dedup: string;
  readonly end_ms: number;
  readonly value: number | null;
  readonly category: string | null;
  readonly components: string | null;
  readonly utc_offset_min: number | null;
  readonly time_zone: string | null;
  readonly source_id: number;
  readonly provenance: string;
  readonly metadata: string | null;
  readonly external_id: string | null;
  readonly batch_id: string;
}

export function truncateToSecond(epochMs: number): number {
  return Math.floor(epochMs / SECOND) * SECOND;
}

/** What the dedup key hashes as the sample's value: the number, the category, or the components (with the rest). */
function keyValue(sample: SampleInput): SampleValue {
  if (sample.components !== null) {
    const parts: Record<string, SampleValue> = { ...sample.components };
    if (sample.category !== null) parts['@category'] = sample.category;
    if (sample.value !== null) parts['@value'] = sample.value;
    return parts;
  }
  if (sample.category !== null) return sample.value === null ? sample.category : [sample.category, sample.value];
  return sample.value;
}

export function dedupHash(sample: SampleInput): string {
  const key = dedupKey({
    type: sample.type,
    start: truncateToSecond(sample.start),
    end: truncateToSecond(sample.end),
    value: keyValue(sample),
    sourceKey: sourceKey(sample.source.name),
    deviceKey: deviceKey(sample.source.device ?? undefined),
  });
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

/** The offset to date the sample by: the recorded one, else the one its IANA zone had at that instant. */
export function effectiveOffset(sample: Pick<SampleInput, 'start' | 'utcOffsetMinutes' | 'timeZone'>): number | null {
  if (sample.utcOffsetMinutes !== null) return sample.utcOffsetMinutes;
  if (sample.timeZone === null) return null;
  try {
    const local = localInZone(sample.start, sample.timeZone);
    const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
    const localMs = Date.UTC(y, m - 1, d) + local.minuteOfDay * 60_000;
    return Math.round((localMs - truncateToMinute(sample.start)) / 60_000);
  } catch {
    return null;
  }
}

function truncateToMinute(epochMs: number): number {
  return Math.floor(epochMs / 60_000) * 60_000;
}

export function toRow(sample: SampleInput, personId: string, batchId: string, sourceId: number): ObservationRow {
  return {
    person_id: personId,
    type: sample.type,
    start_ms: truncateToSecond(sample.start),
    dedup: dedupHash(sample),
    end_ms: truncateToSecond(sample.end),
    value: sample.value,
    category: sample.category,
    components: sample.components === null ? null : JSON.stringify(sample.components),
    utc_offset_min: effectiveOffset(sample),
    time_zone: sample.timeZone,
    source_id: sourceId,
    provenance: sample.provenance,
    metadata: sample.metadata === null ? null : JSON.stringify(sample.metadata),
    external_id: sample.externalId,
    batch_id: batchId,
  };
}
