/**
 * Export elements → SampleInputs and events. Expected values are worked by hand from the catalogue's conversion
 * factors (units.ts: 1 lb = 0.45359237 kg, 1 mi = 1609.344 m, HealthKit `%` is a fraction, `Cal` is the kcal) and
 * from the HealthKit names in the XML.
 */
import { describe, expect, it } from 'vitest';
import { exportXml, parseXml } from './apple-health.test-helpers.js';
import { parseAppleHealthExport } from './apple-health-parser.js';
import type { AppleHealthEvent } from './export-types.js';
import { AppleHealthExportError } from './errors.js';

const WATCH = (address: string) =>
  `&lt;&lt;HKDevice: 0x${address}&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:9.1&gt;`;

function record(type: string, unit: string | null, value: string, extra = '', children = ''): string {
  const unitAttribute = unit === null ? '' : ` unit="${unit}"`;
  const open =
    `<Record type="${type}" sourceName="Anna’s Apple Watch" sourceVersion="9.1"${unitAttribute} ` +
    `creationDate="2022-12-15 18:00:02 -0800" startDate="2022-12-15 17:48:29 -0800" endDate="2022-12-15 17:49:04 -0800" value="${value}"${extra}`;
  return children === '' ? `${open}/>` : `${open}>${children}</Record>`;
}

const START = Date.UTC(2022, 11, 16, 1, 48, 29);
const END = Date.UTC(2022, 11, 16, 1, 49, 4);

describe('quantity and category records', () => {
  it('maps quantity records to our types in canonical units', () => {
    const { samples, errors } = parseXml(
      exportXml(
        [
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72'),
          record('HKQuantityTypeIdentifierBodyMass', 'lb', '150'),
          record('HKQuantityTypeIdentifierOxygenSaturation', '%', '0.97'),
          record('HKQuantityTypeIdentifierDistanceWalkingRunning', 'km', '1.5'),
          record('HKQuantityTypeIdentifierStepCount', 'count', '1234'),
          record('HKQuantityTypeIdentifierActiveEnergyBurned', 'Cal', '4.5'),
        ].join('\n'),
      ),
    );
    expect(errors).toEqual([]);
    expect(samples.map(({ sample }) => [sample.type, sample.value])).toEqual([
      ['heart_rate', 72],
      ['body_mass', 150 * 0.45359237],
      ['spo2', 97],
      ['distance', 1500],
      ['steps', 1234],
      ['active_energy', 4.5],
    ]);
    expect(samples[0]!.sample).toEqual({
      type: 'heart_rate',
      start: START,
      end: END,
      value: 72,
      category: null,
      components: null,
      utcOffsetMinutes: -480,
      timeZone: null,
      source: { name: 'Anna’s Apple Watch', version: '9.1', bundleId: null, device: null },
      provenance: 'sensed',
      metadata: null,
      externalId: null,
    });
    expect(samples[0]!.info).toMatchObject({ index: 0, line: 3, createdAt: Date.UTC(2022, 11, 16, 2, 0, 2), beats: null, workout: null });
  });

  it('maps sleep analysis to our stages and keeps other category values raw', () => {
    const { samples, errors } = parseXml(
      exportXml(
        [
          record('HKCategoryTypeIdentifierSleepAnalysis', null, 'HKCategoryValueSleepAnalysisAsleepCore'),
          record('HKCategoryTypeIdentifierSleepAnalysis', null, 'HKCategoryValueSleepAnalysisInBed'),
          record('HKCategoryTypeIdentifierSleepAnalysis', null, 'HKCategoryValueSleepAnalysisAsleep'),
          record('HKCategoryTypeIdentifierAppleStandHour', null, 'HKCategoryValueAppleStandHourStood'),
        ].join('\n'),
      ),
    );
    expect(errors).toEqual([]);
    expect(samples.map(({ sample }) => [sample.type, sample.category, sample.value])).toEqual([
      ['sleep_stage', 'asleep_core', null],
      ['sleep_stage', 'in_bed', null],
      ['sleep_stage', 'asleep_unspecified', null],
      ['stand_hour', 'HKCategoryValueAppleStandHourStood', null],
    ]);
  });

  it('skips and counts types the catalogue does not know, per identifier', () => {
    const { samples, errors, stats } = parseXml(
      exportXml(
        [
          record('HKQuantityTypeIdentifierDietaryWater', 'mL', '250'),
          record('HKQuantityTypeIdentifierDietaryWater', 'mL', '300'),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '60'),
          '<ClinicalRecord type="HKClinicalTypeIdentifierLabResultRecord" identifier="x" sourceName="s" sourceURL="u" fhirVersion="4.0.1" receivedDate="2022-12-15 18:00:02 -0800" resourceFilePath="/clinical-records/x.json"/>',
          '<Audiogram type="HKDataTypeIdentifierAudiogram" sourceName="s" startDate="2022-12-15 18:00:02 -0800" endDate="2022-12-15 18:00:02 -0800"><SensitivityPoint frequencyValue="125" frequencyUnit="Hz"/></Audiogram>',
        ].join('\n'),
      ),
    );
    expect(samples).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(stats.unsupported).toEqual({ HKQuantityTypeIdentifierDietaryWater: 2, ClinicalRecord: 1, Audiogram: 1 });
    expect(stats.unsupportedCount).toBe(4);
    expect(stats).toMatchObject({ elements: 5, records: 3, samples: 1 });
  });

  it('reads metadata: HKTimeZone → timeZone, HKWasUserEntered → provenance, the rest kept as strings', () => {
    const { samples } = parseXml(
      exportXml(
        [
          record(
            'HKQuantityTypeIdentifierBodyMass',
            'kg',
            '70',
            '',
            '<MetadataEntry key="HKTimeZone" value="Europe/Berlin"/><MetadataEntry key="HKWasUserEntered" value="1"/><MetadataEntry key="Note" value="a &amp; b"/>',
          ),
          record('HKQuantityTypeIdentifierBodyMass', 'kg', '71', '', '<MetadataEntry key="HKTimeZone" value="Mars/Olympus"/>'),
        ].join('\n'),
      ),
    );
    expect(samples[0]!.sample).toMatchObject({ timeZone: 'Europe/Berlin', provenance: 'user_entered', metadata: { Note: 'a & b' } });
    // An unknown zone is not made a time zone; it stays in the metadata as written.
    expect(samples[1]!.sample).toMatchObject({ timeZone: null, provenance: 'sensed', metadata: { HKTimeZone: 'Mars/Olympus' } });
  });

  it('parses the device (address stripped) and shares one source object between records of the same device', () => {
    const { samples } = parseXml(
      exportXml(
        [
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72', ` device="${WATCH('282a45810')}"`),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '73', ` device="${WATCH('1f00d')}"`),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '74', ` device="${WATCH('1f00d').replace('9.1', '9.2')}"`),
        ].join('\n'),
      ),
    );
    const [a, b, c] = samples.map(({ sample }) => sample.source);
    expect(a!.device).toEqual({
      name: 'Apple Watch',
      manufacturer: 'Apple Inc.',
      model: 'Watch',
      hardware: 'Watch6,2',
      software: '9.1',
      extra: {},
    });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(c!.device?.software).toBe('9.2');
  });

  it('exposes the beat-to-beat list of HRV records', () => {
    const beats =
      '<HeartRateVariabilityMetadataList><InstantaneousBeatsPerMinute bpm="61" time="7:41:59.86 PM"/>' +
      '<InstantaneousBeatsPerMinute bpm="63" time="7:42:00.83 PM"/><InstantaneousBeatsPerMinute bpm="x" time="7:42:01.80 PM"/></HeartRateVariabilityMetadataList>';
    const { samples } = parseXml(exportXml(record('HKQuantityTypeIdentifierHeartRateVariabilitySDNN', 'ms', '41.2', '', beats)));
    expect(samples[0]!.sample).toMatchObject({ type: 'hrv_sdnn', value: 41.2 });
    expect(samples[0]!.info.beats).toEqual([
      { bpm: 61, time: '7:41:59.86 PM' },
      { bpm: 63, time: '7:42:00.83 PM' },
    ]);
  });
});

describe('per-record errors', () => {
  it('reports a bad record with its position and reason, and goes on', () => {
    const { samples, errors, stats } = parseXml(
      exportXml(
        [
          record('HKQuantityTypeIdentifierHeartRate', 'furlongs', '72'),
          record('HKQuantityTypeIdentifierHeartRate', 'kg', '72'),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', 'seventy'),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72').replace('2022-12-15 17:48:29 -0800', '2022-12-15 25:48:29 -0800'),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72').replace('2022-12-15 17:49:04 -0800', '2022-12-15 17:00:00 -0800'),
          record('HKQuantityTypeIdentifierHeartRate', null, '72'),
          record('HKCategoryTypeIdentifierSleepAnalysis', null, 'HKCategoryValueSleepAnalysisNapping'),
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72').replace(' sourceName="Anna’s Apple Watch"', ''),
          '<Record sourceName="x" startDate="2022-12-15 17:48:29 -0800" endDate="2022-12-15 17:48:29 -0800"/>',
          record('HKQuantityTypeIdentifierHeartRate', 'count/min', '75'),
        ].join('\n'),
      ),
    );
    expect(errors.map((e) => [e.index, e.line, e.element, e.identifier, e.code])).toEqual([
      // Line 1 is the XML declaration, line 2 <HealthData>: the n-th record is on line n + 3.
      [0, 3, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'unknown_unit'],
      [1, 4, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'wrong_dimension'],
      [2, 5, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'bad_value'],
      [3, 6, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'bad_date'],
      [4, 7, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'bad_interval'],
      [5, 8, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'missing_attribute'],
      [6, 9, 'Record', 'HKCategoryTypeIdentifierSleepAnalysis', 'bad_category'],
      [7, 10, 'Record', 'HKQuantityTypeIdentifierHeartRate', 'missing_attribute'],
      [8, 11, 'Record', null, 'missing_attribute'],
    ]);
    expect(errors[0]!.reason).toMatch(/furlongs/);
    expect(errors[3]!.reason).toMatch(/startDate/);
    expect(samples.map(({ sample }) => sample.value)).toEqual([75]);
    expect(stats).toMatchObject({ records: 10, samples: 1, recordErrors: 9 });
  });
});

describe('correlations', () => {
  const systolic = (value: string) => record('HKQuantityTypeIdentifierBloodPressureSystolic', 'mmHg', value);
  const diastolic = (value: string) => record('HKQuantityTypeIdentifierBloodPressureDiastolic', 'mmHg', value);
  const correlation = (type: string, children: string) =>
    `<Correlation type="${type}" sourceName="Omron" sourceVersion="1" creationDate="2022-12-15 18:00:02 -0800" ` +
    `startDate="2022-12-15 17:48:29 -0800" endDate="2022-12-15 17:49:04 -0800">${children}</Correlation>`;

  it('makes one blood_pressure sample of a correlation; its nested records are not samples, the top-level copies are', () => {
    const { samples, stats } = parseXml(
      exportXml(
        [
          systolic('121'),
          diastolic('79'),
          correlation(
            'HKCorrelationTypeIdentifierBloodPressure',
            `<MetadataEntry key="HKWasUserEntered" value="1"/>${systolic('121')}${diastolic('79')}`,
          ),
        ].join('\n'),
      ),
    );
    expect(samples.map(({ sample }) => [sample.type, sample.value, sample.components])).toEqual([
      ['blood_pressure_systolic', 121, null],
      ['blood_pressure_diastolic', 79, null],
      ['blood_pressure', null, { systolic: 121, diastolic: 79 }],
    ]);
    expect(samples[2]!.sample).toMatchObject({ start: START, end: END, provenance: 'user_entered', source: { name: 'Omron' } });
    expect(stats).toMatchObject({ records: 2, correlations: 1, nestedRecords: 2, samples: 3 });
  });

  it('converts components to mm[Hg] (kPa here)', () => {
    const kpa = (type: string, value: string) => record(`HKQuantityTypeIdentifierBloodPressure${type}`, 'kPa', value);
    const { samples } = parseXml(
      exportXml(correlation('HKCorrelationTypeIdentifierBloodPressure', kpa('Systolic', '16') + kpa('Diastolic', '10.6'))),
    );
    expect(samples[0]!.sample.components!['systolic']).toBeCloseTo(120.01, 2);
    expect(samples[0]!.sample.components!['diastolic']).toBeCloseTo(79.51, 2);
  });

  it('refuses a blood-pressure correlation without both components', () => {
    const { samples, errors } = parseXml(exportXml(correlation('HKCorrelationTypeIdentifierBloodPressure', systolic('121'))));
    expect(samples).toEqual([]);
    expect(errors.map((e) => [e.element, e.code])).toEqual([['Correlation', 'incomplete_correlation']]);
  });

  it('skips and counts a food correlation (no catalogue type yet)', () => {
    const food = record('HKQuantityTypeIdentifierDietaryEnergyConsumed', 'kcal', '300');
    const { samples, errors, stats } = parseXml(exportXml(correlation('HKCorrelationTypeIdentifierFood', food)));
    expect(samples).toEqual([]);
    expect(errors).toEqual([]);
    expect(stats.unsupported).toEqual({ HKCorrelationTypeIdentifierFood: 1 });
    expect(stats.nestedRecords).toBe(1);
  });
});

describe('workouts', () => {
  it('uses the totals of the workout attributes when present', () => {
    const xml = exportXml(
      '<Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="1.5" durationUnit="hr" totalDistance="30" totalDistanceUnit="km" ' +
        'totalEnergyBurned="2000" totalEnergyBurnedUnit="kJ" sourceName="Watch" startDate="2022-12-15 08:00:00 +0100" endDate="2022-12-15 09:30:00 +0100">' +
        '<MetadataEntry key="HKTimeZone" value="Europe/Paris"/><MetadataEntry key="HKIndoorWorkout" value="0"/>' +
        '<WorkoutEvent type="HKWorkoutEventTypePause" date="2022-12-15 08:30:00 +0100"/>' +
        '<WorkoutRoute sourceName="Watch" startDate="2022-12-15 08:00:00 +0100" endDate="2022-12-15 09:30:00 +0100">' +
        '<MetadataEntry key="HKMetadataKeySyncVersion" value="2"/><FileReference path="/workout-routes/route_1.gpx"/></WorkoutRoute></Workout>',
    );
    const { samples, errors } = parseXml(xml);
    expect(errors).toEqual([]);
    expect(samples[0]!.sample).toMatchObject({
      type: 'workout',
      category: 'Cycling',
      value: 90,
      components: { distance_m: 30_000, energy_kcal: 2000 / 4.184 },
      start: Date.UTC(2022, 11, 15, 7, 0, 0),
      end: Date.UTC(2022, 11, 15, 8, 30, 0),
      utcOffsetMinutes: 60,
      timeZone: 'Europe/Paris',
      metadata: { HKIndoorWorkout: '0' },
    });
    expect(samples[0]!.info.workout).toEqual({
      events: [{ type: 'HKWorkoutEventTypePause', date: '2022-12-15 08:30:00 +0100' }],
      statistics: [],
      routes: [
        {
          attributes: { sourceName: 'Watch', startDate: '2022-12-15 08:00:00 +0100', endDate: '2022-12-15 09:30:00 +0100' },
          filePaths: ['/workout-routes/route_1.gpx'],
          locations: [],
          metadata: { HKMetadataKeySyncVersion: '2' },
        },
      ],
      activities: [],
    });
  });

  it('falls back to WorkoutStatistics (iOS 16+) and to the interval when no duration is given', () => {
    const xml = exportXml(
      '<Workout workoutActivityType="HKWorkoutActivityTypeSwimming" sourceName="Watch" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:45:00 +0000">' +
        '<WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:45:00 +0000" average="120" unit="count/min"/>' +
        '<WorkoutStatistics type="HKQuantityTypeIdentifierDistanceSwimming" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:45:00 +0000" sum="1500" unit="m"/>' +
        '<WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:45:00 +0000" sum="400" unit="Cal"/>' +
        '<WorkoutActivity uuid="A" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:45:00 +0000" duration="45" durationUnit="min"/>' +
        '</Workout>',
    );
    const { samples } = parseXml(xml);
    expect(samples[0]!.sample).toMatchObject({ category: 'Swimming', value: 45, components: { distance_m: 1500, energy_kcal: 400 } });
    expect(samples[0]!.info.workout!.statistics).toHaveLength(3);
    expect(samples[0]!.info.workout!.activities).toEqual([
      { uuid: 'A', startDate: '2022-12-15 08:00:00 +0000', endDate: '2022-12-15 08:45:00 +0000', duration: '45', durationUnit: 'min' },
    ]);
  });

  it('gives no components when no total is known, and refuses a bad total unit', () => {
    const base = 'sourceName="Watch" startDate="2022-12-15 08:00:00 +0000" endDate="2022-12-15 08:10:00 +0000"';
    const { samples, errors } = parseXml(
      exportXml(
        `<Workout workoutActivityType="HKWorkoutActivityTypeYoga" ${base}/>\n` +
          `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" totalDistance="5" totalDistanceUnit="kg" ${base}/>`,
      ),
    );
    expect(samples[0]!.sample).toMatchObject({ category: 'Yoga', value: 10, components: null });
    expect(errors.map((e) => [e.element, e.identifier, e.code])).toEqual([['Workout', 'HKWorkoutActivityTypeRunning', 'wrong_dimension']]);
  });
});

describe('summaries, characteristics, export date', () => {
  it('reports ActivitySummary, Me and ExportDate as events of their own', () => {
    const { summaries, me, exportDates, samples, errors } = parseXml(
      exportXml(
        [
          '<ExportDate value="2019-07-19 10:36:11 -0700"/>',
          '<Me HKCharacteristicTypeIdentifierDateOfBirth="1980-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" ' +
            'HKCharacteristicTypeIdentifierBloodType="HKBloodTypeABNegative" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeIII" ' +
            'HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="HKCardioFitnessMedicationsUseBetaBlocker"/>',
          '<ActivitySummary dateComponents="2019-12-27" activeEnergyBurned="545.159" activeEnergyBurnedGoal="690" activeEnergyBurnedUnit="kJ" ' +
            'appleMoveTime="0" appleMoveTimeGoal="0" appleExerciseTime="36" appleExerciseTimeGoal="30" appleStandHours="10" appleStandHoursGoal="12"/>',
          '<ActivitySummary dateComponents="2019-12-28" activeEnergyBurned="300"/>',
          '<ActivitySummary dateComponents="0000-00-00"/>',
        ].join('\n'),
      ),
    );
    expect(samples).toEqual([]);
    expect(exportDates).toEqual([
      { instant: Date.UTC(2019, 6, 19, 17, 36, 11), utcOffsetMinutes: -420, value: '2019-07-19 10:36:11 -0700' },
    ]);
    expect(me[0]).toMatchObject({
      dateOfBirth: '1980-01-01',
      sex: 'female',
      bloodType: 'AB-',
      fitzpatrickSkinType: 'III',
      cardioFitnessMedicationsUse: 'BetaBlocker',
    });
    expect(summaries).toEqual([
      {
        date: '2019-12-27',
        activeEnergyKcal: 545.159 / 4.184,
        activeEnergyGoalKcal: 690 / 4.184,
        moveTimeMinutes: 0,
        moveTimeGoalMinutes: 0,
        exerciseTimeMinutes: 36,
        exerciseTimeGoalMinutes: 30,
        standHours: 10,
        standHoursGoal: 12,
      },
      {
        date: '2019-12-28',
        activeEnergyKcal: 300,
        activeEnergyGoalKcal: null,
        moveTimeMinutes: null,
        moveTimeGoalMinutes: null,
        exerciseTimeMinutes: null,
        exerciseTimeGoalMinutes: null,
        standHours: null,
        standHoursGoal: null,
      },
    ]);
    expect(errors.map((e) => [e.element, e.code])).toEqual([['ActivitySummary', 'bad_date']]);
  });

  it('maps "not set" characteristics to null', () => {
    const { me } = parseXml(
      exportXml(
        '<Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet" ' +
          'HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"/>',
      ),
    );
    expect(me[0]).toMatchObject({
      dateOfBirth: null,
      sex: null,
      bloodType: null,
      fitzpatrickSkinType: null,
      cardioFitnessMedicationsUse: null,
    });
  });
});

describe('document-level behaviour', () => {
  it('refuses a document whose root is not HealthData', () => {
    expect(() => parseXml('<svg><Record/></svg>')).toThrow(AppleHealthExportError);
    expect(() => parseXml('<svg><Record/></svg>')).toThrow(/root element is <svg>/);
  });

  it('counts bytes and reads the locale', () => {
    const xml = exportXml(record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72'));
    expect(parseXml(xml).stats).toMatchObject({ bytes: Buffer.byteLength(xml), locale: 'en_US', elements: 1 });
  });

  it('keeps nested elements under maxNodesPerElement and counts the ones dropped', () => {
    const beats = Array.from({ length: 10 }, () => '<InstantaneousBeatsPerMinute bpm="60" time="1:00:00.00 PM"/>').join('');
    const xml = exportXml(
      record(
        'HKQuantityTypeIdentifierHeartRateVariabilitySDNN',
        'ms',
        '40',
        '',
        `<HeartRateVariabilityMetadataList>${beats}</HeartRateVariabilityMetadataList>`,
      ),
    );
    const { samples, stats } = parseXml(xml, { maxNodesPerElement: 5 });
    expect(samples[0]!.info.beats).toHaveLength(3); // Record, list, then 3 beats = 5 nodes
    expect(stats.droppedNodes).toBe(7);
  });

  it('works as an async iterator of event batches that returns the counters', async () => {
    const xml = Buffer.from(
      exportXml(
        [record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72'), '<ActivitySummary dateComponents="2019-12-28"/>'].join('\n'),
      ),
    );
    async function* chunks() {
      for (let i = 0; i < xml.length; i += 50) yield xml.subarray(i, i + 50);
    }
    const iterator = parseAppleHealthExport(chunks());
    const events: AppleHealthEvent[] = [];
    let result = await iterator.next();
    while (!result.done) {
      expect(result.value.length).toBeGreaterThan(0);
      events.push(...result.value);
      result = await iterator.next();
    }
    expect(events.map((e) => e.kind)).toEqual(['sample', 'activitySummary']);
    expect(result.value).toMatchObject({ samples: 1, activitySummaries: 1, bytes: xml.length });
  });

  it('the async iterator throws the structural error of a truncated document', async () => {
    const truncated = Buffer.from(exportXml(record('HKQuantityTypeIdentifierHeartRate', 'count/min', '72'))).subarray(0, 120);
    const run = async () => {
      for await (const batch of parseAppleHealthExport([truncated])) void batch;
    };
    await expect(run()).rejects.toMatchObject({ name: 'AppleHealthExportError', code: 'truncated' });
  });
});
