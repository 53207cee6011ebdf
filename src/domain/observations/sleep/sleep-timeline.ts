/**
 * The union timeline of a set of overlapping sleep samples: every instant covered by at least one sample gets
 * exactly one stage (the winner under the precedence of README.md "Overlapping samples"), so nothing is counted
 * twice however many sources recorded the same night. Instants covered by no sample get nothing (not invented).
 */
import { stagePrecedence, stageTier, type SleepStage } from './sleep-stage.js';

export interface TimelineSample {
  readonly startMs: number;
  readonly endMs: number;
  readonly stage: SleepStage;
  /** source priority, lower wins; only decides between specific stages (awake/core/rem/deep) */
  readonly rank: number;
}

/** A maximal run of one winning stage, [startMs, endMs). Consecutive segments may touch; gaps mean "no data". */
export interface Segment {
  readonly startMs: number;
  readonly endMs: number;
  readonly stage: SleepStage;
}

interface Claim {
  readonly stage: SleepStage;
  readonly rank: number;
}

/** True when `a` beats `b`: higher tier, then better (lower) source rank, then stage precedence. */
function beats(a: Claim, b: Claim): boolean {
  const ta = stageTier(a.stage);
  const tb = stageTier(b.stage);
  if (ta !== tb) return ta > tb;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return stagePrecedence(a.stage) > stagePrecedence(b.stage);
}

export function unionTimeline(samples: readonly TimelineSample[]): Segment[] {
  const claims = new Map<string, Claim>();
  const events: { t: number; delta: 1 | -1; key: string }[] = [];
  for (const s of samples) {
    if (!(s.endMs > s.startMs)) continue;
    const key = `${s.stage}\u0000${s.rank}`;
    if (!claims.has(key)) claims.set(key, { stage: s.stage, rank: s.rank });
    events.push({ t: s.startMs, delta: 1, key }, { t: s.endMs, delta: -1, key });
  }
  events.sort((a, b) => a.t - b.t);

  const active = new Map<string, number>();
  const segments: Segment[] = [];
  let i = 0;
  while (i < events.length) {
    const t = events[i]!.t;
    while (i < events.length && events[i]!.t === t) {
      const e = events[i]!;
      const n = (active.get(e.key) ?? 0) + e.delta;
      if (n === 0) active.delete(e.key);
      else active.set(e.key, n);
      i++;
    }
    if (i >= events.length || active.size === 0) continue;
    let winner: Claim | undefined;
    for (const key of active.keys()) {
      const c = claims.get(key)!;
      if (!winner || beats(c, winner)) winner = c;
    }
    const next = events[i]!.t;
    const last = segments[segments.length - 1];
    if (last && last.endMs === t && last.stage === winner!.stage) {
      segments[segments.length - 1] = { startMs: last.startMs, endMs: next, stage: last.stage };
    } else {
      segments.push({ startMs: t, endMs: next, stage: winner!.stage });
    }
  }
  return segments;
}
