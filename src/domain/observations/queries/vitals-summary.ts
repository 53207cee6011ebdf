/**
 * The summary of a vitals window (min, max, sample mean) and its personal baseline, from rollups only: Σsum ÷ Σcount is
 * the mean of every sample, not a mean of bucket means. Blood pressure is summarised per component.
 */
import { DAY_MS, type Aggregate } from '../store/index.js';
import { BASELINE_DEFAULTS, personalBaseline, type Insufficient } from '../summaries/index.js';
import { isoDate, type DateWindow } from './calendar.js';
import { BP_COMPONENTS, type ComponentRollups, type MetricDef, type VitalValue } from './vitals-metrics.js';

export interface BaselineStatus {
  readonly status: 'computed' | 'insufficient_data';
  readonly reason: string | null;
  readonly message: string | null;
  readonly method: 'median_of_daily_means';
  /** the lookback window, both ends included */
  readonly windowFrom: string;
  readonly windowTo: string;
  /** dates of the lookback window with data (blood pressure: the fewer of its two components) */
  readonly daysWithData: number;
  readonly minDaysRequired: number;
}

export interface VitalsSummary {
  readonly min: VitalValue | null;
  readonly max: VitalValue | null;
  readonly mean: VitalValue | null;
  readonly sampleCount: number;
  readonly baseline: VitalValue | null;
  readonly baselineStatus: BaselineStatus;
}

interface Totals {
  count: number;
  sum: number;
  min: number;
  max: number;
}

function totalsOf(rows: readonly Aggregate[]): Totals | null {
  if (rows.length === 0) return null;
  const t: Totals = { count: 0, sum: 0, min: Infinity, max: -Infinity };
  for (const r of rows) {
    t.count += r.count;
    t.sum += r.sum;
    t.min = Math.min(t.min, r.min);
    t.max = Math.max(t.max, r.max);
  }
  return t;
}

export function summaryOf(def: MetricDef, rollups: ComponentRollups, lookback: ComponentRollups, window: DateWindow): VitalsSummary {
  const types = def.isBloodPressure ? BP_COMPONENTS.map((c) => c.type) : [def.type];
  const totals = types.map((t) => totalsOf(rollups.get(t) ?? []));
  const baselines = types.map((t) =>
    personalBaseline(
      (lookback.get(t) ?? []).map((r) => ({ date: isoDate(r.bucket), value: r.sum / r.count })),
      window.startDate,
    ),
  );
  const daysWithData = Math.min(...types.map((t) => (lookback.get(t) ?? []).length));
  const pick = (f: (t: Totals) => number): VitalValue | null => {
    if (totals.every((t) => t === null)) return null;
    const values = totals.map((t) => (t === null ? null : f(t)));
    return def.isBloodPressure ? { systolic: values[0]!, diastolic: values[1]! } : values[0]!;
  };
  const insufficient = baselines.find((b): b is Insufficient<'too_few_days'> => b.value === null);
  const status: BaselineStatus = {
    status: insufficient ? 'insufficient_data' : 'computed',
    reason: insufficient?.reason ?? null,
    message: insufficient?.message ?? null,
    method: 'median_of_daily_means',
    windowFrom: isoDate(window.fromKey - BASELINE_DEFAULTS.lookbackDays * DAY_MS),
    windowTo: isoDate(window.fromKey - DAY_MS),
    daysWithData,
    minDaysRequired: BASELINE_DEFAULTS.minDaysWithData,
  };
  const values = baselines.map((b) => b.value ?? Number.NaN);
  let baseline: VitalValue | null = null;
  if (!insufficient) baseline = def.isBloodPressure ? { systolic: values[0]!, diastolic: values[1]! } : values[0]!;
  return {
    min: pick((t) => t.min),
    max: pick((t) => t.max),
    mean: pick((t) => t.sum / t.count),
    sampleCount: totals[0]?.count ?? 0,
    baseline,
    baselineStatus: status,
  };
}
