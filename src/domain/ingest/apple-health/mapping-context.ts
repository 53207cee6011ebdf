/**
 * What the element mappers share: where their results go (MappingSink), the per-record refusal (RecordRejection),
 * attribute readers that refuse instead of guessing, and caches that keep a multi-GB import cheap (one SampleSource
 * object per source/device, one time-zone check per zone name).
 */
// From the observation domain's parts, not its index: the import's worker threads would load the store (and Kysely, ~8 MB
// of heap per thread) through it.
import { toCanonical, UnitConversionError, type ObservationTypeId } from '../../observations/catalogue/index.js';
import type { MetadataValue, SampleInput, SampleSource } from '../../observations/index.js';
import { isValidTimeZone } from '../../observations/sleep/index.js';
import { parseHkDevice, wasUserEntered } from '../../observations/sources/index.js';
import { parseExportInstant, parseExportOffsetMinutes } from './export-date.js';
import type { ExportElement } from './export-events.js';
import type {
  ActivitySummary,
  AttributeMap,
  ElementPosition,
  ExportDate,
  MeCharacteristics,
  RecordError,
  RecordErrorCode,
  SampleInfo,
} from './export-types.js';

/** Where mapped elements go. */
export interface MappingSink {
  sample(sample: SampleInput, info: SampleInfo): void;
  activitySummary(summary: ActivitySummary, position: ElementPosition): void;
  me(me: MeCharacteristics): void;
  exportDate(exportDate: ExportDate): void;
  recordError(error: RecordError): void;
  /** A type (HealthKit identifier) or element (ClinicalRecord, Audiogram, …) we do not import; skipped. */
  unsupported(identifier: string): void;
  /** Records nested in a correlation: part of the correlation's sample, never samples of their own. */
  nestedRecords(count: number): void;
}

/** Thrown by a mapper for a record it must skip; the mapper's caller reports it as a RecordError. */
export class RecordRejection extends Error {
  constructor(
    readonly code: RecordErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function requireAttribute(attributes: AttributeMap, name: string): string {
  const value = attributes[name];
  if (value === undefined) throw new RecordRejection('missing_attribute', `missing attribute ${name}`);
  return value;
}

/** A decimal number as the export writes it, or NaN (empty, words, non-finite). */
export function parseNumber(text: string | undefined): number {
  if (text === undefined || text.length === 0) return Number.NaN;
  const c = text.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return Number.NaN;
  const n = +text;
  return Number.isFinite(n) ? n : Number.NaN;
}

export function requireNumber(attributes: AttributeMap, name: string): number {
  const text = requireAttribute(attributes, name);
  const n = parseNumber(text);
  if (Number.isNaN(n)) throw new RecordRejection('bad_value', `${name} ${JSON.stringify(text)} is not a number`);
  return n;
}

/** An optional number: null when absent, a refusal when present but not a number. */
export function optionalNumber(attributes: AttributeMap, name: string): number | null {
  return attributes[name] === undefined ? null : requireNumber(attributes, name);
}

export function requireInstant(attributes: AttributeMap, name: string): number {
  const text = requireAttribute(attributes, name);
  const ms = parseExportInstant(text);
  if (Number.isNaN(ms)) throw new RecordRejection('bad_date', `${name} ${JSON.stringify(text)} is not a date`);
  return ms;
}

/** `value` in `unit` → the canonical unit of `typeId` (HealthKit dialect); unit problems become refusals. */
export function convert(typeId: ObservationTypeId, value: number, unit: string): number {
  try {
    return toCanonical(typeId, value, unit, 'healthkit');
  } catch (error) {
    if (error instanceof UnitConversionError) {
      throw new RecordRejection(error.code === 'invalid_value' ? 'bad_value' : error.code, error.message);
    }
    throw error;
  }
}

/** Metadata of an element (its `<MetadataEntry key= value=>` children), with the keys the sample has fields for. */
export interface ElementMetadata {
  readonly metadata: Readonly<Record<string, MetadataValue>> | null;
  readonly timeZone: string | null;
  readonly userEntered: boolean;
}

const NO_METADATA: ElementMetadata = { metadata: null, timeZone: null, userEntered: false };
const TIME_ZONE_KEY = 'HKTimeZone';
const USER_ENTERED_KEYS = new Set(['HKWasUserEntered', 'HKMetadataKeyWasUserEntered']);
/** Longest metadata value kept: metadata is for small scalars, not documents. */
export const MAX_METADATA_VALUE_LENGTH = 1024;

const CACHE_LIMIT = 10_000;

/** A recently seen source: its device description split around the object address. */
interface RecentSource {
  readonly name: string;
  readonly version: string | null;
  readonly hasDevice: boolean;
  /** Where the address starts, or -1 (then `prefix` is the whole description). */
  readonly addressStart: number;
  readonly prefix: string;
  readonly suffix: string;
  readonly source: SampleSource;
}

/** Sources of consecutive records are few (watch, phone, an app or two): a short list is checked before the map. */
const RECENT_SOURCES = 8;

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function sameDevice(entry: RecentSource, device: string | undefined, addressStart: number, addressEnd: number): boolean {
  if (device === undefined) return !entry.hasDevice;
  if (!entry.hasDevice || entry.addressStart !== addressStart) return false;
  if (addressStart < 0) return device === entry.prefix;
  return device.length - addressEnd === entry.suffix.length && device.startsWith(entry.prefix) && device.endsWith(entry.suffix);
}

export class MappingContext {
  private readonly sources = new Map<string, SampleSource>();
  private readonly recent: RecentSource[] = [];
  private nextRecent = 0;
  private readonly zones = new Map<string, boolean>();

  /** The SampleSource of an element (sourceName, sourceVersion, device), shared between samples of the same source. */
  source(attributes: AttributeMap): SampleSource {
    const name = requireAttribute(attributes, 'sourceName');
    const version = attributes['sourceVersion'] ?? null;
    const device = attributes['device'];
    // The HKDevice description starts with an object address that changes on every record: compare without it.
    let addressStart = -1;
    let addressEnd = -1;
    if (device !== undefined) {
      addressStart = device.indexOf('0x');
      if (addressStart >= 0) {
        addressEnd = addressStart + 2;
        while (addressEnd < device.length && isHexDigit(device.charCodeAt(addressEnd))) addressEnd++;
      }
    }
    for (const entry of this.recent) {
      if (entry.name === name && entry.version === version && sameDevice(entry, device, addressStart, addressEnd)) return entry.source;
    }
    const prefix = device === undefined ? '' : addressStart < 0 ? device : device.slice(0, addressStart);
    const suffix = device === undefined || addressStart < 0 ? '' : device.slice(addressEnd);
    const key = `${name}\u0000${version ?? '\u0001'}\u0000${device === undefined ? '\u0001' : ''}${prefix}\u0000${suffix}`;
    let source = this.sources.get(key);
    if (source === undefined) {
      source = { name, version, bundleId: null, device: device === undefined ? null : (parseHkDevice(device) ?? null) };
      if (this.sources.size >= CACHE_LIMIT) this.sources.clear();
      this.sources.set(key, source);
    }
    this.recent[this.nextRecent] = { name, version, hasDevice: device !== undefined, addressStart, prefix, suffix, source };
    this.nextRecent = (this.nextRecent + 1) % RECENT_SOURCES;
    return source;
  }

  /** The IANA zone if the runtime knows it, else null. */
  timeZone(zone: string): string | null {
    let valid = this.zones.get(zone);
    if (valid === undefined) {
      valid = isValidTimeZone(zone);
      if (this.zones.size >= CACHE_LIMIT) this.zones.clear();
      this.zones.set(zone, valid);
    }
    return valid ? zone : null;
  }

  /** Reads the MetadataEntry children of `element`; HKTimeZone and HKWasUserEntered become fields of their own. */
  metadataOf(element: ExportElement): ElementMetadata {
    const children = element.children;
    if (children.length === 0) return NO_METADATA;
    let metadata: Record<string, MetadataValue> | null = null;
    let timeZone: string | null = null;
    let userEntered = false;
    for (const child of children) {
      if (child.name !== 'MetadataEntry') continue;
      const key = child.attributes['key'];
      const value = child.attributes['value'];
      if (key === undefined || value === undefined || key === '__proto__') continue;
      if (key === TIME_ZONE_KEY) {
        timeZone = this.timeZone(value);
        if (timeZone !== null) continue;
      } else if (USER_ENTERED_KEYS.has(key)) {
        userEntered = wasUserEntered({ [key]: value });
        continue;
      }
      if (value.length > MAX_METADATA_VALUE_LENGTH) continue;
      metadata ??= {};
      if (metadata[key] === undefined) metadata[key] = value;
    }
    return { metadata, timeZone, userEntered };
  }
}

/** A SampleInput from an element's mapped fields, its own attributes (dates, source) and metadata. */
export function makeSample(
  type: ObservationTypeId,
  start: number,
  end: number,
  value: number | null,
  category: string | null,
  components: Readonly<Record<string, number>> | null,
  attributes: AttributeMap,
  meta: ElementMetadata,
  context: MappingContext,
): SampleInput {
  return {
    type,
    start,
    end,
    value,
    category,
    components,
    utcOffsetMinutes: parseExportOffsetMinutes(attributes['startDate'] ?? ''),
    timeZone: meta.timeZone,
    source: context.source(attributes),
    provenance: meta.userEntered ? 'user_entered' : 'sensed',
    metadata: meta.metadata,
    externalId: null,
  };
}

/** `creationDate` as epoch ms, or null (it is optional and only informative). */
export function createdAt(attributes: AttributeMap): number | null {
  const text = attributes['creationDate'];
  if (text === undefined) return null;
  const ms = parseExportInstant(text);
  return Number.isNaN(ms) ? null : ms;
}
