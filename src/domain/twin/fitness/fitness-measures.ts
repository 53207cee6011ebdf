import { bloodPressureModel, heatIndexModel } from '../../models/index.js';
import { runModel, type FatiguePoint } from '../model-inputs/index.js';
import type { TwinFeatures } from '../twin-features.js';
import type { TwinScores } from '../twin-score.js';
import { BP_CATEGORY_ORDER, type BpCategory, type FitnessCondition, type NumericMeasure } from './fitness-rules.schema.js';

const HOUR_MS = 3_600_000;
/** A daily SpO2 minimum older than this does not describe today. */
const SPO2_MAX_AGE_HOURS = 48;

/** The value of every measure a rule can read; null = not known (the rule cannot be checked). */
export interface MeasureValues {
  readonly numeric: Readonly<Record<NumericMeasure, number | null>>;
  readonly bp_category: BpCategory | null;
}

/** What would make each unknown measure known (for data_sufficiency). */
export const MEASURE_NEEDS: Readonly<Record<NumericMeasure | 'bp_category', string>> = {
  kss: 'a main sleep recorded in the last day and a half',
  bac_equivalent_percent: 'a main sleep recorded in the last day and a half',
  heat_index_c: 'ambient temperature and relative humidity in the last 24 h',
  spo2_min_percent: 'an SpO2 reading in the last 48 h',
  cardiac_twin_score: 'enough data for the cardiac twin',
  fatigue_twin_score: 'enough data for the fatigue twin',
  bp_category: 'a blood-pressure reading in the last 30 days',
};

function heatIndexC(f: TwinFeatures): number | null {
  const { temp_c, rh_percent } = f.environment;
  if (temp_c === null || rh_percent === null) return null;
  const run = runModel(heatIndexModel, { temp_c: temp_c.value, rh_percent: rh_percent.value });
  return run.ok ? run.outputs.heat_index_c : null;
}

function latestSpo2Min(f: TwinFeatures): number | null {
  const asOfMs = Date.parse(f.as_of);
  for (let i = f.days.length - 1; i >= 0; i--) {
    const day = f.days[i]!;
    if (asOfMs - Date.parse(`${day.date}T00:00:00Z`) > SPO2_MAX_AGE_HOURS * HOUR_MS) return null;
    if (day.spo2_min_percent !== null) return day.spo2_min_percent;
  }
  return null;
}

function bpCategory(f: TwinFeatures): BpCategory | null {
  const bp = f.blood_pressure;
  if (bp === null) return null;
  const run = runModel(bloodPressureModel, { sbp: bp.sbp_mmhg, dbp: bp.dbp_mmhg });
  return run.ok ? run.outputs.category : null;
}

/** Measures that do not change over the validity window, read once. */
export function staticMeasures(f: TwinFeatures, twins: TwinScores): MeasureValues {
  return {
    numeric: {
      kss: null,
      bac_equivalent_percent: null,
      heat_index_c: heatIndexC(f),
      spo2_min_percent: latestSpo2Min(f),
      cardiac_twin_score: twins.cardiac.score,
      fatigue_twin_score: twins.fatigue.score,
    },
    bp_category: bpCategory(f),
  };
}

/** The static measures with the fatigue forecast's values at one instant. */
export const withFatigue = (values: MeasureValues, point: FatiguePoint): MeasureValues => ({
  ...values,
  numeric: { ...values.numeric, kss: point.kss, bac_equivalent_percent: point.bacEquivalentPercent },
});

/** true / false, or null when the measure is unknown. */
export function conditionHolds(condition: FitnessCondition, values: MeasureValues): boolean | null {
  if (condition.measure === 'bp_category') {
    const category = values.bp_category;
    return category === null ? null : BP_CATEGORY_ORDER.indexOf(category) >= BP_CATEGORY_ORDER.indexOf(condition.at_least as BpCategory);
  }
  const value = values.numeric[condition.measure];
  if (value === null) return null;
  return 'at_least' in condition ? value >= (condition.at_least as number) : value < condition.below;
}
