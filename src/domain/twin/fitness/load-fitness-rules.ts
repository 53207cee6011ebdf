import { readFileSync } from 'node:fs';
import { Value } from 'typebox/value';
import { DEFAULT_FITNESS_RULES } from './default-fitness-rules.js';
import { FitnessRulesSchema, type FitnessRules } from './fitness-rules.schema.js';

/** Rules from parsed JSON, or an error naming what is wrong (at most ten problems, each with its path). */
export function parseFitnessRules(value: unknown): FitnessRules {
  if (Value.Check(FitnessRulesSchema, value)) return value;
  const problems = [...Value.Errors(FitnessRulesSchema, value)].slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new Error(`the fitness rules are invalid: ${problems.join('; ')}`);
}

/**
 * The operator's rules (`FITNESS_RULES_FILE`, JSON in the shape of DEFAULT_FITNESS_RULES), or the defaults. Read once
 * at start-up, and a bad file stops the server: fitness answers must never run on rules nobody checked.
 */
export function loadFitnessRules(path: string | undefined): FitnessRules {
  if (path === undefined) return DEFAULT_FITNESS_RULES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`FITNESS_RULES_FILE ${path} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return parseFitnessRules(json);
}
