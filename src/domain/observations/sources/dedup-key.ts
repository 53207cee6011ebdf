/**
 * The natural dedup key of a sample: (type, start, end, value in the canonical unit, source key, device key) as one
 * canonical string, so that the same export imported twice, or the same sample uploaded by the app and then found in
 * an export, is stored once.
 *
 *   obs1|<type>|<start s>|<end s>|<value>|<source key>|<device key, empty when none>
 *
 * Rules (all deterministic by the ECMAScript spec, so the key is the same on every engine and every run):
 *  - Instants: whole UTC seconds (floor of epoch ms / 1000). Apple's export writes second precision
 *    ("2018-09-10 02:28:55 -0700") while HealthKit and app uploads carry milliseconds; flooring makes both paths agree.
 *    Two genuinely different samples of the same type, source, device and value inside the same second would collide;
 *    for one device that is a duplicate in all but name.
 *  - Numbers: 10 significant digits (`toPrecision(10)`, then the shortest round-trip form: `72`, `48.745`, `1e-7`;
 *    `-0` → `0`). Relative resolution ≈ 1e-10…1e-9: far coarser than the noise of a unit conversion on doubles
 *    (≈ 1e-16 relative, e.g. mi→km gives 0.800131…0000001 on one path and …9999999 on another) and far finer than any
 *    sensor (≤ 7 significant digits). The residual risk is a value whose noise straddles a rounding boundary, about
 *    1e-6 of cross-path pairs; the same path always produces identical bits, hence identical keys.
 *  - Values may be a number, a category string (sleep stage), or components (blood pressure as
 *    `{ systolic, diastolic }` or an ordered list); objects are encoded with sorted keys, so their key order is
 *    irrelevant.
 *  - Strings are escaped (`\` and `|`) so the encoding is injective: different tuples never give the same key.
 *
 * No hash here: the storage layer hashes the key (node:crypto SHA-256, native and fast; or stores the key itself) under
 * a unique (person, key) index. A pure-JS non-cryptographic hash (FNV/cyrb53, 53–64 bits) would collide silently at
 * ~10^7 samples per person × many people (birthday bound), dropping a real sample as a "duplicate"; a pure-JS SHA-256
 * would be slower than the native one that storage has anyway. The key stays readable, which helps debugging, and the
 * `obs1` prefix lets the rules change later without mixing generations.
 */
import { escapeKeyPart } from './normalise.js';
import { sourceKey } from './source-class.js';

export const DEDUP_KEY_VERSION = 'obs1';
export const DEDUP_SIGNIFICANT_DIGITS = 10;

export type SampleValue = number | string | boolean | null | readonly SampleValue[] | { readonly [component: string]: SampleValue };

export interface DedupKeyInput {
  /** Our observation type id (e.g. `steps`, `heart_rate`). */
  readonly type: string;
  /** UTC instants, epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  /** Value already converted to the type's canonical unit. */
  readonly value: SampleValue;
  /** sourceKey(sourceName); normalised again here (idempotent), so a raw source name gives the same key. */
  readonly sourceKey: string;
  /** deviceKey(device), or null when the sample has no device. */
  readonly deviceKey: string | null;
}

/** A finite number in canonical form (10 significant digits, shortest representation). */
export function canonicalNumber(value: number): string {
  // Integers of at most 10 digits are already canonical (toPrecision(10) keeps them exactly); -0 is not one of them.
  if (Number.isInteger(value) && value !== 0 && Math.abs(value) < 1e10) return String(value);
  if (!Number.isFinite(value)) throw new RangeError(`dedup key: value must be finite, got ${value}`);
  const rounded = Number(value.toPrecision(DEDUP_SIGNIFICANT_DIGITS));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An instant (epoch ms) as whole UTC seconds. */
export function canonicalInstant(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`dedup key: instant must be finite, got ${epochMs}`);
  const seconds = Math.floor(epochMs / 1000);
  return String(Object.is(seconds, -0) ? 0 : seconds);
}

/** A value in canonical form; tagged by kind so `1`, `"1"` and `[1]` never coincide. */
export function canonicalValue(value: SampleValue): string {
  if (value === null) return 'z';
  if (typeof value === 'number') return `n${canonicalNumber(value)}`;
  if (typeof value === 'boolean') return value ? 'b1' : 'b0';
  if (typeof value === 'string') return `s${escapeValueString(value)}`;
  if (Array.isArray(value)) return `[${(value as readonly SampleValue[]).map(canonicalValue).join(',')}]`;
  const record = value as { readonly [component: string]: SampleValue };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${escapeValueString(key)}=${canonicalValue(record[key]!)}`).join(',')}}`;
}

/** Escapes the characters that structure a value (`\ | , = [ ] { }`) so nested values stay unambiguous. */
function escapeValueString(text: string): string {
  return text.replace(/[\\|,=[\]{}]/g, (ch) => `\\${ch}`);
}

/** The natural dedup key of a sample (see the module comment for the rules). */
export function dedupKey(sample: DedupKeyInput): string {
  if (sample.type === '') throw new RangeError('dedup key: type is required');
  const start = canonicalInstant(sample.start);
  const end = canonicalInstant(sample.end);
  if (sample.end < sample.start) throw new RangeError('dedup key: end is before start');
  if (sample.deviceKey === '') throw new RangeError('dedup key: deviceKey must be null or non-empty');
  const source = sourceKey(sample.sourceKey);
  if (source === '') throw new RangeError('dedup key: sourceKey is required');
  return [
    DEDUP_KEY_VERSION,
    escapeKeyPart(sample.type),
    start,
    end,
    escapeKeyPart(canonicalValue(sample.value)),
    escapeKeyPart(source),
    sample.deviceKey === null ? '' : escapeKeyPart(sample.deviceKey),
  ].join('|');
}

/**
 * `dedupKey` for many samples of one source and device (an import): the source and device parts are normalised and
 * escaped once, not per sample. Returns exactly what `dedupKey` returns for the same input (property-tested).
 */
export function dedupKeyForSource(sourceKeyOrName: string, deviceKeyOf: string | null): (type: string, start: number, end: number, value: SampleValue) => string {
  if (deviceKeyOf === '') throw new RangeError('dedup key: deviceKey must be null or non-empty');
  const source = sourceKey(sourceKeyOrName);
  if (source === '') throw new RangeError('dedup key: sourceKey is required');
  const tail = `|${escapeKeyPart(source)}|${deviceKeyOf === null ? '' : escapeKeyPart(deviceKeyOf)}`;
  return (type, start, end, value) => {
    if (type === '') throw new RangeError('dedup key: type is required');
    if (end < start) throw new RangeError('dedup key: end is before start');
    return `${DEDUP_KEY_VERSION}|${escapeKeyPart(type)}|${canonicalInstant(start)}|${canonicalInstant(end)}|${escapeKeyPart(canonicalValue(value))}${tail}`;
  };
}
