import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FITNESS_RULES } from './default-fitness-rules.js';
import { loadFitnessRules, parseFitnessRules } from './load-fitness-rules.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
  writeFileSync(path, text);
  return path;
};

describe('fitness rules from a file', () => {
  it('uses the defaults without a file, and an operator file when it is valid', () => {
    expect(loadFitnessRules(undefined)).toBe(DEFAULT_FITNESS_RULES);
    const strict = { ...DEFAULT_FITNESS_RULES, name: 'acme-night-shift-2', max_validity_hours: 12 };
    expect(loadFitnessRules(file(JSON.stringify(strict)))).toEqual(strict);
  });

  it('refuses a file that is not JSON or not rules, naming the problem', () => {
    expect(() => loadFitnessRules(file('{ nope'))).toThrow(/cannot be read as JSON/);
    expect(() => parseFitnessRules({ ...DEFAULT_FITNESS_RULES, max_validity_hours: 'soon' })).toThrow(/max_validity_hours/);
    const badRule = { ...DEFAULT_FITNESS_RULES, rules: [{ ...DEFAULT_FITNESS_RULES.rules[0], clearances: ['flying'] }] };
    expect(() => parseFitnessRules(badRule)).toThrow(/clearances/);
  });
});
