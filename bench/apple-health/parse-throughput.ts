/**
 * Parse-only throughput of the Apple Health export parser (src/domain/ingest/apple-health), in MB/s of XML.
 *
 *   npx tsx bench/apple-health/parse-throughput.ts [sizeMB=200] [rounds=3] [--saxes] [--zip]
 *
 * Writes a synthetic export to a temporary file (the record mix of a real Apple Watch export: mostly heart rate,
 * energy and steps records with an HKDevice description, some with metadata, HRV records with beat lists, sleep
 * stages, blood-pressure correlations, workouts with statistics, activity summaries), then times, reading the file in
 * 64 KiB chunks (page cache warm): the scanner alone (no handler work) and the full parser (every SampleInput built
 * and counted). With `--saxes` it also times saxes over the same bytes, and with `--zip` the zip reader plus the parser
 * over the same XML deflated into a temporary export.zip (read + inflate + parse; inflate runs in libuv's pool).
 *
 * The file is read the way an import reads its input (one chunk at a time), not held in memory as a whole.
 *
 * MB/s are wall-clock, best of the rounds, CPU time beside them. On a shared machine (other processes on the same
 * two cores) numbers swing by ±40 % from round to round; compare with saxes measured in the same run.
 */
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { openZipExportXml } from '../../src/platform/archive/zip-export-reader.js';
import { AppleHealthParser } from '../../src/domain/ingest/apple-health/index.js';
import { XmlScanner } from '../../src/domain/ingest/apple-health/xml-scanner.js';

const CHUNK = 64 * 1024;
const sizeMb = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 3);
const withSaxes = process.argv.includes('--saxes');
const withZip = process.argv.includes('--zip');

let seed = 12345;
function random(): number {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
}

function date(epochSeconds: number): string {
  const d = new Date((epochSeconds - 7 * 3600) * 1000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)} -0700`;
}

const WATCH = (addr: string) =>
  `&lt;&lt;HKDevice: 0x${addr}&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:9.1&gt;`;
const PHONE = (addr: string) =>
  `&lt;&lt;HKDevice: 0x${addr}&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,3, software:16.1.2&gt;`;

function record(
  type: string,
  unit: string,
  value: string,
  t: number,
  duration: number,
  device: string,
  source: string,
  inner = '',
): string {
  const open =
    `  <Record type="${type}" sourceName="${source}" sourceVersion="9.1" device="${device}" unit="${unit}" ` +
    `creationDate="${date(t + duration + 5)}" startDate="${date(t)}" endDate="${date(t + duration)}" value="${value}"`;
  return inner === '' ? `${open}/>\n` : `${open}>\n${inner}  </Record>\n`;
}

function* documentParts(targetBytes: number): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n<!ATTLIST HealthData locale CDATA #REQUIRED\n>\n]>\n';
  yield '<HealthData locale="en_US">\n <ExportDate value="2023-01-01 10:00:00 -0700"/>\n';
  yield ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n';
  let bytes = 0;
  let t = 1_600_000_000;
  while (bytes < targetBytes) {
    const addr = Math.floor(random() * 0xffffffff).toString(16);
    const r = random();
    let part: string;
    if (r < 0.45) {
      part = record(
        'HKQuantityTypeIdentifierHeartRate',
        'count/min',
        String(55 + Math.floor(random() * 60)),
        t,
        0,
        WATCH(addr),
        'Anna’s Apple Watch',
        random() < 0.5 ? '   <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n' : '',
      );
    } else if (r < 0.7) {
      part = record(
        'HKQuantityTypeIdentifierActiveEnergyBurned',
        'Cal',
        (random() * 5).toFixed(3),
        t,
        60,
        WATCH(addr),
        'Anna’s Apple Watch',
      );
    } else if (r < 0.85) {
      part = record('HKQuantityTypeIdentifierStepCount', 'count', String(Math.floor(random() * 200)), t, 300, PHONE(addr), 'Anna’s iPhone');
    } else if (r < 0.9) {
      part = record(
        'HKQuantityTypeIdentifierDistanceWalkingRunning',
        'km',
        (random() * 0.3).toFixed(5),
        t,
        300,
        PHONE(addr),
        'Anna’s iPhone',
      );
    } else if (r < 0.93) {
      part = record(
        'HKCategoryTypeIdentifierSleepAnalysis',
        '',
        ['HKCategoryValueSleepAnalysisAsleepCore', 'HKCategoryValueSleepAnalysisAsleepDeep', 'HKCategoryValueSleepAnalysisAsleepREM'][
          Math.floor(random() * 3)
        ]!,
        t,
        900,
        WATCH(addr),
        'Anna’s Apple Watch',
        '   <MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>\n',
      ).replace(' unit=""', '');
    } else if (r < 0.95) {
      let beats = '   <HeartRateVariabilityMetadataList>\n';
      for (let k = 0; k < 60; k++)
        beats += `    <InstantaneousBeatsPerMinute bpm="${60 + (k % 20)}" time="7:41:${String(k % 60).padStart(2, '0')}.86 PM"/>\n`;
      beats += '   </HeartRateVariabilityMetadataList>\n';
      part = record(
        'HKQuantityTypeIdentifierHeartRateVariabilitySDNN',
        'ms',
        (20 + random() * 60).toFixed(4),
        t,
        60,
        WATCH(addr),
        'Anna’s Apple Watch',
        beats,
      );
    } else if (r < 0.97) {
      part =
        record('HKQuantityTypeIdentifierBloodPressureSystolic', 'mmHg', '121', t, 0, '', 'Omron') +
        record('HKQuantityTypeIdentifierBloodPressureDiastolic', 'mmHg', '79', t, 0, '', 'Omron') +
        `  <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" sourceVersion="1" creationDate="${date(t)}" startDate="${date(t)}" endDate="${date(t)}">\n` +
        '   <MetadataEntry key="HKWasUserEntered" value="1"/>\n' +
        record('HKQuantityTypeIdentifierBloodPressureSystolic', 'mmHg', '121', t, 0, '', 'Omron') +
        record('HKQuantityTypeIdentifierBloodPressureDiastolic', 'mmHg', '79', t, 0, '', 'Omron') +
        '  </Correlation>\n';
    } else if (r < 0.98) {
      part =
        `  <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" durationUnit="min" sourceName="Anna’s Apple Watch" sourceVersion="9.1" device="${WATCH(addr)}" creationDate="${date(t + 1900)}" startDate="${date(t)}" endDate="${date(t + 1890)}">\n` +
        '   <MetadataEntry key="HKIndoorWorkout" value="0"/>\n   <MetadataEntry key="HKTimeZone" value="America/Los_Angeles"/>\n' +
        `   <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${date(t)}" duration="10" durationUnit="min"/>\n` +
        `   <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="${date(t)}" endDate="${date(t + 1890)}" sum="312.5" unit="Cal"/>\n` +
        `   <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="${date(t)}" endDate="${date(t + 1890)}" sum="5.1" unit="km"/>\n` +
        `   <WorkoutRoute sourceName="Anna’s Apple Watch" sourceVersion="9.1" creationDate="${date(t + 1900)}" startDate="${date(t)}" endDate="${date(t + 1890)}">\n` +
        '    <FileReference path="/workout-routes/route_2023-01-01_1.00pm.gpx"/>\n   </WorkoutRoute>\n  </Workout>\n';
    } else {
      part = `  <ActivitySummary dateComponents="2022-12-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}" activeEnergyBurned="545.159" activeEnergyBurnedGoal="690" activeEnergyBurnedUnit="Cal" appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="36" appleExerciseTimeGoal="30" appleStandHours="10" appleStandHoursGoal="12"/>\n`;
    }
    t += 1 + Math.floor(random() * 120);
    bytes += Buffer.byteLength(part);
    yield part;
  }
  yield '</HealthData>\n';
}

async function writeDocument(path: string, targetBytes: number): Promise<void> {
  const out = createWriteStream(path);
  let pending: string[] = [];
  let size = 0;
  for (const part of documentParts(targetBytes)) {
    pending.push(part);
    size += part.length;
    if (size > 1_000_000) {
      if (!out.write(pending.join(''))) await once(out, 'drain');
      pending = [];
      size = 0;
    }
  }
  out.end(pending.join(''));
  await finished(out);
}

/** Calls `onChunk` with each 64 KiB of the file (one reused buffer, as a stream reader would hand them over). */
function readChunks(path: string, onChunk: (chunk: Buffer) => void): void {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      onChunk(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

function report(label: string, bytes: number, seconds: number, cpuSeconds: number): number {
  const mbs = bytes / 1e6 / seconds;
  console.log(
    `${label.padEnd(28)} ${seconds.toFixed(2)} s  ${mbs.toFixed(1)} MB/s   (CPU ${cpuSeconds.toFixed(2)} s: ${(bytes / 1e6 / cpuSeconds).toFixed(1)} MB/s)`,
  );
  return mbs;
}

function time(label: string, bytes: number, run: () => void): number {
  const start = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return report(label, bytes, (performance.now() - start) / 1000, (used.user + used.system) / 1e6);
}

async function timeAsync(label: string, bytes: number, run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  return report(label, bytes, (performance.now() - start) / 1000, (used.user + used.system) / 1e6);
}

async function writeZip(xmlPath: string, zipPath: string): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addReadStream(createReadStream(xmlPath), 'apple_health_export/export.xml', { compress: true });
  zip.end();
  const out = createWriteStream(zipPath);
  zip.outputStream.pipe(out);
  await finished(out);
}

const directory = mkdtempSync(join(tmpdir(), 'homeostat-bench-parse-'));
const xmlPath = join(directory, 'export.xml');
const zipPath = join(directory, 'export.zip');
await writeDocument(xmlPath, sizeMb * 1e6);
const total = statSync(xmlPath).size;
if (withZip) await writeZip(xmlPath, zipPath);
console.log(`synthetic export: ${(total / 1e6).toFixed(1)} MB, read in chunks of 64 KiB; node ${process.version}`);

const results: Record<string, number[]> = { scanner: [], parser: [], saxes: [], zip: [] };
try {
  for (let round = 0; round < rounds; round++) {
    results['scanner']!.push(
      time('scanner only', total, () => {
        let tags = 0;
        const scanner = new XmlScanner({ openTag: () => void tags++, closeTag: () => undefined });
        readChunks(xmlPath, (chunk) => scanner.write(chunk));
        scanner.end();
      }),
    );
    results['parser']!.push(
      time('parser (SampleInputs)', total, () => {
        let samples = 0;
        const parser = new AppleHealthParser({ onSample: () => void samples++ });
        readChunks(xmlPath, (chunk) => parser.write(chunk));
        const stats = parser.end();
        if (round === 0) console.log(`  ${stats.samples} samples, ${stats.records} records, ${stats.recordErrors} errors`);
      }),
    );
    if (withSaxes) {
      const { SaxesParser } = await import('saxes');
      results['saxes']!.push(
        time('saxes (open tags only)', total, () => {
          const sax = new SaxesParser();
          let tags = 0;
          sax.on('opentag', () => void tags++);
          sax.on('error', () => undefined);
          const decoder = new TextDecoder();
          readChunks(xmlPath, (chunk) => sax.write(decoder.decode(chunk, { stream: true })));
          sax.close();
        }),
      );
    }
    if (withZip) {
      results['zip']!.push(
        await timeAsync('zip read + inflate + parse', total, async () => {
          const opened = await openZipExportXml(zipPath);
          const parser = new AppleHealthParser({ onSample: () => undefined });
          for await (const chunk of opened.stream) parser.write(chunk as Buffer);
          parser.end();
        }),
      );
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
const best = (xs: number[]) => (xs.length === 0 ? '-' : Math.max(...xs).toFixed(1));
console.log(
  `best of ${rounds}: scanner ${best(results['scanner']!)} MB/s, parser ${best(results['parser']!)} MB/s, ` +
    `saxes ${best(results['saxes']!)} MB/s, zip+parser ${best(results['zip']!)} MB/s`,
);
