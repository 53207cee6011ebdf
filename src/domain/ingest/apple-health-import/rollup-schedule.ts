/**
 * Which rollup windows an import can recompute while it is still writing, instead of all of them at the end.
 *
 * An export lists each type's records in time order, so once a type's rows have moved a day past a window (plus the
 * reach of local days and of cumulative samples), no later row can change that window's rollups: it is recomputed
 * then, from the stored rows, in the writer's idle time. A row that arrives behind a window already recomputed (an
 * export out of order) withdraws that window and every later one of its type; whatever was not recomputed during the
 * import, or was withdrawn, is recomputed at the end. Windows sit on one grid (whole weeks from the epoch), so the
 * end pass and the early one never disagree about boundaries. Pure: no I/O.
 */
import type { TypeExtents } from '../../observations/index.js';
import { DAY_MS } from '../../observations/store/observation-tx.js';
import { MAX_CUMULATIVE_SPAN_MS } from '../../observations/store/rollup-compute.js';

/** A week: a multiple of both bucket sizes, and a short transaction. */
export const WINDOW_MS = 7 * DAY_MS;
/** Widest offset from UTC a local date can have (a window's rollups read this far either side). */
const MAX_OFFSET_MS = 18 * 3_600_000;
/** How far behind its latest row a type's records may still arrive without withdrawing a window. */
const DISORDER_MS = DAY_MS;

export interface RollupWindow {
  readonly type: string;
  /** [from, to): whole days on the window grid. */
  readonly from: number;
  readonly to: number;
}

interface TypeState {
  /** Latest start seen. */
  frontier: number;
  /** Windows [rolledFrom, rolledTo) recomputed during the import (empty when equal). */
  rolledFrom: number;
  rolledTo: number;
}

function windowOf(instant: number): number {
  return Math.floor(instant / WINDOW_MS) * WINDOW_MS;
}

/** First and end (exclusive) window start covering every bucket rows in `extent` touch. */
function rangeOf(extent: { first: number; last: number }): { from: number; to: number } {
  // Local days lie up to a day either side of the UTC instant; cumulative samples reach 24 h past their start.
  return { from: windowOf(extent.first - DAY_MS), to: windowOf(extent.last + MAX_CUMULATIVE_SPAN_MS + DAY_MS) + WINDOW_MS };
}

export class RollupSchedule {
  private readonly types = new Map<string, TypeState>();

  /**
   * Notes a batch's rows of `type` (earliest and latest start); `extents` must already include them. Withdraws the
   * windows the batch's earliest row may change.
   */
  observe(type: string, earliest: number, latest: number, extents: TypeExtents): void {
    let state = this.types.get(type);
    if (state === undefined) {
      const from = rangeOf(extents[type]!).from;
      state = { frontier: latest, rolledFrom: from, rolledTo: from };
      this.types.set(type, state);
    }
    if (latest > state.frontier) state.frontier = latest;
    // A window's rollups read rows starting up to MAX_OFFSET_MS after it: a row starting there changes it.
    // The lowest window it can change; below the rolled range, that empties the range.
    const affected = windowOf(earliest - MAX_OFFSET_MS);
    if (affected < state.rolledTo) state.rolledTo = Math.max(state.rolledFrom, affected);
  }

  /** The windows no later row should change, now marked recomputed (the caller recomputes them). */
  ready(): RollupWindow[] {
    const windows: RollupWindow[] = [];
    for (const [type, state] of this.types) {
      while (state.rolledTo + WINDOW_MS + MAX_OFFSET_MS + DISORDER_MS <= state.frontier) {
        windows.push({ type, from: state.rolledTo, to: state.rolledTo + WINDOW_MS });
        state.rolledTo += WINDOW_MS;
      }
    }
    return windows;
  }

  /** At the end: every window of the extents not recomputed during the import. */
  remaining(extents: TypeExtents): RollupWindow[] {
    const windows: RollupWindow[] = [];
    for (const [type, extent] of Object.entries(extents)) {
      const range = rangeOf(extent);
      const state = this.types.get(type);
      for (let from = range.from; from < range.to; from += WINDOW_MS) {
        if (state && from >= state.rolledFrom && from < state.rolledTo) continue;
        windows.push({ type, from, to: from + WINDOW_MS });
      }
    }
    return windows;
  }
}
