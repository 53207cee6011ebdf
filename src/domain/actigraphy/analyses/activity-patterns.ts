/**
 * Daily activity, intensity minutes, sedentary bouts and fragmentation. Intensity cut points depend on the signal:
 *  - ActiGraph axis-1 counts/min: sedentary < 100 (Matthews et al. 2008, NHANES), moderate-to-vigorous ≥ 1952
 *    (Freedson et al. 1998);
 *  - steps/min (cadence): sedentary < 20 (no or incidental movement), moderate-to-vigorous ≥ 100 (Tudor-Locke et al.
 *    2018; CADENCE-Adults, Tudor-Locke et al. 2019: 100 steps/min ≈ 3 METs).
 * Only waking minutes with data count: minutes inside detected sleep periods and gaps are left out.
 * Fragmentation (Di et al. 2017; Schrack et al. 2019): a transition probability is 1 / mean bout length.
 */
import { localMs, MINUTES_PER_DAY, type MinuteSeries, type SignalKind } from '../series/minute-series.js';
import type { SleepPeriod } from './sleep-periods.js';

export const CUT_POINTS: Record<SignalKind, { sedentaryBelow: number; activeFrom: number; unit: string; citation: string }> = {
  actigraphy_counts: {
    sedentaryBelow: 100,
    activeFrom: 1952,
    unit: 'counts/min',
    citation:
      'Matthews CE et al. Amount of time spent in sedentary behaviors in the United States, 2003-2004. Am J Epidemiol 2008;167(7):875-881; ' +
      'Freedson PS, Melanson E, Sirard J. Calibration of the Computer Science and Applications, Inc. accelerometer. Med Sci Sports Exerc 1998;30(5):777-781',
  },
  step_counts: {
    sedentaryBelow: 20,
    activeFrom: 100,
    unit: 'steps/min',
    citation:
      'Tudor-Locke C et al. How fast is fast enough? Walking cadence (steps/min) as a practical estimate of intensity in adults: a narrative review. Br J Sports Med 2018;52(12):776-788; ' +
      'Tudor-Locke C et al. Walking cadence (steps/min) and intensity in 21-40 year olds: CADENCE-adults. Int J Behav Nutr Phys Act 2019;16:8',
  },
};

export const FRAGMENTATION_CITATION =
  'Di J, Leroux A, Urbanek J, et al. Patterns of sedentary and active time accumulation are associated with mortality in US adults: the NHANES study. bioRxiv 2017, doi:10.1101/182337; ' +
  'Schrack JA, Kuo PL, Wanigatunga AA, et al. Active-to-sedentary behavior transitions, fatigability, and physical functioning in older adults. J Gerontol A 2019;74(4):560-567';

export interface DailyActivity {
  readonly date: string;
  readonly total: number;
  readonly minutes_with_data: number;
  readonly complete: boolean;
  readonly waking_minutes: number;
  readonly sedentary_minutes: number;
  readonly light_minutes: number;
  readonly active_minutes: number;
}

export interface ActivityPatterns {
  readonly signal: SignalKind;
  readonly unit: string;
  readonly cut_points: { sedentary_below: number; moderate_to_vigorous_from: number; citation: string };
  readonly daily: DailyActivity[];
  readonly totals: {
    waking_minutes: number;
    sedentary_minutes: number;
    light_minutes: number;
    active_minutes: number;
    mean_daily_total: number | null;
  };
  readonly sedentary_bouts: {
    count: number;
    mean_minutes: number | null;
    median_minutes: number | null;
    longest_minutes: number;
    minutes_in_bouts_30_plus: number;
    by_length: { '1-9': number; '10-29': number; '30-59': number; '60+': number };
  };
  readonly fragmentation: {
    sedentary_to_active_transition_probability: number | null;
    active_to_sedentary_transition_probability: number | null;
    citation: string;
  };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function activityPatterns(series: MinuteSeries, gaps: Uint8Array, sleepPeriods: readonly SleepPeriod[]): ActivityPatterns {
  const cut = CUT_POINTS[series.signal];
  const n = series.values.length;
  const asleep = new Uint8Array(n);
  for (const p of sleepPeriods) asleep.fill(1, p.onset, p.end);
  // -1 = not a waking minute with data; 0 = sedentary; 1 = light; 2 = active
  const level = new Int8Array(n).fill(-1);
  const days = new Map<string, { total: number; data: number; waking: number; sed: number; light: number; active: number }>();
  for (let i = 0; i < n; i++) {
    const date = new Date(localMs(series, i)).toISOString().slice(0, 10);
    let day = days.get(date);
    if (!day) days.set(date, (day = { total: 0, data: 0, waking: 0, sed: 0, light: 0, active: 0 }));
    if (gaps[i] === 1) continue;
    const v = series.values[i]!;
    day.total += v;
    day.data++;
    if (asleep[i] === 1) continue;
    day.waking++;
    const l = v < cut.sedentaryBelow ? 0 : v >= cut.activeFrom ? 2 : 1;
    level[i] = l;
    if (l === 0) day.sed++;
    else if (l === 1) day.light++;
    else day.active++;
  }
  const daily = [...days.entries()].map(([date, d]) => ({
    date,
    total: round(d.total, 2),
    minutes_with_data: d.data,
    complete: d.data === MINUTES_PER_DAY,
    waking_minutes: d.waking,
    sedentary_minutes: d.sed,
    light_minutes: d.light,
    active_minutes: d.active,
  }));
  const complete = daily.filter((d) => d.complete);
  const sum = (f: (d: DailyActivity) => number) => daily.reduce((a, d) => a + f(d), 0);

  const sedentaryBouts = boutLengths(level, (l) => l === 0);
  const activeBouts = boutLengths(level, (l) => l > 0);
  const sorted = [...sedentaryBouts].sort((a, b) => a - b);
  const meanOf = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
  const meanSed = meanOf(sedentaryBouts);
  const meanActive = meanOf(activeBouts);
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? sorted[(sorted.length - 1) / 2]!
        : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return {
    signal: series.signal,
    unit: cut.unit,
    cut_points: { sedentary_below: cut.sedentaryBelow, moderate_to_vigorous_from: cut.activeFrom, citation: cut.citation },
    daily,
    totals: {
      waking_minutes: sum((d) => d.waking_minutes),
      sedentary_minutes: sum((d) => d.sedentary_minutes),
      light_minutes: sum((d) => d.light_minutes),
      active_minutes: sum((d) => d.active_minutes),
      // Only whole days: a partial first or last day would pull the mean down.
      mean_daily_total: complete.length === 0 ? null : round(complete.reduce((a, d) => a + d.total, 0) / complete.length, 2),
    },
    sedentary_bouts: {
      count: sedentaryBouts.length,
      mean_minutes: meanSed === null ? null : round(meanSed, 2),
      median_minutes: median,
      longest_minutes: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
      minutes_in_bouts_30_plus: sedentaryBouts.filter((b) => b >= 30).reduce((a, b) => a + b, 0),
      by_length: {
        '1-9': sedentaryBouts.filter((b) => b < 10).length,
        '10-29': sedentaryBouts.filter((b) => b >= 10 && b < 30).length,
        '30-59': sedentaryBouts.filter((b) => b >= 30 && b < 60).length,
        '60+': sedentaryBouts.filter((b) => b >= 60).length,
      },
    },
    fragmentation: {
      sedentary_to_active_transition_probability: meanSed === null ? null : round(1 / meanSed),
      active_to_sedentary_transition_probability: meanActive === null ? null : round(1 / meanActive),
      citation: FRAGMENTATION_CITATION,
    },
  };
}

/** Lengths of maximal runs of minutes whose level satisfies `inBout`; non-waking minutes (−1) end a bout. */
function boutLengths(level: Int8Array, inBout: (level: number) => boolean): number[] {
  const bouts: number[] = [];
  let run = 0;
  for (let i = 0; i <= level.length; i++) {
    const l = i < level.length ? level[i]! : -1;
    if (l >= 0 && inBout(l)) run++;
    else if (run > 0) {
      bouts.push(run);
      run = 0;
    }
  }
  return bouts;
}
