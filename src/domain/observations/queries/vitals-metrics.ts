/** The Twin vitals metrics: their observation types, units and value shapes, and reading their rollups. */
import { byTwinMetric } from '../catalogue/index.js';
import type { Aggregate, ObservationReader, RollupPeriod } from '../store/index.js';

export const VITAL_METRICS = ['heart_rate', 'hrv', 'blood_pressure', 'spo2', 'temperature'] as const;
export type VitalMetric = (typeof VITAL_METRICS)[number];
export type VitalsMetricParam = VitalMetric | 'all';

export const VITALS_GRANULARITIES = ['raw', 'hourly', 'daily'] as const;
export type VitalsGranularity = (typeof VITALS_GRANULARITIES)[number];

/** Longest window per granularity, days (both ends included): bounds the rows one request reads. */
export const VITALS_MAX_DAYS: Readonly<Record<VitalsGranularity, number>> = { raw: 31, hourly: 92, daily: 1096 };

/** Twin's spelling of each metric's unit (the canonical UCUM unit underneath: /min, ms, mm[Hg], %, Cel). */
export const VITAL_UNITS: Readonly<Record<VitalMetric, string>> = {
  heart_rate: 'bpm',
  hrv: 'ms',
  blood_pressure: 'mmHg',
  spo2: '%',
  temperature: 'celsius',
};

export interface BloodPressureValue {
  readonly systolic: number | null;
  readonly diastolic: number | null;
}
export type VitalValue = number | BloodPressureValue;

/** Blood pressure's components as its rollups name them (`blood_pressure:systolic`) and as the catalogue types them. */
export const BP_COMPONENTS = [
  { name: 'systolic', type: 'blood_pressure_systolic' },
  { name: 'diastolic', type: 'blood_pressure_diastolic' },
] as const;

export interface MetricDef {
  readonly metric: VitalMetric;
  /** observation type id */
  readonly type: string;
  readonly isBloodPressure: boolean;
}

export const DEFS: readonly MetricDef[] = VITAL_METRICS.map((metric) => {
  const type = byTwinMetric(metric)?.types[0]?.id;
  if (!type) throw new Error(`catalogue has no type for Twin metric ${metric}`);
  return { metric, type, isBloodPressure: metric === 'blood_pressure' };
})
  // The raw rows' key order, so that raw and aggregated pages list metrics in the same order.
  .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

export const BY_TYPE = new Map(DEFS.map((d) => [d.type, d]));

/** Rollup rows per component type (`heart_rate`, or `blood_pressure_systolic`/`_diastolic`), buckets in [from, to). */
export type ComponentRollups = ReadonlyMap<string, readonly Aggregate[]>;

export async function componentRollups(
  reader: ObservationReader,
  personId: string,
  def: MetricDef,
  period: RollupPeriod,
  from: number,
  to: number,
): Promise<ComponentRollups> {
  if (!def.isBloodPressure) return new Map([[def.type, await reader.rollups(personId, def.type, period, from, to)]]);
  const rows = await Promise.all(BP_COMPONENTS.map((c) => reader.rollups(personId, `${def.type}:${c.name}`, period, from, to)));
  return new Map(BP_COMPONENTS.map((c, i) => [c.type, rows[i]!]));
}
