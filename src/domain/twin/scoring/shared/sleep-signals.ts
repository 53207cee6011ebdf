/**
 * The sleep measures two twins share (sleep, mental health), computed once per snapshot from the main sleeps that
 * had ended by as_of. Nights are dated by the local date of waking (docs/health-data.md).
 */
import { durationAnchors, sleepDebt, sleepDurationBand, type SleepDebt } from '../../../observations/index.js';
import type { NightFeatures } from '../../twin-features.js';
import type { ScoringContext } from '../context.js';
import { addDays, dayNumber, parseInstantMs } from './calendar.js';
import { mean } from './daily-window.js';
import type { DoseResponse } from './dose-response.js';
import { sleepRegularity, type Regularity } from './sleep-regularity.js';

export const RECENT_NIGHTS = 7;
/** A habitual duration needs a majority of the week's nights. */
export const MIN_RECENT_NIGHTS = 4;

export interface SleepSignals {
  /** nights that ended by as_of, oldest first */
  readonly ended: readonly NightFeatures[];
  /** of those, the ones dated in the 7 local dates ending today */
  readonly recent: readonly NightFeatures[];
  /** mean hours asleep over the recent nights; null with fewer than MIN_RECENT_NIGHTS */
  readonly durationHours: number | null;
  /** the NSF duration curve for the person's age; null under 6 years (no band) */
  readonly durationCurve: DoseResponse | null;
  readonly ageAssumed: boolean;
  /** mean efficiency of the recent nights that report one; null with fewer than MIN_RECENT_NIGHTS */
  readonly efficiency: { readonly value: number; readonly nights: number } | null;
  readonly regularity: Regularity;
  readonly debt: SleepDebt | { readonly value: null; readonly message: string };
  /** nights with data among the 14 dates ending today */
  readonly nightsIn14: number;
}

const inDates = (night: NightFeatures, from: string, to: string): boolean => {
  const n = dayNumber(night.date);
  return n >= dayNumber(from) && n <= dayNumber(to);
};

export function sleepSignals(ctx: ScoringContext): SleepSignals {
  const { features, today, asOfMs } = ctx;
  const ended = features.nights
    .filter((n) => parseInstantMs(n.sleep_end, 'nights.sleep_end') <= asOfMs)
    .sort((a, b) => parseInstantMs(a.sleep_start, 'nights.sleep_start') - parseInstantMs(b.sleep_start, 'nights.sleep_start'));
  const recent = ended.filter((n) => inDates(n, addDays(today, -(RECENT_NIGHTS - 1)), today));

  const resolved = sleepDurationBand(features.profile.age_years);
  const durationCurve: DoseResponse | null = resolved
    ? {
        anchors: durationAnchors(resolved.band),
        source: `Hirshkowitz et al. 2015, Sleep Health (NSF), ages ${resolved.band.group}: 0 h → 0, "may be appropriate" edges → 50, recommended range → 100`,
      }
    : null;

  const withEfficiency = recent.flatMap((n) => (n.efficiency === null ? [] : [n.efficiency]));
  const debt = sleepDebt({
    as_of: today,
    nights: ended.map((n) => ({ night_date: n.date, total_sleep_minutes: n.asleep_minutes })),
    age_years: features.profile.age_years,
  });
  return {
    ended,
    recent,
    durationHours: recent.length >= MIN_RECENT_NIGHTS ? mean(recent.map((n) => n.asleep_minutes)) / 60 : null,
    durationCurve,
    ageAssumed: resolved?.assumed ?? false,
    efficiency: withEfficiency.length >= MIN_RECENT_NIGHTS ? { value: mean(withEfficiency), nights: withEfficiency.length } : null,
    regularity: sleepRegularity(ended.filter((n) => inDates(n, addDays(today, -13), today))),
    debt,
    nightsIn14: new Set(ended.filter((n) => inDates(n, addDays(today, -13), today)).map((n) => n.date)).size,
  };
}
