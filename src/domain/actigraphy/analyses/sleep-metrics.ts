/**
 * Per-night sleep metrics from scored epochs. A night is the longest Tudor-Locke sleep period whose midpoint falls in
 * a noon-to-noon local window, dated by the morning it ends in. Without an in-bed marker (a diary, a button press, a
 * recorded in-bed sample) the period starts at sleep onset, so time in bed is the sleep period time and sleep-onset
 * latency is not measurable: it is null, never 0.
 */
import { instantWithOffset, localMs, MINUTE_MS, type MinuteSeries } from '../series/minute-series.js';
import { ALGORITHM_MODELS, scoreSleep, websterRescore, type SleepAlgorithm } from './sleep-scoring.js';
import { sleepPeriods, type SleepPeriod } from './sleep-periods.js';

export interface NightMetrics {
  readonly night_date: string;
  readonly sleep_onset: string;
  readonly final_wake: string;
  readonly time_in_bed_minutes: number;
  readonly total_sleep_minutes: number;
  readonly sleep_efficiency_percent: number;
  readonly waso_minutes: number;
  readonly sleep_onset_latency_minutes: number | null;
  readonly midpoint: string;
  readonly midpoint_clock_hours: number;
  readonly awakenings: number;
  readonly other_sleep_periods: number;
  /** the period touches the start or end of the series or a gap: the night was cut, so it is left out of the summary */
  readonly truncated: boolean;
}

export interface AlgorithmSleep {
  readonly algorithm: SleepAlgorithm;
  readonly model: string;
  readonly webster_rescoring: boolean;
  readonly scored_minutes: number;
  readonly sleep_minutes: number;
  readonly wake_minutes: number;
  readonly nights: NightMetrics[];
  readonly summary: NightSummary | null;
}

export interface NightSummary {
  readonly nights: number;
  readonly mean_total_sleep_minutes: number;
  readonly mean_time_in_bed_minutes: number;
  readonly mean_sleep_efficiency_percent: number;
  readonly mean_waso_minutes: number;
  readonly mean_awakenings: number;
  readonly mean_midpoint_clock_hours: number;
}

export interface ScoredSleep {
  readonly result: AlgorithmSleep;
  /** 1 = sleep, after rescoring when asked */
  readonly sleep: Uint8Array;
  readonly periods: SleepPeriod[];
}

const HALF_DAY_MS = 12 * 3_600_000;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Clock hours (0–24) of a local epoch-ms time. */
export const clockHours = (localEpochMs: number): number => (((localEpochMs % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000;

/** Circular mean of clock hours (midpoints straddle midnight). */
export function circularMeanHours(hours: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const h of hours) {
    s += Math.sin((h / 24) * 2 * Math.PI);
    c += Math.cos((h / 24) * 2 * Math.PI);
  }
  const angle = Math.atan2(s, c);
  return round(((((angle / (2 * Math.PI)) * 24) % 24) + 24) % 24, 3);
}

export function scoreNights(series: MinuteSeries, gaps: Uint8Array, algorithm: SleepAlgorithm, webster: boolean): ScoredSleep {
  const raw = scoreSleep(series.values, algorithm);
  const sleep = webster ? websterRescore(raw) : raw;
  const periods = sleepPeriods(sleep, gaps);
  let scored = 0;
  let asleep = 0;
  for (let i = 0; i < sleep.length; i++) {
    if (gaps[i] === 1) continue;
    scored++;
    asleep += sleep[i]!;
  }
  const byNight = new Map<string, SleepPeriod[]>();
  for (const period of periods) {
    const midpointLocal = localMs(series, (period.onset + period.end) / 2);
    const night = new Date(midpointLocal + HALF_DAY_MS).toISOString().slice(0, 10);
    byNight.set(night, [...(byNight.get(night) ?? []), period]);
  }
  const nights = [...byNight.entries()].map(([night, list]) => {
    const main = list.reduce((best, p) => (p.end - p.onset > best.end - best.onset ? p : best));
    return nightMetrics(series, sleep, gaps, main, night, list.length - 1);
  });
  const whole = nights.filter((n) => !n.truncated);
  const model = ALGORITHM_MODELS[algorithm];
  return {
    sleep,
    periods,
    result: {
      algorithm,
      model: `${model.id}@${model.version}`,
      webster_rescoring: webster,
      scored_minutes: scored,
      sleep_minutes: asleep,
      wake_minutes: scored - asleep,
      nights,
      summary:
        whole.length === 0
          ? null
          : {
              nights: whole.length,
              mean_total_sleep_minutes: round(mean(whole.map((n) => n.total_sleep_minutes))),
              mean_time_in_bed_minutes: round(mean(whole.map((n) => n.time_in_bed_minutes))),
              mean_sleep_efficiency_percent: round(mean(whole.map((n) => n.sleep_efficiency_percent))),
              mean_waso_minutes: round(mean(whole.map((n) => n.waso_minutes))),
              mean_awakenings: round(mean(whole.map((n) => n.awakenings))),
              mean_midpoint_clock_hours: circularMeanHours(whole.map((n) => n.midpoint_clock_hours)),
            },
    },
  };
}

function nightMetrics(
  series: MinuteSeries,
  sleep: Uint8Array,
  gaps: Uint8Array,
  period: SleepPeriod,
  night: string,
  others: number,
): NightMetrics {
  let total = 0;
  let awakenings = 0;
  for (let i = period.onset; i < period.end; i++) {
    total += sleep[i]!;
    if (sleep[i] === 0 && sleep[i - 1] === 1) awakenings++;
  }
  const inBed = period.end - period.onset;
  const midpointIndex = (period.onset + period.end) / 2;
  return {
    night_date: night,
    sleep_onset: instantWithOffset(series, period.onset),
    final_wake: instantWithOffset(series, period.end),
    time_in_bed_minutes: inBed,
    total_sleep_minutes: total,
    sleep_efficiency_percent: round((100 * total) / inBed),
    waso_minutes: inBed - total,
    sleep_onset_latency_minutes: null,
    midpoint: instantWithOffset(series, Math.floor(midpointIndex)),
    midpoint_clock_hours: round(clockHours(localMs(series, 0) + midpointIndex * MINUTE_MS), 3),
    awakenings,
    other_sleep_periods: others,
    truncated: period.onset === 0 || gaps[period.onset - 1] === 1 || period.end >= series.values.length || gaps[period.end] === 1,
  };
}
