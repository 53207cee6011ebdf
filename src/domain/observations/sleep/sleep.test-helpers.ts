/** Builders for the sleep tests (test-only; not exported from index.ts). */
import type { SleepSample } from './sleep-sample.js';
import type { SleepStage } from './sleep-stage.js';

export interface SampleExtras {
  readonly source?: string;
  readonly timeZone?: string;
  readonly utcOffsetMinutes?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function sample(start: string, end: string, stage: SleepStage, extras: SampleExtras = {}): SleepSample {
  return { start, end, stage, source: extras.source ?? 'Apple Watch', ...pickZone(extras) };
}

/** Contiguous samples starting at `start`, each [stage, minutes]. */
export function sequence(start: string, steps: readonly (readonly [SleepStage, number])[], extras: SampleExtras = {}): SleepSample[] {
  let t = Date.parse(start);
  return steps.map(([stage, minutes]) => {
    const s = sample(iso(t), iso(t + minutes * 60_000), stage, extras);
    t += minutes * 60_000;
    return s;
  });
}

function pickZone(extras: SampleExtras): Partial<SleepSample> {
  const out: { timeZone?: string; utcOffsetMinutes?: number } = {};
  if (extras.timeZone !== undefined) out.timeZone = extras.timeZone;
  if (extras.utcOffsetMinutes !== undefined) out.utcOffsetMinutes = extras.utcOffsetMinutes;
  return out;
}
