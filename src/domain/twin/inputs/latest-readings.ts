/**
 * The spot inputs of the snapshot from raw rows already limited to their look-back (look-back.ts): the latest lab
 * values, body measurements, questionnaires and ambient readings, and the blood-pressure mean. Pure.
 */
import type { StoredObservation } from '../../observations/index.js';
import type { Dated, Labs, TwinFeatures } from '../twin-features.js';
import { ofType } from './raw-rows.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The newest row of `type` with a value (rows are oldest first), as a dated value. */
export function latestOf(rows: readonly StoredObservation[], type: string): Dated | null {
  const found = ofType(rows, type).findLast((r) => r.value !== null);
  return found ? { value: found.value!, at: iso(found.start_ms) } : null;
}

/** The catalogue type behind each lab field. */
export const LAB_TYPES = {
  total_chol_mgdl: 'total_cholesterol',
  hdl_mgdl: 'hdl_cholesterol',
  ldl_mgdl: 'ldl_cholesterol',
  triglycerides_mgdl: 'triglycerides',
  hba1c_percent: 'hba1c',
  fasting_glucose_mgdl: 'fasting_glucose',
  creatinine_mgdl: 'creatinine',
} as const satisfies Record<keyof Labs, string>;

export function labsOf(rows: readonly StoredObservation[]): Labs {
  const entries = Object.entries(LAB_TYPES).map(([field, type]) => [field, latestOf(rows, type)] as const);
  return Object.fromEntries(entries) as unknown as Labs;
}

/** Mean of the readings' components (each reading counts once), with their count and the newest instant. */
export function bloodPressureOf(rows: readonly StoredObservation[]): TwinFeatures['blood_pressure'] {
  const readings = ofType(rows, 'blood_pressure').flatMap((r) => {
    const sbp = r.components?.['systolic'];
    const dbp = r.components?.['diastolic'];
    return typeof sbp === 'number' && typeof dbp === 'number' ? [{ sbp, dbp, at: r.start_ms }] : [];
  });
  if (readings.length === 0) return null;
  const mean = (pick: (x: (typeof readings)[number]) => number) => readings.reduce((a, x) => a + pick(x), 0) / readings.length;
  return { sbp_mmhg: mean((x) => x.sbp), dbp_mmhg: mean((x) => x.dbp), readings: readings.length, latest_at: iso(readings.at(-1)!.at) };
}

/**
 * The newest PHQ-9 and GAD-7. A PHQ-9 stored without its item 9 (the self-harm item) is not used: the contract needs it,
 * and a total alone cannot say whether item 9 was positive.
 */
export function questionnairesOf(rows: readonly StoredObservation[]): TwinFeatures['questionnaires'] {
  const phq9 = ofType(rows, 'phq9').findLast((r) => r.value !== null && typeof r.components?.['item_9'] === 'number');
  const gad7 = ofType(rows, 'gad7').findLast((r) => r.value !== null);
  return {
    phq9: phq9 ? { total: phq9.value!, item9: phq9.components!['item_9']!, at: iso(phq9.start_ms) } : null,
    gad7: gad7 ? { total: gad7.value!, at: iso(gad7.start_ms) } : null,
  };
}

/**
 * Ambient readings of the last 24 h: the newest temperature and humidity; PM2.5 as the mean of the day's readings (the
 * 24-hour exposure air-quality guidelines are written in, WHO 2021), dated by its newest reading.
 */
export function environmentOf(rows: readonly StoredObservation[]): TwinFeatures['environment'] {
  const pm = ofType(rows, 'pm25').filter((r) => r.value !== null);
  const pm25 = pm.length === 0 ? null : { value: pm.reduce((a, r) => a + r.value!, 0) / pm.length, at: iso(pm.at(-1)!.start_ms) };
  return { temp_c: latestOf(rows, 'ambient_temperature'), rh_percent: latestOf(rows, 'relative_humidity'), pm25_24h_ugm3: pm25 };
}

/** The reading nearest `targetMs`, if one lies within `toleranceMs` of it (ties: the earlier one). */
export function nearestOf(rows: readonly StoredObservation[], type: string, targetMs: number, toleranceMs: number): Dated | null {
  let best: StoredObservation | null = null;
  for (const r of ofType(rows, type)) {
    if (r.value === null || Math.abs(r.start_ms - targetMs) > toleranceMs) continue;
    if (best === null || Math.abs(r.start_ms - targetMs) < Math.abs(best.start_ms - targetMs)) best = r;
  }
  return best ? { value: best.value!, at: iso(best.start_ms) } : null;
}
