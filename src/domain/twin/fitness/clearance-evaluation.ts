import { conditionHolds, type MeasureValues } from './fitness-measures.js';
import { CLEARANCE_STATUSES, CLEARANCES, type Clearance, type ClearanceStatus, type FitnessRule } from './fitness-rules.schema.js';

export interface ClearanceEvaluation {
  readonly clearances: Record<Clearance, ClearanceStatus>;
  /** rules whose condition holds */
  readonly fired: readonly FitnessRule[];
  /** rules whose measure is unknown */
  readonly unchecked: readonly FitnessRule[];
}

const rank = (status: ClearanceStatus) => CLEARANCE_STATUSES.indexOf(status);
export const moreRestrictive = (a: ClearanceStatus, b: ClearanceStatus): ClearanceStatus => (rank(a) >= rank(b) ? a : b);
export const isWorse = (a: ClearanceStatus, than: ClearanceStatus): boolean => rank(a) > rank(than);

/** Every clearance takes the most restrictive outcome among the rules that fire for it; none fired → cleared. */
export function evaluateClearances(rules: readonly FitnessRule[], values: MeasureValues): ClearanceEvaluation {
  const clearances = Object.fromEntries(CLEARANCES.map((c) => [c, 'cleared'])) as Record<Clearance, ClearanceStatus>;
  const fired: FitnessRule[] = [];
  const unchecked: FitnessRule[] = [];
  for (const rule of rules) {
    const holds = conditionHolds(rule.condition, values);
    if (holds === null) unchecked.push(rule);
    if (holds !== true) continue;
    fired.push(rule);
    for (const clearance of rule.clearances) clearances[clearance] = moreRestrictive(clearances[clearance], rule.outcome);
  }
  return { clearances, fired, unchecked };
}
