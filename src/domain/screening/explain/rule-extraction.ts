import type { ModelInputs } from '../model/model-inputs.js';
import { RISK_LEVELS, type RiskLevel, type ScreeningModelSpec } from '../model/model-spec.js';
import { levelRank, scoreOnly } from '../model/scoring.js';
import { COHORT_RANGES, referenceCohort } from './reference-cohort.js';

export interface Condition {
  input: string;
  op: '>=' | '<';
  threshold: number;
}

type TreeNode = { leaf: number } | { input: string; threshold: number; below: TreeNode; above: TreeNode };

export interface RuleSet {
  rules: { conditions: Condition[]; level: RiskLevel }[];
  /** Share of held-out reference profiles where the rules give the model's level. */
  fidelity: number;
  cohortSize: number;
  depth: number;
}

const TRAIN_SIZE = 4000;
const HOLDOUT_SIZE = 2000;
const MAX_DEPTH = 4;
const MIN_LEAF = 40;
const CANDIDATES = 16;
const INPUTS = Object.keys(COHORT_RANGES);
const CLASSES = RISK_LEVELS.length;

function gini(counts: number[], total: number): number {
  let impurity = 1;
  for (const count of counts) impurity -= (count / total) ** 2;
  return impurity;
}

/** Thresholds on the input's own grid (whole PHQ-9 points, half hours…), so the rules read as a clinician would write them. */
function candidates(input: string): number[] {
  const { min, max, step } = COHORT_RANGES[input]!;
  const out: number[] = [];
  for (let i = 1; i < CANDIDATES; i++) out.push(Number((Math.round((min + ((max - min) * i) / CANDIDATES) / step) * step).toFixed(4)));
  return [...new Set(out)];
}

const THRESHOLDS = new Map(INPUTS.map((input) => [input, candidates(input)]));

type Columns = ReadonlyMap<string, Float64Array>;

/** CART with Gini impurity over class counts; `rows` are indices into the cohort's columns. */
function grow(columns: Columns, labels: Uint8Array, rows: number[], depth: number): TreeNode {
  const counts = new Array<number>(CLASSES).fill(0);
  for (const r of rows) counts[labels[r]!]!++;
  const leaf = { leaf: counts.indexOf(Math.max(...counts)) };
  const base = gini(counts, rows.length);
  if (depth === MAX_DEPTH || base === 0 || rows.length < 2 * MIN_LEAF) return leaf;
  let best: { input: string; threshold: number; impurity: number } | null = null;
  for (const input of INPUTS) {
    const column = columns.get(input)!;
    for (const threshold of THRESHOLDS.get(input)!) {
      const above = new Array<number>(CLASSES).fill(0);
      let aboveTotal = 0;
      for (const r of rows) {
        if (column[r]! >= threshold) {
          above[labels[r]!]!++;
          aboveTotal++;
        }
      }
      const belowTotal = rows.length - aboveTotal;
      if (aboveTotal < MIN_LEAF || belowTotal < MIN_LEAF) continue;
      const below = counts.map((c, i) => c - above[i]!);
      const impurity = (aboveTotal * gini(above, aboveTotal) + belowTotal * gini(below, belowTotal)) / rows.length;
      if (!best || impurity < best.impurity) best = { input, threshold, impurity };
    }
  }
  if (!best || best.impurity >= base) return leaf;
  const { input, threshold } = best;
  const column = columns.get(input)!;
  const above = grow(
    columns,
    labels,
    rows.filter((r) => column[r]! >= threshold),
    depth + 1,
  );
  const below = grow(
    columns,
    labels,
    rows.filter((r) => column[r]! < threshold),
    depth + 1,
  );
  // Two leaves that say the same thing are one rule.
  if ('leaf' in above && 'leaf' in below && above.leaf === below.leaf) return above;
  return { input, threshold, above, below };
}

function classify(node: TreeNode, row: ModelInputs): number {
  let current = node;
  while (!('leaf' in current)) current = (row[current.input] ?? 0) >= current.threshold ? current.above : current.below;
  return current.leaf;
}

function collect(node: TreeNode, path: Condition[], into: RuleSet['rules']): void {
  if ('leaf' in node) {
    into.push({ conditions: simplify(path), level: RISK_LEVELS[node.leaf]! });
    return;
  }
  collect(node.above, [...path, { input: node.input, op: '>=', threshold: node.threshold }], into);
  collect(node.below, [...path, { input: node.input, op: '<', threshold: node.threshold }], into);
}

/** `x >= 10 AND x >= 15` → `x >= 15`: one condition per input and direction. */
function simplify(path: Condition[]): Condition[] {
  const kept = new Map<string, Condition>();
  for (const c of path) {
    const key = `${c.input}${c.op}`;
    const prior = kept.get(key);
    if (!prior || (c.op === '>=' ? c.threshold > prior.threshold : c.threshold < prior.threshold)) kept.set(key, c);
  }
  return [...kept.values()];
}

const levelIndex = (spec: ScreeningModelSpec, row: ModelInputs): number => levelRank(scoreOnly(spec, row).level);
const cache = new Map<string, RuleSet>();

/**
 * Rules extracted from the model: a depth-4 classification tree fitted to the model's own levels on a synthetic
 * reference cohort, with its fidelity (agreement with the model) measured on a separate held-out cohort. The safety
 * rail is not part of the model, so not of the rules. Computed once per model version.
 */
export function extractRules(spec: ScreeningModelSpec): RuleSet {
  const key = `${spec.id}@${spec.version}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const train = referenceCohort(TRAIN_SIZE, 20251117);
  const labels = Uint8Array.from(train, (row) => levelIndex(spec, row));
  const columns = new Map(INPUTS.map((input) => [input, Float64Array.from(train, (row) => row[input] ?? 0)]));
  const tree = grow(
    columns,
    labels,
    train.map((_, i) => i),
    0,
  );
  const holdout = referenceCohort(HOLDOUT_SIZE, 7);
  const agree = holdout.filter((row) => classify(tree, row) === levelIndex(spec, row)).length;
  const rules: RuleSet['rules'] = [];
  collect(tree, [], rules);
  rules.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  const result: RuleSet = { rules, fidelity: agree / HOLDOUT_SIZE, cohortSize: HOLDOUT_SIZE, depth: MAX_DEPTH };
  cache.set(key, result);
  return result;
}

export const matches = (conditions: Condition[], inputs: ModelInputs): boolean =>
  conditions.every((c) => {
    const value = inputs[c.input] ?? 0;
    return c.op === '>=' ? value >= c.threshold : value < c.threshold;
  });

export const conditionText = (c: Condition): string => `${c.input} ${c.op} ${c.threshold}`;
