/** Domain results of the health queries → Twin `/v1/health/*` JSON: instants as ISO strings, numbers rounded for people. */
import {
  isoDate,
  isoInstant,
  VITAL_UNITS,
  type ActivityDay,
  type SleepReport,
  type SleepSessionReport,
  type VitalMetric,
  type VitalsGranularity,
  type VitalsMetricParam,
  type VitalsPoint,
  type VitalsSeries,
  type VitalsSummary,
  type VitalValue,
} from '../../domain/observations/queries/index.js';

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
const roundOrNull = (value: number | null, decimals: number): number | null => (value === null ? null : round(value, decimals));

/** Vitals values keep 2 decimals (°F entries converted to °C, means of buckets). */
function vitalValue(value: VitalValue): VitalValue;
function vitalValue(value: VitalValue | null): VitalValue | null;
function vitalValue(value: VitalValue | null): VitalValue | null {
  if (value === null) return null;
  if (typeof value === 'number') return round(value, 2);
  return { systolic: roundOrNull(value.systolic, 2), diastolic: roundOrNull(value.diastolic, 2) };
}

function pointView(p: VitalsPoint) {
  return {
    timestamp: isoInstant(p.at),
    ...(p.period === 'day' && { date: isoDate(p.at) }),
    metric: p.metric,
    value: vitalValue(p.value),
    source: p.source ?? 'aggregate',
    quality: p.quality,
    sample_count: p.sampleCount,
  };
}

function summaryView(s: VitalsSummary) {
  const b = s.baselineStatus;
  return {
    min: vitalValue(s.min),
    max: vitalValue(s.max),
    avg: vitalValue(s.mean),
    baseline: vitalValue(s.baseline),
    baseline_status: {
      status: b.status,
      reason: b.reason,
      message: b.message,
      method: b.method,
      window: { from: b.windowFrom, to: b.windowTo },
      days_with_data: b.daysWithData,
      min_days_required: b.minDaysRequired,
    },
    sample_count: s.sampleCount,
  };
}

type PerMetric<T> = Partial<Record<VitalMetric, T>>;

export function vitalsView(
  userId: string,
  metric: VitalsMetricParam,
  granularity: VitalsGranularity,
  window: { startDate: string; endDate: string },
  series: VitalsSeries,
  nextCursor: string | null,
) {
  const units: PerMetric<string> = {};
  const summaries: PerMetric<ReturnType<typeof summaryView>> = {};
  for (const m of series.metrics) {
    units[m] = VITAL_UNITS[m];
    const s = series.summaries.get(m);
    if (s) summaries[m] = summaryView(s);
  }
  return {
    user_id: userId,
    metric,
    unit: metric === 'all' ? null : VITAL_UNITS[metric],
    units,
    granularity,
    start_date: window.startDate,
    end_date: window.endDate,
    data: series.points.map(pointView),
    summary: metric === 'all' ? null : (summaries[metric] ?? null),
    summaries,
    quality_basis: granularity === 'raw' ? ('sample' as const) : ('rollup' as const),
    pagination: { next_cursor: nextCursor, has_more: nextCursor !== null, total_count: series.totalCount },
  };
}

function sessionView(s: SleepSessionReport) {
  return {
    date: s.date,
    nap: s.nap,
    sleep_start: isoInstant(s.sleepStartMs),
    sleep_end: isoInstant(s.sleepEndMs),
    total_duration_minutes: s.totalSleepMinutes,
    sleep_period_minutes: s.sleepPeriodMinutes,
    time_in_bed_minutes: s.timeInBedMinutes,
    stages: {
      deep_minutes: s.stages.deep,
      light_minutes: s.stages.core,
      rem_minutes: s.stages.rem,
      awake_minutes: s.stages.awake,
      unspecified_minutes: s.stages.unspecified,
    },
    efficiency: s.efficiency,
    awakenings: s.awakenings,
    awake_after_sleep_onset_minutes: s.wasoMinutes,
    quality_score: s.qualityScore,
    hrv_avg: roundOrNull(s.hrvAvg, 1),
    respiratory_rate_avg: roundOrNull(s.respiratoryRateAvg, 1),
    restlessness: s.restlessness,
    source: s.source,
    sources: [...s.sources],
    data_sufficiency: s.dataSufficiency,
  };
}

export function sleepView(userId: string, window: { startDate: string; endDate: string }, report: SleepReport) {
  const { summary } = report;
  const debt = summary.sleepDebt;
  return {
    user_id: userId,
    start_date: window.startDate,
    end_date: window.endDate,
    sleep_sessions: report.sessions.map(sessionView),
    summary: {
      avg_duration_minutes: roundOrNull(summary.avgDurationMinutes, 0),
      avg_quality_score: roundOrNull(summary.avgQualityScore, 0),
      sleep_debt_hours: debt?.value ?? null,
      sleep_debt:
        debt === null
          ? null
          : {
              need_minutes: debt.need_minutes,
              need_basis: debt.need_basis,
              window: { from: debt.window.from, to: debt.window.to },
              nights_with_data: debt.nights_with_data,
              nights_in_window: debt.nights_in_window,
            },
      main_sleeps: summary.mainSleeps,
      naps: summary.naps,
      data_sufficiency: summary.dataSufficiency,
    },
  };
}

export function activityView(userId: string, day: ActivityDay) {
  return {
    user_id: userId,
    date: day.date,
    steps: roundOrNull(day.steps, 0),
    distance_km: day.distanceM === null ? null : round(day.distanceM / 1000, 2),
    calories_burned: roundOrNull(day.caloriesKcal, 0),
    active_calories: roundOrNull(day.activeEnergyKcal, 0),
    basal_calories: roundOrNull(day.basalEnergyKcal, 0),
    active_minutes: day.activeMinutes,
    vigorous_minutes: day.vigorousMinutes,
    sedentary_minutes: day.sedentaryMinutes,
    light_minutes: day.lightMinutes,
    exercise_sessions: day.exerciseSessions.map((e) => ({
      type: e.type,
      start_time: isoInstant(e.startMs),
      end_time: isoInstant(e.endMs),
      duration_minutes: Math.round(e.durationMinutes),
      avg_heart_rate: roundOrNull(e.avgHeartRate, 0),
      max_heart_rate: roundOrNull(e.maxHeartRate, 0),
      calories: roundOrNull(e.energyKcal, 0),
      distance_km: e.distanceM === null ? null : round(e.distanceM / 1000, 2),
      source: e.source,
    })),
    activity_score: day.activityScore,
    day_start: isoInstant(day.dayStartMs),
    day_end: isoInstant(day.dayEndMs),
    data_sufficiency: day.dataSufficiency,
  };
}
