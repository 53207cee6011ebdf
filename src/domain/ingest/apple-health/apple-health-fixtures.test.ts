/**
 * Real exports (test/fixtures/apple-health, see its README for sources and licences).
 *
 * Expected counts were read off the XML by hand (and with `grep -c '<Record '` etc.):
 * - dogsheep/export.xml (pre-iOS 16, no DTD): ExportDate, Me, 2 Records (BodyMassIndex, HeartRate), 1 Workout with
 *   an inline WorkoutRoute of 2 Locations, 2 ActivitySummaries = 7 top-level elements, 3 samples.
 * - jshrake-example/export.zip → apple_health_export/export.xml (iOS 16, broken inline DTD): 10 ActivitySummaries,
 *   1 Record (WalkingSpeed), 1 Workout (totals only in WorkoutStatistics) = 12 top-level elements, 2 samples.
 * Expected values: the attribute values in the files, converted with the catalogue's exact factors (1 mi = 1609.344 m).
 *
 * Differential: every top-level element (name, attribute map, nesting) equals what saxes builds from the same bytes.
 * saxes cannot parse the broken internal DTD subset of iOS 16+ exports, so for saxes (only) the subset is removed
 * first (stripInternalDtd); it holds no data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openZipExportXml } from '../../../platform/archive/zip-export-reader.js';
import { chunked, ourTrees, parseAll, saxesTrees } from './apple-health.test-helpers.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/apple-health/', import.meta.url));
const DOGSHEEP = readFileSync(`${FIXTURES}dogsheep/export.xml`);

async function jshrakeXml(): Promise<Buffer> {
  const opened = await openZipExportXml(`${FIXTURES}jshrake-example/export.zip`);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('dogsheep export.xml', () => {
  it('parses with the expected counts and values', () => {
    const { samples, summaries, me, exportDates, errors, stats } = parseAll([DOGSHEEP]);
    expect(errors).toEqual([]);
    expect(stats).toMatchObject({
      elements: 7,
      records: 2,
      workouts: 1,
      activitySummaries: 2,
      samples: 3,
      unsupportedCount: 0,
      bytes: DOGSHEEP.length,
    });
    expect(samples.map(({ sample }) => [sample.type, sample.value, sample.category])).toEqual([
      ['bmi', 22.5312, null],
      ['heart_rate', 72, null],
      ['workout', 5.19412346680959, 'Running'],
    ]);
    expect(samples[0]!.sample.metadata).toMatchObject({
      'Withings Link': 'withings-bd2://timeline/measure?userid=12345&date=482685932&type=1',
    });
    expect(samples[1]!.sample.source.device).toMatchObject({ name: 'Apple Watch', hardware: 'Watch2,4' });
    expect(samples[2]!.sample.components).toEqual({ distance_m: 0.4971749504535062 * 1609.344, energy_kcal: 48.74499999999999 });
    expect(samples[2]!.sample.timeZone).toBe('America/Los_Angeles');
    expect(samples[2]!.info.workout!.routes[0]!.locations).toHaveLength(2);
    expect(summaries.map((s) => [s.date, s.activeEnergyKcal, s.exerciseTimeMinutes, s.standHours])).toEqual([
      ['2016-11-15', 590.252, 68, 13],
      ['2016-11-16', 323.513, 39, 9],
    ]);
    expect(me[0]).toMatchObject({ dateOfBirth: '1990-02-02', sex: 'male', bloodType: null });
    expect(exportDates[0]!.instant).toBe(Date.UTC(2019, 6, 19, 17, 36, 11));
  });

  it('gives the same trees as saxes, in any chunk size', () => {
    const reference = saxesTrees(DOGSHEEP.toString('utf8'));
    expect(reference).toHaveLength(7);
    for (const size of [1, 7, 64, 4096, DOGSHEEP.length]) expect(ourTrees(chunked(DOGSHEEP, size))).toEqual(reference);
  });
});

describe('jshrake iOS 16 export.zip (through the zip reader)', () => {
  it('parses with the expected counts and values', async () => {
    const xml = await jshrakeXml();
    const { samples, summaries, errors, stats } = parseAll(chunked(xml, 1000));
    expect(errors).toEqual([]);
    expect(stats).toMatchObject({ elements: 12, records: 1, workouts: 1, activitySummaries: 10, samples: 2, bytes: 12_408 });
    expect(samples.map(({ sample }) => [sample.type, sample.category])).toEqual([
      ['walking_speed', null],
      ['workout', 'Walking'],
    ]);
    expect(samples[0]!.sample.value).toBeCloseTo((2.95276 * 1609.344) / 3600, 12);
    expect(samples[1]!.sample).toMatchObject({
      value: 34.18067507346471,
      components: { distance_m: 1.402 * 1609.344, energy_kcal: 134.432 },
      timeZone: 'America/Los_Angeles',
      utcOffsetMinutes: -480,
    });
    expect(samples[1]!.info.workout!.routes[0]!.filePaths).toEqual(['/workout-routes/route_2020-02-24_10.18am.gpx']);
    expect(samples[1]!.info.workout!.events).toHaveLength(4);
    expect(summaries[0]).toMatchObject({ date: '2019-12-27', activeEnergyKcal: 545.159, activeEnergyGoalKcal: 690, standHoursGoal: 12 });
  });

  it('gives the same trees as saxes (DTD subset removed for saxes only), in any chunk size', async () => {
    const xml = await jshrakeXml();
    const reference = saxesTrees(xml.toString('utf8'));
    expect(reference).toHaveLength(12);
    for (const size of [1, 13, 512, xml.length]) expect(ourTrees(chunked(xml, size))).toEqual(reference);
  });
});
