/**
 * What PAT is given: the LAST 10 080 minutes (one week) of the series, gaps as 0 (how NHANES non-wear reads), then
 * standardised per sample: (x − mean) / sd over that week (population sd). PAT was pretrained on NHANES ActiGraph
 * counts standardised with statistics of its training set, which were not published with the weights; per-sample
 * standardisation keeps the input on the scale the encoder saw (mean 0, sd 1) but removes each person's overall
 * activity level, so embeddings compare the shape of weeks, not their volume. Steps are not ActiGraph counts: an
 * embedding of a step-derived series is out of the pretraining distribution and is flagged as such.
 */
import { PAT_INPUT_MINUTES } from './pat-architecture.js';

/** More than a day missing in the week and the embedding would mostly describe the gaps. */
export const PAT_MAX_GAP_MINUTES = 1440;

export type PatInput =
  | { readonly ok: true; readonly input: Float32Array; readonly fromIndex: number; readonly gapMinutes: number }
  | { readonly ok: false; readonly reason: string };

export const PAT_STANDARDISATION =
  'per-sample: (x − mean) / sd over the analysed week (population sd); gaps are 0 before standardising. PAT was pretrained on NHANES ActiGraph counts with training-set statistics that are not published.';

export function patInput(values: readonly number[], gaps: Uint8Array): PatInput {
  if (values.length < PAT_INPUT_MINUTES)
    return { ok: false, reason: `PAT needs one week (${PAT_INPUT_MINUTES} minutes); the series has ${values.length}` };
  const from = values.length - PAT_INPUT_MINUTES;
  let gapMinutes = 0;
  for (let i = from; i < values.length; i++) gapMinutes += gaps[i]!;
  if (gapMinutes > PAT_MAX_GAP_MINUTES)
    return { ok: false, reason: `the last week has ${gapMinutes} minutes without data (more than ${PAT_MAX_GAP_MINUTES})` };
  let mean = 0;
  for (let i = from; i < values.length; i++) mean += values[i]!;
  mean /= PAT_INPUT_MINUTES;
  let variance = 0;
  for (let i = from; i < values.length; i++) variance += (values[i]! - mean) ** 2;
  const sd = Math.sqrt(variance / PAT_INPUT_MINUTES);
  if (!(sd > 0)) return { ok: false, reason: 'the week is constant: it cannot be standardised' };
  const input = new Float32Array(PAT_INPUT_MINUTES);
  for (let i = 0; i < PAT_INPUT_MINUTES; i++) input[i] = (values[from + i]! - mean) / sd;
  return { ok: true, input, fromIndex: from, gapMinutes };
}
