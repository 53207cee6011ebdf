/**
 * Opens an export for parsing: a plain export.xml is streamed as is; an export.zip through the archive reader, which
 * finds the (possibly localised) XML entry and enforces the zip-bomb limits while it inflates.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { openZipExportXml } from '../../../platform/archive/zip-export-reader.js';

export interface ExportSource {
  readonly stream: AsyncIterable<Buffer>;
  /** Bytes of XML, when known before reading (an xml file's size, a zip entry's uncompressed size). */
  readonly xmlBytes: number | null;
}

const ZIP_LOCAL_HEADER = 0x04034b50;

export async function openExportSource(filePath: string): Promise<ExportSource> {
  const handle = await open(filePath, 'r');
  let isZip: boolean;
  let size: number;
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    isZip = bytesRead === 4 && head.readUInt32LE(0) === ZIP_LOCAL_HEADER;
    size = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  if (!isZip) return { stream: createReadStream(filePath, { highWaterMark: 1 << 20 }), xmlBytes: size };
  const entry = await openZipExportXml(filePath);
  return { stream: entry.stream, xmlBytes: entry.uncompressedSize };
}
