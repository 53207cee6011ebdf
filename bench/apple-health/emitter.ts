/** A writer of one kind of top-level element (one record type, or Correlation/Workout/ActivitySummary) for one day. */
import type { DayPlan, World } from './day-model.js';
import type { Rng } from './prng.js';
import type { XmlOut } from './xml-out.js';

export interface EmitContext {
  readonly world: World;
  readonly plan: DayPlan;
  readonly out: XmlOut;
  /** This writer's own stream for this day. */
  readonly rng: Rng;
}

export interface Emitter {
  readonly name: string;
  emit(ctx: EmitContext): void;
}
