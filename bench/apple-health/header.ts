/**
 * The start of `export.xml`: XML declaration, the inline DTD, `<HealthData>`, `<ExportDate>` and `<Me>`.
 *
 * The DTD follows the structure Apple ships (element and attribute names of HealthKit export versions 12–14) and
 * reproduces the defect every iOS 16+ export has: the ATTLIST of VisionPrescription is never closed, so the RightEye /
 * LeftEye / Attachment declarations land inside it, and a stray `>` stands before the closing `]>`. A parser that
 * reads the internal subset (expat through Python's ElementTree, libxml2 with DTD loading) fails on it near line
 * 155; an importer has to skip the DOCTYPE rather than parse it.
 *
 * "HealthKit Export Version: 13" is what we write for an iOS 17 export (12 is iOS 16); importers should not rely on it.
 */

const ATT = (name: string, required: boolean) => `  ${name.padEnd(13)} CDATA #${required ? 'REQUIRED' : 'IMPLIED'}\n`;
const SAMPLE_ATTS = ['sourceName', 'sourceVersion', 'device', 'creationDate', 'startDate', 'endDate']
  .map((n) => ATT(n, n === 'sourceName' || n === 'startDate' || n === 'endDate'))
  .join('');
const EYE_ATTS = ['sphere', 'cylinder', 'axis', 'add', 'vertex', 'prismAmount', 'prismAngle', 'farPD', 'nearPD', 'baseCurve', 'diameter']
  .flatMap((n) => [ATT(n, false), ATT(`${n}Unit`, false)])
  .join('');

export const DTD = `<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
${ATT('locale', true)}>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
${ATT('value', true)}>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
${['DateOfBirth', 'BiologicalSex', 'BloodType', 'FitzpatrickSkinType', 'CardioFitnessMedicationsUse'].map((n) => ATT(`HKCharacteristicTypeIdentifier${n}`, true)).join('')}>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
${ATT('type', true)}${ATT('unit', false)}${ATT('value', false)}${SAMPLE_ATTS}>
<!-- Note: Any Records that appear as children of a correlation also appear as top-level records in this document. -->
<!ELEMENT Correlation ((MetadataEntry|Record)*)>
<!ATTLIST Correlation
${ATT('type', true)}${SAMPLE_ATTS}>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout
${ATT('workoutActivityType', true)}${['duration', 'durationUnit', 'totalDistance', 'totalDistanceUnit', 'totalEnergyBurned', 'totalEnergyBurnedUnit'].map((n) => ATT(n, false)).join('')}${SAMPLE_ATTS}>
<!ELEMENT WorkoutActivity ((WorkoutEvent|WorkoutStatistics|MetadataEntry)*)>
<!ATTLIST WorkoutActivity
${ATT('uuid', true)}${ATT('startDate', true)}${ATT('endDate', false)}${ATT('duration', false)}${ATT('durationUnit', false)}>
<!ELEMENT WorkoutEvent ((MetadataEntry)*)>
<!ATTLIST WorkoutEvent
${ATT('type', true)}${ATT('date', true)}${ATT('duration', false)}${ATT('durationUnit', false)}>
<!ELEMENT WorkoutStatistics EMPTY>
<!ATTLIST WorkoutStatistics
${ATT('type', true)}${ATT('startDate', true)}${ATT('endDate', true)}${['average', 'minimum', 'maximum', 'sum', 'unit'].map((n) => ATT(n, false)).join('')}>
<!ELEMENT WorkoutRoute ((MetadataEntry|FileReference)*)>
<!ATTLIST WorkoutRoute
${SAMPLE_ATTS}>
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference
${ATT('path', true)}>
<!ELEMENT ActivitySummary EMPTY>
<!ATTLIST ActivitySummary
${['dateComponents', 'activeEnergyBurned', 'activeEnergyBurnedGoal', 'activeEnergyBurnedUnit', 'appleMoveTime', 'appleMoveTimeGoal', 'appleExerciseTime', 'appleExerciseTimeGoal', 'appleStandHours', 'appleStandHoursGoal'].map((n) => ATT(n, false)).join('')}>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
${ATT('key', true)}${ATT('value', true)}>
<!-- Note: Heart Rate Variability records captured by Apple Watch may include an associated list of instantaneous beats-per-minute readings. -->
<!ELEMENT HeartRateVariabilityMetadataList (InstantaneousBeatsPerMinute*)>
<!ELEMENT InstantaneousBeatsPerMinute EMPTY>
<!ATTLIST InstantaneousBeatsPerMinute
${ATT('bpm', true)}${ATT('time', true)}>
<!ELEMENT ClinicalRecord EMPTY>
<!ATTLIST ClinicalRecord
${['type', 'identifier', 'sourceName', 'sourceURL', 'fhirVersion', 'receivedDate', 'resourceFilePath'].map((n) => ATT(n, true)).join('')}>
<!ELEMENT Audiogram ((MetadataEntry|SensitivityPoint)*)>
<!ATTLIST Audiogram
${ATT('type', true)}${SAMPLE_ATTS}>
<!ELEMENT SensitivityPoint EMPTY>
<!ATTLIST SensitivityPoint
${ATT('frequencyValue', true)}${ATT('frequencyUnit', true)}${['leftEarValue', 'leftEarUnit', 'rightEarValue', 'rightEarUnit'].map((n) => ATT(n, false)).join('')}>
<!ELEMENT VisionPrescription ((RightEye|LeftEye|Attachment|MetadataEntry)*)>
<!ATTLIST VisionPrescription
${ATT('type', true)}${ATT('dateIssued', true)}${ATT('expirationDate', false)}${ATT('brand', false)}<!ELEMENT RightEye EMPTY>
<!ATTLIST RightEye
${EYE_ATTS}>
<!ELEMENT LeftEye EMPTY>
<!ATTLIST LeftEye
${EYE_ATTS}>
<!ELEMENT Attachment EMPTY>
<!ATTLIST Attachment
${ATT('identifier', false)}>
>
]>
`;

export interface Person {
  readonly dateOfBirth: string;
  /** HKBiologicalSexFemale, HKBiologicalSexMale, HKBiologicalSexOther, HKBiologicalSexNotSet */
  readonly biologicalSex: string;
}

export function header(locale: string, exportDate: string, person: Person): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n${DTD}<HealthData locale="${locale}">\n` +
    ` <ExportDate value="${exportDate}"/>\n` +
    ` <Me HKCharacteristicTypeIdentifierDateOfBirth="${person.dateOfBirth}" HKCharacteristicTypeIdentifierBiologicalSex="${person.biologicalSex}"` +
    ` HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet"` +
    ` HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n`
  );
}

export const FOOTER = '</HealthData>\n';
