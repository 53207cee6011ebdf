/**
 * Prepared rows in columns, to move an import's batches between threads: numbers in typed arrays (transferred, not
 * copied), repeated strings (type, zone, category, provenance) and sources as indexes into small per-batch tables, and
 * only the strings that differ per row (metadata, components, external id) as arrays. Cloning thousands of row objects
 * cost the import more than writing them.
 *
 * The dedup keys travel unhashed, as UTF-8 bytes in one transferred buffer: the writing thread hashes them
 * (`dedupHashes`), which balances the import's two threads (parsing costs more than writing). As bytes, a batch's
 * keys are not a thousand strings kept alive in the parse worker's small young generation until the batch is sent
 * (measured: ~10 % of the parse worker's CPU, most of it garbage collection). Hashed, the rows are exactly what
 * `prepareSamples` makes of the same samples (same checks, same dedup hashes).
 */
import { hash } from 'node:crypto';
import type { SampleInput } from '../sample.js';
import type { SourceRow } from './observation-tx.js';
import type { PreparedRow, PreparedSample } from './prepared-sample.js';
import { prepareRow, rowKey, SourceCache, structuralProblem, type KnownSource } from './prepared-sample.js';

/** Per row in `numbers`: start_ms, end_ms, value, utc_offset_min (NaN stands for null: real values are finite). */
export const NUMBERS_PER_ROW = 4;
/** Per row in `codes`: type, source, time_zone, category, provenance (indexes into `strings`/`sources`; -1: null). */
export const CODES_PER_ROW = 5;
/** Room for a row's dedup key to start with (keys are ~100 bytes); the buffer grows when a batch needs more. */
const KEY_BYTES_PER_ROW = 160;

export interface PackedRows {
  /** Rows accepted. */
  readonly count: number;
  /** Samples refused by the structural checks (not in the rows). */
  readonly rejected: number;
  readonly numbers: Float64Array<ArrayBuffer>;
  readonly codes: Int32Array<ArrayBuffer>;
  /** Canonical dedup keys, not yet hashed, as UTF-8: row i's is keyBytes[keyEnds[i - 1] ?? 0, keyEnds[i]). */
  readonly keyBytes: Uint8Array<ArrayBuffer>;
  readonly keyEnds: Int32Array<ArrayBuffer>;
  readonly components: (string | null)[];
  readonly metadata: (string | null)[];
  readonly externalIds: (string | null)[];
  readonly strings: string[];
  readonly sources: SourceRow[];
}

/**
 * A batch's typed arrays, handed back by the writer once it is done with them (with its acknowledgement). Transferred
 * buffers are freed only when the receiving thread collects their wrappers, which a small heap does late: a fresh set
 * per batch (~220 kB) let a 1 GiB import pile up tens of MB of dead buffers in the write worker.
 */
export interface PackedBuffers {
  readonly numbers: ArrayBuffer;
  readonly codes: ArrayBuffer;
  readonly keyBytes: ArrayBuffer;
  readonly keyEnds: ArrayBuffer;
}

/** The buffers of `rows`, to hand back (their views must not be used afterwards). */
export function buffersOf(rows: PackedRows): PackedBuffers {
  return { numbers: rows.numbers.buffer, codes: rows.codes.buffer, keyBytes: rows.keyBytes.buffer, keyEnds: rows.keyEnds.buffer };
}

/** Collects samples into PackedRows; `take()` hands the batch over and starts the next. */
export class PackedRowsBuilder {
  /** Buffers handed back by the writer, reused before anything new is allocated. */
  private readonly spare: PackedBuffers[] = [];
  private readonly sourceCache = new SourceCache();
  private numbers: Float64Array<ArrayBuffer>;
  private codes: Int32Array<ArrayBuffer>;
  private count = 0;
  private rejected = 0;
  private keyBytes: Buffer<ArrayBuffer>;
  private keyEnds: Int32Array<ArrayBuffer>;
  private keyLength = 0;
  private components: (string | null)[] = [];
  private metadata: (string | null)[] = [];
  private externalIds: (string | null)[] = [];
  private strings: string[] = [];
  private stringIndex = new Map<string, number>();
  private sources: SourceRow[] = [];
  private sourceIndex = new Map<KnownSource, number>();

  constructor(private readonly capacity: number) {
    this.numbers = new Float64Array(capacity * NUMBERS_PER_ROW);
    this.codes = new Int32Array(capacity * CODES_PER_ROW);
    this.keyBytes = Buffer.alloc(capacity * KEY_BYTES_PER_ROW);
    this.keyEnds = new Int32Array(capacity);
  }

  /** Takes back a batch's buffers for a later batch. */
  recycle(buffers: PackedBuffers): void {
    this.spare.push(buffers);
  }

  /** Samples added since the last `take` (accepted or refused). */
  get size(): number {
    return this.count + this.rejected;
  }

  add(sample: SampleInput): void {
    if (structuralProblem(sample) !== null) {
      this.rejected++;
      return;
    }
    const known = this.sourceCache.of(sample);
    const row = prepareRow(sample, known, rowKey(sample, known)); // dedup: the key, hashed by the writer
    if (this.count * NUMBERS_PER_ROW === this.numbers.length) this.grow();
    const i = this.count++;
    const n = i * NUMBERS_PER_ROW;
    this.numbers[n] = row.start_ms;
    this.numbers[n + 1] = row.end_ms;
    this.numbers[n + 2] = row.value ?? Number.NaN;
    this.numbers[n + 3] = row.utc_offset_min ?? Number.NaN;
    const c = i * CODES_PER_ROW;
    this.codes[c] = this.intern(row.type);
    let source = this.sourceIndex.get(known);
    if (source === undefined) {
      source = this.sources.push(known.row) - 1;
      this.sourceIndex.set(known, source);
    }
    this.codes[c + 1] = source;
    this.codes[c + 2] = row.time_zone === null ? -1 : this.intern(row.time_zone);
    this.codes[c + 3] = row.category === null ? -1 : this.intern(row.category);
    this.codes[c + 4] = this.intern(row.provenance);
    this.addKey(i, row.dedup);
    this.components.push(row.components);
    this.metadata.push(row.metadata);
    this.externalIds.push(row.external_id);
  }

  /** The batch so far (its typed arrays are fresh, so they can be transferred), and an empty builder. */
  take(): PackedRows {
    const packed: PackedRows = {
      count: this.count,
      rejected: this.rejected,
      numbers: this.numbers,
      codes: this.codes,
      keyBytes: new Uint8Array(this.keyBytes.buffer, 0, this.keyLength),
      keyEnds: this.keyEnds,
      components: this.components,
      metadata: this.metadata,
      externalIds: this.externalIds,
      strings: this.strings,
      sources: this.sources,
    };
    // Buffers handed back may be larger than a fresh set (a batch grew them); never smaller.
    const spare = this.spare.pop();
    this.numbers = spare ? new Float64Array(spare.numbers) : new Float64Array(this.capacity * NUMBERS_PER_ROW);
    this.codes = spare ? new Int32Array(spare.codes) : new Int32Array(this.capacity * CODES_PER_ROW);
    this.keyBytes = spare ? Buffer.from(spare.keyBytes) : Buffer.alloc(this.capacity * KEY_BYTES_PER_ROW);
    this.keyEnds = spare ? new Int32Array(spare.keyEnds) : new Int32Array(this.capacity);
    this.keyLength = 0;
    this.count = 0;
    this.rejected = 0;
    this.components = [];
    this.metadata = [];
    this.externalIds = [];
    this.strings = [];
    this.stringIndex = new Map();
    this.sources = [];
    this.sourceIndex = new Map();
    return packed;
  }

  private intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.push(text) - 1;
      this.stringIndex.set(text, index);
    }
    return index;
  }

  private addKey(i: number, key: string): void {
    // A UTF-8 byte sequence is at most 3 bytes per UTF-16 code unit.
    if (this.keyLength + key.length * 3 > this.keyBytes.length) {
      const bytes = Buffer.alloc(Math.max(this.keyBytes.length * 2, this.keyLength + key.length * 3));
      this.keyBytes.copy(bytes, 0, 0, this.keyLength);
      this.keyBytes = bytes;
    }
    this.keyLength += this.keyBytes.write(key, this.keyLength, 'utf8');
    this.keyEnds[i] = this.keyLength;
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
    const keyEnds = new Int32Array(this.keyEnds.length * 2);
    keyEnds.set(this.keyEnds);
    this.keyEnds = keyEnds;
  }
}

/** Transferable buffers of a batch (for postMessage's transfer list). */
export function transferablesOf(rows: PackedRows): ArrayBuffer[] {
  return [rows.numbers.buffer, rows.codes.buffer, rows.keyBytes.buffer, rows.keyEnds.buffer];
}

function stringOr(strings: readonly string[], index: number): string | null {
  return index < 0 ? null : strings[index]!;
}

function numberOr(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** The stored dedup column of each row: the first 128 bits of its key's SHA-256 (as `hashKey` of the key string). */
export function dedupHashes(rows: PackedRows): string[] {
  const hashes = new Array<string>(rows.count);
  let start = 0;
  for (let i = 0; i < rows.count; i++) {
    const end = rows.keyEnds[i]!;
    hashes[i] = hash('sha256', rows.keyBytes.subarray(start, end), 'base64url').slice(0, 22);
    start = end;
  }
  return hashes;
}

/** Row `i` as a PreparedRow (the object-per-row paths: PostgreSQL, in-memory SQLite), with its hash from `dedupHashes`. */
export function unpackRow(rows: PackedRows, i: number, dedup: readonly string[]): PreparedRow {
  const n = i * NUMBERS_PER_ROW;
  const c = i * CODES_PER_ROW;
  return {
    type: rows.strings[rows.codes[c]!]!,
    start_ms: rows.numbers[n]!,
    dedup: dedup[i]!,
    end_ms: rows.numbers[n + 1]!,
    value: numberOr(rows.numbers[n + 2]!),
    category: stringOr(rows.strings, rows.codes[c + 3]!),
    components: rows.components[i]!,
    utc_offset_min: numberOr(rows.numbers[n + 3]!),
    time_zone: stringOr(rows.strings, rows.codes[c + 2]!),
    provenance: rows.strings[rows.codes[c + 4]!]!,
    metadata: rows.metadata[i]!,
    external_id: rows.externalIds[i]!,
  };
}

/** The batch as PreparedSamples, refused ones first (only their number matters to the writer). */
export function unpackRows(rows: PackedRows): PreparedSample[] {
  const dedup = dedupHashes(rows);
  const samples: PreparedSample[] = [];
  for (let i = 0; i < rows.rejected; i++) samples.push({ ok: false, reason: 'refused by the structural checks' });
  for (let i = 0; i < rows.count; i++)
    samples.push({ ok: true, row: unpackRow(rows, i, dedup), source: rows.sources[rows.codes[i * CODES_PER_ROW + 1]!]! });
  return samples;
}

/** Per type of a batch: earliest and latest start, latest end. */
export interface TypeSpan {
  earliest: number;
  latest: number;
  lastEnd: number;
}

export function typeSpans(rows: PackedRows): Map<string, TypeSpan> {
  const spans = new Map<string, TypeSpan>();
  for (let i = 0; i < rows.count; i++) {
    const type = rows.strings[rows.codes[i * CODES_PER_ROW]!]!;
    const start = rows.numbers[i * NUMBERS_PER_ROW]!;
    const end = rows.numbers[i * NUMBERS_PER_ROW + 1]!;
    const span = spans.get(type);
    if (span === undefined) spans.set(type, { earliest: start, latest: start, lastEnd: end });
    else {
      if (start < span.earliest) span.earliest = start;
      if (start > span.latest) span.latest = start;
      if (end > span.lastEnd) span.lastEnd = end;
    }
  }
  return spans;
}
