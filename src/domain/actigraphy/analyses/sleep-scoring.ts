/**
 * Sleep/wake per 60 s epoch by the validated calculators (ActiLife variants of Cole-Kripke and Sadeh, see
 * domain/models/actigraphy), optionally rescored with Webster's rules. 1 = sleep, 0 = wake.
 */
import { coleKripkeModel } from '../../models/actigraphy/cole-kripke.model.js';
import { sadehModel } from '../../models/actigraphy/sadeh.model.js';

export type SleepAlgorithm = 'cole_kripke' | 'sadeh';
export const SLEEP_ALGORITHMS: readonly SleepAlgorithm[] = ['cole_kripke', 'sadeh'];

export const ALGORITHM_MODELS: Record<SleepAlgorithm, { id: string; version: string; citation: string }> = {
  cole_kripke: coleKripkeModel,
  sadeh: sadehModel,
};

export function scoreSleep(values: readonly number[], algorithm: SleepAlgorithm): Uint8Array {
  const input = { epoch_seconds: 60 as const, counts: [...values] };
  const state = algorithm === 'cole_kripke' ? coleKripkeModel.compute(input).outputs.state : sadehModel.compute(input).outputs.state;
  const sleep = new Uint8Array(values.length);
  for (let i = 0; i < state.length; i++) sleep[i] = state.charCodeAt(i) === 83 /* S */ ? 1 : 0;
  return sleep;
}

export const WEBSTER_CITATION =
  'Webster JB, Kripke DF, Messin S, Mullaney DJ, Wyborney G. An activity-based sleep monitor system for ambulatory use. Sleep 1982;5(4):389-399; ' +
  'rescoring rules as listed by Cole et al. 1992 and applied by ActiLife: (a) after ≥ 4 min wake the next 1 min of sleep → wake; ' +
  '(b) after ≥ 10 min wake the next 3 min → wake; (c) after ≥ 15 min wake the next 4 min → wake; ' +
  '(d) ≤ 6 min of sleep with ≥ 10 min of wake on both sides → wake; (e) ≤ 10 min of sleep with ≥ 20 min of wake on both sides → wake.';

/**
 * Webster's rescoring. Rules a–c look at the wake run just before each sleep run in the ORIGINAL scoring (so a rescored
 * minute does not lengthen the run it follows); rules d–e then look at sleep runs and their neighbouring wake runs
 * after a–c. Series ends count as neither sleep nor wake: a run touching an end is never "surrounded".
 */
export function websterRescore(sleep: Uint8Array): Uint8Array {
  const out = sleep.slice();
  const runs = runsOfState(sleep);
  runs.forEach((run, k) => {
    if (run.state !== 1 || k === 0) return;
    const before = runs[k - 1]!;
    const rescore = before.length >= 15 ? 4 : before.length >= 10 ? 3 : before.length >= 4 ? 1 : 0;
    out.fill(0, run.start, run.start + Math.min(rescore, run.length));
  });
  const after = runsOfState(out);
  after.forEach((run, k) => {
    if (run.state !== 1 || k === 0 || k === after.length - 1) return;
    const surround = Math.min(after[k - 1]!.length, after[k + 1]!.length);
    if ((run.length <= 6 && surround >= 10) || (run.length <= 10 && surround >= 20)) out.fill(0, run.start, run.start + run.length);
  });
  return out;
}

interface StateRun {
  readonly state: number;
  readonly start: number;
  readonly length: number;
}

function runsOfState(states: Uint8Array): StateRun[] {
  const runs: StateRun[] = [];
  let start = 0;
  for (let i = 1; i <= states.length; i++) {
    if (i === states.length || states[i] !== states[start]) {
      runs.push({ state: states[start]!, start, length: i - start });
      start = i;
    }
  }
  return runs;
}
