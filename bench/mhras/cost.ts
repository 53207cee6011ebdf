/**
 * CPU cost per screening step, in-process and without HTTP: what a /screen, /risk-score or /explain pays in this
 * process alone (useful when the machine is shared and the HTTP benchmark's latencies measure the neighbours).
 *
 *   npx tsx bench/mhras/cost.ts
 */
import { performance } from 'node:perf_hooks';
import { ScreeningModelRegistry } from '../../src/domain/screening/index.js';
import { assess } from '../../src/domain/screening/assessment.js';
import { SCREEN_BODY } from './screen-body.js';

const registry = new ScreeningModelRegistry();
const input = { ...SCREEN_BODY, anonymized_id: 'cost-probe' };
const time = (label: string, runs: number, work: () => unknown) => {
  for (let i = 0; i < Math.min(runs, 200); i++) work();
  const started = performance.now();
  for (let i = 0; i < runs; i++) work();
  const perCallUs = ((performance.now() - started) / runs) * 1000;
  console.log(`${label.padEnd(40)} ${perCallUs.toFixed(1).padStart(8)} µs per call`);
};
time('assess (score, rail, explanations, recs)', 2000, () => assess(registry.active, input, { locale: 'en-US' }));
time('JSON.stringify(input)', 20000, () => JSON.stringify(input));
