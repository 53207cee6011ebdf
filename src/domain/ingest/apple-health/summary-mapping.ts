/** `<ActivitySummary>`, `<Me>` and `<ExportDate>`: not samples, reported as events of their own. */
import { parseCalendarDate, parseExportInstant, parseExportOffsetMinutes } from './export-date.js';
import type { ExportElement } from './export-events.js';
import type { ActivitySummary, BiologicalSex, ElementPosition, ExportDate, MeCharacteristics } from './export-types.js';
import { RecordRejection, convert, optionalNumber, requireAttribute, type MappingSink } from './mapping-context.js';

export function mapActivitySummary(element: ExportElement, position: ElementPosition, sink: MappingSink): void {
  const a = element.attributes;
  const rawDate = requireAttribute(a, 'dateComponents');
  const date = parseCalendarDate(rawDate);
  if (date === null) throw new RecordRejection('bad_date', `dateComponents ${JSON.stringify(rawDate)} is not a date`);
  // The export states the energy unit (kcal, or Cal = kcal); older exports without the attribute wrote kcal.
  const energyUnit = a['activeEnergyBurnedUnit'] ?? 'kcal';
  const energy = (name: string): number | null => {
    const value = optionalNumber(a, name);
    return value === null ? null : convert('active_energy', value, energyUnit);
  };
  const summary: ActivitySummary = {
    date,
    activeEnergyKcal: energy('activeEnergyBurned'),
    activeEnergyGoalKcal: energy('activeEnergyBurnedGoal'),
    moveTimeMinutes: optionalNumber(a, 'appleMoveTime'),
    moveTimeGoalMinutes: optionalNumber(a, 'appleMoveTimeGoal'),
    exerciseTimeMinutes: optionalNumber(a, 'appleExerciseTime'),
    exerciseTimeGoalMinutes: optionalNumber(a, 'appleExerciseTimeGoal'),
    standHours: optionalNumber(a, 'appleStandHours'),
    standHoursGoal: optionalNumber(a, 'appleStandHoursGoal'),
  };
  sink.activitySummary(summary, position);
}

const SEX: Readonly<Record<string, BiologicalSex>> = {
  HKBiologicalSexFemale: 'female',
  HKBiologicalSexMale: 'male',
  HKBiologicalSexOther: 'other',
};

const BLOOD_TYPES: Readonly<Record<string, string>> = {
  HKBloodTypeAPositive: 'A+',
  HKBloodTypeANegative: 'A-',
  HKBloodTypeBPositive: 'B+',
  HKBloodTypeBNegative: 'B-',
  HKBloodTypeABPositive: 'AB+',
  HKBloodTypeABNegative: 'AB-',
  HKBloodTypeOPositive: 'O+',
  HKBloodTypeONegative: 'O-',
};

const SKIN_TYPES: Readonly<Record<string, string>> = {
  HKFitzpatrickSkinTypeI: 'I',
  HKFitzpatrickSkinTypeII: 'II',
  HKFitzpatrickSkinTypeIII: 'III',
  HKFitzpatrickSkinTypeIV: 'IV',
  HKFitzpatrickSkinTypeV: 'V',
  HKFitzpatrickSkinTypeVI: 'VI',
};

const CHARACTERISTIC = 'HKCharacteristicTypeIdentifier';
const MEDICATIONS_PREFIX = 'HKCardioFitnessMedicationsUse';

function lookup(table: Readonly<Record<string, string>>, value: string | undefined): string | null {
  return value !== undefined && Object.hasOwn(table, value) ? table[value]! : null;
}

export function mapMe(element: ExportElement, sink: MappingSink): void {
  const a = element.attributes;
  const dob = a[`${CHARACTERISTIC}DateOfBirth`];
  const sex = a[`${CHARACTERISTIC}BiologicalSex`];
  const medications = a[`${CHARACTERISTIC}CardioFitnessMedicationsUse`];
  sink.me({
    dateOfBirth: dob === undefined ? null : parseCalendarDate(dob),
    sex: sex !== undefined && Object.hasOwn(SEX, sex) ? SEX[sex]! : null,
    bloodType: lookup(BLOOD_TYPES, a[`${CHARACTERISTIC}BloodType`]),
    fitzpatrickSkinType: lookup(SKIN_TYPES, a[`${CHARACTERISTIC}FitzpatrickSkinType`]),
    cardioFitnessMedicationsUse:
      medications === undefined || medications === '' || medications.endsWith('NotSet')
        ? null
        : medications.startsWith(MEDICATIONS_PREFIX)
          ? medications.slice(MEDICATIONS_PREFIX.length)
          : medications,
    attributes: a,
  } satisfies MeCharacteristics);
}

export function mapExportDate(element: ExportElement, sink: MappingSink): void {
  const value = requireAttribute(element.attributes, 'value');
  const instant = parseExportInstant(value);
  if (Number.isNaN(instant)) throw new RecordRejection('bad_date', `ExportDate ${JSON.stringify(value)} is not a date`);
  sink.exportDate({ instant, utcOffsetMinutes: parseExportOffsetMinutes(value), value } satisfies ExportDate);
}
