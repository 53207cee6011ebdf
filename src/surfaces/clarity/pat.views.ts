import type { Static } from 'typebox';
import type { StoredAnalysis } from '../../domain/actigraphy/index.js';
import type { AnalysisResult } from './pat.schemas.js';

const MESSAGES = {
  queued: 'Waiting to be processed',
  processing: 'Being analysed',
  completed: 'Analysis complete',
  failed: 'Analysis failed',
} as const;

/** The stored analysis as Clarity's ActigraphyAnalysis (+ status); the attention profile expanded to minutes on request. */
export function analysisView(analysis: StoredAnalysis, includeAttention: boolean): Static<typeof AnalysisResult> {
  const result = analysis.result ?? {};
  const attention = analysis.attention;
  const pat = result['pat'] as { model?: string } | undefined;
  return {
    processing_id: analysis.id,
    user_id: analysis.personId,
    status: analysis.state,
    message: MESSAGES[analysis.state],
    progress: analysis.progress,
    created_at: analysis.createdAt,
    updated_at: analysis.updatedAt,
    completed_at: analysis.completedAt,
    input: analysis.inputSummary,
    ...result,
    ...(includeAttention && attention
      ? {
          attention_profile: {
            model: pat?.model ?? 'PAT',
            patch_size: attention.patch_size,
            per_minute: attention.per_token.flatMap((value) => new Array<number>(attention.patch_size).fill(value)),
          },
        }
      : {}),
    // The job's own message can name internals; the status says enough.
    ...(analysis.state === 'failed' ? { error: 'The analysis could not be completed' } : {}),
    // The result JSON was written from the domain's own types; the response schema filters it on the way out.
  } as Static<typeof AnalysisResult>;
}
