/**
 * Rest-activity rhythm by the validated calculators: IS, IV, RA, L5 and M10 (nonparametric), a 24-h cosinor, and the
 * Sleep Regularity Index on the Cole-Kripke sleep/wake. None of them accepts holes, and filling a gap with zeros would
 * read as rest, so they run on the longest stretch without gaps (reported as `window`).
 */
import { ModelInputError } from '../../models/index.js';
import { cosinorModel } from '../../models/actigraphy/cosinor.model.js';
import { nonparametricCircadianModel } from '../../models/actigraphy/nonparametric-circadian.model.js';
import { sleepRegularityIndexModel } from '../../models/actigraphy/sleep-regularity-index.model.js';
import { instantWithOffset, localIso, localMs, MINUTES_PER_DAY, type MinuteSeries } from '../series/minute-series.js';

export interface Abstained {
  readonly status: 'abstained';
  readonly reason: string;
}

export interface CircadianRhythm {
  readonly window: { start: string; end: string; minutes: number };
  readonly nonparametric:
    | {
        status: 'computed';
        model: string;
        IS: number;
        IV: number;
        RA: number;
        L5: number;
        L5_start_hour: number;
        M10: number;
        M10_start_hour: number;
        warnings: string[];
      }
    | Abstained;
  readonly cosinor:
    | {
        status: 'computed';
        model: string;
        mesor: number;
        amplitude: number;
        acrophase_rad: number;
        acrophase_clock_hours: number;
        period_hours: 24;
        warnings: string[];
      }
    | Abstained;
  readonly sleep_regularity_index:
    { status: 'computed'; model: string; SRI: number; sleep_wake_from: string; days: number; warnings: string[] } | Abstained;
}

const modelTag = (m: { id: string; version: string }) => `${m.id}@${m.version}`;
const abstain = (reason: string): Abstained => ({ status: 'abstained', reason });
const reasonOf = (error: unknown): string => (error instanceof ModelInputError ? error.message : 'the calculation failed');

/** [start, length] of the longest run of minutes with data. */
export function longestCoveredRun(gaps: Uint8Array): [number, number] {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let i = 0; i <= gaps.length; i++) {
    if (i === gaps.length || gaps[i] === 1) {
      if (i - start > best[1]) best = [start, i - start];
      start = i + 1;
    }
  }
  return best;
}

export function circadianRhythm(series: MinuteSeries, gaps: Uint8Array, coleKripkeSleep: Uint8Array): CircadianRhythm {
  const [from, length] = longestCoveredRun(gaps);
  const values = series.values.slice(from, from + length);
  const window = { start: instantWithOffset(series, from), end: instantWithOffset(series, from + length), minutes: length };

  let nonparametric: CircadianRhythm['nonparametric'];
  try {
    const { outputs, warnings } = nonparametricCircadianModel.compute({ epoch_minutes: 1, start: localIso(series, from), values });
    nonparametric = { status: 'computed', model: modelTag(nonparametricCircadianModel), ...outputs, warnings };
  } catch (error) {
    nonparametric = abstain(reasonOf(error));
  }

  let cosinor: CircadianRhythm['cosinor'];
  try {
    // t = 0 at local midnight before the window, so the acrophase reads as a clock time.
    const firstLocal = localMs(series, from);
    const t0 = (((firstLocal % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000;
    const t_hours = values.map((_, i) => t0 + i / 60);
    const { outputs, warnings } = cosinorModel.compute({ t_hours, y: values, period_hours: 24 });
    cosinor = { status: 'computed', model: modelTag(cosinorModel), ...outputs, period_hours: 24, warnings };
  } catch (error) {
    cosinor = abstain(reasonOf(error));
  }

  let sri: CircadianRhythm['sleep_regularity_index'];
  const days = Math.floor(length / MINUTES_PER_DAY);
  if (days < 2) sri = abstain(`the longest stretch without gaps holds ${days} whole day(s): the SRI compares at least two`);
  else {
    const state = Array.from(coleKripkeSleep.subarray(from, from + days * MINUTES_PER_DAY));
    const { outputs, warnings } = sleepRegularityIndexModel.compute({ epochs_per_day: MINUTES_PER_DAY, sleep_state: state });
    sri = {
      status: 'computed',
      model: modelTag(sleepRegularityIndexModel),
      SRI: outputs.SRI,
      sleep_wake_from: 'cole_kripke',
      days,
      warnings,
    };
  }
  return { window, nonparametric, cosinor, sleep_regularity_index: sri };
}
