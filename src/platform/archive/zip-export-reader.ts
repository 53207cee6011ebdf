/**
 * Finds the export XML inside an Apple Health `export.zip` and streams its inflated bytes (yauzl: Zip64, streaming
 * inflate, sizes validated). Hostile archives are refused with a typed ZipExportError:
 *
 * - zip bombs: the archive's declared uncompressed total and the XML entry's size are capped (`maxUncompressedBytes`,
 *   default 64 GiB), so is its number of entries (`maxEntries`), and so is the XML's compression ratio once it is larger than
 *   `ratioThresholdBytes` (default 100 MB: ratio above `maxCompressionRatio`, default 200:1; real exports compress
 *   about 10–30:1). The bytes actually inflated are counted as they stream, so a header that under-declares is caught
 *   too (and yauzl itself refuses more bytes than declared);
 * - truncated or corrupt archives (no end-of-central-directory record, data past the end of the file, fewer bytes
 *   than declared), encrypted entries, unknown compression methods;
 * - archives without an export XML.
 *
 * Which entry is the export: an `.xml` file at the top level or in one folder (`apple_health_export/export.xml`; the
 * name is localised: `Exportieren.xml`, `exportar.xml`, …) that is not the CDA document (`export_cda.xml`, localised
 * `…_cda.xml`), not under `workout-routes/`, `electrocardiograms/` or `clinical-records/`, and not macOS metadata
 * (`__MACOSX/`, `._*`). If several qualify, the largest.
 */
import { open as openFile } from 'node:fs/promises';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * Inflated bytes per chunk. zlib's default (16 KiB) makes a 1 GiB export 65,000 round trips to the thread pool and as
 * many stream callbacks, which cost the parse worker ~15 % of its time; 256 KiB chunks cost a sixteenth of that.
 */
const INFLATE_CHUNK_BYTES = 256 * 1024;

export type ZipExportErrorCode =
  /** Not a zip archive at all. */
  | 'not_a_zip'
  /** The archive ends early: no central directory, entry data past the end, fewer bytes than declared. */
  | 'truncated'
  /** Inconsistent archive structure or compressed data. */
  | 'corrupt'
  /** No export XML in the archive. */
  | 'no_export_xml'
  /** Over the uncompressed-size or entry-count cap. */
  | 'too_large'
  /** Compression ratio of a zip bomb. */
  | 'suspicious_ratio'
  | 'encrypted'
  | 'unsupported_compression';

export class ZipExportError extends Error {
  constructor(
    readonly code: ZipExportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ZipExportError';
  }
}

export interface ZipExportLimits {
  /** Cap on the archive's declared uncompressed total and on the bytes inflated from the XML. Default 64 GiB. */
  readonly maxUncompressedBytes?: number;
  /** Largest uncompressed:compressed ratio accepted for the XML once it exceeds `ratioThresholdBytes`. Default 200. */
  readonly maxCompressionRatio?: number;
  /** Size above which the ratio cap applies (small files legitimately compress very well). Default 100 MB. */
  readonly ratioThresholdBytes?: number;
  /** Most entries an archive may list (real exports: a few thousand routes, ECGs, clinical records). Default 1 000 000. */
  readonly maxEntries?: number;
}

export const DEFAULT_ZIP_LIMITS: Required<ZipExportLimits> = {
  maxUncompressedBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 200,
  ratioThresholdBytes: 100 * 1000 * 1000,
  maxEntries: 1_000_000,
};

export interface ZipExportXml {
  /** Path of the entry inside the archive (`apple_health_export/export.xml`). */
  readonly entryName: string;
  /** Declared (and, by the end of the stream, verified) uncompressed size: the total for progress. */
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** The inflated XML. Errors are ZipExportErrors. The archive closes when the stream ends or is destroyed. */
  readonly stream: Readable;
  /** Stops reading and closes the archive (same as destroying the stream). */
  close(): void;
}

export interface ZipEntrySummary {
  readonly fileName: string;
  readonly uncompressedSize: number;
}

const EXCLUDED_FOLDERS = new Set(['workout-routes', 'electrocardiograms', 'clinical-records', '__macosx']);

/** Whether an archive path can be the export XML (see the rules at the top of this file). */
export function isExportXmlCandidate(fileName: string): boolean {
  const path = fileName.replace(/\\/g, '/');
  if (path.endsWith('/')) return false;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.length > 2) return false;
  const base = segments[segments.length - 1]!.toLowerCase();
  if (!base.endsWith('.xml') || base.startsWith('._') || base.endsWith('_cda.xml')) return false;
  return !segments.slice(0, -1).some((folder) => EXCLUDED_FOLDERS.has(folder.toLowerCase()));
}

/** The export XML among the entries (largest candidate), or undefined. */
export function chooseExportXml<T extends ZipEntrySummary>(entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    if (isExportXmlCandidate(entry.fileName) && (best === undefined || entry.uncompressedSize > best.uncompressedSize)) best = entry;
  }
  return best;
}

const ZIP_MAGIC = [0x50, 0x4b]; // "PK"

async function startsLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return (
      bytesRead === 4 && head[0] === ZIP_MAGIC[0] && head[1] === ZIP_MAGIC[1] && (head[2] === 3 || head[2] === 5) && head[3] === head[2] + 1
    );
  } finally {
    await handle.close();
  }
}

/** A yauzl / zlib error as a ZipExportError. */
function classify(error: unknown): ZipExportError {
  if (error instanceof ZipExportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const truncated = /signature not found|overflows file bounds|not enough bytes|unexpected EOF|unexpected end of file|file is truncated/i;
  if (truncated.test(message)) return new ZipExportError('truncated', `the archive is truncated: ${message}`, { cause: error });
  if (/too many bytes/i.test(message)) {
    return new ZipExportError('corrupt', `an entry inflates to more bytes than it declares: ${message}`, { cause: error });
  }
  if (/encrypt/i.test(message)) return new ZipExportError('encrypted', `the archive is encrypted: ${message}`, { cause: error });
  if (/compression method/i.test(message)) {
    return new ZipExportError('unsupported_compression', `unsupported compression: ${message}`, { cause: error });
  }
  return new ZipExportError('corrupt', `the archive is corrupt: ${message}`, { cause: error });
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(classify(error ?? new Error('no archive')));
      else resolve(zip);
    });
  });
}

interface ArchiveSummary {
  /** The entries that could be the export XML (the others are not kept: an archive may list millions). */
  readonly candidates: yauzl.Entry[];
}

/** Reads the central directory, keeping only export candidates; refuses too many entries or too many bytes. */
function readEntries(zip: yauzl.ZipFile, limits: Required<ZipExportLimits>): Promise<ArchiveSummary> {
  return new Promise((resolve, reject) => {
    const candidates: yauzl.Entry[] = [];
    let declaredTotal = 0;
    let count = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      count++;
      declaredTotal += entry.uncompressedSize;
      if (count > limits.maxEntries) {
        reject(new ZipExportError('too_large', `the archive lists more than ${limits.maxEntries} entries`));
        return;
      }
      if (declaredTotal > limits.maxUncompressedBytes) {
        reject(new ZipExportError('too_large', `the archive declares more than ${limits.maxUncompressedBytes} uncompressed bytes`));
        return;
      }
      if (isExportXmlCandidate(entry.fileName)) candidates.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve({ candidates }));
    zip.once('error', (error: unknown) => reject(classify(error)));
    zip.readEntry();
  });
}

/** The entry's bytes: stored ones as they are, deflated ones through our own inflater (large chunks, see above). */
function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, entry.compressionMethod === 0 ? {} : { decompress: false }, (error, raw) => {
      if (error || !raw) {
        reject(classify(error ?? new Error('no stream')));
        return;
      }
      if (entry.compressionMethod === 0) {
        resolve(raw);
        return;
      }
      const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
      raw.on('error', (failure: unknown) => inflate.destroy(failure instanceof Error ? failure : new Error(String(failure))));
      inflate.on('close', () => raw.destroy());
      resolve(raw.pipe(inflate));
    });
  });
}

/** Counts inflated bytes and enforces the declared size, the size cap and the ratio cap as they stream. */
class InflateGuard extends Transform {
  private inflated = 0;

  constructor(
    private readonly entry: yauzl.Entry,
    private readonly limits: Required<ZipExportLimits>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.inflated += chunk.length;
    const { entry, limits } = this;
    if (this.inflated > entry.uncompressedSize) {
      callback(new ZipExportError('corrupt', `${entry.fileName} inflates to more than the ${entry.uncompressedSize} bytes it declares`));
    } else if (this.inflated > limits.maxUncompressedBytes) {
      callback(new ZipExportError('too_large', `${entry.fileName} inflates to more than ${limits.maxUncompressedBytes} bytes`));
    } else if (this.inflated > limits.ratioThresholdBytes && this.inflated > limits.maxCompressionRatio * entry.compressedSize) {
      // Defence in depth: an honest header with this ratio was refused at open, a lying one by the size check above.
      callback(
        new ZipExportError('suspicious_ratio', `${entry.fileName} inflates more than ${limits.maxCompressionRatio}:1 (a zip bomb?)`),
      );
    } else {
      callback(null, chunk);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.inflated < this.entry.uncompressedSize) {
      callback(
        new ZipExportError('truncated', `${this.entry.fileName} ends after ${this.inflated} of ${this.entry.uncompressedSize} bytes`),
      );
    } else {
      callback();
    }
  }
}

/** Opens `path` as an Apple Health export archive and streams its export XML (see the top of this file). */
export async function openZipExportXml(path: string, limits: ZipExportLimits = {}): Promise<ZipExportXml> {
  const settings: Required<ZipExportLimits> = { ...DEFAULT_ZIP_LIMITS, ...limits };
  if (!(await startsLikeZip(path))) throw new ZipExportError('not_a_zip', 'the file is not a zip archive');
  const zip = await openZip(path);
  try {
    const { candidates } = await readEntries(zip, settings);
    const entry = chooseExportXml(candidates);
    if (entry === undefined) throw new ZipExportError('no_export_xml', 'the archive holds no Apple Health export XML');
    if (entry.isEncrypted()) throw new ZipExportError('encrypted', `${entry.fileName} is encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ZipExportError('unsupported_compression', `${entry.fileName} uses compression method ${entry.compressionMethod}`);
    }
    if (
      entry.uncompressedSize > settings.ratioThresholdBytes &&
      entry.uncompressedSize > settings.maxCompressionRatio * entry.compressedSize
    ) {
      throw new ZipExportError(
        'suspicious_ratio',
        `${entry.fileName} declares ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed (over ${settings.maxCompressionRatio}:1, a zip bomb?)`,
      );
    }
    const source = await openEntry(zip, entry);
    const guard = new InflateGuard(entry, settings);
    source.on('error', (error: unknown) => guard.destroy(classify(error)));
    guard.on('close', () => {
      source.destroy();
      zip.close();
    });
    source.pipe(guard);
    return {
      entryName: entry.fileName,
      uncompressedSize: entry.uncompressedSize,
      compressedSize: entry.compressedSize,
      stream: guard,
      close: () => {
        guard.destroy();
      },
    };
  } catch (error) {
    zip.close();
    throw classify(error);
  }
}
