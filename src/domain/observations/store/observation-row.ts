/**
 * How a sample is identified and dated in storage. Instants are truncated to whole seconds (Apple's export has second
 * precision, so an app upload and a later export of the same sample must agree), and the row's dedup column is a
 * 128-bit SHA-256 prefix of the canonical dedup key (sources/dedup-key.ts): ~10^-19 collision odds at 10^10 rows.
 */
import { hash } from 'node:crypto';
import { dedupKey, deviceKey, sourceKey, type SampleValue } from '../sources/index.js';
import { localInZone } from '../sleep/index.js';
import type { SampleInput } from '../sample.js';

const SECOND = 1000;

export function truncateToSecond(epochMs: number): number {
  return Math.floor(epochMs / SECOND) * SECOND;
}

/** What the dedup key hashes as the sample's value: the number, the category, or the components (with the rest). */
export function keyValue(sample: SampleInput): SampleValue {
  if (sample.components !== null) {
    const parts: Record<string, SampleValue> = { ...sample.components };
    if (sample.category !== null) parts['@category'] = sample.category;
    if (sample.value !== null) parts['@value'] = sample.value;
    return parts;
  }
  if (sample.category !== null) return sample.value === null ? sample.category : [sample.category, sample.value];
  return sample.value;
}

/** `sourceKeyOf` / `deviceKeyOf`: the sample's source and device keys, when the caller has them already. */
export function dedupHash(
  sample: SampleInput,
  sourceKeyOf: string = sourceKey(sample.source.name),
  deviceKeyOf: string | null = deviceKey(sample.source.device ?? undefined),
): string {
  const key = dedupKey({
    type: sample.type,
    start: truncateToSecond(sample.start),
    end: truncateToSecond(sample.end),
    value: keyValue(sample),
    sourceKey: sourceKeyOf,
    deviceKey: deviceKeyOf,
  });
  return hashKey(key);
}

/** The stored form of a dedup key: base64url of the first 128 bits of its SHA-256. */
export function hashKey(key: string): string {
  return hash('sha256', key, 'base64url').slice(0, 22);
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
