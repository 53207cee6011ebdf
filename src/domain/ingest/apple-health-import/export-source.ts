/**
 * Opens an export for parsing: a plain export.xml is streamed as is; an export.zip through the archive reader.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ExportSource {
  readonly stream: AsyncIterable<Buffer>;
  /** Bytes of XML, when known before reading (an xml file's size, a zip entry's uncompressed size). */
  readonly xmlBytes: number | null;
}

export async function openExportSource(filePath: string): Promise<ExportSource> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) === 0x04034b50) throw new Error('zip exports: the archive reader is not wired yet');
    return { stream: createReadStream(filePath, { highWaterMark: 1 << 20 }), xmlBytes: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}
