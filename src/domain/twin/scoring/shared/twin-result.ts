import { statusOf, type TwinName, type TwinScore } from '../../twin-score.js';
import type { ScoringContext } from '../context.js';
import type { SufficiencyLog } from './sufficiency.js';
import { weightedScore, type ComponentDraft } from './weighted-score.js';

export interface TwinOutcome {
  readonly drafts: readonly ComponentDraft[];
  readonly log: SufficiencyLog;
  /** null when the data are enough; else why not (the twin's sufficiency rule, docs/models.md) */
  readonly insufficient: string | null;
  readonly windowDays: number;
  /** 0-1 */
  readonly coverage: number;
  /** models that fed a component indirectly (eGFR into PREVENT), besides the components' own */
  readonly extraModels?: readonly string[];
  readonly notes: readonly string[];
  /** an upper bound on the score, with why (a positive PHQ-9 item 9) */
  readonly cap?: { readonly max: number; readonly why: string } | null;
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The contract's TwinScore from a twin's components and its sufficiency verdict: a number, or null and why. */
export function twinResult(twin: TwinName, ctx: ScoringContext, outcome: TwinOutcome): TwinScore {
  const coverage = Math.min(1, Math.max(0, outcome.coverage));
  const notes = unique([...ctx.notes, ...outcome.notes]);
  if (outcome.insufficient !== null || outcome.drafts.length === 0) {
    return {
      twin,
      score: null,
      status: 'insufficient_data',
      components: [],
      models: [],
      data_sufficiency: {
        sufficient: false,
        present: outcome.log.present,
        missing: outcome.log.missing,
        window_days: outcome.windowDays,
        coverage,
      },
      notes: unique([...notes, `insufficient data: ${outcome.insufficient ?? 'no component could be scored'}`]),
    };
  }
  const { score: mean, components } = weightedScore(outcome.drafts);
  let score = mean;
  if (outcome.cap && mean > outcome.cap.max) {
    score = outcome.cap.max;
    notes.push(`score capped at ${outcome.cap.max} (weighted mean ${mean}): ${outcome.cap.why}`);
  }
  const models = unique([...components.flatMap((c) => (c.model === null ? [] : [c.model])), ...(outcome.extraModels ?? [])]);
  return {
    twin,
    score,
    status: statusOf(score),
    components,
    models,
    data_sufficiency: {
      sufficient: true,
      present: outcome.log.present,
      missing: outcome.log.missing,
      window_days: outcome.windowDays,
      coverage,
    },
    notes,
  };
}

/** Coverage of twins without a daily series: the share of the nominal weight whose inputs were present. */
export function weightCoverage(drafts: readonly ComponentDraft[], totalNominalWeight: number): number {
  return drafts.reduce((sum, d) => sum + d.weight, 0) / totalNominalWeight;
}
