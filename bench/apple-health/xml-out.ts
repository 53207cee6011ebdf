/**
 * The text being written, a tally of what was written, and the helpers that put a `<Record>` together the way
 * Apple's export does: attributes in Apple's order (type, sourceName, sourceVersion, device, unit, creationDate,
 * startDate, endDate, value), one space before top-level elements, one more per level of nesting.
 */
import type { AppleClock } from './apple-clock.js';

export interface RouteRef {
  /** `/workout-routes/route_2024-01-02_7.45am.gpx` as written in the FileReference. */
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly day: number;
  readonly kind: string;
}

export class XmlOut {
  private text = '';
  readonly counts = new Map<string, number>();
  readonly routes: RouteRef[] = [];

  add(s: string): void {
    this.text += s;
  }

  /** Characters waiting (UTF-16 units: a lower bound on the bytes). */
  get pending(): number {
    return this.text.length;
  }

  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }

  count(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
}

export const HKQ = 'HKQuantityTypeIdentifier';
export const HKC = 'HKCategoryTypeIdentifier';

/** `<MetadataEntry key="…" value="…"/>` at the given indent, counted. Values must already be XML-safe. */
export function meta(out: XmlOut, indent: string, key: string, value: string): string {
  out.count('MetadataEntry');
  return `${indent}<MetadataEntry key="${key}" value="${value}"/>\n`;
}

export interface RecordFields {
  /** `HKQuantityTypeIdentifierHeartRate`, … */
  readonly type: string;
  /** ` sourceName="…" sourceVersion="…"` */
  readonly source: string;
  /** ` device="…"` or '' */
  readonly device: string;
  /** 'count/min', … or null (category types have no unit). */
  readonly unit: string | null;
  readonly created: number;
  readonly start: number;
  readonly end: number;
  readonly value: string | null;
  /** Child elements, already indented one level deeper than the record, or ''. */
  readonly children: string;
  /** Tally key when it is not the type (records nested in a correlation are tallied apart). */
  readonly countAs?: string;
}

/** One `<Record>` element; `indent` is ' ' at top level, '  ' inside a Correlation. Counted under its type. */
export function record(out: XmlOut, clock: AppleClock, indent: string, f: RecordFields): string {
  out.count(f.countAs ?? f.type);
  const unit = f.unit === null ? '' : ` unit="${f.unit}"`;
  const value = f.value === null ? '' : ` value="${f.value}"`;
  const head =
    `${indent}<Record type="${f.type}"${f.source}${f.device}${unit} creationDate="${clock.format(f.created)}"` +
    ` startDate="${clock.format(f.start)}" endDate="${clock.format(f.end)}"${value}`;
  return f.children === '' ? `${head}/>\n` : `${head}>\n${f.children}${indent}</Record>\n`;
}

/** A UUID (v4 layout) from the generator's PRNG, upper-case as HealthKit prints them. */
export function uuid(hex: (n: number) => string): string {
  const h = hex(32).toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-A${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
