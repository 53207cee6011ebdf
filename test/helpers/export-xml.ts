/** Small synthetic Apple Health exports for import tests (the generator in bench/ makes big realistic ones). */
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-06-01 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-04-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>
`;

const DEVICE = '&lt;&lt;HKDevice: 0x28%s&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;';

const pad = (n: number) => String(n).padStart(2, '0');

/** `n` heart-rate records one minute apart from 2024-05-01 00:00 +0100, each with its own device memory address. */
export function heartRateExport(n: number): string {
  const records: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 4, 1, 0, i));
    const stamp = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00 +0100`;
    const device = DEVICE.replace('%s', (0x1000 + i).toString(16));
    records.push(
      ` <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Ada’s Apple Watch" sourceVersion="10.1" device="${device}" unit="count/min" creationDate="${stamp}" startDate="${stamp}" endDate="${stamp}" value="${60 + (i % 40)}"/>`,
    );
  }
  return `${HEADER}${records.join('\n')}\n</HealthData>\n`;
}

/** Billion laughs: entities defined in the DTD and expanded in an attribute. */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<HealthData locale="en_GB"><Record type="HKQuantityTypeIdentifierHeartRate" sourceName="&lol3;" unit="count/min" startDate="2024-05-01 00:00:00 +0100" endDate="2024-05-01 00:00:00 +0100" value="60"/></HealthData>
`;
