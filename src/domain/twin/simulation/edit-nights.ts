import type { NightFeatures } from '../twin-features.js';

const MINUTE_MS = 60_000;

/**
 * Lengthens (or shortens) one main sleep by `deltaMinutes` asleep. The bedtime moves and the wake time stays: work and
 * daylight usually fix the wake time, so "sleep more" in practice means "go to bed earlier". Time awake in bed is
 * kept, stage minutes scale with sleep (no model says which stage an extra hour adds to), and the new bedtime never
 * overlaps the previous night's sleep (`earliestStartMs`).
 */
export function resizeNight(
  night: NightFeatures,
  deltaMinutes: number,
  earliestStartMs: number,
): { night: NightFeatures; appliedMinutes: number } {
  const startMs = Date.parse(night.sleep_start);
  const endMs = Date.parse(night.sleep_end);
  const roomBefore = Math.max(0, (startMs - earliestStartMs) / MINUTE_MS);
  const applied = Math.min(Math.max(deltaMinutes, -night.asleep_minutes, -(endMs - startMs) / MINUTE_MS), roomBefore);
  if (applied === 0) return { night, appliedMinutes: 0 };

  const asleep = night.asleep_minutes + applied;
  const newStartMs = startMs - applied * MINUTE_MS;
  const inBed = night.in_bed_minutes === null ? null : night.in_bed_minutes + applied;
  const denominator = inBed ?? (endMs - newStartMs) / MINUTE_MS;
  const scale = night.asleep_minutes > 0 ? asleep / night.asleep_minutes : 0;
  const scaled = (minutes: number | null) => (minutes === null ? null : minutes * scale);
  return {
    night: {
      ...night,
      sleep_start: new Date(newStartMs).toISOString(),
      asleep_minutes: asleep,
      in_bed_minutes: inBed,
      efficiency: night.efficiency === null || denominator <= 0 ? night.efficiency : Math.min(1, asleep / denominator),
      deep_minutes: scaled(night.deep_minutes),
      rem_minutes: scaled(night.rem_minutes),
    },
    appliedMinutes: applied,
  };
}

/**
 * Applies `deltaFor(night)` minutes to each of the last `count` nights (all when undefined), oldest first, so each
 * night can be kept clear of the (possibly edited) night before it. Returns the nights and how many were changed.
 */
export function editLastNights(
  nights: readonly NightFeatures[],
  count: number | undefined,
  deltaFor: (night: NightFeatures) => number,
): { nights: NightFeatures[]; changed: number; shortfallMinutes: number } {
  const from = count === undefined ? 0 : Math.max(0, nights.length - count);
  const edited: NightFeatures[] = [];
  let changed = 0;
  let shortfallMinutes = 0;
  nights.forEach((night, i) => {
    if (i < from) {
      edited.push(night);
      return;
    }
    const previous = edited[i - 1];
    const earliest = previous === undefined ? -Infinity : Date.parse(previous.sleep_end);
    const wanted = deltaFor(night);
    const { night: next, appliedMinutes } = resizeNight(night, wanted, earliest);
    if (appliedMinutes !== 0) changed += 1;
    shortfallMinutes += Math.abs(wanted - appliedMinutes);
    edited.push(next);
  });
  return { nights: edited, changed, shortfallMinutes };
}
