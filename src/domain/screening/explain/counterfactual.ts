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

/** Single feasible moves: each target of a modifiable input that the person provided and that lowers the score. */
function singleMoves(spec: ScreeningModelSpec, inputs: ModelInputs, baseScore: number): Change[] {
  const moves: Change[] = [];
  for (const [input, targets] of Object.entries(spec.counterfactual_targets)) {
    const from = inputs[input];
    if (from === undefined) continue; // nothing to change: a missing input adds no risk
    for (const to of targets) {
      if (to === from) continue;
      if (scoreOnly(spec, { ...inputs, [input]: to }).score < baseScore - 1e-9) moves.push({ input, from, to });
    }
  }
  return moves;
}

function* combinations(moves: Change[], size: number, start = 0, chosen: Change[] = []): Generator<Change[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let i = start; i < moves.length; i++) {
    const move = moves[i]!;
    if (chosen.some((c) => c.input === move.input)) continue;
    yield* combinations(moves, size, i + 1, [...chosen, move]);
  }
}

/** Relative size of a change, so a smaller step is preferred when several reach the same level. */
const effort = (changes: Change[]): number => changes.reduce((sum, c) => sum + Math.abs(c.to - c.from) / Math.max(Math.abs(c.from), 1), 0);

/**
 * Searches feasible changes to the modifiable inputs (up to three at once, targets from the model file) for the
 * fewest, smallest changes that lower the model's level; every candidate is verified by re-scoring with the model.
 * When none lowers the level, returns the combination that lowers the score most. Null when nothing can be changed.
 */
export function findCounterfactual(spec: ScreeningModelSpec, inputs: ModelInputs): Counterfactual | null {
  const base = scoreOnly(spec, inputs);
  const moves = singleMoves(spec, inputs, base.score);
  if (moves.length === 0) return null;
  let best: { changes: Change[]; score: number; level: RiskLevel; effort: number } | null = null;
  let bestReduction: { changes: Change[]; score: number; level: RiskLevel } | null = null;
  for (let size = 1; size <= MAX_CHANGES; size++) {
    for (const changes of combinations(moves, size)) {
      const changed = { ...inputs };
      for (const c of changes) changed[c.input as keyof typeof changed] = c.to;
      const rescored = scoreOnly(spec, changed);
      if (!bestReduction || rescored.score < bestReduction.score) bestReduction = { changes, score: rescored.score, level: rescored.level };
      if (levelRank(rescored.level) < levelRank(base.level)) {
        const e = effort(changes);
        if (!best || e < best.effort) best = { changes, score: rescored.score, level: rescored.level, effort: e };
      }
    }
    if (best) break; // fewest changes first
  }
  const chosen = best ?? bestReduction!;
  return { changes: chosen.changes, rescoredScore: chosen.score, rescoredLevel: chosen.level, reachesLowerLevel: best !== null };
}
