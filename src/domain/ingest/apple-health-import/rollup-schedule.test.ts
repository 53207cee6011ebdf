import { describe, expect, it } from 'vitest';
import { DAY_MS, type TypeExtents } from '../../observations/index.js';
import { RollupSchedule, WINDOW_MS, type RollupWindow } from './rollup-schedule.js';

const T0 = 2857 * 7 * DAY_MS; // on the window grid (whole weeks from the epoch)
const day = (n: number) => T0 + n * DAY_MS;

/** Feeds one batch of `type` with starts in [from, to] (days), extending the extents as the consumer does. */
function batch(schedule: RollupSchedule, extents: TypeExtents, type: string, from: number, to: number): void {
  const extent = extents[type];
  extents[type] = { first: Math.min(extent?.first ?? Infinity, day(from)), last: Math.max(extent?.last ?? -Infinity, day(to)) };
  schedule.observe(type, day(from), day(to), extents);
}

const starts = (windows: readonly RollupWindow[]) => windows.map((w) => (w.from - T0) / DAY_MS);

describe('rollup schedule', () => {
  it('releases a window once the type has moved a day and the local-day reach past it', () => {
    const schedule = new RollupSchedule();
    const extents: TypeExtents = {};
    batch(schedule, extents, 'heart_rate', 0, 1);
    expect(schedule.ready()).toEqual([]);
    // The week before the first row (its local day may fall there) is settled at day 1.75: 18 h of offset, a day of slack.
    batch(schedule, extents, 'heart_rate', 1, 2);
    expect(starts(schedule.ready())).toEqual([-7]);
    batch(schedule, extents, 'heart_rate', 2, 8);
    expect(schedule.ready()).toEqual([]);
    batch(schedule, extents, 'heart_rate', 8, 9);
    expect(starts(schedule.ready())).toEqual([0]);
    expect(schedule.ready()).toEqual([]);
  });

  it('recomputes at the end exactly the windows not released, covering the whole extent', () => {
    const schedule = new RollupSchedule();
    const extents: TypeExtents = {};
    for (let d = 0; d < 40; d += 2) batch(schedule, extents, 'steps', d, d + 2);
    const early = schedule.ready();
    const late = schedule.remaining(extents);
    const all = [...early, ...late].map((w) => w.from).sort((a, b) => a - b);
    expect(new Set(all).size).toBe(all.length); // no window twice
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBe(WINDOW_MS); // no gap
    expect(all[0]).toBeLessThanOrEqual(day(-1));
    expect(all.at(-1)! + WINDOW_MS).toBeGreaterThanOrEqual(day(42) + 2 * DAY_MS); // last start + 24 h span + a local day
    expect(early.length).toBeGreaterThan(3);
  });

  it('withdraws released windows a late row can change, and recomputes them at the end', () => {
    const schedule = new RollupSchedule();
    const extents: TypeExtents = {};
    for (let d = 0; d < 30; d += 2) batch(schedule, extents, 'heart_rate', d, d + 2);
    const released = starts(schedule.ready());
    expect(released).toContain(7);
    batch(schedule, extents, 'heart_rate', 8, 31); // a record of day 8 after day 30
    const remaining = starts(schedule.remaining(extents));
    for (const start of released.filter((s) => s >= 7)) expect(remaining).toContain(start);
    expect(remaining).not.toContain(0); // untouched by day 8 (even at 18 h before it)
    expect(remaining).not.toContain(-7);
  });

  it('keeps types apart, and empties a type’s range when a row lands before it', () => {
    const schedule = new RollupSchedule();
    const extents: TypeExtents = {};
    for (let d = 0; d < 30; d += 2) batch(schedule, extents, 'steps', d, d + 2);
    batch(schedule, extents, 'heart_rate', 0, 1);
    expect(starts(schedule.ready().filter((w) => w.type === 'heart_rate'))).toEqual([]);
    batch(schedule, extents, 'steps', -20, -20);
    const remaining = schedule.remaining(extents).filter((w) => w.type === 'steps');
    expect(starts(remaining)).toContain(0);
    expect(starts(remaining)).toContain(-21); // the extent now starts at day -20
  });
});
