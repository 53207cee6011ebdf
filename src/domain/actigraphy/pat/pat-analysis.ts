/**
 * The PAT part of an analysis: the 96-d embedding of the last week and the attention profile, or why there is none.
 * No depression, mania or sleep number comes out of PAT here: the published weights are the pretrained encoder only,
 * and no validated prediction head has been released.
 */
import { basename } from 'node:path';
import { gapMask, instantWithOffset, type MinuteSeries } from '../series/minute-series.js';
import { PAT_INPUT_MINUTES } from './pat-architecture.js';
import { patInput, PAT_STANDARDISATION } from './pat-input.js';
import type { PatRuntime } from './pat-runtime.js';
import type { StoredAttention } from '../store/analysis-store.js';

export interface PatSummary {
  readonly status: 'computed' | 'abstained' | 'not_available';
  readonly reason?: string;
  readonly model?: string;
  readonly weights_file?: string;
  readonly input_window?: { start: string; end: string; minutes: number; gap_minutes: number };
  readonly standardisation: string;
  readonly in_pretraining_distribution: boolean;
  readonly notes: string[];
  readonly inference_ms?: number;
}

export interface PatOutcome {
  readonly summary: PatSummary;
  readonly embedding: number[] | null;
  readonly attention: StoredAttention | null;
}

export const PAT_NO_HEADS_NOTE =
  'Feature embeddings only: no depression, mania or sleep predictions, because no validated PAT prediction head has been published.';

export async function runPat(runtime: PatRuntime, series: MinuteSeries): Promise<PatOutcome> {
  const stepDerived = series.signal === 'step_counts';
  const notes = [PAT_NO_HEADS_NOTE];
  if (stepDerived)
    notes.push(
      'The input is step-derived; PAT was pretrained on NHANES ActiGraph counts, so this embedding is out of its pretraining distribution.',
    );
  const base = { standardisation: PAT_STANDARDISATION, in_pretraining_distribution: !stepDerived, notes };
  await runtime.whenReady();
  const size = runtime.preferredSize();
  if (size === null) {
    const state = runtime.state('M');
    return {
      summary: { ...base, status: 'not_available', reason: state.state === 'not_loaded' ? state.reason : 'no PAT model is loaded' },
      embedding: null,
      attention: null,
    };
  }
  const prepared = patInput(series.values, gapMask(series));
  if (!prepared.ok)
    return { summary: { ...base, status: 'abstained', reason: prepared.reason, model: `PAT-${size}` }, embedding: null, attention: null };
  const state = runtime.state(size);
  const out = await runtime.forward(size, prepared.input);
  return {
    summary: {
      ...base,
      status: 'computed',
      model: `PAT-${size}`,
      ...(state.state === 'loaded' ? { weights_file: basename(state.file) } : {}),
      input_window: {
        start: instantWithOffset(series, prepared.fromIndex),
        end: instantWithOffset(series, prepared.fromIndex + PAT_INPUT_MINUTES),
        minutes: PAT_INPUT_MINUTES,
        gap_minutes: prepared.gapMinutes,
      },
      inference_ms: Math.round(out.ms),
    },
    embedding: Array.from(out.embedding),
    attention: { patch_size: PAT_INPUT_MINUTES / out.attentionPerToken.length, per_token: Array.from(out.attentionPerToken) },
  };
}
