/**
 * Sleep periods from per-minute sleep/wake, by Tudor-Locke et al.'s fully automated rule (as in ActiLife's
 * "Tudor-Locke Default"): a period starts at the first minute of ≥ 5 consecutive sleep minutes and ends at the last
 * sleep minute before ≥ 10 consecutive wake minutes; periods shorter than 160 minutes are dropped. Minutes without
 * data (gaps) end a period like wake does, and are never counted as sleep or wake.
 */
export const TUDOR_LOCKE_CITATION =
  "Tudor-Locke C, Barreira TV, Schuna JM Jr, Mire EF, Katzmarzyk PT. Fully automated waist-worn accelerometer algorithm for detecting children's " +
  'sleep-period time separate from 24-h physical activity or sedentary behaviors. Appl Physiol Nutr Metab 2014;39(1):53-57, doi:10.1139/apnm-2013-0173 ' +
  '(bedtime: first of ≥ 5 consecutive sleep minutes; wake time: first of ≥ 10 consecutive wake minutes; periods ≥ 160 min).';

export const ONSET_SLEEP_MINUTES = 5;
export const END_WAKE_MINUTES = 10;
export const MIN_PERIOD_MINUTES = 160;

export interface SleepPeriod {
  /** first sleep minute (index into the series) */
  readonly onset: number;
  /** one past the last sleep minute */
  readonly end: number;
}

export function sleepPeriods(sleep: Uint8Array, gaps: Uint8Array): SleepPeriod[] {
  const periods: SleepPeriod[] = [];
  const n = sleep.length;
  const isSleep = (i: number) => sleep[i] === 1 && gaps[i] !== 1;
  let i = 0;
  while (i < n) {
    // Find an onset: ONSET_SLEEP_MINUTES consecutive sleep minutes.
    let run = 0;
    let onset = -1;
    for (; i < n; i++) {
      run = isSleep(i) ? run + 1 : 0;
      if (run === ONSET_SLEEP_MINUTES) {
        onset = i - ONSET_SLEEP_MINUTES + 1;
        i++;
        break;
      }
    }
    if (onset < 0) break;
    // Extend until END_WAKE_MINUTES consecutive wake minutes, a gap, or the end of the series.
    let lastSleep = i - 1;
    let wake = 0;
    for (; i < n; i++) {
      if (gaps[i] === 1) break;
      if (isSleep(i)) {
        lastSleep = i;
        wake = 0;
      } else if (++wake === END_WAKE_MINUTES) {
        i++;
        break;
      }
    }
    if (lastSleep + 1 - onset >= MIN_PERIOD_MINUTES) periods.push({ onset, end: lastSleep + 1 });
  }
  return periods;
}
