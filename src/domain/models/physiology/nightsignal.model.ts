import { Type } from 'typebox';
import { defineModel, ModelInputError } from '../model.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), or undefined if not a real date. */
const dayNumber = (date: string): number | undefined => {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (monthDays === undefined || d < 1 || d > monthDays) return undefined;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

const isoDate = (day: number): string => {
  // civil_from_days (Hinnant), the inverse of dayNumber.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Python's statistics.median: the middle value, or the mean of the two middle values. */
const median = (sorted: readonly number[]): number => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The reference fills a one-night gap with int(round((a + b) / 2, 1)). */
const imputed = (a: number, b: number): number => Math.trunc(Math.round(((a + b) / 2) * 10) / 10);

const insertSorted = (sorted: number[], value: number): void => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, value);
};

export const nightsignalModel = defineModel({
  id: 'nightsignal',
  version: '1.0.0',
  title: 'NightSignal: overnight resting-heart-rate alerts against a personal median baseline',
  citation:
    'Alavi A, Bogu GK, Wang M, et al. Real-time alerting system for COVID-19 and other stress events using wearable data. Nat Med 2022;28(1):175-184, doi:10.1038/s41591-021-01593-2. ' +
    'Rules reproduced from the reference implementation, github.com/StanfordBioinformatics/wearable-infection nightsignal.py (Fitbit branch, medianConfig "MedianOfAvgs"): ' +
    'a missing night is imputed as int(round(mean of its two neighbours, 1)) when the gap is exactly one night and one neighbour has a consecutive night on its far side; ' +
    'baseline_median(d) = int(median of the nightly averages of every night up to and including d) (expanding window from the first night); ' +
    'a night is a potential red (yellow) when avg >= baseline + red (yellow) threshold; alert 2 on a potential red night whose previous calendar night was also a potential red, ' +
    'else 1 on a potential yellow night whose previous calendar night was also a potential yellow, else 0.',
  inputSchema: Type.Object(
    {
      nightly_avg_rhr_bpm: Type.Record(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Number({ exclusiveMinimum: 0, maximum: 300 }), {
        minProperties: 1,
        additionalProperties: false,
        description: 'average resting heart rate over each night (the reference averages step-free minutes 00:00-06:59), keyed by date YYYY-MM-DD',
      }),
      yellow_threshold_bpm: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 3 })),
      red_threshold_bpm: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 4 })),
    },
    { additionalProperties: false },
  ),
  outputSchema: Type.Object({
    baseline_median: Type.Record(Type.String(), Type.Number(), { description: 'bpm per night, integer as in the reference (imputed nights included)' }),
    alert: Type.Record(Type.String(), Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]), { description: '0 green, 1 yellow, 2 red' }),
  }),
  compute({ nightly_avg_rhr_bpm, yellow_threshold_bpm = 3, red_threshold_bpm = 4 }) {
    const nights = new Map<number, number>();
    for (const [date, bpm] of Object.entries(nightly_avg_rhr_bpm)) {
      const day = dayNumber(date);
      if (day === undefined) throw new ModelInputError(`nightly_avg_rhr_bpm.${date}`, `"${date}" is not a calendar date (YYYY-MM-DD)`);
      nights.set(day, bpm);
    }
    const observed = [...nights.keys()].sort((a, b) => a - b);

    // One-night gaps, from observed nights only (imputed values do not feed further imputation).
    const filled = new Map<number, number>();
    for (let i = 1; i < observed.length - 1; i++) {
      const [prev, today, next] = [observed[i - 1]!, observed[i]!, observed[i + 1]!];
      if (next - today === 1 && today - prev === 2 && !filled.has(today - 1)) filled.set(today - 1, imputed(nights.get(today)!, nights.get(prev)!));
      if (next - today === 2 && today - prev === 1 && !filled.has(today + 1)) filled.set(today + 1, imputed(nights.get(today)!, nights.get(next)!));
    }
    for (const [day, bpm] of filled) nights.set(day, bpm);
    const days = [...nights.keys()].sort((a, b) => a - b);

    const baseline = new Map<number, number>();
    const seen: number[] = [];
    for (const day of days) {
      insertSorted(seen, nights.get(day)!);
      baseline.set(day, Math.trunc(median(seen)));
    }
    const above = (day: number, threshold: number): boolean => nights.has(day) && nights.get(day)! >= baseline.get(day)! + threshold;

    const baseline_median: Record<string, number> = {};
    const alert: Record<string, 0 | 1 | 2> = {};
    for (const day of days) {
      const date = isoDate(day);
      baseline_median[date] = baseline.get(day)!;
      alert[date] =
        above(day, red_threshold_bpm) && above(day - 1, red_threshold_bpm) ? 2 : above(day, yellow_threshold_bpm) && above(day - 1, yellow_threshold_bpm) ? 1 : 0;
    }
    const warnings = filled.size > 0 ? [`imputed one-night gaps (mean of neighbours, as the reference): ${[...filled.keys()].sort((a, b) => a - b).map(isoDate).join(', ')}`] : [];
    if (red_threshold_bpm < yellow_threshold_bpm) warnings.push('red_threshold_bpm is below yellow_threshold_bpm; the reference assumes red >= yellow');
    return { outputs: { baseline_median, alert }, warnings };
  },
});
