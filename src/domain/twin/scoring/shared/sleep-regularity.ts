/**
 * Sleep Regularity Index (Phillips et al. 2017) from the main sleeps: the nights' sleep periods painted on 30-minute
 * epochs, whole 24-hour days, run through the library model. Needs ≥ 7 consecutive nights (one per local date): a
 * missing night would be painted as a night awake, which is irregularity the data do not show.
 */
import type { NightFeatures } from '../../twin-features.js';
import { parseInstantMs } from './calendar.js';
import { sleepRegularityIndexModel } from '../../../models/index.js';
import { consecutiveRun, runModel } from '../../model-inputs/index.js';

export const SRI_EPOCH_MINUTES = 30;
export const SRI_MIN_NIGHTS = 7;
export const SRI_MAX_NIGHTS = 14;

const EPOCH_MS = SRI_EPOCH_MINUTES * 60_000;
const DAY_MS = 86_400_000;

export type Regularity =
  | { readonly ok: true; readonly sri: number; readonly nights: number; readonly ref: string; readonly warnings: string[] }
  | { readonly ok: false; readonly nights: number; readonly need: string };

/**
 * Days start 12 h before the first night's sleep onset (floored to the epoch), so each night sits inside its own
 * 24-hour day however late it falls. An epoch is asleep when its midpoint lies within a sleep period.
 */
export function sleepStateEpochs(run: readonly NightFeatures[]): number[] {
  const first = run[0];
  if (!first) return [];
  const origin = Math.floor(parseInstantMs(first.sleep_start, 'nights.sleep_start') / EPOCH_MS) * EPOCH_MS - DAY_MS / 2;
  const perDay = DAY_MS / EPOCH_MS;
  const state = new Array<number>(run.length * perDay).fill(0);
  for (const night of run) {
    const start = parseInstantMs(night.sleep_start, 'nights.sleep_start');
    const end = parseInstantMs(night.sleep_end, 'nights.sleep_end');
    const firstEpoch = Math.max(0, Math.ceil((start - origin) / EPOCH_MS - 0.5));
    const lastEpoch = Math.min(state.length - 1, Math.ceil((end - origin) / EPOCH_MS - 0.5) - 1);
    for (let k = firstEpoch; k <= lastEpoch; k++) state[k] = 1;
  }
  return state;
}

export function sleepRegularity(nights: readonly NightFeatures[]): Regularity {
  if (nights.length === 0) return { ok: false, nights: 0, need: `main sleeps on at least ${SRI_MIN_NIGHTS} consecutive nights` };
  const run = consecutiveRun(nights, SRI_MAX_NIGHTS);
  if (run.length < SRI_MIN_NIGHTS) {
    return {
      ok: false,
      nights: run.length,
      need: `main sleeps on at least ${SRI_MIN_NIGHTS} consecutive nights (the latest run has ${run.length})`,
    };
  }
  const result = runModel(sleepRegularityIndexModel, { epochs_per_day: DAY_MS / EPOCH_MS, sleep_state: sleepStateEpochs(run) });
  if (!result.ok) return { ok: false, nights: run.length, need: result.reason };
  return { ok: true, sri: result.outputs.SRI, nights: run.length, ref: result.ref, warnings: result.warnings };
}
