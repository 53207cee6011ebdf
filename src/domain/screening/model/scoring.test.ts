import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScreeningModelRegistry } from './model-registry.js';
import { REFERENCE_SCORE, scoreCutoffs, scoreInputs } from './scoring.js';

/**
 * The knowledge-based model's invariants. Expected numbers: weights from the coefficients file (each cited there);
 * cut-offs are 1.0, 1.5 and 2.0 x ln(0.88/0.12) (Kroenke 2001) over the maximum 10.98404.
 */
const registry = new ScreeningModelRegistry();
const spec = registry.active;

const profile = fc.record(
  {
    phq9_score: fc.integer({ min: 0, max: 27 }),
    gad7_score: fc.integer({ min: 0, max: 21 }),
    sleep_hours: fc.double({ min: 0, max: 24, noNaN: true }),
    sleep_efficiency: fc.double({ min: 0, max: 1, noNaN: true }),
    sleep_interruptions: fc.integer({ min: 0, max: 100 }),
    hrv_rmssd: fc.double({ min: 1, max: 300, noNaN: true }),
    steps_per_day: fc.integer({ min: 0, max: 150000 }),
    active_minutes: fc.double({ min: 0, max: 1440, noNaN: true }),
  },
  { requiredKeys: [] },
);

describe('mhras_evidence 1.0.0', () => {
  it('contributions are exact: they sum to score − reference score, and the score stays within 0-100', () => {
    fc.assert(
      fc.property(profile, (inputs) => {
        const result = scoreInputs(spec, inputs);
        const sum = result.contributions.reduce((total, c) => total + c.points, 0);
        expect(sum).toBeCloseTo(result.score - REFERENCE_SCORE, 9);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('a missing input never adds risk and never raises confidence', () => {
    fc.assert(
      fc.property(
        profile,
        fc.constantFrom(...Object.keys(spec.counterfactual_targets), 'phq9_score', 'gad7_score', 'hrv_rmssd'),
        (inputs, drop) => {
          const full = scoreInputs(spec, inputs);
          const without = scoreInputs(spec, { ...inputs, [drop]: undefined });
          expect(without.score).toBeLessThanOrEqual(full.score + 1e-9);
          expect(without.confidence).toBeLessThanOrEqual(full.confidence + 1e-9);
        },
      ),
    );
  });

  it('with only a PHQ-9, the level is its published band (Kroenke 2001)', () => {
    const levels = [9, 10, 14, 15, 19, 20].map((phq9_score) => scoreInputs(spec, { phq9_score }).level);
    expect(levels).toEqual(['low', 'moderate', 'moderate', 'high', 'high', 'critical']);
    const cut = scoreCutoffs(spec);
    expect(cut.moderate).toBeCloseTo((100 * Math.log(0.88 / 0.12)) / 10.98404, 3);
  });

  it('loads a new version from a coefficients file without code changes, and keeps the old one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'screening-models-'));
    try {
      const v1 = JSON.parse(readFileSync(new URL('./coefficients/mhras-evidence-1.0.0.json', import.meta.url), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(join(dir, 'next.json'), JSON.stringify({ ...v1, version: '1.1.0' }));
      const next = new ScreeningModelRegistry({ extraDirectory: dir, active: 'mhras_evidence@1.1.0' });
      expect(next.active.version).toBe('1.1.0');
      expect(next.get('mhras_evidence', '1.0.0')).toBeDefined();
      writeFileSync(
        join(dir, 'next.json'),
        JSON.stringify({ ...v1, version: '1.2.0', cutoffs_log_odds: { moderate: 3, high: 2, critical: 4 } }),
      );
      expect(() => new ScreeningModelRegistry({ extraDirectory: dir })).toThrow(/cut-offs must rise/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
