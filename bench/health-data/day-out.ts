/** Collecting one local day's samples (epoch seconds in, SampleInput out), and the walk helpers the streams share. */
import type { AppleClock } from '../apple-health/apple-clock.js';
import type { Bout } from '../apple-health/activity-model.js';
import type { DayPlan } from '../apple-health/day-model.js';
import type { MetadataValue, ObservationTypeId, SampleInput, SampleSource } from '../../src/domain/observations/index.js';

/** The samples of one local day; drops anything starting outside it (each sample lands on exactly one day). */
export class DayOut {
  readonly samples: SampleInput[] = [];

  constructor(
    private readonly clock: AppleClock,
    private readonly plan: DayPlan,
  ) {}

  base(type: ObservationTypeId, start: number, end: number, source: SampleSource): SampleInput {
    return {
      type,
      start: start * 1000,
      end: end * 1000,
      value: null,
      category: null,
      components: null,
      utcOffsetMinutes: this.clock.offsetMinutes(start),
      timeZone: null,
      source,
      provenance: 'sensed',
      metadata: null,
      externalId: null,
    };
  }

  push(sample: SampleInput): void {
    const t = sample.start / 1000;
    if (t >= this.plan.start && t < this.plan.end) this.samples.push(sample);
  }

  instant(
    type: ObservationTypeId,
    t: number,
    value: number,
    source: SampleSource,
    metadata: Record<string, MetadataValue> | null = null,
  ): void {
    this.push({ ...this.base(type, t, t, source), value, metadata });
  }

  interval(
    type: ObservationTypeId,
    start: number,
    end: number,
    value: number,
    source: SampleSource,
    extra: Partial<SampleInput> = {},
  ): void {
    this.push({ ...this.base(type, start, end, source), value, ...extra });
  }

  category(
    type: ObservationTypeId,
    start: number,
    end: number,
    category: string,
    source: SampleSource,
    extra: Partial<SampleInput> = {},
  ): void {
    this.push({ ...this.base(type, start, end, source), category, ...extra });
  }
}

export const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Whether a walk covers t; for increasing t (a moving index). */
export function walkingAt(bouts: readonly Bout[]): (t: number) => boolean {
  let i = 0;
  let last = -Infinity;
  return (t) => {
    if (t < last) i = 0;
    last = t;
    while (i < bouts.length && bouts[i]!.end <= t) i++;
    return i < bouts.length && bouts[i]!.start <= t;
  };
}

/** Steps and metres the walks accepted by `counts` put into [from, to). */
export function stepsIn(bouts: readonly Bout[], from: number, to: number, counts: (b: Bout) => boolean): { steps: number; metres: number } {
  let steps = 0;
  let metres = 0;
  for (const b of bouts) {
    if (b.end <= from) continue;
    if (b.start >= to) break;
    if (!counts(b)) continue;
    const overlap = Math.min(b.end, to) - Math.max(b.start, from);
    const s = (b.cadence / 60) * overlap;
    steps += s;
    metres += s * b.stride;
  }
  return { steps, metres };
}
