import type { TwinFeatures } from '../twin-features.js';
import type { TwinScores } from '../twin-score.js';
import { applyChangesWithNotes } from './apply-changes.js';
import type { SimulationChange } from './simulation-change.schema.js';

/** The twin scorer, passed in so this module does not depend on ../scoring (and tests can use small fakes). */
export type Scorer = (features: TwinFeatures) => TwinScores;

export interface SimulationResult {
  readonly baseline: TwinScores;
  readonly simulated: TwinScores;
  readonly changes: readonly SimulationChange[];
  /** parts of a change that could not be applied (see applyChangesWithNotes) */
  readonly notes: readonly string[];
}

/** Scores the snapshot as it is and as it would be with `changes`. */
export function simulate(features: TwinFeatures, changes: readonly SimulationChange[], score: Scorer): SimulationResult {
  const { features: edited, notes } = applyChangesWithNotes(features, changes);
  return { baseline: score(features), simulated: score(edited), changes, notes };
}
