import type { ModelInputs } from '../model/model-inputs.js';
import type { RiskLevel, ScreeningModelSpec } from '../model/model-spec.js';
import { levelRank, scoreOnly } from '../model/scoring.js';

export interface Change {
  input: string;
  from: number;
  to: number;
}

export interface Counterfactual {
  changes: Change[];
  /** The model re-run on the changed inputs: the value the text states. */
  rescoredScore: number;
  rescoredLevel: RiskLevel;
  reachesLowerLevel: boolean;
}

const MAX_CHANGES = 3;

/**
 * Single feasible moves: each target of a modifiable input that the person provided and that lowers the score.
 * `work` is a copy of the inputs, changed and restored in place (the search re-scores hundreds of variants per request).
 */
function singleMoves(spec: ScreeningModelSpec, work: MutableInputs, baseScore: number): Change[] {
  const moves: Change[] = [];
  for (const [input, targets] of Object.entries(spec.counterfactual_targets)) {
    const from = work[input];
    if (from === undefined) continue; // nothing to change: a missing input adds no risk
    for (const to of targets) {
      if (to === from) continue;
      work[input] = to;
      if (scoreOnly(spec, work).score < baseScore - 1e-9) moves.push({ input, from, to });
    }
    work[input] = from;
  }
  return moves;
}

type MutableInputs = Record<string, number | undefined>;

/** Relative size of a change, so a smaller step is preferred when several reach the same level. */
const effort = (changes: Change[]): number => changes.reduce((sum, c) => sum + Math.abs(c.to - c.from) / Math.max(Math.abs(c.from), 1), 0);

interface Candidate {
  changes: Change[];
  score: number;
  level: RiskLevel;
  effort: number;
}

/**
 * Searches feasible changes to the modifiable inputs (up to three at once, targets from the model file) for the
 * fewest, smallest changes that lower the model's level; every candidate is verified by re-scoring with the model.
 * When none lowers the level, returns the combination that lowers the score most. Null when nothing can be changed.
 * Combinations are visited in lexicographic order of the moves, each input changed at most once.
 */
export function findCounterfactual(spec: ScreeningModelSpec, inputs: ModelInputs): Counterfactual | null {
  const base = scoreOnly(spec, inputs);
  const work: MutableInputs = { ...inputs };
  const moves = singleMoves(spec, work, base.score);
  if (moves.length === 0) return null;
  const baseRank = levelRank(base.level);
  const chosen: Change[] = [];
  let best: Candidate | null = null;
  let bestReduction: Omit<Candidate, 'effort'> | null = null;
  const visit = () => {
    const rescored = scoreOnly(spec, work);
    if (!bestReduction || rescored.score < bestReduction.score)
      bestReduction = { changes: [...chosen], score: rescored.score, level: rescored.level };
    if (levelRank(rescored.level) < baseRank) {
      const e = effort(chosen);
      if (!best || e < best.effort) best = { changes: [...chosen], score: rescored.score, level: rescored.level, effort: e };
    }
  };
  const search = (size: number, start: number): void => {
    if (chosen.length === size) return visit();
    for (let i = start; i < moves.length; i++) {
      const move = moves[i]!;
      if (chosen.some((c) => c.input === move.input)) continue;
      chosen.push(move);
      work[move.input] = move.to;
      search(size, i + 1);
      work[move.input] = move.from;
      chosen.pop();
    }
  };
  for (let size = 1; size <= MAX_CHANGES; size++) {
    search(size, 0);
    if (best) break; // fewest changes first
  }
  const found: Candidate | null = best;
  const chosenCandidate = found ?? bestReduction!;
  return {
    changes: chosenCandidate.changes,
    rescoredScore: chosenCandidate.score,
    rescoredLevel: chosenCandidate.level,
    reachesLowerLevel: found !== null,
  };
}
