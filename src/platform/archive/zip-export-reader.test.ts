/**
 * The export-zip reader: which entry is the export, the real iOS 16 export.zip fixture, and hostile archives built
 * here with yazl (zip bombs, lying headers, truncation, encryption flag, archives without an export).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { chooseExportXml, isExportXmlCandidate, openZipExportXml, ZipExportError, type ZipExportErrorCode } from './zip-export-reader.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/apple-health/jshrake-example/export.zip', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'homeostat-zip-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let counter = 0;
type Content = string | Buffer | (() => Readable);

/** Writes a zip of `entries` (deflated unless `store`) and returns its path. */
async function makeZip(entries: Record<string, Content>, store = false): Promise<string> {
  const path = join(directory, `archive-${counter++}.zip`);
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    if (typeof content === 'function') zip.addReadStream(content(), name, { compress: !store });
    else zip.addBuffer(Buffer.from(content), name, { compress: !store });
  }
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await finished(out);
  return path;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function failure(run: () => Promise<unknown>): Promise<ZipExportErrorCode | 'ok'> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof ZipExportError) return error.code;
    throw error;
  }
}

/** Offset of the (first) central-directory header in a zip. */
function centralDirectory(zip: Buffer): number {
  const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  expect(at).toBeGreaterThan(0);
  return at;
}

describe('which entry is the export', () => {
  it('accepts the export XML in any language, at the top or in one folder', () => {
    for (const name of [
      'apple_health_export/export.xml',
      'apple_health_export/Exportieren.xml',
      'apple_health_export/exportar.xml',
      'export.xml',
      'Export/EXPORT.XML',
    ]) {
      expect(isExportXmlCandidate(name), name).toBe(true);
    }
  });

  it('refuses the CDA document, routes, ECGs, clinical records, macOS metadata, folders and deep paths', () => {
    for (const name of [
      'apple_health_export/export_cda.xml',
      'apple_health_export/Exportieren_cda.xml',
      'apple_health_export/workout-routes/route.xml',
      'workout-routes/route.xml',
      'apple_health_export/electrocardiograms/ecg.xml',
      'apple_health_export/clinical-records/x.xml',
      '__MACOSX/apple_health_export/._export.xml',
      '__MACOSX/export.xml',
      'apple_health_export/._export.xml',
      'apple_health_export/',
      'a/b/export.xml',
      'apple_health_export/export.csv',
    ]) {
      expect(isExportXmlCandidate(name), name).toBe(false);
    }
  });

  it('picks the largest candidate', () => {
    const entries = [
      { fileName: 'apple_health_export/small.xml', uncompressedSize: 10 },
      { fileName: 'apple_health_export/export_cda.xml', uncompressedSize: 1000 },
      { fileName: 'apple_health_export/big.xml', uncompressedSize: 100 },
    ];
    expect(chooseExportXml(entries)?.fileName).toBe('apple_health_export/big.xml');
    expect(chooseExportXml([])).toBeUndefined();
  });
});

describe('openZipExportXml', () => {
  it('streams the export of the real iOS 16 export.zip, skipping the __MACOSX copies', async () => {
    const opened = await openZipExportXml(FIXTURE);
    expect(opened).toMatchObject({ entryName: 'apple_health_export/export.xml', uncompressedSize: 12_408 });
    const xml = await readAll(opened.stream);
    expect(xml.length).toBe(12_408);
    expect(xml.toString('utf8', 0, 38)).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    expect(xml.toString('utf8').trimEnd().endsWith('</HealthData>')).toBe(true);
  });

  it('finds a localised export next to a larger CDA document and other XML files', async () => {
    const export_ = '<HealthData locale="de_DE"></HealthData>';
    const path = await makeZip({
      'apple_health_export/export_cda.xml': 'x'.repeat(5000),
      'apple_health_export/Exportieren.xml': export_,
      'apple_health_export/workout-routes/route_1.xml': 'y'.repeat(9000),
      'apple_health_export/electrocardiograms/ecg_1.xml': 'z'.repeat(9000),
      '__MACOSX/apple_health_export/._Exportieren.xml': 'w'.repeat(9000),
    });
    const opened = await openZipExportXml(path);
    expect(opened.entryName).toBe('apple_health_export/Exportieren.xml');
    expect((await readAll(opened.stream)).toString()).toBe(export_);
  });

  it('reads stored (uncompressed) entries too', async () => {
    const path = await makeZip({ 'apple_health_export/export.xml': '<HealthData/>' }, true);
    expect((await readAll((await openZipExportXml(path)).stream)).toString()).toBe('<HealthData/>');
  });

  it('can be closed before the end', async () => {
    const path = await makeZip({ 'apple_health_export/export.xml': 'x'.repeat(1_000_000) });
    const opened = await openZipExportXml(path);
    opened.close();
    await finished(opened.stream).catch(() => undefined);
    expect(opened.stream.destroyed).toBe(true);
  });

  it('refuses a file that is not a zip', async () => {
    const path = join(directory, 'export.xml');
    writeFileSync(path, '<HealthData/>');
    expect(await failure(() => openZipExportXml(path))).toBe('not_a_zip');
  });

  it('refuses a truncated archive', async () => {
    const zip = readFileSync(FIXTURE);
    for (const keep of [zip.length - 10, Math.floor(zip.length / 2), 100]) {
      const path = join(directory, `truncated-${keep}.zip`);
      writeFileSync(path, zip.subarray(0, keep));
      expect(await failure(() => openZipExportXml(path))).toBe('truncated');
    }
  });

  it('refuses an archive without an export XML', async () => {
    const path = await makeZip({
      'apple_health_export/export_cda.xml': '<ClinicalDocument/>',
      'apple_health_export/workout-routes/route_1.gpx': '<gpx/>',
    });
    expect(await failure(() => openZipExportXml(path))).toBe('no_export_xml');
  });

  it('refuses a zip bomb by its compression ratio (default limits: 150 MB of zeros at ~1000:1)', async () => {
    const zeros = () =>
      Readable.from(
        (function* () {
          for (let k = 0; k < 150; k++) yield Buffer.alloc(1_000_000);
        })(),
      );
    const path = await makeZip({ 'apple_health_export/export.xml': zeros });
    expect(await failure(() => openZipExportXml(path))).toBe('suspicious_ratio');
  }, 60_000);

  it('refuses an archive whose declared uncompressed total is over the cap', async () => {
    const path = await makeZip({
      'apple_health_export/export.xml': 'a'.repeat(10_000),
      'apple_health_export/other.bin': 'b'.repeat(10_000),
    });
    expect(await failure(() => openZipExportXml(path, { maxUncompressedBytes: 15_000 }))).toBe('too_large');
  });

  it('refuses an archive that lists more entries than the cap', async () => {
    const entries: Record<string, string> = {};
    for (let k = 0; k < 20; k++) entries[`apple_health_export/workout-routes/route_${k}.gpx`] = '<gpx/>';
    const path = await makeZip({ ...entries, 'apple_health_export/export.xml': '<HealthData/>' });
    expect(await failure(() => openZipExportXml(path, { maxEntries: 10 }))).toBe('too_large');
    expect(await failure(() => openZipExportXml(path, { maxEntries: 21 }))).toBe('ok');
  });

  it('counts the bytes actually inflated: a header that under-declares the size is caught while streaming', async () => {
    const zip = readFileSync(await makeZip({ 'apple_health_export/export.xml': 'a'.repeat(50_000) }));
    zip.writeUInt32LE(1000, centralDirectory(zip) + 24); // uncompressed size in the central directory
    const path = join(directory, 'under-declared.zip');
    writeFileSync(path, zip);
    const opened = await openZipExportXml(path, { maxUncompressedBytes: 5000 });
    expect(opened.uncompressedSize).toBe(1000);
    expect(await failure(() => readAll(opened.stream))).toBe('corrupt');
  });

  it('refuses an entry that inflates to fewer bytes than declared', async () => {
    const zip = readFileSync(await makeZip({ 'apple_health_export/export.xml': 'a'.repeat(50_000) }));
    zip.writeUInt32LE(60_000, centralDirectory(zip) + 24);
    const path = join(directory, 'over-declared.zip');
    writeFileSync(path, zip);
    const opened = await openZipExportXml(path);
    expect(await failure(() => readAll(opened.stream))).toBe('truncated');
  });

  it('a header that claims a harmless size cannot slip a bomb past the ratio cap', async () => {
    const zip = readFileSync(await makeZip({ 'apple_health_export/export.xml': 'a'.repeat(200_000) }));
    zip.writeUInt32LE(10_000, centralDirectory(zip) + 24); // claims a harmless ratio
    const path = join(directory, 'ratio-liar.zip');
    writeFileSync(path, zip);
    // The header passes the open-time checks (10 kB declared, under the 20 kB threshold); the stream is stopped
    // by the size check (more than declared) before the ratio check would fire.
    const opened = await openZipExportXml(path, { ratioThresholdBytes: 20_000, maxCompressionRatio: 20 });
    expect(await failure(() => readAll(opened.stream))).toBe('corrupt');
  });

  it('refuses an encrypted export entry', async () => {
    const zip = readFileSync(await makeZip({ 'apple_health_export/export.xml': 'a'.repeat(1000) }));
    const at = centralDirectory(zip) + 8; // general purpose bit flag
    zip.writeUInt16LE(zip.readUInt16LE(at) | 1, at);
    const path = join(directory, 'encrypted.zip');
    writeFileSync(path, zip);
    expect(await failure(() => openZipExportXml(path))).toBe('encrypted');
  });
});
