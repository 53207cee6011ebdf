/** Writes a person's recent weeks straight into the observation store, for the twin and risk HTTP tests. */
import type { App } from '../../src/app.js';
import type { SampleInput } from '../../src/domain/observations/index.js';
import { sample } from './samples.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface RecentWeeks {
  /** the instant "now" of the test; data covers the days before it */
  readonly now: Date;
  readonly days: number;
  /** hours asleep each night (one asleep_core block from 23:00 UTC) */
  readonly asleepHours: number;
  readonly restingHr: (dayIndex: number) => number;
  readonly steps: number;
}

/** Nights, resting heart rate and steps for `days` days ending the day of `now` (UTC, offset 0). */
export function recentWeeks(o: RecentWeeks): SampleInput[] {
  const today = Date.parse(o.now.toISOString().slice(0, 10) + 'T00:00:00Z');
  const samples: SampleInput[] = [];
  for (let i = 0; i < o.days; i++) {
    const day = today - (o.days - 1 - i) * DAY_MS;
    const bed = day - HOUR_MS; // 23:00 the evening before
    const wake = bed + o.asleepHours * HOUR_MS;
    if (wake < o.now.getTime()) {
      samples.push(
        sample({ type: 'sleep_stage', category: 'in_bed', value: null, start: iso(bed - 15 * 60_000), end: iso(wake + 10 * 60_000) }),
      );
      samples.push(sample({ type: 'sleep_stage', category: 'asleep_core', value: null, start: iso(bed), end: iso(wake) }));
    }
    const morning = day + 8 * HOUR_MS;
    if (morning < o.now.getTime()) {
      samples.push(sample({ type: 'resting_heart_rate', value: o.restingHr(i), start: iso(morning) }));
      samples.push(sample({ type: 'steps', value: o.steps, start: iso(morning + HOUR_MS), end: iso(morning + 2 * HOUR_MS) }));
    }
  }
  return samples;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Stores the samples for the person as one batch and announces the change (as an upload job would). */
export async function storeFor(app: App, personId: string, samples: SampleInput[], batchId = 'test-batch'): Promise<void> {
  await app.services.observations.writer.write({ personId, batchId, samples });
  await app.services.observations.changes.notify(personId);
}
