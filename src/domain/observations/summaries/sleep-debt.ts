/**
 * Twin `summary.sleep_debt_hours`: the sum, over the 14 nights ending at `as_of`, of max(0, need − slept). Nights
 * without data are not counted as debt; the coverage is reported and fewer than 7 nights with data is "insufficient".
 * Pure. docs/health-data.md § sleep_debt_hours.
 */
import { addDays, dayNumber } from './local-date.js';
import { recommendedMidpointMinutes, sleepDurationBand } from './sleep-recommendations.js';
import { assertNonNegative, insufficient, type Insufficient } from './summary-result.js';

export const SLEEP_DEBT_DEFAULTS = {
  windowNights: 14,
  minNightsWithData: 7,
  /** Van Dongen et al. 2003: no cumulative deficit at ≈ 8.16 h of sleep per day; the default need is 8 h. */
  defaultNeedMinutes: 480,
} as const;

export interface SleepDebtNight {
  /** local date the sleep ended (SleepSession.night_date) */
  readonly night_date: string;
  readonly total_sleep_minutes: number;
}

export interface SleepDebtInput {
  /** the last date of the window (YYYY-MM-DD), included */
  readonly as_of: string;
  /** sessions (naps included); several on one date are added up */
  readonly nights: readonly SleepDebtNight[];
  readonly age_years: number | null;
  /** a need the person has set for themselves, minutes per day; overrides the age-based need */
  readonly need_minutes?: number | null;
}

export interface SleepDebt {
  /** hours, 1 decimal */
  readonly value: number;
  readonly debt_minutes: number;
  readonly need_minutes: number;
  readonly need_basis: 'personal' | 'age' | 'default';
  readonly window: { readonly from: string; readonly to: string };
  readonly nights_in_window: number;
  readonly nights_with_data: number;
  /** nights_with_data ÷ nights_in_window */
  readonly coverage: number;
  readonly per_night: readonly { readonly date: string; readonly slept_minutes: number; readonly deficit_minutes: number }[];
}

export type SleepDebtReason = 'too_few_nights' | 'age_not_supported';

export function sleepDebt(input: SleepDebtInput): SleepDebt | Insufficient<SleepDebtReason> {
  const { windowNights, minNightsWithData, defaultNeedMinutes } = SLEEP_DEBT_DEFAULTS;
  const to = input.as_of;
  const from = addDays(to, -(windowNights - 1));
  const [lo, hi] = [dayNumber(from), dayNumber(to)];

  let need: number;
  let needBasis: SleepDebt['need_basis'];
  if (input.need_minutes !== undefined && input.need_minutes !== null) {
    assertNonNegative('need_minutes', input.need_minutes);
    need = input.need_minutes;
    needBasis = 'personal';
  } else if (input.age_years === null) {
    need = defaultNeedMinutes;
    needBasis = 'default';
  } else {
    const resolved = sleepDurationBand(input.age_years);
    if (!resolved) return insufficient('age_not_supported', `no NSF sleep-duration band below 6 years; age given: ${input.age_years}`);
    need = recommendedMidpointMinutes(resolved.band);
    needBasis = 'age';
  }

  const slept = new Map<string, number>();
  for (const n of input.nights) {
    assertNonNegative('total_sleep_minutes', n.total_sleep_minutes);
    const d = dayNumber(n.night_date);
    if (d < lo || d > hi) continue;
    slept.set(n.night_date, (slept.get(n.night_date) ?? 0) + n.total_sleep_minutes);
  }
  if (slept.size < minNightsWithData) {
    return insufficient(
      'too_few_nights',
      `${slept.size} of the ${windowNights} nights ${from} … ${to} have sleep data; at least ${minNightsWithData} are needed`,
    );
  }

  const perNight = [...slept.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, minutes]) => ({ date, slept_minutes: minutes, deficit_minutes: Math.max(0, need - minutes) }));
  const debtMinutes = perNight.reduce((sum, n) => sum + n.deficit_minutes, 0);
  return {
    value: Math.round(debtMinutes / 6) / 10,
    debt_minutes: debtMinutes,
    need_minutes: need,
    need_basis: needBasis,
    window: { from, to },
    nights_in_window: windowNights,
    nights_with_data: slept.size,
    coverage: slept.size / windowNights,
    per_night: perNight,
  };
}
