/**
 * Generates a realistic, deterministic Apple Health export (iOS 17 shape) of a given size, for the import benchmark.
 * See bench/README.md ("Apple Health export generator").
 *
 *   npx tsx bench/apple-health/generate.ts --out /tmp/export.zip --size 1GB [--xml-only] [--seed 1] [--start 2024-01-01]
 *       [--zone Europe/London] [--order type|day] [--level 6] [--no-routes]
 */
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { prepareExport, writeExport, type ByteSink, type ExportOptions, type ExportResult } from './export-writer.js';
import { exportCda, routeGpx } from './side-files.js';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 2 ** 10,
  kib: 2 ** 10,
  mb: 2 ** 20,
  mib: 2 ** 20,
  gb: 2 ** 30,
  gib: 2 ** 30,
  tb: 2 ** 40,
  tib: 2 ** 40,
};

/** `1GB`, `500MB`, `2.5GiB`, `123456`: binary multiples (1 GB = 2^30 bytes). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? UNITS[(match[2] || 'b').toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new Error(`--size: cannot read "${text}" (try 1GB, 500MB, 2GiB)`);
  const bytes = Math.round(Number(match[1]) * factor);
  if (bytes < 1) throw new Error('--size must be at least one byte');
  return bytes;
}

function sinkOf(stream: Writable): ByteSink {
  return {
    async write(chunk) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
  };
}

const FOUR_GIB = 2 ** 32;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      size: { type: 'string', default: '1GB' },
      'xml-only': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2024-01-01' },
      zone: { type: 'string', default: 'Europe/London' },
      order: { type: 'string', default: 'type' },
      level: { type: 'string', default: '6' },
      'no-routes': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.out === undefined) throw new Error('--out is required (a .zip, or the export.xml path with --xml-only)');
  if (values.order !== 'type' && values.order !== 'day') throw new Error('--order is "type" (as Apple writes it) or "day"');
  const seed = Number.parseInt(values.seed, 10);
  const level = Number.parseInt(values.level, 10);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!(level >= 1 && level <= 9)) throw new Error('--level is a deflate level, 1–9');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new Error('--start is YYYY-MM-DD');

  const options: ExportOptions = {
    seed,
    start: values.start,
    zone: values.zone,
    locale: 'en_US',
    targetBytes: parseSize(values.size),
    order: values.order,
    person: { dateOfBirth: '1988-04-12', biologicalSex: 'HKBiologicalSexFemale' },
  };
  const began = performance.now();
  const prepared = prepareExport(options);
  let result: ExportResult;
  let extraFiles = 0;

  if (values['xml-only']) {
    const file = createWriteStream(values.out, { highWaterMark: 4 << 20 });
    result = await writeExport(sinkOf(file), prepared);
    file.end();
    await finished(file);
  } else {
    const zip = new yazl.ZipFile();
    const file = createWriteStream(values.out);
    zip.outputStream.pipe(file);
    const mtime = new Date(prepared.exportedAt * 1000);
    const xml = new PassThrough({ highWaterMark: 8 << 20 });
    zip.addReadStream(xml, 'apple_health_export/export.xml', {
      compressionLevel: level,
      mtime,
      forceZip64Format: options.targetBytes >= FOUR_GIB,
    });
    result = await writeExport(sinkOf(xml), prepared);
    xml.end();
    zip.addBuffer(exportCda(prepared.world, prepared.world.clock, prepared.exportedAt, result.days), 'apple_health_export/export_cda.xml', {
      compressionLevel: level,
      mtime,
    });
    extraFiles++;
    if (!values['no-routes']) {
      for (const route of result.routes) {
        // Lazily: each GPX is built when the zip gets to it, so at most one is in memory.
        zip.addReadStreamLazy(`apple_health_export${route.path}`, { compressionLevel: level, mtime }, (cb) =>
          cb(null, Readable.from([routeGpx(prepared.world, route)])),
        );
        extraFiles++;
      }
    }
    zip.end();
    await finished(file);
  }

  const seconds = (performance.now() - began) / 1000;
  const mb = result.bytes / 2 ** 20;
  console.log(
    `export.xml: ${result.bytes.toLocaleString('en-US')} bytes (${mb.toFixed(1)} MiB), ${result.days} days ${result.firstDate} … ${result.lastDate}, order=${options.order}`,
  );
  if (!values['xml-only']) {
    console.log(
      `${values.out}: ${statSync(values.out).size.toLocaleString('en-US')} bytes (export.xml + export_cda.xml + ${extraFiles - 1} route files of ${result.routes.length} referenced)`,
    );
  }
  console.log(
    `${seconds.toFixed(1)} s, ${(mb / seconds).toFixed(1)} MiB/s of XML (calibration: ${(prepared.bytesPerDay / 1024).toFixed(0)} KiB/day)`,
  );
  const rows = [...result.counts.entries()].sort((a, b) => b[1] - a[1]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, n] of rows) console.log(`  ${key.padEnd(width)}  ${n.toLocaleString('en-US').padStart(12)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
